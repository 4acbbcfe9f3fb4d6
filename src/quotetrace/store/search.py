"""Search filters → one SQL ``FROM … WHERE`` over quotations and the order to read them in,
the same for both back ends.

Full text goes through the back end's own index (FTS5, tsvector); both split words the same
simple way (no stemming), so a search finds the same quotations on either. Matches are read
oldest first by ``quotes.chrono`` (publication day, then the order stored), which the back end
can follow without sorting: SQLite's full-text index is keyed by it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from quotetrace.store.views import QuoteHit, SearchQuery

__all__ = ["HITS_JOINS", "QUOTE_HIT_COLUMNS", "Selection", "TextMatch", "quote_hit",
           "search_from", "words"]

QUOTE_HIT_COLUMNS = (
    "q.id, q.article_id, q.text, q.kind, q.cue_lemma, q.speaker_name, q.speaker_role, "
    "pm.person_id, v.utterance_id, q.outlet, q.published, q.lang, a.title, a.url, q.confidence, "
    "q.producer"
)
HITS_JOINS = (  # everything a QuoteHit shows besides the quotation itself
    "JOIN articles a ON a.id = q.article_id LEFT JOIN person_mentions pm "
    "ON pm.article_id = q.article_id AND pm.entity_id = q.speaker_entity_id "
    "LEFT JOIN quote_variants v ON v.quote_id = q.id"
)
_MENTION_OF_SPEAKER = "m.article_id = q.article_id AND m.entity_id = q.speaker_entity_id"
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class TextMatch:
    """How a back end finds quotations ``q`` by their words: the ``FROM`` that reaches them
    through its full-text index, the condition, and the key that reads them oldest first."""

    source: str
    condition: str
    params: tuple[Any, ...]
    order: str


@dataclass(frozen=True, slots=True)
class Selection:
    """``FROM … WHERE …`` selecting the quotations a query asks for, its parameters, and the
    ``ORDER BY`` key that lists them oldest first."""

    sql: str
    params: tuple[Any, ...]
    order: str


_ALL_QUOTES = TextMatch("FROM quotes q", "", (), "q.chrono")


def words(text: str) -> list[str]:
    """The words a full-text search looks for, lower-cased."""
    return [word.lower() for word in _WORD.findall(text)]


def search_from(query: SearchQuery, text_match: Callable[[str], TextMatch],
                joins: str = "") -> Selection:
    """The quotations ``query`` asks for, with ``joins`` added after the quotations table.

    The filters need only the quotations table (outlet, date and language are copied onto each
    quotation; a speaker's person is looked up per candidate): counting and paging stay off the
    joins, which ``HITS_JOINS`` adds for the rows shown.
    """
    match = text_match(query.text) if words(query.text) else _ALL_QUOTES
    conditions = [match.condition] if match.condition else []
    params: list[Any] = list(match.params)
    if query.speaker:
        pattern = f"%{query.speaker.lower()}%"
        conditions.append(
            "(LOWER(q.speaker_name) LIKE ? OR EXISTS (SELECT 1 FROM person_mentions m "
            f"WHERE {_MENTION_OF_SPEAKER} AND m.person_id IN "
            "(SELECT id FROM people WHERE LOWER(name) LIKE ? OR LOWER(variants) LIKE ?)))")
        params.extend([pattern, pattern, pattern])
    if query.person_id:  # from the person's few mentions to their quotations, by index
        conditions.append("(q.article_id, q.speaker_entity_id) IN "
                          "(SELECT article_id, entity_id FROM person_mentions WHERE person_id = ?)")
        params.append(query.person_id)
    for condition, value in (
        ("LOWER(q.outlet) = LOWER(?)", query.outlet),
        ("q.published >= ?", query.since),
        ("q.published <= ?", query.until),
        ("q.lang = ?", query.lang),
        ("q.kind = ?", query.kind),
    ):
        if value:
            conditions.append(condition)
            params.append(value)
    where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    source = f"{match.source} {joins}" if joins else match.source
    return Selection(source + where, tuple(params), match.order)


def quote_hit(row: tuple[Any, ...]) -> QuoteHit:
    return QuoteHit(*row)
