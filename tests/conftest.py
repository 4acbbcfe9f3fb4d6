"""Shared fixtures: one loaded Analyzer per test session, and where the test inputs live."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotetrace.pipeline import Analyzer

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data"
EXAMPLES = REPO / "examples"
REFERENCE_ARTICLE = EXAMPLES / "captured-commander.txt"
SHARED = REPO.parent / "shared"  # developers and CI only; tests needing it skip without it


def read_text(path: Path) -> str:
    """A file as the CLI reads it: UTF-8, newlines untouched."""
    with path.open(encoding="utf-8", newline="") as stream:
        return stream.read()


@pytest.fixture(scope="session")
def analyzer() -> Analyzer:
    """spaCy takes about a second to load: load it once for the whole session."""
    return Analyzer.load()
