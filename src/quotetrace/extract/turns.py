"""Transcript turns: paragraphs opened by a speaker's label in capitals ("WALLACE: Let's start…").

News sites print interviews and debates as transcripts: each turn a paragraph that starts with
the speaker's name in capitals and a colon, quoted or not, a long answer running over the next
paragraphs. A turn is an attribution (the label its source, the colon its cue, the turn its
content) that no reporting verb announces. Text only, no parse: every mode reads turns alike.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from quotetrace.extract.names import NameParts, split_name
from quotetrace.extract.patterns import en
from quotetrace.extract.patterns import marks as m

TURN_RULE = "transcript-turn"  # the rule name of a turn's relation

# Up to four words in capitals ("JAKE TAPPER", "SEN. MCCAIN", "O'REILLY", "MÉLENCHON",
# "DeSANTIS"), a colon, then text on the same line; an opening quotation mark may come first (a
# transcript quoted paragraph by paragraph).
_LABEL = re.compile(
    "[^\\S\\n]*[" + re.escape(m.DOUBLE_OPEN + m.DOUBLE_EITHER) + "]?[^\\S\\n]*"
    r"(?P<label>[^\W\d_][\w.'’-]+(?: [^\W\d_][\w.'’-]+){0,3}):[^\S\n]+(?=\S)")
_PREFIXES = ("Mc", "Mac", "De", "Di", "La", "Le")  # "McCAIN", "DeSANTIS"
_LOWER_WORD = re.compile(r"(?<![\w'’])[a-z]+(?![\w'’])")
_PARAGRAPH = re.compile(r"[^\n]+")
_ASIDE = re.compile(r"\W*[(\[].*[)\]]\W*")  # "(CROSSTALK.)", "[BEGIN VIDEO CLIP]"
_OPENING = m.ALL_MARKS + " \t\u00a0"
_CLOSING = m.DOUBLE_CLOSE + m.DOUBLE_EITHER + " \t\u00a0"


@dataclass(frozen=True, slots=True)
class Turn:
    """One speaker's turn: the label, the colon after it, and the paragraphs it holds."""

    label: tuple[int, int]
    colon: tuple[int, int]
    content: tuple[tuple[int, int], ...]


def _speaker_label(text: str, start: int, end: int) -> re.Match[str] | None:
    """The label in capitals opening the paragraph ``text[start:end]``, if it has one and it is
    not a heading ("UPDATE:", "FACT CHECK:")."""
    match = _LABEL.match(text, start, end)
    if match is None or _key(match.group("label")) in en.NOT_SPEAKER_LABELS or not all(
            _in_capitals(word) for word in match.group("label").split()):
        return None
    return match


def _in_capitals(word: str) -> bool:
    return word.isupper() or any(word.startswith(p) and word[len(p):].isupper()
                                 for p in _PREFIXES)


def speaker_name(label: str) -> NameParts | None:
    """The person a label names, in title case: "SEN. JOHN MCCAIN" → "Sen." "John Mccain"."""
    return split_name(label.title())


def _key(label: str) -> str:
    return label.lower().replace("’", "'").rstrip(".")


def _speaker(label: str) -> str:
    """The name a label is counted by: its last word ("JAKE TAPPER" and "TAPPER" are one)."""
    return label.split()[-1].strip(".").lower()


def _body(text: str, start: int, end: int) -> tuple[int, int] | None:
    """A paragraph without its quotation marks and edge spaces; None when it holds no letter."""
    while start < end and text[start] in _OPENING:
        start += 1
    while end > start and (text[end - 1] in _CLOSING or text[end - 1].isspace()):
        end -= 1
    return (start, end) if any(c.isalpha() for c in text[start:end]) else None


def turn_paragraphs(text: str) -> frozenset[int]:
    """Where the paragraphs opening a turn start: a quotation does not run into one."""
    return frozenset(text.rfind("\n", 0, turn.label[0]) + 1 for turn in find_turns(text))


def find_turns(text: str) -> tuple[Turn, ...]:
    """The turns of a transcript in ``text``, in order; none unless it reads as a transcript.

    A transcript has labels of at least two speakers, one of them speaking twice, each named by
    a word the text never writes in lower case (a heading's "FIRST HALF:" / "SECOND HALF:" is
    no speaker), so a lone "UPDATE:" or a headline "Pence: …" is no turn. A turn's content is
    its paragraph after the label, then the unlabelled paragraphs up to the next turn or an
    aside ("(CROSSTALK.)"); the last turn keeps its paragraph alone, since what follows the
    transcript is the writer's.
    """
    paragraphs = [(p.start(), p.end()) for p in _PARAGRAPH.finditer(text)]
    labels = {k: match for k, (start, end) in enumerate(paragraphs)
              if (match := _speaker_label(text, start, end))}
    if len(labels) < 3:
        return ()
    lower = set(_LOWER_WORD.findall(text))
    labels = {k: match for k, match in labels.items()
              if _speaker(match.group("label")) not in lower}
    speakers = Counter(_speaker(match.group("label")) for match in labels.values())
    if len(speakers) < 2 or max(speakers.values()) < 2:
        return ()
    turns = []
    order = sorted(labels)
    for n, k in enumerate(order):
        match = labels[k]
        first = _body(text, match.end(), paragraphs[k][1])
        if first is None:
            continue
        content = [first]
        following = order[n + 1] if n + 1 < len(order) else k + 1
        for start, end in paragraphs[k + 1 : following]:
            if _ASIDE.fullmatch(text, start, end):
                break
            if (body := _body(text, start, end)) is not None:
                content.append(body)
        label = match.span("label")
        turns.append(Turn(label, (label[1], label[1] + 1), tuple(content)))
    return tuple(turns)
