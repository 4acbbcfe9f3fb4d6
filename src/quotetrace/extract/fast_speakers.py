"""Fast mode's speakers, without a parse or NER: the names the source spans hold.

A source span that holds a name ("Mayor Bill de Blasio", "Mr. Trump") names its speaker; a
lone surname takes the fuller name the article gives it ("Trump" → "Donald Trump"); the names
cluster as in ``entities``. "He"/"she" resolve to the person of that gender credited or named
last, outside what is reported; a description ("the mayor", "the spokeswoman") to the last
speaker holding that role, else the last speaker of a compatible gender. Plural, quantified and
several-person sources ("officials", "many Democrats", "Mr. Grassley and Mr. Leahy") stay
unresolved. The people and bodies credited become the article's entities; the bodies ("the
Tax Foundation", "Politico") its cited sources.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from spacy.attrs import IDX, IS_SPACE, ORTH, SENT_START  # type: ignore[import-not-found]
from spacy.tokens import Doc

from quotetrace.extract.entities import Cluster, join_cluster, title_case_lines
from quotetrace.extract.names import NameParts, is_title_word, name_key, split_name
from quotetrace.extract.patterns import en
from quotetrace.extract.patterns.personnames import GIVEN_NAME_GENDER, PARTICLES, SUFFIXES
from quotetrace.extract.relation import Attribution
from quotetrace.extract.sources import body_kind
from quotetrace.extract.speakers import (
    DESCRIBED,
    NAMED,
    PRONOUN,
    Speaker,
    role_of,
    title_gender,
)
from quotetrace.records import CitedSource, Entity, Span, record_id

PRODUCER = "entities.fast-speakers.v1"
SOURCE_PRODUCER = "sources.fast-speakers.v1"
CITED = 0.6  # how sure a body credited in fast mode is a source the article cites
_CREDIT_CUES = ("according to", "as per", "per ", "citing")
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
        text = doc.text
        headlines = Regions(title_case_lines(text))
        offsets = doc.to_array(IDX).tolist()
        mid = frozenset(text for i, text in enumerate(texts)
                        if not initial[i] and offsets[i] not in headlines)
        return cls(text, positions, tuple(initial), mid,
                   frozenset(t for t in positions if t.islower()), headlines)


def _is_organisation(words: Sequence[str]) -> bool:
    return bool(set(words) & _ORGANISATION)


def _label(parts: NameParts) -> str:
    """PERSON when a title or a given name says so ("Republican Donald Trump", "Vicente Fox");
    ORG when a word names an institution or an outlet ("Tax Foundation", "Washington Post") or
    the name is a short acronym ("FBI"); PERSON otherwise. Fast mode has no NER."""
    key = name_key(parts.name)
    if parts.title or any(word in GIVEN_NAME_GENDER for word in key[:-1]):
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
    while cut < len(names) - 1 and names[cut].lower() in words.lower and (
            names[cut].lower() not in GIVEN_NAME_GENDER):
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
            _description(span.text) is not None):  # "The Republican": a person described
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
        if parts is None or _label(parts) != "PERSON" or not parts.name.endswith(name):
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


def _surname(cluster: Cluster) -> str | None:
    names = [word for word in cluster.key if word not in SUFFIXES]
    return names[-1] if names else None


@dataclass(slots=True)
class _Walk:
    """Who was credited or named last while the attributions are read in order."""

    seen: list[tuple[int, int]]  # (character position, cluster index), sorted
    clusters: Sequence[Cluster]
    learned: dict[int, str]  # cluster index → gender met in a title ("Mr.") or by a pronoun
    speakers: list[int] = field(default_factory=list)

    def gender(self, k: int) -> str | None:
        """From a title, else a pronoun or title met before, else the given name."""
        cluster = self.clusters[k]
        given = (GIVEN_NAME_GENDER.get(word) for word in cluster.key[:-1])
        return (title_gender(cluster.roles) or self.learned.get(k)
                or next(filter(None, given), None))

    def _person(self, k: int, gender: str | None) -> bool:
        """A person who may be of ``gender`` (any, for None)."""
        return self.clusters[k].label == "PERSON" and (
            gender is None or self.gender(k) in (None, gender))

    def recent(self, before: int, gender: str) -> int | None:
        """The person of that gender referred to last before ``before``."""
        for j in range(bisect.bisect_left(self.seen, (before, -1)) - 1, -1, -1):
            if self._person(self.seen[j][1], gender):
                return self.seen[j][1]
        return None

    def described(self, role: str) -> int | None:
        """The last speaker holding ``role`` ("the mayor"), else the last one it may be."""
        gender = en.GENDERED_TITLES.get(role)
        people = [k for k in self.speakers if self._person(k, gender)]
        holders = [k for k in people if any(role in r.lower().split()
                                            for r in self.clusters[k].roles)]
        chosen = holders or people
        return chosen[-1] if chosen else None

    def credit(self, k: int, position: int) -> None:
        self.speakers.append(k)
        bisect.insort(self.seen, (position, k))


def _clusters(doc: Doc, names: dict[int, NameParts], words: Words
              ) -> tuple[list[Cluster], dict[int, int]]:
    """The people and bodies the sources name, joined longest names first, and each source's.
    A cluster is called by its longest name but a padded one (``_padded``)."""
    clusters: list[Cluster] = []
    written = [names[k] for k in sorted(names)]
    fuller_names = [f for name in sorted({p.name for p in written})
                    if (f := fuller(doc, name, words)) is not None]
    for parts in sorted(dict.fromkeys([*written, *fuller_names]),  # no set: the same roles
                        key=lambda p: -len(p.name)):  # in every run
        cluster = join_cluster(clusters, parts, _label(parts))
        for value, bucket in ((parts.title, cluster.roles),
                              (parts.organisation, cluster.organisations)):
            if value and value not in bucket:
                bucket.append(value)
    index = {id(c): k for k, c in enumerate(clusters)}

    def cluster_of(parts: NameParts) -> int:
        return index[id(join_cluster(clusters, parts, _label(parts)))]
    counts: list[Counter[str]] = [Counter() for _ in clusters]
    for parts in [*written, *fuller_names]:
        counts[cluster_of(parts)][parts.name] += 1
    for cluster, count in zip(clusters, counts, strict=True):
        plain = [name for name in count if not _padded(name, count)]
        cluster.name = max(plain, key=lambda name: (len(name.split()), count[name], name))
    return clusters, {k: cluster_of(parts) for k, parts in names.items()}


def _padded(name: str, written: Counter[str]) -> bool:
    """A name with words before a given name that the article also writes without them:
    "State Hillary Clinton" beside "Hillary Clinton", "Carly Fiorina Endorses Ted Cruz"."""
    names = name.split()
    return any(names[k].lower() in GIVEN_NAME_GENDER and " ".join(names[k:]) in written
               for k in range(1, len(names) - 1))


def _mentions(doc: Doc, words: Words, clusters: Sequence[Cluster], reported: Regions
              ) -> tuple[list[tuple[int, int]], dict[int, str]]:
    """Where each person's surname is written outside what is reported, and the gender the
    titles before it give ("Mr. Trump" anywhere); a surname two people share ("Clinton") counts
    only after a given name that tells them apart ("Bill Clinton")."""
    by_surname: dict[str, list[int]] = {}
    for k, cluster in enumerate(clusters):
        if cluster.label == "PERSON" and (surname := _surname(cluster)) is not None:
            by_surname.setdefault(surname, []).append(k)
    seen: list[tuple[int, int]] = []
    genders: dict[int, str] = {}
    for text, where in words.positions.items():
        candidates = by_surname.get(text.lower(), []) if text[:1].isupper() else []
        for i in where if candidates else ():
            before = doc[i - 1].lower_ if i else ""
            chosen = (candidates if len(candidates) == 1 else
                      [k for k in candidates if before in clusters[k].key[:-1]])
            if len(chosen) != 1:
                continue
            if (gender := title_gender([before])) is not None:
                genders.setdefault(chosen[0], gender)
            if doc[i].idx not in reported:
                seen.append((doc[i].idx, chosen[0]))
    return sorted(seen), genders


def _description(phrase: str) -> str | None:
    """The role word of "the mayor" / "the spokeswoman" (None for anything else, "the
    president's spokesman" too: someone else's)."""
    words = phrase.lower().split()
    if 2 <= len(words) <= 4 and words[0] == "the" and words[-1] in en.ROLE_NOUNS and not any(
            w.endswith(("'s", "’s")) for w in words):
        return words[-1]
    return None


def resolve(doc: Doc, attributions: Sequence[Attribution], document_id: str,
            quoted: Sequence[tuple[int, int]] = ()) -> tuple[tuple[Speaker | None, ...],
                                                             tuple[Entity, ...]]:
    """One speaker per attribution (in the order given) and the people and bodies credited, as
    entities with the source spans that refer to them."""
    sourced = [(k, a.source) for k, a in enumerate(attributions) if a.source is not None]
    if not sourced:
        return (None,) * len(attributions), ()
    words = Words.of(doc)
    text = words.text
    names = {k: parts for k, source in sourced
             if (parts := named(doc, source, words)) is not None}
    clusters, person = _clusters(doc, names, words)
    reported = Regions([*quoted, *(span for a in attributions for span in a.content)])
    seen, genders = _mentions(doc, words, clusters, reported)
    walk = _Walk(seen, clusters, genders)
    resolved: dict[int, tuple[int, float]] = {}
    for k, (start, end) in sorted(sourced, key=lambda item: item[1][0]):
        phrase = text[start:end].lower()
        found: int | None = None
        confidence = 0.0
        if k in person:
            found, confidence = person[k], NAMED
        elif phrase in en.PRONOUN_GENDER:
            found, confidence = walk.recent(start, en.PRONOUN_GENDER[phrase]), PRONOUN
            if found is not None:
                walk.learned.setdefault(found, en.PRONOUN_GENDER[phrase])
        elif (role := _description(phrase)) is not None:
            found, confidence = walk.described(role), DESCRIBED
        if found is not None:
            resolved[k] = found, confidence
            cue = attributions[k].cue
            walk.credit(found, max(end, cue[1] if cue else 0))
    return _records(text, attributions, resolved, clusters, document_id)


def _records(text: str, attributions: Sequence[Attribution],
             resolved: dict[int, tuple[int, float]], clusters: Sequence[Cluster],
             document_id: str) -> tuple[tuple[Speaker | None, ...], tuple[Entity, ...]]:
    mentions: dict[int, set[Span]] = {}
    for k, (cluster, _) in resolved.items():
        mentions.setdefault(cluster, set()).add(_mention(text, attributions[k]))
    entities: dict[int, Entity] = {}
    for k, spans in mentions.items():
        c = clusters[k]
        entities[k] = Entity(record_id(document_id, "entity", c.label, c.name), c.name, c.label,
                             tuple(sorted(spans, key=lambda m: (m.start, m.end))),
                             tuple(c.roles), tuple(c.organisations), PRODUCER)
    speakers: list[Speaker | None] = []
    for k in range(len(attributions)):
        if k not in resolved:
            speakers.append(None)
            continue
        cluster, confidence = resolved[k]
        entity = entities[cluster]
        speakers.append(Speaker(entity.id, entity.name, role_of(entity), confidence))
    ordered = sorted(entities.values(), key=lambda e: e.mentions[0].start)
    return tuple(speakers), tuple(ordered)


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


def _mention(text: str, att: Attribution) -> Span:
    """The naming part of an attribution's source ("MSNBC," → "MSNBC")."""
    start, end = naming_part(text, att.source or (0, 0))
    return Span(start, end, text[start:end])


def cited_sources(text: str, attributions: Sequence[Attribution],
                  speakers: Sequence[Speaker | None], entities: Sequence[Entity],
                  quote_ids: Sequence[str], document_id: str
                  ) -> tuple[tuple[CitedSource, ...], tuple[tuple[str, ...], ...]]:
    """The bodies credited for quotations (``resolve``'s ORG speakers: outlets, organisations),
    one per mention, and the ids of the sources of each attribution."""
    bodies = {e.id for e in entities if e.label == "ORG"}
    found: dict[tuple[int, int], tuple[str, Span | None, set[str]]] = {}
    for k, (att, speaker) in enumerate(zip(attributions, speakers, strict=True)):
        if speaker is None or speaker.entity_id not in bodies:
            continue
        mention = _mention(text, att)
        cue = (Span(att.cue[0], att.cue[1], text[att.cue[0] : att.cue[1]])
               if att.cue and text[att.cue[0] : att.cue[1]].lower().startswith(_CREDIT_CUES)
               else None)
        entry = found.setdefault((mention.start, mention.end), (speaker.name, cue, set()))
        entry[2].add(quote_ids[k])
    sources = [CitedSource(record_id(document_id, "source", s, e), name, body_kind(name),
                           Span(s, e, text[s:e]), cue, tuple(sorted(ids)), CITED, SOURCE_PRODUCER)
               for (s, e), (name, cue, ids) in sorted(found.items())]
    by_quote: dict[str, list[str]] = {}
    for source in sources:
        for quote_id in source.quote_ids:
            by_quote.setdefault(quote_id, []).append(source.id)
    return tuple(sources), tuple(tuple(by_quote.get(q, ())) for q in quote_ids)
