"""The reads the REST API and the pages are built on, on every back end, over real analysed
articles: an article's JSON and links, pages of articles, outlets, cited sources, a person's
quotations per month, date order with undated quotations last, and counts that stop at a limit.
"""

from __future__ import annotations

import json
from collections import Counter

from quotetrace.records import Person, PersonMention
from quotetrace.render.json import article_to_dict
from quotetrace.store import (
    ArticleEntry,
    Batch,
    CitedSourceCount,
    MonthCount,
    OutletCount,
    SearchQuery,
    Store,
)
from tests.store.linking import entity_id, quotes_of

Entries = tuple[ArticleEntry, ...]


def test_an_article_comes_back_as_analyze_printed_it(store: Store, entries: Entries) -> None:
    store.write(Batch(articles=entries))
    for entry in entries:
        article_id = entry.article.document.id
        printed = json.loads(json.dumps(article_to_dict(entry.article)))
        assert store.get_article_dict(article_id) == printed
        links = store.get_article_links(article_id)
        stored = store.get_article(article_id)
        assert links is not None and stored is not None
        assert links.summary == stored.summary and links.summary.outlet == entry.outlet
        assert (links.original, links.copies, links.story_id) == (None, (), None)
    assert store.get_article_dict("0000000000000000") is None
    assert store.get_article_links("0000000000000000") is None


def test_articles_come_in_pages_in_the_order_stored(store: Store, entries: Entries,
                                                    more_entries: Entries) -> None:
    every = (*entries, *more_entries)
    store.write(Batch(articles=every[:3]))
    store.write(Batch(articles=every))
    pages = [store.list_articles(limit=2, offset=offset) for offset in range(0, len(every), 2)]
    assert [summary.id for page in pages for summary in page.items] == [
        entry.article.document.id for entry in every]
    assert all(page.total == len(every) and page.limit == 2 for page in pages)
    assert [summary.quotes for page in pages for summary in page.items] == [
        len(entry.article.quotes) for entry in every]
    assert store.list_articles(limit=2, offset=len(every)).items == ()


def test_outlets_count_each_article_once(store: Store, entries: Entries,
                                         more_entries: Entries) -> None:
    every = (*entries, *more_entries)
    store.write(Batch(articles=every[:2]))
    store.write(Batch(articles=every))  # the first two again: stored once, counted once
    published = Counter(entry.outlet for entry in every if entry.outlet)
    assert store.outlets() == tuple(
        OutletCount(outlet, n) for outlet, n in sorted(published.items(),
                                                       key=lambda item: (-item[1], item[0])))
    assert sum(count.articles for count in store.outlets()) < len(every)  # one has no outlet


def test_cited_sources_are_counted_by_article(store: Store, entries: Entries,
                                              more_entries: Entries) -> None:
    every = (*entries, *more_entries)
    store.write(Batch(articles=every))
    citations: Counter[tuple[str, str]] = Counter()
    articles: Counter[tuple[str, str]] = Counter()
    for entry in every:
        cited = [(source.name, source.kind) for source in entry.article.sources]
        citations.update(cited)
        articles.update(set(cited))
    expected = sorted((CitedSourceCount(name, kind, citations[name, kind], n)
                       for (name, kind), n in articles.items()),
                      key=lambda count: (-count.articles, count.name))
    found = store.cited_sources(limit=100)
    assert len(found) == len(expected) > 3
    assert {(c.name, c.kind): c for c in found} == {(c.name, c.kind): c for c in expected}
    assert [c.articles for c in found] == [c.articles for c in expected]
    assert store.cited_sources(limit=2) == found[:2]
    organisations = store.cited_sources(kind="organisation", limit=100)
    assert organisations == tuple(c for c in found if c.kind == "organisation") != ()
    assert store.cited_sources(name="tax found", limit=100) == tuple(
        c for c in found if "tax found" in c.name.lower()) != ()


def test_a_persons_quotations_per_month_undated_last(store: Store, entries: Entries,
                                                     more_entries: Entries) -> None:
    politico, usa_today = entries[0].article, entries[1].article
    later, undated = more_entries[0].article, more_entries[1].article
    spoken = ((politico, "Donald Trump"), (usa_today, "Donald Trump"), (later, "Donald Trump"),
              (undated, "Donald J. Trump"))
    trump = Person("p-trump", "Donald Trump", ("Donald Trump", "Donald J. Trump"), (), "test")
    mentions = tuple(PersonMention(trump.id, article.document.id, entity_id(article, name), name,
                                   1.0) for article, name in spoken)
    store.write(Batch(articles=(*entries, *more_entries), links=(trump, *mentions)))
    by_month: Counter[str | None] = Counter()
    for article, name in spoken:
        published = article.document.published
        by_month[published[:7] if published else None] += len(
            quotes_of(article, entity_id(article, name)))
    assert set(by_month) == {"2016-09", "2016-10", None}
    assert store.quotes_per_month(trump.id) == (
        MonthCount("2016-09", by_month["2016-09"]), MonthCount("2016-10", by_month["2016-10"]),
        MonthCount(None, by_month[None]))
    assert store.quotes_per_month("nobody") == ()
    profile = store.get_person(trump.id, limit=100)
    assert profile is not None and profile.quotes.total == sum(by_month.values())
    assert [hit.published for hit in profile.quotes.items][-1] is None  # undated last


def test_results_go_by_date_then_order_stored_undated_last(store: Store, entries: Entries,
                                                           more_entries: Entries) -> None:
    later, undated = more_entries
    stored = (undated, later, *entries)  # stored out of date order
    store.write(Batch(articles=stored))
    placed = [(entry.article.document.published, rank, position, quote.id)
              for rank, entry in enumerate(stored)
              for position, quote in enumerate(entry.article.quotes)]
    placed.sort(key=lambda place: (place[0] is None, place[0] or "", place[1], place[2]))
    hits = store.search(SearchQuery(limit=500)).items
    assert [hit.id for hit in hits] == [quote_id for *_, quote_id in placed]
    assert [hit.id for hit in store.iter_quotes()] == [hit.id for hit in hits]
    trump = {hit.id for hit in store.search(SearchQuery(text="trump", limit=500)).items}
    assert [hit.id for hit in store.search(SearchQuery(text="trump", limit=500)).items] == [
        hit.id for hit in hits if hit.id in trump] != []


def test_a_count_limit_bounds_the_total_not_the_page(store: Store, entries: Entries) -> None:
    store.write(Batch(articles=entries))
    every = store.search(SearchQuery(lang="en", limit=500))
    total = every.total
    assert every.exact and total == len(every.items) > 12

    def page(offset: int, count_limit: int) -> tuple[int, bool, list[str]]:
        found = store.search(SearchQuery(lang="en", limit=3, offset=offset,
                                         count_limit=count_limit))
        return found.total, found.exact, [hit.id for hit in found.items]

    ids = [hit.id for hit in every.items]
    assert page(0, 5) == (5, False, ids[:3])  # "more than 5"
    assert page(6, 5) == (9, False, ids[6:9])  # enough to know that a next page exists
    assert page(0, total - 1) == (total - 1, False, ids[:3])
    assert page(0, total) == (total, True, ids[:3])
    assert page(total - 2, 5) == (total, True, ids[-2:])
    words = store.search(SearchQuery(text="trump", count_limit=1))  # counted off the index
    assert words.exact and words.total == store.search(SearchQuery(text="trump")).total > 1
