"""Immutable records: one frozen dataclass per extracted thing.

Records point into the clean text with half-open ``start, end`` offsets and refer to each other by
id (content hashes: the same input gives the same ids), so each record is one JSON object or row.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Literal

SCHEMA_VERSION = "1.0"

QuoteKind = Literal["direct", "indirect", "mixed"]
SourceKind = Literal["outlet", "organisation", "document", "social_media"]


def record_id(*parts: object) -> str:
    """A stable id from the parts that make a record what it is."""
    digest = hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()
    return digest[:16]


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch ``[start, end)`` of the clean text, carrying its text so it can be checked."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of clean text copied unchanged from the raw input: the unit of the offset map."""

    clean_start: int
    raw_start: int
    length: int


@dataclass(frozen=True, slots=True)
class Document:
    """One article after ingestion and cleaning; ``text`` never changes after this point."""

    id: str
    origin: str
    format: Literal["text", "html"]
    raw_text: str
    text: str
    segments: tuple[Segment, ...]
    removed: tuple[Span, ...]  # boilerplate cut from the raw text (offsets into ``raw_text``)
    title: str | None
    published: str | None  # ISO date
    url: str | None
    lang: str
    topics: tuple[str, ...]
    encoding: str | None


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation or place of one article, with every mention of it."""

    id: str
    name: str
    label: str
    mentions: tuple[Span, ...]
    roles: tuple[str, ...]
    organisations: tuple[str, ...]
    producer: str


@dataclass(frozen=True, slots=True)
class Quote:
    """Something said, written or thought, with who said it and how the article signals it."""

    id: str
    fragments: tuple[Span, ...]
    kind: QuoteKind
    cue: Span | None
    cue_lemma: str | None
    speaker: Span | None  # the mention nearest the cue, as written ("he", "the commander")
    speaker_entity_id: str | None
    speaker_name: str | None
    speaker_role: str | None
    source_ids: tuple[str, ...]
    confidence: float
    producer: str

    @property
    def start(self) -> int:
        return self.fragments[0].start

    @property
    def end(self) -> int:
        return self.fragments[-1].end

    @property
    def text(self) -> str:
        return " … ".join(fragment.text for fragment in self.fragments)


@dataclass(frozen=True, slots=True)
class CitedSource:
    """An outlet, organisation, document or post the article credits for what it reports."""

    id: str
    name: str
    kind: SourceKind
    mention: Span
    cue: Span | None  # "as per", "according to", "in a tweet"
    quote_ids: tuple[str, ...]
    confidence: float
    producer: str


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression and the calendar date it means, given the publication date."""

    id: str
    span: Span
    value: str | None  # ISO date
    granularity: Literal["day", "month", "year"]
    relative: bool
    confidence: float
    producer: str


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input that could not be analysed, and why."""

    origin: str
    reason: str
    detail: str


@dataclass(frozen=True, slots=True)
class Article:
    """Everything quotetrace found in one document."""

    document: Document
    quotes: tuple[Quote, ...]
    entities: tuple[Entity, ...]
    sources: tuple[CitedSource, ...]
    dates: tuple[DateMention, ...]
    warnings: tuple[str, ...] = ()


# --- Corpus level: links between articles, made by ``quotetrace.link`` -------------------------

ArticleLinkKind = Literal["copy", "rewrite"]
VariantRelation = Literal["identical", "truncated", "excerpt", "reworded"]
DiffOp = tuple[Literal["equal", "delete", "insert"], str]


@dataclass(frozen=True, slots=True)
class ArticleLink:
    """``article_id`` is a copy or rewrite of ``original_id``, the earliest article with that text."""

    article_id: str
    original_id: str
    kind: ArticleLinkKind
    similarity: float
    producer: str


@dataclass(frozen=True, slots=True)
class Person:
    """One person across the corpus: the full name written most often, its variants, the roles."""

    id: str
    name: str
    variants: tuple[str, ...]
    roles: tuple[str, ...]
    producer: str


@dataclass(frozen=True, slots=True)
class PersonMention:
    """An article's entity that is ``person_id``."""

    person_id: str
    article_id: str
    entity_id: str
    name: str
    confidence: float


@dataclass(frozen=True, slots=True)
class Utterance:
    """One thing said, relayed by one or more quotations; ``text`` is its first appearance."""

    id: str
    text: str
    person_id: str | None
    first_quote_id: str
    first_article_id: str
    first_published: str | None
    producer: str


@dataclass(frozen=True, slots=True)
class QuoteVariant:
    """A quotation as one variant of an utterance, with its wording against the first appearance."""

    utterance_id: str
    quote_id: str
    article_id: str
    relation: VariantRelation
    similarity: float
    diff: tuple[DiffOp, ...]


@dataclass(frozen=True, slots=True)
class Story:
    """Articles about one event, across outlets and languages, within a time window."""

    id: str
    label: str
    first_article_id: str
    first_published: str | None
    producer: str


@dataclass(frozen=True, slots=True)
class StoryMember:
    """``article_id`` tells ``story_id``."""

    story_id: str
    article_id: str
    similarity: float
