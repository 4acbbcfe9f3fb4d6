"""Accuracy and speed of `quotetrace analyze` on PolNeAR dev, scored by the shared scorer.

    python benchmarks/polnear_dev.py [--root ../shared/data/polnear] [--split dev] [--model NAME]

Writes gold and predictions to --out (default out/polnear-SPLIT), prints the scorer's table and
articles per second of analysis on one core (model loading and file reading excluded).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core, as the figures are stated

from quotetrace.ingest import iter_inputs
from quotetrace.pipeline import DEFAULT_MODEL, Analyzer
from quotetrace.records import Rejection
from quotetrace.render.json import article_to_attrib

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", type=Path, default=SHARED / "data" / "polnear")
    parser.add_argument("--scorer", type=Path, default=SHARED / "eval" / "attrib_eval.py")
    parser.add_argument("--split", default="dev")
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    out = args.out or REPO / "out" / f"polnear-{args.split}"
    out.mkdir(parents=True, exist_ok=True)
    gold, pred = out / "gold.jsonl", out / "pred.jsonl"
    subprocess.run([sys.executable, str(args.scorer), "export", "--split", args.split,
                    "--root", str(args.root), "--out", str(gold)], check=True)
    analyzer = Analyzer.load(args.model)
    inputs = list(iter_inputs(sorted((args.root / args.split / "text").glob("*.txt"))))
    started = time.process_time()
    results = list(analyzer.analyze_many(inputs))
    seconds = time.process_time() - started
    with pred.open("w", encoding="utf-8") as fh:
        for result in results:
            if isinstance(result, Rejection):
                print(f"rejected: {result.origin}: {result.detail}", file=sys.stderr)
                continue
            line = article_to_attrib(result, Path(result.document.origin).stem)
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")
    subprocess.run([sys.executable, str(args.scorer), "score", str(gold), str(pred),
                    "--errors", str(out / "errors.jsonl")], check=True)
    print(f"{len(results)} articles in {seconds:.1f} s of CPU: "
          f"{len(results) / seconds:.1f} articles/s on one core")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
