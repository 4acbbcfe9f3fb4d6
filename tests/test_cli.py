"""``quotetrace analyze`` as a user runs it (a new process): every format, stdin, folders, the
overrides, and --format attrib exactly as the PolNeAR scorer reads it."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import typer.main
from jsonschema import Draft202012Validator

from quotetrace.cli import app
from quotetrace.ingest import read_input
from quotetrace.pipeline import Analyzer
from tests.conftest import DATA, REFERENCE_ARTICLE, REPO, read_text, run_cli

POLNEAR = sorted((DATA / "polnear").glob("*.txt"))
URL = "https://metro.example/2022/03/08/captured-commander"


@pytest.fixture(scope="module")
def text_run() -> subprocess.CompletedProcess[str]:
    return run_cli("analyze", REFERENCE_ARTICLE, "--published", "2022-03-08")


@pytest.fixture(scope="module")
def stdin_json_run() -> subprocess.CompletedProcess[str]:
    return run_cli("analyze", "-", "--format", "json", "--published", "2022-03-08",
                   "--lang", "en", "--url", URL, stdin=REFERENCE_ARTICLE.read_bytes())


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two PolNeAR articles, the unbalanced excerpt, and an HTML page, in a folder tree."""
    root = tmp_path_factory.mktemp("articles")
    (root / "nested").mkdir()
    for path in POLNEAR:
        shutil.copy(path, root / path.name)
    shutil.copy(DATA / "unbalanced-marks.txt", root / "nested" / "unbalanced-marks.txt")
    shutil.copy(DATA / "article.html", root / "nested" / "article.html")
    (root / "notes.md").write_text("not an input: directories expand to .txt and .html only")
    return root


@pytest.fixture(scope="module")
def folder_run(folder: Path) -> subprocess.CompletedProcess[str]:
    return run_cli("analyze", folder, "--format", "jsonl")


@pytest.fixture(scope="module")
def attrib_inputs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Text files as the scorer reads them, one with Windows newlines."""
    root = tmp_path_factory.mktemp("attrib")
    windows = root / "captured-commander-crlf.txt"
    windows.write_bytes(REFERENCE_ARTICLE.read_bytes().replace(b"\n", b"\r\n"))
    return [REFERENCE_ARTICLE, *POLNEAR, windows]


@pytest.fixture(scope="module")
def attrib_run(attrib_inputs: list[Path]) -> subprocess.CompletedProcess[str]:
    return run_cli("analyze", *attrib_inputs, "--format", "attrib")


def test_text_report(text_run: subprocess.CompletedProcess[str]) -> None:
    assert text_run.returncode == 0, text_run.stderr
    out = text_run.stdout
    assert "Astakhov Dmitry Mikhailovich" in out and "Lt. Col." in out
    assert "Andrew Stroehlein" in out
    assert "Obviously, this information was unilateral information" in out
    assert "New York Post" in out and "2022-03-07" in out
    assert "Advert" not in out.split() and "donate" not in out
    assert text_run.stderr == ""


def test_stdin_json_with_overrides(stdin_json_run: subprocess.CompletedProcess[str],
                                   article_validator: Draft202012Validator) -> None:
    assert stdin_json_run.returncode == 0, stdin_json_run.stderr
    article = json.loads(stdin_json_run.stdout)  # one article: one JSON document
    article_validator.validate(article)
    document = article["document"]
    assert (document["origin"], document["url"], document["lang"], document["published"]) == (
        "<stdin>", URL, "en", "2022-03-08")
    assert document["text"].startswith("A captured Russian commander")
    assert any(d["value"] == "2022-03-07" for d in article["dates"])


def test_url_is_part_of_the_document_id(stdin_json_run: subprocess.CompletedProcess[str],
                                        analyzer: Analyzer) -> None:
    article = json.loads(stdin_json_run.stdout)
    same_url = analyzer.analyze(read_text(REFERENCE_ARTICLE), url=URL)
    no_url = analyzer.analyze(read_text(REFERENCE_ARTICLE))
    assert article["document"]["id"] == same_url.document.id != no_url.document.id


def test_folder_expands_recursively_in_order(folder_run: subprocess.CompletedProcess[str],
                                             folder: Path,
                                             article_validator: Draft202012Validator) -> None:
    assert folder_run.returncode == 0, folder_run.stderr
    articles = [json.loads(line) for line in folder_run.stdout.splitlines()]
    for article in articles:
        article_validator.validate(article)
    expected = sorted(p for p in folder.rglob("*") if p.suffix in (".txt", ".html"))
    assert [a["document"]["origin"] for a in articles] == [str(p) for p in expected]
    formats = {Path(a["document"]["origin"]).name: a["document"]["format"] for a in articles}
    assert formats["article.html"] == "html" and formats["unbalanced-marks.txt"] == "text"


def test_folder_run_warns_but_exits_0(folder_run: subprocess.CompletedProcess[str]) -> None:
    lines = folder_run.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("warning: ") and "unbalanced" in lines[0]
    assert "unbalanced-marks.txt" in lines[0]


def test_jsonl_detects_the_date_of_html(folder_run: subprocess.CompletedProcess[str]) -> None:
    html = next(a for line in folder_run.stdout.splitlines()
                if (a := json.loads(line))["document"]["format"] == "html")
    assert html["document"]["published"] == "2022-03-08"
    assert html["document"]["url"] == "https://ledger.example/world/2022/03/08/captured-commander"


def attribution_lines(run: subprocess.CompletedProcess[str]) -> list[dict[str, Any]]:
    assert run.returncode == 0, run.stderr
    return [json.loads(line) for line in run.stdout.splitlines()]


def test_attrib_one_line_per_file_id_is_the_stem(attrib_run: subprocess.CompletedProcess[str],
                                                 attrib_inputs: list[Path]) -> None:
    lines = attribution_lines(attrib_run)
    assert [line["id"] for line in lines] == [p.stem for p in attrib_inputs]
    for line in lines:
        assert set(line) == {"id", "attributions"}
        for attribution in line["attributions"]:
            assert set(attribution) == {"content", "source", "cue", "speaker", "kind"}
            assert attribution["kind"] in ("direct", "indirect", "mixed")
            assert attribution["speaker"] is None or isinstance(attribution["speaker"], str)


def test_attrib_offsets_slice_the_file_as_read(attrib_run: subprocess.CompletedProcess[str],
                                               attrib_inputs: list[Path],
                                               analyzer: Analyzer) -> None:
    """Offsets into the file read with newline="" give exactly the texts the library found."""
    for path, line in zip(attrib_inputs, attribution_lines(attrib_run), strict=True):
        text = read_text(path)
        article = analyzer.analyze_input(read_input(path))
        assert len(line["attributions"]) == len(article.quotes), path.name
        for attribution, quote in zip(line["attributions"], article.quotes, strict=True):
            assert [text[s:e] for s, e in attribution["content"]] == [
                f.text for f in quote.fragments]
            for key, span in (("source", quote.speaker), ("cue", quote.cue)):
                if span is None:
                    assert attribution[key] is None
                else:
                    [[start, end]] = attribution[key]
                    assert text[start:end] == span.text
            assert attribution["speaker"] == quote.speaker_name


def test_attrib_survives_windows_newlines(attrib_run: subprocess.CompletedProcess[str]) -> None:
    lines = {line["id"]: line for line in attribution_lines(attrib_run)}
    unix, windows = lines["captured-commander"], lines["captured-commander-crlf"]
    text = read_text(REFERENCE_ARTICLE).replace("\n", "\r\n")
    assert len(unix["attributions"]) == len(windows["attributions"])
    unix_text = read_text(REFERENCE_ARTICLE)
    for a, b in zip(unix["attributions"], windows["attributions"], strict=True):
        assert [text[s:e] for s, e in b["content"]] == [unix_text[s:e] for s, e in a["content"]]


def test_every_analyze_option_is_in_help_and_readme() -> None:
    command = typer.main.get_command(app)
    analyze = command.commands["analyze"]  # type: ignore[attr-defined]
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    options = [opt for param in analyze.params for opt in param.opts if opt.startswith("--")]
    assert {"--format", "--published", "--lang", "--url"} <= set(options)
    for option in options:
        assert option in readme, f"{option} is not documented in README.md"
    for fmt in ("text", "json", "jsonl", "attrib"):
        assert f"`{fmt}`" in readme
