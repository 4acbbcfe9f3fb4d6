"""PolNeAR as training material: gold JSONL from the shared scorer and cached spaCy parses."""

from __future__ import annotations

import importlib.util
import io
import json
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import ModuleType

import spacy
from spacy.tokens import Doc, DocBin

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SCORER = SHARED / "eval" / "attrib_eval.py"
CACHE = REPO / "out" / "tagger"


def gold_path(split: str) -> Path:
    """The scorer's gold export of a split, written once under out/tagger."""
    path = CACHE / f"gold-{split}.jsonl"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, str(SCORER), "export", "--split", split,
                        "--out", str(path)], check=True)
    return path


def read_gold(split: str) -> list[dict]:
    with gold_path(split).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def parsed(split: str, model: str) -> Iterator[tuple[dict, Doc]]:
    """Gold records with their parse, cached as a DocBin per split and model; ``blank`` is
    spaCy's English tokenizer and sentencizer alone."""
    records = read_gold(split)
    if model == "blank":  # tokenizing is quick: no cache
        yield from zip(records, _blank().pipe(r["text"] for r in records), strict=True)
        return
    path = CACHE / f"{split}-{model}.spacy"
    nlp = spacy.load(model)
    if not path.exists():
        docs = DocBin(store_user_data=False)
        for doc in nlp.pipe((r["text"] for r in records), batch_size=16):
            docs.add(doc)
        docs.to_disk(path)
    docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
    yield from zip(records, docs, strict=True)


def scorer() -> ModuleType:
    """The shared scorer, imported from ../shared/eval."""
    spec = importlib.util.spec_from_file_location("attrib_eval", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def prediction(record: dict, attributions: Iterable) -> dict:
    """A record's attributions in the scorer's prediction format."""
    return {"id": record["id"], "attributions": [
        {"content": [list(c) for c in a.content],
         "source": [list(a.source)] if a.source else None,
         "cue": [list(a.cue)] if a.cue else None} for a in attributions]}


def print_scores(gold: dict[str, dict], predictions: dict[str, dict[str, dict]]) -> None:
    """One line per system: exact / partial F1, direct / indirect partial F1, source / cue
    accuracy, by the shared scorer."""
    module = scorer()
    print("dev             exact partial direct indirect source cue")
    for name, pred in predictions.items():
        r = module.score(gold, pred, None, log=io.StringIO())
        cells = [r["all"]["exact"]["f1"], r["all"]["partial"]["f1"],
                 r["direct"]["partial"]["f1"], r["indirect"]["partial"]["f1"],
                 r["all"]["source_acc"], r["all"]["cue_acc"]]
        print(f"{name:14s}", " ".join(f"{c:.3f}" for c in cells), flush=True)


def _blank() -> spacy.language.Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp
