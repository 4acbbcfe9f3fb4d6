"""Ingest throughput, peak memory and search latency of the corpus store.

    python benchmarks/ingest.py [--articles 1000] [--cached 10000] [--db postgresql://…]

1. A real ingest (`quotetrace ingest --jobs 2`, analysis included) of ``--articles`` texts: the
   924 demo articles, then copies of them with a line appended (so new ids) up to the count.
2. A store-and-link run over ``--cached`` articles: the analyses of run 1 replayed from its store
   (spaCy skipped: a 10,000-article real run takes far longer than this benchmark should), the
   corpus repeated with altered URLs (so new ids) and dates moved on a year per repeat, read
   from a JSONL file through the same ingest code path (reading, id check, linking, batches).
3. Search latency (p50/p95 of 200 searches: words of stored quotations, with and without
   filters) on the store of run 2.

Peak memory is the largest sum of RSS over the ingest process and its workers, sampled every
0.2 s. Everything goes under out/ingest/. Run it on an otherwise idle machine for stable figures.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "data" / "demo" / "polnear"
OUT = REPO / "out" / "ingest"


def tree_rss(pid: int) -> int:
    """Bytes of resident memory of ``pid`` and all its descendants."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        child = int(entry.name)
        children.setdefault(int(fields[1]), []).append(child)
        rss[child] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        total += rss.get(current, 0)
        stack.extend(children.get(current, []))
    return total


def run_measured(command: list[str]) -> tuple[float, int, str]:
    """Run ``command``; its wall time, peak tree RSS and standard output."""
    started = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               text=True, cwd=REPO)
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_rss(process.pid))
        time.sleep(0.2)
    output = process.stdout.read() if process.stdout else ""
    if process.returncode not in (0, 2):
        raise SystemExit(f"{' '.join(command)} failed with status {process.returncode}")
    return time.monotonic() - started, peak, output


def build_corpus(count: int) -> Path:
    """The demo texts, then copies with an appended line, ``count`` in all, with a sidecar."""
    folder = OUT / f"corpus-{count}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    with (DEMO / "metadata.tsv").open(encoding="utf-8", newline="") as stream:
        metadata = {r["filename"]: r for r in csv.DictReader(stream, delimiter="\t")}
    paths = sorted(DEMO.glob("*/*.txt"))
    rows = ["filename\tpublisher\tpublication_date"]
    for number in range(count):
        source = paths[number % len(paths)]
        copy = number // len(paths)
        name = f"{source.stem}-{copy}" if copy else source.stem
        text = source.read_text(encoding="utf-8")
        if copy:
            text += f"\n\nRepublished ({copy}).\n"
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        row = metadata[source.stem]
        rows.append(f"{name}\t{row['publisher']}\t{row['publication_date']}")
    (folder / "metadata.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


def real_ingest(count: int, db: str) -> dict[str, Any]:
    folder = build_corpus(count)
    seconds, peak, output = run_measured(
        [sys.executable, "-m", "quotetrace", "ingest", str(folder), "--db", db, "--jobs", "2"])
    added = int(output.split(" articles added")[0].split()[-1])
    return {"run": f"real ingest, {count} articles, 2 jobs", "added": added,
            "seconds": round(seconds, 1), "articles_per_s": round(added / seconds, 2),
            "peak_rss_mb": round(peak / 2**20)}


# --- the cached run: analyses replayed, everything else as in a real ingest -------------------


def write_cached_inputs(source_db: str, count: int, path: Path) -> Path:
    """JSONL of ``count`` articles cycling over the stored ones, each copy with its own URL."""
    from quotetrace.store import open_store

    with open_store(source_db) as store:
        articles = list(store.iter_article_dicts())
    cache = {a["document"]["text"]: a for a in articles}
    (OUT / "analyses.json").write_text(json.dumps(list(cache.values())), encoding="utf-8")
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            document = articles[number % len(articles)]["document"]
            copy = number // len(articles)
            published = document["published"]
            if copy and published:
                day = date.fromisoformat(published)
                published = day.replace(year=day.year + copy, day=min(day.day, 28)).isoformat()
            out.write(json.dumps({"text": document["text"], "published": published,
                                  "url": f"https://copy{copy}.example/{document['id']}",
                                  "outlet": document["origin"].split("/")[-1].split("_")[0]}) + "\n")
    return path


class CachedAnalyzer:
    """Stands in for ``Analyzer``: the stored analysis of the same text, with fresh ids."""

    def __init__(self, analyses: list[dict[str, Any]]) -> None:
        self.analyses = {a["document"]["text"]: a for a in analyses}

    def analyze_input(self, raw: Any) -> Any:
        from quotetrace.clean import ENGLISH, clean
        from quotetrace.corpus import input_article_id
        from quotetrace.records import Article, Document, Segment
        from quotetrace.store import rows

        data = self.analyses[clean(raw.text, ENGLISH).text]
        article_id = input_article_id(raw)
        text = data["document"]["text"]
        document = Document(
            id=article_id, origin=raw.origin, format="text", raw_text=text, text=text,
            segments=(Segment(0, 0, len(text)),), removed=(), title=data["document"]["title"],
            published=raw.published, url=raw.url, lang=data["document"]["lang"], topics=(),
            encoding="utf-8")

        def fresh(old: str | None) -> str | None:
            return f"{article_id[:8]}{old[8:]}" if old else None

        quotes = tuple(replace(q, id=fresh(q.id), speaker_entity_id=fresh(q.speaker_entity_id),
                               source_ids=tuple(map(fresh, q.source_ids)))
                       for q in rows.quotes_from_dict(data))
        entities = tuple(replace(e, id=fresh(e.id)) for e in rows.entities_from_dict(data))
        sources = tuple(replace(s, id=fresh(s.id), quote_ids=tuple(map(fresh, s.quote_ids)))
                        for s in rows.sources_from_dict(data))
        dates = tuple(replace(d, id=fresh(d.id)) for d in rows.dates_from_dict(data))
        return Article(document, quotes, entities, sources, dates)  # type: ignore[arg-type]


def cached_run(inputs: str, db: str) -> None:
    """The child process of the cached run: ingest ``inputs`` with the cached analyses."""
    from quotetrace.corpus import IngestSettings, ingest
    from quotetrace.store import open_store

    analyzer = CachedAnalyzer(json.loads((OUT / "analyses.json").read_text(encoding="utf-8")))
    with open_store(db) as store:
        report = ingest([inputs], store, IngestSettings(jobs=1), analyzer=analyzer)  # type: ignore[arg-type]
        print(json.dumps({"added": report.added, "rejected": report.rejected,
                          "counts": store.counts().__repr__()}))


def cached_ingest(count: int, source_db: str, db: str) -> dict[str, Any]:
    inputs = write_cached_inputs(source_db, count, OUT / f"cached-{count}.jsonl")
    seconds, peak, output = run_measured(
        [sys.executable, __file__, "--cached-run", str(inputs), "--db", db])
    result = json.loads(output.strip().splitlines()[-1])
    return {"run": f"cached analyses, {count} articles (store + link only)",
            "added": result["added"], "seconds": round(seconds, 1),
            "articles_per_s": round(result["added"] / seconds, 2),
            "peak_rss_mb": round(peak / 2**20), "store": result["counts"]}


def search_latency(db: str, searches: int = 200) -> dict[str, Any]:
    from quotetrace.store import SearchQuery, open_store

    random.seed(4)
    with open_store(db) as store:
        words = [w for hit in store.search(SearchQuery(limit=500)).items
                 for w in hit.text.split() if w.isalpha() and len(w) > 4]
        outlets = ["breitbart", "nyt", "politico", "wash-post"]
        timings = []
        for number in range(searches):
            query = SearchQuery(" ".join(random.sample(words, 1 + number % 2)), limit=20)
            if number % 3 == 1:
                query = replace(query, outlet=random.choice(outlets), since="2016-01-01")
            if number % 3 == 2:
                query = replace(query, speaker="Trump")
            started = time.perf_counter()
            store.search(query)
            timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return {"run": f"search latency, {searches} searches", "p50_ms": round(
        statistics.median(timings), 2), "p95_ms": round(timings[int(0.95 * len(timings))], 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--cached", type=int, default=10_000)
    parser.add_argument("--db", help="PostgreSQL URL for the cached run (default: SQLite)")
    parser.add_argument("--reuse", action="store_true",
                        help="keep the real ingest's store from an earlier run, skip run 1")
    parser.add_argument("--cached-run", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cached_run:
        cached_run(args.cached_run, args.db)
        return
    OUT.mkdir(parents=True, exist_ok=True)
    real_db = OUT / f"real-{args.articles}.db"
    cached_db = args.db or str(OUT / f"cached-{args.cached}.db")
    reuse = args.reuse and real_db.exists()
    for path in (Path(cached_db),) if reuse else (real_db, Path(cached_db)):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    results = [] if reuse else [real_ingest(args.articles, str(real_db))]
    results += [cached_ingest(args.cached, str(real_db), cached_db), search_latency(cached_db)]
    for result in results:
        print(json.dumps(result))


if __name__ == "__main__":
    main()
