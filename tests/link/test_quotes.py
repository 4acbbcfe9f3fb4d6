"""Quote variants on real quotations relayed by several outlets."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quotetrace.link import LinkEntity, LinkInput, LinkQuote
from quotetrace.link.variants import Wording, compare
from quotetrace.records import Article, Quote, QuoteVariant
from tests.link.conftest import Corpus, link, pick

SECOND_AMENDMENT = ("breitbart_2016-08-10", "usa-today_2016-08-10_nd-amendment",
                    "west-journal_2016-08-11")
ISIS = ("huff-post_2016-08-11", "politico_2016-08-11", "huff-post_2016-08-12")


@pytest.fixture(scope="module")
def corpus(articles: dict[str, Article]) -> Corpus:
    return link(articles.values())


def _quote(article: Article, words: str) -> Quote:
    """The article's quotation containing ``words``."""
    [quote] = [q for q in article.quotes if words in q.text]
    return quote


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower().replace("’", "'"))


def _sides(diff: tuple[tuple[str, str], ...]) -> tuple[list[str], list[str]]:
    """The first appearance's words and the variant's words, rebuilt from a diff."""
    first = [w for op, text in diff if op != "insert" for w in _words(text)]
    variant = [w for op, text in diff if op != "delete" for w in _words(text)]
    return first, variant


def _check_diff(variant: QuoteVariant, first: str, text: str) -> None:
    assert _sides(variant.diff) == (_words(first), _words(text))


def test_second_amendment_remark_is_one_utterance_in_three_outlets(
        articles: dict[str, Article], corpus: Corpus):
    quotes = [_quote(a, "pick her judges") for a in pick(articles, *SECOND_AMENDMENT)]
    variants = [corpus.variants[q.id] for q in quotes]
    assert len({v.utterance_id for v in variants}) == 1
    utterance = corpus.utterances[variants[0].utterance_id]
    breitbart, _, west_journal = pick(articles, *SECOND_AMENDMENT)
    # Breitbart and USA Today both published it on 2016-08-10; Breitbart was added first
    assert (utterance.first_article_id, utterance.first_published) == (
        breitbart.document.id, "2016-08-10")
    assert utterance.text == quotes[0].text
    assert corpus.people[utterance.person_id].name == "Donald Trump"
    assert variants[0].relation == "identical" and variants[0].similarity == 1.0
    # USA Today drops "By the way" and goes on to "the Second Amendment people"
    assert variants[1].relation == "reworded"
    assert ("delete", "By the way") in variants[1].diff
    assert any(op == "insert" and "Second Amendment people" in text
               for op, text in variants[1].diff)
    # Western Journalism, a day later, quotes more around it: only words added
    assert variants[2].article_id == west_journal.document.id
    assert variants[2].relation == "excerpt"
    assert {op for op, _ in variants[2].diff} == {"equal", "insert"}
    for variant, quote in zip(variants, quotes, strict=True):
        _check_diff(variant, utterance.text, quote.text)
        assert 0 < variant.similarity <= 1


def test_founder_of_isis_truncated_and_reworded(articles: dict[str, Article], corpus: Corpus):
    first_article, politico, next_day = pick(articles, *ISIS)
    full = _quote(first_article, "founder of ISIS. I do.")
    short = _quote(next_day, "No, I meant he’s the founder of ISIS")
    relayed = _quote(politico, "No, I meant he’s the founder of ISIS")
    utterance = corpus.utterances[corpus.variants[full.id].utterance_id]
    assert utterance.first_quote_id == full.id
    assert {corpus.variants[q.id].utterance_id for q in (short, relayed)} == {utterance.id}
    cut = corpus.variants[short.id]
    assert cut.relation == "truncated"
    assert cut.diff[0] == ("equal", "No I meant he’s the founder of ISIS")
    assert [op for op, _ in cut.diff] == ["equal", "delete"]
    assert corpus.variants[relayed.id].relation == "reworded"
    for quote in (short, relayed):
        _check_diff(corpus.variants[quote.id], full.text, quote.text)


def test_identical_quote_two_days_later(articles: dict[str, Article], corpus: Corpus):
    earlier, later = pick(articles, "west-journal_2016-08-03", "huff-post_2016-08-05")
    first, again = (_quote(a, "horrible times") for a in (earlier, later))
    variant = corpus.variants[again.id]
    assert variant.utterance_id == corpus.variants[first.id].utterance_id
    assert variant.relation == "identical"  # the same words, punctuated and cut differently
    assert corpus.utterances[variant.utterance_id].first_article_id == earlier.document.id


def test_first_appearance_moves_to_an_earlier_article_added_later(articles: dict[str, Article]):
    first_article, _, next_day = pick(articles, *ISIS)
    corpus = link([next_day, first_article])
    short = _quote(next_day, "No, I meant he’s the founder of ISIS")
    full = _quote(first_article, "founder of ISIS. I do.")
    utterance_id = corpus.updates[0].quote_variants[
        [v.quote_id for v in corpus.updates[0].quote_variants].index(short.id)].utterance_id
    utterance = corpus.utterances[utterance_id]
    assert utterance.first_quote_id == full.id  # the id stays the one the first variant gave it
    moved = [v for v in corpus.updates[1].quote_variants if v.utterance_id == utterance_id]
    assert {v.quote_id for v in moved} == {short.id, full.id}  # both compared anew
    assert corpus.variants[short.id].relation == "truncated"


def test_unrelated_quotations_stay_apart(articles: dict[str, Article], corpus: Corpus):
    second_amendment = corpus.variants[_quote(articles["breitbart_2016-08-10_secret-service-stops"
                                                       "-protester-a"], "pick her judges").id]
    isis = corpus.variants[_quote(pick(articles, ISIS[0])[0], "founder of ISIS. I do.").id]
    assert second_amendment.utterance_id != isis.utterance_id
    sizes = [len(corpus.variants_of(u)) for u in corpus.utterances]
    assert max(sizes) <= 4


def _said(number: int, speaker: str, text: str) -> LinkInput:
    entity = LinkEntity(f"e{number}", speaker, "PERSON", ())
    quote = LinkQuote(f"q{number}", text, "direct", entity.id)
    return LinkInput(f"a{number}", f"2016-05-{number:02d}", "en", None, "", (quote,), (entity,), ())


def test_the_same_words_from_two_speakers_are_two_utterances():
    line = "We are going to make this country great again, believe me, very soon."
    corpus = link([_said(1, "Donald Trump", line), _said(2, "Ben Carson", line),
                   _said(3, "Donald Trump", line)])
    assert corpus.variants["q1"].utterance_id == corpus.variants["q3"].utterance_id
    assert corpus.variants["q2"].utterance_id != corpus.variants["q1"].utterance_id


@pytest.mark.parametrize(("first", "variant", "relation"), [
    ("we will build the wall and Mexico will pay", "we will build the wall and Mexico will pay",
     "identical"),
    ("we will build the wall and Mexico will pay", "we will build the wall", "truncated"),
    ("we will build the wall and Mexico will pay", "the wall and Mexico", "excerpt"),
    ("we will build the wall and Mexico will pay", "we will build … Mexico will pay", "excerpt"),
    ("we will build the wall and Mexico will pay", "we will build a wall and Mexico pays",
     "reworded"),
])
def test_relations(first: str, variant: str, relation: str):
    assert compare(Wording.of(first), Wording.of(variant)).relation == relation


_WORD = st.sampled_from(["the", "wall", "Mexico", "will", "pay", "we", "build", "Don’t", "great"])


@given(st.lists(_WORD, max_size=12), st.lists(_WORD, max_size=12))
def test_a_diff_rebuilds_both_wordings(first: list[str], variant: list[str]):
    comparison = compare(Wording.of(" ".join(first)), Wording.of(" ".join(variant)))
    assert _sides(comparison.diff) == (_words(" ".join(first)), _words(" ".join(variant)))
    assert all(op in ("equal", "delete", "insert") and text for op, text in comparison.diff)
