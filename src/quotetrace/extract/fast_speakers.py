"""Fast mode's speakers, without a parse or NER: who the names in the source spans are.

The names the sources hold (``fast_names``), with the fuller forms the article writes them in,
cluster as in ``entities``; a person is called by the longest name the article writes but a
padded one. "He"/"she" resolve to the person of that gender credited or named last, outside
what is reported; a description ("the mayor", "the spokeswoman") to the last speaker holding
that role, else the last speaker of a compatible gender. The people and bodies credited become
the article's entities; the bodies ("the Tax Foundation", "Politico") its cited sources.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc

from quotetrace.extract.entities import Cluster, join_cluster
from quotetrace.extract.fast_names import (
    Regions,
    Words,
    description,
    fuller,
    label,
    named,
    naming_part,
)
from quotetrace.extract.names import NameParts
from quotetrace.extract.patterns import en
from quotetrace.extract.patterns.personnames import GIVEN_NAME_GENDER, SUFFIXES
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
from quotetrace.extract.turns import TURN_RULE, speaker_name
from quotetrace.records import CitedSource, Entity, Span, record_id

PRODUCER = "entities.fast-speakers.v1"
SOURCE_PRODUCER = "sources.fast-speakers.v1"
CITED = 0.6  # how sure a body credited in fast mode is a source the article cites
_CREDIT_CUES = ("according to", "as per", "per ", "citing")


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
    index: dict[int, int] = {}  # id(cluster) → its position
    owner: dict[NameParts, int] = {}
    for parts in sorted(dict.fromkeys([*written, *fuller_names]),  # no set: the same roles
                        key=lambda p: -len(p.name)):  # in every run
        cluster = join_cluster(clusters, parts, label(parts))
        owner[parts] = index.setdefault(id(cluster), len(index))
        for value, bucket in ((parts.title, cluster.roles),
                              (parts.organisation, cluster.organisations)):
            if value and value not in bucket:
                bucket.append(value)
    counts: list[Counter[str]] = [Counter() for _ in clusters]
    for parts in [*written, *fuller_names]:
        counts[owner[parts]][parts.name] += 1
    for cluster, count in zip(clusters, counts, strict=True):
        plain = [name for name in count if not _padded(name, count)]
        cluster.name = max(plain, key=lambda name: (len(name.split()), count[name], name))
    return clusters, {k: owner[parts] for k, parts in names.items()}


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


def _named(doc: Doc, att: Attribution, source: tuple[int, int], words: Words) -> NameParts | None:
    """Who a source names; a transcript's label names its speaker in capitals."""
    if att.rule == TURN_RULE:
        return speaker_name(words.text[source[0]:source[1]])
    return named(doc, source, words)


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
             if (parts := _named(doc, attributions[k], source, words)) is not None}
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
        elif (role := description(phrase)) is not None:
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
