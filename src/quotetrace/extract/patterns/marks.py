"""Quotation marks by role, across the styles newsrooms use. Data only."""

from __future__ import annotations

DOUBLE_OPEN = "\u201c\u201e\u00ab"  # “ „ «
DOUBLE_CLOSE = "\u201d\u00bb"  # ” »
DOUBLE_EITHER = '"'  # straight marks, and the NYT's doubled apostrophe ''
SINGLE_OPEN = "\u2018\u201a\u2039"  # ‘ ‚ ‹
SINGLE_CLOSE = "\u203a"  # ›
SINGLE_EITHER = "'\u2019"  # ' ’ are also apostrophes
# „ is closed by “ in German and Czech style; « by » (or » by « in Danish, not handled).
LOW_OPENERS = "\u201e\u201a"
CLOSERS_OF_LOW_OPEN = "\u201c\u201d"
ALL_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_EITHER + SINGLE_OPEN + SINGLE_CLOSE + SINGLE_EITHER
# Characters a quotation may start after or end before.
OPENING_CONTEXT = " \t([{\u2014\u2013-:/"
