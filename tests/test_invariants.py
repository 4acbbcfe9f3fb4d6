"""Invariants every analysed article keeps, on every real input in the repository and on
Hypothesis mixes of real article lines, boilerplate lines and newline styles:

- each record's span is the clean text it claims: ``text[start:end] == span.text``;
- each span's ``raw`` offsets in the JSON point at the same characters in the input as read;
- records refer to each other by ids that exist, and the same input gives the same ids.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotetrace.ingest import read_input
from quotetrace.pipeline import Analyzer
from quotetrace.records import Article, Span
from quotetrace.render.json import article_to_dict
from tests.conftest import DATA, EXAMPLES, REFERENCE_ARTICLE, read_text

INPUTS = sorted([*EXAMPLES.glob("*.txt"), DATA / "article.html", *DATA.glob("polnear/*.txt")])
UNBALANCED = DATA / "unbalanced-marks.txt"  # PolNeAR text with no-break spaces
_SPACE = re.compile(r"\s+")


def record_spans(article: Article) -> Iterator[tuple[str, Span]]:
    """Every span of every record, with a label saying whose it is."""
    for quote in article.quotes:
        for fragment in quote.fragments:
            yield f"quote {quote.id} fragment", fragment
        if quote.cue:
            yield f"quote {quote.id} cue", quote.cue
        if quote.speaker:
            yield f"quote {quote.id} speaker", quote.speaker
    for entity in article.entities:
        for mention in entity.mentions:
            yield f"entity {entity.name} mention", mention
    for source in article.sources:
        yield f"source {source.name} mention", source.mention
        if source.cue:
            yield f"source {source.name} cue", source.cue
    for date in article.dates:
        yield f"date {date.id}", date.span


def json_spans(node: Any) -> Iterator[dict[str, Any]]:
    """Every ``{start, end, text, raw}`` object anywhere in an article's JSON."""
    if isinstance(node, dict):
        if {"start", "end", "text", "raw"} <= node.keys():
            yield node
        for value in node.values():
            yield from json_spans(value)
    elif isinstance(node, list):
        for value in node:
            yield from json_spans(value)


def assert_invariants(article: Article) -> None:
    document = article.document
    text = document.text
    for label, span in record_spans(article):
        assert 0 <= span.start <= span.end <= len(text), label
        assert text[span.start : span.end] == span.text, label
    for span in document.removed:
        assert document.raw_text[span.start : span.end] == span.text
    for node in json_spans(article_to_dict(article)):
        raw_start, raw_end = node["raw"]
        assert 0 <= raw_start <= raw_end <= len(document.raw_text), node
        raw = document.raw_text[raw_start:raw_end]
        # The cleaner cuts whole lines, so a span across a cut reads with more whitespace raw.
        assert _SPACE.sub(" ", raw) == _SPACE.sub(" ", node["text"]), node
        if "\n" not in raw:
            assert raw == node["text"], node
    quote_ids = {q.id for q in article.quotes}
    source_ids = {s.id for s in article.sources}
    entity_ids = {e.id for e in article.entities}
    for quote in article.quotes:
        assert set(quote.source_ids) <= source_ids
        assert quote.speaker_entity_id is None or quote.speaker_entity_id in entity_ids
        assert quote.speaker_name is None or quote.speaker_entity_id is not None
        assert 0.0 <= quote.confidence <= 1.0
    for source in article.sources:
        assert set(source.quote_ids) <= quote_ids
    all_ids = [document.id, *quote_ids, *source_ids, *entity_ids, *(d.id for d in article.dates)]
    assert len(all_ids) == len(set(all_ids)), "ids collide"


@pytest.fixture(scope="module")
def analysed(analyzer: Analyzer) -> dict[Path, Article]:
    return {path: analyzer.analyze_input(read_input(path)) for path in INPUTS}


def test_the_inputs_are_there() -> None:
    assert REFERENCE_ARTICLE in INPUTS and len(INPUTS) >= 4


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_invariants_on_real_inputs(analysed: dict[Path, Article], path: Path) -> None:
    article = analysed[path]
    assert article.quotes, "every input here quotes someone"
    assert_invariants(article)


@pytest.fixture(scope="module")
def fast() -> Analyzer:
    return Analyzer.load(mode="fast")


@pytest.mark.parametrize("path", [*INPUTS, UNBALANCED], ids=lambda p: p.name)
def test_invariants_in_fast_mode(fast: Analyzer, path: Path) -> None:
    """Fast mode's own speakers and entities (``fast_speakers``) keep them too."""
    article = fast.analyze_input(read_input(path))
    assert_invariants(article)
    assert fast.analyze_input(read_input(path)) == article


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_same_input_gives_same_records(analyzer: Analyzer, analysed: dict[Path, Article],
                                       path: Path) -> None:
    assert analyzer.analyze_input(read_input(path)) == analysed[path]


def test_windows_newlines_keep_raw_offsets_exact(analyzer: Analyzer) -> None:
    raw = read_text(REFERENCE_ARTICLE).replace("\n", "\r\n")
    article = analyzer.analyze(raw, published="2022-03-08")
    assert "\r\n" in article.document.raw_text
    assert_invariants(article)
    quote = next(q for q in article.quotes if "Obviously" in q.text)
    start, end = article_to_dict(article)["quotes"][article.quotes.index(quote)]["fragments"][0][
        "raw"]
    assert raw[start:end] == "'Obviously, this information was unilateral information,'"


ARTICLE_LINES = tuple(line for line in read_text(REFERENCE_ARTICLE).splitlines()
                      if len(line) > 40 and not line.startswith(("If you would", "Topics:")))
DONATE = ("If you would like to donate to the Red Cross Emergency Appeal, which will help "
          "provide food, medicines and basic medical supplies, shelter and water to those in "
          "Ukraine, click here for more information")
BOILERPLATE_LINES = ("Advert", "Topics: Russia, Ukraine, World News", DONATE, "")


@st.composite
def articles(draw: st.DrawFn) -> str:
    """Real article lines in any order, boilerplate between them, any newline style."""
    lines = draw(st.lists(st.sampled_from(ARTICLE_LINES), min_size=1, max_size=4))
    mixed: list[str] = []
    for line in lines:
        mixed.extend(draw(st.lists(st.sampled_from(BOILERPLATE_LINES), max_size=2)))
        mixed.append(line)
    newline = draw(st.sampled_from(("\n", "\r\n", "\n\n")))
    return newline.join(mixed)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=articles())
def test_invariants_on_mixed_real_lines(analyzer: Analyzer, raw: str) -> None:
    article = analyzer.analyze(raw, published="2022-03-08")
    assert_invariants(article)
    assert "Advert" not in article.document.text.splitlines()
    for quote in article.quotes:
        assert "donate" not in quote.text and "Topics:" not in quote.text


def test_spans_neither_start_nor_end_with_whitespace(analyzer: Analyzer,
                                                     analysed: dict[Path, Article]) -> None:
    articles = [*analysed.values(), analyzer.analyze_input(read_input(UNBALANCED))]
    for article in articles:
        for label, span in record_spans(article):
            assert span.text == span.text.strip(), (article.document.origin, label, span.text)
