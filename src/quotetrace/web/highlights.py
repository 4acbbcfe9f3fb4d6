"""What the article page marks in the text, from an article in the JSON schema (1.0): each
quotation fragment, speaker mention, cue and cited source, with the evidence shown on focus."""

from __future__ import annotations

from typing import Any

from quotetrace.web.markup import Highlight

__all__ = ["article_highlights", "quote_anchor", "source_anchor"]

_KIND_LABEL = {"quote": "quotation", "speaker": "speaker", "cue": "cue", "source": "cited source"}


def quote_anchor(quote_id: str) -> str:
    return f"q-{quote_id}"


def source_anchor(source_id: str) -> str:
    return f"s-{source_id}"


def _raw(span: dict[str, Any]) -> str:
    start, end = span["raw"]
    return f"input {start}–{end}"


def _speaker(quote: dict[str, Any]) -> str:
    speaker = quote["speaker"]
    if not speaker["name"]:
        return "speaker unresolved"
    role = f", {speaker['role']}" if speaker["role"] else ""
    return f"speaker {speaker['name']}{role}"


def _quote_highlights(number: int, quote: dict[str, Any]) -> list[Highlight]:
    described_by = f"{quote_anchor(quote['id'])}-evidence"
    confidence = f"confidence {quote['confidence']:.2f}"
    found = [
        Highlight(span["start"], span["end"], "quote",
                  f"#{number} {quote['kind']} quotation · {_speaker(quote)} · {confidence} · "
                  f"{_raw(span)}",
                  element_id=f"{quote_anchor(quote['id'])}-text" if index == 0 else None,
                  described_by=described_by, label=_KIND_LABEL["quote"])
        for index, span in enumerate(quote["fragments"])
    ]
    mention = quote["speaker"]["mention"]
    if mention:
        resolved = quote["speaker"]["name"] or "unresolved"
        found.append(Highlight(mention["start"], mention["end"], "speaker",
                               f"#{number} speaker “{mention['text']}” → {resolved} · "
                               f"{_raw(mention)}", described_by=described_by,
                               label=_KIND_LABEL["speaker"]))
    cue = quote["cue"]
    if cue:
        found.append(Highlight(cue["start"], cue["end"], "cue",
                               f"#{number} cue “{cue['text']}” ({quote['cue_lemma']}) · "
                               f"{_raw(cue)}", described_by=described_by,
                               label=_KIND_LABEL["cue"]))
    return found


def _source_highlight(source: dict[str, Any]) -> Highlight:
    mention = source["mention"]
    return Highlight(mention["start"], mention["end"], "source",
                     f"cited {source['kind'].replace('_', ' ')}: {source['name']} · "
                     f"confidence {source['confidence']:.2f} · {_raw(mention)}",
                     described_by=source_anchor(source["id"]), label=_KIND_LABEL["source"])


def article_highlights(article: dict[str, Any]) -> list[Highlight]:
    """Every span the page marks; a speaker mention shared by several quotations is marked
    once, for the first of them."""
    found: list[Highlight] = []
    for number, quote in enumerate(article["quotes"], start=1):
        found.extend(_quote_highlights(number, quote))
    found.extend(_source_highlight(source) for source in article["sources"])
    unique: dict[tuple[int, int, str], Highlight] = {}
    for highlight in found:
        unique.setdefault((highlight.start, highlight.end, highlight.kind), highlight)
    return list(unique.values())
