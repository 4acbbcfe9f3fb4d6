"""Quote variants: the same utterance relayed by several articles, whole, cut or reworded.

Blocking keeps it sub-quadratic: each quotation puts its rarest words into an inverted index, and
a new quotation is compared only with the utterances its own words lead to. It joins the one with
the largest overlap when enough of the shorter wording is found, in order, in the longer, and the
speakers do not contradict each other. The utterance's text is its first appearance by publication
date; when an earlier one arrives later, every variant is compared anew against it.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np

from quotetrace.link.frequencies import DocumentFrequencies
from quotetrace.link.inputs import LinkQuote
from quotetrace.link.order import Arrival, Registry
from quotetrace.link.settings import LinkSettings
from quotetrace.link.tokens import feature_hash
from quotetrace.link.variants import Wording, compare, overlap, shared_runs
from quotetrace.records import QuoteVariant, Utterance, record_id

PRODUCER = "link.quotes.rapidfuzz.v1"


@dataclass(slots=True)
class _Variant:
    quote_id: str
    article: int
    text: str
    words: tuple[str, ...]  # normalised, for matching
    person_id: str | None


@dataclass(slots=True)
class _UtteranceState:
    """An utterance under construction (private to this index)."""

    id: str
    variants: list[_Variant] = field(default_factory=list)
    first: int = 0  # position in ``variants`` of the first appearance
    person_id: str | None = None  # the first appearance's speaker, else the first one known

    def attach(self, variant: _Variant, earliest: bool) -> None:
        self.variants.append(variant)
        if earliest:
            self.first = len(self.variants) - 1
        ordered = [self.variants[self.first], *self.variants]
        self.person_id = next((v.person_id for v in ordered if v.person_id), None)


@dataclass(frozen=True, slots=True)
class QuotesUpdate:
    utterances: tuple[Utterance, ...]
    variants: tuple[QuoteVariant, ...]


class UtteranceIndex:
    """Every utterance seen, and the rare words that lead to it."""

    def __init__(self, settings: LinkSettings, registry: Registry) -> None:
        self._settings = settings
        self._registry = registry
        self._utterances: list[_UtteranceState] = []
        self._postings: dict[int, array[int]] = {}
        self._frequencies = DocumentFrequencies(settings.quote_frequency_buckets)

    def __len__(self) -> int:
        return len(self._utterances)

    @property
    def variants(self) -> int:
        return sum(len(u.variants) for u in self._utterances)

    def add(self, number: int, quotes: Iterable[LinkQuote],
            person_of_entity: Mapping[str, str]) -> QuotesUpdate:
        """Attach each quotation of article ``number`` to an utterance, new or known."""
        changed: dict[int, set[int]] = {}  # utterance → positions of variants to emit
        for quote in quotes:
            person = person_of_entity.get(quote.speaker_entity_id or "")
            wording = Wording.of(quote.text)
            variant = _Variant(quote.id, number, quote.text, wording.normal, person)
            eligible = len(wording) >= self._settings.min_quote_words
            found = self._match(wording, person, number) if eligible else None
            if found is None:
                found = len(self._utterances)
                self._utterances.append(_UtteranceState(record_id("utterance", quote.id)))
            state = self._utterances[found]
            earliest = not state.variants or (
                self._arrival(variant) < self._arrival(state.variants[state.first]))
            state.attach(variant, earliest)
            emit = changed.setdefault(found, set())
            emit.update(range(len(state.variants)) if earliest else [len(state.variants) - 1])
            if eligible:
                self._index(found, wording)
        return QuotesUpdate(
            tuple(self._utterance(self._utterances[u]) for u in changed),
            tuple(self._variant(self._utterances[u], p) for u, ps in changed.items()
                  for p in sorted(ps)))

    def _arrival(self, variant: _Variant) -> Arrival:
        return self._registry.arrivals[variant.article]

    def _match(self, wording: Wording, person: str | None, number: int) -> int | None:
        """The utterance whose first appearance shares the most with ``wording``, if enough.

        Enough: ``min_shared_words`` words in order; ``quote_containment`` of the shorter found
        in runs of ``min_run_words`` or more; rare enough words among them
        (``min_shared_information``: their IDF summed, in units of the IDF of a word never seen),
        so that "this is not who we are" does not join every quotation that says it. The
        speakers must not contradict each other, and one article's quotations never join each
        other (they are usually one quotation extracted twice).
        """
        settings = self._settings
        idf = self._idf(wording.normal)
        best: tuple[int, float] | None = None
        for candidate in self._candidates(wording):
            state = self._utterances[candidate]
            if person and state.person_id and person != state.person_id \
                    or any(v.article == number for v in state.variants):
                continue
            first = state.variants[state.first].words
            found = overlap(first, wording.normal)
            if found.shared < settings.min_shared_words \
                    or found.containment < settings.quote_containment \
                    or (best is not None and found.similarity <= best[1]):
                continue
            runs = shared_runs(first, wording.normal, settings.min_run_words)
            if len(runs) >= settings.quote_containment * min(len(first), len(wording)) \
                    and sum(idf[w] for w in runs) >= settings.min_shared_information:
                best = (candidate, found.similarity)
        return best[0] if best else None

    def _idf(self, words: tuple[str, ...]) -> dict[str, float]:
        distinct = sorted(set(words))
        counts = self._frequencies.counts([feature_hash(w) for w in distinct])
        # as if at least ``idf_floor_quotations`` were seen: in a small corpus no word is common
        documents = max(self._frequencies.documents, self._settings.idf_floor_quotations)
        rarest = math.log(1 + documents)  # in units of a word no quotation had yet
        return {w: math.log((1 + documents) / (1 + int(c))) / rarest
                for w, c in zip(distinct, counts, strict=True)}

    def _candidates(self, wording: Wording) -> list[int]:
        hashes = sorted({feature_hash(word) for word in wording.normal})
        common = max(50, self._frequencies.documents // 50)
        hits: Counter[int] = Counter()
        for word, count in zip(hashes, self._frequencies.counts(hashes), strict=True):
            if count <= common:
                hits.update(self._postings.get(word, ()))
        ranked = sorted(hits.items(), key=lambda item: (-item[1], item[0]))
        return [u for u, _ in ranked[: self._settings.max_quote_candidates]]

    def _index(self, utterance: int, wording: Wording) -> None:
        """Count the quotation's words, then file the utterance under its rarest ones."""
        hashes = sorted({feature_hash(word) for word in wording.normal})
        self._frequencies.add(hashes)
        counts = self._frequencies.counts(hashes)
        for position in np.argsort(counts, kind="stable")[: self._settings.rare_tokens_indexed]:
            postings = self._postings.setdefault(hashes[position], array("l"))
            if not postings or postings[-1] != utterance:
                postings.append(utterance)

    def _utterance(self, state: _UtteranceState) -> Utterance:
        first = state.variants[state.first]
        ids = self._registry.ids
        published = self._registry.published(first.article)
        return Utterance(state.id, first.text, state.person_id, first.quote_id, ids[first.article],
                         published, PRODUCER)

    def _variant(self, state: _UtteranceState, position: int) -> QuoteVariant:
        variant = state.variants[position]
        first = state.variants[state.first]
        comparison = compare(Wording.of(first.text), Wording.of(variant.text))
        return QuoteVariant(state.id, variant.quote_id, self._registry.ids[variant.article],
                            comparison.relation, comparison.similarity, comparison.diff)
