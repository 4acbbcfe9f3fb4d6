"""Two quotations of one utterance compared word by word: how they relate and what changed.

Words are compared transliterated and lower-cased, so "Don’t" meets "don't"; the diff shows them as
written. The alignment is the longest common subsequence of words (rapidfuzz's Indel opcodes).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Indel

from quotetrace.link.tokens import surface_words
from quotetrace.records import DiffOp, VariantRelation


@dataclass(frozen=True, slots=True)
class Wording:
    """A quotation's words as written and as compared."""

    surface: tuple[str, ...]
    normal: tuple[str, ...]

    @classmethod
    def of(cls, text: str) -> Wording:
        pairs = surface_words(text)
        return cls(tuple(s for s, _ in pairs), tuple(n for _, n in pairs))

    def __len__(self) -> int:
        return len(self.normal)


@dataclass(frozen=True, slots=True)
class Overlap:
    """How much of two wordings is the same words in the same order."""

    shared: int
    containment: float  # shared / words of the shorter
    similarity: float  # shared words over all words (Indel normalised similarity)


@dataclass(frozen=True, slots=True)
class Comparison:
    """A variant against the first appearance of its utterance."""

    relation: VariantRelation
    similarity: float
    diff: tuple[DiffOp, ...]


def overlap(one: Sequence[str], other: Sequence[str]) -> Overlap:
    """The cheap test run on every candidate pair (normalised words) before the diff."""
    total = len(one) + len(other)
    if not total:
        return Overlap(0, 0.0, 0.0)
    shared = (total - Indel.distance(one, other)) // 2
    shorter = min(len(one), len(other)) or 1
    return Overlap(shared, shared / shorter, 2 * shared / total)


def shared_runs(one: Sequence[str], other: Sequence[str], min_run: int) -> list[str]:
    """The words of ``other`` aligned with ``one`` in runs of at least ``min_run`` words.

    Single common words scattered through a long quotation align too ("I", "want", "to"); runs
    are what two wordings of one utterance share.
    """
    return [word for op in Indel.opcodes(one, other)
            if op.tag == "equal" and op.dest_end - op.dest_start >= min_run
            for word in other[op.dest_start : op.dest_end]]


def _relation(first: Wording, variant: Wording, gaps: list[tuple[str, int, int]]) -> VariantRelation:
    """Identical; cut at one end (truncated); only words left out (excerpt); or reworded."""
    if not gaps:
        return "identical"
    if len({tag for tag, _, _ in gaps}) > 1:
        return "reworded"
    if len(gaps) == 1:
        _, start, end = gaps[0]
        longer = len(first) if gaps[0][0] == "delete" else len(variant)
        if start == 0 or end == longer:
            return "truncated"
    return "excerpt"


def compare(first: Wording, variant: Wording) -> Comparison:
    """Relation, similarity and word diff of ``variant`` against ``first``."""
    diff: list[DiffOp] = []
    gaps: list[tuple[str, int, int]] = []
    pending: dict[str, list[str]] = {"delete": [], "insert": []}

    def flush() -> None:  # deletions before insertions at one place, as people read a diff
        for tag in ("delete", "insert"):
            if pending[tag]:
                diff.append((tag, " ".join(pending[tag])))  # type: ignore[arg-type]
                pending[tag] = []

    for op in Indel.opcodes(first.normal, variant.normal):
        if op.tag == "equal":
            flush()
            diff.append(("equal", " ".join(variant.surface[op.dest_start : op.dest_end])))
            continue
        if op.tag in ("delete", "replace"):
            pending["delete"].extend(first.surface[op.src_start : op.src_end])
            gaps.append(("delete", op.src_start, op.src_end))
        if op.tag in ("insert", "replace"):
            pending["insert"].extend(variant.surface[op.dest_start : op.dest_end])
            gaps.append(("insert", op.dest_start, op.dest_end))
    flush()
    similarity = overlap(first.normal, variant.normal).similarity
    return Comparison(_relation(first, variant, gaps), round(similarity, 3), tuple(diff))
