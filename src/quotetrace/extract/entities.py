"""People, organisations and places of one article: one canonical name each, with every mention.

spaCy's entities are the candidates; the noun phrases credited as speakers are added, because a
titled name ("Lt. Col. Astakhov Dmitry Mikhailovich") is a person whatever label NER gave it.
Shorter mentions ("Sullivan", "Mr. Clarke") join the longest name they are part of.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from quotetrace.extract import text_of
from quotetrace.extract.names import NameParts, name_key, padding, split_name
from quotetrace.extract.patterns import en
from quotetrace.extract.patterns.personnames import SUFFIXES
from quotetrace.records import Entity, Span, record_id

PRODUCER = "entities.spacy-names.v1"
_LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "NORP": "NORP",
           "FAC": "FAC", "LAW": "LAW", "WORK_OF_ART": "WORK_OF_ART"}


@dataclass(slots=True)
class Cluster:
    """An entity under construction (frozen into ``Entity`` at the end of its stage)."""

    name: str
    label: str
    key: tuple[str, ...]
    mentions: list[Span] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class EntityIndex:
    """The entities of an article and, for each token, the entity it belongs to."""

    entities: tuple[Entity, ...]
    token_entity: dict[int, str]

    @property
    def people(self) -> frozenset[str]:
        return frozenset(e.id for e in self.entities if e.label == "PERSON")


def _strip_determiner(span: SpacySpan) -> SpacySpan:
    while len(span) > 1 and (span[0].lower_ in ("the", "a", "an") or span[0].is_punct):
        span = span[1:]
    while len(span) > 1 and (span[-1].is_punct or span[-1].tag_ == "POS"):
        span = span[:-1]
    return span


def _appositive_role(span: SpacySpan) -> tuple[str | None, str | None]:
    """"Andrew Stroehlein, European Media Director of Human Rights Watch" → role, organisation.

    Also the other way round: "The spokeswoman for the agency, Amy Palmer".
    """
    root = span.root
    phrases = [span.doc[c.left_edge.i : c.right_edge.i + 1] for c in root.children
               if c.dep_ == "appos" and not (c.pos_ == "PROPN" and c.ent_type_ == "PERSON")]
    head = root.head
    if root.dep_ == "appos" and head.i < root.i and head.lemma_.lower() in en.ROLE_NOUNS:
        left = min(head.left_edge.i, head.i)
        phrases.append(span.doc[left : root.left_edge.i])
    for phrase in phrases:
        orgs = [e for e in span.doc.ents if e.label_ == "ORG" and e.start >= phrase.start
                and e.end <= phrase.end]
        if orgs:
            cut = orgs[0].start
            role = span.doc[phrase.start : cut].text.rstrip()
            for word in (" of", " at", " for", " with"):
                role = role.removesuffix(word)
            return _bare(role) or None, _strip_determiner(orgs[0]).text
        role, _, organisation = phrase.text.strip(" ,").partition(" of ")
        if organisation[:1].isupper():
            return _bare(role), organisation.removeprefix("the ")
        return _bare(phrase.text), None
    return None, None


def _unpadded(span: SpacySpan, small: set[str]) -> SpacySpan:
    """A person's span without the capitals before the name ("Rival Hillary Clinton")."""
    while len(span) > 1 and span[0].text[:1].isupper() and padding(span[0].text, small):
        span = span[1:]
    return span


def _bare(role: str) -> str:
    """A role without its article and edge punctuation: "a meteorologist," → "meteorologist"."""
    role = role.strip(" ,")
    first, _, rest = role.partition(" ")
    return rest if first.lower() in ("a", "an", "the") and rest else role


def title_case_lines(text: str) -> list[tuple[int, int]]:
    """Lines In Title Case, where the tagger takes "Ben Carson Defends" for a name."""
    spans, start = [], 0
    for line in text.split("\n"):
        words = [w for w in line.split() if w[:1].isalpha() and len(w) > 3]
        if len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words):
            spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def _candidates(doc: Doc, speaker_spans: Iterable[tuple[int, int]],
                people: Iterable[tuple[int, int]]) -> list[tuple[SpacySpan, str]]:
    """Named spans with labels; credited speakers with a title, and ``people``, are people."""
    found: dict[tuple[int, int], tuple[SpacySpan, str]] = {}
    headlines = title_case_lines(text_of(doc))
    small = {t.text for t in doc if t.text.islower()}
    for ent in doc.ents:
        if ent.label_ in _LABELS and not any(s <= ent.start_char < e for s, e in headlines):
            span = _strip_determiner(ent)
            if ent.label_ == "PERSON":
                span = _unpadded(span, small)
            found[(span.start, span.end)] = (span, _LABELS[ent.label_])
    for start, end in speaker_spans:
        credited = doc.char_span(start, end, alignment_mode="expand")
        if credited is None:
            continue
        root = credited.root
        phrase = _unpadded(_strip_determiner(doc[root.left_edge.i : root.i + 1]), small)
        parts = split_name(phrase.text)
        described = any(c.dep_ == "appos" and c.lemma_.lower() in en.ROLE_NOUNS
                        for c in root.children)  # "Rendell, a Clinton surrogate, said"
        if root.pos_ == "PROPN" and parts is not None and (
            parts.title or described or root.ent_type_ == "PERSON"
        ):
            for key in [k for k in found if k[0] < phrase.end and phrase.start < k[1]]:
                del found[key]
            found[(phrase.start, phrase.end)] = (phrase, "PERSON")
    for start, end in people:
        if (person := doc.char_span(start, end, alignment_mode="expand")) is not None:
            for key in [k for k in found if k[0] < person.end and person.start < k[1]]:
                del found[key]
            found[(person.start, person.end)] = (person, "PERSON")
    return _surnames_are_people(found)


def _surnames_are_people(
    found: dict[tuple[int, int], tuple[SpacySpan, str]],
) -> list[tuple[SpacySpan, str]]:
    """A later "De Blasio" that the tagger took for an organisation is the person named in full
    elsewhere in the article ("Mayor Bill de Blasio")."""
    people = [name_key(span.text) for span, label in found.values() if label == "PERSON"]
    surnames = {key[-n:] for key in people if len(key) > 1 for n in (1, 2) if n < len(key)}
    return [(span, "PERSON" if label == "ORG" and name_key(span.text) in surnames else label)
            for span, label in sorted(found.values(), key=lambda item: item[0].start)]


def join_cluster(clusters: list[Cluster], parts: NameParts, label: str) -> Cluster:
    """The cluster a mention belongs to: same label and its name tokens inside the cluster's,
    a generational suffix included ("Donald Trump" is not "Donald Trump Jr.")."""
    key = name_key(parts.name)
    suffixes = set(key) & SUFFIXES
    for cluster in reversed(clusters):
        if cluster.label == label and key and set(key) <= set(cluster.key) and (
            label != "PERSON" or key[-1] in cluster.key
        ) and set(cluster.key) & SUFFIXES <= suffixes:
            return cluster
    cluster = Cluster(parts.name, label, key)
    clusters.append(cluster)
    return cluster


def build_entities(doc: Doc, document_id: str,
                   speaker_spans: Iterable[tuple[int, int]] = (),
                   people: Iterable[tuple[int, int]] = ()) -> EntityIndex:
    """Cluster the article's named mentions into entities, longest names first. ``people`` are
    spans known to name a person (a transcript's speaker labels, in capitals: written in
    title case, "WALLACE" → "Wallace")."""
    people = list(people)
    candidates = _candidates(doc, speaker_spans, people)
    labels = {(s.start, s.end) for a, b in people
              if (s := doc.char_span(a, b, alignment_mode="expand")) is not None}
    clusters: list[Cluster] = []
    owner: dict[int, Cluster] = {}
    ordered = sorted(candidates, key=lambda c: -len(c[0].text))
    for span, label in ordered:
        written = span.text.title() if (span.start, span.end) in labels else span.text
        parts = split_name(written) if label == "PERSON" else None
        parts = parts or NameParts(None, None, span.text)
        cluster = join_cluster(clusters, parts, label)
        cluster.mentions.append(Span(span.start_char, span.end_char, span.text))
        role, organisation = _appositive_role(span)
        for value, bucket in ((parts.title, cluster.roles), (role, cluster.roles),
                              (parts.organisation, cluster.organisations),
                              (organisation, cluster.organisations)):
            if value and value not in bucket:
                bucket.append(value)
        for token in span:
            owner[token.i] = cluster
    entities = []
    ids: dict[int, str] = {}
    for cluster in sorted(clusters, key=lambda c: min(m.start for m in c.mentions)):
        mentions = tuple(sorted(cluster.mentions, key=lambda m: m.start))
        entity_id = record_id(document_id, "entity", cluster.label, cluster.name)
        ids[id(cluster)] = entity_id
        entities.append(Entity(entity_id, cluster.name, cluster.label, mentions,
                               tuple(cluster.roles), tuple(cluster.organisations), PRODUCER))
    return EntityIndex(tuple(entities), {i: ids[id(c)] for i, c in owner.items()})
