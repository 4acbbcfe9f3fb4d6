"""Words as linking compares them: transliterated to ASCII, lower-cased, hashed to stable integers.

Transliteration makes "Erdoğan", "Erdogan" and "Эрдоган" meet; hashing uses blake2b, not
``hash()``, whose value changes from one process to the next.
"""

from __future__ import annotations

import hashlib
import re
import sys
from datetime import date

from anyascii import anyascii

_WORD = re.compile(r"[^\W_]+(?:['’][^\W\d_]+)*")


def normalise(word: str) -> str:
    """One word as compared across outlets and scripts (interned: corpora repeat their words)."""
    return sys.intern((word if word.isascii() else anyascii(word)).lower())


def words(text: str) -> list[str]:
    """The normalised words and numbers of a text, in order."""
    return [normalise(match.group()) for match in _WORD.finditer(text)]


def surface_words(text: str) -> list[tuple[str, str]]:
    """Each word as written and as compared: the diff shows the first, matching uses the second."""
    return [(match.group(), normalise(match.group())) for match in _WORD.finditer(text)]


def feature_hash(feature: str) -> int:
    """A stable 63-bit integer for a feature string."""
    digest = hashlib.blake2b(feature.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "little") >> 1


def day_number(iso: str | None) -> int | None:
    """An ISO date (or datetime) as a day count, None when absent or unreadable."""
    if not iso:
        return None
    try:
        return date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return None
