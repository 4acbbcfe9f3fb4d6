"""Files, directories and stdin: good inputs become RawInput, bad ones Rejections."""

from __future__ import annotations

import io
import shutil
import tracemalloc
from pathlib import Path

import pytest

from quotetrace.errors import InputTooLarge, UnreadableInput
from quotetrace.ingest.sources import RawInput, iter_inputs, read_input, read_stdin
from quotetrace.records import Rejection

DATA = Path(__file__).resolve().parents[1] / "data"
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "captured-commander.txt"


def test_text_file_is_read_verbatim() -> None:
    raw = read_input(EXAMPLE)
    with EXAMPLE.open(encoding="utf-8", newline="") as stream:
        assert raw.text == stream.read()
    assert (raw.format, raw.encoding, raw.origin) == ("text", "utf-8", str(EXAMPLE))
    assert raw.title is None and raw.published is None


def test_windows_newlines_survive(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"First paragraph.\r\n\r\nSecond paragraph.\r\n")
    assert read_input(path).text == "First paragraph.\r\n\r\nSecond paragraph.\r\n"


def test_html_file_gives_article_text_and_date() -> None:
    raw = read_input(DATA / "article.html")
    assert raw.format == "html"
    assert raw.published == "2022-03-08"
    assert raw.lang == "en"
    assert "unilateral information" in raw.text
    assert "<p>" not in raw.text


def test_huge_file_is_refused_from_its_size_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:
        stream.truncate(50 * 1024 * 1024)
    tracemalloc.start()
    try:
        with pytest.raises(InputTooLarge) as caught:
            read_input(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1024 * 1024  # the 50 MB were never read
    assert str(caught.value) == (
        f"{path}: file is 50.0 MB, above the 20.0 MB limit (raise the limit with --max-bytes / max_bytes, or split the file)"
    )


def test_missing_file_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(UnreadableInput, match="cannot read file"):
        read_input(tmp_path / "nowhere.txt")


def test_stdin_stream() -> None:
    raw = read_stdin(io.BytesIO("He said “yes”.\n".encode()))
    assert (raw.origin, raw.text, raw.format) == ("<stdin>", "He said “yes”.\n", "text")


def test_stdin_above_the_limit() -> None:
    with pytest.raises(InputTooLarge):
        read_stdin(io.BytesIO(b"x" * 2048), max_bytes=1024)


def test_batch_goes_on_past_bad_files(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(EXAMPLE, folder / "a-good.txt")
    shutil.copy(DATA / "article.html", folder / "sub" / "page.html")
    shutil.copy(DATA / "nav-only.html", folder / "d-nav.htm")
    (folder / "b-empty.txt").write_bytes(b"")
    (folder / "c-blank.txt").write_bytes(b"\n \n\t\n")
    (folder / "e-binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (folder / "notes.md").write_text("not an input: wrong suffix\n")
    missing = tmp_path / "missing.txt"

    results = list(iter_inputs([folder, missing]))

    summary = [
        (Path(item.origin).name, item.reason if isinstance(item, Rejection) else item.format)
        for item in results
    ]
    assert summary == [
        ("a-good.txt", "text"),
        ("b-empty.txt", "empty"),
        ("c-blank.txt", "empty"),
        ("d-nav.htm", "no-article-text"),
        ("e-binary.txt", "binary"),
        ("page.html", "html"),
        ("missing.txt", "unreadable"),
    ]
    rejection = results[4]
    assert isinstance(rejection, Rejection)
    assert rejection.detail == "file is binary (PNG image), not text"
    assert all(isinstance(item, RawInput) for item in (results[0], results[5]))
