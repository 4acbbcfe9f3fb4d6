"""Analysis time of one long article, by attribution mode: does it grow with the article's length
or faster? (A live blog or a transcript has hundreds of quotations.)

    python benchmarks/long_article.py [--copies 1,5,20,40] [--modes rules,fast]

The article is the reference input (``examples/captured-commander.txt``) repeated ``--copies``
times, one paragraph block after another; each size is analysed once, CPU time on one core, and
the process's peak resident memory so far (sizes in increasing order: the peak of the largest;
one mode per run for that mode's own peak, as the figures in README.md were taken).
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

from quotetrace.pipeline import Analyzer

REFERENCE = Path(__file__).resolve().parent.parent / "examples" / "captured-commander.txt"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", default="1,5,20,40")
    parser.add_argument("--modes", default="rules,fast")
    args = parser.parse_args()
    text = REFERENCE.read_text(encoding="utf-8").strip()
    print("mode      copies  characters  quotations  seconds  ms per quotation  peak MB")
    for mode in args.modes.split(","):
        analyzer = Analyzer.load(mode=mode)  # type: ignore[arg-type]
        analyzer.analyze(text, published="2022-03-08")  # warm up
        for copies in map(int, args.copies.split(",")):
            article = "\n\n".join([text] * copies)
            started = time.process_time()
            quotes = analyzer.analyze(article, published="2022-03-08").quotes
            seconds = time.process_time() - started
            print(f"{mode:8} {copies:7} {len(article):11} {len(quotes):11} {seconds:8.2f} "
                  f"{1000 * seconds / max(1, len(quotes)):17.1f} "
                  f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024:8}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
