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
from quotetrace.store.search import HITS_FROM, QUOTE_HIT_COLUMNS, quote_hit, search_from
from quotetrace.store.views import (
    ArticleEntry,
    ArticleSummary,
    Batch,
    Counts,
    LinkRecord,
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
_CHRONOLOGICAL = "ORDER BY q.published NULLS LAST, q.seq"
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
    def _text_match(self, text: str) -> tuple[str, list[Any]]:
        """A condition on quotation ``q`` true when every word of ``text`` occurs in it."""

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
            self._write_links(batch.links)
            self._execute_many("DELETE FROM stories WHERE id = ?",
                               [(story_id,) for story_id in batch.retired_story_ids])
        return tuple(added)

    def _insert_article(self, entry: ArticleEntry) -> bool:
        article, outlet = entry.article, entry.outlet
        inserted = self._execute(
            "INSERT INTO articles (id, origin, url, outlet, published, lang, title, text, "
            "article_json, ingested) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (id) DO NOTHING", rows.article_row(article, outlet, _now()))
        if not inserted:
            return False
        self._execute_many(
            "INSERT INTO quotes (id, article_id, position, text, kind, cue, cue_lemma, "
            "speaker_mention, speaker_entity_id, speaker_name, speaker_role, confidence, producer, "
            "published, outlet, lang) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
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

    # --- simple reads ------------------------------------------------------------------------

    def existing_article_ids(self, ids: Sequence[str]) -> frozenset[str]:
        """Which of ``ids`` are stored already."""
        found: set[str] = set()
        for start in range(0, len(ids), 500):
            chunk = list(ids[start:start + 500])
            marks = ", ".join("?" for _ in chunk)
            found.update(r[0] for r in self._query(
                f"SELECT id FROM articles WHERE id IN ({marks})", chunk))
        return frozenset(found)

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
        """Quotations matching ``query``, oldest first, one page of them and the total."""
        source, params = search_from(query, self._text_match)
        total = int(self._query(f"SELECT COUNT(*) {source}", params)[0][0])
        page = [row[0] for row in self._query(
            f"SELECT q.seq {source} {_CHRONOLOGICAL} LIMIT ? OFFSET ?",
            [*params, query.limit, query.offset])]
        return Page(self._hits(page), total, query.limit, query.offset)

    def _hits(self, seqs: list[int]) -> tuple[QuoteHit, ...]:
        """The quotations numbered ``seqs``, in that order, with what a hit shows."""
        if not seqs:
            return ()
        marks = ", ".join("?" for _ in seqs)
        found = {row[0]: quote_hit(row[1:]) for row in self._query(
            f"SELECT q.seq, {QUOTE_HIT_COLUMNS} {HITS_FROM} WHERE q.seq IN ({marks})", seqs)}
        return tuple(found[seq] for seq in seqs)

    def iter_quotes(self, query: SearchQuery | None = None) -> Iterator[QuoteHit]:
        """Every quotation matching ``query`` (all by default), oldest first, for export."""
        source, params = search_from(query or SearchQuery(), self._text_match, HITS_FROM)
        for row in self._stream(f"SELECT {QUOTE_HIT_COLUMNS} {source} {_CHRONOLOGICAL}", params):
            yield quote_hit(row)

    def iter_links(self, record: type) -> Iterator[Any]:
        """Every stored link record of one type (``Person``, ``Story``…)."""
        table = rows.LINK_TABLES[record]
        for row in self._stream(f"SELECT {table.select()} FROM {table.name} "
                                f"ORDER BY {', '.join(table.key)}"):
            yield table.from_row(row)


def _last_per_key(table: rows.LinkTable, table_rows: list[Row]) -> list[Row]:
    """One row per key, the last given: an upsert may not touch one row twice in a statement."""
    positions = [table.columns.index(column) for column in table.key]
    latest = {tuple(row[p] for p in positions): row for row in table_rows}
    return list(latest.values())


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
