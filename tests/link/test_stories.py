"""Stories on real multi-outlet coverage of August 2016, one of them in two languages."""

from __future__ import annotations

import dataclasses
import itertools
from datetime import date, timedelta

import pytest

from quotetrace.link import LinkInput, LinkSettings
from quotetrace.records import Article
from tests.link.conftest import GERMAN, Corpus, link, pick

SECOND_AMENDMENT = ("breitbart_2016-08-10", "usa-today_2016-08-10_nd-amendment",
                    "west-journal_2016-08-11", GERMAN)
ISIS = ("huff-post_2016-08-11", "politico_2016-08-11", "huff-post_2016-08-12")
RYAN = ("west-journal_2016-08-03", "huff-post_2016-08-05")
# the same days, other events: the Khans, swing-state campaigning, a Republican for Clinton
SAME_DAYS = ("usa-today_2016-08-09", "politico_2016-08-08", "huff-post_2016-08-10")


@pytest.fixture(scope="module")
def corpus(articles: dict[str, Article]) -> Corpus:
    return link(articles.values())


def _stories(corpus: Corpus, articles: list[Article]) -> set[str]:
    return {corpus.story_of(a) for a in articles}


def test_each_event_is_one_story(articles: dict[str, Article], corpus: Corpus):
    events = [pick(articles, *names) for names in (SECOND_AMENDMENT, ISIS, RYAN)]
    stories = [_stories(corpus, event) for event in events]
    assert all(len(story) == 1 for story in stories)
    assert len(set.union(*stories)) == 3


def test_other_events_of_the_same_days_stay_out(articles: dict[str, Article], corpus: Corpus):
    told = _stories(corpus, pick(articles, *SECOND_AMENDMENT, *ISIS, *RYAN))
    others = _stories(corpus, pick(articles, *SAME_DAYS))
    assert len(others) == 3 and not others & told


def test_translation_joins_through_names_and_numbers(articles: dict[str, Article],
                                                     corpus: Corpus):
    german = articles[GERMAN]
    assert german.document.lang == "de" and not german.quotes  # the pipeline reads English only
    [english] = pick(articles, SECOND_AMENDMENT[1])
    assert corpus.story_of(german) == corpus.story_of(english)
    assert corpus.members[german.document.id].similarity >= LinkSettings().story_anchor_similarity


def test_story_is_labelled_by_its_first_article(articles: dict[str, Article], corpus: Corpus):
    breitbart = pick(articles, SECOND_AMENDMENT[0])[0]
    story = corpus.stories[corpus.story_of(breitbart)]
    assert (story.first_article_id, story.first_published) == (breitbart.document.id, "2016-08-10")
    assert story.label == breitbart.document.title


def test_copies_share_their_original_story(articles: dict[str, Article], corpus: Corpus):
    for pair in (("nyt_2016-03-04", "nyt_2016-03-05"), ("nyt_2015-11-25", "nyt_2015-11-26")):
        assert len(_stories(corpus, pick(articles, *pair))) == 1


def test_a_bridging_article_merges_two_stories(articles: dict[str, Article]):
    breitbart, usa_today, _, german = pick(articles, *SECOND_AMENDMENT)
    corpus = link([breitbart, german, usa_today])
    first, second, bridge = corpus.updates
    assert first.stories[0].id != second.stories[0].id  # nothing shared but names, in English
    assert bridge.retired_story_ids == (second.stories[0].id,)
    assert bridge.stories[0].id == first.stories[0].id  # the older story keeps its id
    moved = {m.article_id: m.story_id for m in bridge.story_members}
    assert moved == dict.fromkeys((usa_today.document.id, german.document.id),
                                  first.stories[0].id)
    assert set(corpus.stories) == {first.stories[0].id}


def test_any_order_tells_one_story(articles: dict[str, Article]):
    event = pick(articles, *SECOND_AMENDMENT)
    for order in itertools.permutations(event):
        corpus = link(order)
        assert len(corpus.stories) == 1
        assert len(corpus.members) == 4


def _moved(article: Article, days: int) -> LinkInput:
    """The article as if published ``days`` later under another id."""
    item = LinkInput.from_article(article)
    assert item.published
    published = date.fromisoformat(item.published) + timedelta(days=days)
    return dataclasses.replace(item, article_id=f"{item.article_id}+{days}",
                               published=published.isoformat())


@pytest.mark.parametrize(("days", "joins"), [(3, True), (30, False)])
def test_stories_keep_to_their_time_window(articles: dict[str, Article], days: int, joins: bool):
    first, politico, _ = pick(articles, *ISIS)
    corpus = link([first, _moved(politico, days)])
    assert (len(corpus.stories) == 1) is joins
