"""How many documents contain each feature, in fixed memory: a count-min sketch.

Linking weighs words by rarity, and a corpus of ten thousand articles has millions of distinct
words and bigrams; a sketch of two rows keeps that count in a constant few megabytes and only
ever overestimates (rare collisions make a rare word look a little less rare).
"""

from __future__ import annotations

from collections.abc import Collection

import numpy as np

_ROWS = 2


class DocumentFrequencies:
    """Document counts of hashed features (``tokens.feature_hash``)."""

    def __init__(self, buckets: int) -> None:
        self._buckets = buckets
        self._table = np.zeros((_ROWS, buckets), dtype=np.uint32)
        self.documents = 0

    def _cells(self, hashes: Collection[int]) -> np.ndarray:
        values = np.fromiter(hashes, dtype=np.uint64, count=len(hashes))
        return np.stack([(values >> np.uint64(21 * row)) % np.uint64(self._buckets)
                         for row in range(_ROWS)]).astype(np.intp)

    def add(self, hashes: Collection[int]) -> None:
        """Count one document containing each of the (distinct) ``hashes``."""
        self.documents += 1
        if hashes:
            cells = self._cells(hashes)
            for row in range(_ROWS):  # a cell counts documents holding any feature that lands there
                self._table[row][np.unique(cells[row])] += 1

    def counts(self, hashes: Collection[int]) -> np.ndarray:
        """At least the number of documents containing each feature (never fewer)."""
        if not hashes:
            return np.zeros(0, dtype=np.uint32)
        cells = self._cells(hashes)
        return np.min(np.stack([self._table[row][cells[row]] for row in range(_ROWS)]), axis=0)
