"""Export a stored corpus table as JSON Lines, CSV or Parquet, streaming: memory stays flat.

Tables: ``quotes`` (one row per quotation with its article, outlet, date, person and utterance),
``articles``, ``people``, ``utterances`` (with their variants' spread), ``variants``, ``stories``,
``members``, ``links`` (copies and rewrites), ``rejections``. Parquet needs ``pyarrow``
(``pip install 'quotetrace[parquet]'``).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from dataclasses import asdict, fields, is_dataclass
from itertools import islice
from pathlib import Path
from typing import IO, Any, Literal

from quotetrace.errors import QuotetraceError
from quotetrace.records import (
    ArticleLink,
    Person,
    QuoteVariant,
    Rejection,
    Story,
    StoryMember,
    Utterance,
)
from quotetrace.store import ArticleSummary, QuoteHit, Store

__all__ = ["EXPORT_FORMATS", "EXPORT_TABLES", "export", "export_rows"]

ExportFormat = Literal["jsonl", "csv", "parquet"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("jsonl", "csv", "parquet")
_PARQUET_ROWS_PER_GROUP = 10_000

_TABLES: dict[str, Callable[[Store], Iterator[Any]]] = {
    "quotes": lambda store: store.iter_quotes(),
    "articles": lambda store: store.iter_articles(),
    "people": lambda store: store.iter_links(Person),
    "utterances": lambda store: store.iter_links(Utterance),
    "variants": lambda store: store.iter_links(QuoteVariant),
    "stories": lambda store: store.iter_links(Story),
    "members": lambda store: store.iter_links(StoryMember),
    "links": lambda store: store.iter_links(ArticleLink),
    "rejections": lambda store: iter(store.rejections()),
}
_RECORDS: dict[str, type] = {
    "quotes": QuoteHit, "articles": ArticleSummary, "people": Person, "utterances": Utterance,
    "variants": QuoteVariant, "stories": Story, "members": StoryMember, "links": ArticleLink,
    "rejections": Rejection,
}
EXPORT_TABLES = tuple(_TABLES)


def export_rows(store: Store, table: str) -> Iterator[dict[str, Any]]:
    """The rows of ``table`` as flat dicts (tuples become lists)."""
    if table not in _TABLES:
        raise QuotetraceError(f"no table {table!r} to export; choose one of "
                              f"{', '.join(EXPORT_TABLES)}")
    for record in _TABLES[table](store):
        yield {name: _plain(value) for name, value in asdict(record).items()}


def export(store: Store, table: str, format: ExportFormat, output: IO[str] | Path) -> int:
    """Write ``table`` to ``output`` (a text stream, or a path; Parquet needs a path)."""
    rows = export_rows(store, table)
    if format == "parquet":
        if not isinstance(output, Path):
            raise QuotetraceError("Parquet is binary: give an output file (--output FILE)")
        return _write_parquet(rows, output, _columns(table))
    if isinstance(output, Path):
        with output.open("w", encoding="utf-8", newline="") as stream:
            return _write_text(rows, format, stream, _columns(table))
    return _write_text(rows, format, output, _columns(table))


def _write_text(rows: Iterator[dict[str, Any]], format: ExportFormat, stream: IO[str],
                columns: list[str]) -> int:
    count = 0
    if format == "jsonl":
        for count, row in enumerate(rows, start=1):
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")
        return count
    writer = csv.DictWriter(stream, fieldnames=columns)
    writer.writeheader()
    for count, row in enumerate(rows, start=1):
        writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v
                         for k, v in row.items()})
    return count


def _write_parquet(rows: Iterator[dict[str, Any]], path: Path, columns: list[str]) -> int:
    try:
        import pyarrow as pa  # type: ignore[import-untyped]
        import pyarrow.parquet as pq  # type: ignore[import-untyped]
    except ImportError as error:
        raise QuotetraceError("Parquet export needs pyarrow: "
                              "pip install 'quotetrace[parquet]'") from error
    count, writer = 0, None
    try:
        while chunk := list(islice(rows, _PARQUET_ROWS_PER_GROUP)):
            if writer is None:  # columns that are all null in the first group hold text
                inferred = pa.Table.from_pylist(chunk).schema
                writer = pq.ParquetWriter(path, pa.schema([
                    f.with_type(pa.string()) if pa.types.is_null(f.type) else f
                    for f in inferred]))
            writer.write_table(pa.Table.from_pylist(chunk, schema=writer.schema))
            count += len(chunk)
        if writer is None:  # an empty table still gets a file with its columns
            pq.write_table(pa.table({c: pa.array([], pa.string()) for c in columns}), path)
    finally:
        if writer is not None:
            writer.close()
    return count


def _columns(table: str) -> list[str]:
    """The column names of ``table``, known even when it is empty."""
    record = _RECORDS[table]
    assert is_dataclass(record)
    return [f.name for f in fields(record)]


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return value
