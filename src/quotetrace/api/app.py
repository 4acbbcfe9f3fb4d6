"""The app factory: one FastAPI app over one store, with the REST API, the pages and the
security layer. Everything it needs is passed in; nothing is kept at module level."""

from __future__ import annotations

from importlib.resources import files
from urllib.parse import urlsplit

import jinja2
from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException

from quotetrace import __version__
from quotetrace.api import analysis, corpus
from quotetrace.api.security import SecurityMiddleware
from quotetrace.api.settings import ServerSettings
from quotetrace.api.state import ServerState
from quotetrace.pipeline import Analyzer
from quotetrace.store import Store

__all__ = ["create_app"]

_WEB = files("quotetrace.web")


def _is_web_url(url: str | None) -> bool:
    """Only http(s) links are made clickable: an article's URL may say ``javascript:``."""
    return bool(url) and urlsplit(str(url)).scheme in ("http", "https")


def page_templates() -> Jinja2Templates:
    """Templates with autoescaping on for everything, whatever the file name."""
    environment = jinja2.Environment(  # templates ship with the package: no reload checks
        loader=jinja2.FileSystemLoader(str(_WEB / "templates")), autoescape=True,
        trim_blocks=True, lstrip_blocks=True, auto_reload=False)
    environment.filters["web_url"] = _is_web_url
    return Jinja2Templates(env=environment)


def create_app(store: Store, settings: ServerSettings | None = None, *,
               analyzer: Analyzer | None = None) -> FastAPI:
    """The server over ``store``; ``analyzer`` saves loading one on the first /analyze."""
    from quotetrace.web import pages  # the pages build on the API's state and queries

    settings = settings or ServerSettings()
    app = FastAPI(title="quotetrace", version=__version__,
                  summary="Who said what, according to whom, when: a corpus of news articles.",
                  docs_url=None, redoc_url=None, openapi_url="/api/openapi.json")
    app.state.quotetrace = ServerState(store, settings, analyzer)
    app.state.templates = page_templates()
    app.add_middleware(SecurityMiddleware, max_body_bytes=settings.max_body_bytes)
    app.include_router(corpus.router)
    app.include_router(analysis.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(_WEB / "static")), name="static")

    @app.exception_handler(HTTPException)
    async def error_page(request: Request, error: HTTPException) -> Response:
        if request.url.path.startswith("/api/"):
            return await http_exception_handler(request, error)
        templates: Jinja2Templates = request.app.state.templates
        return templates.TemplateResponse(
            request, "error.html", {"status_code": error.status_code, "detail": error.detail},
            status_code=error.status_code, headers=error.headers)

    return app
