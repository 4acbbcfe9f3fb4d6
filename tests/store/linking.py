"""Link records over real analysed articles: the entity and the quotation to link, found by
name, and a small linked corpus."""

from __future__ import annotations

from quotetrace.records import (
    Article,
    Person,
    PersonMention,
    Quote,
    QuoteVariant,
    Story,
    StoryMember,
    Utterance,
)
from quotetrace.store import LinkRecord


def entity_id(article: Article, name: str) -> str:
    return next(e.id for e in article.entities if e.name == name)


def quote_of(article: Article, speaker: str, words: str) -> Quote:
    return next(q for q in article.quotes if q.speaker_name == speaker and words in q.text)


def quotes_of(article: Article, entity: str) -> list[Quote]:
    """The quotations ``article`` attributes to its entity ``entity``."""
    return [q for q in article.quotes if q.speaker_entity_id == entity]


def sample_links(politico: Article, usa_today: Article, breitbart: Article,
                 later: Article) -> tuple[LinkRecord, ...]:
    """Trump and Clinton across four articles, one relayed quotation, one story of three."""
    trump = Person("p-trump", "Donald Trump", ("Donald Trump",), (), "test")
    clinton = Person("p-clinton", "Hillary Clinton", ("Hillary Clinton",), (), "test")
    spoken = ((trump, politico, "Donald Trump"), (trump, usa_today, "Donald Trump"),
              (trump, later, "Donald Trump"), (clinton, breitbart, "Hillary Clinton"),
              (clinton, usa_today, "Hillary Clinton"))
    mentions = tuple(PersonMention(person.id, article.document.id, entity_id(article, name),
                                   name, 1.0) for person, article, name in spoken)
    first = quote_of(politico, "Michael Flynn", "absolutely right")
    relay = quote_of(usa_today, "Donald Trump", "trigger-happy")
    utterance = Utterance("u-1", first.text, None, first.id, politico.document.id,
                          politico.document.published, "test")
    variants = (QuoteVariant("u-1", first.id, politico.document.id, "identical", 1.0, ()),
                QuoteVariant("u-1", relay.id, usa_today.document.id, "reworded", 0.4, ()))
    story = Story("s-1", "generals", politico.document.id, politico.document.published, "test")
    members = tuple(StoryMember("s-1", article.document.id, 1.0)
                    for article in (politico, usa_today, later))
    return (trump, clinton, *mentions, utterance, *variants, story, *members)
