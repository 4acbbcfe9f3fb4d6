"""Find attribution relations (source, cue, content) with rules over a spaCy parse.

Three rules, most specific first: a reporting verb with a clausal complement ("X said that …",
"'…,' he added"); a source preposition ("according to X, …"); a quoted region beside a cue verb in
its sentence, or, failing that, a long quotation standing alone, which continues the last speaker.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from quotetrace.extract import text_of
from quotetrace.extract.patterns import en
from quotetrace.extract.quotemarks import QuoteRegion

CharSpan = tuple[int, int]
_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_CLIMB = ("advcl", "xcomp", "conj", "pcomp", "acl", "relcl", "ccomp", "parataxis")
_INSERTED = ("parataxis", "ccomp", "advcl")
_EDGE_PUNCT = set(",;:–—-()")


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


def _subtree_span(token: Token) -> CharSpan:
    doc = token.doc
    return doc[token.left_edge.i].idx, doc[token.right_edge.i].idx + len(doc[token.right_edge.i])


def _trim(doc: Doc, start: int, end: int) -> CharSpan | None:
    """Shrink a char span so it neither starts nor ends on stray punctuation or spaces."""
    text = text_of(doc)
    while start < end and (text[start].isspace() or text[start] in _EDGE_PUNCT):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _EDGE_PUNCT):
        end -= 1
    return (start, end) if end > start else None


def _source_of(verb: Token, regions: tuple[QuoteRegion, ...] = ()) -> Token | None:
    """The subject of the verb, or of the verb it hangs from ("…, saying that …").

    A subject inside a quotation is a misparse of what was said, never its source.
    """
    token: Token | None = verb
    for _ in range(4):
        if token is None:
            return None
        for child in token.children:
            if child.dep_ in _SUBJECTS and not _inside(child, regions):
                return child
            if child.dep_ == "agent":
                objects = [g for g in child.children if g.dep_ == "pobj"]
                if objects:
                    return objects[0]
        if token.dep_ not in _CLIMB or token.head.i == token.i:
            return None
        token = token.head
    return None


def _mention_span(head: Token) -> CharSpan:
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


def _is_cue(token: Token, with_quote: bool) -> bool:
    if token.pos_ not in ("VERB", "AUX") and token.tag_ not in ("VBD", "VBZ", "VBP", "VBG"):
        return False
    lemma = token.lemma_.lower()
    return lemma in en.REPORTING_VERBS or with_quote and (
        lemma in en.QUOTE_ONLY_VERBS or lemma in en.CHARACTERISING_VERBS)


def _make(
    content: Iterable[CharSpan], cue: Token | tuple[Token, Token], source: Token | None,
    confidence: float, rule: str,
) -> Attribution:
    first, last = cue if isinstance(cue, tuple) else (cue, cue)
    return Attribution(
        content=tuple(content),
        cue=(first.idx, last.idx + len(last)),
        cue_lemma=first.lemma_.lower() if first.i == last.i else " ".join(
            t.lower_ for t in first.doc[first.i : last.i + 1]),
        source=_mention_span(source) if source is not None else None,
        source_head=source.i if source is not None else None,
        confidence=confidence if source is not None else confidence - 0.2,
        rule=rule,
    )


def _inside(token: Token, regions: tuple[QuoteRegion, ...]) -> bool:
    return any(r.start < token.idx < r.end for r in regions)


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
        if coordinated and any(c.dep_ in _SUBJECTS for c in clause.children) and not any(
            c.dep_ == "mark" for c in clause.children
        ):
            break
        kept.append(clause)
    if not kept:
        kept = [c for c in token.rights if c.dep_ == "advcl" and c.pos_ in ("VERB", "AUX")
                and not any(g.dep_ in ("mark", "advmod") and g.lower_ != "that"
                            for g in c.children if g.i < c.i)
                and any(g.dep_ in _SUBJECTS for g in c.children)]
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


def _verb_complements(doc: Doc, regions: tuple[QuoteRegion, ...]) -> Iterator[Attribution]:
    """X said (that) …; '…,' he added; … , officials say. Not inside quotations: those nest."""
    for token in doc:
        if not _is_cue(token, with_quote=False) or _inside(token, regions):
            continue
        complements = _complements(token)
        if not complements:
            if (fragments := _parenthetical(token)):
                yield _make(fragments, token, _source_of(token, regions), 0.8, "verb-parenthetical")
            continue
        low, high = _paragraph(doc, token.idx)
        span = _trim(doc, max(low, min(_subtree_span(c)[0] for c in complements)),
                     min(high, max(_subtree_span(c)[1] for c in complements)))
        if span is None or span[0] <= token.idx < span[1]:
            continue
        yield _make([span], token, _source_of(token, regions), 0.85, "verb-complement")


def _source_prepositions(doc: Doc, regions: tuple[QuoteRegion, ...]) -> Iterator[Attribution]:
    """According to X, …: the clause minus the prepositional phrase."""
    for token in doc:
        if _inside(token, regions):
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
                yield _make(fragments, (token, last), objects[0], 0.8, "source-preposition")


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
    return [span for s, e in runs if (span := _trim(doc, s, e)) and len(text_of(doc)[s:e].strip()) > 1]


def _overlap(a: CharSpan, b: CharSpan) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _only_marks(text: str) -> bool:
    return all(c.isspace() or not c.isalnum() for c in text)


def _snap_to_quotes(doc: Doc, att: Attribution, regions: tuple[QuoteRegion, ...]) -> Attribution:
    """Widen content that cuts a quotation at one end, so a multi-sentence quote stays whole."""
    fragments = []
    for start, end in att.content:
        for region in regions:
            if not _overlap((start, end), (region.start, region.end)):
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


def _sentence_cue(sentence: SpacySpan, region: QuoteRegion,
                  regions: tuple[QuoteRegion, ...]) -> Token | None:
    """The cue verb of a sentence nearest to a quotation, outside every quotation."""
    inside = [(r.start, r.end) for r in regions]
    candidates = [
        t for t in sentence
        if _is_cue(t, with_quote=True) and not any(s <= t.idx < e for s, e in inside)
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
    if cue.idx >= region.start or _source_of(cue) is None:
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
            return _trim(doc, start, max(region.end, doc[high].idx + len(doc[high])))
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


def _quoted_regions(doc: Doc, regions: tuple[QuoteRegion, ...],
                    found: list[Attribution]) -> Iterator[Attribution]:
    """Quotations no verb rule claimed: a cue in their sentence, a dash credit, or continuation."""
    for region in regions:
        span = (region.start, region.end)
        if any(_overlap(span, c) * 2 > span[1] - span[0] for a in found for c in a.content):
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
            yield _make([governed], cue, _source_of(cue), 0.75, "quote-object")
        elif cue is not None and (words >= 4 or _near_cue(doc, cue, region)):
            yield _make([span], cue, _source_of(cue, regions), 0.75, "quote-cue")
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


def _join_quotes(doc: Doc, atts: list[Attribution]) -> list[Attribution]:
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


def _without_credits(doc: Doc, att: Attribution, credits: list[Attribution]) -> Attribution:
    """Cut a trailing credit from what was said: "… is prohibited, as per the New York Post"."""
    fragments = []
    for start, end in att.content:
        for credit in credits:
            cue, source = credit.cue, credit.source
            if cue and source and start < cue[0] and source[1] >= end - 1 and cue[0] < end:
                end = cue[0]
        if (span := _trim(doc, start, end)) is not None:
            fragments.append(span)
    return replace(att, content=tuple(fragments)) if fragments else att


def find_attributions(doc: Doc, regions: tuple[QuoteRegion, ...]) -> tuple[Attribution, ...]:
    """Every attribution relation in the parsed article, ordered by position."""
    credits = [_snap_to_quotes(doc, a, regions) for a in _source_prepositions(doc, regions)]
    found = [_without_credits(doc, _snap_to_quotes(doc, a, regions), credits)
             for a in _verb_complements(doc, regions)]
    found += credits
    found.sort(key=lambda a: a.content[0])
    found += list(_quoted_regions(doc, regions, found))
    found.sort(key=lambda a: a.content[0])
    return tuple(_join_quotes(doc, found))
