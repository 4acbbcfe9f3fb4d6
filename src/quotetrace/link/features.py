"""What an article is about, as weighted features for story clustering.

Two kinds: its words and word pairs (compared within one language), and its anchors — capitalised
names inside sentences, pairs of them, numbers and mentioned dates — which carry over from one
language to another ("Wilmington", "Second Amendment", "2016", "1,000" = "1.000"). Features are
weighted TF-IDF (rarer in the corpus so far, heavier), normalised, and only the heaviest kept.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from quotetrace.link.frequencies import DocumentFrequencies
from quotetrace.link.tokens import feature_hash, normalise

_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+(?:[.,]\d+)*")
_GROUPING = re.compile(r"[.,](?=\d{3}(?:\D|$))")
_SENTENCE_START = ".!?:;\"“”„«»‘’'([—–"


def fresh_text(text: str, frequencies: DocumentFrequencies,
               min_words: int) -> tuple[str, set[int]]:
    """The text without paragraphs earlier articles already had, and the keys of its paragraphs.

    A paragraph seen before is an outlet's boilerplate ("Editor's note: ...", an author's bio)
    that would tie every article of an outlet into one story, or copied text. When most of the
    text was seen before, the article is a copy (linked to its original by MinHash): it is
    described by all of its text, as its original was.
    """
    kept, keys = [], set()
    seen_words = total_words = 0
    for line in text.split("\n"):
        words = [normalise(m.group()) for m in _TOKEN.finditer(line)]
        total_words += len(words)
        if len(words) < min_words:
            kept.append(line)
            continue
        key = feature_hash("paragraph:" + " ".join(words))
        if frequencies.counts([key])[0]:
            seen_words += len(words)
        else:
            kept.append(line)
        keys.add(key)
    if 2 * seen_words > total_words:
        return text, keys
    return "\n".join(kept), keys


def text_features(lang: str, words: list[str]) -> tuple[Counter[str], Counter[str]]:
    """Words of three letters or more, and every pair of neighbouring words, tagged by language."""
    return (Counter(f"{lang}:{w}" for w in words if len(w) >= 3),
            Counter(f"{lang}:{a} {b}" for a, b in pairwise(words)))


def _number(token: str) -> str:
    """"1,000" and "1.000" → "1000"; "3,5" → "3.5"."""
    return _GROUPING.sub("", token).replace(",", ".")


def anchor_features(text: str, dates: tuple[str, ...]) -> Counter[str]:
    """Names inside sentences (and pairs of them), numbers of two digits or more, dates."""
    features: Counter[str] = Counter(f"date:{d}" for d in dates)
    previous_name: str | None = None
    last_end = 0
    for match in _TOKEN.finditer(text):
        token = match.group()
        gap = text[last_end : match.start()]
        stripped = gap.strip()
        starts_sentence = not last_end or "\n" in gap or bool(stripped) and (
            stripped[-1] in _SENTENCE_START)
        last_end = match.end()
        if token[0].isdigit():
            number = _number(token)
            if sum(c.isdigit() for c in number) >= 2:
                features[f"number:{number}"] += 1
            previous_name = None
        elif token[0].isupper() and len(token) >= 3 and not starts_sentence:
            name = normalise(token)
            features[f"name:{name}"] += 1
            if previous_name and gap == " ":
                features[f"name:{previous_name} {name}"] += 1
            previous_name = name
        else:
            previous_name = None
    return features


@dataclass(frozen=True, slots=True)
class FeatureVector:
    """The heaviest features of one article: sorted hashes and their unit-normalised weights."""

    keys: np.ndarray
    weights: np.ndarray

    def dot(self, other: FeatureVector) -> float:
        _, mine, theirs = np.intersect1d(self.keys, other.keys, assume_unique=True,
                                         return_indices=True)
        return float(self.weights[mine] @ other.weights[theirs])


def hashed(features: Counter[str]) -> dict[int, int]:
    """Feature counts keyed by ``feature_hash``."""
    counts: dict[int, int] = {}
    for feature, count in features.items():
        key = feature_hash(feature)
        counts[key] = counts.get(key, 0) + count
    return counts


def weigh(by_hash: dict[int, int], frequencies: DocumentFrequencies, keep: int) -> FeatureVector:
    """TF-IDF weights (smoothed, so early articles are weighed sensibly too), heaviest ``keep``."""
    if not by_hash:
        return FeatureVector(np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.float32))
    hashes = sorted(by_hash)
    documents = frequencies.documents
    idf = np.log((1 + documents) / (1 + frequencies.counts(hashes).astype(np.float64))) + 1
    tf = np.array([1 + math.log(by_hash[h]) for h in hashes])
    weights = tf * idf
    weights /= np.linalg.norm(weights)
    kept = np.sort(np.argsort(-weights, kind="stable")[:keep])
    keys = np.array(hashes, dtype=np.uint64)[kept]
    return FeatureVector(keys, weights[kept].astype(np.float32))
