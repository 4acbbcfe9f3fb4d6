"""The counts the store keeps at ingest (most quoted, most relayed, widest stories), on every
back end: after batches that add, move and retire links, they equal a count made afresh from
the quotations, variants and members themselves."""

from __future__ import annotations

from quotetrace.records import (
    Article,
    Person,
    PersonMention,
    QuoteVariant,
    Story,
    StoryMember,
    Utterance,
)
from quotetrace.store import ArticleEntry, Batch, SearchQuery, Store
from tests.store.linking import entity_id, quote_of, quotes_of

Entries = tuple[ArticleEntry, ...]


def recounted_people(store: Store) -> dict[str, tuple[int, int, int]]:
    """Quotations, articles and outlets of every quoted person, from their quotations."""
    counted = {}
    for person in store.iter_links(Person):
        hits = store.search(SearchQuery(person_id=person.id, limit=1000)).items
        if hits:
            counted[person.id] = (len(hits), len({h.article_id for h in hits}),
                                  len({h.outlet for h in hits if h.outlet}))
    return counted


def recounted_utterances(store: Store) -> dict[str, tuple[int, int, int]]:
    counted = {}
    for utterance in store.iter_links(Utterance):
        view = store.get_utterance(utterance.id)
        assert view is not None
        if view.variants:
            counted[utterance.id] = (
                len(view.variants), len({v.variant.article_id for v in view.variants}),
                len({v.outlet for v in view.variants if v.outlet}))
    return counted


def recounted_stories(store: Store) -> dict[str, tuple[int, int]]:
    counted = {}
    for story in store.iter_links(Story):
        view = store.get_story(story.id)
        assert view is not None
        if view.members:
            counted[story.id] = (len(view.members),
                                 len({s.outlet for _, s in view.members if s.outlet}))
    return counted


def assert_counts_are_fresh(store: Store) -> None:
    people = {c.person.id: (c.quotes, c.articles, c.outlets) for c in store.top_people(1000)}
    assert people == recounted_people(store)
    for person_id, (quotes, _, _) in people.items():
        assert store.search(SearchQuery(person_id=person_id)).total == quotes
    relayed = {r.utterance.id: (r.quotes, r.articles, r.outlets)
               for r in store.top_utterances(1000, min_articles=1)}
    assert relayed == recounted_utterances(store)
    stories = {c.story.id: (c.articles, c.outlets) for c in store.top_stories(1000)}
    assert stories == recounted_stories(store)


def test_counts_follow_links_that_are_added_moved_and_retired(
        store: Store, entries: Entries, more_entries: Entries) -> None:
    politico, usa_today, breitbart = (entry.article for entry in entries)
    later = more_entries[0].article
    trump = Person("p-trump", "Donald Trump", ("Donald Trump",), (), "test")
    clinton = Person("p-clinton", "Hillary Clinton", ("Hillary Clinton",), (), "test")

    def mention(person: Person, article: Article, name: str) -> PersonMention:
        return PersonMention(person.id, article.document.id, entity_id(article, name), name, 1.0)

    first = quote_of(politico, "Michael Flynn", "absolutely right")
    relay = quote_of(usa_today, "Donald Trump", "trigger-happy")
    utterance = Utterance("u-1", first.text, None, first.id, politico.document.id, "2016-09-08",
                          "test")
    story = Story("s-1", "generals", politico.document.id, "2016-09-08", "test")
    store.write(Batch(articles=entries, links=(
        trump, clinton, mention(trump, politico, "Donald Trump"),
        mention(trump, usa_today, "Donald Trump"), mention(clinton, breitbart, "Hillary Clinton"),
        utterance, QuoteVariant("u-1", first.id, politico.document.id, "identical", 1.0, ()),
        story, StoryMember("s-1", politico.document.id, 1.0),
        StoryMember("s-1", usa_today.document.id, 0.7))))
    assert_counts_are_fresh(store)

    def said(article: Article, name: str) -> int:
        return len(quotes_of(article, entity_id(article, name)))

    moved = said(usa_today, "Donald Trump")
    assert store.find_people("p-trump")[0].quotes == said(politico, "Donald Trump") + moved

    # Trump's usa-today mention moves to Clinton, as a linker's correction would: Trump loses
    # quotations though the batch names him nowhere
    store.write(Batch(links=(PersonMention(clinton.id, usa_today.document.id,
                                           entity_id(usa_today, "Donald Trump"), "Donald Trump",
                                           0.5),)))
    assert_counts_are_fresh(store)
    assert store.find_people("p-trump")[0].quotes == said(politico, "Donald Trump")

    # a new article joins Trump; the relayed quotation joins the utterance; stories merge
    other = Story("s-2", "taxes", later.document.id, "2016-10-04", "test")
    second = Batch(articles=more_entries, links=(
        mention(trump, later, "Donald Trump"),
        QuoteVariant("u-1", relay.id, usa_today.document.id, "reworded", 0.4, ()),
        other, StoryMember("s-2", later.document.id, 1.0),
        StoryMember("s-2", politico.document.id, 0.8),
        StoryMember("s-2", usa_today.document.id, 0.8)), retired_story_ids=("s-1",))
    store.write(second)
    assert_counts_are_fresh(store)
    assert [c.story.id for c in store.top_stories()] == ["s-2"]
    (relayed,) = store.top_utterances()
    assert (relayed.quotes, relayed.articles, relayed.outlets) == (2, 2, 2)
    assert store.find_people("p-trump")[0].quotes == (
        said(politico, "Donald Trump") + said(later, "Donald Trump"))
    assert store.find_people("p-clinton")[0].quotes == said(breitbart, "Hillary Clinton") + moved
    assert moved > 0 and said(later, "Donald Trump") > 0

    # the same batch again (an ingest resumed after a crash) changes nothing
    before = (store.top_people(1000), store.top_utterances(1000, 1), store.top_stories(1000))
    store.write(second)
    assert (store.top_people(1000), store.top_utterances(1000, 1),
            store.top_stories(1000)) == before
