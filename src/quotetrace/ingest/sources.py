"""Files, directories and stdin → ``RawInput`` records, or ``Rejection`` records saying why not."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal

from quotetrace.errors import InputError, UnreadableInput
from quotetrace.ingest.html import extract_html, looks_like_html
from quotetrace.ingest.text import DEFAULT_MAX_BYTES, check_size, decode_bytes
from quotetrace.records import Rejection

__all__ = [
    "INPUT_SUFFIXES",
    "STDIN_ORIGIN",
    "RawInput",
    "expand_paths",
    "iter_inputs",
    "read_bytes",
    "read_input",
    "read_stdin",
]

INPUT_SUFFIXES = frozenset({".txt", ".html", ".htm"})  # what a directory expands to
_HTML_SUFFIXES = frozenset({".html", ".htm"})
STDIN_ORIGIN = "<stdin>"


@dataclass(frozen=True, slots=True)
class RawInput:
    """One decoded input, ready for cleaning; for HTML, ``text`` is the article's main text."""

    origin: str
    text: str
    format: Literal["text", "html"]
    encoding: str
    title: str | None = None
    published: str | None = None  # ISO date
    url: str | None = None
    lang: str | None = None
    outlet: str | None = None  # the publisher, when the input says (feed, WARC host, sidecar)


def read_bytes(
    data: bytes, origin: str, max_bytes: int = DEFAULT_MAX_BYTES, *, html: bool | None = None
) -> RawInput:
    """Decode ``data`` and, when it is HTML (or ``html=True``), extract the article from it."""
    text, encoding = decode_bytes(data, origin, max_bytes)
    if html is None:
        html = looks_like_html(text)
    if not html:
        return RawInput(origin=origin, text=text, format="text", encoding=encoding)
    article = extract_html(text, origin, url=None)
    return RawInput(
        origin=origin,
        text=article.text,
        format="html",
        encoding=encoding,
        title=article.title,
        published=article.published,
        url=article.url,
        lang=article.lang,
    )


def read_input(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> RawInput:
    """Read one file; its size is checked on disk first, so a huge file is never loaded."""
    path = Path(path)
    origin = str(path)
    try:
        check_size(path.stat().st_size, origin, max_bytes)
        with path.open("rb") as stream:
            data = stream.read(max_bytes + 1)  # a file growing after stat() still stops here
    except OSError as error:
        raise UnreadableInput(origin, f"cannot read file ({error.strerror or error})") from error
    is_html = True if path.suffix.lower() in _HTML_SUFFIXES else None
    return read_bytes(data, origin, max_bytes, html=is_html)


def read_stdin(stream: BinaryIO | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> RawInput:
    """Read standard input (or ``stream``), reading at most one byte past the limit."""
    source = stream if stream is not None else sys.stdin.buffer
    return read_bytes(source.read(max_bytes + 1), STDIN_ORIGIN, max_bytes)


def iter_inputs(
    paths: Iterable[str | Path], max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[RawInput | Rejection]:
    """Each input in order; a bad one becomes a ``Rejection`` and the batch goes on."""
    for path in expand_paths(paths):
        try:
            yield read_input(path, max_bytes)
        except InputError as error:
            yield Rejection(origin=error.origin, reason=error.reason, detail=error.detail)


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files as given; directories replaced by their input files, recursively and sorted."""
    for path in map(Path, paths):
        if path.is_dir():
            yield from sorted(
                child
                for child in path.rglob("*")
                if child.suffix.lower() in INPUT_SUFFIXES and child.is_file()
            )
        else:
            yield path
