"""Raw article text → clean text: whole boilerplate lines cut, everything else kept verbatim.

Cleaning only ever drops whole lines, so the clean text is a concatenation of raw runs
(``Segment``) and every offset in it maps back to the raw input exactly.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from types import ModuleType

from quotetrace.clean import boilerplate_en
from quotetrace.records import Segment, Span

__all__ = ["ENGLISH", "BoilerplateLexicon", "Cleaned", "Line", "clean", "split_lines"]

_MAX_WORDS_PER_TOPIC = 8  # longer "items" mean the line is prose that starts with "Topics:"
_LINE = re.compile(r"([^\r\n]*)(\r\n|\r|\n|\Z)")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class BoilerplateLexicon:
    """One language's boilerplate, compiled: the state ``clean`` needs, passed in explicitly."""

    ad_markers: frozenset[str]
    line_patterns: tuple[re.Pattern[str], ...]
    tag_line: re.Pattern[str]
    tag_separators: re.Pattern[str]
    marker_decoration: str

    @classmethod
    def from_module(cls, module: ModuleType) -> BoilerplateLexicon:
        """Compile a lexicon module such as ``clean.boilerplate_en``."""
        sources = (*module.PROMPT_PATTERNS, *module.CREDIT_PATTERNS)
        return cls(
            ad_markers=frozenset(marker.casefold() for marker in module.AD_MARKERS),
            line_patterns=tuple(re.compile(source, re.IGNORECASE) for source in sources),
            tag_line=re.compile(module.TAG_LINE_PATTERN, re.IGNORECASE),
            tag_separators=re.compile(module.TAG_SEPARATORS),
            marker_decoration=module.MARKER_DECORATION,
        )

    def is_boilerplate(self, line: str) -> bool:
        """True when the whole line is an ad marker, a call to action or a credit."""
        stripped = line.strip()
        marker = _SPACES.sub(" ", stripped.strip(self.marker_decoration)).casefold()
        if marker in self.ad_markers:
            return True
        return any(pattern.fullmatch(stripped) for pattern in self.line_patterns)

    def topics(self, line: str) -> tuple[str, ...] | None:
        """The items of a tag line ("Topics: Russia, Ukraine"), or None for any other line."""
        match = self.tag_line.fullmatch(line.strip())
        if match is None:
            return None
        items = tuple(
            item.strip() for item in self.tag_separators.split(match["items"]) if item.strip()
        )
        if not items or any(len(item.split()) > _MAX_WORDS_PER_TOPIC for item in items):
            return None
        return items


ENGLISH = BoilerplateLexicon.from_module(boilerplate_en)


@dataclass(frozen=True, slots=True)
class Line:
    """One raw line: ``[start, content_end)`` is its text, ``[content_end, end)`` its newline."""

    start: int
    content_end: int
    end: int


@dataclass(frozen=True, slots=True)
class Cleaned:
    """The clean text, how it maps to the raw text, and what was cut from it."""

    text: str
    segments: tuple[Segment, ...]
    removed: tuple[Span, ...]  # boilerplate lines, offsets into the raw text
    topics: tuple[str, ...]


def split_lines(text: str) -> Iterator[Line]:
    """Lines with their terminators (``\\n``, ``\\r\\n`` or ``\\r``), covering ``text`` exactly."""
    for match in _LINE.finditer(text):
        if match.start() == match.end():
            return
        yield Line(match.start(), match.end(1), match.end())


def clean(raw_text: str, lexicon: BoilerplateLexicon = ENGLISH) -> Cleaned:
    """Cut boilerplate lines from ``raw_text``; blank lines left doubled by a cut are dropped."""
    kept: list[Line] = []
    removed: list[Span] = []
    topics: dict[str, None] = {}
    for line in split_lines(raw_text):
        content = raw_text[line.start : line.content_end]
        items = lexicon.topics(content)
        if items is not None or lexicon.is_boilerplate(content):
            removed.append(Span(line.start, line.content_end, content))
            topics.update(dict.fromkeys(items or ()))
        elif content.strip() or (kept and not _is_blank(raw_text, kept[-1])):
            kept.append(line)
    while kept and _is_blank(raw_text, kept[-1]):
        kept.pop()
    segments = _segments(kept)
    text = "".join(raw_text[line.start : line.end] for line in kept)
    return Cleaned(text=text, segments=segments, removed=tuple(removed), topics=tuple(topics))


def _is_blank(raw_text: str, line: Line) -> bool:
    return not raw_text[line.start : line.content_end].strip()


def _segments(kept: list[Line]) -> tuple[Segment, ...]:
    """Merge kept lines that are contiguous in the raw text into runs."""
    runs: list[list[int]] = []  # [clean_start, raw_start, length]
    clean_offset = 0
    for line in kept:
        length = line.end - line.start
        if runs and runs[-1][1] + runs[-1][2] == line.start:
            runs[-1][2] += length
        else:
            runs.append([clean_offset, line.start, length])
        clean_offset += length
    return tuple(Segment(*run) for run in runs)
