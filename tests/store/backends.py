"""Both store back ends for the tests: SQLite always, PostgreSQL when ``QUOTETRACE_TEST_PG``
names a server (``.ci/run`` starts one on loopback); each test gets an empty store."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest

PG_ENV = "QUOTETRACE_TEST_PG"

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgres", id="postgres", marks=pytest.mark.skipif(
        not os.environ.get(PG_ENV),
        reason=f"set {PG_ENV} to a PostgreSQL URL to test that back end")),
]


@pytest.fixture(params=BACKENDS)
def location(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty store location of each back end (import this fixture into a conftest)."""
    with store_location(request.param, tmp_path) as found:
        yield found


@contextmanager
def store_location(backend: str, tmp_path: Path) -> Iterator[str]:
    """A location ``open_store`` accepts, empty, removed afterwards."""
    if backend == "sqlite":
        yield str(tmp_path / "corpus.db")
        return
    import psycopg

    server = os.environ[PG_ENV]
    schema = f"test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f"CREATE SCHEMA {schema}")
    separator = "&" if "?" in server else "?"
    try:
        yield f"{server}{separator}options={quote(f'-csearch_path={schema}')}"
    finally:
        with psycopg.connect(server, autocommit=True) as connection:
            connection.execute(f"DROP SCHEMA {schema} CASCADE")
