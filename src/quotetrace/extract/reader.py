"""Each cue's source and content, read by a transformer encoder that sees the cue marked.

A MiniLM encoder fine-tuned on PolNeAR train by ``python -m training.attrib_reader`` reads the
cue's sentence and its neighbours (up to ``BUDGET`` word pieces) with marker pieces around the
cue, and tags every word O / B-CON / I-CON / B-SRC / I-SRC for *that* cue. One pass per cue:
conditioning on the cue keeps relations apart and returns a split quotation's fragments as one
relation. Inference needs onnxruntime and tokenizers only; the shipped model is int8.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
from spacy.attrs import IDX, IS_PUNCT  # type: ignore[import-not-found]
from spacy.tokens import Doc

from quotetrace.extract import sentence_bounds, text_of
from quotetrace.extract.encoder import Pieces, doc_pieces, open_model, softmax
from quotetrace.extract.quotemarks import opens_at
from quotetrace.extract.relation import Attribution

MODEL_FILE = "attrib-relation-encoder.onnx"
ROLES = ("O", "B-CON", "I-CON", "B-SRC", "I-SRC")
BUDGET = 128  # word pieces per input, specials and markers included
OPEN, CLOSE = "[unused0]", "[unused1]"  # the markers around the cue


@dataclass(frozen=True, slots=True)
class Context:
    """One input: the doc tokens it tags, its piece ids, each token's first piece."""

    words: tuple[int, ...]
    ids: tuple[int, ...]
    firsts: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Contexts:
    """A document's words as pieces and sentences, to cut a context around any cue."""

    pieces: Pieces
    sentences: tuple[tuple[int, ...], ...]
    sizes: tuple[int, ...]  # pieces per sentence
    sentence_of: dict[int, int]
    special: dict[str, int]

    @classmethod
    def of(cls, doc: Doc, tokenizer: Any, pieces: Pieces | None = None) -> Contexts:
        pieces = pieces if pieces is not None else doc_pieces(doc, tokenizer)
        sentences = tuple(tuple(i for i in range(low, high) if i in pieces)
                          for low, high in sentence_bounds(doc))
        sizes = tuple(sum(len(pieces[i]) for i in s) for s in sentences)
        sentence_of = {i: k for k, s in enumerate(sentences) for i in s}
        special = {name: tokenizer.token_to_id(name) for name in ("[CLS]", "[SEP]", OPEN, CLOSE)}
        return cls(pieces, sentences, sizes, sentence_of, special)

    @staticmethod
    def _grow(sizes: Sequence[int], at: int, budget: int) -> tuple[int, int]:
        """The widest range of units (of these sizes) around ``at`` within the budget, growing
        forward first."""
        low, high = at, at + 1
        used = sizes[at]
        grown = True
        while grown:
            grown = False
            if high < len(sizes) and used + sizes[high] <= budget:
                used += sizes[high]
                high += 1
                grown = True
            if low > 0 and used + sizes[low - 1] <= budget:
                low -= 1
                used += sizes[low]
                grown = True
        return low, high

    def words_around(self, cue: tuple[int, int]) -> tuple[tuple[int, ...], int, int] | None:
        """The words of the cue's context: its sentence and its neighbours (the words around
        the cue when the sentence alone is too long); with the cue's first and last word in
        it. None for a cue of space tokens only."""
        cue_words = [i for i in range(*cue) if i in self.pieces]
        if not cue_words:
            return None
        budget = BUDGET - 4
        k = self.sentence_of[cue_words[0]]
        if self.sizes[k] <= budget:
            low, high = self._grow(self.sizes, k, budget)
            words = [i for s in self.sentences[low:high] for i in s]
        else:
            sentence = self.sentences[k]
            at = sentence.index(cue_words[0])
            low, high = self._grow([len(self.pieces[i]) for i in sentence], at, budget)
            words = list(sentence[low:high])
        last = max(i for i in cue_words if i in words)  # a cue may run past a cut sentence
        return tuple(words), cue_words[0], last

    def around(self, cue: tuple[int, int]) -> Context | None:
        """The words of ``words_around``, the cue between markers, as one input."""
        found = self.words_around(cue)
        if found is None:
            return None
        words, first_cue, last = found
        ids = [self.special["[CLS]"]]
        firsts = []
        for i in words:
            if i == first_cue:
                ids.append(self.special[OPEN])
            firsts.append(len(ids))
            ids.extend(self.pieces[i])
            if i == last:
                ids.append(self.special[CLOSE])
        ids.append(self.special["[SEP]"])
        return Context(words, tuple(ids), tuple(firsts))


def word_runs(mask: np.ndarray, punct: np.ndarray | None = None) -> list[tuple[int, int]]:
    """Ranges of consecutive context positions where the boolean ``mask`` holds; with
    ``punct``, runs lose the punctuation they start with (runs of punctuation alone vanish)."""
    bounded = np.zeros(len(mask) + 2, dtype=bool)
    bounded[1:-1] = mask
    edges = np.flatnonzero(bounded[1:] != bounded[:-1]).tolist()  # np.diff: thrice as slow
    out = []
    for low, high in zip(edges[::2], edges[1::2], strict=True):
        while punct is not None and low < high and punct[low]:
            low += 1
        if low < high:
            out.append((low, high))
    return out


def filled(mask: np.ndarray, barrier: np.ndarray, gap: int) -> np.ndarray:
    """``mask`` with its holes of at most ``gap`` words closed, unless a hole holds a
    ``barrier`` word (the cue, a source word): a split quotation's fragments stay apart."""
    out = mask.copy()
    on = np.flatnonzero(mask)
    for left, right in pairwise(on):
        if 1 < right - left <= gap + 1 and not barrier[left + 1 : right].any():
            out[left + 1 : right] = True
    return out


def strongest(runs: Sequence[tuple[int, int]], probability: np.ndarray, strong: float
              ) -> list[tuple[int, int]]:
    """The runs (position ranges) holding a word of at least ``strong`` probability; the
    likeliest run when none does (none when there are no runs)."""
    kept = [run for run in runs if float(probability[run[0] : run[1]].max()) >= strong]
    best = likeliest(runs, probability)
    return kept or ([best] if best else [])


def likeliest(runs: Sequence[tuple[int, int]], probability: np.ndarray
              ) -> tuple[int, int] | None:
    """The run (position range) holding the most probable word: a better source than the run
    nearest the cue (training/README.md, session 5)."""
    return max(runs, key=lambda run: float(probability[run[0] : run[1]].max()), default=None)


def _span(doc: Doc, start: int, end: int) -> tuple[int, int]:
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])


@dataclass(frozen=True, slots=True)
class RelationEncoder:
    """The opened ONNX session and tokenizer of the cue-marked reader."""

    session: Any
    tokenizer: Any

    @classmethod
    def load(cls, folder: Path | None = None) -> RelationEncoder:
        return cls(*open_model(folder, MODEL_FILE))

    def roles(self, context: Context) -> np.ndarray:
        """Role probabilities (``ROLES`` order) of each context word."""
        ids = np.array([context.ids], dtype=np.int64)
        (logits,) = self.session.run(None, {"input_ids": ids,
                                            "attention_mask": np.ones_like(ids)})
        return softmax(logits[0, list(context.firsts)])

    def read(self, doc: Doc, cues: Sequence[tuple[int, int]], producer: str,
             pieces: Pieces | None = None) -> tuple[Attribution, ...]:
        """The relation of each cue (token ranges) whose content the encoder finds, ordered by
        content (decoded by ``Decoder``)."""
        contexts = Contexts.of(doc, self.tokenizer, pieces)
        decode = Decoder.of(doc, producer)
        found = []
        for cue in cues:
            context = contexts.around(cue)
            if context is None:
                continue
            relation = decode(cue, context.words, self.roles(context))
            if relation is not None:
                found.append(relation)
        found.sort(key=lambda a: a.content[0])
        return tuple(found)


@dataclass(frozen=True, slots=True)
class Decoder:
    """Turns one cue's role probabilities over its context words into a relation."""

    doc: Doc
    producer: str
    punct: np.ndarray  # by token: a run may not start with it
    symbols: np.ndarray  # by token: punctuation; a run of nothing else is dropped
    gap: int = 0  # content holes of up to this many words are closed (see ``filled``)
    strong: float = 0.0  # content runs must hold a word this probable (see ``strongest``)
    source_floor: float = 0.0  # without a source run, words this probable as source make one

    @classmethod
    def of(cls, doc: Doc, producer: str, gap: int = 0, strong: float = 0.0,
           source_floor: float = 0.0) -> Decoder:
        """A document's decoder; runs may start with no punctuation but the marks opening a
        quotation."""
        text = text_of(doc)
        columns = doc.to_array([IS_PUNCT, IDX])
        symbols = columns[:, 0].astype(bool)
        punct = symbols.copy()
        for i in np.flatnonzero(punct).tolist():
            punct[i] = not opens_at(text, int(columns[i, 1]))
        return cls(doc, producer, punct, symbols, gap, strong, source_floor)

    def __call__(self, cue: tuple[int, int], words: Sequence[int], probs: np.ndarray
                 ) -> Attribution | None:
        """The relation of ``cue`` (a token range), ``probs`` holding the ``ROLES``
        probabilities of each of ``words``; None when no content is found. The source is the
        likeliest source run; without one, and with ``source_floor``, the likeliest run of
        words that probable as source."""
        tokens = np.asarray(words, dtype=np.intp)
        punct, symbols = self.punct[tokens], self.symbols[tokens]

        def runs(mask: np.ndarray) -> list[tuple[int, int]]:
            """``word_runs``, less the runs of punctuation alone (a lone opening mark)."""
            return [(low, high) for low, high in word_runs(mask, punct)
                    if not symbols[low:high].all()]

        role = probs.argmax(axis=1)
        content_words = (role == 1) | (role == 2)
        if self.gap:
            barrier = (role >= 3) | ((tokens >= cue[0]) & (tokens < cue[1]))
            content_words = filled(content_words, barrier, self.gap)
        content = runs(content_words)
        if self.strong:
            content = strongest(content, probs[:, 1] + probs[:, 2], self.strong)
        if not content:
            return None
        source_probability = probs[:, 3] + probs[:, 4]
        sources = runs((role == 3) | (role == 4))
        if not sources and self.source_floor:
            sources = runs(source_probability >= self.source_floor)
        best = likeliest(sources, source_probability)
        source = (words[best[0]], words[best[1] - 1] + 1) if best else None
        doc = self.doc
        return Attribution(
            content=tuple(_span(doc, words[low], words[high - 1] + 1) for low, high in content),
            cue=_span(doc, *cue),
            cue_lemma=" ".join(t.lemma_.lower() or t.lower_ for t in doc[cue[0] : cue[1]]),
            source=_span(doc, *source) if source else None,
            source_head=doc[source[0] : source[1]].root.i if source else None,
            confidence=round(float(probs.max(axis=1)[role > 0].mean()), 3), rule=self.producer)
