"""Resolve each attribution's source mention to a named entity of the article.

A name resolves to its entity; "he"/"she" to the last speaker of that gender, else the nearest
person named before; a description ("the commander", "the spokeswoman") to the person holding
that role, else the last speaker. Plural and unnamed sources ("officials") stay unresolved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from quotetrace.extract.attributions import Attribution
from quotetrace.extract.entities import EntityIndex
from quotetrace.extract.patterns import en
from quotetrace.records import Entity

# How sure a resolution is: a name, "he"/"she", a description ("the commander").
NAMED, PRONOUN, DESCRIBED = 0.9, 0.7, 0.6


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who an attribution's source is, and how sure the resolution is."""

    entity_id: str
    name: str
    role: str | None
    confidence: float


def title_gender(roles: Sequence[str]) -> str | None:
    """The gender a title carries ("Mrs.", "spokesman"), if any of the roles has one."""
    for role in roles:
        for word in role.lower().replace(".", "").split():
            if word in en.GENDERED_TITLES:
                return en.GENDERED_TITLES[word]
    return None


def _gender(entity: Entity, learned: dict[str, str]) -> str | None:
    return title_gender(entity.roles) or learned.get(entity.id)


def role_of(entity: Entity) -> str | None:
    """What a speaker's quotes say of them: their first role and organisation."""
    parts = [*entity.roles[:1], *entity.organisations[:1]]
    return ", ".join(parts) or None


class _Resolver:
    """Walks the attributions in reading order, remembering who spoke last."""

    def __init__(self, doc: Doc, index: EntityIndex, quoted: Sequence[tuple[int, int]]) -> None:
        self.doc = doc
        self.index = index
        self.by_id = {e.id: e for e in index.entities}
        self.learned: dict[str, str] = {}
        self.speakers: list[Entity] = []
        # Where each person was last referred to outside quotations: a name, or a resolved credit.
        self.seen: list[tuple[int, Entity]] = sorted(
            ((m.start, e) for e in index.entities if e.label == "PERSON" for m in e.mentions
             if not any(s <= m.start < t for s, t in quoted)), key=lambda p: p[0])

    def _named(self, head: Token, start: int, end: int) -> Entity | None:
        ids = [self.index.token_entity.get(t.i) for t in self.doc.char_span(
            start, end, alignment_mode="expand") or ()]
        head_id = self.index.token_entity.get(head.i)
        chosen = head_id or next((i for i in ids if i and self.by_id[i].label == "PERSON"), None)
        return self.by_id[chosen] if chosen else None

    def _recent(self, before: int, gender: str | None) -> Entity | None:
        """The person of that gender referred to last before ``before``, outside what is said."""
        for position, entity in reversed(self.seen):
            if position < before and self._compatible(entity, gender):
                return entity
        return None

    def _compatible(self, entity: Entity, gender: str | None) -> bool:
        known = _gender(entity, self.learned)
        return gender is None or known is None or known == gender

    def _apposed(self, head: Token) -> Entity | None:
        """A name in apposition: "The spokeswoman for the agency, Amy Palmer, said …"."""
        for child in head.children:
            if child.dep_ == "appos":
                found = self._named(child, child.left_edge.idx,
                                    child.right_edge.idx + len(child.right_edge))
                if found is not None and found.label == "PERSON":
                    return found
        return None

    def _described(self, head: Token) -> Entity | None:
        lemma = head.lemma_.lower()
        for entity in reversed(self.speakers):
            if any(lemma in role.lower() for role in entity.roles):
                return entity
        holders = [e for e in self.index.entities
                   if e.label == "PERSON" and any(lemma in r.lower() for r in e.roles)]
        if holders:
            return holders[-1]
        # "the commander" with no one holding that role: the person last quoted, if anyone was.
        return next((e for e in reversed(self.speakers) if e.label == "PERSON"), None)

    def _is_role(self, lemma: str) -> bool:
        """A noun that describes a person: a known role word, or a role someone here holds."""
        return lemma in en.ROLE_NOUNS or any(
            lemma in role.lower().split() for e in self.index.entities for role in e.roles)

    def resolve(self, att: Attribution) -> Speaker | None:
        if att.source is None or att.source_head is None:
            return None
        head = self.doc[att.source_head]
        word = head.lower_
        entity, confidence = self._named(head, *att.source), NAMED
        if entity is None:
            entity = self._apposed(head)
        if entity is None and word in en.PRONOUN_GENDER:
            entity, confidence = self._recent(head.idx, en.PRONOUN_GENDER[word]), PRONOUN
            if entity is not None:
                self.learned.setdefault(entity.id, en.PRONOUN_GENDER[word])
        elif entity is None and head.tag_ == "NN" and self._is_role(head.lemma_.lower()) and not any(
            c.dep_ == "det" and c.lower_ in en.INDEFINITE_DETERMINERS for c in head.children
        ):
            entity, confidence = self._described(head), DESCRIBED
        if entity is None:
            return None
        if entity.label == "PERSON":
            self.speakers.append(entity)
            credit = max(att.source[1], att.cue[1] if att.cue else 0)
            self.seen.append((credit, entity))
            self.seen.sort(key=lambda p: p[0])
        return Speaker(entity.id, entity.name, role_of(entity), confidence)


def resolve_speakers(doc: Doc, attributions: Sequence[Attribution], index: EntityIndex,
                     quoted: Sequence[tuple[int, int]] = ()) -> tuple[Speaker | None, ...]:
    """One resolution per attribution, in the order given (reading order expected).

    ``quoted`` are the quotation-mark regions: names inside them, or inside anything reported,
    are never what "he" stands for.
    """
    reported = [span for att in attributions for span in att.content]
    resolver = _Resolver(doc, index, [*quoted, *reported])
    return tuple(resolver.resolve(att) for att in attributions)
