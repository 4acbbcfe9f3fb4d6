"""Metadata values as inputs state them → the forms records hold (ISO dates, outlet names)."""

from __future__ import annotations

import re
import time
from urllib.parse import urlsplit

import dateparser  # type: ignore[import-untyped]

__all__ = ["iso_date", "outlet_of"]

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def outlet_of(url: str | None) -> str | None:
    """The host of ``url`` without ``www.``: the outlet when nothing better is known."""
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def iso_date(value: str | time.struct_time | None) -> str | None:
    """``2016-09-08``, ``2016-09-08T10:00:00Z``, ``Thu, 08 Sep 2016 10:00:00 GMT``… as ISO."""
    if value is None:
        return None
    if isinstance(value, time.struct_time):
        return time.strftime("%Y-%m-%d", value)
    match = _ISO_DATE.match(value.strip())
    if match:
        return match.group(0)
    parsed = dateparser.parse(value, settings={"PREFER_DAY_OF_MONTH": "first"})
    return parsed.date().isoformat() if parsed else None
