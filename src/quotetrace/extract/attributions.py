"""Find attribution relations (source, cue, content) with rules over a spaCy parse.

Transcript turns first ("WALLACE: …", ``turns``), then three rules, most specific first: a
reporting verb with a clausal complement ("X said that …", "'…,' he added"); a source
preposition ("according to X, …"); a quoted region beside a cue verb in its sentence, or, failing
that, a long quotation standing alone, which continues the last speaker (``quoted``). Split
quotations are joined into one relation.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Doc, Token

from quotetrace.extract import text_of
from quotetrace.extract.merge import merge_attributions
from quotetrace.extract.patterns import en
from quotetrace.extract.quoted import join_quotes, quoted_attributions
from quotetrace.extract.quotemarks import QuoteRegion
from quotetrace.extract.relation import (
    SUBJECTS,
    Attribution,
    CharSpan,
    inside,
    is_cue,
    make,
    overlap,
    source_of,
    subtree_span,
    trim,
    turn_relations,
)

__all__ = ["Attribution", "CharSpan", "find_attributions"]

_INSERTED = ("parataxis", "ccomp", "advcl")


def _complements(token: Token) -> list[Token]:
    """The clauses a cue verb reports: its ccomps on one side, else an unmarked advcl.

    "said they're convinced … and Democrats accused …": a later ccomp with its own subject after
    "and" is a parse of coordination, not a second thing said.
    """
    ccomps = [c for c in token.children if c.dep_ == "ccomp"]
    after = [c for c in ccomps if c.i > token.i]
    chosen = after or ccomps
    kept = chosen[:1]
    for clause in chosen[1:]:
        coordinated = any(c.dep_ == "cc" for c in token.doc[kept[-1].i : clause.left_edge.i])
        if coordinated and any(c.dep_ in SUBJECTS for c in clause.children) and not any(
            c.dep_ == "mark" for c in clause.children
        ):
            break
        kept.append(clause)
    if not kept:
        kept = [c for c in token.rights if c.dep_ == "advcl" and c.pos_ in ("VERB", "AUX")
                and not any(g.dep_ in ("mark", "advmod") and g.lower_ != "that"
                            for g in c.children if g.i < c.i)
                and any(g.dep_ in SUBJECTS for g in c.children)]
    return kept


def _paragraph(doc: Doc, index: int) -> CharSpan:
    """The paragraph around a character: parses run sentences across blank lines."""
    start = text_of(doc).rfind("\n", 0, index) + 1
    end = text_of(doc).find("\n", index)
    return start, end if end >= 0 else len(text_of(doc))


def _parenthetical(cue: Token) -> list[CharSpan]:
    """Content around an inserted credit: "The test, North Korea said, was its biggest yet."."""
    head = cue.head
    doc = cue.doc
    if head.i == cue.i or head.pos_ not in ("VERB", "AUX") or cue.dep_ not in _INSERTED:
        return []
    before = doc[cue.left_edge.i - 1] if cue.left_edge.i > 0 else None
    if cue.dep_ != "parataxis" and (before is None or before.text != ","):
        return []
    low, high = _paragraph(doc, cue.idx)
    skip = {t.i for t in cue.subtree}
    tokens = [t for t in head.subtree if t.i not in skip and low <= t.idx < high]
    return _runs(doc, tokens)


def _intentions(doc: Doc, regions: tuple[QuoteRegion, ...]) -> Iterator[Attribution]:
    """What someone wants or calls for: "Clinton wants to triple …", "the NAACP called for …"."""
    for token in doc:
        if token.pos_ != "VERB" or inside(token, regions):
            continue
        lemma = token.lemma_.lower()
        if lemma in en.INTENTION_VERBS:
            objects = [c for c in token.rights if c.dep_ == "xcomp"]
        elif lemma in en.PREPOSITION_CUES:
            objects = [g for c in token.rights if c.dep_ == "prep"
                       and c.lower_ == en.PREPOSITION_CUES[lemma]
                       for g in c.children if g.dep_ == "pobj"]
        else:
            continue
        source = source_of(token, regions)
        if not objects or source is None or source.pos_ not in ("PROPN", "PRON", "NOUN"):
            continue
        low, high = _paragraph(doc, token.idx)
        span = trim(doc, max(low, subtree_span(objects[0])[0]),
                    min(high, subtree_span(objects[0])[1]))
        if span is not None:
            yield make([span], token, source, 0.7, "verb-intention")


def _verb_complements(doc: Doc, regions: tuple[QuoteRegion, ...]) -> Iterator[Attribution]:
    """X said (that) …; '…,' he added; … , officials say. Not inside quotations: those nest."""
    for token in doc:
        if not is_cue(token, with_quote=False) or inside(token, regions):
            continue
        complements = _complements(token)
        if not complements:
            if (fragments := _parenthetical(token)):
                yield make(fragments, token, source_of(token, regions), 0.8, "verb-parenthetical")
            continue
        low, high = _paragraph(doc, token.idx)
        span = trim(doc, max(low, min(subtree_span(c)[0] for c in complements)),
                     min(high, max(subtree_span(c)[1] for c in complements)))
        if span is None or span[0] <= token.idx < span[1]:
            continue
        yield make([span], token, source_of(token, regions), 0.85, "verb-complement")


def _source_prepositions(doc: Doc, regions: tuple[QuoteRegion, ...]) -> Iterator[Attribution]:
    """According to X, …: the clause minus the prepositional phrase."""
    for token in doc:
        if inside(token, regions):
            continue
        for words in en.SOURCE_PREPOSITIONS:
            if token.lower_ != words[0] or len(words) > 1 and (
                token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != words[1]
            ):
                continue
            if len(words) == 1 and token.i and doc[token.i - 1].lower_ == "as":
                continue  # "per" of "as per", already taken
            last = doc[token.i + len(words) - 1]
            objects = [t for t in (*token.subtree, *last.subtree) if t.dep_ == "pobj"]
            clause = token.head
            while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
                clause = clause.head
            skip = {t.i for t in token.subtree} | {t.i for t in last.subtree}
            fragments = _runs(doc, [t for t in clause.subtree if t.i not in skip])
            if objects and fragments:
                yield make(fragments, (token, last), objects[0], 0.8, "source-preposition")


def _runs(doc: Doc, tokens: list[Token]) -> list[CharSpan]:
    """Contiguous runs of tokens as trimmed char spans."""
    runs: list[CharSpan] = []
    start_tok: Token | None = None
    previous: Token | None = None
    for tok in tokens:
        if start_tok is None or previous is None or tok.i != previous.i + 1:
            if start_tok is not None and previous is not None:
                runs.append((start_tok.idx, previous.idx + len(previous)))
            start_tok = tok
        previous = tok
    if start_tok is not None and previous is not None:
        runs.append((start_tok.idx, previous.idx + len(previous)))
    return [span for s, e in runs if (span := trim(doc, s, e)) and len(text_of(doc)[s:e].strip()) > 1]


def _only_marks(text: str) -> bool:
    return all(c.isspace() or not c.isalnum() for c in text)


def _snap_to_quotes(doc: Doc, att: Attribution, regions: tuple[QuoteRegion, ...]) -> Attribution:
    """Widen content that cuts a quotation at one end, so a multi-sentence quote stays whole."""
    fragments = []
    for start, end in att.content:
        for region in regions:
            if not overlap((start, end), (region.start, region.end)):
                continue
            head, tail = text_of(doc)[region.start : start], text_of(doc)[end : region.end]
            if start >= region.start and (_only_marks(head) or _only_marks(tail)):
                start, end = min(start, region.start), max(end, region.end)
            elif start < region.start and end < region.end and _only_marks(
                text_of(doc)[start : region.start]
            ):
                end = region.end
        fragments.append((start, end))
    return replace(att, content=tuple(fragments))


def _without_credits(doc: Doc, att: Attribution, credits: list[Attribution]) -> Attribution:
    """Cut a trailing credit from what was said: "… is prohibited, as per the New York Post"."""
    fragments = []
    for start, end in att.content:
        for credit in credits:
            cue, source = credit.cue, credit.source
            if cue and source and start < cue[0] and source[1] >= end - 1 and cue[0] < end:
                end = cue[0]
        if (span := trim(doc, start, end)) is not None:
            fragments.append(span)
    return replace(att, content=tuple(fragments)) if fragments else att


def find_attributions(doc: Doc, regions: tuple[QuoteRegion, ...],
                      intentions: bool = True) -> tuple[Attribution, ...]:
    """Every attribution relation in the parsed article, ordered by position.

    ``intentions=False`` leaves out "X wants to …" / "X called for …", for a caller that has a
    better way to find them (the accurate mode's trained model).
    """
    rules = (_verb_complements, _intentions) if intentions else (_verb_complements,)
    credits = [_snap_to_quotes(doc, a, regions) for a in _source_prepositions(doc, regions)]
    found = [_without_credits(doc, _snap_to_quotes(doc, a, regions), credits)
             for rule in rules for a in rule(doc, regions)]
    found += credits
    found.sort(key=lambda a: a.content[0])
    found += list(quoted_attributions(doc, regions, found))
    found.sort(key=lambda a: a.content[0])
    return merge_attributions(turn_relations(doc), join_quotes(doc, found))
