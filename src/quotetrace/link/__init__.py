"""Corpus level: copies and rewrites, people, quote variants and stories across articles.

    linker = Linker()                      # LinkSettings() unless given
    update = linker.add(article)           # an Article, or its render.json.article_to_dict
    update.article_links, update.people, update.person_mentions, update.utterances,
    update.quote_variants, update.stories, update.story_members   # records to upsert
    update.retired_story_ids                                       # stories merged away

Each ``add`` links an article to those added before it; the same articles in the same order give
the same records and ids.
"""

from quotetrace.link.inputs import LinkEntity, LinkInput, LinkQuote
from quotetrace.link.linker import Linker, LinkUpdate
from quotetrace.link.settings import LinkSettings

__all__ = ["LinkEntity", "LinkInput", "LinkQuote", "LinkSettings", "LinkUpdate", "Linker"]
