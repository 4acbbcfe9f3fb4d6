"""Learned attribution relations: a CRF tags cues, then a second CRF tags each cue's source and content.

Two linear-chain CRFs (crfsuite) trained on PolNeAR by ``python -m training.attrib_crf``. The first
reads each sentence and marks cue words ("said", "according to", "believes"); the second reads the
cue's paragraph once per cue, with features saying where each token stands relative to that cue
(side, distance, dependency path, quotation), and marks the source mention and the content
fragments. Conditioning on the cue keeps relations apart without a grouping heuristic: split
quotations come out as several content fragments of one relation.

Accurate mode replaces both with transformer encoders (``AttributionModel.load_accurate``): the
cue encoder of ``extract/encoder.py`` finds the cues and the cue-marked reader of
``extract/reader.py`` reads each cue's source and content. The CRFs stay as the trained baseline
(``python -m training.attrib_crf``), loaded from a folder.

Features come from a parse (``parsed=True``: lemma, POS, dependencies) or, for the fast models,
from the tokenizer alone, so the same code serves both.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Token

from quotetrace.errors import ModelMissing
from quotetrace.extract import text_of
from quotetrace.extract.attributions import Attribution, CharSpan
from quotetrace.extract.encoder import CueEncoder, doc_pieces
from quotetrace.extract.patterns import en
from quotetrace.extract.quotemarks import QuoteRegion
from quotetrace.extract.reader import RelationEncoder

PRODUCER = "tagger.crf.v1"
ENCODER_PRODUCER = "cue-encoder.v1"
READER_PRODUCER = "relation-encoder.v1"
CUE_FILE = "attrib-cue-{kind}.crfsuite"
RELATION_FILE = "attrib-relation-{kind}.crfsuite"
_SUFFIXES = ("", "s", "es", "d", "ed", "ing", "ied", "ies")
_DISTANCES = (0, 1, 2, 3, 5, 8, 12, 20, 40)
DEFAULT_CUE_THRESHOLD = 1.0


def _stem_in(word: str, lexicon: frozenset[str]) -> bool:
    """Whether an inflected form belongs to a lemma lexicon, without a lemmatiser."""
    for suffix in _SUFFIXES:
        if suffix and not word.endswith(suffix):
            continue
        base = word[: len(word) - len(suffix)] if suffix else word
        if base in lexicon or base + "e" in lexicon or suffix in ("ied", "ies") and (
            base + "y" in lexicon
        ):
            return True
    return word in ("said", "told", "thought", "wrote", "felt", "knew", "found", "spoke")


def _shape(text: str) -> str:
    if text.isupper() and len(text) > 1:
        return "AA"
    if text[:1].isupper():
        return "Aa"
    if text.isdigit():
        return "0"
    return "a" if text.isalpha() else "."


def _bucket(distance: int) -> int:
    return next((d for d in _DISTANCES if distance <= d), 99)


@dataclass(frozen=True, slots=True)
class TokenView:
    """Per-token facts of one document that both CRFs read, computed once."""

    doc: Doc
    parsed: bool
    base: tuple[tuple[str, ...], ...]
    relation_base: tuple[tuple[str, ...], ...]  # the part of ``base`` the relation CRF reads
    words: tuple[str, ...]
    quoted: tuple[int, ...]  # index of the quotation region holding the token, or -1
    paragraphs: tuple[int, ...]  # paragraph number of each token
    sentences: tuple[int, ...]  # sentence number of each token


def _quoted(starts: Sequence[int], regions: Sequence[QuoteRegion]) -> tuple[int, ...]:
    firsts = [r.start for r in regions]
    out = []
    for idx in starts:
        k = bisect.bisect_right(firsts, idx) - 1
        out.append(k if k >= 0 and idx < regions[k].end else -1)
    return tuple(out)


def _token_base(token: Token, word: str, parsed: bool, quoted: int,
                lexical: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    feats = ["w=" + word, "sh=" + _shape(token.text), "s3=" + word[-3:], f"q={int(quoted >= 0)}"]
    if parsed:
        lemma = token.lemma_.lower()
        feats += ["l=" + lemma, "p=" + token.pos_, "t=" + token.tag_, "d=" + token.dep_,
                  "hl=" + token.head.lemma_.lower(), "hp=" + token.head.pos_,
                  "hd=" + token.dep_ + "|" + token.head.pos_]
        feats += ["c=" + c.dep_ for c in token.children if c.dep_ in _CHILD_DEPS]
    key = lemma if parsed else word
    if key not in lexical:
        lexical[key] = _lexicon_features(key, parsed)
    return (*feats, *lexical[key])


def _lexicon_features(key: str, parsed: bool) -> tuple[str, ...]:
    """Whether a lemma (or, unparsed, a word form) is a reporting or characterising verb."""
    found = []
    for name, lexicon in (("rv", en.REPORTING_VERBS), ("cv", en.CHARACTERISING_VERBS)):
        if (key in lexicon) if parsed else _stem_in(key, lexicon):
            found.append(name)
    return tuple(found)


_CHILD_DEPS = frozenset(["ccomp", "nsubj", "nsubjpass", "dobj", "xcomp", "advcl", "mark",
                         "agent", "pobj", "prep", "dative", "parataxis"])
_CUE_ONLY = ("s3=", "t=", "hd=")


def view(doc: Doc, regions: Sequence[QuoteRegion], parsed: bool) -> TokenView:
    """The per-token facts of a document."""
    tokens = list(doc)
    starts = [t.idx for t in tokens]
    quoted = _quoted(starts, regions)
    words = tuple(t.lower_ for t in tokens)
    lexical: dict[str, tuple[str, ...]] = {}
    base = tuple(_token_base(t, words[k], parsed, quoted[k], lexical)
                 for k, t in enumerate(tokens))
    relation_base = tuple(tuple(f for f in row if not f.startswith(_CUE_ONLY)) for row in base)
    newlines = [i for i, c in enumerate(text_of(doc)) if c == "\n"]
    paragraphs = tuple(bisect.bisect_right(newlines, idx) for idx in starts)
    sentences = [0] * len(doc)
    for k, sent in enumerate(doc.sents):
        sentences[sent.start : sent.end] = [k] * (sent.end - sent.start)
    return TokenView(doc, parsed, base, relation_base, words, quoted, paragraphs,
                     tuple(sentences))


def _clause_facts(token: Token) -> list[str]:
    """What a cue candidate governs: a reported clause, its subject's kind, a nearby quotation."""
    facts = []
    for child in token.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            kind = child.ent_type_ or ("PRON" if child.pos_ == "PRON" else child.pos_)
            facts.append("subj=" + kind)
        elif child.dep_ == "ccomp":
            marks = [g.lower_ for g in child.children if g.dep_ == "mark"]
            facts.append("ccomp=" + (marks[0] if marks else "-"))
            facts.append("lc=" + token.lemma_.lower() + "|ccomp")
    return facts


def cue_features(v: TokenView, start: int, end: int) -> list[list[str]]:
    """Features for tagging cues in the tokens ``[start, end)`` (one sentence)."""
    rows = []
    sentence_quoted = any(v.quoted[i] >= 0 for i in range(start, end))
    for i in range(start, end):
        row = list(v.base[i])
        for offset in (-2, -1, 1, 2):
            j = i + offset
            word = v.words[j] if start <= j < end else "<s>"
            row.append(f"w{offset}={word}")
            if abs(offset) == 1 and start <= j < end:
                row += [f"{offset}:{f}" for f in v.base[j][:4] if not f.startswith("w=")]
                row += [f"{offset}:{f}" for f in v.base[j] if f in ("rv", "cv")]
        row.append(f"pos={_bucket(i - start)}")
        row.append(f"sq={sentence_quoted}")
        near = {v.quoted[j] for j in range(max(start, i - 3), min(end, i + 4))} - {-1}
        if v.quoted[i] < 0 and near:
            row.append("qnear")
        if v.quoted[i] >= 0 and (i == start or v.quoted[i - 1] != v.quoted[i]):
            row.append("qopen")
        if v.parsed:
            row += _clause_facts(v.doc[i])
        if v.words[i] == ":" and i > start and v.doc[i - 1].text.isupper():
            row.append("speaker-colon")
        rows.append(row)
    return rows


def paragraph_bounds(v: TokenView, token: int) -> tuple[int, int]:
    """Token range of the paragraph holding a token."""
    number = v.paragraphs[token]
    start = bisect.bisect_left(v.paragraphs, number)
    return start, bisect.bisect_right(v.paragraphs, number)


def _path(v: TokenView, token: Token, cue: Token) -> str:
    """How a token hangs from the cue in the parse: below it, above it, or beside it."""
    if token.i == cue.i:
        return "self"
    child = token
    for ancestor in token.ancestors:
        if ancestor.i == cue.i:
            return "sub:" + child.dep_
        child = ancestor
    if cue.is_ancestor(token) is False and token.is_ancestor(cue):
        return "anc"
    head = cue.head
    if head.i != cue.i and head.is_ancestor(token):
        return "sib:" + _branch(token, head).dep_
    return "none"


def _branch(token: Token, top: Token) -> Token:
    child = token
    for ancestor in token.ancestors:
        if ancestor.i == top.i:
            return child
        child = ancestor
    return token


def relation_features(v: TokenView, cue: tuple[int, int], others: Sequence[int],
                      start: int, end: int) -> list[list[str]]:
    """Features for tagging the source and content of the cue ``[cue0, cue1)`` in a paragraph."""
    doc = v.doc
    first, last = cue
    root = doc[first]
    if v.parsed:
        root = next((doc[i] for i in range(first, last) if not first <= doc[i].head.i < last),
                    root)
    cue_word = root.lemma_.lower() if v.parsed else v.words[first]
    others = sorted(others)
    cue_quote = {v.quoted[j] for j in range(max(start, first - 3), min(end, last + 3))} - {-1}
    rows = []
    for i in range(start, end):
        side = "L" if i < first else "C" if i < last else "R"
        distance = first - i if i < first else i - last + 1 if i >= last else 0
        low, high = (i, first) if i < first else (first, max(i, last))
        between = bisect.bisect_left(others, high) > bisect.bisect_right(others, low)
        row = list(v.relation_base[i])
        row += [f"side={side}", f"dist={side}{_bucket(distance)}", f"cue={cue_word}",
                f"cueside={cue_word}|{side}", f"sent={v.sentences[i] == v.sentences[first]}",
                f"ob={between}", f"qs={side}|{v.quoted[i] >= 0}|{between}",
                f"qc={v.quoted[i] in cue_quote}" if v.quoted[i] >= 0 else "qc=-"]
        for offset in (-1, 1):
            j = i + offset
            row.append(f"w{offset}={v.words[j] if start <= j < end else '<p>'}")
        if v.parsed:
            path = _path(v, doc[i], root)
            row += [f"path={path}", f"pside={path}|{side}", f"cd={root.dep_}",
                    f"pcue={path}|{cue_word}"]
        rows.append(row)
    return rows


def runs(labels: Sequence[str], kind: str) -> Iterator[tuple[int, int]]:
    """Token ranges ``[start, end)`` tagged ``B-kind I-kind…``."""
    start = None
    for i, label in enumerate([*labels, "O"]):
        if start is not None and label != "I-" + kind:
            yield start, i
            start = None
        if label == "B-" + kind or label == "I-" + kind and start is None:
            start = i


@dataclass(frozen=True, slots=True)
class AttributionModel:
    """The two opened CRFs; ``load()`` opens the ones shipped in the package.

    ``cue_threshold`` below 1 adds tokens whose marginal probability of being a cue reaches it.
    """

    cue_tagger: Any
    relation_tagger: Any
    parsed: bool
    cue_threshold: float = 1.0
    cue_encoder: CueEncoder | None = None  # set: the encoder finds cues instead of the cue CRF
    reader: RelationEncoder | None = None  # set: it reads relations instead of the relation CRF

    @classmethod
    def load(cls, folder: Path, kind: str = "parsed",
             cue_threshold: float = DEFAULT_CUE_THRESHOLD) -> AttributionModel:
        """The two CRFs of a folder (``python -m training.attrib_crf`` writes them; they are
        the trained baseline, not shipped in the package)."""
        paths = [folder / name.format(kind=kind) for name in (CUE_FILE, RELATION_FILE)]
        for path in paths:
            if not path.is_file():
                raise ModelMissing(f"attribution model {path} is missing: train it with "
                                   "python -m training.attrib_crf")
        try:
            import pycrfsuite  # type: ignore[import-untyped]
        except ImportError as err:
            raise ModelMissing("the CRFs need python-crfsuite: "
                               "pip install 'quotetrace[train]'") from err
        taggers = []
        for path in paths:
            taggers.append(pycrfsuite.Tagger())
            taggers[-1].open(str(path))
        return cls(taggers[0], taggers[1], kind == "parsed", cue_threshold)

    @property
    def producer(self) -> str:
        """The ``rule`` its relations carry."""
        cues = PRODUCER if self.cue_encoder is None else ENCODER_PRODUCER
        return f"{cues}+{READER_PRODUCER}" if self.reader is not None else (
            PRODUCER if self.cue_encoder is None else f"{PRODUCER}+{ENCODER_PRODUCER}")

    @classmethod
    def load_accurate(cls, folder: Path | None = None) -> AttributionModel:
        """What accurate mode runs: the shipped cue encoder and relation reader (no CRF)."""
        return cls(None, None, parsed=True, cue_encoder=CueEncoder.load(folder),
                   reader=RelationEncoder.load(folder))

    def with_encoder(self, encoder: CueEncoder) -> AttributionModel:
        """The same CRFs with cues from the transformer encoder."""
        return replace(self, cue_encoder=encoder)


def _span(doc: Doc, start: int, end: int) -> CharSpan:
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


def find_cues(v: TokenView, model: AttributionModel) -> list[tuple[int, int]]:
    """Token ranges of cues, sentence by sentence: the CRF's best path, and any token whose
    marginal probability of being a cue reaches the model's threshold (recall for the second CRF
    to filter). With an encoder, its cues instead."""
    if model.cue_encoder is not None:
        return model.cue_encoder.cues(v.doc)
    tagger = model.cue_tagger
    cues = []
    for sent in v.doc.sents:
        tagger.set(cue_features(v, sent.start, sent.end))
        labels = list(tagger.tag())
        for k, label in enumerate(labels if model.cue_threshold < 1 else ()):
            if label == "O" and tagger.marginal("B-CUE", k) + tagger.marginal(
                "I-CUE", k
            ) >= model.cue_threshold:
                labels[k] = "I-CUE" if k and labels[k - 1] != "O" else "B-CUE"
        cues += [(sent.start + s, sent.start + e) for s, e in runs(labels, "CUE")]
    return cues


def relation_for(v: TokenView, cue: tuple[int, int], others: Sequence[int],
                 model: AttributionModel) -> Attribution | None:
    """The relation the second CRF reads around one cue, or None when it finds no content."""
    start, end = paragraph_bounds(v, cue[0])
    tagger = model.relation_tagger
    labels = tagger.tag(relation_features(v, cue, others, start, end))
    confidence = tagger.probability(labels)
    doc = v.doc
    content = [_span(doc, start + s, start + e) for s, e in runs(labels, "CON")]
    if not content:
        return None
    sources = [(start + s, start + e) for s, e in runs(labels, "SRC")]
    source = min(sources, key=lambda r: abs(r[0] - cue[0])) if sources else None
    head = None
    if source is not None:
        head = doc[source[0] : source[1]].root.i if v.parsed else source[1] - 1
    return Attribution(
        content=tuple(content), cue=_span(doc, *cue),
        cue_lemma=" ".join(t.lemma_.lower() or t.lower_ for t in doc[cue[0] : cue[1]]),
        source=_span(doc, *source) if source else None, source_head=head,
        confidence=round(confidence, 3), rule=model.producer,
    )


def find_learned_attributions(doc: Doc, regions: tuple[QuoteRegion, ...],
                              model: AttributionModel) -> tuple[Attribution, ...]:
    """Every relation the model finds, ordered by position."""
    if model.reader is not None and model.cue_encoder is not None:
        pieces = doc_pieces(doc, model.reader.tokenizer)  # the encoders share their tokenizer
        return model.reader.read(doc, model.cue_encoder.cues(doc, pieces), model.producer,
                                 pieces)
    v = view(doc, regions, model.parsed)
    cues = find_cues(v, model)
    if model.reader is not None:
        return model.reader.read(doc, cues, model.producer)
    starts = [c[0] for c in cues]
    found = []
    for cue in cues:
        relation = relation_for(v, cue, [s for s in starts if s != cue[0]], model)
        if relation is not None:
            found.append(relation)
    found.sort(key=lambda a: a.content[0])
    return tuple(found)
