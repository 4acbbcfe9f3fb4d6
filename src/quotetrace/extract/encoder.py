"""Cue detection by a fine-tuned transformer encoder, run with onnxruntime.

A MiniLM encoder (6 layers, 384 wide) fine-tuned on PolNeAR train by
``python -m training.attrib_encoder`` tags every word B-CUE / I-CUE / O. It reads windows of
whole sentences (up to ``WINDOW`` word pieces), so a cue sees the quotation or clause around it.
Inference needs only onnxruntime and the ``tokenizers`` library, never torch; the shipped model
is int8-quantised.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from spacy.attrs import IDX, IS_SPACE, LENGTH  # type: ignore[import-not-found]
from spacy.tokens import Doc

from quotetrace.errors import ModelMissing
from quotetrace.extract import sentence_bounds, text_of

MODEL_FILE = "attrib-cue-encoder.onnx"
TOKENIZER_FILE = "attrib-encoder.tokenizer.json"
LABELS = ("O", "B-CUE", "I-CUE")
WINDOW = 254  # word pieces per window, [CLS] and [SEP] excluded
MAX_PIECES = 8  # word pieces kept per word (long URLs, numbers)
THRESHOLD, FLOOR = 0.5, 0.3  # cue probability a cue must reach somewhere; its words everywhere
Pieces = dict[int, list[int]]  # word-piece ids of each non-space token, by token index


def softmax(scores: np.ndarray) -> np.ndarray:
    """Probabilities from logits, over the last axis."""
    scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return scores / scores.sum(axis=-1, keepdims=True)


@dataclass(frozen=True, slots=True)
class Window:
    """One encoder input: the doc's token indices it labels and their word-piece ids."""

    tokens: tuple[int, ...]
    ids: tuple[int, ...]
    firsts: tuple[int, ...]  # position of each token's first piece in ``ids`` ([CLS] = 0)


def word_pieces(tokenizer: Any, words: Sequence[str]) -> list[list[int]]:
    """The word-piece ids of each word (at most ``MAX_PIECES``; [UNK] for none), in one call of
    a tokenizer that does not truncate (``open_model``'s)."""
    if not words:
        return []
    encoded = tokenizer.encode(list(words), is_pretokenized=True, add_special_tokens=False)
    pieces: list[list[int]] = [[] for _ in words]
    for piece, word in zip(encoded.ids, encoded.word_ids, strict=True):
        if word is not None and len(pieces[word]) < MAX_PIECES:
            pieces[word].append(piece)
    unknown = tokenizer.token_to_id("[UNK]")
    return [p or [unknown] for p in pieces]


def doc_pieces(doc: Doc, tokenizer: Any) -> Pieces:
    """The word-piece ids of each non-space token, by token index: computed once per doc, they
    serve the cue encoder's windows and the reader's contexts.

    Each token is encoded alone (``word_pieces``), each distinct word once: a PolNeAR article
    of 950 words has about 390 distinct ones, so this takes half the time of one call over the
    whole text mapped back onto the tokens (which gave the same pieces on the 1,008 PolNeAR
    dev and demo articles).
    """
    columns = doc.to_array([IDX, LENGTH, IS_SPACE])  # no Token objects: a third of the time
    words = np.flatnonzero(columns[:, 2] == 0)
    starts = columns[words, 0].tolist()
    text = text_of(doc)
    texts = [text[start : start + length]
             for start, length in zip(starts, columns[words, 1].tolist(), strict=True)]
    distinct = list(dict.fromkeys(texts))
    known = dict(zip(distinct, word_pieces(tokenizer, distinct), strict=True))
    return dict(zip(words.tolist(), (known[t] for t in texts), strict=True))


def windows(doc: Doc, tokenizer: Any, size: int = WINDOW, pieces: Pieces | None = None
            ) -> Iterator[Window]:
    """Consecutive sentences packed into windows of at most ``size`` pieces; a longer sentence
    is cut. Space tokens are skipped (they are never cues)."""
    pieces = pieces if pieces is not None else doc_pieces(doc, tokenizer)
    cls, sep = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    tokens: list[int] = []
    ids: list[int] = [cls]
    firsts: list[int] = []

    def flush() -> Window:
        window = Window(tuple(tokens), (*ids, sep), tuple(firsts))
        tokens.clear()
        firsts.clear()
        del ids[1:]
        return window

    for low, high in sentence_bounds(doc):
        sentence = [i for i in range(low, high) if i in pieces]
        length = sum(len(pieces[i]) for i in sentence)
        if tokens and len(ids) - 1 + length > size:
            yield flush()
        for i in sentence:
            if tokens and len(ids) - 1 + len(pieces[i]) > size:
                yield flush()
            tokens.append(i)
            firsts.append(len(ids))
            ids.extend(pieces[i])
    if tokens:
        yield flush()


def pad(items: Sequence[Window]) -> tuple[np.ndarray, np.ndarray]:
    """``input_ids`` and ``attention_mask`` of windows, padded to the longest."""
    width = max(len(w.ids) for w in items)
    ids = np.zeros((len(items), width), dtype=np.int64)
    mask = np.zeros_like(ids)
    for row, w in enumerate(items):
        ids[row, : len(w.ids)] = w.ids
        mask[row, : len(w.ids)] = 1
    return ids, mask


def runs(doc: Doc, labels: dict[int, str]) -> list[tuple[int, int]]:
    """Token ranges of B-/I- runs over non-space tokens (an I- after O opens a run); a run
    never crosses a sentence start."""
    cues: list[tuple[int, int]] = []
    start = None
    last = -1
    for i in sorted(labels):
        label = labels[i]
        if start is not None and (label != "I-CUE" or doc[i].is_sent_start
                                  or doc[last + 1 : i].text.strip()):
            cues.append((start, last + 1))
            start = None
        if label != "O" and start is None:
            start = i
        last = i
    if start is not None:
        cues.append((start, last + 1))
    return cues


def require(folder: Path | None = None, model_file: str = MODEL_FILE) -> tuple[Path, Path]:
    """A model file and the tokenizer, after checking that they and the runtime are installed
    (without opening them: no onnxruntime thread is started, so a process may still fork)."""
    for module in ("onnxruntime", "tokenizers"):
        if importlib.util.find_spec(module) is None:
            raise ModelMissing(f"the attribution encoders need {module}: "
                               "pip install 'quotetrace[accurate]'")
    base = folder or Path(str(resources.files("quotetrace") / "models"))
    paths = base / model_file, base / TOKENIZER_FILE
    for path in paths:
        if not path.is_file():
            raise ModelMissing(f"attribution encoder {path} is missing: reinstall quotetrace or "
                               "train it (training/README.md)")
    return paths


def open_model(folder: Path | None, model_file: str) -> tuple[Any, Any]:
    """An onnxruntime session on one thread and the tokenizer (no padding, no truncation)."""
    model, vocab = require(folder, model_file)
    import onnxruntime  # type: ignore[import-untyped]
    from tokenizers import Tokenizer

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = 1
    options.inter_op_num_threads = 1
    session = onnxruntime.InferenceSession(str(model), options,
                                           providers=["CPUExecutionProvider"])
    tokenizer = Tokenizer.from_file(str(vocab))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return session, tokenizer


@dataclass(frozen=True, slots=True)
class CueEncoder:
    """The opened ONNX session and tokenizer; a cue is a run of words whose cue probability
    reaches ``floor`` with at least one word reaching ``threshold``."""

    session: Any
    tokenizer: Any
    threshold: float = THRESHOLD
    floor: float = FLOOR

    @classmethod
    def load(cls, folder: Path | None = None, threshold: float = THRESHOLD,
             floor: float = FLOOR) -> CueEncoder:
        return cls(*open_model(folder, MODEL_FILE), threshold, floor)

    def probabilities(self, doc: Doc, pieces: Pieces | None = None) -> dict[int, np.ndarray]:
        """Label probabilities (``LABELS`` order) of every non-space token."""
        out: dict[int, np.ndarray] = {}
        # One window per call: int8 activations are quantised per call, so a batch would make a
        # window's labels depend on its neighbours' lengths (and was slower here: 3.9 vs 5.0/s).
        for window in windows(doc, self.tokenizer, pieces=pieces):
            ids, mask = pad([window])
            (logits,) = self.session.run(None, {"input_ids": ids, "attention_mask": mask})
            out.update(zip(window.tokens, softmax(logits[0, list(window.firsts)]), strict=True))
        return out

    def cues(self, doc: Doc, pieces: Pieces | None = None) -> list[tuple[int, int]]:
        """Token ranges of the cues (see ``hysteresis``)."""
        return hysteresis(doc, self.probabilities(doc, pieces), self.threshold, self.floor)


def hysteresis(doc: Doc, probabilities: dict[int, np.ndarray], threshold: float, floor: float
               ) -> list[tuple[int, int]]:
    """Runs of words whose cue probability (B + I) reaches ``floor`` (``threshold`` when that is
    lower), kept when one of their words reaches ``threshold``: a cue's weaker words ("told
    *reporters*", "according *to*") stay with it, unless the encoder begins a new cue there, and
    no cue is made of weak words alone. Dev figures: training/README.md (session 5).
    """
    low = min(floor, threshold)
    labels = {}
    for i, p in probabilities.items():
        cue = p[1] + p[2] >= low
        labels[i] = "O" if not cue else ("B-CUE" if p[1] >= p[2] else "I-CUE")
    return [(start, end) for start, end in runs(doc, labels)
            if max(float(probabilities[i][1] + probabilities[i][2])
                   for i in range(start, end) if i in probabilities) >= threshold]
