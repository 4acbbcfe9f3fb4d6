"""What the store answers with: small frozen dataclasses built from records, never raw rows.

The corpus records themselves (``Person``, ``Utterance``, ``Story``…) live in ``records.py``;
these views put them together with what a reader needs next to them (counts, outlets, dates).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Generic, TypeVar

from quotetrace.records import (
    Article,
    ArticleLink,
    CitedSource,
    DateMention,
    Entity,
    Person,
    PersonMention,
    Quote,
    QuoteVariant,
    Rejection,
    Story,
    StoryMember,
    Utterance,
)

__all__ = [
    "ArticleEntry",
    "ArticleLinks",
    "ArticleSummary",
    "Batch",
    "CitedSourceCount",
    "Counts",
    "LinkRecord",
    "MonthCount",
    "OutletCount",
    "Page",
    "PersonCount",
    "PersonProfile",
    "QuoteHit",
    "RelayedUtterance",
    "SearchQuery",
    "StoredArticle",
    "StoryCount",
    "StoryView",
    "UtteranceView",
    "VariantView",
]

T = TypeVar("T")

LinkRecord = ArticleLink | Person | PersonMention | Utterance | QuoteVariant | Story | StoryMember


@dataclass(frozen=True, slots=True)
class ArticleEntry:
    """An analysed article and the outlet its input named (the article itself does not say)."""

    article: Article
    outlet: str | None = None


@dataclass(frozen=True, slots=True)
class Batch:
    """What one transaction writes: whole articles, rejections, the link upserts they caused,
    and the stories merged into others (deleted after the upserts)."""

    articles: tuple[ArticleEntry, ...] = ()
    rejections: tuple[Rejection, ...] = ()
    links: tuple[LinkRecord, ...] = ()
    retired_story_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """Filters over quotations; ``text`` is full-text (every word must occur), empty for all."""

    text: str = ""
    speaker: str | None = None  # part of the speaker's name, as written or as the linked person
    person_id: str | None = None
    outlet: str | None = None
    since: str | None = None  # ISO date, inclusive
    until: str | None = None  # ISO date, inclusive
    lang: str | None = None
    kind: str | None = None
    limit: int = 20
    offset: int = 0
    # Stop counting past this many matches (the page then says "more than"): a bounded cost
    # for any query. None counts them all.
    count_limit: int | None = None

    def filters(self) -> SearchQuery:
        """The same query without its words and page: only what narrows the quotations."""
        return replace(self, text="", limit=20, offset=0, count_limit=None)


@dataclass(frozen=True, slots=True)
class QuoteHit:
    """One stored quotation with the article facts a result list shows."""

    id: str
    article_id: str
    text: str
    kind: str
    cue_lemma: str | None
    speaker_name: str | None
    speaker_role: str | None
    person_id: str | None
    utterance_id: str | None
    outlet: str | None
    published: str | None
    lang: str
    title: str | None
    url: str | None
    confidence: float
    producer: str  # what found it ("quotes.rules.v1:verb-complement", "…:cue-encoder.v1+…")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """``items`` at ``offset`` of ``total`` matches; when not ``exact``, counting stopped at
    ``total`` and there are more."""

    items: tuple[T, ...]
    total: int
    limit: int
    offset: int
    exact: bool = True


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """An article as a list or export row."""

    id: str
    origin: str
    url: str | None
    outlet: str | None
    published: str | None
    lang: str
    title: str | None
    quotes: int


@dataclass(frozen=True, slots=True)
class ArticleLinks:
    """An article's summary and its place in the corpus: what it copies or rewrites, the later
    articles that copy it, and its story."""

    summary: ArticleSummary
    original: ArticleLink | None
    copies: tuple[ArticleLink, ...]
    story_id: str | None


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article with its records, what it copies, what copies it, and its story."""

    summary: ArticleSummary
    text: str
    quotes: tuple[Quote, ...]
    entities: tuple[Entity, ...]
    sources: tuple[CitedSource, ...]
    dates: tuple[DateMention, ...]
    original: ArticleLink | None  # this article is a copy or rewrite of an earlier one
    copies: tuple[ArticleLink, ...]  # later articles that copy or rewrite this one
    story_id: str | None


@dataclass(frozen=True, slots=True)
class PersonCount:
    """A person and how much the corpus quotes them."""

    person: Person
    quotes: int
    articles: int
    outlets: int


@dataclass(frozen=True, slots=True)
class MonthCount:
    """How many of a person's quotations were published in one month (``YYYY-MM``; None for
    the undated)."""

    month: str | None
    quotes: int


@dataclass(frozen=True, slots=True)
class PersonProfile:
    """A person, their quotations over time (oldest first) and the outlets that quote them."""

    person: Person
    quotes: Page[QuoteHit]
    outlets: tuple[tuple[str, int], ...]  # (outlet, quotations), most first
    first_published: str | None
    last_published: str | None


@dataclass(frozen=True, slots=True)
class RelayedUtterance:
    """An utterance and how widely it was relayed."""

    utterance: Utterance
    speaker: str | None  # the linked person's name, else the first quotation's speaker
    quotes: int
    articles: int
    outlets: int


@dataclass(frozen=True, slots=True)
class VariantView:
    """One variant of an utterance, with where and when it appeared."""

    variant: QuoteVariant
    text: str
    outlet: str | None
    published: str | None
    title: str | None
    speaker_name: str | None


@dataclass(frozen=True, slots=True)
class UtteranceView:
    """An utterance, its speaker and every variant, in order of appearance."""

    utterance: Utterance
    person: Person | None
    variants: tuple[VariantView, ...]


@dataclass(frozen=True, slots=True)
class StoryCount:
    """A story and how widely it was told."""

    story: Story
    articles: int
    outlets: int


@dataclass(frozen=True, slots=True)
class StoryView:
    """A story: its articles in order of publication, copy links among them, what was said."""

    story: Story
    members: tuple[tuple[StoryMember, ArticleSummary], ...]
    links: tuple[ArticleLink, ...]
    utterances: tuple[RelayedUtterance, ...]


@dataclass(frozen=True, slots=True)
class OutletCount:
    """An outlet and how many of the corpus's articles it published."""

    outlet: str
    articles: int


@dataclass(frozen=True, slots=True)
class CitedSourceCount:
    """A source articles credit (an outlet, organisation, document or post) and how often."""

    name: str
    kind: str
    citations: int
    articles: int


@dataclass(frozen=True, slots=True)
class Counts:
    """How many of each thing the store holds."""

    articles: int
    quotes: int
    entities: int
    sources: int
    dates: int
    rejections: int
    article_links: int
    people: int
    utterances: int
    stories: int
