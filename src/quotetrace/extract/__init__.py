"""Extraction stages over a parsed article: quotations, speakers, sources, entities, dates."""

from __future__ import annotations

from spacy.tokens import Doc


def text_of(doc: Doc) -> str:
    """The parsed text, read once: spaCy rebuilds ``Doc.text`` from its tokens at every access."""
    text = doc.user_data.get("quotetrace.text")
    if text is None:
        text = doc.user_data["quotetrace.text"] = doc.text
    return text
