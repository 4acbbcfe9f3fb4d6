"""Copies and rewrites: articles whose wording an earlier article already published.

MinHash signatures of word shingles go into an LSH index tuned to the rewrite threshold; each
candidate is checked with the Jaccard similarity the two signatures estimate. An article's original
is the earliest published of the articles it matches: when an earlier one arrives late, the links
of the articles it matches move to it.
"""

from __future__ import annotations

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH  # type: ignore[import-untyped]

from quotetrace.link.order import Registry
from quotetrace.link.settings import LinkSettings
from quotetrace.records import ArticleLink, ArticleLinkKind

PRODUCER = "link.copies.minhash.v1"


class CopyIndex:
    """MinHash signatures of every article long enough to be copied, and each one's original."""

    def __init__(self, settings: LinkSettings, registry: Registry) -> None:
        self._settings = settings
        self._registry = registry
        self._template = MinHash(settings.minhash_permutations, seed=1, scheme="affine32")
        self._lsh = MinHashLSH(threshold=settings.rewrite_similarity,
                               num_perm=settings.minhash_permutations)
        self._signatures: dict[int, np.ndarray] = {}
        self._originals: dict[int, int] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def add(self, number: int, words: list[str]) -> list[ArticleLink]:
        """Index article ``number``; return the links it creates or moves."""
        if len(words) < self._settings.min_article_words:
            return []
        signature = self._signature(words)
        matches = [(other, similarity) for other in sorted(self._lsh.query(signature))
                   if (similarity := self._similarity(signature.hashvalues, other))
                   >= self._settings.rewrite_similarity]
        self._lsh.insert(number, LeanMinHash(signature), check_duplication=False)
        self._signatures[number] = signature.hashvalues
        arrivals = self._registry.arrivals
        links = []
        earlier = [m for m in matches if arrivals[m[0]] < arrivals[number]]
        if earlier:
            original, similarity = min(earlier, key=lambda m: arrivals[m[0]])
            links.append(self._link(number, original, similarity))
        for other, similarity in matches:
            current = self._originals.get(other)
            if arrivals[number] < arrivals[other] and (
                    current is None or arrivals[number] < arrivals[current]):
                links.append(self._link(other, number, similarity))
        return links

    def _signature(self, words: list[str]) -> MinHash:
        size = self._settings.shingle_words
        shingles = {" ".join(words[i : i + size]).encode("utf-8")
                    for i in range(len(words) - size + 1)}
        signature = MinHash(self._settings.minhash_permutations, seed=1, scheme="affine32",
                            permutations=self._template.permutations)
        signature.update_batch(sorted(shingles))
        return signature

    def _similarity(self, hashvalues: np.ndarray, other: int) -> float:
        return float(np.count_nonzero(hashvalues == self._signatures[other])) / len(hashvalues)

    def _link(self, article: int, original: int, similarity: float) -> ArticleLink:
        self._originals[article] = original
        kind: ArticleLinkKind = (
            "copy" if similarity >= self._settings.copy_similarity else "rewrite")
        ids = self._registry.ids
        return ArticleLink(ids[article], ids[original], kind, round(similarity, 3), PRODUCER)
