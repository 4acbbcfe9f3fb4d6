"""The linker: each article added is linked to the articles added before it.

Incremental and deterministic: ``add`` sees only earlier articles and the indexes they built, and
the same articles in the same order give the same ids. Memory grows with the indexes only (MinHash
signatures, name tables, quotation texts and rare-word postings, story feature vectors); document
frequencies live in fixed-size sketches.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from quotetrace.link.copies import CopyIndex
from quotetrace.link.inputs import LinkInput, link_input
from quotetrace.link.order import Registry
from quotetrace.link.people import PersonIndex
from quotetrace.link.settings import LinkSettings
from quotetrace.link.stories import StoryIndex
from quotetrace.link.tokens import day_number, words
from quotetrace.link.utterances import UtteranceIndex
from quotetrace.records import (
    Article,
    ArticleLink,
    Person,
    PersonMention,
    QuoteVariant,
    Story,
    StoryMember,
    Utterance,
)


@dataclass(frozen=True, slots=True)
class LinkUpdate:
    """Records to upsert after one ``add``: new ones and earlier ones this article changed.

    Keys: an ArticleLink by ``article_id``, a Person, Utterance or Story by ``id``, a PersonMention
    by ``(article_id, entity_id)``, a QuoteVariant by ``quote_id``, a StoryMember by
    ``article_id``. ``retired_story_ids`` are stories merged into another: delete them (their
    members are re-assigned in ``story_members``).
    """

    article_links: tuple[ArticleLink, ...] = ()
    people: tuple[Person, ...] = ()
    person_mentions: tuple[PersonMention, ...] = ()
    utterances: tuple[Utterance, ...] = ()
    quote_variants: tuple[QuoteVariant, ...] = ()
    stories: tuple[Story, ...] = ()
    story_members: tuple[StoryMember, ...] = ()
    retired_story_ids: tuple[str, ...] = ()


class Linker:
    """Corpus-level links between articles: copies, people, quote variants, stories."""

    def __init__(self, settings: LinkSettings | None = None) -> None:
        self.settings = settings or LinkSettings()
        self._registry = Registry()
        self._copies = CopyIndex(self.settings, self._registry)
        self._people = PersonIndex(self.settings, self._registry)
        self._utterances = UtteranceIndex(self.settings, self._registry)
        self._stories = StoryIndex(self.settings, self._registry)

    def __len__(self) -> int:
        return len(self._registry)

    def add(self, article: Article | Mapping[str, Any] | LinkInput) -> LinkUpdate:
        """Link one article (a pipeline Article or its JSON dict); an id seen before adds nothing."""
        item = link_input(article)
        if item.article_id in self._registry.numbers:
            return LinkUpdate()
        number = self._registry.register(item.article_id, item.published,
                                         day_number(item.published))
        links = self._copies.add(number, words(item.text))
        people = self._people.add(number, item.entities, item.lang)
        quotes = self._utterances.add(number, item.quotes, people.person_of_entity)
        numbers = self._registry.numbers
        copies = {numbers[link.original_id if link.article_id == item.article_id
                          else link.article_id]: link.similarity for link in links}
        stories = self._stories.add(number, item, copies)
        return LinkUpdate(tuple(links), people.people, people.mentions, quotes.utterances,
                          quotes.variants, stories.stories, stories.members, stories.retired)

    def summary(self) -> dict[str, int]:
        """Sizes of the indexes: what the corpus holds so far."""
        return {"articles": len(self._registry), "copy_index": len(self._copies),
                "people": len(self._people), "utterances": len(self._utterances),
                "quote_variants": self._utterances.variants, "stories": self._stories.stories,
                "largest_story": self._stories.largest}
