"""``/api/…`` reads: articles, quotations, people, sources, stories, utterances.

Every route parses its parameters, calls one store query and returns what it gives; the
response models are the store's own view records.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Any, Literal, TypeVar

from fastapi import APIRouter, Depends, HTTPException, Query

from quotetrace.api.state import ServerState, server_state
from quotetrace.records import ArticleLink
from quotetrace.render.json import SCHEMA_ID
from quotetrace.store import (
    ArticleSummary,
    CitedSourceCount,
    Counts,
    OutletCount,
    Page,
    PersonCount,
    PersonProfile,
    QuoteHit,
    RelayedUtterance,
    SearchQuery,
    StoryCount,
    StoryView,
    UtteranceView,
)

__all__ = ["StoredArticleResponse", "router", "search_query"]

router = APIRouter(prefix="/api")
State = Annotated[ServerState, Depends(server_state)]
Limit = Annotated[int | None, Query(ge=1, description="Page size (the server caps it).")]
Offset = Annotated[int, Query(ge=0, description="Items to skip.")]
QuoteKind = Literal["direct", "indirect", "mixed"]
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class StoredArticleResponse:
    """A stored article: ``article`` is exactly what ``analyze --format json`` printed for it."""

    article: dict[str, Any]
    outlet: str | None
    original: ArticleLink | None  # this article copies or rewrites an earlier one
    copies: tuple[ArticleLink, ...]  # later articles that copy or rewrite it
    story_id: str | None


def page_size(state: ServerState, limit: int | None) -> int:
    """The page size asked for, refused when above the server's cap."""
    if limit is None:
        return state.settings.page_size
    if limit > state.settings.max_page_size:
        raise HTTPException(422, f"limit must be at most {state.settings.max_page_size}")
    return limit


def _found(value: T | None, what: str, key: str) -> T:
    if value is None:
        raise HTTPException(404, f"no {what} with id {key!r}")
    return value


def search_query(q: str = "", speaker: str | None = None, person: str | None = None,
                 outlet: str | None = None, since: dt.date | None = None,
                 until: dt.date | None = None, lang: str | None = None,
                 kind: QuoteKind | None = None, limit: int = 20, offset: int = 0,
                 count_limit: int | None = None) -> SearchQuery:
    """Search parameters as the store's query; empty strings mean no filter."""
    return SearchQuery(text=q, speaker=speaker or None, person_id=person or None,
                       outlet=outlet or None, since=since.isoformat() if since else None,
                       until=until.isoformat() if until else None, lang=lang or None,
                       kind=kind, limit=limit, offset=offset, count_limit=count_limit)


@router.get("/counts", summary="How many of each thing the store holds")
async def counts(state: State) -> Counts:
    return state.store.counts()


@router.get("/articles", summary="Articles in the order they were stored")
async def list_articles(state: State, limit: Limit = None, offset: Offset = 0,
                        ) -> Page[ArticleSummary]:
    return state.store.list_articles(page_size(state, limit), offset)


@router.get("/articles/{article_id}", summary="An article with its quotations, entities, "
            "cited sources, dates and copy links",
            responses={200: {"description": f"`article` follows {SCHEMA_ID}"}})
async def get_article(state: State, article_id: str) -> StoredArticleResponse:
    stored = _found(state.store.get_article_links(article_id), "article", article_id)
    data = _found(state.store.get_article_dict(article_id), "article", article_id)
    return StoredArticleResponse(data, stored.summary.outlet, stored.original, stored.copies,
                                 stored.story_id)


@router.get("/quotations", summary="Search quotations: words, speaker, outlet, dates, kind")
async def search_quotations(
    state: State,
    q: Annotated[str, Query(description="Words that must all occur in the quotation.")] = "",
    speaker: Annotated[str | None, Query(description="Part of the speaker's name.")] = None,
    person: Annotated[str | None, Query(description="A linked person's id.")] = None,
    outlet: Annotated[str | None, Query(description="The publishing outlet.")] = None,
    since: Annotated[dt.date | None, Query(description="Published on or after.")] = None,
    until: Annotated[dt.date | None, Query(description="Published on or before.")] = None,
    lang: Annotated[str | None, Query(description="Language code.")] = None,
    kind: QuoteKind | None = None, limit: Limit = None, offset: Offset = 0,
    count_limit: Annotated[int | None, Query(
        ge=1, description="Stop counting past this many matches (then `exact` is false and "
                          "there are more than `total`): a bounded cost for any search.")] = None,
) -> Page[QuoteHit]:
    return state.store.search(search_query(q, speaker, person, outlet, since, until, lang, kind,
                                           page_size(state, limit), offset, count_limit))


@router.get("/people", summary="The most quoted people, or those whose name contains `name`")
async def list_people(state: State, name: str = "", limit: Limit = None,
                      ) -> tuple[PersonCount, ...]:
    size = page_size(state, limit)
    return state.store.find_people(name, size) if name else state.store.top_people(size)


@router.get("/people/{person_id}", summary="A person: quotations over time, outlets, roles")
async def get_person(state: State, person_id: str, limit: Limit = None,
                     offset: Offset = 0) -> PersonProfile:
    return _found(state.store.get_person(person_id, page_size(state, limit), offset),
                  "person", person_id)


@router.get("/sources", summary="The sources articles cite most")
async def list_sources(state: State, name: str = "",
                       kind: Literal["outlet", "organisation", "document",
                                     "social_media"] | None = None,
                       limit: Limit = None) -> tuple[CitedSourceCount, ...]:
    return state.store.cited_sources(name, kind, page_size(state, limit))


@router.get("/outlets", summary="The outlets that published the corpus")
async def list_outlets(state: State) -> tuple[OutletCount, ...]:
    return state.store.outlets()


@router.get("/stories", summary="Stories told by the most outlets")
async def list_stories(state: State, limit: Limit = None) -> tuple[StoryCount, ...]:
    return state.store.top_stories(page_size(state, limit))


@router.get("/stories/{story_id}", summary="A story: its articles by date, copies, what was said")
async def get_story(state: State, story_id: str) -> StoryView:
    return _found(state.store.get_story(story_id), "story", story_id)


@router.get("/utterances", summary="Utterances relayed by the most outlets")
async def list_utterances(state: State, limit: Limit = None,
                          min_articles: Annotated[int, Query(ge=1)] = 2,
                          ) -> tuple[RelayedUtterance, ...]:
    return state.store.top_utterances(page_size(state, limit), min_articles)


@router.get("/utterances/{utterance_id}", summary="An utterance and every variant of it")
async def get_utterance(state: State, utterance_id: str) -> UtteranceView:
    return _found(state.store.get_utterance(utterance_id), "utterance", utterance_id)
