"""The corpus the API and page tests share: seven real articles ingested once per session
(six PolNeAR texts, two of them relaying the same quotations, and one hostile article)."""

from __future__ import annotations

import csv
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn

from quotetrace.api import ServerSettings, create_app
from quotetrace.corpus import IngestSettings, ingest
from quotetrace.pipeline import Analyzer
from quotetrace.store import open_store
from tests.conftest import DATA

CORPUS = DATA / "web" / "corpus"
HOSTILE = CORPUS / "hostile-council-vote.txt"
HOSTILE_OUTLET = "<img src=x onerror=alert('outlet')>"
_BUILT = pytest.StashKey[dict[str, str]]()


def metadata() -> dict[str, dict[str, str]]:
    """The sidecar: file name without extension → publisher and publication date."""
    with (CORPUS / "metadata.tsv").open(encoding="utf-8", newline="") as stream:
        return {row["filename"]: row for row in csv.DictReader(stream, delimiter="\t")}


def built_store(request: pytest.FixtureRequest, location: str, key: str) -> str:
    """``location`` with the corpus ingested into it, once per session and back end."""
    built = request.config.stash.setdefault(_BUILT, {})
    if key not in built:
        with open_store(location) as store:
            report = ingest([CORPUS], store, IngestSettings(jobs=1))
        assert report.added == len(list(CORPUS.glob("*.txt"))) and not report.rejected
        built[key] = location
    return built[key]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def running_server(location: str, analyzer: Analyzer | None = None,
                   settings: ServerSettings | None = None) -> Iterator[str]:
    """A real uvicorn server on a free loopback port, in a thread; yields its base URL."""
    port = free_port()
    with open_store(location) as store:
        app = create_app(store, settings, analyzer=analyzer)
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                               log_level="warning", lifespan="off"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 30
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        try:
            yield f"http://127.0.0.1:{port}"
        finally:
            server.should_exit = True
            thread.join(timeout=10)


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.txt"))
