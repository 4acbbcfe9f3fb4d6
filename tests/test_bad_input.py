"""Every bad input through the command line: one ``error: FILE: reason`` line on stderr naming
the file, the right exit status, and the other files of the batch still analysed."""

from __future__ import annotations

import gzip
import json
import subprocess
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from tests.conftest import DATA, REFERENCE_ARTICLE, run_cli

# name → (the bytes, the reason code, words the message must hold)
BAD_INPUTS: dict[str, tuple[bytes, str, str]] = {
    "empty.txt": (b"", "empty", "empty"),
    "blank.txt": (b" \n\r\n\t\n", "empty", "whitespace"),
    "photo.png": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary",
                  "PNG"),
    "story.txt.gz": (gzip.compress(REFERENCE_ARTICLE.read_bytes()), "binary", "gzip"),
    "undecodable.txt": (bytes(range(0x80, 0x100)) * 40, "undecodable", "encoding"),
    "nav-only.html": ((DATA / "nav-only.html").read_bytes(), "no-article-text", "no article"),
    "ads-only.txt": (b"Advert\nTopics: Russia, Ukraine, World News\n", "empty", "boilerplate"),
    # 1.3 MB: under --max-bytes, but more text than spaCy reads in one document
    "book.txt": ((REFERENCE_ARTICLE.read_bytes() + b"\n\n") * 400, "too-large", "characters"),
}
HUGE = "huge.txt"
HUGE_SIZE = 50 * 1024 * 1024


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The bad inputs, a 50 MB text file, and two good articles, in one folder."""
    folder = tmp_path_factory.mktemp("batch")
    for name, (data, _, _) in BAD_INPUTS.items():
        (folder / name).write_bytes(data)
    line = REFERENCE_ARTICLE.read_bytes()
    with (folder / HUGE).open("wb") as stream:
        for _ in range(HUGE_SIZE // len(line) + 1):
            stream.write(line)
    good = folder / "good.txt"
    good.write_bytes(REFERENCE_ARTICLE.read_bytes())
    unbalanced = folder / "unbalanced-marks.txt"
    unbalanced.write_bytes((DATA / "unbalanced-marks.txt").read_bytes())
    return {path.name: path for path in folder.iterdir()}


@pytest.fixture(scope="module")
def mixed_run(batch: dict[str, Path]) -> subprocess.CompletedProcess[str]:
    missing = batch["good.txt"].with_name("no-such-article.txt")
    return run_cli("analyze", *sorted(batch.values()), missing, "--format", "jsonl")


def stderr_lines(run: subprocess.CompletedProcess[str], kind: str) -> list[str]:
    return [line for line in run.stderr.splitlines() if line.startswith(kind + ":")]


def test_huge_file_is_really_50_mb(batch: dict[str, Path]) -> None:
    assert batch[HUGE].stat().st_size >= HUGE_SIZE


def test_some_rejected_exits_2(mixed_run: subprocess.CompletedProcess[str]) -> None:
    assert mixed_run.returncode == 2, mixed_run.stderr
    assert "Traceback" not in mixed_run.stderr


@pytest.mark.parametrize("name", [*BAD_INPUTS, HUGE])
def test_one_error_line_names_the_file_and_the_reason(
    mixed_run: subprocess.CompletedProcess[str], batch: dict[str, Path], name: str
) -> None:
    lines = [line for line in stderr_lines(mixed_run, "error") if str(batch[name]) + ":" in line]
    assert len(lines) == 1, mixed_run.stderr
    words = "MB" if name == HUGE else BAD_INPUTS[name][2]
    assert lines[0].startswith(f"error: {batch[name]}: ")
    assert words.lower() in lines[0].lower()


@pytest.mark.parametrize("name", [*BAD_INPUTS, HUGE])
def test_rejection_record_in_jsonl(mixed_run: subprocess.CompletedProcess[str],
                                   batch: dict[str, Path], rejection_validator:
                                   Draft202012Validator, name: str) -> None:
    lines = [json.loads(line) for line in mixed_run.stdout.splitlines()]
    [record] = [r["rejected"] for r in lines
                if "rejected" in r and r["rejected"]["origin"] == str(batch[name])]
    rejection_validator.validate({"schema": lines[0]["schema"], "rejected": record})
    assert record["reason"] == ("too-large" if name == HUGE else BAD_INPUTS[name][1])


def test_the_good_files_of_the_batch_are_analysed(mixed_run: subprocess.CompletedProcess[str],
                                                 batch: dict[str, Path]) -> None:
    articles = [json.loads(line) for line in mixed_run.stdout.splitlines()]
    analysed = {a["document"]["origin"]: a for a in articles if "document" in a}
    assert set(analysed) == {str(batch["good.txt"]), str(batch["unbalanced-marks.txt"])}
    names = {q["speaker"]["name"] for q in analysed[str(batch["good.txt"])]["quotes"]}
    assert "Astakhov Dmitry Mikhailovich" in names
    assert len(stderr_lines(mixed_run, "error")) == len(BAD_INPUTS) + 2  # + huge + missing


def test_unbalanced_marks_warn_and_the_file_is_analysed(
    mixed_run: subprocess.CompletedProcess[str], batch: dict[str, Path]
) -> None:
    origin = str(batch["unbalanced-marks.txt"])
    [warning] = stderr_lines(mixed_run, "warning")
    assert warning.startswith(f"warning: {origin}: ") and "unbalanced" in warning
    assert "line 13" in warning
    article = next(a for line in mixed_run.stdout.splitlines()
                   if (a := json.loads(line)).get("document", {}).get("origin") == origin)
    assert article["warnings"] == [warning.removeprefix("warning: ")]
    [sanders] = [q for q in article["quotes"] if "For young people" in q["text"]]
    assert sanders["kind"] == "direct"
    assert sanders["fragments"][-1]["text"].endswith("for young people is 51 percent.“")


def test_missing_file_is_named(mixed_run: subprocess.CompletedProcess[str],
                               batch: dict[str, Path]) -> None:
    missing = batch["good.txt"].with_name("no-such-article.txt")
    [line] = [line for line in stderr_lines(mixed_run, "error") if str(missing) in line]
    assert line.startswith(f"error: {missing}: ")


def test_nothing_analysed_exits_1(batch: dict[str, Path]) -> None:
    """Bad stdin and bad files together: every one named, nothing written, status 1."""
    bad = [batch[name] for name in ("empty.txt", "photo.png", "nav-only.html")]
    run = run_cli("analyze", "-", *bad, "--format", "json",
                  stdin=b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    assert run.returncode == 1
    assert run.stdout == ""
    errors = stderr_lines(run, "error")
    assert len(errors) == 4
    assert errors[0].startswith("error: <stdin>: ") and "binary" in errors[0]
    for path, line in zip(bad, errors[1:], strict=True):
        assert line.startswith(f"error: {path}: ")
