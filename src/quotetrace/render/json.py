"""Articles as JSON objects following the versioned schema in ``article.schema.json``.

Every span carries ``raw``: its ``[start, end)`` in the input as read, through the offset map.
"""

from __future__ import annotations

from typing import Any

from quotetrace.clean import OffsetMap
from quotetrace.records import SCHEMA_VERSION, Article, Rejection, Span

SCHEMA_ID = f"https://quotetrace.org/schema/article/{SCHEMA_VERSION}"


def _span(span: Span | None, offsets: OffsetMap) -> dict[str, Any] | None:
    if span is None:
        return None
    return {"start": span.start, "end": span.end, "text": span.text,
            "raw": list(offsets.to_raw_span(span.start, span.end))}


def article_to_dict(article: Article) -> dict[str, Any]:
    """One article as a JSON-ready dict."""
    doc = article.document
    offsets = OffsetMap(doc.segments)
    return {
        "schema": SCHEMA_ID,
        "document": {
            "id": doc.id, "origin": doc.origin, "format": doc.format, "title": doc.title,
            "published": doc.published, "url": doc.url, "lang": doc.lang,
            "topics": list(doc.topics), "encoding": doc.encoding, "text": doc.text,
            "removed": [{"start": s.start, "end": s.end, "text": s.text} for s in doc.removed],
        },
        "quotes": [{
            "id": q.id, "kind": q.kind, "text": q.text,
            "fragments": [_span(f, offsets) for f in q.fragments],
            "cue": _span(q.cue, offsets), "cue_lemma": q.cue_lemma,
            "speaker": {"mention": _span(q.speaker, offsets), "entity_id": q.speaker_entity_id,
                        "name": q.speaker_name, "role": q.speaker_role},
            "source_ids": list(q.source_ids), "confidence": q.confidence, "producer": q.producer,
        } for q in article.quotes],
        "entities": [{
            "id": e.id, "name": e.name, "label": e.label, "roles": list(e.roles),
            "organisations": list(e.organisations),
            "mentions": [_span(m, offsets) for m in e.mentions], "producer": e.producer,
        } for e in article.entities],
        "sources": [{
            "id": s.id, "name": s.name, "kind": s.kind, "mention": _span(s.mention, offsets),
            "cue": _span(s.cue, offsets), "quote_ids": list(s.quote_ids),
            "confidence": s.confidence, "producer": s.producer,
        } for s in article.sources],
        "dates": [{
            "id": d.id, **(_span(d.span, offsets) or {}), "value": d.value,
            "granularity": d.granularity, "relative": d.relative, "confidence": d.confidence,
            "producer": d.producer,
        } for d in article.dates],
        "warnings": list(article.warnings),
    }


def rejection_to_dict(rejection: Rejection) -> dict[str, Any]:
    return {"schema": SCHEMA_ID, "rejected": {"origin": rejection.origin,
                                              "reason": rejection.reason,
                                              "detail": rejection.detail}}


def article_to_attrib(article: Article, article_id: str) -> dict[str, Any]:
    """The prediction format of the PolNeAR scorer: raw offsets, speaker names, kinds."""
    offsets = OffsetMap(article.document.segments)

    def raw(span: Span | None) -> list[list[int]] | None:
        return [list(offsets.to_raw_span(span.start, span.end))] if span else None

    return {"id": article_id, "attributions": [{
        "content": [list(offsets.to_raw_span(f.start, f.end)) for f in q.fragments],
        "source": raw(q.speaker), "cue": raw(q.cue), "speaker": q.speaker_name, "kind": q.kind,
    } for q in article.quotes]}
