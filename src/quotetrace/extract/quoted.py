"""Quotations no verb rule claimed: a cue in their sentence, a dash credit, or a continuation;
and split quotations joined into one relation with several fragments."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from quotetrace.extract import text_of
from quotetrace.extract.quotemarks import QuoteRegion
from quotetrace.extract.relation import (
    Attribution,
    CharSpan,
    is_cue,
    make,
    overlap,
    source_of,
    trim,
)


def _sentence_cue(sentence: SpacySpan, region: QuoteRegion,
                  regions: tuple[QuoteRegion, ...]) -> Token | None:
    """The cue verb of a sentence nearest to a quotation, outside every quotation."""
    inside = [(r.start, r.end) for r in regions]
    candidates = [
        t for t in sentence
        if is_cue(t, with_quote=True) and not any(s <= t.idx < e for s, e in inside)
    ]
    if not candidates:
        return None
    return min(candidates, key=lambda t: min(abs(t.idx - region.end), abs(t.idx - region.start)))


def _region_words(doc: Doc, region: QuoteRegion) -> int:
    return sum(1 for w in text_of(doc)[region.start:region.end].split() if any(c.isalnum() for c in w))


def _near_cue(doc: Doc, cue: Token, region: QuoteRegion) -> bool:
    """A short quotation counts only right beside its cue ('"No," he said'), not as a scare quote."""
    gap = text_of(doc)[region.end : cue.idx] if cue.idx >= region.end else text_of(doc)[
        cue.idx + len(cue) : region.start]
    return len(gap) <= 20


def _governed(doc: Doc, cue: Token, region: QuoteRegion) -> CharSpan | None:
    """The cue's object phrase holding the quotation: 'called the holiday "a celebration …"'."""
    if cue.idx >= region.start or source_of(cue) is None:
        return None
    first = doc.char_span(region.start, region.end, alignment_mode="expand")
    if first is None:
        return None
    inner = [t for t in first if not t.is_punct] or list(first)
    for child in cue.rights:
        if child.dep_ in ("ccomp", "advcl", "conj", "punct", "cc", "parataxis"):
            continue
        low, high = child.left_edge.i, child.right_edge.i
        if low <= inner[0].i <= high:
            start = doc[low].idx
            return trim(doc, start, max(region.end, doc[high].idx + len(doc[high])))
    return None


def _dash_credit(doc: Doc, region: QuoteRegion) -> Attribution | None:
    """“…” ― Martha Aguilar: a quotation credited by a dash and a name closing the paragraph."""
    line_end = text_of(doc).find("\n", region.end)
    tail = text_of(doc)[region.end : line_end if line_end >= 0 else len(doc)]
    stripped = tail.lstrip()
    if not stripped or stripped[0] not in "\u2015\u2014\u2013-" or len(stripped.split()) > 6:
        return None
    name = doc.char_span(region.end + tail.index(stripped[0]) + 1, region.end + len(tail.rstrip()),
                         alignment_mode="contract")
    if name is None or not any(t.pos_ == "PROPN" for t in name):
        return None
    dash = region.end + tail.index(stripped[0])
    head = name.root
    return Attribution(((region.start, region.end),), (dash, dash + 1), "dash",
                       (name.start_char, name.end_char), head.i, 0.7, "quote-dash")


def quoted_attributions(doc: Doc, regions: tuple[QuoteRegion, ...],
                    found: list[Attribution]) -> Iterator[Attribution]:
    """Quotations no verb rule claimed: a cue in their sentence, a dash credit, or continuation."""
    for region in regions:
        span = (region.start, region.end)
        if any(overlap(span, c) * 2 > span[1] - span[0] for a in found for c in a.content):
            continue
        sentence = doc.char_span(region.start, region.end, alignment_mode="expand")
        cue = None
        if sentence:  # the sentence the quotation opens, else a credit right after it closes
            cue = _sentence_cue(sentence[0].sent, region, regions)
            after = _sentence_cue(sentence[-1].sent, region, regions)
            if cue is None and after is not None and 0 <= after.idx - region.end <= 20:
                cue = after
        words = _region_words(doc, region)
        if cue is not None and (governed := _governed(doc, cue, region)) is not None:
            yield make([governed], cue, source_of(cue), 0.75, "quote-object")
        elif cue is not None and (words >= 4 or _near_cue(doc, cue, region)):
            yield make([span], cue, source_of(cue, regions), 0.75, "quote-cue")
        elif (credit := _dash_credit(doc, region)) is not None:
            yield credit
        elif words >= 4:
            yield Attribution((span,), None, None, None, None, 0.5, "quote-continuation")


def _continues(doc: Doc, prev: Attribution, att: Attribution) -> bool:
    """Only the previous quotation's credit ("…," Smith said on Monday.) lies between the two."""
    end = prev.content[-1][1]
    start = att.content[0][0]
    if end > start:
        return False
    credits = [span[1] for span in (prev.cue, prev.source) if span is not None and span[0] >= end]
    gap = text_of(doc)[max([end, *credits]) : start].strip()
    if len(gap) > 250 or any(c in gap for c in "\u201c\u201d\"\n"):
        return False
    if not gap or credits and _ends_credit_sentence(doc, prev, start):
        return True
    return len(gap) <= 120 and not any(c in ".!?" for c in gap[:-1]) and credits != []


def _ends_credit_sentence(doc: Doc, prev: Attribution, start: int) -> bool:
    """The quotation opens the sentence after the one holding the previous quotation's cue."""
    if prev.cue is None:
        return False
    cue = doc.char_span(*prev.cue, alignment_mode="expand")
    return cue is not None and not text_of(doc)[cue.sent.end_char : start].strip()


def join_quotes(doc: Doc, atts: list[Attribution]) -> list[Attribution]:
    """Join split quotations and their continuations into one attribution with several fragments.

    "We will," he said, "win." is one quotation around its cue; a quotation that follows another
    with nothing but the cue between continues it. A continuation with nothing before it is kept
    only when a speaker was quoted earlier, whom it is then credited to.
    """
    joined: list[Attribution] = []
    speaker: Attribution | None = None
    for att in atts:
        prev = joined[-1] if joined else None
        same_cue = prev is not None and att.cue is not None and prev.cue == att.cue
        continuation = att.rule == "quote-continuation"
        if prev is not None and len(att.content) == 1 and (same_cue or continuation) and (
            _continues(doc, prev, att) or same_cue
        ) and prev.rule != "source-preposition":
            joined[-1] = replace(prev, content=prev.content + att.content)
        elif continuation and speaker is not None:
            joined.append(replace(speaker, content=att.content, confidence=0.5,
                                  rule="quote-continuation"))
        elif not continuation:
            joined.append(att)
        if joined and joined[-1].source is not None:
            speaker = joined[-1]
    return joined


