"""The attribution relation found in a parse, and the parse helpers its rules share."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from quotetrace.extract import text_of
from quotetrace.extract.patterns import en
from quotetrace.extract.quotemarks import QuoteRegion
from quotetrace.extract.turns import TURN_RULE, find_turns

CharSpan = tuple[int, int]
SUBJECTS = ("nsubj", "nsubjpass", "csubj")
TURN_CONFIDENCE = 0.9  # a transcript's label names its speaker outright
CLIMB = ("advcl", "xcomp", "conj", "pcomp", "acl", "relcl", "ccomp", "parataxis")
EDGE_PUNCT = set(",;:–—-()")


@dataclass(frozen=True, slots=True)
class Attribution:
    """A relation found in the parse, before its speaker is resolved."""

    content: tuple[CharSpan, ...]
    cue: CharSpan | None
    cue_lemma: str | None
    source: CharSpan | None
    source_head: int | None  # token index of the source mention's head
    confidence: float
    rule: str


def subtree_span(token: Token) -> CharSpan:
    doc = token.doc
    return doc[token.left_edge.i].idx, doc[token.right_edge.i].idx + len(doc[token.right_edge.i])


def trim(doc: Doc, start: int, end: int) -> CharSpan | None:
    """Shrink a char span so it neither starts nor ends on stray punctuation or spaces."""
    text = text_of(doc)
    while start < end and (text[start].isspace() or text[start] in EDGE_PUNCT):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in EDGE_PUNCT):
        end -= 1
    return (start, end) if end > start else None


def source_of(verb: Token, regions: tuple[QuoteRegion, ...] = ()) -> Token | None:
    """The subject of the verb, or of the verb it hangs from ("…, saying that …").

    A subject inside a quotation is a misparse of what was said, never its source.
    """
    token: Token | None = verb
    for _ in range(4):
        if token is None:
            return None
        for child in token.children:
            if child.dep_ in SUBJECTS and not inside(child, regions):
                return child
            if child.dep_ == "agent":
                objects = [g for g in child.children if g.dep_ == "pobj"]
                if objects:
                    return objects[0]
        if token.dep_ not in CLIMB or token.head.i == token.i:
            return None
        token = token.head
    return None


def mention_span(head: Token) -> CharSpan:
    """The noun phrase around a source head, without its relative clauses."""
    left = head.left_edge.i
    right = head.i
    for child in head.rights:
        if child.dep_ in ("relcl", "acl", "punct", "cc", "conj", "advcl"):
            break
        right = child.right_edge.i
    doc = head.doc
    while right > left and (doc[right].is_space or doc[right].is_punct):
        right -= 1
    return doc[left].idx, doc[right].idx + len(doc[right])


def is_cue(token: Token, with_quote: bool) -> bool:
    if token.pos_ not in ("VERB", "AUX") and token.tag_ not in ("VBD", "VBZ", "VBP", "VBG"):
        return False
    lemma = token.lemma_.lower()
    return lemma in en.REPORTING_VERBS or with_quote and (
        lemma in en.QUOTE_ONLY_VERBS or lemma in en.CHARACTERISING_VERBS)


def make(
    content: Iterable[CharSpan], cue: Token | tuple[Token, Token], source: Token | None,
    confidence: float, rule: str,
) -> Attribution:
    first, last = cue if isinstance(cue, tuple) else (cue, cue)
    return Attribution(
        content=tuple(content),
        cue=(first.idx, last.idx + len(last)),
        cue_lemma=first.lemma_.lower() if first.i == last.i else " ".join(
            t.lower_ for t in first.doc[first.i : last.i + 1]),
        source=mention_span(source) if source is not None else None,
        source_head=source.i if source is not None else None,
        confidence=confidence if source is not None else confidence - 0.2,
        rule=rule,
    )


def inside(token: Token, regions: tuple[QuoteRegion, ...]) -> bool:
    return any(r.start < token.idx < r.end for r in regions)


def overlap(a: CharSpan, b: CharSpan) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def turn_relations(doc: Doc) -> tuple[Attribution, ...]:
    """A transcript's turns (``turns``) as relations: the label the source, the colon the cue."""
    relations = []
    for turn in find_turns(text_of(doc)):
        label = doc.char_span(*turn.label, alignment_mode="expand")
        relations.append(Attribution(
            content=turn.content, cue=turn.colon, cue_lemma=":", source=turn.label,
            source_head=label[-1].i if label else None, confidence=TURN_CONFIDENCE,
            rule=TURN_RULE))
    return tuple(relations)
