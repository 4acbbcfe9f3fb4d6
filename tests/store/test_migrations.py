"""A store written at schema version 1 (before the chronological key and the kept counts)
upgrades itself when opened and then answers exactly as a store written at the latest version,
on every back end."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from quotetrace.store import ArticleEntry, Batch, SearchQuery, Store, open_store, rows, sql
from quotetrace.store.migrations import Dialect, migrations
from tests.store.backends import BACKENDS, store_location
from tests.store.linking import sample_links

Entries = tuple[ArticleEntry, ...]
# the quotation columns of version 1: no published_day (rows.quote_rows puts it after published)
_V1_QUOTE_COLUMNS = ("id, article_id, position, text, kind, cue, cue_lemma, speaker_mention, "
                     "speaker_entity_id, speaker_name, speaker_role, confidence, producer, "
                     "published, outlet, lang")
_PUBLISHED_DAY = 14


def write_version_1(store: Any, batch: Batch) -> None:
    """``batch`` as version 1 of the store wrote its articles, quotations and links (the
    tables the upgrade reads)."""
    with store._transaction():
        for entry in batch.articles:
            article = entry.article
            store._execute(
                "INSERT INTO articles (id, origin, url, outlet, published, lang, title, text, "
                "article_json, ingested) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows.article_row(article, entry.outlet, "2026-01-01T00:00:00+00:00"))
            store._execute_many(
                f"INSERT INTO quotes ({_V1_QUOTE_COLUMNS}) VALUES ({', '.join('?' * 16)})",
                [row[:_PUBLISHED_DAY] + row[_PUBLISHED_DAY + 1:]
                 for row in rows.quote_rows(article, entry.outlet)])
        store._write_links(batch.links)


def answers(store: Store, person_id: str) -> dict[str, object]:
    """What the pages and the API show, everything that the upgrade touches."""
    return {
        "all": store.search(SearchQuery(limit=500)),
        "words": store.search(SearchQuery(text="trump", limit=500)),
        "filtered": store.search(SearchQuery(text="said", kind="direct", count_limit=3)),
        "export": list(store.iter_quotes()),
        "people": store.top_people(100), "relayed": store.top_utterances(100, 1),
        "stories": store.top_stories(100), "outlets": store.outlets(),
        "months": store.quotes_per_month(person_id), "person": store.get_person(person_id),
    }


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_version_1_store_upgrades_to_the_same_answers(
        backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, entries: Entries,
        more_entries: Entries) -> None:
    politico, usa_today, breitbart = (entry.article for entry in entries)
    links = sample_links(politico, usa_today, breitbart, more_entries[0].article)
    # USA Today comes after the upgrade: same day as Politico, so the two only sort right if
    # the upgrade numbered the days as new writes do
    held = usa_today.document.id
    before = Batch(articles=(entries[0], entries[2], more_entries[1], more_entries[0]),
                   links=tuple(r for r in links if getattr(r, "article_id", None) != held))
    after = Batch(articles=(entries[1],),
                  links=tuple(r for r in links if getattr(r, "article_id", None) == held))
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    with store_location(backend, tmp_path / "old") as old, \
            store_location(backend, tmp_path / "new") as new:

        def first_only(dialect: Dialect, current: int) -> tuple[Any, ...]:
            return tuple(m for m in migrations(dialect) if current < m.version <= 1)

        monkeypatch.setattr(sql, "pending", first_only)
        with open_store(old) as version_1:
            assert version_1.schema_version() == 1
            write_version_1(version_1, before)
        monkeypatch.undo()
        with open_store(old) as upgraded, open_store(new) as fresh:
            assert upgraded.schema_version() == fresh.schema_version() == max(
                m.version for m in migrations("sqlite"))
            for batch in (before, after):
                fresh.write(batch)
            upgraded.write(after)
            expected = answers(fresh, "p-trump")
            assert answers(upgraded, "p-trump") == expected
            assert expected["people"] and expected["relayed"] and expected["months"]
            hits = expected["all"].items  # type: ignore[attr-defined]
            assert [hit.outlet for hit in hits].index("usa-today") > [
                hit.outlet for hit in hits].index("politico")
