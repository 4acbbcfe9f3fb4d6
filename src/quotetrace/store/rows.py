"""Records ↔ table rows: the one place that knows which column holds which field.

Tuples and lists are stored as JSON text so both back ends share one layout. An article's own
records come back from its stored JSON (schema 1.0), the same object ``analyze --format json``
prints.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from typing import Any

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
    Span,
    Story,
    StoryMember,
    Utterance,
)
from quotetrace.render.json import article_to_dict

__all__ = [
    "LINK_TABLES",
    "LinkTable",
    "article_row",
    "date_rows",
    "dates_from_dict",
    "entities_from_dict",
    "entity_rows",
    "published_day",
    "quote_rows",
    "quotes_from_dict",
    "source_rows",
    "sources_from_dict",
]

Row = tuple[Any, ...]


def to_json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def article_row(article: Article, outlet: str | None, ingested: str) -> Row:
    """``articles`` columns after ``seq``."""
    doc = article.document
    return (doc.id, doc.origin, doc.url, outlet, doc.published, doc.lang, doc.title, doc.text,
            to_json(article_to_dict(article)), ingested)


def quote_rows(article: Article, outlet: str | None) -> list[Row]:
    doc = article.document
    day = published_day(doc.published)
    return [
        (q.id, doc.id, position, q.text, q.kind, q.cue.text if q.cue else None, q.cue_lemma,
         q.speaker.text if q.speaker else None, q.speaker_entity_id, q.speaker_name,
         q.speaker_role, q.confidence, q.producer, doc.published, day, outlet, doc.lang)
        for position, q in enumerate(article.quotes)
    ]


_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def published_day(published: str | None) -> int | None:
    """The calendar day ``published`` starts with, numbered from 0001-01-01 (day 1), the key
    that orders quotations by date; None when it names no real day."""
    found = _DAY.match(published or "")
    try:
        return dt.date(*map(int, found.groups())).toordinal() if found else None
    except ValueError:  # 2016-02-30
        return None


def entity_rows(article: Article) -> list[Row]:
    return [
        (e.id, article.document.id, e.name, e.label, to_json(e.roles), to_json(e.organisations),
         len(e.mentions), e.producer)
        for e in article.entities
    ]


def source_rows(article: Article) -> list[Row]:
    return [
        (s.id, article.document.id, s.name, s.kind, s.cue.text if s.cue else None,
         to_json(s.quote_ids), s.confidence, s.producer)
        for s in article.sources
    ]


def date_rows(article: Article) -> list[Row]:
    return [
        (d.id, article.document.id, d.span.text, d.value, d.granularity, d.relative,
         d.confidence, d.producer)
        for d in article.dates
    ]


# --- link records: one table each, upserted by key --------------------------------------------


class LinkTable:
    """How one corpus record type maps onto its table."""

    def __init__(self, name: str, record: type, columns: Sequence[str], key: Sequence[str],
                 json_columns: Sequence[str] = ()) -> None:
        self.name, self.record = name, record
        self.columns, self.key, self.json_columns = tuple(columns), tuple(key), set(json_columns)

    def row(self, record: object) -> Row:
        return tuple(
            to_json(getattr(record, c)) if c in self.json_columns else getattr(record, c)
            for c in self.columns
        )

    def from_row(self, row: Sequence[Any]) -> Any:
        values = {
            c: _tuples(json.loads(v)) if c in self.json_columns else v
            for c, v in zip(self.columns, row, strict=True)
        }
        return self.record(**values)

    def upsert_sql(self) -> str:
        updates = ", ".join(f"{c} = excluded.{c}" for c in self.columns if c not in self.key)
        return (f"INSERT INTO {self.name} ({', '.join(self.columns)}) "
                f"VALUES ({', '.join('?' for _ in self.columns)}) "
                f"ON CONFLICT ({', '.join(self.key)}) DO UPDATE SET {updates}")

    def select(self, alias: str = "") -> str:
        prefix = f"{alias}." if alias else ""
        return ", ".join(prefix + c for c in self.columns)


LINK_TABLES: dict[type, LinkTable] = {
    table.record: table
    for table in (
        LinkTable("article_links", ArticleLink,
                  ("article_id", "original_id", "kind", "similarity", "producer"), ("article_id",)),
        LinkTable("people", Person, ("id", "name", "variants", "roles", "producer"), ("id",),
                  ("variants", "roles")),
        LinkTable("person_mentions", PersonMention,
                  ("person_id", "article_id", "entity_id", "name", "confidence"),
                  ("article_id", "entity_id")),
        LinkTable("utterances", Utterance,
                  ("id", "text", "person_id", "first_quote_id", "first_article_id",
                   "first_published", "producer"), ("id",)),
        LinkTable("quote_variants", QuoteVariant,
                  ("utterance_id", "quote_id", "article_id", "relation", "similarity", "diff"),
                  ("quote_id",), ("diff",)),
        LinkTable("stories", Story,
                  ("id", "label", "first_article_id", "first_published", "producer"), ("id",)),
        LinkTable("story_members", StoryMember, ("story_id", "article_id", "similarity"),
                  ("article_id",)),
    )
}


def _tuples(value: Any) -> Any:
    """JSON arrays back to the tuples records hold (nested, for diffs)."""
    if isinstance(value, list):
        return tuple(_tuples(item) for item in value)
    return value


# --- an article's records from its stored JSON -----------------------------------------------


def _span(data: dict[str, Any] | None) -> Span | None:
    return Span(data["start"], data["end"], data["text"]) if data else None


def _required_span(data: dict[str, Any]) -> Span:
    return Span(data["start"], data["end"], data["text"])


def quotes_from_dict(article: dict[str, Any]) -> tuple[Quote, ...]:
    return tuple(
        Quote(id=q["id"], fragments=tuple(_required_span(f) for f in q["fragments"]),
              kind=q["kind"], cue=_span(q["cue"]), cue_lemma=q["cue_lemma"],
              speaker=_span(q["speaker"]["mention"]),
              speaker_entity_id=q["speaker"]["entity_id"], speaker_name=q["speaker"]["name"],
              speaker_role=q["speaker"]["role"], source_ids=tuple(q["source_ids"]),
              confidence=q["confidence"], producer=q["producer"])
        for q in article["quotes"]
    )


def entities_from_dict(article: dict[str, Any]) -> tuple[Entity, ...]:
    return tuple(
        Entity(id=e["id"], name=e["name"], label=e["label"],
               mentions=tuple(_required_span(m) for m in e["mentions"]), roles=tuple(e["roles"]),
               organisations=tuple(e["organisations"]), producer=e["producer"])
        for e in article["entities"]
    )


def sources_from_dict(article: dict[str, Any]) -> tuple[CitedSource, ...]:
    return tuple(
        CitedSource(id=s["id"], name=s["name"], kind=s["kind"], mention=_required_span(s["mention"]),
                    cue=_span(s["cue"]), quote_ids=tuple(s["quote_ids"]),
                    confidence=s["confidence"], producer=s["producer"])
        for s in article["sources"]
    )


def dates_from_dict(article: dict[str, Any]) -> tuple[DateMention, ...]:
    return tuple(
        DateMention(id=d["id"], span=_required_span(d), value=d["value"],
                    granularity=d["granularity"], relative=d["relative"],
                    confidence=d["confidence"], producer=d["producer"])
        for d in article["dates"]
    )
