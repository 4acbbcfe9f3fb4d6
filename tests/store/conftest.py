"""A store of each back end, and a few real PolNeAR articles analysed once per session."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest

from quotetrace.ingest import read_input
from quotetrace.pipeline import Analyzer
from quotetrace.store import ArticleEntry, Store, open_store
from tests.store.backends import location  # noqa: F401  (a fixture, for the tests here)

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo" / "polnear"
# Three outlets, two dates: something for the outlet and date filters to tell apart.
ARTICLE_NAMES = (
    "dev/politico_2016-09-08_flynn-says-trump-absolutely-righ",
    "dev/usa-today_2016-09-08_candidates-vie-for-vets-support-",
    "dev/breitbart_2016-09-12_stealth-over-health-hillary-clin",
)
# Two more quoting Trump: one a month later, one whose date and outlet are not given.
LATER_NAME = "dev/politico_2016-10-04_trump-not-walking-the-walk-on-hi"
UNDATED_NAME = "dev/west-journal_2016-10-04_railing-against-trump-sanders-vo"




@pytest.fixture
def store(location: str) -> Iterator[Store]:  # noqa: F811  (the imported fixture)
    with open_store(location) as opened:
        yield opened


@pytest.fixture(scope="session")
def entries(analyzer: Analyzer) -> tuple[ArticleEntry, ...]:
    """Real articles with the outlet and date their sidecar gives."""
    metadata = _metadata()
    found = []
    for name in ARTICLE_NAMES:
        raw = read_input(DEMO / f"{name}.txt")
        row = metadata[Path(name).name]
        article = analyzer.analyze_input(raw, published=row["publication_date"])
        found.append(ArticleEntry(article, row["publisher"]))
    return tuple(found)


@pytest.fixture(scope="session")
def more_entries(analyzer: Analyzer) -> tuple[ArticleEntry, ArticleEntry]:
    """An article of the next month with its outlet, and one undated from no outlet."""
    row = _metadata()[Path(LATER_NAME).name]
    later = analyzer.analyze_input(read_input(DEMO / f"{LATER_NAME}.txt"),
                                   published=row["publication_date"])
    undated = analyzer.analyze_input(read_input(DEMO / f"{UNDATED_NAME}.txt"))
    assert undated.document.published is None
    return ArticleEntry(later, row["publisher"]), ArticleEntry(undated, None)


def _metadata() -> dict[str, dict[str, str]]:
    with (DEMO / "metadata.tsv").open(encoding="utf-8", newline="") as stream:
        return {row["filename"]: row for row in csv.DictReader(stream, delimiter="\t")}
