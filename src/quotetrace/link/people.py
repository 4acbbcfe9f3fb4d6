"""People across articles: name variants, surname-only mentions, titles and transliterations.

A full name joins the one known person whose name is compatible with it (same surname and suffix,
matching given name or initial) or starts a new person. A single word ("Clinton") joins the person
of that surname named in the same article; failing that, the only person of that surname in the
corpus, or one who holds ``surname_dominance`` of its mentions; otherwise it stays a person of its
own, so Bill and Hillary Clinton are never merged through "Clinton".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from quotetrace.link.inputs import LinkEntity
from quotetrace.link.names import PersonName, compatible, display_name, parse_name
from quotetrace.link.order import Registry
from quotetrace.link.settings import LinkSettings
from quotetrace.records import Person, PersonMention, record_id

PRODUCER = "link.people.names.v1"


@dataclass(slots=True)
class _PersonState:
    """A person under construction (private to this index)."""

    id: str
    name: PersonName  # the fullest form seen: what other names are checked against
    variants: Counter[str] = field(default_factory=Counter)  # name as written → mentions
    roles: Counter[str] = field(default_factory=Counter)
    mentions: int = 0
    keys: set[tuple[str, ...]] = field(default_factory=set)
    given_indexed: str | None = None

    def record(self, max_roles: int) -> Person:
        """Named by its most frequent full name ("Donald Trump" over "Donald J. Trump")."""
        order = {variant: rank for rank, variant in enumerate(self.variants)}
        name = max(self.variants, key=lambda v: (_is_full(v), self.variants[v], -order[v]))
        roles = sorted(self.roles, key=lambda r: -self.roles[r])[:max_roles]
        return Person(self.id, name, tuple(self.variants), tuple(roles), PRODUCER)


def _is_full(variant: str) -> bool:
    parsed = parse_name(variant)
    return parsed is not None and not parsed.single


def _usable_role(role: str) -> bool:
    """Roles as stated ("spokesman"), not the ages and state codes apposition also yields."""
    letters = sum(c.isalpha() for c in role)
    return letters >= 4 and not any(c.isdigit() for c in role) and len(role) <= 80


@dataclass(frozen=True, slots=True)
class PeopleUpdate:
    people: tuple[Person, ...]
    mentions: tuple[PersonMention, ...]
    person_of_entity: dict[str, str]


class PersonIndex:
    """Every person seen, findable by exact name, by surname and by first given name."""

    def __init__(self, settings: LinkSettings, registry: Registry) -> None:
        self._settings = settings
        self._registry = registry
        self._people: list[_PersonState] = []
        self._by_key: dict[tuple[str, ...], list[int]] = {}
        self._by_surname: dict[str, list[int]] = {}
        self._by_given: dict[str, list[int]] = {}

    def __len__(self) -> int:
        return len(self._people)

    def add(self, number: int, entities: Iterable[LinkEntity], lang: str) -> PeopleUpdate:
        """Attach the article's people; full names first, so "Clinton" can find its Clinton.

        Only in ``person_languages``: elsewhere an English recogniser takes capitalised nouns
        ("Waffen Hillary Clinton") for names.
        """
        if lang not in self._settings.person_languages:
            return PeopleUpdate((), (), {})
        named = [(e, n) for e in entities if e.label == "PERSON" and (n := parse_name(e.name))
                 and not self._plural(n)]
        named.sort(key=lambda pair: pair[1].single)
        here: list[int] = []
        mentions, changed = [], {}
        for entity, name in named:
            found = self._resolve_single(name, here) if name.single else self._resolve_full(name)
            person, confidence = found or (self._create(number, entity, name), 1.0)
            here.append(person)
            self._attach(person, entity, name)
            changed[person] = self._people[person]
            mentions.append(PersonMention(self._people[person].id, self._registry.ids[number],
                                          entity.id, entity.name, round(confidence, 3)))
        max_roles = self._settings.max_roles
        return PeopleUpdate(tuple(state.record(max_roles) for state in changed.values()),
                            tuple(mentions),
                            {m.entity_id: m.person_id for m in mentions})

    def _plural(self, name: PersonName) -> bool:
        """"Clintons", "Trumps": a family, or a genitive; never one person."""
        return name.single and name.surname.endswith("s") and name.surname[:-1] in self._by_surname

    def _resolve_full(self, name: PersonName) -> tuple[int, float] | None:
        exact = self._by_key.get(name.key, [])
        if len(exact) == 1:
            return exact[0], 1.0
        namesakes = self._by_surname.get(name.surname, [])
        candidates = [p for p in namesakes if compatible(self._people[p].name, name)
                      and (not self._people[p].name.single or len(namesakes) == 1)]
        return self._dominant(candidates, 0.9)

    def _resolve_single(self, name: PersonName, here: list[int]) -> tuple[int, float] | None:
        word = name.surname
        if name.suffix:  # "Trump Jr." alone: too rare to guess which
            return self._own_name(name)
        local = sorted({p for p in here if self._people[p].name.surname == word
                        and not self._people[p].name.single})
        if local:
            return (local[0], 0.9) if len(local) == 1 else self._own_name(name)
        local_given = sorted({p for p in here if self._people[p].name.given[:1] == (word,)})
        if len(local_given) == 1:
            return local_given[0], 0.8
        for index, confidence in ((self._by_surname, 0.7), (self._by_given, 0.6)):
            candidates = [p for p in index.get(word, []) if not self._people[p].name.single]
            if candidates:
                return self._dominant(candidates, confidence) or self._own_name(name)
        return self._own_name(name)

    def _own_name(self, name: PersonName) -> tuple[int, float] | None:
        """The person known only by this single word, if there is one yet."""
        own = [p for p in self._by_key.get(name.key, []) if self._people[p].name.single]
        return (own[0], 0.5) if own else None

    def _dominant(self, candidates: list[int], confidence: float) -> tuple[int, float] | None:
        """The only candidate, or the one holding ``surname_dominance`` of their mentions."""
        if len(candidates) == 1:
            return candidates[0], confidence
        if not candidates:
            return None
        total = sum(self._people[p].mentions for p in candidates) or 1
        best = max(candidates, key=lambda p: (self._people[p].mentions, -p))
        share = self._people[best].mentions / total
        return (best, confidence * share) if share >= self._settings.surname_dominance else None

    def _create(self, number: int, entity: LinkEntity, name: PersonName) -> int:
        person = len(self._people)
        self._people.append(_PersonState(
            record_id("person", self._registry.ids[number], entity.id), name))
        self._by_surname.setdefault(name.surname, []).append(person)
        return person

    def _attach(self, person: int, entity: LinkEntity, name: PersonName) -> None:
        state = self._people[person]
        state.mentions += 1
        state.variants[display_name(entity.name)] += 1
        if name.key not in state.keys:
            state.keys.add(name.key)
            self._by_key.setdefault(name.key, []).append(person)
        if name.size > state.name.size:
            state.name = name
        given = state.name.given[0] if state.name.given else None
        if given and given != state.given_indexed:
            self._by_given.setdefault(given, []).append(person)
            state.given_indexed = given
        state.roles.update(role for role in entity.roles if _usable_role(role))
