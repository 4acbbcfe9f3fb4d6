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
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Doc

from quotetrace.errors import ModelMissing
from quotetrace.extract.relation import Attribution, token_span

MODEL_FILE = "attrib-cue-encoder.onnx"
TOKENIZER_FILE = "attrib-cue-encoder.tokenizer.json"
PAIR_FILE = "attrib-encoder-pairs.npz"
LABELS = ("O", "B-CUE", "I-CUE")
ROLES = ("O", "B-CON", "I-CON", "B-SRC", "I-SRC")
PAIR_WIDTH = 256
_DISTANCES = (0, 1, 2, 3, 5, 8, 12, 20, 40)
DISTANCE_IDS = 2 * (len(_DISTANCES) + 1) + 1  # left buckets, the cue itself, right buckets
SENTENCE_IDS = 7  # sentence offsets -3..3 from the cue's
WINDOW = 254  # word pieces per window, [CLS] and [SEP] excluded
MAX_PIECES = 8  # word pieces kept per word (long URLs, numbers)


@dataclass(frozen=True, slots=True)
class Window:
    """One encoder input: the doc's token indices it labels and their word-piece ids."""

    tokens: tuple[int, ...]
    ids: tuple[int, ...]
    firsts: tuple[int, ...]  # position of each token's first piece in ``ids`` ([CLS] = 0)


def _pieces(tokenizer: Any, words: Sequence[str]) -> list[list[int]]:
    if not words:
        return []
    encoded = tokenizer.encode_batch([[w] for w in words], is_pretokenized=True,
                                     add_special_tokens=False)
    return [e.ids[:MAX_PIECES] or [tokenizer.token_to_id("[UNK]")] for e in encoded]


def windows(doc: Doc, tokenizer: Any, size: int = WINDOW) -> Iterator[Window]:
    """Consecutive sentences packed into windows of at most ``size`` pieces; a longer sentence
    is cut. Space tokens are skipped (they are never cues)."""
    words = [t for t in doc if not t.is_space]
    pieces = dict(zip((t.i for t in words), _pieces(tokenizer, [t.text for t in words]),
                      strict=True))
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

    for sent in doc.sents:
        sentence = [t.i for t in sent if t.i in pieces]
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


def sentence_numbers(doc: Doc) -> list[int]:
    """The sentence number of every token."""
    numbers = [0] * len(doc)
    for k, sent in enumerate(doc.sents):
        numbers[sent.start : sent.end] = [k] * (sent.end - sent.start)
    return numbers


def _bucket(distance: int) -> int:
    return next((k for k, d in enumerate(_DISTANCES) if distance <= d), len(_DISTANCES))


def pair_features(window: Window, cue: tuple[int, int], sentences: Sequence[int]
                  ) -> tuple[np.ndarray, np.ndarray]:
    """Distance and sentence-offset ids of every window word from a cue (window positions
    ``[start, end)``), as the pair head reads them."""
    start, end = cue
    middle = len(_DISTANCES) + 1
    anchor = sentences[window.tokens[start]]
    dist = np.empty(len(window.tokens), dtype=np.int64)
    sent = np.empty(len(window.tokens), dtype=np.int64)
    for k, token in enumerate(window.tokens):
        if k < start:
            dist[k] = _bucket(start - k)
        elif k < end:
            dist[k] = middle
        else:
            dist[k] = middle + 1 + _bucket(k - end + 1)
        sent[k] = min(3, max(-3, sentences[token] - anchor)) + 3
    return dist, sent


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


def require(folder: Path | None = None) -> tuple[Path, Path]:
    """The model and tokenizer files, after checking that they and the runtime are installed
    (without opening them: no onnxruntime thread is started, so a process may still fork)."""
    for module in ("onnxruntime", "tokenizers"):
        if importlib.util.find_spec(module) is None:
            raise ModelMissing(f"the cue encoder needs {module}: "
                               "pip install 'quotetrace[accurate]'")
    base = folder or Path(str(resources.files("quotetrace") / "models"))
    paths = base / MODEL_FILE, base / TOKENIZER_FILE
    for path in paths:
        if not path.is_file():
            raise ModelMissing(f"cue encoder {path} is missing: reinstall quotetrace or "
                               "train it with python -m training.attrib_encoder")
    return paths


def _linear(weights: dict[str, np.ndarray], name: str, x: np.ndarray) -> np.ndarray:
    out = x @ weights[name + ".weight"].T
    bias = weights.get(name + ".bias")
    return out if bias is None else out + bias


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + np.tanh(0.7978845608 * (x + 0.044715 * x ** 3)))


def _softmax(x: np.ndarray) -> np.ndarray:
    x = np.exp(x - x.max(axis=-1, keepdims=True))
    return x / x.sum(axis=-1, keepdims=True)


def _word_runs(mask: np.ndarray, tokens: Sequence[int]) -> list[tuple[int, int]]:
    """Token ranges of consecutive window words where ``mask`` holds."""
    out = []
    start = None
    for k, on in enumerate([*mask.tolist(), False]):
        if on and start is None:
            start = k
        elif not on and start is not None:
            out.append((tokens[start], tokens[k - 1] + 1))
            start = None
    return out


CONTENT_P = 0.5
GAP = 1000
QUOTES = frozenset("\"'“”‘’«»")


def _content(probs: np.ndarray, cue: tuple[int, int], punct: Sequence[bool]) -> np.ndarray:
    """Which window words are the content of the cue: words whose content probability reaches
    ``CONTENT_P``, holes between two content runs filled unless the cue or a source word lies
    in them (PolNeAR splits a content only around its own cue and source), and punctuation
    trimmed off the front of each run."""
    mask = probs[:, 1] + probs[:, 2] >= CONTENT_P
    source = probs[:, 3] + probs[:, 4] >= 0.5
    on = np.flatnonzero(mask)
    for a, b in pairwise(on):
        if 1 < b - a <= GAP + 1 and not source[a + 1 : b].any() and not (a < cue[0] < b):
            mask[a + 1 : b] = True
    for k in range(len(mask)):
        if mask[k] and punct[k] and (k == 0 or not mask[k - 1]):
            mask[k] = False
    return mask


@dataclass(frozen=True, slots=True)
class CueEncoder:
    """The opened ONNX session and tokenizer; ``threshold`` is the cue probability to reach.
    With ``pairs`` (the pair head's weights) it also reads each cue's source and content."""

    session: Any
    tokenizer: Any
    threshold: float = 0.5
    pairs: dict[str, np.ndarray] | None = None

    @classmethod
    def load(cls, folder: Path | None = None, threshold: float = 0.5) -> CueEncoder:
        model, vocab = require(folder)
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
        pair_file = model.parent / PAIR_FILE
        pairs = None
        if pair_file.is_file():
            with np.load(pair_file) as stored:
                pairs = {name: stored[name] for name in stored.files}
        return cls(session, tokenizer, threshold, pairs)

    def _read(self, doc: Doc) -> Iterator[tuple[Window, np.ndarray, np.ndarray | None]]:
        """Each window with its words' label probabilities and, if the model has them, states."""
        # One window per call: int8 activations are quantised per call, so a batch would make a
        # window's labels depend on its neighbours' lengths (and was slower here: 3.9 vs 5.0/s).
        for window in windows(doc, self.tokenizer):
            ids, mask = pad([window])
            outputs = self.session.run(None, {"input_ids": ids, "attention_mask": mask})
            firsts = list(window.firsts)
            states = outputs[1][0, firsts] if len(outputs) > 1 else None
            yield window, _softmax(outputs[0][0, firsts]), states

    def probabilities(self, doc: Doc) -> dict[int, np.ndarray]:
        """Label probabilities (``LABELS`` order) of every non-space token."""
        out: dict[int, np.ndarray] = {}
        for window, scores, _ in self._read(doc):
            out.update(zip(window.tokens, scores, strict=True))
        return out

    def _labels(self, tokens: Sequence[int], scores: np.ndarray) -> dict[int, str]:
        labels = {}
        for i, p in zip(tokens, scores, strict=True):
            cue = p[1] + p[2] >= self.threshold
            labels[i] = "O" if not cue else ("B-CUE" if p[1] >= p[2] else "I-CUE")
        return labels

    def cues(self, doc: Doc) -> list[tuple[int, int]]:
        """Token ranges of the cues whose words reach the threshold."""
        labels: dict[int, str] = {}
        for window, scores, _ in self._read(doc):
            labels.update(self._labels(window.tokens, scores))
        return runs(doc, labels)

    def attributions(self, doc: Doc, producer: str) -> tuple[Attribution, ...]:
        """Every cue of every window with the source and content the pair head reads for it,
        ordered by content (cues without content are dropped). Needs a model with a pair head."""
        if self.pairs is None:
            raise ModelMissing("this encoder has no pair head: train it with "
                               "python -m training.attrib_joint")
        w = self.pairs
        sentences = sentence_numbers(doc)
        found = []
        for window, scores, states in self._read(doc):
            assert states is not None
            position = {t: k for k, t in enumerate(window.tokens)}
            punct = [doc[t].is_punct and doc[t].text not in QUOTES for t in window.tokens]
            word = _linear(w, "word", states)
            for first, last in runs(doc, self._labels(window.tokens, scores)):
                cue = (position[first], position[last - 1] + 1)
                anchor = states[cue[0] : cue[1]].mean(axis=0)
                dist, sent = pair_features(window, cue, sentences)
                hidden = (word + _linear(w, "anchor", anchor) + _linear(w, "product", states * anchor)
                          + w["distance.weight"][dist] + w["sentence.weight"][sent])
                probs = _softmax(_linear(w, "role", _gelu(hidden)))
                role = probs.argmax(axis=1)
                content = _word_runs(_content(probs, cue, punct), window.tokens)
                if not content:
                    continue
                sources = _word_runs((role == 3) | (role == 4), window.tokens)
                source = min(sources, key=lambda r: abs(r[0] - first)) if sources else None
                taken = probs[np.arange(len(role)), role][role > 0]
                cue_p = float((scores[cue[0] : cue[1], 1] + scores[cue[0] : cue[1], 2]).mean())
                found.append(Attribution(
                    content=tuple(token_span(doc, *c) for c in content),
                    cue=token_span(doc, first, last),
                    cue_lemma=" ".join(t.lemma_.lower() or t.lower_ for t in doc[first:last]),
                    source=token_span(doc, *source) if source else None,
                    source_head=doc[source[0] : source[1]].root.i if source else None,
                    confidence=round(cue_p * float(taken.mean()), 3), rule=producer))
        found.sort(key=lambda a: a.content[0])
        return tuple(found)
