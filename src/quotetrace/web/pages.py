"""Server-rendered pages: search, article, person, story, utterance, analyze.

Each route calls the store (or the analyzer) once or twice and hands the records to a template;
the templates escape everything, and the only HTML built in Python is ``markup.mark_text``.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from quotetrace.api.analysis import analyze_or_422
from quotetrace.api.corpus import QuoteKind, search_query
from quotetrace.api.security import check_writer
from quotetrace.api.state import ServerState, server_state
from quotetrace.render.json import article_to_dict
from quotetrace.store import Page, SearchQuery
from quotetrace.web.charts import monthly_chart, timeline
from quotetrace.web.highlights import article_highlights, quote_anchor, source_anchor
from quotetrace.web.markup import mark_text

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
State = Annotated[ServerState, Depends(server_state)]
_STORY_UTTERANCES = 10


def _render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, template, context, status_code=status_code)


def _page_links(request: Request, page: Page[Any]) -> dict[str, str | None]:
    """The previous and next page of the same search."""
    params = {k: v for k, v in request.query_params.items() if k != "offset" and v}

    def link(to: int) -> str:
        return f"{request.url.path}?{urlencode({**params, 'offset': to})}"

    more = not page.exact or page.offset + page.limit < page.total
    return {"previous": link(max(page.offset - page.limit, 0)) if page.offset else None,
            "next": link(page.offset + page.limit) if more else None}


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@router.get("/", response_class=HTMLResponse)
async def search_page(request: Request, state: State, q: str = "", speaker: str = "",
                      outlet: str = "", since: str = "", until: str = "", lang: str = "",
                      kind: str = "", offset: int = 0) -> HTMLResponse:
    limit, count_limit = state.settings.page_size, state.settings.search_count_limit
    chosen_kind: QuoteKind | None = kind if kind in ("direct", "indirect", "mixed") else None  # type: ignore[assignment]
    query = search_query(q, speaker, None, outlet, _date(since), _date(until), lang, chosen_kind,
                         limit, max(offset, 0), count_limit)
    results = state.store.search(query)
    browsing = query == SearchQuery(limit=limit, count_limit=count_limit)
    return _render(
        request, "search.html", form=dict(request.query_params), results=results,
        pages=_page_links(request, results), outlets=state.store.outlets(),
        people=state.store.top_people(8) if browsing else (),
        relayed=state.store.top_utterances(5) if browsing else (),
        stories=state.store.top_stories(5) if browsing else ())


def _article_context(data: dict[str, Any]) -> dict[str, Any]:
    sources = {source["id"]: source for source in data["sources"]}
    return {"data": data, "marked": mark_text(data["document"]["text"], article_highlights(data)),
            "sources_by_id": sources, "quote_anchor": quote_anchor,
            "source_anchor": source_anchor}


@router.get("/articles/{article_id}", response_class=HTMLResponse)
async def article_page(request: Request, state: State, article_id: str) -> HTMLResponse:
    stored = state.store.get_article_links(article_id)
    data = state.store.get_article_dict(article_id)
    if stored is None or data is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    return _render(request, "article.html", stored=stored, **_article_context(data))


@router.get("/people", response_class=HTMLResponse)
async def people_page(request: Request, state: State, name: str = "") -> HTMLResponse:
    limit = state.settings.max_page_size
    people = state.store.find_people(name, limit) if name else state.store.top_people(limit)
    return _render(request, "people.html", people=people, name=name)


@router.get("/people/{person_id}", response_class=HTMLResponse)
async def person_page(request: Request, state: State, person_id: str,
                      offset: int = 0) -> HTMLResponse:
    limit = state.settings.max_page_size
    profile = state.store.get_person(person_id, limit, max(offset, 0))
    if profile is None:
        raise HTTPException(404, f"no person with id {person_id!r}")
    chart = monthly_chart(state.store.quotes_per_month(person_id))
    return _render(request, "person.html", profile=profile, chart=chart,
                   pages=_page_links(request, profile.quotes))


@router.get("/stories", response_class=HTMLResponse)
async def stories_page(request: Request, state: State) -> HTMLResponse:
    stories = state.store.top_stories(state.settings.max_page_size)
    return _render(request, "stories.html", stories=stories)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
async def story_page(request: Request, state: State, story_id: str) -> HTMLResponse:
    view = state.store.get_story(story_id, _STORY_UTTERANCES)
    if view is None:
        raise HTTPException(404, f"no story with id {story_id!r}")
    articles = [(summary.id, summary.outlet, summary.published, summary.title)
                for _, summary in view.members]
    utterances = [state.store.get_utterance(relayed.utterance.id)
                  for relayed in view.utterances if relayed.articles > 1]
    return _render(request, "story.html", view=view,
                   timeline=timeline(articles, view.story.first_article_id),
                   titles={summary.id: summary for _, summary in view.members},
                   links={link.article_id: link for link in view.links},
                   utterances=[u for u in utterances if u is not None])


@router.get("/utterances/{utterance_id}", response_class=HTMLResponse)
async def utterance_page(request: Request, state: State, utterance_id: str) -> HTMLResponse:
    view = state.store.get_utterance(utterance_id)
    if view is None:
        raise HTTPException(404, f"no utterance with id {utterance_id!r}")
    return _render(request, "utterance.html", view=view)


@router.get("/analyze", response_class=HTMLResponse)
async def analyze_form(request: Request, state: State) -> HTMLResponse:
    return _render(request, "analyze.html", settings=state.settings, form={})


@router.post("/analyze", response_class=HTMLResponse)
async def analyze_page(request: Request, state: State,
                       text: Annotated[str, Form()], published: Annotated[str, Form()] = "",
                       url: Annotated[str, Form()] = "",
                       token: Annotated[str, Form()] = "") -> HTMLResponse:
    check_writer(request, state.settings, form_token=token or None)
    try:
        article = await analyze_or_422(state, text.encode("utf-8"), html=None,
                                       published=published or None, lang=None, url=url or None)
    except HTTPException as error:
        form = {"text": text, "published": published, "url": url}
        return _render(request, "analyze.html", status_code=error.status_code,
                       settings=state.settings, form=form, error=error.detail)
    return _render(request, "article.html", stored=None, **_article_context(
        article_to_dict(article)))
