"""Ingest a corpus: read the inputs, analyse them over the cores, link each new article to the
ones before it, and store everything in whole batches.

Each batch (32 inputs by default) is one transaction holding its articles, their records, their
rejections and the link updates they caused, so a run killed at any moment leaves whole batches
only. An article's id is a hash of its clean text and URL: inputs already stored are skipped
before analysis, so running the same ingest again adds nothing and a killed run resumes where it
stopped. The linker keeps its indexes in memory; at start it replays the stored articles in the
order they were stored, so it ends in the state it had when the previous run stopped.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path
from typing import Any, Literal, Protocol

from quotetrace.clean import ENGLISH, clean
from quotetrace.errors import InputError
from quotetrace.ingest.collection import CollectionOptions, count_articles, iter_collection
from quotetrace.ingest.metadata import outlet_of
from quotetrace.ingest.sources import RawInput
from quotetrace.pipeline import DEFAULT_MODEL, Analyzer, AttributionMode, check_mode
from quotetrace.records import Article, Rejection, record_id
from quotetrace.store import ArticleEntry, Batch, LinkRecord, Store

__all__ = ["IngestProgress", "IngestReport", "IngestSettings", "ingest", "input_article_id"]

log = logging.getLogger(__name__)

_IN_FLIGHT = 2  # batches being analysed while the main process links and writes the previous one
_LINK_FIELDS = ("article_links", "people", "person_mentions", "utterances", "quote_variants",
                "stories", "story_members")


@dataclass(frozen=True, slots=True)
class IngestSettings:
    """How to ingest: the spaCy pipeline and attribution mode, worker processes, inputs per
    transaction, linking."""

    model: str = DEFAULT_MODEL
    mode: AttributionMode = "rules"
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    batch_size: int = 32
    link: bool = True


@dataclass(frozen=True, slots=True)
class IngestProgress:
    """Where a run stands, reported after the replay and after every batch."""

    stage: Literal["replay", "ingest"]
    done: int  # inputs handled (articles replayed, in the replay stage)
    total: int | None  # when known beforehand
    added: int
    skipped: int
    rejected: int


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What a run did."""

    added: int
    skipped: int  # already stored, or the same article twice in the input
    rejected: int
    replayed: int  # stored articles the linker was rebuilt from
    batches: int
    seconds: float
    rejections: tuple[Rejection, ...] = ()  # this run's, each with its reason


class _Linker(Protocol):
    def add(self, article: Any) -> Any: ...


ProgressCallback = Callable[[IngestProgress], None]


def input_article_id(raw: RawInput) -> str:
    """The id analysis will give ``raw`` (``Analyzer.analyze_input``), found without parsing."""
    return record_id(clean(raw.text, ENGLISH).text, raw.url or "")


def ingest(locations: Iterable[str | Path], store: Store, settings: IngestSettings | None = None,
           options: CollectionOptions | None = None,
           on_progress: ProgressCallback | None = None,
           analyzer: Analyzer | None = None) -> IngestReport:
    """Ingest every input of ``locations`` into ``store``; see the module docstring.

    With one job, analysis runs here, with ``analyzer`` when given (else the model is loaded;
    an analyzer of another attribution mode than ``settings.mode`` is a ValueError); with more,
    each worker process loads ``settings.model`` in ``settings.mode`` once.
    """
    settings = settings or IngestSettings()
    locations = list(locations)
    started = time.monotonic()
    linker, replayed = _start_linker(store, settings, on_progress)
    run = _Run(store, linker, total=count_articles(locations), on_progress=on_progress)
    batches = _batches(iter_collection(locations, options), settings.batch_size)
    with _analysis(settings, analyzer) as analyse:
        pending: deque[tuple[list[RawInput], list[Rejection], AsyncResult[Any] | list[Any]]] = (
            deque())
        for batch in batches:
            raws, rejections = run.new_inputs(batch)
            pending.append((raws, rejections, analyse(raws)))
            if len(pending) >= _IN_FLIGHT:
                run.finish(*pending.popleft())
        while pending:
            run.finish(*pending.popleft())
    return IngestReport(run.added, run.skipped, len(run.rejections), replayed, run.batches,
                        round(time.monotonic() - started, 3), tuple(run.rejections))


class _Run:
    """The main process's side of a run: skip what is stored, link, write, count."""

    def __init__(self, store: Store, linker: _Linker | None, total: int | None,
                 on_progress: ProgressCallback | None) -> None:
        self.store, self.linker, self.total, self.on_progress = store, linker, total, on_progress
        self.done = self.added = self.skipped = self.batches = 0
        self.rejections: list[Rejection] = []

    def new_inputs(self, batch: list[RawInput | Rejection]) -> tuple[list[RawInput],
                                                                      list[Rejection]]:
        """The inputs of ``batch`` not stored yet (by id), and its rejections."""
        rejections = [item for item in batch if isinstance(item, Rejection)]
        raws = [item for item in batch if isinstance(item, RawInput)]
        ids = [input_article_id(raw) for raw in raws]
        stored = self.store.existing_article_ids(ids)
        fresh = [raw for raw, article_id in zip(raws, ids, strict=True) if article_id not in stored]
        self.skipped += len(raws) - len(fresh)
        self.done += len(raws) - len(fresh)
        return fresh, rejections

    def finish(self, raws: list[RawInput], rejections: list[Rejection],
               analysed: AsyncResult[Any] | list[Any]) -> None:
        """Link and write one analysed batch in one transaction."""
        results = analysed.get() if isinstance(analysed, AsyncResult) else analysed
        articles = [ArticleEntry(result, raw.outlet or outlet_of(result.document.url))
                    for raw, result in zip(raws, results, strict=True)
                    if isinstance(result, Article)]
        entries = self._unstored(articles)
        links, retired = self._link(entry.article for entry in entries)
        failed = [result for result in results if isinstance(result, Rejection)]
        added = self.store.write(Batch(tuple(entries), (*rejections, *failed), links, retired))
        self.batches += 1
        self.added += len(added)
        self.skipped += len(articles) - len(added)
        self.rejections.extend((*rejections, *failed))
        self.done += len(raws) + len(rejections)
        self._report()

    def _unstored(self, entries: list[ArticleEntry]) -> list[ArticleEntry]:
        """Drop articles stored since the batch was read, and repeats within the batch."""
        stored = set(self.store.existing_article_ids([e.article.document.id for e in entries]))
        kept = []
        for entry in entries:
            if entry.article.document.id not in stored:
                stored.add(entry.article.document.id)
                kept.append(entry)
        return kept

    def _link(self, articles: Iterable[Article]) -> tuple[tuple[LinkRecord, ...],
                                                          tuple[str, ...]]:
        """The link upserts the articles cause, in order, and the stories left retired."""
        if self.linker is None:
            return (), ()
        records: list[LinkRecord] = []
        retired: dict[str, None] = {}  # ordered set
        for article in articles:
            update = self.linker.add(article)
            for name in _LINK_FIELDS:
                records.extend(getattr(update, name))
            for story in update.stories:  # a story upserted after its retirement lives again
                retired.pop(story.id, None)
            retired.update(dict.fromkeys(update.retired_story_ids))
        return tuple(records), tuple(retired)

    def _report(self) -> None:
        if self.on_progress:
            self.on_progress(IngestProgress("ingest", self.done, self.total, self.added,
                                            self.skipped, len(self.rejections)))


def _start_linker(store: Store, settings: IngestSettings,
                  on_progress: ProgressCallback | None) -> tuple[_Linker | None, int]:
    """A linker in the state the stored articles leave it in."""
    if not settings.link:
        return None, 0
    from quotetrace.link import Linker

    linker = Linker()
    replayed = 0
    for replayed, article in enumerate(store.iter_article_dicts(), start=1):
        linker.add(article)
        if on_progress and replayed % 100 == 0:
            on_progress(IngestProgress("replay", replayed, None, 0, 0, 0))
    return linker, replayed


def _batches(items: Iterable[RawInput | Rejection],
             size: int) -> Iterator[list[RawInput | Rejection]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


# --- analysis: in this process, or over a pool of workers that each load the model once --------

_worker_analyzer: Analyzer | None = None  # set in each worker process by _start_worker


def _start_worker(model: str, mode: AttributionMode) -> None:
    global _worker_analyzer
    _worker_analyzer = Analyzer.load(model, mode)


def _analyse_in_worker(raw: RawInput) -> Article | Rejection:
    assert _worker_analyzer is not None, "worker started without its analyzer"
    return _analyse(_worker_analyzer, raw)


def _analyse(analyzer: Analyzer, raw: RawInput) -> Article | Rejection:
    try:
        return analyzer.analyze_input(raw)
    except InputError as error:
        return Rejection(error.origin, error.reason, error.detail)


class _analysis:
    """``analyse(raws)``: a pending result from the pool, or the results at once with one job."""

    def __init__(self, settings: IngestSettings, analyzer: Analyzer | None) -> None:
        self.settings = settings
        self.pool: Pool | None = None
        self.analyzer = analyzer

    def __enter__(self) -> Callable[[Sequence[RawInput]], AsyncResult[Any] | list[Any]]:
        if self.settings.jobs > 1:
            check_mode(self.settings.mode)  # a missing model fails here, not in every worker
            # fork: workers start at once and need no importable __main__; the parent has no
            # threads yet (the CLI's progress bar refreshes from the callbacks, not a thread)
            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
            self.pool = context.Pool(self.settings.jobs, _start_worker,
                                     (self.settings.model, self.settings.mode))
            return self._in_pool
        if self.analyzer is not None and self.analyzer.mode != self.settings.mode:
            raise ValueError(f"the analyzer given does not run the {self.settings.mode} mode")
        self.analyzer = self.analyzer or Analyzer.load(self.settings.model, self.settings.mode)
        return self._here

    def _in_pool(self, raws: Sequence[RawInput]) -> AsyncResult[Any]:
        assert self.pool is not None
        return self.pool.map_async(_analyse_in_worker, raws, chunksize=1)

    def _here(self, raws: Sequence[RawInput]) -> list[Any]:
        assert self.analyzer is not None
        return [_analyse(self.analyzer, raw) for raw in raws]

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.terminate() if exc[0] else self.pool.close()
            self.pool.join()
