"""The server store: PostgreSQL through psycopg 3 (``pip install 'quotetrace[postgres]'``),
full text through a GIN index on the stored ``to_tsvector('simple', text)`` of each quotation."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from quotetrace.errors import StoreUnavailable
from quotetrace.store.queries import CorpusStore
from quotetrace.store.search import TextMatch, words

__all__ = ["PostgresStore"]

_SCHEMA_LOCK = 0x71756F7465  # "quote": the advisory lock migrations take
_STREAM_ROWS = 500


class PostgresStore(CorpusStore):
    """A corpus in a PostgreSQL database given by a ``postgresql://`` URL."""

    dialect = "postgres"

    def __init__(self, url: str) -> None:
        try:
            import psycopg
        except ImportError as error:
            raise StoreUnavailable(
                "PostgreSQL needs psycopg: pip install 'quotetrace[postgres]'") from error
        self.location = url
        self._cursor_numbers = itertools.count()
        try:
            self._connection = psycopg.connect(url, autocommit=True)
        except psycopg.OperationalError as error:
            raise StoreUnavailable(f"cannot connect to PostgreSQL: {error}".strip()) from error
        self.migrate()

    def close(self) -> None:
        self._connection.close()

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._connection.cursor() as cursor:
            cursor.execute(_placeholders(sql), tuple(params))
            return cursor.fetchall()

    def _stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[tuple[Any, ...]]:
        # A server-side cursor fetched in chunks: the connection stays free between chunks, so
        # the caller may run other queries while it iterates (a client-side stream would hold
        # the connection's lock until the end).
        name = f"quotetrace_stream_{next(self._cursor_numbers)}"
        with self._connection.cursor(name, withhold=True) as cursor:
            cursor.itersize = _STREAM_ROWS
            cursor.execute(_placeholders(sql), tuple(params))
            yield from cursor

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        with self._connection.cursor() as cursor:
            cursor.execute(_placeholders(sql), tuple(params))
            return cursor.rowcount

    def _execute_many(self, sql: str, rows: Sequence[tuple[Any, ...]]) -> None:
        if rows:
            with self._connection.cursor() as cursor:
                cursor.executemany(_placeholders(sql), rows)

    def _execute_script(self, sql: str) -> None:
        self._connection.execute(sql)  # no parameters: several statements are allowed

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        with self._connection.transaction():
            yield

    def _lock_schema(self) -> None:
        self._execute("SELECT pg_advisory_xact_lock(?)", (_SCHEMA_LOCK,))

    def _text_match(self, text: str) -> TextMatch:
        return TextMatch("FROM quotes q", "q.words @@ plainto_tsquery('simple', ?)",
                         (" ".join(words(text)),), "q.chrono")


def _placeholders(sql: str) -> str:
    """The store's SQL uses ``?``; psycopg wants ``%s`` (the SQL itself holds no ``%`` or ``?``)."""
    return sql.replace("?", "%s")
