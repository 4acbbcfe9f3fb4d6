"""WARC archives (``.warc``, ``.warc.gz``) → one input per HTML response record.

Other records (requests, metadata, images, redirects, error pages) are not articles and are
passed over silently; a response that is HTML but holds no article becomes a ``Rejection``.
The record's target URI is the article's URL and its host the outlet.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator  # type: ignore[import-untyped]
from warcio.exceptions import ArchiveLoadFailed  # type: ignore[import-untyped]

from quotetrace.errors import InputError, UnreadableInput
from quotetrace.ingest.html import extract_html
from quotetrace.ingest.metadata import outlet_of
from quotetrace.ingest.sources import RawInput
from quotetrace.ingest.text import DEFAULT_MAX_BYTES, check_size, decode_bytes
from quotetrace.records import Rejection

__all__ = ["WARC_SUFFIXES", "is_warc", "iter_warc"]

WARC_SUFFIXES = (".warc", ".warc.gz")
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def iter_warc(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES
              ) -> Iterator[RawInput | Rejection]:
    """Each HTML response of the archive as an input; a bad one as a ``Rejection``."""
    path = Path(path)
    try:
        with path.open("rb") as stream:
            for number, record in enumerate(ArchiveIterator(stream), start=1):
                if record.format != "warc":  # warcio reads junk leniently, as an old ARC file
                    yield Rejection(str(path), "bad-warc",
                                    f"not a WARC archive (record {number} is no WARC record)")
                    return
                if record.rec_type != "response" or not _is_html(record):
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI")
                origin = f"{path}#{number}"
                try:
                    yield _read_record(record.content_stream().read(max_bytes + 1), origin, uri,
                                       max_bytes)
                except InputError as error:
                    yield Rejection(error.origin, error.reason, error.detail)
    except OSError as error:
        yield Rejection(str(path), UnreadableInput.reason,
                        f"cannot read WARC file ({error.strerror or error})")
    except ArchiveLoadFailed as error:
        yield Rejection(str(path), "bad-warc", f"not a readable WARC archive ({error})")


def _is_html(record: object) -> bool:
    headers = getattr(record, "http_headers", None)
    if headers is None or not headers.get_statuscode().startswith("2"):
        return False
    content_type = (headers.get_header("Content-Type") or "").lower()
    return content_type.startswith(_HTML_TYPES)


def _read_record(data: bytes, origin: str, url: str | None, max_bytes: int) -> RawInput:
    check_size(len(data), origin, max_bytes)
    text, encoding = decode_bytes(data, origin, max_bytes)
    article = extract_html(text, origin, url=url)
    return RawInput(origin=origin, text=article.text, format="html", encoding=encoding,
                    title=article.title, published=article.published, url=url or article.url,
                    lang=article.lang, outlet=outlet_of(url or article.url))
