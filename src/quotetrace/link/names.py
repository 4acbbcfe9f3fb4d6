"""Personal names cut into given names, surname and suffix, so that variants of one name meet.

"Sen. Hillary Rodham Clinton" → given (hillary, rodham), surname clinton; "Donald Trump Jr." keeps
its suffix, so it never meets "Donald Trump"; "Bashar al-Assad" and "Assad" share the surname
"assad"; "Erdoğan" is "erdogan". Titles come from the same lexicon the extractors use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from anyascii import anyascii

from quotetrace.extract.names import is_title_word
from quotetrace.extract.patterns.personnames import PARTICLES, SUFFIXES

_POSSESSIVE = re.compile(r"(?:['’‘]s|['’‘])$")
_STRIP = ",;:'\"()[]{}‘’“”-"
_BREAK = re.compile(r"[\s—–]+")


@dataclass(frozen=True, slots=True)
class PersonName:
    """A name's parts, normalised: ASCII, lower case, no titles, no particles."""

    given: tuple[str, ...]
    surname: str
    suffix: str | None

    @property
    def key(self) -> tuple[str, ...]:
        return (*self.given, self.surname, self.suffix or "")

    @property
    def single(self) -> bool:
        """One word only ("Clinton", "Hillary"): it may stand for several people."""
        return not self.given

    @property
    def size(self) -> int:
        return len(self.given) + 1 + (self.suffix is not None)


def display_name(name: str) -> str:
    """A name as written, without what entity spans drag along: "Ted Cruz—35", "Trump's"."""
    words = []
    for raw in _BREAK.split(name):
        word = _POSSESSIVE.sub("", raw.strip(_STRIP)).strip(_STRIP)
        if len(word) > 4 and word.endswith("."):  # a sentence's full stop, not "Jr." or "W."
            word = word[:-1]
        if word and word[0].isalpha() and not any(c.isdigit() for c in word):
            words.append(word)
    while len(words) > 1 and is_title_word(words[0]):
        words = words[1:]
    shown = " ".join(words)
    return shown.title() if shown.isupper() and len(shown) > 3 else shown


def _words(name: str) -> list[str]:
    """The name's words, transliterated, initials apart ("W.H." → W, H), particles unhyphened."""
    words: list[str] = []
    for word in anyascii(display_name(name)).split():
        head, _, rest = word.partition("-")
        if rest and head.lower() in PARTICLES:  # "al-Assad"
            word = rest
        words.extend(part for part in word.split(".") if part)
    return words


def _not_a_name(name: str) -> bool:
    """"Donald Trump's Son", "pro-Clinton": a phrase about a person, not a name."""
    parts = _BREAK.split(name.strip())
    return any(_POSSESSIVE.search(part.strip(_STRIP)) for part in parts[:-1]) or any(
        part[:1].islower() and part.split("-")[0] not in PARTICLES for part in parts)


def parse_name(name: str) -> PersonName | None:
    """A person's name as its parts; None when nothing but titles or noise is left."""
    words = _words(name)
    if all(is_title_word(word) for word in words) or _not_a_name(name):
        return None
    while is_title_word(words[0]):
        words = words[1:]
    lowered = [word.lower() for word in words]
    if lowered[-1] in SUFFIXES and len(lowered) == 1:
        return None
    suffix = lowered.pop() if lowered[-1] in SUFFIXES else None
    lowered = [word for word in lowered if word not in PARTICLES] or lowered[-1:]
    return PersonName(tuple(lowered[:-1]), lowered[-1], suffix)


def _same_given(one: str, other: str) -> bool:
    """Equal, or one is the other's initial ("H." and "Hillary")."""
    if len(one) == 1 or len(other) == 1:
        return one[0] == other[0]
    return one == other


def compatible(one: PersonName, other: PersonName) -> bool:
    """Can both names be the same person? A single word is compatible with any name it ends."""
    if one.surname != other.surname:
        return False
    if one.single or other.single:
        return True
    if one.suffix != other.suffix:
        return False
    shorter, longer = sorted((one.key, other.key), key=len)
    if len(shorter) < len(longer) and longer[-len(shorter) :] == shorter:
        return True  # "Peña Nieto" in "Enrique Peña Nieto", "W. Bush" in "George W. Bush"
    if not _same_given(one.given[0], other.given[0]):
        return False
    middle, other_middle = one.given[1:], other.given[1:]
    return not (middle and other_middle) or _same_given(middle[0], other_middle[0])
