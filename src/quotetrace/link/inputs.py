"""What linking reads from an article, whether it comes fresh from the pipeline or from the store.

The store replays articles as the JSON dicts of ``render.json.article_to_dict``; both shapes become
one ``LinkInput`` so the linker gives the same answer for either.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from quotetrace.errors import InputError
from quotetrace.records import Article


@dataclass(frozen=True, slots=True)
class LinkQuote:
    """A quotation as linking sees it: its words and who the article says spoke them."""

    id: str
    text: str
    kind: str
    speaker_entity_id: str | None


@dataclass(frozen=True, slots=True)
class LinkEntity:
    """A named entity of the article, with the roles the article gives it."""

    id: str
    name: str
    label: str
    roles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LinkInput:
    """One article reduced to what linking needs."""

    article_id: str
    published: str | None  # ISO date
    lang: str
    title: str | None
    text: str
    quotes: tuple[LinkQuote, ...]
    entities: tuple[LinkEntity, ...]
    dates: tuple[str, ...]  # ISO values of the dates the article mentions

    @classmethod
    def from_article(cls, article: Article) -> LinkInput:
        doc = article.document
        return cls(
            article_id=doc.id, published=doc.published, lang=doc.lang, title=doc.title,
            text=doc.text,
            quotes=tuple(LinkQuote(q.id, q.text, q.kind, q.speaker_entity_id)
                         for q in article.quotes),
            entities=tuple(LinkEntity(e.id, e.name, e.label, e.roles) for e in article.entities),
            dates=tuple(d.value for d in article.dates if d.value),
        )

    @classmethod
    def from_dict(cls, article: Mapping[str, Any]) -> LinkInput:
        """Read an ``article_to_dict`` object; a missing field is an InputError naming it."""
        doc = article.get("document") or {}
        origin = str(doc.get("id") or doc.get("origin") or "<article dict>")
        try:
            return cls(
                article_id=doc["id"], published=doc.get("published"),
                lang=doc.get("lang") or "en", title=doc.get("title"), text=doc["text"],
                quotes=tuple(LinkQuote(q["id"], q["text"], q["kind"],
                                       (q.get("speaker") or {}).get("entity_id"))
                             for q in article.get("quotes", ())),
                entities=tuple(LinkEntity(e["id"], e["name"], e["label"], tuple(e.get("roles", ())))
                               for e in article.get("entities", ())),
                dates=tuple(d["value"] for d in article.get("dates", ()) if d.get("value")),
            )
        except (KeyError, TypeError) as error:
            raise InputError(origin, f"article dict lacks the field {error}; "
                             "expected the object of render.json.article_to_dict") from error


def link_input(article: Article | Mapping[str, Any] | LinkInput) -> LinkInput:
    """Any of the accepted article shapes as a ``LinkInput``."""
    if isinstance(article, LinkInput):
        return article
    if isinstance(article, Article):
        return LinkInput.from_article(article)
    return LinkInput.from_dict(article)
