"""The REST API in-process over the shared test corpus, on each store back end."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from quotetrace.api import ServerSettings, create_app
from quotetrace.pipeline import Analyzer
from quotetrace.store import Store, open_store
from tests.store.backends import BACKENDS, store_location
from tests.web.corpus import built_store


@pytest.fixture(scope="session", params=BACKENDS)
def corpus_location(request: pytest.FixtureRequest,
                    tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with store_location(request.param, tmp_path_factory.mktemp(request.param)) as location:
        yield built_store(request, location, request.param)


@pytest.fixture(scope="session")
def store(corpus_location: str) -> Iterator[Store]:
    """The tests' own connection, to compare the API with the store."""
    with open_store(corpus_location) as opened:
        yield opened


@pytest.fixture(scope="session")
def client(corpus_location: str, analyzer: Analyzer) -> Iterator[TestClient]:
    with open_store(corpus_location) as served, TestClient(
            create_app(served, ServerSettings(), analyzer=analyzer)) as test_client:
        yield test_client


def make_client(store: Store, analyzer: Analyzer, **settings: object) -> TestClient:
    """A client of an app with other settings (host, token, limits) over the same store."""
    return TestClient(create_app(store, ServerSettings(**settings), analyzer=analyzer))  # type: ignore[arg-type]
