"""The store over SQL, shared by SQLite and PostgreSQL: writes in whole batches, reads as views.

A back end supplies the connection, its transactions, its placeholder style and its full-text
match; everything else (tables, upserts, queries) is written once here, in the SQL both speak.
"""

from __future__ import annotations

import json
import logging
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from typing import Any, Self

from quotetrace.records import Rejection
from quotetrace.store import rows
from quotetrace.store.migrations import Dialect, pending
from quotetrace.store.search import (
    HITS_JOINS,
    QUOTE_HIT_COLUMNS,
    Selection,
    TextMatch,
    quote_hit,
    search_from,
    words,
)
from quotetrace.store.summaries import SUMMARIES, Summary, articles_touched
from quotetrace.store.views import (
    ArticleEntry,
    ArticleSummary,
    Batch,
    Counts,
    LinkRecord,
    OutletCount,
    Page,
    QuoteHit,
    SearchQuery,
)

__all__ = ["SqlStore"]

log = logging.getLogger(__name__)

Row = tuple[Any, ...]

ARTICLE_SUMMARY = (
    "a.id, a.origin, a.url, a.outlet, a.published, a.lang, a.title, "
    "(SELECT COUNT(*) FROM quotes q WHERE q.article_id = a.id)"
)
_CHUNK = 500  # ids per IN (…) list
_COUNTED = ("articles", "quotes", "entities", "sources", "dates", "rejections", "article_links",
            "people", "utterances", "stories")


class SqlStore(ABC):
    """Tables, writes, search and export; ``queries.CorpusStore`` adds the corpus views."""

    dialect: Dialect

    # --- what a back end provides ------------------------------------------------------------

    @abstractmethod
    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[Row]: ...

    @abstractmethod
    def _stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[Row]:
        """Rows one at a time, without holding the whole result in memory."""

    @abstractmethod
    def _execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one statement; the number of rows it changed."""

    @abstractmethod
    def _execute_many(self, sql: str, rows: Sequence[Row]) -> None: ...

    @abstractmethod
    def _execute_script(self, sql: str) -> None:
        """Several statements, inside the current transaction."""

    @abstractmethod
    def _transaction(self) -> AbstractContextManager[None]: ...

    @abstractmethod
    def _text_match(self, text: str) -> TextMatch:
        """The quotations ``q`` in which every word of ``text`` occurs."""

    def _count_words(self, text: str) -> int:
        """How many quotations hold every word of ``text`` (a back end whose index can count
        them without reading them does so)."""
        match = self._text_match(text)
        return int(self._query(f"SELECT COUNT(*) {match.source} WHERE {match.condition}",
                               match.params)[0][0])

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- schema ------------------------------------------------------------------------------

    def migrate(self) -> int:
        """Apply pending migrations, each in its own transaction; the schema version after.

        Safe when several processes open the same new store at once: each migration re-checks
        the version under the schema lock, so it is applied exactly once.
        """
        with self._transaction():
            self._lock_schema()
            self._execute("CREATE TABLE IF NOT EXISTS schema_version "
                          "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied TEXT NOT NULL)")
        for migration in pending(self.dialect, self.schema_version()):
            with self._transaction():
                self._lock_schema()
                if self.schema_version() >= migration.version:
                    continue  # another process applied it meanwhile
                log.info("applying %s migration %04d_%s", self.dialect, migration.version,
                         migration.name)
                self._execute_script(migration.sql)
                self._execute("INSERT INTO schema_version (version, name, applied) VALUES (?, ?, ?)",
                              (migration.version, migration.name, _now()))
        return self.schema_version()

    def _lock_schema(self) -> None:
        """Hold the schema lock until the transaction ends (SQLite's write lock already does)."""

    def schema_version(self) -> int:
        return int(self._query("SELECT COALESCE(MAX(version), 0) FROM schema_version")[0][0])

    # --- writes ------------------------------------------------------------------------------

    def write(self, batch: Batch) -> tuple[str, ...]:
        """Write a batch in one transaction: all of it or, if anything fails, none of it.

        Articles already stored are left as they are; the ids of those newly added come back.
        """
        added: list[str] = []
        with self._transaction():
            for entry in batch.articles:
                if self._insert_article(entry):
                    added.append(entry.article.document.id)
            self._write_rejections(batch.rejections)
            touched = articles_touched(batch, tuple(added))
            owners_before = {summary: self._owners(summary, touched) for summary in SUMMARIES}
            self._write_links(batch.links)
            retired = [(story_id,) for story_id in batch.retired_story_ids]
            self._execute_many("DELETE FROM stories WHERE id = ?", retired)
            self._execute_many("DELETE FROM story_counts WHERE story_id = ?", retired)
            for summary, before in owners_before.items():
                self._recount(summary, before | self._owners(summary, touched))
        return tuple(added)

    def _insert_article(self, entry: ArticleEntry) -> bool:
        article, outlet = entry.article, entry.outlet
        inserted = self._execute(
            "INSERT INTO articles (id, origin, url, outlet, published, lang, title, text, "
            "article_json, ingested) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO NOTHING", rows.article_row(article, outlet, _now()))
        if not inserted:
            return False
        if outlet is not None:
            self._execute("INSERT INTO outlet_counts (outlet, articles) VALUES (?, 1) "
                          "ON CONFLICT (outlet) DO UPDATE "
                          "SET articles = outlet_counts.articles + 1", (outlet,))
        self._execute_many(
            "INSERT INTO quotes (id, article_id, position, text, kind, cue, cue_lemma, "
            "speaker_mention, speaker_entity_id, speaker_name, speaker_role, confidence, producer, "
            "published, published_day, outlet, lang) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO NOTHING", rows.quote_rows(article, outlet))
        self._execute_many(
            "INSERT INTO entities (id, article_id, name, label, roles, organisations, mentions, "
            "producer) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
            rows.entity_rows(article))
        self._execute_many(
            "INSERT INTO sources (id, article_id, name, kind, cue, quote_ids, confidence, "
            "producer) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
            rows.source_rows(article))
        self._execute_many(
            "INSERT INTO dates (id, article_id, text, value, granularity, relative, confidence, "
            "producer) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
            rows.date_rows(article))
        return True

    def _write_rejections(self, rejections: Sequence[Rejection]) -> None:
        self._execute_many(
            "INSERT INTO rejections (origin, reason, detail, seen) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (origin, reason) DO UPDATE SET detail = excluded.detail, "
            "seen = excluded.seen",
            [(r.origin, r.reason, r.detail, _now()) for r in rejections])

    def _write_links(self, links: Sequence[LinkRecord]) -> None:
        grouped: dict[rows.LinkTable, list[Row]] = {}
        for record in links:
            table = rows.LINK_TABLES[type(record)]
            grouped.setdefault(table, []).append(table.row(record))
        for table, table_rows in grouped.items():
            self._execute_many(table.upsert_sql(), _last_per_key(table, table_rows))

    def _owners(self, summary: Summary, article_ids: Sequence[str]) -> set[str]:
        """The keys of ``summary`` that own rows of these articles now."""
        found: set[str] = set()
        for chunk in _chunks(article_ids):
            found.update(row[0] for row in self._query(
                summary.owners.format(marks=_marks(chunk)), chunk))
        return found

    def _recount(self, summary: Summary, keys: set[str]) -> None:
        """Count ``keys`` afresh; a key left with nothing to count loses its row."""
        for chunk in _chunks(sorted(keys)):
            counted = self._query(summary.counts.format(marks=_marks(chunk)), chunk)
            self._execute_many(summary.upsert_sql(), counted)
            gone = set(chunk) - {row[0] for row in counted}
            self._execute_many(f"DELETE FROM {summary.table} WHERE {summary.key} = ?",
                               [(key,) for key in sorted(gone)])

    # --- simple reads ------------------------------------------------------------------------

    def existing_article_ids(self, ids: Sequence[str]) -> frozenset[str]:
        """Which of ``ids`` are stored already."""
        found: set[str] = set()
        for chunk in _chunks(ids):
            found.update(r[0] for r in self._query(
                f"SELECT id FROM articles WHERE id IN ({_marks(chunk)})", chunk))
        return frozenset(found)

    def get_article_dict(self, article_id: str) -> dict[str, Any] | None:
        """The stored article as ``analyze --format json`` printed it (schema 1.0, offsets
        into the raw input)."""
        found = self._query("SELECT article_json FROM articles WHERE id = ?", (article_id,))
        return json.loads(found[0][0]) if found else None

    def list_articles(self, limit: int = 20, offset: int = 0) -> Page[ArticleSummary]:
        """A page of articles in the order they were stored."""
        found = self._query(f"SELECT {ARTICLE_SUMMARY} FROM articles a ORDER BY a.seq "
                            "LIMIT ? OFFSET ?", (limit, offset))
        total = int(self._query("SELECT COUNT(*) FROM articles")[0][0])
        return Page(tuple(ArticleSummary(*row) for row in found), total, limit, offset)

    def outlets(self) -> tuple[OutletCount, ...]:
        """Every outlet with its number of articles, most first."""
        return tuple(OutletCount(outlet, int(n)) for outlet, n in self._query(
            "SELECT outlet, articles FROM outlet_counts ORDER BY articles DESC, outlet"))

    def iter_article_dicts(self) -> Iterator[dict[str, Any]]:
        """Every stored article as its schema-1.0 dict, in the order it was stored."""
        for (text,) in self._stream("SELECT article_json FROM articles ORDER BY seq"):
            yield json.loads(text)

    def iter_articles(self) -> Iterator[ArticleSummary]:
        for row in self._stream(f"SELECT {ARTICLE_SUMMARY} FROM articles a ORDER BY a.seq"):
            yield ArticleSummary(*row)

    def rejections(self) -> tuple[Rejection, ...]:
        return tuple(Rejection(*row) for row in self._query(
            "SELECT origin, reason, detail FROM rejections ORDER BY origin, reason"))

    def counts(self) -> Counts:
        selects = " UNION ALL ".join(
            f"SELECT '{table}', COUNT(*) FROM {table}" for table in _COUNTED)
        numbers: dict[str, int] = dict(self._query(selects))
        return Counts(**{table: int(numbers[table]) for table in _COUNTED})

    def search(self, query: SearchQuery) -> Page[QuoteHit]:
        """Quotations matching ``query``, oldest first: one page of them and how many match.

        The page is read in date order straight off the index and the shown rows joined last,
        so its cost follows the page, not the number of matches. So does the count's when
        ``query.count_limit`` is set: it then stops past that many (the page says so).
        """
        selection = search_from(query, self._text_match)
        total, exact = self._count(query, selection)
        page = [row[0] for row in self._query(
            f"SELECT q.seq {selection.sql} ORDER BY {selection.order} LIMIT ? OFFSET ?",
            (*selection.params, query.limit, query.offset))]
        return Page(self._hits(page), total, query.limit, query.offset, exact)

    def _count(self, query: SearchQuery, selection: Selection) -> tuple[int, bool]:
        """How many quotations ``selection`` holds, and whether that is all of them."""
        known = self._indexed_count(query)
        if known is not None:
            return known, True
        if query.count_limit is None:
            return int(self._query(f"SELECT COUNT(*) {selection.sql}",
                                   selection.params)[0][0]), True
        enough = max(query.count_limit, query.offset + query.limit)
        counted = int(self._query(f"SELECT COUNT(*) FROM (SELECT 1 {selection.sql} LIMIT ?) "
                                  "AS found", (*selection.params, enough + 1))[0][0])
        return min(counted, enough), counted <= enough

    def _indexed_count(self, query: SearchQuery) -> int | None:
        """The exact count where an index or a summary holds it: every quotation, words
        alone, or one person's (whatever ``count_limit`` says)."""
        filters = query.filters()
        if filters == SearchQuery():
            if not words(query.text):
                return int(self._query("SELECT COUNT(*) FROM quotes")[0][0])
            return self._count_words(query.text)
        if filters == SearchQuery(person_id=filters.person_id) and not words(query.text):
            found = self._query("SELECT quotes FROM person_counts WHERE person_id = ?",
                                (filters.person_id,))
            return int(found[0][0]) if found else 0
        return None

    def _hits(self, seqs: list[int]) -> tuple[QuoteHit, ...]:
        """The quotations numbered ``seqs``, in that order, with what a hit shows."""
        if not seqs:
            return ()
        found = {row[0]: quote_hit(row[1:]) for row in self._query(
            f"SELECT q.seq, {QUOTE_HIT_COLUMNS} FROM quotes q {HITS_JOINS} "
            f"WHERE q.seq IN ({_marks(seqs)})", seqs)}
        return tuple(found[seq] for seq in seqs)

    def iter_quotes(self, query: SearchQuery | None = None) -> Iterator[QuoteHit]:
        """Every quotation matching ``query`` (all by default), oldest first, for export."""
        selection = search_from(query or SearchQuery(), self._text_match, HITS_JOINS)
        for row in self._stream(f"SELECT {QUOTE_HIT_COLUMNS} {selection.sql} "
                                f"ORDER BY {selection.order}", selection.params):
            yield quote_hit(row)

    def iter_links(self, record: type) -> Iterator[Any]:
        """Every stored link record of one type (``Person``, ``Story``…)."""
        table = rows.LINK_TABLES[record]
        for row in self._stream(f"SELECT {table.select()} FROM {table.name} "
                                f"ORDER BY {', '.join(table.key)}"):
            yield table.from_row(row)


def _chunks(ids: Sequence[Any]) -> Iterator[list[Any]]:
    for start in range(0, len(ids), _CHUNK):
        yield list(ids[start:start + _CHUNK])


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" for _ in values)


def _last_per_key(table: rows.LinkTable, table_rows: list[Row]) -> list[Row]:
    """One row per key, the last given: an upsert may not touch one row twice in a statement."""
    positions = [table.columns.index(column) for column in table.key]
    latest = {tuple(row[p] for p in positions): row for row in table_rows}
    return list(latest.values())


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
