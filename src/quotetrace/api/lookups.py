"""Reads the REST API and pages need that the store does not offer yet.

Each belongs in ``quotetrace.store`` (``CorpusStore``) and should move there; until then they run
over the store's own query method, in SQL both back ends speak. Nothing else in ``api`` or
``web`` touches SQL.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from itertools import islice
from typing import Any

from quotetrace.store import ArticleSummary, Page, Store

__all__ = ["CitedSourceCount", "OutletCount", "article_dict", "cited_sources", "list_articles",
           "outlets"]


@dataclass(frozen=True, slots=True)
class OutletCount:
    """An outlet and how many of the corpus's articles it published."""

    outlet: str
    articles: int


@dataclass(frozen=True, slots=True)
class CitedSourceCount:
    """A source articles credit (an outlet, organisation, document or post) and how often."""

    name: str
    kind: str
    citations: int
    articles: int


def _query(store: Store, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    return store._query(sql, params)  # type: ignore[attr-defined]


def article_dict(store: Store, article_id: str) -> dict[str, Any] | None:
    """The stored article as ``analyze --format json`` printed it (schema 1.0, raw offsets)."""
    found = _query(store, "SELECT article_json FROM articles WHERE id = ?", (article_id,))
    return json.loads(found[0][0]) if found else None


def list_articles(store: Store, limit: int, offset: int) -> Page[ArticleSummary]:
    """A page of articles in the order they were stored."""
    items = tuple(islice(store.iter_articles(), offset, offset + limit))
    return Page(items, store.counts().articles, limit, offset)


def outlets(store: Store) -> tuple[OutletCount, ...]:
    """Every outlet with its number of articles, most first."""
    found = _query(store, (
        "SELECT outlet, COUNT(*) FROM articles WHERE outlet IS NOT NULL GROUP BY outlet "
        "ORDER BY COUNT(*) DESC, outlet"))
    return tuple(OutletCount(outlet, int(n)) for outlet, n in found)


def cited_sources(store: Store, name: str = "", kind: str | None = None,
                  limit: int = 20) -> tuple[CitedSourceCount, ...]:
    """The sources articles cite most, optionally those whose name contains ``name``."""
    conditions, params = ["LOWER(name) LIKE ?"], [f"%{name.lower()}%"]
    if kind:
        conditions.append("kind = ?")
        params.append(kind)
    found = _query(store, (
        "SELECT name, kind, COUNT(*), COUNT(DISTINCT article_id) FROM sources "
        f"WHERE {' AND '.join(conditions)} GROUP BY name, kind "
        "ORDER BY COUNT(DISTINCT article_id) DESC, name LIMIT ?"), (*params, limit))
    return tuple(CitedSourceCount(n, k, int(c), int(a)) for n, k, c, a in found)
