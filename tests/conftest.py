"""Shared fixtures: one loaded Analyzer per test session, and where the test inputs live."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

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


@pytest.fixture(scope="session")
def article_schema() -> dict[str, Any]:
    """The published JSON schema of one article, read as an installed package reads it."""
    source = resources.files("quotetrace.render") / "article.schema.json"
    schema: dict[str, Any] = json.loads(source.read_text(encoding="utf-8"))
    return schema


@pytest.fixture(scope="session")
def article_validator(article_schema: dict[str, Any]) -> Draft202012Validator:
    return Draft202012Validator(article_schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


@pytest.fixture(scope="session")
def rejection_validator(article_schema: dict[str, Any]) -> Draft202012Validator:
    """The schema's definition of a ``{"rejected": …}`` line of --format jsonl."""
    return Draft202012Validator({"$schema": article_schema["$schema"],
                                 "$defs": article_schema["$defs"], "$ref": "#/$defs/rejection"})


def run_cli(*args: str | Path, stdin: bytes = b"") -> subprocess.CompletedProcess[str]:
    """``quotetrace ARGS`` as a user runs it: a new process, real stdin, stdout and stderr."""
    done = subprocess.run(
        [sys.executable, "-m", "quotetrace", *map(str, args)], input=stdin, capture_output=True,
        check=False, env={**os.environ, "COLUMNS": "200"},
    )
    return subprocess.CompletedProcess(done.args, done.returncode,
                                       done.stdout.decode("utf-8"), done.stderr.decode("utf-8"))
