"""Corpus views over the link tables: an article with its links, a person over time, a story,
an utterance and its variants, the most quoted and most relayed (from the counts kept in
``summaries``), and the sources articles cite."""

from __future__ import annotations

import json
from typing import Any

from quotetrace.records import ArticleLink, Person, QuoteVariant, Story, StoryMember, Utterance
from quotetrace.store import rows
from quotetrace.store.sql import ARTICLE_SUMMARY, SqlStore
from quotetrace.store.views import (
    ArticleLinks,
    ArticleSummary,
    CitedSourceCount,
    MonthCount,
    PersonCount,
    PersonProfile,
    RelayedUtterance,
    SearchQuery,
    StoredArticle,
    StoryCount,
    StoryView,
    UtteranceView,
    VariantView,
)

__all__ = ["CorpusStore"]

_LINK = rows.LINK_TABLES[ArticleLink]
_PERSON = rows.LINK_TABLES[Person]
_UTTERANCE = rows.LINK_TABLES[Utterance]
_VARIANT = rows.LINK_TABLES[QuoteVariant]
_STORY = rows.LINK_TABLES[Story]
_MEMBER = rows.LINK_TABLES[StoryMember]

_MOST_QUOTED = (
    f"SELECT {_PERSON.select('p')}, c.quotes, c.articles, c.outlets FROM person_counts c "
    "JOIN people p ON p.id = c.person_id ORDER BY c.quotes DESC, p.name LIMIT ?"
)
_PEOPLE_NAMED = (
    f"SELECT {_PERSON.select('p')}, COALESCE(c.quotes, 0), COALESCE(c.articles, 0), "
    "COALESCE(c.outlets, 0) FROM people p LEFT JOIN person_counts c ON c.person_id = p.id "
    "WHERE p.id = ? OR LOWER(p.name) LIKE ? OR LOWER(p.variants) LIKE ? "
    "ORDER BY COALESCE(c.quotes, 0) DESC, p.name LIMIT ?"
)
_PERSON_QUOTES = (
    "FROM person_mentions pm JOIN quotes q "
    "ON q.article_id = pm.article_id AND q.speaker_entity_id = pm.entity_id WHERE pm.person_id = ?"
)
_RELAYED = (
    f"SELECT {_UTTERANCE.select('u')}, COALESCE(p.name, fq.speaker_name), COUNT(v.quote_id), "
    "COUNT(DISTINCT v.article_id), COUNT(DISTINCT a.outlet) FROM utterances u "
    "JOIN quote_variants v ON v.utterance_id = u.id JOIN articles a ON a.id = v.article_id "
    "LEFT JOIN people p ON p.id = u.person_id LEFT JOIN quotes fq ON fq.id = u.first_quote_id "
    "{where} GROUP BY u.id, p.name, fq.speaker_name "
    "ORDER BY COUNT(DISTINCT a.outlet) DESC, COUNT(DISTINCT v.article_id) DESC, "
    "u.first_published NULLS LAST, u.id LIMIT ?"
)
_WIDEST_FIRST = ("ORDER BY c.outlets DESC, c.articles DESC, {alias}.first_published NULLS LAST, "
                 "{alias}.id")
_MOST_RELAYED = (  # the top rows from the counts first, then their speakers for those alone
    f"SELECT {_UTTERANCE.select('u')}, COALESCE(p.name, fq.speaker_name), u.quotes, u.articles, "
    f"u.outlets FROM (SELECT {_UTTERANCE.select('u')}, c.quotes, c.articles, c.outlets "
    "FROM utterance_counts c JOIN utterances u ON u.id = c.utterance_id WHERE c.articles >= ? "
    f"{_WIDEST_FIRST.format(alias='u')} LIMIT ?) u "
    "LEFT JOIN people p ON p.id = u.person_id LEFT JOIN quotes fq ON fq.id = u.first_quote_id "
    "ORDER BY u.outlets DESC, u.articles DESC, u.first_published NULLS LAST, u.id"
)


class CorpusStore(SqlStore):
    """The full store: ``SqlStore`` plus the views the CLI, the API and the web UI show."""

    def get_article(self, article_id: str) -> StoredArticle | None:
        """An article with its records rebuilt and its links."""
        links = self.get_article_links(article_id)
        found = self._query("SELECT text, article_json FROM articles WHERE id = ?", (article_id,))
        if links is None or not found:
            return None
        text, article_json = found[0]
        data = json.loads(article_json)
        return StoredArticle(
            summary=links.summary, text=text, quotes=rows.quotes_from_dict(data),
            entities=rows.entities_from_dict(data), sources=rows.sources_from_dict(data),
            dates=rows.dates_from_dict(data), original=links.original, copies=links.copies,
            story_id=links.story_id)

    def get_article_links(self, article_id: str) -> ArticleLinks | None:
        """An article's summary and its links, without reading its records: with
        ``get_article_dict``, what a page or an API response about it shows."""
        found = self._query(f"SELECT {ARTICLE_SUMMARY} FROM articles a WHERE a.id = ?",
                            (article_id,))
        if not found:
            return None
        original = self._query(f"SELECT {_LINK.select()} FROM article_links WHERE article_id = ?",
                               (article_id,))
        copies = self._query(f"SELECT {_LINK.select()} FROM article_links WHERE original_id = ? "
                             "ORDER BY article_id", (article_id,))
        story = self._query("SELECT story_id FROM story_members WHERE article_id = ?",
                            (article_id,))
        return ArticleLinks(
            summary=ArticleSummary(*found[0]),
            original=_LINK.from_row(original[0]) if original else None,
            copies=tuple(_LINK.from_row(row) for row in copies),
            story_id=story[0][0] if story else None)

    # --- people ------------------------------------------------------------------------------

    def top_people(self, limit: int = 10) -> tuple[PersonCount, ...]:
        """The most quoted people, most quotations first."""
        return tuple(_person_count(row) for row in self._query(_MOST_QUOTED, (limit,)))

    def find_people(self, name: str, limit: int = 10) -> tuple[PersonCount, ...]:
        """People whose id is ``name`` or whose name or a variant contains it, most quoted first."""
        pattern = f"%{name.lower()}%"
        return tuple(_person_count(row) for row in self._query(
            _PEOPLE_NAMED, (name, pattern, pattern, limit)))

    def get_person(self, person_id: str, limit: int = 50, offset: int = 0) -> PersonProfile | None:
        """A person with a page of their quotations, oldest first, and the outlets quoting them."""
        found = self._query(f"SELECT {_PERSON.select()} FROM people WHERE id = ?", (person_id,))
        if not found:
            return None
        quotes = self.search(SearchQuery(person_id=person_id, limit=limit, offset=offset))
        outlets = self._query(
            f"SELECT COALESCE(q.outlet, ''), COUNT(*) {_PERSON_QUOTES} "
            "GROUP BY q.outlet ORDER BY COUNT(*) DESC, q.outlet", (person_id,))
        span = self._query(f"SELECT MIN(q.published), MAX(q.published) {_PERSON_QUOTES}",
                           (person_id,))
        return PersonProfile(person=_PERSON.from_row(found[0]), quotes=quotes,
                             outlets=tuple((outlet, int(n)) for outlet, n in outlets),
                             first_published=span[0][0], last_published=span[0][1])

    def quotes_per_month(self, person_id: str) -> tuple[MonthCount, ...]:
        """How many of a person's quotations each month holds, oldest first, the undated last
        (months without any are left out)."""
        month = "CASE WHEN q.published_day IS NULL THEN NULL ELSE SUBSTR(q.published, 1, 7) END"
        found = self._query(f"SELECT {month}, COUNT(*) {_PERSON_QUOTES} GROUP BY {month} "
                            f"ORDER BY {month} NULLS LAST", (person_id,))
        return tuple(MonthCount(month, int(n)) for month, n in found)

    # --- utterances --------------------------------------------------------------------------

    def top_utterances(self, limit: int = 10, min_articles: int = 2) -> tuple[RelayedUtterance, ...]:
        """Utterances relayed by at least ``min_articles`` articles, most outlets first."""
        return tuple(_relayed(row) for row in self._query(_MOST_RELAYED, (min_articles, limit)))

    def get_utterance(self, utterance_id: str) -> UtteranceView | None:
        """An utterance (by its id or one of its quotations' ids) with every variant in order
        of appearance."""
        found = self._query(
            f"SELECT {_UTTERANCE.select()} FROM utterances WHERE id = ? OR id = "
            "(SELECT utterance_id FROM quote_variants WHERE quote_id = ?)",
            (utterance_id, utterance_id))
        if not found:
            return None
        utterance: Utterance = _UTTERANCE.from_row(found[0])
        person = self._query(f"SELECT {_PERSON.select()} FROM people WHERE id = ?",
                             (utterance.person_id,)) if utterance.person_id else []
        variants = self._query(
            f"SELECT {_VARIANT.select('v')}, q.text, a.outlet, a.published, a.title, "
            "q.speaker_name FROM quote_variants v JOIN quotes q ON q.id = v.quote_id "
            "JOIN articles a ON a.id = v.article_id WHERE v.utterance_id = ? "
            "ORDER BY a.published NULLS LAST, a.seq, q.position", (utterance.id,))
        width = len(_VARIANT.columns)
        return UtteranceView(
            utterance=utterance, person=_PERSON.from_row(person[0]) if person else None,
            variants=tuple(VariantView(_VARIANT.from_row(row[:width]), *row[width:])
                           for row in variants))

    # --- stories -----------------------------------------------------------------------------

    def top_stories(self, limit: int = 10) -> tuple[StoryCount, ...]:
        """Stories told by the most outlets, then the most articles."""
        found = self._query(
            f"SELECT {_STORY.select('s')}, c.articles, c.outlets FROM story_counts c "
            f"JOIN stories s ON s.id = c.story_id {_WIDEST_FIRST.format(alias='s')} LIMIT ?",
            (limit,))
        width = len(_STORY.columns)
        return tuple(StoryCount(_STORY.from_row(row[:width]), int(row[width]),
                                int(row[width + 1])) for row in found)

    def get_story(self, story_id: str, utterances: int = 10) -> StoryView | None:
        """A story's articles by date, the copy links among them and what they relay most."""
        found = self._query(f"SELECT {_STORY.select()} FROM stories WHERE id = ?", (story_id,))
        if not found:
            return None
        members = self._query(
            f"SELECT {_MEMBER.select('m')}, {ARTICLE_SUMMARY} FROM story_members m "
            "JOIN articles a ON a.id = m.article_id WHERE m.story_id = ? "
            "ORDER BY a.published NULLS LAST, a.seq", (story_id,))
        width = len(_MEMBER.columns)
        links = self._query(
            f"SELECT {_LINK.select('l')} FROM article_links l JOIN story_members m "
            "ON m.article_id = l.article_id WHERE m.story_id = ? ORDER BY l.article_id",
            (story_id,))
        relayed = self._query(_RELAYED.format(
            where="WHERE v.article_id IN (SELECT article_id FROM story_members WHERE story_id = ?)"),
            (story_id, utterances))
        return StoryView(
            story=_STORY.from_row(found[0]),
            members=tuple((_MEMBER.from_row(row[:width]), ArticleSummary(*row[width:]))
                          for row in members),
            links=tuple(_LINK.from_row(row) for row in links),
            utterances=tuple(_relayed(row) for row in relayed))


    # --- cited sources -----------------------------------------------------------------------

    def cited_sources(self, name: str = "", kind: str | None = None,
                      limit: int = 20) -> tuple[CitedSourceCount, ...]:
        """The sources cited by the most articles, optionally of one ``kind`` and with
        ``name`` in their name."""
        conditions, params = ["LOWER(name) LIKE ?"], [f"%{name.lower()}%"]
        if kind:
            conditions.append("kind = ?")
            params.append(kind)
        found = self._query(
            "SELECT name, kind, COUNT(*), COUNT(DISTINCT article_id) FROM sources "
            f"WHERE {' AND '.join(conditions)} GROUP BY name, kind "
            "ORDER BY COUNT(DISTINCT article_id) DESC, name LIMIT ?", (*params, limit))
        return tuple(CitedSourceCount(n, k, int(c), int(a)) for n, k, c, a in found)


def _person_count(row: tuple[Any, ...]) -> PersonCount:
    width = len(_PERSON.columns)
    return PersonCount(_PERSON.from_row(row[:width]), *(int(n) for n in row[width:]))


def _relayed(row: tuple[Any, ...]) -> RelayedUtterance:
    width = len(_UTTERANCE.columns)
    return RelayedUtterance(_UTTERANCE.from_row(row[:width]), row[width],
                            *(int(n) for n in row[width + 1:]))
