"""The real articles of ``tests/data/link`` analysed once per session, and helpers to link them.

Dates come from the corpus's own metadata (``metadata.tsv``); the German article (the developers'
translation of a USA Today article, see the README there) is analysed with ``lang="de"``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pytest

from quotetrace.ingest import read_input
from quotetrace.link import Linker, LinkSettings, LinkUpdate
from quotetrace.pipeline import Analyzer
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
from tests.conftest import DATA

LINK_DATA = DATA / "link"
GERMAN = "de_usa-today_2016-08-10_zweiter-verfassungszusatz"


@pytest.fixture(scope="session")
def articles(analyzer: Analyzer) -> dict[str, Article]:
    """Every test article by file stem, analysed with its publication date."""
    with (LINK_DATA / "metadata.tsv").open(encoding="utf-8") as stream:
        published = {row["filename"]: row["publication_date"]
                     for row in csv.DictReader(stream, delimiter="\t")}
    return {
        path.stem: analyzer.analyze_input(read_input(path), published=published[path.stem],
                                          lang="de" if path.stem == GERMAN else None)
        for path in sorted(LINK_DATA.glob("*.txt"))
    }


def pick(articles: Mapping[str, Article], *prefixes: str) -> list[Article]:
    """The articles whose file names start with each prefix, in the order given."""
    found = []
    for prefix in prefixes:
        matches = [a for name, a in articles.items() if name.startswith(prefix)]
        assert len(matches) == 1, f"{prefix!r} names {len(matches)} test articles"
        found.extend(matches)
    return found


@dataclass
class Corpus:
    """What a store would hold after upserting every update, as the store helper does."""

    links: dict[str, ArticleLink] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    mentions: dict[tuple[str, str], PersonMention] = field(default_factory=dict)
    utterances: dict[str, Utterance] = field(default_factory=dict)
    variants: dict[str, QuoteVariant] = field(default_factory=dict)
    stories: dict[str, Story] = field(default_factory=dict)
    members: dict[str, StoryMember] = field(default_factory=dict)
    updates: list[LinkUpdate] = field(default_factory=list)

    def apply(self, update: LinkUpdate) -> None:
        self.updates.append(update)
        self.links.update((r.article_id, r) for r in update.article_links)
        self.people.update((r.id, r) for r in update.people)
        self.mentions.update(((r.article_id, r.entity_id), r) for r in update.person_mentions)
        self.utterances.update((r.id, r) for r in update.utterances)
        self.variants.update((r.quote_id, r) for r in update.quote_variants)
        for story_id in update.retired_story_ids:
            del self.stories[story_id]
        self.stories.update((r.id, r) for r in update.stories)
        self.members.update((r.article_id, r) for r in update.story_members)

    def person_of(self, article: Article, name: str) -> Person:
        """The person the article's entity called ``name`` was linked to."""
        entity = next(e for e in article.entities if e.name == name)
        return self.people[self.mentions[(article.document.id, entity.id)].person_id]

    def story_of(self, article: Article) -> str:
        return self.members[article.document.id].story_id

    def variants_of(self, utterance_id: str) -> list[QuoteVariant]:
        return [v for v in self.variants.values() if v.utterance_id == utterance_id]


def link(items: Iterable[Article | dict[str, Any]], settings: LinkSettings | None = None,
         linker: Linker | None = None) -> Corpus:
    """Add every item to one linker and keep the upserted state."""
    linker = linker or Linker(settings)
    corpus = Corpus()
    for item in items:
        corpus.apply(linker.add(item))
    return corpus
