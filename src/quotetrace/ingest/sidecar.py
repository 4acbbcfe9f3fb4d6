"""Metadata sidecars: a ``metadata.tsv`` in a folder of articles gives each file its outlet, date,
title, URL and language, which plain text files cannot carry themselves.

The sidecar is a tab-separated table with a header. A ``filename`` (or ``file``, ``name``) column
names the file: its path relative to the sidecar's folder, its file name, or its name without
extension. Known columns: ``outlet`` or ``publisher``; ``published``, ``publication_date`` or
``date`` (ISO); ``title``; ``url``; ``lang`` or ``language``; others are ignored, and so are the
empty values ``""``, ``None``, ``NA``. A sidecar covers its folder and every folder below it; the
nearest one wins. What it says overrides what the file itself suggests.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, replace
from pathlib import Path

from quotetrace.errors import InputError, UnreadableInput
from quotetrace.ingest.metadata import iso_date
from quotetrace.ingest.sources import RawInput

__all__ = ["SIDECAR_NAME", "FileMetadata", "Sidecars", "apply_metadata"]

SIDECAR_NAME = "metadata.tsv"
_KEY_COLUMNS = ("filename", "file", "name")
_FIELD_COLUMNS = {
    "outlet": ("outlet", "publisher"),
    "published": ("published", "publication_date", "date"),
    "title": ("title",),
    "url": ("url",),
    "lang": ("lang", "language"),
}
_EMPTY = frozenset({"", "none", "na", "n/a", "null"})


@dataclass(frozen=True, slots=True)
class FileMetadata:
    """What a sidecar says about one file."""

    outlet: str | None = None
    published: str | None = None
    title: str | None = None
    url: str | None = None
    lang: str | None = None


class Sidecars:
    """Finds the sidecar row of a file; each sidecar is read once."""

    def __init__(self) -> None:
        self._tables: dict[Path, dict[str, FileMetadata] | None] = {}

    def lookup(self, path: Path) -> FileMetadata | None:
        """The metadata of ``path`` from the nearest sidecar, or None."""
        path = path.absolute()
        folder = path.parent
        while True:
            table = self._table(folder)
            if table is not None:
                relative = path.relative_to(folder).as_posix()
                for key in (relative, path.name, path.stem):
                    if key in table:
                        return table[key]
                return None
            if folder == folder.parent:
                return None
            folder = folder.parent

    def _table(self, folder: Path) -> dict[str, FileMetadata] | None:
        if folder not in self._tables:
            sidecar = folder / SIDECAR_NAME
            self._tables[folder] = None  # a broken sidecar is reported once, then ignored
            if sidecar.is_file():
                self._tables[folder] = read_sidecar(sidecar)
        return self._tables[folder]


def read_sidecar(path: Path) -> dict[str, FileMetadata]:
    """File key → metadata; an ``InputError`` naming the sidecar when it cannot be used."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as stream:
            rows = list(csv.DictReader(stream, delimiter="\t"))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise UnreadableInput(str(path), f"cannot read the metadata sidecar ({error})") from error
    columns = {c.strip().lower(): c for c in (rows[0].keys() if rows else ()) if c}
    key = next((columns[c] for c in _KEY_COLUMNS if c in columns), None)
    if key is None:
        raise InputError(str(path), "metadata sidecar has no filename column "
                                    f"(expected one of: {', '.join(_KEY_COLUMNS)})")
    fields = {field: next((columns[c] for c in names if c in columns), None)
              for field, names in _FIELD_COLUMNS.items()}
    table: dict[str, FileMetadata] = {}
    for row in rows:
        values = {field: _value(row.get(column)) if column else None
                  for field, column in fields.items()}
        name = (row.get(key) or "").strip()
        if name:
            table[name] = FileMetadata(**values)
    return table


def apply_metadata(raw: RawInput, metadata: FileMetadata) -> RawInput:
    """``raw`` with every field the sidecar states replaced by the sidecar's value."""
    given = {field: getattr(metadata, field) for field in _FIELD_COLUMNS}
    given["published"] = iso_date(metadata.published)
    return replace(raw, **{field: value for field, value in given.items() if value})


def _value(text: str | None) -> str | None:
    text = (text or "").strip()
    return None if text.lower() in _EMPTY else text
