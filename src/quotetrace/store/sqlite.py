"""The embedded store: one SQLite file, WAL journal, FTS5 over quotation text."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from quotetrace.errors import StoreUnavailable
from quotetrace.store.queries import CorpusStore
from quotetrace.store.search import TextMatch, words

__all__ = ["SqliteStore"]

_BUSY_TIMEOUT_MS = 30_000  # a reader (the web UI) may hold the file while ingest writes


class SqliteStore(CorpusStore):
    """A corpus in a SQLite file (``:memory:`` for a throwaway one)."""

    dialect = "sqlite"

    def __init__(self, path: str | Path) -> None:
        self.location = str(path)
        try:
            self._connection = sqlite3.connect(self.location, isolation_level=None,
                                               check_same_thread=False)
            self._connection.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
            self._connection.execute("PRAGMA journal_mode = WAL")
            self._connection.execute("PRAGMA synchronous = NORMAL")  # WAL keeps commits atomic
            self.migrate()
        except sqlite3.DatabaseError as error:  # no such folder, not a database, read-only…
            raise StoreUnavailable(f"cannot open the SQLite store {self.location}: {error}"
                                   ) from error

    def close(self) -> None:
        self._connection.close()

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self._connection.execute(sql, tuple(params)).fetchall()

    def _stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[tuple[Any, ...]]:
        yield from self._connection.execute(sql, tuple(params))

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        return self._connection.execute(sql, tuple(params)).rowcount

    def _execute_many(self, sql: str, rows: Sequence[tuple[Any, ...]]) -> None:
        if rows:
            self._connection.executemany(sql, rows)

    def _execute_script(self, sql: str) -> None:
        # executescript() would commit first; run statement by statement inside the transaction
        statement = ""
        for line in sql.splitlines(keepends=True):
            statement += line
            if sqlite3.complete_statement(statement):
                self._connection.execute(statement)
                statement = ""

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._connection.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._connection.execute("ROLLBACK")
            raise
        self._connection.execute("COMMIT")

    def _text_match(self, text: str) -> TextMatch:
        # FTS5 returns its matches by rowid, which is the quotation's chronological key: a
        # page is the first rows of the match, read without sorting
        return TextMatch("FROM quotes_fts f JOIN quotes q ON q.chrono = f.rowid",
                         "quotes_fts MATCH ?", (_phrase(text),), "f.rowid")

    def _count_words(self, text: str) -> int:
        return int(self._query("SELECT COUNT(*) FROM quotes_fts WHERE quotes_fts MATCH ?",
                               (_phrase(text),))[0][0])


def _phrase(text: str) -> str:
    """Every word, each quoted: FTS5 then reads none of them as an operator."""
    return " ".join(f'"{word}"' for word in words(text))
