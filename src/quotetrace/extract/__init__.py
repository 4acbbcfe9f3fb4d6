"""Extraction stages over a parsed article: quotations, speakers, sources, entities, dates."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
from spacy.attrs import SENT_START  # type: ignore[import-not-found]
from spacy.tokens import Doc

_TEXT = "quotetrace.text"


def text_of(doc: Doc) -> str:
    """The parsed text, read once: spaCy rebuilds ``Doc.text`` from its tokens at every access
    (about 1.5 ms for a news article)."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def remembering(doc: Doc, text: str) -> Doc:
    """``doc``, parsed from ``text``, with ``text_of`` answering ``text`` without a rebuild."""
    end = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    if end != len(text):
        raise ValueError(f"a parse of {end} characters is not of this {len(text)}-character text")
    doc.user_data[_TEXT] = text
    return doc


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """The token range of each sentence the parser or the sentencizer marked, read from the
    sentence starts without making a Token per word as ``Doc.sents`` does. Unlike
    ``Doc.sents``, a doc with no sentence marked is one sentence, not an error, and an empty
    doc one empty range."""
    if doc.has_annotation("SENT_START"):
        starts = np.flatnonzero(doc.to_array(SENT_START) == 1).tolist()
    else:
        starts = []
    return list(pairwise([0, *(k for k in starts if k), len(doc)]))
