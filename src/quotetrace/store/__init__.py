"""The corpus store: articles, their records, rejections and corpus links, in SQLite or
PostgreSQL behind one ``Store`` protocol.

``open_store("quotetrace.db")`` opens (and creates or upgrades) a SQLite file;
``open_store("postgresql://user@host/db")`` a PostgreSQL database.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol, Self

from quotetrace.records import Rejection
from quotetrace.store.views import (
    ArticleEntry,
    ArticleLinks,
    ArticleSummary,
    Batch,
    CitedSourceCount,
    Counts,
    LinkRecord,
    MonthCount,
    OutletCount,
    Page,
    PersonCount,
    PersonProfile,
    QuoteHit,
    RelayedUtterance,
    SearchQuery,
    StoredArticle,
    StoryCount,
    StoryView,
    UtteranceView,
    VariantView,
)

__all__ = [
    "DEFAULT_STORE",
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
    "Store",
    "StoredArticle",
    "StoryCount",
    "StoryView",
    "UtteranceView",
    "VariantView",
    "is_postgres_url",
    "open_store",
]

DEFAULT_STORE = "quotetrace.db"
_POSTGRES_SCHEMES = ("postgresql://", "postgres://")


class Store(Protocol):
    """What every back end offers; the shells (CLI, REST API, web UI) use only this."""

    location: str

    def write(self, batch: Batch) -> tuple[str, ...]: ...
    def existing_article_ids(self, ids: Sequence[str]) -> frozenset[str]: ...
    def iter_article_dicts(self) -> Iterator[dict[str, Any]]: ...
    def iter_articles(self) -> Iterator[ArticleSummary]: ...
    def list_articles(self, limit: int = 20, offset: int = 0) -> Page[ArticleSummary]: ...
    def get_article_dict(self, article_id: str) -> dict[str, Any] | None: ...
    def outlets(self) -> tuple[OutletCount, ...]: ...
    def cited_sources(self, name: str = "", kind: str | None = None,
                      limit: int = 20) -> tuple[CitedSourceCount, ...]: ...
    def iter_quotes(self, query: SearchQuery | None = None) -> Iterator[QuoteHit]: ...
    def iter_links(self, record: type) -> Iterator[Any]: ...
    def rejections(self) -> tuple[Rejection, ...]: ...
    def counts(self) -> Counts: ...
    def schema_version(self) -> int: ...
    def search(self, query: SearchQuery) -> Page[QuoteHit]: ...
    def get_article(self, article_id: str) -> StoredArticle | None: ...
    def get_article_links(self, article_id: str) -> ArticleLinks | None: ...
    def top_people(self, limit: int = 10) -> tuple[PersonCount, ...]: ...
    def find_people(self, name: str, limit: int = 10) -> tuple[PersonCount, ...]: ...
    def get_person(self, person_id: str, limit: int = 50,
                   offset: int = 0) -> PersonProfile | None: ...
    def quotes_per_month(self, person_id: str) -> tuple[MonthCount, ...]: ...
    def top_utterances(self, limit: int = 10,
                       min_articles: int = 2) -> tuple[RelayedUtterance, ...]: ...
    def get_utterance(self, utterance_id: str) -> UtteranceView | None: ...
    def top_stories(self, limit: int = 10) -> tuple[StoryCount, ...]: ...
    def get_story(self, story_id: str, utterances: int = 10) -> StoryView | None: ...
    def close(self) -> None: ...
    def __enter__(self) -> Self: ...
    def __exit__(self, *exc: object) -> None: ...


def is_postgres_url(location: str | Path) -> bool:
    return str(location).startswith(_POSTGRES_SCHEMES)


def open_store(location: str | Path = DEFAULT_STORE) -> Store:
    """Open the store at a SQLite path or a ``postgresql://`` URL, creating or upgrading it."""
    if is_postgres_url(location):
        from quotetrace.store.postgres import PostgresStore

        return PostgresStore(str(location))
    from quotetrace.store.sqlite import SqliteStore

    return SqliteStore(location)
