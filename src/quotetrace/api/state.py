"""What one server holds: its store, its settings and, once first needed, an analyzer."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from quotetrace.api.settings import ServerSettings
from quotetrace.ingest import read_bytes
from quotetrace.pipeline import Analyzer
from quotetrace.records import Article
from quotetrace.store import Store

__all__ = ["PASTED_ORIGIN", "ServerState", "server_state"]

PASTED_ORIGIN = "<pasted>"


@dataclass
class ServerState:
    """Held by the app, never by the module: two apps in one process share nothing.

    Store calls run on the event loop's thread, one at a time: a store holds one connection,
    and its queries take milliseconds, less than a hop to a worker thread would.
    """

    store: Store
    settings: ServerSettings
    analyzer: Analyzer | None = None
    _loading: threading.Lock = field(default_factory=threading.Lock)

    def _loaded_analyzer(self) -> Analyzer:
        with self._loading:  # spaCy takes a second to load: load it once, on first use
            if self.analyzer is None:
                self.analyzer = Analyzer.load(self.settings.model)
            return self.analyzer

    def _analyze(self, data: bytes, html: bool | None, published: str | None,
                 lang: str | None, url: str | None) -> Article:
        raw = read_bytes(data, PASTED_ORIGIN, self.settings.max_body_bytes, html=html)
        return self._loaded_analyzer().analyze_input(raw, published=published, lang=lang, url=url)

    async def analyze(self, data: bytes, *, html: bool | None = None,
                      published: str | None = None, lang: str | None = None,
                      url: str | None = None) -> Article:
        """Analyse a pasted article on a worker thread, so reads go on meanwhile."""
        return await run_in_threadpool(self._analyze, data, html, published, lang, url)


def server_state(request: Request) -> ServerState:
    state: ServerState = request.app.state.quotetrace
    return state
