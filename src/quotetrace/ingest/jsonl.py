"""JSON Lines (``.jsonl``) → one input per line, with configurable field names.

Scrapes and dataset dumps name their fields differently (``text``/``content``/``body``,
``date``/``published``…): ``JsonlFields`` says which field holds what. The text may be plain or
HTML (detected). A line that is not a JSON object, or lacks the text, becomes a ``Rejection``
naming the file and line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quotetrace.errors import InputError, MalformedRecord, UnreadableInput
from quotetrace.ingest.html import extract_html, looks_like_html
from quotetrace.ingest.metadata import iso_date, outlet_of
from quotetrace.ingest.sources import RawInput
from quotetrace.ingest.text import DEFAULT_MAX_BYTES, check_size
from quotetrace.records import Rejection

__all__ = ["JSONL_SUFFIXES", "JsonlFields", "iter_jsonl"]

JSONL_SUFFIXES = (".jsonl", ".ndjson")


@dataclass(frozen=True, slots=True)
class JsonlFields:
    """Which field of a line holds what; ``None`` for a field the file does not have."""

    text: str = "text"
    id: str | None = "id"
    url: str | None = "url"
    published: str | None = "published"
    title: str | None = "title"
    outlet: str | None = "outlet"
    lang: str | None = "lang"


def iter_jsonl(path: str | Path, fields: JsonlFields = JsonlFields(),
               max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[RawInput | Rejection]:
    """Each line of the file as an input; a bad line as a ``Rejection``."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8", errors="replace", newline="") as stream:
            for number, line in enumerate(stream, start=1):
                if not line.strip():
                    continue
                try:
                    yield _read_line(line, f"{path}:{number}", fields, max_bytes)
                except InputError as error:
                    yield Rejection(error.origin, error.reason, error.detail)
    except OSError as error:
        yield Rejection(str(path), UnreadableInput.reason,
                        f"cannot read JSONL file ({error.strerror or error})")


def _read_line(line: str, origin: str, fields: JsonlFields, max_bytes: int) -> RawInput:
    check_size(len(line.encode("utf-8")), origin, max_bytes)
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise MalformedRecord(origin, f"not valid JSON ({error.msg} at column {error.colno})")
    if not isinstance(record, dict):
        raise MalformedRecord(origin, f"expected a JSON object, found {type(record).__name__}")
    if fields.id and _field(record, fields.id):
        origin = f"{origin} ({fields.id}={_field(record, fields.id)})"
    text = _field(record, fields.text)
    if not text or not text.strip():
        raise MalformedRecord(origin, f"no text in field {fields.text!r} "
                                      "(name the text field with --jsonl-text)")
    url = _field(record, fields.url)
    raw = RawInput(origin=origin, text=text, format="text", encoding="utf-8", url=url,
                   title=_field(record, fields.title),
                   published=iso_date(_field(record, fields.published)),
                   lang=_field(record, fields.lang),
                   outlet=_field(record, fields.outlet) or outlet_of(url))
    if not looks_like_html(text):
        return raw
    page = extract_html(text, origin, url=url)
    return RawInput(origin=origin, text=page.text, format="html", encoding="utf-8",
                    url=url or page.url, title=raw.title or page.title,
                    published=raw.published or page.published, lang=raw.lang or page.lang,
                    outlet=raw.outlet or outlet_of(page.url))


def _field(record: dict[str, Any], name: str | None) -> str | None:
    """A field's value as text; ``a.b`` reaches into nested objects."""
    if not name:
        return None
    value: Any = record
    for part in name.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    if value is None or isinstance(value, (dict, list)):
        return None
    return str(value)
