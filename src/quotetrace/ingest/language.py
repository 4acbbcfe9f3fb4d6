"""Which language an article is written in, when neither the user nor the page says."""

from __future__ import annotations

import py3langid  # type: ignore[import-untyped]

MIN_LETTERS = 40  # below this, a guess is noise: leave the language unknown
SAMPLE = 3000  # characters read: the same guess as 20,000 on all 924 demo articles, 2 ms sooner


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of ``text``'s language (py3langid), or None for too little text."""
    if sum(c.isalpha() for c in text[:SAMPLE]) < MIN_LETTERS:
        return None
    code, _ = py3langid.classify(text[:SAMPLE])
    return str(code)


def load_identifier() -> None:
    """Load py3langid's model now (0.7 s of CPU here) rather than in the first article."""
    py3langid.classify("warm up")
