"""The API the store relies on: ``Linker().add`` → ``LinkUpdate`` of record tuples to upsert."""

from __future__ import annotations

import dataclasses

import quotetrace.link
from quotetrace.link import LinkUpdate
from quotetrace.records import (
    Article,
    ArticleLink,
    Person,
    PersonMention,
    QuoteVariant,
    Story,
    StoryMember,
    Utterance,
)
from tests.link.conftest import link

FIELDS = {"article_links": ArticleLink, "people": Person, "person_mentions": PersonMention,
          "utterances": Utterance, "quote_variants": QuoteVariant, "stories": Story,
          "story_members": StoryMember, "retired_story_ids": str}


def test_public_names_exist():
    assert all(hasattr(quotetrace.link, name) for name in quotetrace.link.__all__)


def test_an_update_holds_records_of_one_kind_per_field(articles: dict[str, Article]):
    assert [f.name for f in dataclasses.fields(LinkUpdate)] == list(FIELDS)
    corpus = link(articles.values())
    seen = set()
    for update in corpus.updates:
        for name, kind in FIELDS.items():
            values = getattr(update, name)
            assert isinstance(values, tuple) and all(isinstance(v, kind) for v in values)
            seen.update([name] if values else [])
    assert seen == set(FIELDS)  # the test articles exercise every field
    assert len(corpus.members) == len(articles)  # every article tells one story
    assert {v.quote_id for v in corpus.variants.values()} == {
        q.id for a in articles.values() for q in a.quotes}  # every quotation is a variant
