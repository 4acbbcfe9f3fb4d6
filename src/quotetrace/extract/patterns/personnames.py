"""The parts of personal names that are not given names or surnames, across languages. Data only.

Used to tell "Donald Trump Jr." from "Donald Trump" and to key "Bashar al-Assad" as "assad".
"""

from __future__ import annotations

# Generational suffixes: part of who a person is ("Jr." is not his father).
SUFFIXES = frozenset(["jr", "sr", "junior", "senior", "ii", "iii", "iv", "v"])

# Particles before a surname, dropped when keying it ("de Blasio" ~ "Blasio", "al-Assad" ~ "Assad").
PARTICLES = frozenset(["al", "el", "ul", "bin", "ibn", "ben", "abu", "de", "del", "della", "di",
                       "da", "dos", "das", "du", "le", "la", "van", "von", "der", "den", "ter",
                       "zu"])
