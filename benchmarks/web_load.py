"""Load on the web UI: search and article pages of a store of 100,000+ quotations, served by
`quotetrace serve` in a second process on loopback.

    python benchmarks/web_load.py [--copies 8] [--rate 200] [--seconds 20] [--requests 4000]
                                  [--store out/web_load/store.db] [--rebuild]
                                  [--pages search,article,browse,person]

The store is built once (and kept) from the demo corpus analysed once by `benchmarks/link.py`'s
cache (out/link/polnear.jsonl; made on first use): the 924 articles are written `--copies` times
with altered ids and shifted dates, linked by the real linker, without analysing them again.
For each page kind, after a warm-up: closed loop with `--clients` clients sending as fast as they
are answered (the highest rate the server sustains), then open loop at `--rate` requests per
second, bounded by `--requests` and `--seconds`, latency counted from when each request was due
(so a server falling behind shows as latency, not as a lower rate); when `--rate` is beyond what
the server sustains, at 70% of that instead. Prints requests/s and p50/p95/p99 latency.
Page kinds (``--pages``): search results, articles (the two the goal is about), the browse view
(``/`` without a search: most quoted, most relayed, widest stories) and the pages of the 100
most quoted people.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import random
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

from link import analyse_corpus, replay  # the cache and its altered-id copies

# Words of every frequency, from "trump" (in thousands of quotations) to rare ones.
SEARCH_WORDS = ("trump", "clinton", "people", "president", "tax", "police", "campaign", "debate",
                "women", "jobs", "border wall", "foundation", "emails", "russia", "veterans",
                "obamacare", "isis", "immigration", "the economy", "supreme court")
KINDS = ("direct", "indirect", "mixed")


def build_store(location: Path, cache: Path, copies: int, batch: int = 200) -> None:
    """The demo corpus ``copies`` times, linked, written in batches as ``ingest`` does."""
    from quotetrace.link import Linker
    from quotetrace.store import ArticleEntry, Batch, open_store

    location.parent.mkdir(parents=True, exist_ok=True)
    location.unlink(missing_ok=True)
    linker = Linker()
    started = time.monotonic()
    with open_store(location) as store:
        chunk: list[dict[str, Any]] = []
        for number, data in enumerate(replay(cache, copies), start=1):
            chunk.append(data)
            if len(chunk) == batch:
                store.write(_batch(chunk, linker, Batch, ArticleEntry))
                chunk = []
            if number % 1000 == 0:
                print(f"  stored {number} articles ({time.monotonic() - started:.0f} s)",
                      file=sys.stderr)
        if chunk:
            store.write(_batch(chunk, linker, Batch, ArticleEntry))
        print(f"store built in {time.monotonic() - started:.0f} s: {store.counts()}",
              file=sys.stderr)


def _batch(chunk: list[dict[str, Any]], linker: Any, batch_type: Any, entry_type: Any) -> Any:
    links: list[Any] = []
    retired: dict[str, None] = {}
    for data in chunk:
        update = linker.add(data)
        for field in dataclasses.fields(update):
            if field.name != "retired_story_ids":
                links.extend(getattr(update, field.name))
        for story in update.stories:
            retired.pop(story.id, None)
        retired.update(dict.fromkeys(update.retired_story_ids))
    entries = tuple(entry_type(article_from_dict(data), _outlet(data)) for data in chunk)
    return batch_type(entries, (), tuple(links), tuple(retired))


def _outlet(data: dict[str, Any]) -> str:
    """Demo corpus files are named ``outlet_date_slug.txt``."""
    return Path(data["document"]["origin"]).name.split("_")[0]


def article_from_dict(data: dict[str, Any]) -> Any:
    """An ``Article`` back from its JSON; the raw input is taken to be the clean text."""
    from quotetrace.records import Article, Document, Segment
    from quotetrace.store import rows

    doc = data["document"]
    document = Document(
        id=doc["id"], origin=doc["origin"], format=doc["format"], raw_text=doc["text"],
        text=doc["text"], segments=(Segment(0, 0, len(doc["text"])),), removed=(),
        title=doc["title"], published=doc["published"], url=doc["url"], lang=doc["lang"],
        topics=tuple(doc["topics"]), encoding=doc["encoding"])
    return Article(document, rows.quotes_from_dict(data), rows.entities_from_dict(data),
                   rows.sources_from_dict(data), rows.dates_from_dict(data))


def quote_count(location: Path) -> int:
    from quotetrace.store import open_store

    with open_store(location) as store:
        return store.counts().quotes


# --- the server and the load -------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(location: Path, port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [sys.executable, "-m", "quotetrace", "serve", "--db", str(location), "--port", str(port),
         "--no-access-log"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(600):
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/counts", timeout=1)
            return server
        except httpx.TransportError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("the server did not start")


def search_paths(count: int, outlets: Sequence[str], rng: random.Random) -> Iterator[str]:
    """Words alone mostly; a third with a filter; a few pages further on."""
    for _ in range(count):
        params: dict[str, str] = {"q": rng.choice(SEARCH_WORDS)}
        roll = rng.random()
        if roll < 0.12:
            params["outlet"] = rng.choice(outlets)
        elif roll < 0.24:
            params["kind"] = rng.choice(KINDS)
        elif roll < 0.33:
            params["since"], params["until"] = "2016-01-01", "2016-06-30"
        if rng.random() < 0.1:
            params["offset"] = str(rng.choice((20, 40, 100)))
        yield "/?" + str(httpx.QueryParams(params))


def article_paths(count: int, ids: Sequence[str], rng: random.Random) -> Iterator[str]:
    for _ in range(count):
        yield f"/articles/{rng.choice(ids)}"


def browse_paths(count: int) -> Iterator[str]:
    for _ in range(count):
        yield "/"


def person_paths(count: int, people: Sequence[str], rng: random.Random) -> Iterator[str]:
    for _ in range(count):
        yield f"/people/{rng.choice(people)}"


@dataclasses.dataclass
class Result:
    latencies: list[float]
    errors: int
    seconds: float

    def line(self, label: str) -> str:
        done = len(self.latencies)
        if not done:
            return f"{label}: no request completed ({self.errors} errors)"
        ordered = sorted(self.latencies)

        def pct(p: float) -> float:
            return 1000 * ordered[min(done - 1, int(p * done))]

        return (f"{label}: {done} requests in {self.seconds:.1f} s = {done / self.seconds:.0f} "
                f"req/s; latency p50 {pct(0.5):.1f} ms, p95 {pct(0.95):.1f} ms, p99 "
                f"{pct(0.99):.1f} ms, mean {1000 * statistics.fmean(ordered):.1f} ms; "
                f"{self.errors} errors")


async def open_loop(base: str, paths: Sequence[str], rate: float, seconds: float) -> Result:
    """Requests sent on schedule whatever the answers; latency from when each was due."""
    latencies: list[float] = []
    errors = 0
    limits = httpx.Limits(max_connections=256, max_keepalive_connections=256)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:

        async def one(path: str, due: float) -> None:
            nonlocal errors
            try:
                response = await client.get(path)
                if response.status_code != 200:
                    errors += 1
                    return
            except httpx.HTTPError:
                errors += 1
                return
            latencies.append(time.perf_counter() - due)

        tasks = []
        started = time.perf_counter()
        for number, path in enumerate(paths):
            due = started + number / rate
            if due - started > seconds:
                break
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            tasks.append(asyncio.create_task(one(path, due)))
        await asyncio.gather(*tasks)
        return Result(latencies, errors, time.perf_counter() - started)


async def closed_loop(base: str, paths: Sequence[str], clients: int) -> Result:
    """``clients`` workers each sending its next request as soon as the last is answered."""
    latencies: list[float] = []
    errors = 0
    queue = list(reversed(paths))
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:

        async def worker() -> None:
            nonlocal errors
            while queue:
                path = queue.pop()
                sent = time.perf_counter()
                response = await client.get(path)
                if response.status_code != 200:
                    errors += 1
                latencies.append(time.perf_counter() - sent)

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(clients)))
        return Result(latencies, errors, time.perf_counter() - started)


def wait_until_idle(base: str) -> None:
    """Requests a client gave up on may still be queued in the server: let them drain."""
    for _ in range(600):
        sent = time.perf_counter()
        httpx.get(f"{base}/static/app.js", timeout=60)
        if time.perf_counter() - sent < 0.05:
            return
        time.sleep(0.5)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path, default=REPO / "out" / "web_load" / "store.db")
    parser.add_argument("--cache", type=Path, default=REPO / "out" / "link" / "polnear.jsonl")
    parser.add_argument("--corpus", type=Path, default=REPO / "data" / "demo" / "polnear")
    parser.add_argument("--copies", type=int, default=8, help="copies of the demo corpus")
    parser.add_argument("--rebuild", action="store_true", help="build the store again")
    parser.add_argument("--rate", type=float, default=200, help="requests/s, open loop")
    parser.add_argument("--seconds", type=float, default=20, help="at most, per page kind")
    parser.add_argument("--requests", type=int, default=4000, help="at most, per page kind")
    parser.add_argument("--clients", type=int, default=8, help="closed-loop clients")
    parser.add_argument("--pages", default="search,article",
                        help="page kinds, comma-separated: search, article, browse, person")
    args = parser.parse_args()

    if not args.cache.exists():
        analyse_corpus(args.corpus, args.cache)
    if args.rebuild or not args.store.exists():
        build_store(args.store, args.cache, args.copies)
    quotes = quote_count(args.store)
    print(f"store {args.store}: {quotes} quotations")

    rng = random.Random(5)
    port = free_port()
    server = start_server(args.store, port)
    base = f"http://127.0.0.1:{port}"
    try:
        ids = _article_ids(args.store)
        outlets = [o["outlet"] for o in httpx.get(f"{base}/api/outlets").json()]
        people = [p["person"]["id"] for p in httpx.get(
            f"{base}/api/people", params={"limit": 100}, timeout=60).json()]
        makers = {"search": lambda: search_paths(args.requests, outlets, rng),
                  "article": lambda: article_paths(args.requests, ids, rng),
                  "browse": lambda: browse_paths(args.requests),
                  "person": lambda: person_paths(args.requests, people, rng)}
        kinds = {label: list(makers[label]()) for label in args.pages.split(",")}
        for label, paths in kinds.items():
            asyncio.run(closed_loop(base, paths[:200], 4))  # warm-up: caches, connections
            most = asyncio.run(closed_loop(base, paths[: args.requests // 2], args.clients))
            print(most.line(f"{label} pages, {args.clients} clients flat out"))
            capacity = len(most.latencies) / most.seconds
            rate = args.rate
            if rate > capacity:  # a queue that only grows: latency would measure the run length
                rate = round(0.7 * capacity)
                print(f"{label} pages: {args.rate:.0f} req/s is beyond what the server sustains; "
                      f"open loop at 70% of that instead")
            bounded = asyncio.run(open_loop(base, paths, rate, args.seconds))
            print(bounded.line(f"{label} pages at {rate:.0f} req/s"))
            wait_until_idle(base)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return 0


def _article_ids(location: Path) -> list[str]:
    from quotetrace.store import open_store

    with open_store(location) as store:
        return [summary.id for summary in store.iter_articles()]


if __name__ == "__main__":
    sys.exit(main())
