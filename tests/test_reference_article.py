"""The reference article (examples/captured-commander.txt), end to end: the issue's "done when".

A captured officer named once in full and then only as "he" / "the commander", a rights director
quoted from a tweet, sources credited "as per", a treaty article quoted, ads and a donation prompt
between the paragraphs.
"""

from __future__ import annotations

import pytest

from quotetrace.ingest import read_input
from quotetrace.pipeline import Analyzer
from quotetrace.records import Article, Entity, Quote
from tests.conftest import REFERENCE_ARTICLE

OFFICER = "Astakhov Dmitry Mikhailovich"
DIRECTOR = "Andrew Stroehlein"
PUBLISHED = "2022-03-08"  # the day after "yesterday, March 7"

# Words the article puts in the officer's mouth, in the article's own single marks.
OFFICER_WORDS = (
    "Obviously, this information was unilateral information",
    "doubts",
    "did not know the situation for sure",
    "shame",
    "I don't know why we were doing it",
    "go to jail or whatever we deserve",
    "forced, intimidated",
    "if someone came to my territory",
    "Guys, be brave",
    "The people are just killed",
    "Russia cannot win here",
)

# (the sentence's opening words, the mention the article uses there): every way the article
# introduces the officer after naming him once.
OFFICER_CUES = (
    ("During the footage", "National Guard Lt. Col. Astakhov Dmitry Mikhailovich"),
    ("'Obviously, this information", "he"),
    ("In the news conference", "the commander"),
    ("He added that he felt", "He"),
    ("The commander then said", "The commander"),
    ("He added that he expected", "He"),
    ("The commander then continued", "The commander"),
    ("He then appealed", "He"),
    ("'The people are just killed", "he"),
    ("He continued to say", "He"),
)


@pytest.fixture(scope="module")
def article(analyzer: Analyzer) -> Article:
    return analyzer.analyze_input(read_input(REFERENCE_ARTICLE), published=PUBLISHED)


def entity_named(article: Article, name: str) -> Entity:
    matches = [e for e in article.entities if e.name == name]
    assert len(matches) == 1, [e.name for e in article.entities]
    return matches[0]


def quotes_containing(article: Article, words: str) -> list[Quote]:
    return [q for q in article.quotes if any(words in f.text for f in q.fragments)]


def sentence_bounds(text: str, opening: str) -> tuple[int, int]:
    """The line of the clean text that starts with ``opening``."""
    start = text.index("\n" + opening) + 1
    end = text.find("\n", start)
    return start, len(text) if end < 0 else end


def test_officer_is_one_person_with_rank_and_unit(article: Article) -> None:
    officer = entity_named(article, OFFICER)
    assert officer.label == "PERSON"
    assert any("Lt. Col." in role for role in officer.roles), officer.roles
    assert any("National Guard" in org for org in officer.organisations), officer.organisations


@pytest.mark.parametrize("words", OFFICER_WORDS)
def test_officer_words_are_attributed_to_him(article: Article, words: str) -> None:
    officer = entity_named(article, OFFICER)
    quotes = quotes_containing(article, words)
    assert quotes, f"no quotation holds {words!r}"
    assert any(q.speaker_entity_id == officer.id and q.speaker_name == OFFICER for q in quotes), [
        (q.speaker.text if q.speaker else None, q.speaker_name) for q in quotes
    ]


@pytest.mark.parametrize(("opening", "mention"), OFFICER_CUES)
def test_every_way_of_introducing_the_officer_resolves_to_him(
    article: Article, opening: str, mention: str
) -> None:
    start, end = sentence_bounds(article.document.text, opening)
    quotes = [q for q in article.quotes
              if q.cue and start <= q.cue.start < end and q.speaker and q.speaker.text == mention]
    assert quotes, f"no quotation cued in {opening!r}… with speaker {mention!r}"
    officer = entity_named(article, OFFICER)
    for quote in quotes:
        assert (quote.speaker_entity_id, quote.speaker_name) == (officer.id, OFFICER)
        assert quote.speaker_role is not None
        assert "Lt. Col." in quote.speaker_role and "National Guard" in quote.speaker_role


def test_no_one_else_speaks_in_the_officers_paragraphs(article: Article) -> None:
    """Nested speakers ("troops were led to believe") may be anonymous, never another person."""
    text = article.document.text
    start = sentence_bounds(text, "During the footage")[0]
    end = text.index("The footage of the captured commander")
    for quote in article.quotes:
        if start <= quote.start < end and quote.speaker_name is not None:
            assert quote.speaker_name == OFFICER, quote


def test_director_words_are_his_including_the_tweet(article: Article) -> None:
    director = entity_named(article, DIRECTOR)
    assert "Human Rights Watch" in director.organisations
    for words in ("humiliating or making POWs a subject of public curiosity",
                  "prohibited by the laws of war",
                  "Although it may seem in some videos that POWs are free to speak"):
        quotes = quotes_containing(article, words)
        assert quotes and all(q.speaker_entity_id == director.id for q in quotes), words


def test_cited_sources(article: Article) -> None:
    by_name = {s.name: s for s in article.sources}
    assert by_name["New York Post"].kind == "outlet"
    assert by_name["The Guardian"].kind == "outlet"
    treaty = by_name["Article 13 of the Geneva Convention"]
    assert treaty.kind == "document"
    for source in ("New York Post", "The Guardian"):
        assert by_name[source].cue is not None and by_name[source].cue.text == "as per"


def test_sources_support_the_quotations_they_credit(article: Article) -> None:
    by_name = {s.name: s for s in article.sources}
    [prohibited] = quotes_containing(article, "prohibited by the laws of war")
    assert by_name["New York Post"].id in prohibited.source_ids
    assert prohibited.id in by_name["New York Post"].quote_ids
    [treaty_text] = quotes_containing(article, "Prisoners of war must at all times be protected")
    assert treaty_text.cue_lemma == "stipulate"
    assert by_name["Article 13 of the Geneva Convention"].id in treaty_text.source_ids


def test_credits_are_not_part_of_the_content(article: Article) -> None:
    for quote in article.quotes:
        assert "as per" not in quote.text, quote.text


def test_no_boilerplate_survives(article: Article) -> None:
    text = article.document.text
    assert "Advert" not in text.splitlines()
    assert "donate" not in text and "click here" not in text and "Topics:" not in text
    for quote in article.quotes:
        for junk in ("Advert", "donate", "Topics:"):
            assert junk not in quote.text, quote.text
    assert "Volodymyr Zelensky" in article.document.topics


def test_yesterday_march_7_is_resolved_against_publication(article: Article) -> None:
    assert article.document.published == PUBLISHED
    [mention] = [d for d in article.dates if "March 7" in d.span.text]
    assert mention.span.text == "yesterday, March 7"
    assert (mention.value, mention.granularity) == ("2022-03-07", "day")


def test_quotes_in_single_marks_keep_apostrophes_inside(article: Article) -> None:
    """'Ukraine's … fascists' regime' and 'I don't know …' are one quotation each, not cut at
    the apostrophe."""
    [dont] = [q for q in article.quotes if q.cue_lemma == "say" and "I don't know" in q.text]
    assert dont.kind == "direct"
    assert dont.fragments[0].text == "'I don't know why we were doing it.'"
    territory = quotes_containing(article, "'Ukraine's territory is dominated by fascists' regime'")
    assert territory and all(q.kind == "mixed" for q in territory)
