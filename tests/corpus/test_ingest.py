"""Ingest on real articles, on every back end: each article stored once with its sidecar metadata,
a re-run adds nothing, bad inputs become rejections with reasons, and a run killed with SIGKILL
mid-way leaves whole batches only and resumes to the same corpus as an uninterrupted run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Literal

import pytest

from quotetrace.corpus import IngestSettings, ingest, input_article_id
from quotetrace.ingest.collection import iter_collection
from quotetrace.ingest.sources import RawInput
from quotetrace.pipeline import Analyzer
from quotetrace.records import (
    ArticleLink,
    Person,
    PersonMention,
    QuoteVariant,
    Story,
    StoryMember,
    Utterance,
)
from quotetrace.store import Store, open_store
from tests.corpus.conftest import NAV_ONLY, DemoArticle, demo_folder

LINK_RECORDS = (ArticleLink, Person, PersonMention, Utterance, QuoteVariant, Story, StoryMember)
KILLED_CORPUS_SIZE = 16


def _links(store: Store) -> dict[str, list[Any]]:
    return {kind.__name__: sorted(store.iter_links(kind), key=repr) for kind in LINK_RECORDS}


def _whole(store: Store) -> list[tuple[str, int, int]]:
    """Per stored article: its id, its quotation rows, the quotations its JSON holds."""
    found = []
    for article in store.iter_article_dicts():
        stored = store.get_article(article["document"]["id"])
        assert stored is not None
        found.append((article["document"]["id"], stored.summary.quotes, len(article["quotes"])))
    return found


def test_a_rerun_adds_nothing(location: str, tmp_path: Path, analyzer: Analyzer,
                              demo_articles: list[DemoArticle]) -> None:
    articles = demo_articles[:8]
    folder = demo_folder(articles, tmp_path / "corpus")
    settings = IngestSettings(jobs=1, batch_size=3)
    with open_store(location) as store:
        report = ingest([folder], store, settings, analyzer=analyzer)
        assert (report.added, report.skipped, report.rejected, report.batches) == (8, 0, 0, 3)
        expected = {input_article_id(raw): raw for raw in iter_collection([folder])
                    if isinstance(raw, RawInput)}
        assert {a.id for a in store.iter_articles()} == set(expected)
        by_file = {Path(a.origin).name: a for a in store.iter_articles()}
        for article in articles:
            stored = by_file[article.path.name]
            assert (stored.outlet, stored.published) == (article.outlet, article.published)
        counts, links = store.counts(), _links(store)
        assert counts.people > 0 and counts.stories > 0
        again = ingest([folder], store, settings, analyzer=analyzer)
        assert (again.added, again.skipped, again.rejected, again.replayed) == (0, 8, 0, 8)
        assert store.counts() == counts and _links(store) == links


@pytest.mark.parametrize("mode", ["accurate", "fast"])
def test_an_analyzer_of_another_mode_is_refused(tmp_path: Path, analyzer: Analyzer,
                                                demo_articles: list[DemoArticle],
                                                mode: Literal["accurate", "fast"]) -> None:
    folder = demo_folder(demo_articles[:1], tmp_path / "corpus")
    with open_store(str(tmp_path / "q.db")) as store:
        with pytest.raises(ValueError, match=f"{mode} mode"):
            ingest([folder], store, IngestSettings(jobs=1, mode=mode), analyzer=analyzer)
        assert store.counts().articles == 0


def test_bad_inputs_become_rejections_and_the_rest_is_stored(
        location: str, tmp_path: Path, analyzer: Analyzer,
        demo_articles: list[DemoArticle]) -> None:
    folder = demo_folder(demo_articles[:3], tmp_path / "corpus")
    (folder / "a-empty.txt").write_bytes(b"")
    (folder / "b-picture.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (folder / "c-menu.html").write_bytes(NAV_ONLY.read_bytes())
    with open_store(location) as store:
        report = ingest([folder], store, IngestSettings(jobs=1, batch_size=2),
                        analyzer=analyzer)
        assert (report.added, report.rejected) == (3, 3)
        assert {(Path(r.origin).name, r.reason) for r in store.rejections()} == {
            ("a-empty.txt", "empty"), ("b-picture.html", "binary"),
            ("c-menu.html", "no-article-text")}
        assert all(r.detail for r in store.rejections())
        assert set(report.rejections) == set(store.rejections())
        again = ingest([folder], store, IngestSettings(jobs=1), analyzer=analyzer)
        assert again.rejected == 3 and store.counts().rejections == 3  # kept once, not twice


def test_the_id_known_before_analysis_is_the_article_id(
        tmp_path: Path, analyzer: Analyzer, demo_articles: list[DemoArticle]) -> None:
    folder = demo_folder(demo_articles[:2], tmp_path / "corpus")
    lines = [json.dumps({"text": demo_articles[2].page("https://x.example/p"), "id": "p"}),
             json.dumps({"text": demo_articles[3].text, "url": "https://x.example/q"})]
    (folder / "dump.jsonl").write_text("\n".join(lines), encoding="utf-8")
    raws = [raw for raw in iter_collection([folder]) if isinstance(raw, RawInput)]
    assert len(raws) == 4
    for raw in raws:
        assert input_article_id(raw) == analyzer.analyze_input(raw).document.id


@pytest.fixture(scope="session")
def uninterrupted(tmp_path_factory: pytest.TempPathFactory, analyzer: Analyzer,
                  demo_articles: list[DemoArticle]) -> dict[str, Any]:
    """The corpus of the SIGKILL test ingested in one go: what the resumed run must equal."""
    root = tmp_path_factory.mktemp("uninterrupted")
    folder = demo_folder(demo_articles[:KILLED_CORPUS_SIZE], root / "corpus")
    with open_store(root / "corpus.db") as store:
        ingest([folder], store, IngestSettings(jobs=1, batch_size=2), analyzer=analyzer)
        return {"ids": {a.id for a in store.iter_articles()}, "links": _links(store),
                "counts": store.counts()}


def test_sigkill_mid_ingest_then_rerun_gives_every_article_once(
        location: str, tmp_path: Path, analyzer: Analyzer, demo_articles: list[DemoArticle],
        uninterrupted: dict[str, Any]) -> None:
    folder = demo_folder(demo_articles[:KILLED_CORPUS_SIZE], tmp_path / "corpus")
    command = [sys.executable, "-m", "quotetrace", "ingest", str(folder), "--db", location,
               "--jobs", "2", "--batch-size", "2"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    try:
        stored = _wait_for_articles(location, process, at_least=2)
    finally:
        os.killpg(process.pid, signal.SIGKILL)  # the ingest and its workers, at once
        process.wait()
    assert process.returncode == -signal.SIGKILL
    with open_store(location) as store:
        whole = _whole(store)
        assert 2 <= len(whole) < KILLED_CORPUS_SIZE, "the run should be killed half-way"
        assert len(whole) % 2 == 0  # batches of two, each whole or absent
        assert all(rows == quotes for _, rows, quotes in whole)
        assert len(whole) >= stored
        report = ingest([folder], store, IngestSettings(jobs=1, batch_size=2), analyzer=analyzer)
        assert report.replayed == len(whole) and report.skipped == len(whole)
        assert report.added == KILLED_CORPUS_SIZE - len(whole)
        ids = [article_id for article_id, _, _ in _whole(store)]
        assert len(ids) == len(set(ids)) == KILLED_CORPUS_SIZE
        assert set(ids) == uninterrupted["ids"]
        assert store.counts() == uninterrupted["counts"]
        assert _links(store) == uninterrupted["links"]


def _wait_for_articles(location: str, process: subprocess.Popen[bytes], at_least: int) -> int:
    """Poll the store until the running ingest has committed ``at_least`` articles."""
    deadline = time.monotonic() + 300  # generous: the machine may be busy; not a speed check
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"ingest ended (status {process.returncode}) before it could be killed")
        with open_store(location) as store:  # opening it as it is being created is fine
            count = store.counts().articles
        if count >= at_least:
            return count
        time.sleep(0.05)
    pytest.fail("the first batch was never committed")
