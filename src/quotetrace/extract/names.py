"""Split a person's noun phrase into organisation, title and name: the shape of bylines and credits.

"National Guard Lt. Col. Astakhov Dmitry Mikhailovich" → ("National Guard", "Lt. Col.",
"Astakhov Dmitry Mikhailovich"); "White House press secretary Josh Earnest" → ("White House",
"press secretary", "Josh Earnest").
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from quotetrace.extract.patterns import en
from quotetrace.extract.patterns.personnames import GIVEN_NAME_GENDER, PARTICLES

_TITLE_WORDS = frozenset(word for title in en.TITLES for word in title.split())
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


@dataclass(frozen=True, slots=True)
class NameParts:
    """A person's phrase cut into what it says about them."""

    organisation: str | None
    title: str | None
    name: str


def is_title_word(word: str) -> bool:
    return word.lower().rstrip(".") in _TITLE_WORDS


def _is_name_word(word: str) -> bool:
    return word[:1].isupper() and not is_title_word(word) and any(c.isalpha() for c in word)


def split_name(phrase: str) -> NameParts | None:
    """Cut a phrase at its last title word; None when no capitalised name follows."""
    words = [_POSSESSIVE.sub("", w) for w in phrase.replace(",", " ").split()]
    while words and words[0].lower() in ("the", "a", "an", "former", "then"):
        words = words[1:]
    titles = [i for i, w in enumerate(words) if is_title_word(w)]
    last_title = titles[-1] if titles else -1
    name = words[last_title + 1 :]
    if not name or not all(_is_name_word(w) or w in PARTICLES for w in name):
        return None
    if not titles:
        return NameParts(None, None, " ".join(name))
    first = titles[0]
    while first > 0 and words[first - 1][:1].islower():  # "press secretary"
        first -= 1
    organisation = " ".join(words[:first]) or None
    return NameParts(organisation, " ".join(words[first : last_title + 1]), " ".join(name))


def padding(word: str, written_small: Collection[str]) -> bool:
    """A capital that opens a name without being part of it: the article writes the word in
    lower case elsewhere ("Rival Hillary Clinton"), and it is neither a given name ("Bill
    Clinton") nor a title ("Mayor Bill de Blasio", whatever "the mayor" says)."""
    lower = word.lower()
    return lower in written_small and lower not in GIVEN_NAME_GENDER and not is_title_word(word)


def name_key(name: str) -> tuple[str, ...]:
    """Lower-cased name tokens, for matching "Sullivan" to "Kevin Sullivan"."""
    return tuple(w.lower().strip(".").replace("\u2019", "'") for w in name.split()
                 if not is_title_word(w))
