"""Fast mode's speakers and people, without a parse or NER: names from the source spans.

A source span that holds a name ("Mayor Bill de Blasio", "Mr. Trump") names its speaker; a
lone surname takes the fuller name the article gives it ("Trump" → "Donald Trump"); the names
cluster into people as in ``entities``. "He"/"she" resolve to the person of that gender credited
or named last, outside what is reported; a description ("the mayor", "the spokeswoman") to the
last speaker holding that role, else the last speaker. Plural and unnamed sources stay
unresolved. The people credited become the article's entities.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from spacy.attrs import IDX, ORTH, SENT_START  # type: ignore[import-not-found]
from spacy.tokens import Doc, Token

from quotetrace.extract.entities import Cluster, join, title_case_lines
from quotetrace.extract.names import NameParts, is_title_word, name_key, split_name
from quotetrace.extract.patterns import en
from quotetrace.extract.patterns.personnames import GIVEN_NAME_GENDER, PARTICLES
from quotetrace.extract.relation import Attribution
from quotetrace.extract.speakers import Speaker, role_of, title_gender
from quotetrace.records import Entity, Span, record_id

PRODUCER = "entities.fast-speakers.v1"
# How sure each kind of resolution is (as in ``speakers``).
NAMED, PRONOUN, DESCRIBED = 0.9, 0.7, 0.6


@dataclass(frozen=True, slots=True)
class Words:
    """Where each word of a doc is written, and the words written mid-sentence: built in one
    pass, for the lookups of one article."""

    at: dict[str, list[int]]  # token indices by text
    mid_sentence: frozenset[str]
    lower: frozenset[str]  # words the article writes in lower case
    headlines: tuple[tuple[int, int], ...]  # lines in Title Case, where capitals name no one

    @classmethod
    def of(cls, doc: Doc) -> Words:
        texts = [doc.vocab.strings[h] for h in doc.to_array(ORTH).tolist()]
        at: dict[str, list[int]] = {}
        for i, text in enumerate(texts):
            at.setdefault(text, []).append(i)
        starts = doc.to_array(SENT_START).tolist() if doc.has_annotation("SENT_START") else []
        headlines = tuple(title_case_lines(doc.text))
        offsets = doc.to_array(IDX).tolist()
        mid = frozenset(text for i, text in enumerate(texts) if i and starts and starts[i] != 1
                        and not any(s <= offsets[i] < e for s, e in headlines))
        return cls(at, mid, frozenset(t for t in at if t.islower()), headlines)


def named(doc: Doc, source: tuple[int, int], words: Words | None = None) -> NameParts | None:
    """What a source span (characters) says of its speaker when it names one ("Mayor Bill de
    Blasio" → title "Mayor", name "Bill de Blasio"); pronouns and descriptions name no one. A
    lone capitalised word opening a sentence ("Officials said") is a name only if the article
    also capitalises it mid-sentence."""
    span = doc.char_span(*source, alignment_mode="expand")
    if span is None or not len(span) or span.text.lower() in en.SPEAKER_PRONOUNS:
        return None
    words = words or Words.of(doc)
    parts = _described_name(_trimmed(split_name(span.text), words))
    if parts is None or " " in parts.name or not span[0].is_sent_start:
        return parts
    if span[0].text != parts.name:  # "Mr. Trump": the name does not open the sentence
        return parts
    return parts if parts.name in words.mid_sentence else None


def _trimmed(parts: NameParts | None, words: Words) -> NameParts | None:
    """A name without the leading capitalised words the article otherwise writes in lower case
    ("Rival Hillary Clinton", "Neither Donald J. Trump"), given names excepted ("Bill")."""
    if parts is None or _label(parts) != "PERSON":  # "United Nations Security Council"
        return parts
    names = parts.name.split()
    cut = 0
    while cut < len(names) - 2 and names[cut].lower() in words.lower and (
            names[cut].lower() not in GIVEN_NAME_GENDER):
        cut += 1
    return replace(parts, name=" ".join(names[cut:])) if cut else parts


def _described_name(parts: NameParts | None) -> NameParts | None:
    """A name's leading role words made its title: "Democrat Hillary Clinton" → "Democrat",
    "Hillary Clinton"."""
    if parts is None or _label(parts) != "PERSON":  # "Republican National Committee"
        return parts
    words = parts.name.split()
    cut = 0
    while cut < len(words) - 2 and words[cut].lower() in en.ROLE_NOUNS:
        cut += 1
    if not cut:
        return parts
    title = " ".join(filter(None, [parts.title, *words[:cut]]))
    return NameParts(parts.organisation, title, " ".join(words[cut:]))


def _name_word(token: Token) -> bool:
    text = token.text
    return (text[:1].isupper() and any(c.isalpha() for c in text)) or text in PARTICLES


def fuller(doc: Doc, surname: str, words: Words) -> NameParts | None:
    """The longest-written name the article gives a lone ``surname`` ("President Donald J.
    Trump" → "Donald J. Trump"), the most frequent if several; None if it has none."""
    found: Counter[str] = Counter()
    titles: dict[str, NameParts] = {}
    for i in words.at.get(surname, ()):
        token = doc[i]
        if any(s <= token.idx < e for s, e in words.headlines):  # "Praises Marco Rubio"
            continue
        start = token.i
        while start > 0 and _name_word(doc[start - 1]) and not doc[start].is_sent_start and (
                is_title_word(doc[start - 1].text)
                or doc[start - 1].lower_ not in en.ROLE_NOUNS):  # not "Democrat Hillary Clinton"
            start -= 1
        if doc[start].is_sent_start and start < token.i and (
                doc[start].text not in words.mid_sentence):  # "But Trump": only opens a sentence
            start += 1
        parts = _trimmed(split_name(doc[start : token.i + 1].text), words)
        if parts is not None and " " in parts.name:
            found[parts.name] += 1
            titles.setdefault(parts.name, parts)
    if not found:
        return None
    most = max(found.values())
    return titles[next(name for name, n in found.items() if n == most)]


@dataclass(slots=True)
class _Walk:
    """Who was credited or named last while the attributions are read in order."""

    seen: list[tuple[int, Cluster]]  # (character position, person)
    speakers: list[Cluster] = field(default_factory=list)
    learned: dict[int, str] = field(default_factory=dict)  # id(cluster) → gender: "Mr.", "he"

    def gender(self, cluster: Cluster) -> str | None:
        """From a title, else a pronoun or title met before, else the given name."""
        given = (GIVEN_NAME_GENDER.get(word) for word in cluster.key[:-1])
        return (title_gender(cluster.roles) or self.learned.get(id(cluster))
                or next(filter(None, given), None))

    def recent(self, before: int, gender: str) -> Cluster | None:
        for position, cluster in reversed(self.seen):
            if cluster.label != "PERSON":
                continue
            known = self.gender(cluster)
            if position < before and known in (None, gender):
                return cluster
        return None

    def described(self, word: str) -> Cluster | None:
        people = [c for c in self.speakers if c.label == "PERSON"]
        holders = [c for c in people if any(word in r.lower().split() for r in c.roles)]
        chosen = holders or people
        return chosen[-1] if chosen else None

    def credit(self, cluster: Cluster, position: int) -> None:
        self.speakers.append(cluster)
        self.seen.append((position, cluster))
        self.seen.sort(key=lambda p: p[0])


def _label(parts: NameParts) -> str:
    """PERSON, unless a word of the name names an institution or an outlet ("Tax Foundation",
    "Washington Post"): fast mode has no NER to tell them apart."""
    words = set(name_key(parts.name))
    acronym = parts.name.isupper() and len(parts.name) <= 6  # "FBI", "CNN"
    if parts.title is None and (acronym or words & (en.ORGANISATION_WORDS | set(en.OUTLET_WORDS))):
        return "ORG"
    return "PERSON"


def _clusters(doc: Doc, names: dict[int, NameParts], words: Words
              ) -> tuple[list[Cluster], dict[int, Cluster]]:
    """The people and bodies named by the sources, longest names first, and each source's."""
    clusters: list[Cluster] = []
    lone = {p.name for p in names.values() if " " not in p.name}
    fuller_names = filter(None, (fuller(doc, name, words) for name in sorted(lone)))
    ordered = dict.fromkeys([*(names[k] for k in sorted(names)), *fuller_names])  # no set:
    for parts in sorted(ordered, key=lambda p: -len(p.name)):  # the same roles in every run
        cluster = join(clusters, parts, _label(parts))
        for value, bucket in ((parts.title, cluster.roles),
                              (parts.organisation, cluster.organisations)):
            if value and value not in bucket:
                bucket.append(value)
    return clusters, {k: join(clusters, parts, _label(parts)) for k, parts in names.items()}


def _mentions(doc: Doc, words: Words, clusters: Sequence[Cluster],
              reported: Sequence[tuple[int, int]]) -> tuple[list[tuple[int, Cluster]], dict[int, str]]:
    """Where each person's surname is written outside what is reported, and the gender the
    titles before it give ("Mr. Trump" anywhere: id(cluster) → "m")."""
    by_surname = {c.key[-1]: c for c in reversed(clusters) if c.key and c.label == "PERSON"}
    seen: list[tuple[int, Cluster]] = []
    genders: dict[int, str] = {}
    for text, where in words.at.items():
        cluster = by_surname.get(text.lower())
        if cluster is None or not text[:1].isupper():
            continue
        for i in where:
            if i and (gender := title_gender([doc[i - 1].text])) is not None:
                genders.setdefault(id(cluster), gender)
            if not any(s <= doc[i].idx < e for s, e in reported):
                seen.append((doc[i].idx, cluster))
    return sorted(seen, key=lambda p: p[0]), genders


def _description(text: str) -> str | None:
    """The role word of "the mayor" / "the spokeswoman" (None for anything else)."""
    words = text.lower().split()
    if 2 <= len(words) <= 4 and words[0] == "the" and words[-1] in en.ROLE_NOUNS:
        return words[-1]
    return None


def resolve(doc: Doc, attributions: Sequence[Attribution], document_id: str,
            quoted: Sequence[tuple[int, int]] = ()) -> tuple[tuple[Speaker | None, ...],
                                                             tuple[Entity, ...]]:
    """One speaker per attribution (in the order given) and the people credited, as entities
    with the source spans that refer to them."""
    text = doc.text
    words = Words.of(doc)
    names = {k: parts for k, a in enumerate(attributions) if a.source
             and (parts := named(doc, a.source, words)) is not None}
    clusters, person = _clusters(doc, names, words)
    reported = [*quoted, *(span for a in attributions for span in a.content)]
    seen, genders = _mentions(doc, words, clusters, reported)
    walk = _Walk(seen, learned=genders)
    resolved: dict[int, tuple[Cluster, float]] = {}
    order = sorted((k for k, a in enumerate(attributions) if a.source),
                   key=lambda k: attributions[k].source[0])  # type: ignore[index]
    for k in order:
        att = attributions[k]
        assert att.source is not None
        phrase = text[att.source[0] : att.source[1]].lower()
        found: tuple[Cluster | None, float] = (None, 0.0)
        if k in person:
            found = person[k], NAMED
        elif phrase in en.PRONOUN_GENDER:
            found = walk.recent(att.source[0], en.PRONOUN_GENDER[phrase]), PRONOUN
            if found[0] is not None:
                walk.learned.setdefault(id(found[0]), en.PRONOUN_GENDER[phrase])
        elif (role := _description(phrase)) is not None:
            found = walk.described(role), DESCRIBED
        cluster, confidence = found
        if cluster is not None:
            resolved[k] = cluster, confidence
            walk.credit(cluster, max(att.source[1], att.cue[1] if att.cue else 0))
    return _records(text, attributions, resolved, clusters, document_id)


def _records(text: str, attributions: Sequence[Attribution],
             resolved: dict[int, tuple[Cluster, float]], clusters: Sequence[Cluster],
             document_id: str) -> tuple[tuple[Speaker | None, ...], tuple[Entity, ...]]:
    for k, (cluster, _) in resolved.items():
        start, end = attributions[k].source  # type: ignore[misc]
        cluster.mentions.append(Span(start, end, text[start:end]))
    entities: dict[int, Entity] = {}
    for c in clusters:
        if c.mentions:
            mentions = tuple(sorted(set(c.mentions), key=lambda m: (m.start, m.end)))
            entities[id(c)] = Entity(record_id(document_id, "entity", c.label, c.name), c.name,
                                     c.label, mentions, tuple(c.roles), tuple(c.organisations),
                                     PRODUCER)
    speakers: list[Speaker | None] = []
    for k in range(len(attributions)):
        if k not in resolved:
            speakers.append(None)
            continue
        cluster, confidence = resolved[k]
        entity = entities[id(cluster)]
        speakers.append(Speaker(entity.id, entity.name, role_of(entity), confidence))
    ordered = sorted(entities.values(), key=lambda e: e.mentions[0].start)
    return tuple(speakers), tuple(ordered)
