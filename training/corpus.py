"""PolNeAR as training material: gold JSONL from the shared scorer and cached spaCy parses."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

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


def _blank() -> spacy.language.Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp
