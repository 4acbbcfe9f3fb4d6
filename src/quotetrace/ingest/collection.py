"""A corpus as the user names it — folders, files of any supported kind, feed URLs — → one stream
of inputs, each carrying the metadata its container or sidecar gives.

Folders are walked recursively in sorted order, so the same folder always gives the same order
(and so the same corpus links). What each file is comes from its name: ``.txt``/``.html``/``.htm``
articles (with ``metadata.tsv`` sidecars), ``.warc``/``.warc.gz`` archives, ``.jsonl``/``.ndjson``
lines, ``.rss``/``.atom``/``.xml`` feeds.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from quotetrace.errors import InputError
from quotetrace.ingest.feeds import FEED_SUFFIXES, is_url, iter_feed, iter_url
from quotetrace.ingest.jsonl import JSONL_SUFFIXES, JsonlFields, iter_jsonl
from quotetrace.ingest.sidecar import Sidecars, apply_metadata
from quotetrace.ingest.sources import INPUT_SUFFIXES, RawInput, read_input
from quotetrace.ingest.text import DEFAULT_MAX_BYTES
from quotetrace.ingest.warc import is_warc, iter_warc
from quotetrace.records import Rejection

__all__ = ["CollectionOptions", "count_articles", "iter_collection"]

_CONTAINER_SUFFIXES = frozenset({*JSONL_SUFFIXES, *FEED_SUFFIXES})


@dataclass(frozen=True, slots=True)
class CollectionOptions:
    """How to read the collection: JSONL field names, the size limit of one input."""

    jsonl: JsonlFields = field(default_factory=JsonlFields)
    max_bytes: int = DEFAULT_MAX_BYTES


def iter_collection(locations: Iterable[str | Path],
                    options: CollectionOptions | None = None) -> Iterator[RawInput | Rejection]:
    """Every input of every location, in order; a bad one becomes a ``Rejection``."""
    options = options or CollectionOptions()
    sidecars = Sidecars()
    for location in locations:
        if is_url(location):
            yield from iter_url(str(location), options.max_bytes)
            continue
        for file in _files(Path(location)):
            yield from _read_file(file, options, sidecars)


def count_articles(locations: Iterable[str | Path]) -> int | None:
    """How many inputs the locations hold, when that is known without reading them: only
    article files (one input each); None when an archive, JSONL file, feed or URL is among them."""
    total = 0
    for location in locations:
        if is_url(location):
            return None
        for file in _files(Path(location)):
            if is_warc(file) or file.suffix.lower() in _CONTAINER_SUFFIXES:
                return None
            total += 1
    return total


def _files(path: Path) -> Iterator[Path]:
    if not path.is_dir():
        yield path
        return
    yield from sorted(
        child for child in path.rglob("*")
        if _readable_kind(child) and child.is_file()
        and not any(part.startswith(".") for part in child.relative_to(path).parts)
    )


def _readable_kind(path: Path) -> bool:
    suffix = path.suffix.lower()
    return suffix in INPUT_SUFFIXES or suffix in _CONTAINER_SUFFIXES or is_warc(path)


def _read_file(path: Path, options: CollectionOptions,
               sidecars: Sidecars) -> Iterator[RawInput | Rejection]:
    if is_warc(path):
        yield from iter_warc(path, options.max_bytes)
    elif path.suffix.lower() in JSONL_SUFFIXES:
        yield from iter_jsonl(path, options.jsonl, options.max_bytes)
    elif path.suffix.lower() in FEED_SUFFIXES:
        yield from iter_feed(path, options.max_bytes)
    else:
        yield from _read_article(path, options, sidecars)


def _read_article(path: Path, options: CollectionOptions,
                  sidecars: Sidecars) -> Iterator[RawInput | Rejection]:
    try:
        metadata = sidecars.lookup(path)
    except InputError as error:  # a broken sidecar: say so once, read the files without it
        yield Rejection(error.origin, error.reason, error.detail)
        metadata = None
    try:
        raw = read_input(path, options.max_bytes)
    except InputError as error:
        yield Rejection(error.origin, error.reason, error.detail)
        return
    yield apply_metadata(raw, metadata) if metadata else raw
