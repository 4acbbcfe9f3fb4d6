"""What a source span names, without a parse or NER: the names fast mode's speakers come from.

A source span names someone when its naming part ("Jorge Castañeda, a former minister who …" →
"Jorge Castañeda") holds a name: titles go to the title ("Mayor Bill de Blasio"), capitals that
only open a sentence or that the article otherwise writes small ("Officials", "Rival Hillary
Clinton") are no name, and quantified, possessive, plural and several-person sources
("Many Democrats", "His", "Critics", "Mr. Grassley and Mr. Leahy") name no one. ``fuller`` finds
the fuller form the article writes a name in ("Trump" → "President Donald J. Trump").
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from spacy.attrs import IDX, IS_SPACE, ORTH, SENT_START  # type: ignore[import-not-found]
from spacy.tokens import Doc

from quotetrace.extract import text_of
from quotetrace.extract.entities import title_case_lines
from quotetrace.extract.names import NameParts, is_title_word, name_key, padding, split_name
from quotetrace.extract.patterns import en
from quotetrace.extract.patterns.personnames import GIVEN_NAME_GENDER, PARTICLES

# Where a source's naming part ends: "Jorge Castañeda, a former minister who …".
_NAMING_PART = re.compile(r"[,;(]| who | which | whose ")
_SEVERAL = re.compile(r"\band\b|&")  # "Mr. Grassley and Mr. Leahy"
_ORGANISATION = en.ORGANISATION_WORDS | set(en.OUTLET_WORDS)


class Regions:
    """Disjoint, sorted character ranges, asked whether they hold a position."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def __contains__(self, position: int) -> bool:
        k = bisect.bisect_right(self.starts, position) - 1
        return k >= 0 and position < self.ends[k]

    def holding(self, positions: np.ndarray) -> list[bool]:
        """Whether each of the positions lies in a range (``in`` for many at once)."""
        k = np.searchsorted(np.array(self.starts, dtype=np.int64), positions, side="right") - 1
        ends = np.array([0, *self.ends], dtype=np.int64)[k + 1]  # k = -1: before every range
        return ((k >= 0) & (positions < ends)).tolist()


@dataclass(frozen=True, slots=True)
class Words:
    """One article's words, looked up while its speakers are resolved (built in one pass)."""

    text: str  # the doc's text (spaCy rebuilds it at each access)
    positions: dict[str, list[int]]  # token indices of each word as written
    initial: tuple[bool, ...]  # per token: opens a sentence or paragraph (spaces skipped)
    mid_sentence: frozenset[str]  # words written inside a sentence, outside headlines
    lower: frozenset[str]  # words written in lower case
    headlines: Regions  # lines in Title Case, where capitals name no one

    @classmethod
    def of(cls, doc: Doc) -> Words:
        texts = [doc.vocab.strings[h] for h in doc.to_array(ORTH).tolist()]
        positions: dict[str, list[int]] = {}
        for i, text in enumerate(texts):
            positions.setdefault(text, []).append(i)
        starts = (doc.to_array(SENT_START).tolist() if doc.has_annotation("SENT_START")
                  else [1] + [0] * (len(doc) - 1))
        spaces = doc.to_array(IS_SPACE).tolist()
        initial: list[bool] = []
        for i, start in enumerate(starts):  # the sentencizer opens a paragraph on its "\n\n"
            initial.append(start == 1 or (i > 0 and bool(spaces[i - 1]) and initial[i - 1]))
        text = text_of(doc)
        headlines = Regions(title_case_lines(text))
        in_headline = headlines.holding(doc.to_array(IDX))
        mid = frozenset(word for word, opens, held in zip(texts, initial, in_headline, strict=True)
                        if not opens and not held)
        return cls(text, positions, tuple(initial), mid,
                   frozenset(t for t in positions if t.islower()), headlines)


def _is_organisation(words: Sequence[str]) -> bool:
    return bool(set(words) & _ORGANISATION)


def label(parts: NameParts) -> str:
    """PERSON when a title or a given name says so ("Republican Donald Trump", "Vicente Fox");
    ORG when a word names an institution or an outlet ("Tax Foundation", "Washington Post") or
    the name is a short acronym ("FBI"); PERSON otherwise. Fast mode has no NER."""
    key = name_key(parts.name)
    if parts.title or _given(key) is not None:
        return "PERSON"
    acronym = parts.name.isupper() and len(parts.name) <= 4
    return "ORG" if acronym or _is_organisation(key) else "PERSON"


def _described(parts: NameParts) -> NameParts:
    """A name's leading role words made its title: "Democrat Hillary Clinton" → "Democrat",
    "Hillary Clinton" (not "Republican National Committee": an institution keeps its name)."""
    names = parts.name.split()
    cut = 0
    while cut < len(names) - 2 and names[cut].lower() in en.ROLE_NOUNS:
        cut += 1
    if not cut or _is_organisation(name_key(" ".join(names[cut:]))):
        return parts
    title = " ".join(filter(None, [parts.title, *names[:cut]]))
    return NameParts(parts.organisation, title, " ".join(names[cut:]))


def _trimmed(parts: NameParts, words: Words) -> NameParts:
    """A name without the leading capitals the article otherwise writes in lower case ("Rival
    Hillary Clinton", "But Trump"), given names excepted ("Bill", "Will"); an institution keeps
    its whole name ("New York Times") unless a given name follows ("State Hillary Clinton")."""
    names = parts.name.split()
    cut = 0
    while cut < len(names) - 1 and padding(names[cut], words.lower):
        cut += 1
    if not cut or (_is_organisation(name_key(parts.name))
                   and names[cut].lower() not in GIVEN_NAME_GENDER):
        return parts
    return replace(parts, name=" ".join(names[cut:]))


def _name_of(phrase: str, words: Words) -> NameParts | None:
    """The name a phrase holds; none when it opens with a word no name opens with ("His",
    "Many Democrats", "One Republican")."""
    parts = split_name(phrase) or _around_small_words(phrase)
    if parts is None or parts.name.split()[0].lower() in en.NOT_NAMES:
        return None
    return _described(_trimmed(parts, words))


def _around_small_words(phrase: str) -> NameParts | None:
    """The person a phrase with lower-case words names: the titled or given name before them
    ("Gov. Earl Ray Tomblin of West Virginia", "Mr. Morgan of the Sierra Club"), else the given
    name after "<title> of …" ("Secretary of State Hillary Clinton"); not "a spokeswoman for
    Hillary Clinton", who is someone else."""
    names = phrase.split()
    small = [k for k, word in enumerate(names) if word[:1].islower() and word not in PARTICLES]
    if not small:
        return None
    if small[0] and names[small[0] - 1].endswith(("'s", "’s")):  # "Mr. Trump's campaign"
        return None
    before = split_name(" ".join(names[: small[0]])) if small[0] else None
    if before is not None and (before.title or _given(before.name.split()) is not None):
        return before
    k = small[-1]
    given = _given(names[k + 1 :])
    if not (names[k] == "of" and k and is_title_word(names[k - 1])) or given is None:
        return None
    parts = split_name(" ".join(names[k + 1 + given :]))
    head = names[1 if names[0].lower() == "the" else 0 : k + 1 + given]
    return replace(parts, title=" ".join(head)) if parts is not None else None


def _given(names: Sequence[str]) -> int | None:
    """Where the first given name of a name is (its last word, the surname, excluded)."""
    return next((k for k in range(len(names) - 1) if names[k].lower() in GIVEN_NAME_GENDER),
                None)


def named(doc: Doc, source: tuple[int, int], words: Words | None = None) -> NameParts | None:
    """What a source span (characters) says of its speaker when it names one ("Mayor Bill de
    Blasio" → title "Mayor", name "Bill de Blasio"). Pronouns, descriptions, quantified and
    plural sources ("Many Democrats", "Critics") and several people name no one; a lone
    capitalised word opening a sentence ("Officials said") is a name only if the article also
    capitalises it mid-sentence."""
    span = doc.char_span(*source, alignment_mode="expand")
    if span is None or not len(span) or span.text.lower() in en.SPEAKER_PRONOUNS or (
            description(span.text) is not None):  # "The Republican": a person described
        return None
    words = words or Words.of(doc)
    start, end = naming_part(words.text, (span.start_char, span.end_char))
    phrase = words.text[start:end]
    if _SEVERAL.search(phrase):
        return None
    parts = _name_of(phrase, words)
    if parts is None or " " in parts.name:
        return parts
    opening = next((t for t in span if t.idx >= start and not t.is_space), span[0])
    if parts.name.lower() in words.lower and parts.name.endswith("s"):  # "Critics", "Voters"
        return None
    if opening.text == parts.name and words.initial[opening.i] and (
            parts.name not in words.mid_sentence):
        return None
    return parts


def fuller(doc: Doc, name: str, words: Words) -> NameParts | None:
    """The fuller form the article writes ``name`` in: more names or a title before it
    ("Trump" → "President Donald J. Trump": title "President", name "Donald J. Trump"); of
    several, the most frequent with more names, else with a title. None if it has none."""
    tokens = name.split()
    found: Counter[NameParts] = Counter()
    for i in words.positions.get(tokens[-1], ()):
        start = i - len(tokens) + 1
        if start < 0 or doc[i].idx in words.headlines or [  # not "Praises Marco Rubio"
                t.text for t in doc[start : i + 1]] != tokens:
            continue
        start = _name_start(doc, start, words)
        opening = doc[start].text
        if words.initial[start] and start < i and opening not in words.mid_sentence and (
                opening.lower() not in GIVEN_NAME_GENDER and not is_title_word(opening)):
            start += 1  # "But Trump": a capital that only opens a sentence
        parts = _name_of(doc[start : i + 1].text, words)
        if parts is None or label(parts) != "PERSON" or not parts.name.endswith(name):
            continue
        if len(tokens) > 1 and tokens[0].lower() in GIVEN_NAME_GENDER and parts.name != name:
            continue  # nothing but a title goes before a given name: not "Crooked Hillary …"
        if parts.name != name or parts.title:
            found[parts] += 1
    if not found:
        return None
    return max(found, key=lambda p: (p.name != name, found[p], len(p.name)))


def _name_start(doc: Doc, start: int, words: Words) -> int:
    """Where the name ending at token ``start`` onwards begins: back over capitalised words
    and titles ("National Guard Lt. Col. Astakhov …", the sentencizer's false stops after
    "Lt." included), not over role words ("Democrat Hillary Clinton") nor words the article
    writes in lower case ("Secretary of State Hillary Clinton")."""
    def abbreviated(k: int) -> bool:  # "Lt" "." before token k: the sentencizer stops there
        return k > 1 and doc[k - 1].text == "." and not doc[k - 2].whitespace_ and _title_short(
            doc[k - 2].text)

    while start > 0:
        if abbreviated(start):
            start -= 2
            continue
        previous = doc[start - 1]
        if words.initial[start] or not _name_word(previous.text) or not (
                is_title_word(previous.text) or (previous.lower_ not in en.ROLE_NOUNS
                                                 and previous.lower_ not in words.lower)):
            return start
        start -= 1
    return start


def _title_short(text: str) -> bool:
    """A title written short: "Lt", "Col", "Gen" (not "aide" ending a sentence)."""
    return len(text) <= 4 and text[:1].isupper() and is_title_word(text)


def _name_word(text: str) -> bool:
    return (text[:1].isupper() and any(c.isalpha() for c in text)) or text in PARTICLES


def description(phrase: str) -> str | None:
    """The role word of "the mayor" / "the spokeswoman" (None for anything else, "the
    president's spokesman" too: someone else's)."""
    words = phrase.lower().split()
    if 2 <= len(words) <= 4 and words[0] == "the" and words[-1] in en.ROLE_NOUNS and not any(
            w.endswith(("'s", "’s")) for w in words):
        return words[-1]
    return None


def naming_part(text: str, source: tuple[int, int]) -> tuple[int, int]:
    """The part of a source span (characters) that names someone: its last line (a headline
    above the sentence is not its source), up to a comma, a parenthesis or a relative clause
    ("Jorge Castañeda, a former minister who …"), without edge spaces."""
    start, end = source
    start = max(start, text.rfind("\n", start, end) + 1)
    cut = _NAMING_PART.search(text, start, end)
    end = cut.start() if cut else end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
