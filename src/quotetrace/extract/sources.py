"""Cited sources: the outlets, organisations, documents and posts an article credits.

They come from the credit of an attribution ("as per the New York Post", "The Times reported",
"Article 13 of the conventions stipulate") and from where a statement was made ("in a tweet",
"told CNN"). A credit that wraps other attributions ("X said …, as per the Post") is a citation of
those attributions, not a quotation of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from quotetrace.extract import text_of
from quotetrace.extract.attributions import Attribution
from quotetrace.extract.patterns import en
from quotetrace.records import CitedSource, SourceKind, Span, record_id

PRODUCER = "sources.rules.v1"
_NAMING_ENTITIES = ("", "ORG", "PRODUCT", "WORK_OF_ART", "FAC")  # not "On Monday", "in Ohio"
_OUTLET = re.compile(r"\b(?:" + "|".join(map(re.escape, en.OUTLET_WORDS)) + r")\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Citations:
    """The cited sources, and which attributions were only credits (to drop as quotations)."""

    sources: tuple[CitedSource, ...]
    credit_only: frozenset[int]  # indexes into the attributions given


def _phrase(token: Token) -> SpacySpan:
    doc = token.doc
    span = doc[token.left_edge.i : token.right_edge.i + 1]
    while len(span) > 1 and (span[0].lower_ in ("the", "a", "an") and span[0].text.islower()
                             or span[0].is_punct or span[0].is_space):
        span = span[1:]
    while len(span) > 1 and (span[-1].is_punct or span[-1].is_space):
        span = span[:-1]
    return span


def _kind(phrase: SpacySpan, people: frozenset[int] = frozenset()) -> SourceKind | None:
    head = phrase.root
    if head.pos_ == "PROPN" and _OUTLET.search(phrase.text):
        return "outlet"  # "Politico", whatever the tagger thought it was
    if head.i in people:
        return None
    if head.lemma_.lower() in en.DOCUMENT_HEADS and (
        any(t.like_num for t in phrase) or any(t.pos_ == "PROPN" for t in phrase)
        or head.lower_ in ("article", "section", "clause", "report")
    ):
        return "document"
    if head.ent_type_ in ("PERSON", "GPE", "NORP") or head.pos_ == "PRON":
        return None
    if head.ent_type_ == "ORG":
        return body_kind(phrase.text)
    if head.lemma_.lower() in en.SOCIAL_MEDIA:
        return "social_media"
    return None


def body_kind(name: str) -> SourceKind:
    """An outlet when the name holds an outlet word ("The Washington Post", "Politico"), else an
    organisation."""
    return "outlet" if _OUTLET.search(name) else "organisation"


def _document_name(doc: Doc, phrase: SpacySpan) -> str:
    """"Article 13 of the conventions" → "Article 13 of the Geneva Convention", named earlier."""
    name = phrase.text
    for token in phrase:
        if token.dep_ == "pobj" and token.pos_ == "NOUN" and any(
            c.lower_ == "the" for c in token.children
        ):
            word = re.escape(token.lemma_.capitalize())
            earlier = re.findall(rf"((?:[A-Z][\w-]+ )+{word}s?)\b", text_of(doc)[: phrase.start_char])
            if earlier:
                name = name.replace(token.text, earlier[-1].split(" ", 1)[-1] if earlier[-1]
                                    .startswith("The ") else earlier[-1])
    return name


def _venues(doc: Doc, att: Attribution) -> Iterator[tuple[Token, SourceKind]]:
    """Where a statement was made: "in a tweet", "told CNN", "in an interview with Fox News"."""
    if att.cue is None:
        return
    cue = doc.char_span(*att.cue, alignment_mode="expand")
    if cue is None:
        return
    if cue.root.lemma_.lower() in en.POSTING_VERBS:  # "Trump tweeted that …"
        yield cue.root, "social_media"
    for child in cue.root.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "on", "via"):
            for obj in (g for g in child.children if g.dep_ == "pobj"):
                named = [g for g in obj.subtree if g.ent_type_ == "ORG" or g.pos_ == "PROPN"
                         and g.ent_type_ in _NAMING_ENTITIES]
                if named:
                    yield named[-1], _kind(_phrase(named[-1])) or "organisation"
                elif obj.lemma_.lower() in en.SOCIAL_MEDIA:
                    yield obj, "social_media"
        elif child.dep_ in ("dobj", "dative") and cue.root.lemma_ == "tell":
            kind = _kind(_phrase(child))
            if kind in ("outlet", "organisation"):
                yield child, kind


def _overlaps(a: Attribution, b: Attribution) -> bool:
    return any(min(e1, e2) > max(s1, s2) for s1, e1 in a.content for s2, e2 in b.content)


def find_citations(doc: Doc, document_id: str, attributions: Sequence[Attribution],
                   quote_ids: Sequence[str], people: frozenset[int] = frozenset()) -> Citations:
    """Cited sources of the article, each linked to the quotations it supports.

    ``people`` holds the token indexes of person mentions, which are speakers, not sources.
    """
    found: dict[tuple[int, int], tuple[str, SourceKind, tuple[int, int] | None, set[str]]] = {}
    credit_only: set[int] = set()
    for k, att in enumerate(attributions):
        supported = {quote_ids[k]}
        if att.rule == "source-preposition":
            inner = [j for j, other in enumerate(attributions)
                     if j != k and other.rule != "source-preposition" and other.cue and (
                         any(s <= other.cue[0] < e for s, e in att.content)
                         or _overlaps(att, other))]
            if inner:
                credit_only.add(k)
                supported = {quote_ids[j] for j in inner}
        candidates: list[tuple[Token, SourceKind | None]] = []
        if att.source_head is not None:
            head = doc[att.source_head]
            candidates.append((head, _kind(_phrase(head), people)))
        candidates += list(_venues(doc, att))
        for token, kind in candidates:
            if kind is None:
                continue
            posted = en.POSTING_VERBS.get(token.lemma_.lower()) if token.pos_ == "VERB" else None
            phrase = doc[token.i : token.i + 1] if posted else _phrase(token)
            key = (phrase.start_char, phrase.end_char)
            name = posted or (_document_name(doc, phrase) if kind == "document" else phrase.text)
            cue = att.cue if att.rule == "source-preposition" else None
            entry = found.setdefault(key, (name, kind, cue, set()))
            entry[3].update(supported)
    sources = tuple(
        CitedSource(record_id(document_id, "source", s, e), name, kind, Span(s, e, text_of(doc)[s:e]),
                    Span(cue[0], cue[1], text_of(doc)[cue[0]:cue[1]]) if cue else None,
                    tuple(sorted(ids)), 0.8 if cue else 0.7, PRODUCER)
        for (s, e), (name, kind, cue, ids) in sorted(found.items()))
    return Citations(sources, frozenset(credit_only))
