"""quotetrace's modes beside textacy's direct_quotations on PolNeAR dev, one run, one table.

    pip install -e '.[bench]'
    python benchmarks/compare.py [--split dev] [--limit N] [--systems rules,accurate,fast,textacy]

Every system reads the same articles; each is scored by the shared scorer
(../shared/eval/attrib_eval.py): content exact and partial F1 (all, direct, indirect), source and
cue accuracy over matched pairs, and articles per second of CPU time on one core (loading excluded).
- rules, fast, accurate: the whole `quotetrace analyze` pipeline in that attribution mode (rules
  and accurate: parse, attributions, speakers, sources, dates; fast: tokenizer, the document tagger,
  speakers).
- textacy: spaCy parse (same model) + textacy.extract.triples.direct_quotations.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core, as the figures are stated

import spacy

from quotetrace.errors import ModelMissing
from quotetrace.ingest import iter_inputs
from quotetrace.pipeline import DEFAULT_MODEL, Analyzer
from quotetrace.records import Article
from quotetrace.render.json import article_to_attrib

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
Prediction = dict[str, list[dict]]
System = Callable[[list[dict]], tuple[list[dict], float]]


def _span(start: int, end: int) -> list[list[int]]:
    return [[start, end]]


def _timed(run: Callable[[], Iterable[dict]]) -> tuple[list[dict], float]:
    started = time.process_time()
    rows = list(run())
    return rows, time.process_time() - started


def pipeline_system(mode: str, model: str) -> System:
    analyzer = Analyzer.load(model, mode)  # type: ignore[arg-type]

    def run(records: list[dict]) -> tuple[list[dict], float]:
        folder = Path(records[0]["_path"]).parent
        inputs = list(iter_inputs([folder / f"{r['id']}.txt" for r in records]))
        return _timed(lambda: (article_to_attrib(a, Path(a.document.origin).stem)
                               for a in analyzer.analyze_many(inputs) if isinstance(a, Article)))
    return run


def textacy_system(model: str) -> System:
    from textacy.extract.triples import direct_quotations

    nlp = spacy.load(model)

    def tokens(tokens: list) -> list[list[int]] | None:
        if not tokens:
            return None
        return _span(tokens[0].idx, tokens[-1].idx + len(tokens[-1]))

    def one(record: dict) -> dict:
        doc = nlp(record["text"])
        try:
            quotes = list(direct_quotations(doc))
        except ValueError as error:  # it bails out on an odd number of quotation marks
            print(f"textacy: {record['id']}: {error}", file=sys.stderr)
            quotes = []
        return {"id": record["id"], "attributions": [{
            "content": _span(q.content.start_char, q.content.end_char),
            "source": tokens(q.speaker), "cue": tokens(q.cue)} for q in quotes]}
    return lambda records: _timed(lambda: map(one, records))


def _scorer(path: Path):
    spec = importlib.util.spec_from_file_location("attrib_eval", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _row(name: str, result: dict, speed: float) -> str:
    a, d, i = result["all"], result["direct"], result["indirect"]
    return (f"{name:10} {a['exact']['f1']:6.3f} {a['partial']['f1']:8.3f} "
            f"{d['partial']['f1']:7.3f} {i['partial']['f1']:9.3f} {a['source_acc']:7.3f} "
            f"{a['cue_acc']:5.3f} {speed:10.1f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=SHARED / "data" / "polnear")
    parser.add_argument("--scorer", type=Path, default=SHARED / "eval" / "attrib_eval.py")
    parser.add_argument("--split", default="dev")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--limit", type=int, help="score only the first N articles")
    parser.add_argument("--systems", default="rules,accurate,fast,textacy")
    parser.add_argument("--out", type=Path, default=REPO / "out" / "compare")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    gold_path = args.out / f"gold-{args.split}.jsonl"
    subprocess.run([sys.executable, str(args.scorer), "export", "--split", args.split,
                    "--root", str(args.root), "--out", str(gold_path)], check=True)
    scorer = _scorer(args.scorer)
    gold = scorer.read_jsonl(gold_path)
    records = sorted(gold.values(), key=lambda r: r["id"])[: args.limit]
    gold = {r["id"]: r for r in records}
    for record in records:
        record["_path"] = str(args.root / args.split / "text" / f"{record['id']}.txt")
    builders: dict[str, Callable[[], System]] = {
        "rules": lambda: pipeline_system("rules", args.model),
        "accurate": lambda: pipeline_system("accurate", args.model),
        "fast": lambda: pipeline_system("fast", args.model),
        "textacy": lambda: textacy_system(args.model),
    }
    rows = [(f"{len(records)} {args.split} articles; F1 of content spans, accuracy over matched "
             "pairs, CPU time on one core"),
            "system      exact  partial  direct  indirect  source   cue  articles/s"]
    for name in args.systems.split(","):
        try:
            system = builders[name]()
        except ModelMissing as err:
            rows.append(f"{name:<10}  skipped: {err}")
            print(rows[-1], file=sys.stderr)
            continue
        predictions, seconds = system(records)
        with (args.out / f"pred-{name}.jsonl").open("w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(p, ensure_ascii=False) + "\n" for p in predictions)
        result = scorer.score(gold, {p["id"]: p for p in predictions})
        rows.append(_row(name, result, len(records) / seconds))
        print(rows[-1], file=sys.stderr)
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
