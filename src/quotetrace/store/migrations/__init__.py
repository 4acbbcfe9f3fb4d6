"""Versioned schema: ``NNNN_name.sql`` files per back end, applied in order, recorded in
``schema_version`` so a store opened by a newer quotetrace upgrades itself once."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Literal

__all__ = ["Dialect", "Migration", "migrations", "pending"]

Dialect = Literal["sqlite", "postgres"]


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema step: ``version`` is the number its file name starts with."""

    version: int
    name: str
    sql: str


def migrations(dialect: Dialect) -> tuple[Migration, ...]:
    """Every migration of ``dialect``, in version order."""
    return tuple(sorted(_read(dialect), key=lambda migration: migration.version))


def _read(dialect: Dialect) -> Iterator[Migration]:
    folder = resources.files(__name__).joinpath(dialect)
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            number, _, name = entry.name.removesuffix(".sql").partition("_")
            yield Migration(int(number), name, entry.read_text(encoding="utf-8"))


def pending(dialect: Dialect, current: int) -> tuple[Migration, ...]:
    """The migrations a store at schema version ``current`` still needs."""
    return tuple(m for m in migrations(dialect) if m.version > current)
