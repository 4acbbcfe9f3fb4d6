"""RSS and Atom feeds → one input per entry: its full content when the feed carries it, else its
summary; its link, date and title; the feed's title as the outlet.

A feed may be a file or an ``http(s)://`` URL. Fetching that URL is the only network access
quotetrace makes, and only because the user named it; a URL that turns out to be an article page
rather than a feed is read as that one article.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import feedparser  # type: ignore[import-untyped]

from quotetrace.errors import EmptyInput, InputError, MalformedRecord, UnreadableInput
from quotetrace.ingest.html import extract_html, looks_like_html
from quotetrace.ingest.metadata import iso_date, outlet_of
from quotetrace.ingest.sources import RawInput
from quotetrace.ingest.text import DEFAULT_MAX_BYTES, check_size, decode_bytes
from quotetrace.records import Rejection

__all__ = ["FEED_SUFFIXES", "fetch", "is_url", "iter_feed", "iter_feed_bytes", "iter_url"]

FEED_SUFFIXES = (".rss", ".atom", ".xml")
FETCH_TIMEOUT_SECONDS = 30
_USER_AGENT = "quotetrace (+https://quotetrace.org)"


def is_url(location: str | Path) -> bool:
    return str(location).startswith(("http://", "https://"))


def iter_feed(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES
              ) -> Iterator[RawInput | Rejection]:
    """Each entry of a feed file."""
    origin = str(path)
    try:
        check_size(Path(path).stat().st_size, origin, max_bytes)
        data = Path(path).read_bytes()
    except OSError as error:
        yield Rejection(origin, UnreadableInput.reason,
                        f"cannot read feed file ({error.strerror or error})")
        return
    except InputError as error:
        yield Rejection(error.origin, error.reason, error.detail)
        return
    yield from iter_feed_bytes(data, origin, max_bytes)


def iter_url(url: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawInput | Rejection]:
    """A feed URL's entries, or the article at an article URL."""
    try:
        data = fetch(url, max_bytes)
        if _is_feed(data):
            yield from iter_feed_bytes(data, url, max_bytes)
            return
        text, encoding = decode_bytes(data, url, max_bytes)
        page = extract_html(text, url, url=url)
        yield RawInput(origin=url, text=page.text, format="html", encoding=encoding,
                       title=page.title, published=page.published, url=url, lang=page.lang,
                       outlet=outlet_of(url))
    except InputError as error:
        yield Rejection(error.origin, error.reason, error.detail)


def fetch(url: str, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The body at ``url``; an ``UnreadableInput`` naming the URL when it cannot be had."""
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT_SECONDS) as response:
            data: bytes = response.read(max_bytes + 1)
    except urllib.error.HTTPError as error:
        raise UnreadableInput(url, f"cannot fetch (HTTP {error.code} {error.reason})") from error
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", None) or error
        raise UnreadableInput(url, f"cannot fetch ({reason})") from error
    check_size(len(data), url, max_bytes)
    return data


def iter_feed_bytes(data: bytes, origin: str, max_bytes: int = DEFAULT_MAX_BYTES
                    ) -> Iterator[RawInput | Rejection]:
    """Each entry of a feed given as bytes; a feed with no entries is one ``Rejection``."""
    feed = feedparser.parse(data)
    if not feed.entries:
        problem = getattr(feed, "bozo_exception", None)
        detail = f"not a readable RSS or Atom feed ({problem})" if problem else "feed has no entries"
        yield Rejection(origin, "bad-feed" if problem else EmptyInput.reason, detail)
        return
    channel = feed.feed
    outlet = channel.get("title") or outlet_of(channel.get("link"))
    lang = (channel.get("language") or "")[:2].lower() or None
    for number, entry in enumerate(feed.entries, start=1):
        entry_origin = f"{origin}#{entry.get('id') or entry.get('link') or number}"
        try:
            yield _read_entry(entry, entry_origin, outlet, lang, max_bytes)
        except InputError as error:
            yield Rejection(error.origin, error.reason, error.detail)


def _read_entry(entry: Mapping[str, Any], origin: str, outlet: str | None, lang: str | None,
                max_bytes: int) -> RawInput:
    contents = entry.get("content") or []
    body = (contents[0].get("value") if contents else None) or entry.get("summary") or ""
    if not body.strip():
        raise MalformedRecord(origin, "feed entry has neither content nor summary")
    check_size(len(body.encode("utf-8")), origin, max_bytes)
    url = entry.get("link")
    is_html = looks_like_html(body) or "<p" in body.lower()
    text = extract_html(body, origin, url=url).text if is_html else body
    return RawInput(
        origin=origin, text=text, format="html" if is_html else "text", encoding="utf-8", title=entry.get("title"),
        published=iso_date(entry.get("published_parsed") or entry.get("updated_parsed")),
        url=url, lang=lang, outlet=outlet)


def _is_feed(data: bytes) -> bool:
    head = data[:4096].lower()
    return b"<html" not in head and any(tag in head for tag in (b"<rss", b"<feed", b"<rdf:rdf"))
