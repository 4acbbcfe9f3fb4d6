"""Find quoted regions by pairing quotation marks, telling quote marks from apostrophes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from quotetrace.extract.patterns import marks as m
from quotetrace.extract.turns import turn_paragraphs

Role = Literal["open", "close"]
Level = Literal["double", "single"]

_MARK = re.compile("''|[" + re.escape(m.ALL_MARKS) + "]")


@dataclass(frozen=True, slots=True)
class QuoteRegion:
    """Quoted text ``[start, end)``, marks included; ``closed`` is False for an unbalanced mark."""

    start: int
    end: int
    level: Level
    closed: bool


@dataclass(frozen=True, slots=True)
class _Mark:
    start: int
    end: int
    level: Level
    role: Role | None  # None: either, decided by context
    char: str


def _classify(text: str, match: re.Match[str]) -> _Mark | None:
    """Role of one mark from its neighbours; None when it is an apostrophe."""
    c, s, e = match.group(), match.start(), match.end()
    before = text[s - 1] if s else " "
    after = text[e] if e < len(text) else " "
    if c == "''" or c in m.DOUBLE_EITHER:
        return _Mark(s, e, "double", _side(before, after), c)
    if c in m.DOUBLE_OPEN:
        return _Mark(s, e, "double", "open", c)
    if c in m.DOUBLE_CLOSE:
        return _Mark(s, e, "double", "close", c)
    if c in m.SINGLE_OPEN:
        return _Mark(s, e, "single", "open", c)
    if c in m.SINGLE_CLOSE:
        return _Mark(s, e, "single", "close", c)
    if before.isalnum() and after.isalpha():
        return None  # don't, Ukraine's
    role = _side(before, after)
    if role == "open" and after.isdigit():
        return None  # the '90s
    return _Mark(s, e, "single", role, c) if role else None


def opens_at(text: str, start: int) -> bool:
    """The character at ``start`` is a quotation mark that opens a quotation: by its shape (“ ‘ «
    „), or, for straight marks and ’, by its neighbours."""
    match = _MARK.match(text, start)
    mark = _classify(text, match) if match else None
    return mark is not None and mark.role == "open"


def _side(before: str, after: str) -> Role | None:
    if (before.isspace() or before in m.OPENING_CONTEXT or before in m.ALL_MARKS) and not (
        after.isspace()
    ):
        return "open"
    if not before.isspace() and (not after.isalnum()):
        return "close"
    return None


def _is_possessive(text: str, mark: _Mark, later: list[_Mark]) -> bool:
    """fascists' regime: a plural possessive when another closer follows before a new opener."""
    if mark.level != "single" or text[mark.start - 1 : mark.start] != "s":
        return False
    if not text[mark.end : mark.end + 2].strip(" ").isalpha():
        return False
    for other in later:
        if other.level == "single":
            return other.role != "open"
    return False


def _closes_low_open(opener: _Mark, mark: _Mark) -> bool:
    """German style: „ is closed by “."""
    return opener.char in m.LOW_OPENERS and mark.char in m.CLOSERS_OF_LOW_OPEN


def _pair_paragraph(text: str, marks: list[_Mark], end: int) -> list[QuoteRegion]:
    """Pair marks of one paragraph; singles inside doubles are nested, not returned."""
    regions: list[QuoteRegion] = []
    open_double: _Mark | None = None
    open_single: _Mark | None = None
    for k, mark in enumerate(marks):
        if mark.level == "double":
            if open_double is None and mark.role != "close":
                open_double, open_single = mark, None
            elif open_double is not None and (
                mark.role != "open" or _closes_low_open(open_double, mark)
            ):
                regions.append(QuoteRegion(open_double.start, mark.end, "double", True))
                open_double = None
        elif open_double is None:
            if open_single is None and mark.role == "open":
                open_single = mark
            elif (open_single is not None and mark.role == "close"
                  and not _is_possessive(text, mark, marks[k + 1 :])):
                regions.append(QuoteRegion(open_single.start, mark.end, "single", True))
                open_single = None
    pending = open_double or open_single
    if pending is not None:
        regions.append(QuoteRegion(pending.start, end, pending.level, False))
    return regions


def _join_continued(text: str, regions: list[QuoteRegion], turns: frozenset[int]
                    ) -> list[QuoteRegion]:
    """A quote left open at a paragraph's end continues when the next paragraph reopens it,
    unless that paragraph is a transcript's next turn ("WALLACE: …")."""
    joined: list[QuoteRegion] = []
    for region in regions:
        last = joined[-1] if joined else None
        if (
            last is not None
            and not last.closed
            and last.level == region.level
            and not text[last.end : region.start].strip()
            and text.rfind("\n", 0, region.start) + 1 not in turns
        ):
            joined[-1] = QuoteRegion(last.start, region.end, region.level, region.closed)
        else:
            joined.append(region)
    return joined


def find_quote_regions(text: str) -> tuple[QuoteRegion, ...]:
    """Top-level quoted regions of ``text``, paragraph by paragraph, in order."""
    regions: list[QuoteRegion] = []
    for paragraph in re.finditer(r"[^\n]+", text):
        body = paragraph.group().rstrip()
        base = paragraph.start()
        marks = [mk for mt in _MARK.finditer(body) if (mk := _classify(body, mt))]
        for region in _pair_paragraph(body, marks, len(body)):
            regions.append(
                QuoteRegion(region.start + base, region.end + base, region.level, region.closed)
            )
    return tuple(_join_continued(text, regions, turn_paragraphs(text)))
