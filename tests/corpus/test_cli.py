"""The corpus commands end to end on the real multi-outlet articles of ``tests/data/link``
(with their metadata sidecar): ingest, top, search, person, quote, story, export. What the
commands print is checked against what the store answers through the Python API."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from quotetrace.cli import app
from quotetrace.records import QuoteVariant
from quotetrace.store import SearchQuery, open_store

LINK_DATA = Path(__file__).resolve().parents[1] / "data" / "link"
WIDE = {"COLUMNS": "250"}  # long ids and names stay on one line


def _run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args), env=WIDE)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("cli") / "corpus.db")
    result = _run("ingest", str(LINK_DATA), "--db", path, "--jobs", "1")
    assert result.exit_code == 0, result.output
    articles = len(list(LINK_DATA.glob("*.txt")))
    assert f"{articles} articles added, 0 already stored (or repeated), 0 rejected" in (
        result.output)
    return path


def test_ingest_again_adds_nothing(db: str) -> None:
    result = _run("ingest", str(LINK_DATA), "--db", db, "--jobs", "1")
    assert result.exit_code == 0 and "0 articles added" in result.output


def test_top_shows_the_most_quoted_and_most_relayed(db: str) -> None:
    with open_store(db) as store:
        people, relayed, stories = store.top_people(5), store.top_utterances(5), store.top_stories(5)
        counts = store.counts()
    assert people and relayed and stories  # several outlets relay the same lines in this corpus
    output = _run("top", "--db", db, "--limit", "5").output
    assert f"{counts.articles} articles, {counts.quotes} quotations" in output
    for item in (*[c.person.name for c in people], *[u.utterance.id for u in relayed],
                 *[s.story.id for s in stories]):
        assert item in output


def test_search_lists_what_the_store_finds(db: str) -> None:
    result = _run("search", "Second Amendment", "--db", db, "--format", "jsonl", "--limit", "50")
    found = [json.loads(line) for line in result.output.splitlines()]
    with open_store(db) as store:
        expected = store.search(SearchQuery("Second Amendment", limit=50))
    assert expected.total > 0
    assert [hit["id"] for hit in found] == [hit.id for hit in expected.items]
    assert all("second amendment" in hit["text"].lower() for hit in found)
    filtered = _run("search", "--db", db, "--outlet", "breitbart", "--format", "jsonl",
                    "--limit", "500").output.splitlines()
    assert filtered and all(json.loads(line)["outlet"] == "breitbart" for line in filtered)


def test_person_quote_and_story_views(db: str) -> None:
    with open_store(db) as store:
        trump = store.find_people("Trump")[0]
        relayed = store.top_utterances(1)[0]
        view = store.get_utterance(relayed.utterance.id)
        story = store.top_stories(1)[0]
        members = store.get_story(story.story.id)
    assert view is not None and members is not None
    person = _run("person", "Trump", "--db", db).output
    assert trump.person.name in person and f"{trump.quotes} quotations" in person
    quote = _run("quote", relayed.utterance.id, "--db", db).output
    assert all(f"{v.outlet}  [{v.variant.relation}" in quote for v in view.variants)
    by_quotation = _run("quote", view.variants[-1].variant.quote_id, "--db", db).output
    assert by_quotation == quote  # a quotation's id leads to its utterance
    told = _run("story", story.story.id, "--db", db).output
    assert all(article.id in told for _, article in members.members)
    for command in ("quote", "story", "person"):
        missing = _run(command, "no-such-id", "--db", db)
        assert missing.exit_code == 1 and "no-such-id" in missing.output


@pytest.mark.parametrize("table", ["quotes", "people", "variants"])
def test_exports_hold_every_row(db: str, tmp_path: Path, table: str) -> None:
    with open_store(db) as store:
        expected = {"quotes": store.counts().quotes, "people": store.counts().people,
                    "variants": len(list(store.iter_links(QuoteVariant)))}[table]
    lines = _run("export", "--db", db, "--table", table, "--format", "jsonl").output.splitlines()
    assert len(lines) == expected
    rows = [json.loads(line) for line in lines]
    as_csv = list(csv.DictReader(io.StringIO(
        _run("export", "--db", db, "--table", table, "--format", "csv").output)))
    parquet = tmp_path / f"{table}.parquet"
    result = _run("export", "--db", db, "--table", table, "--format", "parquet",
                  "--output", str(parquet))
    assert result.exit_code == 0, result.output
    from_parquet = pq.read_table(parquet).to_pylist()
    key = "quote_id" if table == "variants" else "id"
    assert [row[key] for row in as_csv] == [row[key] for row in rows]
    assert from_parquet == rows
    refused = _run("export", "--db", db, "--format", "parquet")
    assert refused.exit_code == 1 and "--output" in refused.output


def test_every_corpus_command_and_option_is_documented() -> None:
    import typer.main

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    for name in ("ingest", "search", "person", "quote", "story", "top", "export"):
        assert f"quotetrace {name}" in readme, name
        for param in commands[name].params:
            for option in param.opts:
                if option.startswith("--") and option != "--help":
                    assert option in readme, f"{name} {option} is not in README.md"


def test_queries_on_a_missing_store_say_so(tmp_path: Path) -> None:
    missing = str(tmp_path / "none.db")
    for command in (["top"], ["search", "x"], ["person", "x"], ["export"]):
        result = _run(*command, "--db", missing)
        assert result.exit_code == 1 and f"no store at {missing}" in result.output
    assert not Path(missing).exists()


def test_ingest_in_accurate_mode_stores_the_learned_relations(db: str, tmp_path: Path) -> None:
    path = str(tmp_path / "accurate.db")
    result = _run("ingest", str(LINK_DATA), "--db", path, "--jobs", "2", "--mode", "accurate")
    assert result.exit_code == 0, result.output
    with open_store(db) as rules, open_store(path) as accurate:
        assert accurate.counts().articles == rules.counts().articles
        assert accurate.counts().quotes > rules.counts().quotes
    exported = _run("export", "--db", path, "--table", "quotes", "--format", "jsonl").output
    producers = {json.loads(line)["producer"] for line in exported.splitlines()}
    assert any("cue-encoder" in p for p in producers), producers
    assert "quotes.rules.v1:verb-complement" in producers  # each relation names its rule
