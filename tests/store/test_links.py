"""Corpus link records in the store, on every back end.

The records are made here by hand over real analysed articles (the linker that makes them in
production is tested in ``tests/link``): what is checked is that the store keeps them, upserts
them by key, and answers the person, utterance, story and "top" views from them.
"""

from __future__ import annotations

import pytest

from quotetrace.records import (
    ArticleLink,
    Person,
    PersonMention,
    QuoteVariant,
    Story,
    StoryMember,
    Utterance,
)
from quotetrace.store import ArticleEntry, Batch, SearchQuery, Store
from tests.store.linking import entity_id, quote_of


@pytest.fixture
def linked(store: Store, entries: tuple[ArticleEntry, ...]) -> dict[str, object]:
    """Trump and Clinton as people across the three articles, one relayed utterance, one story."""
    politico, usa_today, breitbart = (e.article for e in entries)
    trump = Person("p-trump", "Donald Trump", ("Donald Trump", "Trump"), (), "test")
    clinton = Person("p-clinton", "Hillary Clinton", ("Hillary Clinton",), ("former secretary",),
                     "test")
    mentions = (
        PersonMention(trump.id, politico.document.id, entity_id(politico, "Donald Trump"),
                      "Donald Trump", 1.0),
        PersonMention(trump.id, usa_today.document.id, entity_id(usa_today, "Donald Trump"),
                      "Donald Trump", 1.0),
        PersonMention(clinton.id, usa_today.document.id, entity_id(usa_today, "Hillary Clinton"),
                      "Hillary Clinton", 1.0),
        PersonMention(clinton.id, breitbart.document.id, entity_id(breitbart, "Hillary Clinton"),
                      "Hillary Clinton", 0.9),
    )
    first = quote_of(politico, "Michael Flynn", "absolutely right")
    relay = quote_of(usa_today, "Donald Trump", "trigger-happy")
    utterance = Utterance("u-1", first.text, None, first.id, politico.document.id, "2016-09-08",
                          "test")
    variants = (
        QuoteVariant(utterance.id, first.id, politico.document.id, "identical", 1.0,
                     (("equal", first.text),)),
        QuoteVariant(utterance.id, relay.id, usa_today.document.id, "reworded", 0.4,
                     (("delete", first.text), ("insert", relay.text))),
    )
    story = Story("s-1", "generals reduced to rubble", politico.document.id, "2016-09-08", "test")
    members = (StoryMember(story.id, politico.document.id, 1.0),
               StoryMember(story.id, usa_today.document.id, 0.6))
    link = ArticleLink(usa_today.document.id, politico.document.id, "rewrite", 0.5, "test")
    records = (trump, clinton, *mentions, utterance, *variants, story, *members, link)
    store.write(Batch(articles=entries, links=records))
    return {"records": records, "trump": trump, "clinton": clinton, "utterance": utterance,
            "story": story, "link": link}


def test_link_records_come_back_as_written(store: Store, linked: dict[str, object]) -> None:
    records = linked["records"]
    assert isinstance(records, tuple)
    for kind in (Person, PersonMention, Utterance, QuoteVariant, Story, StoryMember, ArticleLink):
        written = [r for r in records if type(r) is kind]
        assert sorted(store.iter_links(kind), key=repr) == sorted(written, key=repr)
    counts = store.counts()
    assert (counts.people, counts.utterances, counts.stories, counts.article_links) == (2, 1, 1, 1)


def test_a_person_has_the_quotations_of_every_mention(
        store: Store, entries: tuple[ArticleEntry, ...], linked: dict[str, object]) -> None:
    usa_today = entries[1]
    said = [q for q in usa_today.article.quotes if q.speaker_entity_id == entity_id(
        usa_today.article, "Hillary Clinton")]
    profile = store.get_person("p-clinton")
    assert profile is not None and profile.person == linked["clinton"]
    assert {hit.id for hit in profile.quotes.items} == {q.id for q in said}
    assert profile.outlets == (("usa-today", len(said)),)
    assert profile.first_published == profile.last_published == "2016-09-08"
    assert store.get_person("nobody") is None


def test_most_quoted_people_and_finding_people_by_name(
        store: Store, entries: tuple[ArticleEntry, ...], linked: dict[str, object]) -> None:
    usa_today = entries[1].article
    quoted = {name: sum(1 for q in usa_today.quotes
                        if q.speaker_entity_id == entity_id(usa_today, name))
              for name in ("Donald Trump", "Hillary Clinton")}
    top = store.top_people()
    assert [(c.person.name, c.quotes) for c in top] == sorted(
        quoted.items(), key=lambda item: -item[1])
    assert all(c.outlets == 1 and c.articles == 1 for c in top)
    assert [c.person.id for c in store.find_people("clinton")] == ["p-clinton"]
    assert [c.person.id for c in store.find_people("p-trump")] == ["p-trump"]
    assert store.search(SearchQuery(speaker="Hillary", limit=100)).total == quoted[
        "Hillary Clinton"]


def test_upserts_replace_by_key(store: Store, entries: tuple[ArticleEntry, ...],
                                linked: dict[str, object]) -> None:
    politico = entries[0].article.document.id
    grown = Person("p-clinton", "Hillary Rodham Clinton",
                   ("Hillary Clinton", "Hillary Rodham Clinton"), ("former secretary",), "test")
    other = Story("s-2", "another story", politico, "2016-09-08", "test")
    store.write(Batch(links=(grown, other, StoryMember("s-2", politico, 0.9))))
    assert store.get_person("p-clinton").person == grown  # type: ignore[union-attr]
    assert store.find_people("rodham")[0].person == grown
    moved = store.get_article(politico)
    assert moved is not None and moved.story_id == "s-2"
    story = store.get_story("s-1")
    assert story is not None
    assert [member.article_id for member, _ in story.members] == [entries[1].article.document.id]
    store.write(Batch(links=(StoryMember("s-2", entries[1].article.document.id, 0.5),),
                      retired_story_ids=("s-1",)))  # s-1 merged into s-2
    assert store.get_story("s-1") is None
    assert [(c.story.id, c.articles) for c in store.top_stories()] == [("s-2", 2)]


def test_an_utterance_lists_its_variants_and_how_far_it_spread(
        store: Store, entries: tuple[ArticleEntry, ...], linked: dict[str, object]) -> None:
    view = store.get_utterance("u-1")
    assert view is not None and view.utterance == linked["utterance"] and view.person is None
    assert [(v.variant.relation, v.outlet) for v in view.variants] == [
        ("identical", "politico"), ("reworded", "usa-today")]
    assert view.variants[1].text == quote_of(entries[1].article, "Donald Trump", "trigger").text
    (relayed,) = store.top_utterances()
    assert (relayed.quotes, relayed.articles, relayed.outlets) == (2, 2, 2)
    assert relayed.speaker == "Michael Flynn"  # no person linked: the first quotation's speaker
    assert store.top_utterances(min_articles=3) == ()


def test_a_story_shows_its_articles_links_and_utterances(
        store: Store, entries: tuple[ArticleEntry, ...], linked: dict[str, object]) -> None:
    view = store.get_story("s-1")
    assert view is not None and view.story == linked["story"]
    assert [(s.outlet, m.similarity) for m, s in view.members] == [("politico", 1.0),
                                                                   ("usa-today", 0.6)]
    assert view.links == (linked["link"],)
    assert [u.utterance.id for u in view.utterances] == ["u-1"]
    (count,) = store.top_stories()
    assert (count.story, count.articles, count.outlets) == (linked["story"], 2, 2)
    original = store.get_article(entries[0].article.document.id)
    copy = store.get_article(entries[1].article.document.id)
    assert original is not None and copy is not None
    assert original.copies == (linked["link"],) and copy.original == linked["link"]
