"""The store on real analysed articles, on every back end: writes, idempotence, atomic batches,
rejections, search filters and pagination, and the schema version."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quotetrace.errors import StoreUnavailable
from quotetrace.records import ArticleLink, Rejection
from quotetrace.store import ArticleEntry, Batch, SearchQuery, Store, open_store
from quotetrace.store.migrations import migrations


def _quotes(entries: tuple[ArticleEntry, ...]) -> list[tuple[ArticleEntry, object]]:
    return [(entry, quote) for entry in entries for quote in entry.article.quotes]


def test_articles_come_back_with_their_records(store: Store,
                                               entries: tuple[ArticleEntry, ...]) -> None:
    added = store.write(Batch(articles=entries))
    assert added == tuple(entry.article.document.id for entry in entries)
    for entry in entries:
        article = entry.article
        stored = store.get_article(article.document.id)
        assert stored is not None
        assert stored.text == article.document.text
        assert (stored.summary.outlet, stored.summary.published) == (
            entry.outlet, article.document.published)
        assert stored.summary.quotes == len(article.quotes)
        assert stored.quotes == article.quotes
        assert stored.entities == article.entities
        assert stored.sources == article.sources
        assert stored.dates == article.dates
        assert stored.original is None and stored.copies == () and stored.story_id is None
    counts = store.counts()
    assert counts.articles == len(entries)
    assert counts.quotes == sum(len(e.article.quotes) for e in entries)
    assert counts.entities == sum(len(e.article.entities) for e in entries)
    assert store.get_article("0000000000000000") is None


def test_writing_the_same_articles_again_adds_nothing(store: Store,
                                                      entries: tuple[ArticleEntry, ...]) -> None:
    store.write(Batch(articles=entries[:2]))
    before = store.counts()
    assert store.write(Batch(articles=entries[:2])) == ()
    assert store.counts() == before
    assert store.write(Batch(articles=entries)) == (entries[2].article.document.id,)
    assert [d["document"]["id"] for d in store.iter_article_dicts()] == [
        e.article.document.id for e in entries]


def test_a_failing_batch_writes_nothing(store: Store, entries: tuple[ArticleEntry, ...]) -> None:
    store.write(Batch(articles=entries[:1]))
    broken = ArticleLink(article_id=entries[2].article.document.id, original_id=None,  # type: ignore[arg-type]
                         kind="copy", similarity=1.0, producer="test")
    with pytest.raises(Exception, match="(?i)null"):
        store.write(Batch(articles=entries[1:], rejections=(Rejection("x.txt", "empty", "e"),),
                          links=(broken,)))
    assert store.counts().articles == 1
    assert store.counts().rejections == 0
    assert store.existing_article_ids([e.article.document.id for e in entries]) == {
        entries[0].article.document.id}


def test_rejections_keep_their_reason_once(store: Store) -> None:
    rejections = (Rejection("feed.xml#3", "no-article-text", "no article text found"),
                  Rejection("bad.bin", "binary", "file is binary (PNG image), not text"))
    store.write(Batch(rejections=rejections))
    store.write(Batch(rejections=rejections[1:]))
    assert store.rejections() == tuple(sorted(rejections, key=lambda r: (r.origin, r.reason)))


def test_full_text_search_finds_every_quotation_with_all_the_words(
        store: Store, entries: tuple[ArticleEntry, ...]) -> None:
    store.write(Batch(articles=entries))
    for text in ("absolutely right", "Clinton", "the emergency room", "trigger happy"):
        wanted = {q.id for _, q in _quotes(entries) if all(
            re.search(rf"\b{word}\b", q.text, re.IGNORECASE) for word in text.split())}
        page = store.search(SearchQuery(text=text, limit=100))
        assert {hit.id for hit in page.items} == wanted, text
        assert page.total == len(wanted)
    assert store.search(SearchQuery(text="zzyzx")).total == 0


def test_filters_select_by_speaker_outlet_date_kind_and_language(
        store: Store, entries: tuple[ArticleEntry, ...]) -> None:
    store.write(Batch(articles=entries))
    every = _quotes(entries)

    def ids(query: SearchQuery) -> set[str]:
        return {hit.id for hit in store.search(query).items}

    assert ids(SearchQuery(speaker="flynn", limit=100)) == {
        q.id for _, q in every if q.speaker_name and "flynn" in q.speaker_name.lower()}
    assert ids(SearchQuery(outlet="politico", limit=100)) == {
        q.id for e, q in every if e.outlet == "politico"}
    assert ids(SearchQuery(since="2016-09-09", limit=100)) == {
        q.id for e, q in every if e.article.document.published >= "2016-09-09"}
    assert ids(SearchQuery(until="2016-09-08", kind="direct", limit=100)) == {
        q.id for e, q in every
        if e.article.document.published <= "2016-09-08" and q.kind == "direct"}
    assert ids(SearchQuery(lang="en", limit=100)) == {q.id for _, q in every}
    assert ids(SearchQuery(lang="de", limit=100)) == set()
    hit = store.search(SearchQuery(text="trigger happy")).items[0]
    assert (hit.speaker_name, hit.outlet, hit.published) == ("Donald Trump", "usa-today",
                                                             "2016-09-08")


def test_pages_cover_the_results_once_in_date_order(store: Store,
                                                    entries: tuple[ArticleEntry, ...]) -> None:
    store.write(Batch(articles=entries))
    total = len(_quotes(entries))
    pages = [store.search(SearchQuery(limit=7, offset=offset)) for offset in range(0, total, 7)]
    assert all(page.total == total for page in pages)
    hits = [hit for page in pages for hit in page.items]
    assert len(hits) == total and len({hit.id for hit in hits}) == total
    assert [hit.published for hit in hits] == sorted(hit.published for hit in hits)
    assert store.search(SearchQuery(limit=7, offset=total)).items == ()
    assert [hit.id for hit in store.iter_quotes()] == [hit.id for hit in hits]


def test_the_schema_is_versioned_and_applied_once(location: str) -> None:
    latest = max(m.version for m in migrations("sqlite"))
    assert latest == max(m.version for m in migrations("postgres"))
    with open_store(location) as store:
        assert store.schema_version() == latest
    with open_store(location) as store:  # opening again applies nothing twice
        assert store.schema_version() == latest
        assert store.counts().articles == 0


def test_other_queries_run_while_an_export_iterates(store: Store,
                                                   entries: tuple[ArticleEntry, ...]) -> None:
    store.write(Batch(articles=entries))
    seen = []
    for article in store.iter_article_dicts():
        stored = store.get_article(article["document"]["id"])
        assert stored is not None
        seen.append(stored.summary.id)
        store.write(Batch(rejections=(Rejection(stored.summary.origin, "test", "seen"),)))
    assert seen == [e.article.document.id for e in entries]
    assert store.counts().rejections == len(entries)


def test_a_store_that_cannot_be_opened_says_which_and_why(tmp_path: Path) -> None:
    not_a_database = tmp_path / "notes.db"
    not_a_database.write_text("these are notes, not a database\n" * 100, encoding="utf-8")
    for location, reason in ((not_a_database, "not a database"),
                             (tmp_path / "missing" / "corpus.db", "unable to open")):
        with pytest.raises(StoreUnavailable, match=reason) as raised:
            open_store(location)
        assert str(location) in str(raised.value)
    with pytest.raises(StoreUnavailable, match="PostgreSQL"):
        open_store("postgresql://nobody@127.0.0.1:1/none?connect_timeout=3")
