"""``POST /api/analyze``: a pasted article in, exactly ``quotetrace analyze --format json`` out."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse

from quotetrace.api.security import check_writer
from quotetrace.api.state import ServerState, server_state
from quotetrace.errors import InputError
from quotetrace.records import Article
from quotetrace.render.json import SCHEMA_ID, article_to_dict

__all__ = ["analyze_or_422", "router"]

router = APIRouter(prefix="/api")

_BODY = {"requestBody": {"required": True, "content": {
    "text/plain": {"schema": {"type": "string"}},
    "text/html": {"schema": {"type": "string"}},
}}}


async def analyze_or_422(state: ServerState, data: bytes, *, html: bool | None,
                         published: str | None, lang: str | None, url: str | None) -> Article:
    """The analysed article, or a 422 naming why the input could not be analysed."""
    try:
        return await state.analyze(data, html=html, published=published, lang=lang, url=url)
    except InputError as error:
        raise HTTPException(422, {"reason": error.reason, "message": str(error)}) from error


@router.post("/analyze", summary="Analyse a pasted article (text or HTML)", openapi_extra=_BODY,
             responses={200: {"description": f"One article following {SCHEMA_ID}"},
                        401: {"description": "The server needs a token and none matched"},
                        413: {"description": "The body is larger than the server accepts"},
                        422: {"description": "Not an article: empty, binary, no text…"}})
async def analyze(
    request: Request, state: Annotated[ServerState, Depends(server_state)],
    published: Annotated[str | None, Query(description="Publication date (ISO); anchors "
                                                       "relative dates.")] = None,
    lang: Annotated[str | None, Query(description="Language code, overrides detection.")] = None,
    url: Annotated[str | None, Query(description="The article's URL.")] = None,
) -> JSONResponse:
    """The body is the article as bytes; ``Content-Type: text/html`` forces HTML extraction,
    ``text/plain`` forbids it, anything else lets quotetrace detect it."""
    check_writer(request, state.settings)
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    html = {"text/html": True, "text/plain": False}.get(media_type)
    article = await analyze_or_422(state, await request.body(), html=html, published=published,
                                   lang=lang, url=url)
    content: dict[str, Any] = article_to_dict(article)
    return JSONResponse(content)
