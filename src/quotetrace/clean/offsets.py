"""Clean-text offsets → raw-text offsets, through the segments cleaning kept."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from quotetrace.records import Segment

__all__ = ["OffsetMap"]


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Maps offsets in the clean text to offsets in the raw text it was cut from.

    ``segments`` must be in clean-text order and cover the clean text without gaps, as
    ``clean.clean`` builds them.
    """

    segments: tuple[Segment, ...]
    _clean_starts: tuple[int, ...] = field(init=False, repr=False, compare=False)
    clean_length: int = field(init=False)

    def __post_init__(self) -> None:
        starts = tuple(segment.clean_start for segment in self.segments)
        last = self.segments[-1] if self.segments else None
        object.__setattr__(self, "_clean_starts", starts)
        object.__setattr__(self, "clean_length", last.clean_start + last.length if last else 0)

    def to_raw(self, clean_offset: int) -> int:
        """The raw offset of ``clean_offset``; the clean text's end maps to its last run's end."""
        if not 0 <= clean_offset <= self.clean_length:
            raise IndexError(
                f"offset {clean_offset} outside the clean text (0..{self.clean_length})"
            )
        if not self.segments:
            return 0
        segment = self.segments[max(bisect_right(self._clean_starts, clean_offset) - 1, 0)]
        return segment.raw_start + clean_offset - segment.clean_start

    def to_raw_span(self, start: int, end: int) -> tuple[int, int]:
        """A half-open clean span as a raw span, its end taken from its last character.

        Mapping ``end`` itself could land past a cut (at the start of the next kept run); the
        last character keeps the raw span tight around the text.
        """
        if end < start:
            raise ValueError(f"span end {end} before its start {start}")
        raw_start = self.to_raw(start)
        if end == start:
            return raw_start, raw_start
        return raw_start, self.to_raw(end - 1) + 1
