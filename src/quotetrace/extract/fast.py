"""Fast mode's attributions: one small tagger (convolutions and GRUs) reads cues and relations.

``python -m training.attrib_fast`` trains it on PolNeAR train, distilled from the accurate mode's
transformers. Two calls per document: the first reads the cue encoder's windows of whole
sentences (``encoder.windows``) with embeddings, whether each piece is inside quotation marks,
convolutions and a bidirectional GRU, and tags each word O / B-CUE / I-CUE; the second reads,
from the first call's features, each cue's context (the relation reader's,
``reader.Contexts``) with a GRU told where the cue is, and tags each word O / B-CON / I-CON /
B-SRC / I-SRC. The input is spaCy's blank tokenizer and
sentencizer: no parse, no transformer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from spacy.attrs import IDX  # type: ignore[import-not-found]
from spacy.tokens import Doc

from quotetrace.extract import text_of
from quotetrace.extract.encoder import (
    FLOOR,
    THRESHOLD,
    Pieces,
    doc_pieces,
    hysteresis,
    open_model,
    pad,
    require,
    softmax,
    windows,
)
from quotetrace.extract.merge import combine
from quotetrace.extract.quotemarks import QuoteRegion
from quotetrace.extract.reader import Contexts, Decoder
from quotetrace.extract.relation import Attribution, turn_relations

CUE_FILE = "attrib-cue-fast.onnx"
READER_FILE = "attrib-relation-fast.onnx"
PRODUCER = "document-tagger.v1"
# A convolutional reader scatters a content over several runs (holes, stray words far off):
# close holes of up to GAP words and keep the runs holding a word at STRONG content probability
# (chosen for the first fast taggers; training/README.md).
GAP, STRONG = 8, 0.9
# Without a source run, words at this source probability make one (dev source accuracy of the
# shipped document tagger 0.904 → 0.907, the same at 0.2). The transformer reader gains nothing
# from it (0.910 → 0.909).
SOURCE_FLOOR = 0.1
# Rows per call: a long document (a live blog) in one batch took memory in proportion to its
# length, about 1.4 GB a megabyte of text; in batches only the trunk's features (64 floats a
# piece) grow with it: 865 MB at 943,000 characters (benchmarks/long_article.py). A PolNeAR
# article has about 5 windows and 26 cues: one call each.
WINDOW_BATCH, CUE_BATCH = 64, 128


def check(folder: Path | None = None) -> None:
    """Raise ModelMissing when a fast model or its runtime is not installed."""
    for name in (CUE_FILE, READER_FILE):
        require(folder, name)


def _layout(pieces: Pieces) -> tuple[np.ndarray, np.ndarray]:
    """The tokens that have pieces, in order, and how many pieces each has."""
    count = len(pieces)
    return (np.fromiter(pieces, dtype=np.int64, count=count),
            np.fromiter(map(len, pieces.values()), dtype=np.int64, count=count))


@dataclass(frozen=True, slots=True)
class Rows:
    """Each cue's context in a document's pieces (those of its non-space tokens, in order): what
    the second call reads."""

    spans: np.ndarray  # (rows, 2) each context's pieces, [start, end)
    cues: np.ndarray  # (rows, 2) each cue's pieces within its context
    words: tuple[tuple[int, ...], ...]  # each context's words (token indices)
    firsts: tuple[np.ndarray, ...]  # each context word's first piece, from the context's start
    read: tuple[int, ...]  # the cue each row reads (a cue of space tokens has no row)

    @classmethod
    def of(cls, contexts: Contexts, cues: Sequence[tuple[int, int]]) -> Rows:
        tokens, sizes = _layout(contexts.pieces)
        first = np.zeros(int(tokens[-1]) + 1 if len(tokens) else 0, dtype=np.int64)
        first[tokens] = np.cumsum(sizes) - sizes
        ends = first.copy()
        ends[tokens] += sizes
        spans, marked, words, firsts, read = [], [], [], [], []
        for k, cue in enumerate(cues):
            found = contexts.words_around(cue)
            if found is None:
                continue
            context, cue_start, cue_last = found
            at = first[np.asarray(context)]
            spans.append((int(at[0]), int(ends[context[-1]])))
            marked.append((int(first[cue_start]), int(ends[cue_last])))
            words.append(context)
            firsts.append(at - at[0])
            read.append(k)
        shape = (len(spans), 2)
        return cls(np.array(spans, dtype=np.int64).reshape(shape),
                   np.array(marked, dtype=np.int64).reshape(shape), tuple(words), tuple(firsts),
                   tuple(read))


def quotation_states(doc: Doc, regions: Sequence[QuoteRegion], pieces: Pieces) -> np.ndarray:
    """The quotation state of each piece, in order: 0 outside quotation marks, 1 inside double
    marks, 2 inside single ones (``quotemarks.find_quote_regions``'s regions)."""
    state = np.zeros(len(text_of(doc)) + 1, dtype=np.int64)
    for region in regions:
        state[region.start : region.end] = 1 if region.level == "double" else 2
    tokens, sizes = _layout(pieces)
    return np.repeat(state[doc.to_array(IDX)[tokens]], sizes)


@dataclass(frozen=True, slots=True)
class Reading:
    """A document after the first call: its contexts, its windows' features, the index putting
    its pieces in order (positions in the flattened windows) and each word's cue
    probabilities (``encoder.LABELS`` order)."""

    contexts: Contexts
    features: np.ndarray
    index: np.ndarray
    cue_probabilities: dict[int, np.ndarray]


def _batches(count: int, size: int) -> list[slice]:
    return [slice(start, start + size) for start in range(0, count, size)]


@dataclass(frozen=True, slots=True)
class FastTagger:
    """The opened tagger: its two graphs and the tokenizer; a cue is found as the cue encoder
    finds one (``encoder.hysteresis``)."""

    trunk: Any  # windows → cue logits and features
    reader: Any  # features and rows → role logits
    tokenizer: Any
    threshold: float = THRESHOLD
    floor: float = FLOOR

    @classmethod
    def load(cls, folder: Path | None = None) -> FastTagger:
        trunk, tokenizer = open_model(folder, CUE_FILE)
        return cls(trunk, open_model(folder, READER_FILE)[0], tokenizer)

    def reading(self, doc: Doc, regions: Sequence[QuoteRegion], pieces: Pieces | None = None
                ) -> Reading:
        """The first call, over the document's windows in batches of ``WINDOW_BATCH`` (each row
        is read as if alone: its GRU runs backwards from its own end)."""
        pieces = pieces if pieces is not None else doc_pieces(doc, self.tokenizer)
        contexts = Contexts.of(doc, self.tokenizer, pieces)
        found = list(windows(doc, self.tokenizer, pieces=pieces))
        if not found:
            return Reading(contexts, np.zeros((0, 0, 0), dtype=np.float32),
                           np.zeros(0, dtype=np.int64), {})
        ids, mask = pad(found)
        width = ids.shape[1]
        index = np.concatenate([row * width + np.arange(1, len(w.ids) - 1)
                                for row, w in enumerate(found)])
        states = np.zeros(ids.size, dtype=np.int64)
        states[index] = quotation_states(doc, regions, pieces)
        quoted = states.reshape(ids.shape)
        outputs = [self.trunk.run(None, {"input_ids": ids[rows], "attention_mask": mask[rows],
                                         "quoted": quoted[rows]})
                   for rows in _batches(len(found), WINDOW_BATCH)]
        logits = np.concatenate([batch[0] for batch in outputs])
        features = np.concatenate([batch[1] for batch in outputs])
        probabilities: dict[int, np.ndarray] = {}
        for row, window in enumerate(found):
            probabilities.update(zip(window.tokens, softmax(logits[row, list(window.firsts)]),
                                     strict=True))
        return Reading(contexts, features, index, probabilities)

    def cues(self, doc: Doc, reading: Reading) -> list[tuple[int, int]]:
        """Token ranges of the cues."""
        return hysteresis(doc, reading.cue_probabilities, self.threshold, self.floor)

    def read(self, doc: Doc, reading: Reading, cues: Sequence[tuple[int, int]], producer: str
             ) -> tuple[Attribution, ...]:
        """The second call, in batches of ``CUE_BATCH`` cues: the relation of each cue (token
        ranges) whose content is found, ordered by content; decoded as the transformer reader's
        output is (``reader.Decoder``)."""
        rows = Rows.of(reading.contexts, cues)
        decode = Decoder.of(doc, producer, GAP, STRONG, SOURCE_FLOOR)
        found = []
        for batch in _batches(len(rows.read), CUE_BATCH):
            (logits,) = self.reader.run(None, {
                "features": reading.features, "index": reading.index,
                "spans": rows.spans[batch], "cues": rows.cues[batch]})
            found += [decode(cues[rows.read[k]], rows.words[k],
                             softmax(logits[row, rows.firsts[k]]))
                      for row, k in enumerate(range(len(rows.read))[batch])]
        return tuple(sorted((a for a in found if a is not None), key=lambda a: a.content[0]))

    def attributions(self, doc: Doc, regions: Sequence[QuoteRegion]
                     ) -> tuple[Attribution, ...]:
        """The relations found, one per content (the most confident), ordered by content, a
        transcript's turns (``turns``) instead of those on their contents; ``regions`` are the
        text's quotations (``quotemarks.find_quote_regions``)."""
        reading = self.reading(doc, regions)
        return combine(self.read(doc, reading, self.cues(doc, reading), PRODUCER),
                       turn_relations(doc))
