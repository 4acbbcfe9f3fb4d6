"""Throughput and memory of corpus linking (`quotetrace.link.Linker.add`) on the PolNeAR demo corpus.

    python benchmarks/link.py [--corpus data/demo/polnear] [--repeat N] [--cache out/link/FILE]

Analysis is the slow part and is not what this measures: the 924 articles are analysed once
(publication dates from the corpus's metadata.tsv) and cached as JSON article dicts under out/link/;
later runs replay the cache. `--repeat N` feeds the corpus N times with altered ids and shifted
dates (the larger run of the issue's benchmark). Prints articles/s of linking on one core, peak
Python memory of the linker (tracemalloc) and the process's peak RSS, and what was linked.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import sys
import time
import tracemalloc
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("OMP_NUM_THREADS", "1")

REPO = Path(__file__).resolve().parent.parent


def analyse_corpus(corpus: Path, cache: Path) -> None:
    """Analyse every text of the corpus once, with its publication date, into a JSONL cache."""
    from quotetrace.ingest import read_input
    from quotetrace.pipeline import Analyzer
    from quotetrace.render.json import article_to_dict

    with (corpus / "metadata.tsv").open(encoding="utf-8") as stream:
        published = {row["filename"]: row["publication_date"]
                     for row in csv.DictReader(stream, delimiter="\t")}
    analyzer = Analyzer.load()
    paths = sorted(corpus.glob("*/*.txt"))
    cache.parent.mkdir(parents=True, exist_ok=True)
    partial = cache.with_suffix(".partial")
    with partial.open("w", encoding="utf-8") as out:
        for number, path in enumerate(paths, 1):
            article = analyzer.analyze_input(read_input(path), published=published.get(path.stem))
            out.write(json.dumps(article_to_dict(article), ensure_ascii=False) + "\n")
            if number % 100 == 0:
                print(f"analysed {number}/{len(paths)}", file=sys.stderr)
    partial.replace(cache)


def _shifted(article: dict[str, Any], copy: int) -> dict[str, Any]:
    """Copy ``copy`` of an article: every id suffixed, the date moved on by ``copy`` years."""
    if copy == 0:
        return article
    text = json.dumps(article)
    document = article["document"]
    suffix = f"~{copy}"
    for old in {document["id"], *(q["id"] for q in article["quotes"]),
                *(e["id"] for e in article["entities"])}:
        text = text.replace(f'"{old}"', f'"{old}{suffix}"')
    shifted: dict[str, Any] = json.loads(text)
    if document["published"]:
        day = date.fromisoformat(document["published"])
        shifted["document"]["published"] = (day + timedelta(days=400 * copy)).isoformat()
    return shifted


def replay(cache: Path, repeat: int) -> Iterator[dict[str, Any]]:
    """The cached articles, ``repeat`` times, read as they are needed (not all held at once)."""
    for copy in range(repeat):
        with cache.open(encoding="utf-8") as stream:
            for line in stream:
                yield _shifted(json.loads(line), copy)


def link_all(cache: Path, repeat: int) -> tuple[float, Counter[str], dict[str, int]]:
    """CPU seconds spent in ``Linker.add``, the upserts it emitted and the final index sizes."""
    from quotetrace.link import Linker

    linker = Linker()
    counts: Counter[str] = Counter()
    seconds = 0.0
    for article in replay(cache, repeat):
        started = time.process_time()
        update = linker.add(article)
        seconds += time.process_time() - started
        for field in ("article_links", "people", "utterances", "quote_variants", "stories"):
            counts[field] += len(getattr(update, field))
    return seconds, counts, linker.summary()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=REPO / "data" / "demo" / "polnear")
    parser.add_argument("--cache", type=Path, default=REPO / "out" / "link" / "polnear.jsonl")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--no-trace", action="store_true",
                        help="skip the second run that measures memory with tracemalloc")
    args = parser.parse_args()
    if not args.cache.exists():
        analyse_corpus(args.corpus, args.cache)
    seconds, counts, summary = link_all(args.cache, args.repeat)
    total = summary["articles"]
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{total} articles linked in {seconds:.2f} s of CPU in Linker.add: "
          f"{total / seconds:.0f} articles/s on one core; process peak RSS {rss:.0f} MiB")
    print("upserts emitted: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    print("indexes: " + ", ".join(f"{k} {v}" for k, v in summary.items()))
    if not args.no_trace:
        tracemalloc.start()
        link_all(args.cache, args.repeat)
        _, peak = tracemalloc.get_traced_memory()
        print(f"peak memory allocated while linking (tracemalloc, second run): "
              f"{peak / 2**20:.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
