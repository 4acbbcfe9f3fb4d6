"""Date mentions: spaCy DATE entities resolved to calendar dates against the publication date.

Relative expressions ("yesterday", "on Monday") only mean a date given the day the article was
published, so without one they keep ``value=None``; durations and ages are not points in time.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Final, Literal

from dateparser.date import DateDataParser  # type: ignore[import-untyped]
from spacy.tokens import Doc

from quotetrace.extract import text_of
from quotetrace.records import DateMention, Span, record_id

__all__ = ["PRODUCER", "extract_dates"]

logger = logging.getLogger(__name__)

PRODUCER: Final = "dates.dateparser.v1"

Granularity = Literal["day", "month", "year"]
_GRANULARITIES: Final[Mapping[str, Granularity]] = {"day": "day", "month": "month", "year": "year"}
# Without a publication date, an expression means a date only if two unrelated bases agree on it.
_UNANCHORED_BASES: Final = (datetime(2001, 1, 15, 12), datetime(2013, 7, 15, 12))
_ADJACENT_GAP: Final = re.compile(r"\s*,?\s*")

_WORDS: Final[Mapping[str, Mapping[str, str]]] = {
    "en": {
        "day": "today yesterday tomorrow tonight",
        "relative": "ago last next this previous past coming earlier later",
        "weekday": "monday tuesday wednesday thursday friday saturday sunday",
        "time_of_day": "morning afternoon evening night",
        "month": "january february march april may june july august september october november"
        " december jan feb mar apr jun jul aug sep sept oct nov dec",
        "unit": "second minute hour day night week weekend fortnight month year decade century"
        " centuries",
        "quantity": "a an one two three four five six seven eight nine ten eleven twelve fifteen"
        " twenty thirty forty fifty hundred several few couple many dozen dozens",
        "anchor": "ago earlier later before after since hence",
        "future": "will would shall 'll wo",  # modals that put a bare weekday ahead
    },
}


@dataclass(frozen=True, slots=True)
class _Patterns:
    """The word lists of one language, compiled."""

    relative: re.Pattern[str]
    pieces: re.Pattern[str]
    weekday: re.Pattern[str]
    month: re.Pattern[str]
    duration: re.Pattern[str]
    not_a_point: re.Pattern[str]
    anchor: re.Pattern[str]
    weekdays: tuple[str, ...]
    future: frozenset[str]


def _alternatives(words: str) -> str:
    return "|".join(sorted(map(re.escape, words.split()), key=len, reverse=True))


def _compile(words: Mapping[str, str]) -> _Patterns:
    relative, weekday = _alternatives(words["relative"]), _alternatives(words["weekday"])
    day, month = _alternatives(words["day"]), _alternatives(words["month"])
    after_day = "|".join(
        rf"(?<=\b{word})" for word in (words["day"] + " " + words["weekday"]).split()
    )
    unit, quantity = _alternatives(words["unit"]), _alternatives(words["quantity"])
    flags = re.IGNORECASE
    return _Patterns(
        relative=re.compile(rf"\b(?:{day}|{relative}|{weekday})\b", flags),
        pieces=re.compile(rf"\s*,\s*|(?:{after_day})\s+(?=(?:{month})\b|\d)", flags),
        weekday=re.compile(
            rf"^(?:on\s+)?({weekday})(?:\s+(?:{_alternatives(words['time_of_day'])}))?$", flags
        ),
        month=re.compile(rf"\b(?:{month})\b", flags),
        duration=re.compile(
            rf"\b(?:\d+(?:\.\d+)?|{quantity})(?:[\s-]+(?:{quantity}))*"
            rf"[\s-]+(?:{unit})s?\b",
            flags,
        ),
        not_a_point=re.compile(rf"\b(?:{unit})s?[\s-]+old\b|\d0'?s\b", flags),  # ages, decades
        anchor=re.compile(rf"\b(?:{_alternatives(words['anchor'])})\b", flags),
        weekdays=tuple(words["weekday"].lower().split()),
        future=frozenset(words["future"].split()),
    )


_PATTERNS: Final[Mapping[str, _Patterns]] = {lang: _compile(w) for lang, w in _WORDS.items()}


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A stretch of the text that may name a date, cut where a relative part may end."""

    start: int
    end: int
    pieces: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Resolver:
    """Everything needed to turn a date expression into a calendar date for one article."""

    parsers: tuple[DateDataParser, ...]
    bases: tuple[datetime, ...]
    patterns: _Patterns

    def resolve(self, text: str, future: bool = False) -> tuple[date | None, Granularity] | None:
        """The date ``text`` means (None if it depends on a missing base), or None if no date.

        A bare weekday is the last one before publication, or the next one in a future clause.
        """
        if weekday := self.patterns.weekday.match(text.strip()):
            return (self._weekday(weekday.group(1), future), "day")
        values: set[date] = set()
        granularities: set[Granularity] = set()
        for parser in self.parsers:
            parsed = self._parse(parser, text)
            if parsed is None:
                return None
            values.add(parsed[0])
            granularities.add(parsed[1])
        if len(granularities) != 1:
            return None
        return (values.pop() if len(values) == 1 else None, granularities.pop())

    def agrees(self, text: str, stated: date | None) -> bool:
        """Whether relative ``text`` can mean the ``stated`` date ("Friday, March 4")."""
        if stated is None:
            return True
        if weekday := self.patterns.weekday.match(text.strip()):
            return self._weekday_index(weekday.group(1)) == stated.weekday()
        implied = self.resolve(text)
        return implied is None or implied[0] in (None, stated)

    def _weekday(self, name: str, future: bool) -> date | None:
        if len(self.bases) != 1:
            return None
        base, index = self.bases[0].date(), self._weekday_index(name)
        if future:
            return base + timedelta(days=(index - base.weekday()) % 7)
        return base - timedelta(days=(base.weekday() - index) % 7)

    def _weekday_index(self, name: str) -> int:
        return self.patterns.weekdays.index(name.lower())

    def _parse(self, parser: DateDataParser, text: str) -> tuple[date, Granularity] | None:
        data = parser.get_date_data(text)
        granularity = _GRANULARITIES.get(data.period or "")
        parts = data.parts
        day_without_month = "day" in parts and "month" not in parts  # "2020-21"
        if data.date_obj is None or granularity is None or day_without_month:
            return None
        if "year" not in parts and not self.patterns.month.search(text):
            return None  # "the 7th" read as July
        value = data.date_obj.date()
        if granularity != "day":
            value = value.replace(day=1, month=1 if granularity == "year" else value.month)
        return (value, granularity)


def _relative_bases(published: str | None) -> tuple[datetime, ...]:
    if published is None:
        return _UNANCHORED_BASES
    try:
        return (datetime.combine(date.fromisoformat(published[:10]), time(12)),)
    except ValueError:
        logger.warning("unreadable publication date %r: relative dates left unresolved", published)
        return _UNANCHORED_BASES


def _candidates(doc: Doc, patterns: _Patterns) -> list[_Candidate]:
    """DATE entities that may be points in time; "yesterday" + ", March 7" become one candidate."""
    candidates: list[_Candidate] = []
    for entity in doc.ents:
        text = entity.text
        if entity.label_ != "DATE" or patterns.not_a_point.search(text):
            continue
        if patterns.duration.search(text) and not patterns.anchor.search(text):
            continue
        pieces = tuple(piece for piece in patterns.pieces.split(text) if piece)
        previous = candidates[-1] if candidates else None
        if (
            previous
            and _ADJACENT_GAP.fullmatch(text_of(doc)[previous.end : entity.start_char])
            and (_is_relative(previous.pieces, patterns) != _is_relative(pieces, patterns))
        ):
            candidates[-1] = _Candidate(previous.start, entity.end_char, previous.pieces + pieces)
        else:
            candidates.append(_Candidate(entity.start_char, entity.end_char, pieces))
    return candidates


def _is_relative(pieces: tuple[str, ...], patterns: _Patterns) -> bool:
    return any(patterns.relative.search(piece) for piece in pieces)


def _in_future_clause(doc: Doc, candidate: _Candidate, future: frozenset[str]) -> bool:
    """Whether the verb governing the expression is marked future ("will", "would", "'ll")."""
    span = doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
    if span is None:
        return False
    verb = span.root
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return any(c.tag_ == "MD" and c.lower_ in future for c in verb.children)


def _mention(
    candidate: _Candidate, doc: Doc, resolver: _Resolver, document_id: str
) -> DateMention | None:
    patterns = resolver.patterns
    relative = [piece for piece in candidate.pieces if patterns.relative.search(piece)]
    absolute = [piece for piece in candidate.pieces if not patterns.relative.search(piece)]
    text = text_of(doc)[candidate.start : candidate.end]
    if relative and absolute:  # "yesterday, March 7": the written date wins over the relative word
        stated, implied = resolver.resolve(", ".join(absolute)), ", ".join(relative)
        resolved = stated or resolver.resolve(implied)
        agree = stated is not None and resolver.agrees(implied, stated[0])
        confidence = 0.95 if agree else 0.6
    else:
        future = _in_future_clause(doc, candidate, patterns.future)
        resolved, confidence = resolver.resolve(text, future), 0.8 if relative else 0.9
    if resolved is None:
        return None
    value, granularity = resolved
    return DateMention(
        id=record_id(document_id, "date", candidate.start, candidate.end),
        span=Span(candidate.start, candidate.end, text),
        value=value.isoformat() if value else None,
        granularity=granularity,
        relative=bool(relative),
        confidence=confidence if value else 0.3,
        producer=PRODUCER,
    )


def extract_dates(
    doc: Doc, published: str | None, document_id: str, lang: str = "en"
) -> tuple[DateMention, ...]:
    """Date mentions of ``doc``, resolved against ``published`` (ISO date) and never today."""
    lang = lang.replace("_", "-").split("-")[0].lower()  # "en-GB" → "en": dateparser's codes
    patterns = _PATTERNS.get(lang)
    if patterns is None:
        logger.debug("no date word lists for %r; using English ones", lang)
        patterns = _PATTERNS["en"]
    bases = _relative_bases(published)
    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    try:
        parsers = tuple(
            DateDataParser(languages=[lang], settings={**settings, "RELATIVE_BASE": base})
            for base in bases
        )
    except ValueError:
        logger.warning("dateparser does not support language %r: no dates extracted", lang)
        return ()
    resolver = _Resolver(parsers, bases, patterns)
    mentions = (
        _mention(candidate, doc, resolver, document_id) for candidate in _candidates(doc, patterns)
    )
    return tuple(mention for mention in mentions if mention is not None)
