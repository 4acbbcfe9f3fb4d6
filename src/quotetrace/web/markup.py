"""Clean text with highlighted spans as safe HTML: every character of the article is escaped,
and spans that overlap without nesting are split so the markup stays well formed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

__all__ = ["Highlight", "mark_text"]


@dataclass(frozen=True, slots=True)
class Highlight:
    """One span to mark: ``kind`` names its CSS class, ``tip`` what hover and focus show."""

    start: int
    end: int
    kind: str  # quote, speaker, cue, source
    tip: str
    element_id: str | None = None
    described_by: str | None = None  # the id of the entry that explains it in full
    label: str | None = None


def _open_tag(highlight: Highlight, continued: bool) -> str:
    attributes = [f'class="hl hl-{escape(highlight.kind)}"', f'data-tip="{escape(highlight.tip)}"']
    if not continued:  # one tab stop per span, however often it is split
        attributes.append('tabindex="0"')
        if highlight.element_id:
            attributes.append(f'id="{escape(highlight.element_id)}"')
    if highlight.described_by:
        attributes.append(f'aria-describedby="{escape(highlight.described_by)}"')
    if highlight.label:
        attributes.append(f'aria-roledescription="{escape(highlight.label)}"')
    return f"<mark {' '.join(attributes)}>"


def _valid(highlights: Sequence[Highlight], length: int) -> list[Highlight]:
    kept = [h for h in highlights if 0 <= h.start < h.end <= length]
    return sorted(kept, key=lambda h: (h.start, -h.end))


def mark_text(text: str, highlights: Sequence[Highlight]) -> Markup:
    """``text`` escaped, with a ``<mark>`` around each highlight (longer spans outside)."""
    ordered = _valid(highlights, len(text))
    boundaries = sorted({0, len(text), *(h.start for h in ordered), *(h.end for h in ordered)})
    pieces: list[str] = []
    stack: list[Highlight] = []
    waiting = 0  # index of the next highlight to open
    for position, following in zip(boundaries, [*boundaries[1:], None], strict=True):
        if any(h.end == position for h in stack):
            ending = [h for h in stack if h.end == position]
            depth = min(stack.index(h) for h in ending)
            reopen = [h for h in stack[depth:] if h.end != position]
            pieces.append("</mark>" * (len(stack) - depth))
            del stack[depth:]
            for highlight in reopen:
                pieces.append(_open_tag(highlight, continued=True))
                stack.append(highlight)
        while waiting < len(ordered) and ordered[waiting].start == position:
            pieces.append(_open_tag(ordered[waiting], continued=False))
            stack.append(ordered[waiting])
            waiting += 1
        if following is not None:
            pieces.append(str(escape(text[position:following])))
    pieces.append("</mark>" * len(stack))
    return Markup("".join(pieces))
