"""The JSON schema (render/article.schema.json) describes exactly what article_to_dict writes:
real articles validate, and any key added, dropped or mistyped does not."""

from __future__ import annotations

import copy
import fnmatch
import tomllib
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from quotetrace.errors import InputError
from quotetrace.ingest import read_input
from quotetrace.pipeline import Analyzer
from quotetrace.records import SCHEMA_VERSION, Rejection
from quotetrace.render.json import SCHEMA_ID, article_to_dict, rejection_to_dict
from tests.conftest import DATA, EXAMPLES, REPO

ARTICLES = sorted([*EXAMPLES.glob("*.txt"), DATA / "article.html", *DATA.glob("polnear/*.txt")])


@pytest.fixture(scope="module")
def written(analyzer: Analyzer) -> dict[str, dict[str, Any]]:
    return {path.name: article_to_dict(analyzer.analyze_input(read_input(path)))
            for path in ARTICLES}


def errors(validator: Draft202012Validator, instance: object) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(instance)]


def test_schema_is_valid_draft_2020_12(article_schema: dict[str, Any]) -> None:
    Draft202012Validator.check_schema(article_schema)
    assert article_schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_id_is_the_versioned_id_the_output_carries(article_schema: dict[str, Any]) -> None:
    assert SCHEMA_VERSION == "1.0"
    assert article_schema["$id"] == SCHEMA_ID
    assert article_schema["properties"]["schema"] == {"const": SCHEMA_ID}
    assert SCHEMA_ID.endswith("/" + SCHEMA_VERSION)


def test_schema_ships_as_package_data() -> None:
    with (REPO / "pyproject.toml").open("rb") as stream:
        globs = tomllib.load(stream)["tool"]["setuptools"]["package-data"]["quotetrace"]
    assert any(fnmatch.fnmatch("render/article.schema.json", glob) for glob in globs), globs


@pytest.mark.parametrize("name", [p.name for p in ARTICLES])
def test_real_articles_validate(article_validator: Draft202012Validator,
                                written: dict[str, dict[str, Any]], name: str) -> None:
    document = written[name]
    assert errors(article_validator, document) == []
    assert document["quotes"] and document["entities"], "the article exercises the schema"


def test_every_part_of_the_schema_is_exercised(written: dict[str, dict[str, Any]]) -> None:
    """The articles above hold each kind of record, null and non-null, so validation means
    something for every branch."""
    everything = list(written.values())
    quotes = [q for a in everything for q in a["quotes"]]
    assert {q["kind"] for q in quotes} == {"direct", "indirect", "mixed"}
    assert any(len(q["fragments"]) > 1 for q in quotes)
    assert any(q["speaker"]["entity_id"] is None for q in quotes)
    assert any(q["speaker"]["entity_id"] is not None for q in quotes)
    assert {s["kind"] for a in everything for s in a["sources"]} >= {"outlet", "document"}
    assert any(a["dates"] for a in everything)
    assert any(a["document"]["removed"] for a in everything)
    assert {a["document"]["format"] for a in everything} == {"text", "html"}


@pytest.mark.parametrize(
    ("path", "change"),
    [
        (("document",), lambda node: node.update(author="Jane Harper")),
        (("document",), lambda node: node.pop("topics")),
        (("quotes", 0), lambda node: node.update(kind="paraphrase")),
        (("quotes", 0), lambda node: node.update(speaker_name="someone")),
        (("quotes", 0, "speaker"), lambda node: node.pop("role")),
        (("quotes", 0, "fragments", 0), lambda node: node.update(raw=[1])),
        (("entities", 0), lambda node: node.update(mentions=[])),
        (("sources", 0), lambda node: node.update(confidence=1.5)),
        (("dates", 0), lambda node: node.update(value="March 7")),
        ((), lambda node: node.update(schema="https://quotetrace.org/schema/article/2.0")),
    ],
    ids=["extra-document-key", "missing-topics", "unknown-kind", "extra-quote-key",
         "missing-role", "short-raw", "no-mentions", "confidence-above-one", "date-not-iso",
         "other-version"],
)
def test_drift_is_caught(article_validator: Draft202012Validator,
                         written: dict[str, dict[str, Any]], path: tuple[object, ...],
                         change: Any) -> None:
    document = copy.deepcopy(written["captured-commander.txt"])
    node: Any = document
    for key in path:
        node = node[key]
    change(node)
    assert errors(article_validator, document) != []


def test_rejections_validate(rejection_validator: Draft202012Validator) -> None:
    reasons = {cls.reason for cls in _subclasses(InputError)} | {InputError.reason}
    for reason in sorted(reasons):
        line = rejection_to_dict(Rejection("bad.txt", reason, "bad.txt: why"))
        assert errors(rejection_validator, line) == [], reason
    line = rejection_to_dict(Rejection("bad.txt", "empty", "bad.txt: empty file"))
    line["rejected"]["hint"] = "try again"
    assert errors(rejection_validator, line) != []


def _subclasses(cls: type) -> set[type]:
    found = set(cls.__subclasses__())
    return found.union(*(_subclasses(sub) for sub in found)) if found else found

