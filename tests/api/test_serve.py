"""``quotetrace serve`` as a user runs it: a real server process on loopback."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from quotetrace.store import Store
from tests.web.corpus import free_port


def test_serve_answers_over_http_until_stopped(corpus_location: str, store: Store) -> None:
    if "://" in corpus_location:
        pytest.skip("one back end is enough to test the command")
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "quotetrace", "serve", "--db",
                               corpus_location, "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        counts = None
        for _ in range(300):
            try:
                counts = httpx.get(f"http://127.0.0.1:{port}/api/counts").json()
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert counts is not None, "the server did not come up"
        assert counts["articles"] == store.counts().articles
        page = httpx.get(f"http://127.0.0.1:{port}/")
        assert page.status_code == 200 and "Search quotations" in page.text
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert f"127.0.0.1:{port}" in output


def test_serve_refuses_a_missing_store(tmp_path: Path) -> None:
    missing = tmp_path / "nothing.db"
    done = subprocess.run([sys.executable, "-m", "quotetrace", "serve", "--db", str(missing)],
                          check=False, capture_output=True, text=True)
    assert done.returncode == 1
    assert f"{missing}: no store there" in done.stderr
    assert not missing.exists()


def test_every_serve_option_is_in_the_readme() -> None:
    import typer

    from quotetrace.cli import app
    from tests.conftest import REPO

    serve = typer.main.get_command(app).commands["serve"]  # type: ignore[attr-defined]
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Web UI and REST API"):]
    options = [opt for param in serve.params for opt in param.opts if opt.startswith("--")]
    assert {"--db", "--host", "--port", "--token"} <= set(options)
    for option in options:
        assert option in section, f"{option} is not documented in README.md"
