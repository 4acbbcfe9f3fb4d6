"""Corpus views over the link tables: an article with its links, a person over time, a story,
an utterance and its variants, and the most quoted and most relayed."""

from __future__ import annotations

import json
from typing import Any

from quotetrace.records import ArticleLink, Person, QuoteVariant, Story, StoryMember, Utterance
from quotetrace.store import rows
from quotetrace.store.sql import ARTICLE_SUMMARY, SqlStore
from quotetrace.store.views import (
    ArticleSummary,
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

_PERSON_COUNTS = (
    f"SELECT {_PERSON.select('p')}, COUNT(q.id), COUNT(DISTINCT q.article_id), "
    "COUNT(DISTINCT q.outlet) FROM people p "
    "{join} person_mentions pm ON pm.person_id = p.id "
    "{join} quotes q ON q.article_id = pm.article_id AND q.speaker_entity_id = pm.entity_id "
    "{where} GROUP BY p.id ORDER BY COUNT(q.id) DESC, p.name LIMIT ?"
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


class CorpusStore(SqlStore):
    """The full store: ``SqlStore`` plus the views the CLI, the API and the web UI show."""

    def get_article(self, article_id: str) -> StoredArticle | None:
        found = self._query(f"SELECT {ARTICLE_SUMMARY}, a.text, a.article_json "
                            "FROM articles a WHERE a.id = ?", (article_id,))
        if not found:
            return None
        *summary, text, article_json = found[0]
        data = json.loads(article_json)
        original = self._query(f"SELECT {_LINK.select()} FROM article_links WHERE article_id = ?",
                               (article_id,))
        copies = self._query(f"SELECT {_LINK.select()} FROM article_links WHERE original_id = ? "
                             "ORDER BY article_id", (article_id,))
        story = self._query("SELECT story_id FROM story_members WHERE article_id = ?",
                            (article_id,))
        return StoredArticle(
            summary=ArticleSummary(*summary), text=text, quotes=rows.quotes_from_dict(data),
            entities=rows.entities_from_dict(data), sources=rows.sources_from_dict(data),
            dates=rows.dates_from_dict(data),
            original=_LINK.from_row(original[0]) if original else None,
            copies=tuple(_LINK.from_row(row) for row in copies),
            story_id=story[0][0] if story else None)

    # --- people ------------------------------------------------------------------------------

    def top_people(self, limit: int = 10) -> tuple[PersonCount, ...]:
        """The most quoted people, most quotations first."""
        sql = _PERSON_COUNTS.format(join="JOIN", where="")
        return tuple(_person_count(row) for row in self._query(sql, (limit,)))

    def find_people(self, name: str, limit: int = 10) -> tuple[PersonCount, ...]:
        """People whose id is ``name`` or whose name or a variant contains it, most quoted first."""
        sql = _PERSON_COUNTS.format(
            join="LEFT JOIN",
            where="WHERE p.id = ? OR LOWER(p.name) LIKE ? OR LOWER(p.variants) LIKE ?")
        pattern = f"%{name.lower()}%"
        return tuple(_person_count(row) for row in self._query(sql, (name, pattern, pattern,
                                                                     limit)))

    def get_person(self, person_id: str, limit: int = 50, offset: int = 0) -> PersonProfile | None:
        """A person with a page of their quotations, oldest first, and the outlets quoting them."""
        found = self._query(f"SELECT {_PERSON.select()} FROM people WHERE id = ?", (person_id,))
        if not found:
            return None
        quotes = self.search(SearchQuery(person_id=person_id, limit=limit, offset=offset))
        outlets = self._query(
            "SELECT COALESCE(q.outlet, ''), COUNT(*) FROM quotes q JOIN person_mentions pm "
            "ON pm.article_id = q.article_id AND pm.entity_id = q.speaker_entity_id "
            "WHERE pm.person_id = ? GROUP BY q.outlet ORDER BY COUNT(*) DESC, q.outlet",
            (person_id,))
        span = self._query(
            "SELECT MIN(q.published), MAX(q.published) FROM quotes q JOIN person_mentions pm "
            "ON pm.article_id = q.article_id AND pm.entity_id = q.speaker_entity_id "
            "WHERE pm.person_id = ?", (person_id,))
        return PersonProfile(person=_PERSON.from_row(found[0]), quotes=quotes,
                             outlets=tuple((outlet, int(n)) for outlet, n in outlets),
                             first_published=span[0][0], last_published=span[0][1])

    # --- utterances --------------------------------------------------------------------------

    def top_utterances(self, limit: int = 10, min_articles: int = 2) -> tuple[RelayedUtterance, ...]:
        """Utterances relayed by at least ``min_articles`` articles, most outlets first."""
        sql = _RELAYED.format(where="").replace(
            "ORDER BY", f"HAVING COUNT(DISTINCT v.article_id) >= {int(min_articles)} ORDER BY", 1)
        return tuple(_relayed(row) for row in self._query(sql, (limit,)))

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
            f"SELECT {_STORY.select('s')}, COUNT(m.article_id), COUNT(DISTINCT a.outlet) "
            "FROM stories s JOIN story_members m ON m.story_id = s.id "
            "JOIN articles a ON a.id = m.article_id GROUP BY s.id "
            "ORDER BY COUNT(DISTINCT a.outlet) DESC, COUNT(m.article_id) DESC, "
            "s.first_published NULLS LAST, s.id LIMIT ?", (limit,))
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


def _person_count(row: tuple[Any, ...]) -> PersonCount:
    width = len(_PERSON.columns)
    return PersonCount(_PERSON.from_row(row[:width]), *(int(n) for n in row[width:]))


def _relayed(row: tuple[Any, ...]) -> RelayedUtterance:
    width = len(_UTTERANCE.columns)
    return RelayedUtterance(_UTTERANCE.from_row(row[:width]), row[width],
                            *(int(n) for n in row[width + 1:]))
