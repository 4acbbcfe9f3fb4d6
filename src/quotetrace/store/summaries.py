"""Counts kept beside the link tables, so that the most quoted people, the most relayed
utterances and the widest stories read a few rows instead of joining every quotation.

A batch may change the counts of the people, utterances and stories that own its articles'
mentions, variants and memberships, before the batch (a mention moved away) or after it (one
moved in). ``SqlStore.write`` recounts exactly those keys in the batch's transaction, so the
counts are always what the ``COUNT`` below would say over the whole corpus.
"""

from __future__ import annotations

from dataclasses import dataclass

from quotetrace.records import PersonMention, QuoteVariant, StoryMember
from quotetrace.store.views import Batch

__all__ = ["SUMMARIES", "Summary", "articles_touched"]


@dataclass(frozen=True, slots=True)
class Summary:
    """One count table: ``owners`` finds the keys owning rows of some articles, ``counts``
    counts some keys afresh (``{marks}`` stands for the placeholders of either list)."""

    table: str
    key: str
    columns: tuple[str, ...]
    owners: str
    counts: str

    def upsert_sql(self) -> str:
        names = (self.key, *self.columns)
        updates = ", ".join(f"{c} = excluded.{c}" for c in self.columns)
        return (f"INSERT INTO {self.table} ({', '.join(names)}) "
                f"VALUES ({', '.join('?' for _ in names)}) "
                f"ON CONFLICT ({self.key}) DO UPDATE SET {updates}")


SUMMARIES = (
    Summary(
        "person_counts", "person_id", ("quotes", "articles", "outlets"),
        owners="SELECT DISTINCT person_id FROM person_mentions WHERE article_id IN ({marks})",
        counts="SELECT pm.person_id, COUNT(q.id), COUNT(DISTINCT q.article_id), "
               "COUNT(DISTINCT q.outlet) FROM person_mentions pm JOIN quotes q "
               "ON q.article_id = pm.article_id AND q.speaker_entity_id = pm.entity_id "
               "WHERE pm.person_id IN ({marks}) GROUP BY pm.person_id"),
    Summary(
        "utterance_counts", "utterance_id", ("quotes", "articles", "outlets"),
        owners="SELECT DISTINCT utterance_id FROM quote_variants WHERE article_id IN ({marks})",
        counts="SELECT v.utterance_id, COUNT(v.quote_id), COUNT(DISTINCT v.article_id), "
               "COUNT(DISTINCT a.outlet) FROM quote_variants v "
               "JOIN articles a ON a.id = v.article_id "
               "WHERE v.utterance_id IN ({marks}) GROUP BY v.utterance_id"),
    Summary(
        "story_counts", "story_id", ("articles", "outlets"),
        owners="SELECT DISTINCT story_id FROM story_members WHERE article_id IN ({marks})",
        counts="SELECT m.story_id, COUNT(m.article_id), COUNT(DISTINCT a.outlet) "
               "FROM story_members m JOIN articles a ON a.id = m.article_id "
               "WHERE m.story_id IN ({marks}) GROUP BY m.story_id"),
)


def articles_touched(batch: Batch, added: tuple[str, ...]) -> tuple[str, ...]:
    """The articles whose mentions, variants or memberships ``batch`` adds or moves."""
    linked = (record.article_id for record in batch.links
              if isinstance(record, PersonMention | QuoteVariant | StoryMember))
    return tuple(sorted({*added, *linked}))
