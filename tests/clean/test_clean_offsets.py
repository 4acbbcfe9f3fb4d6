"""OffsetMap: every clean offset leads back to the same character of the raw input."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotetrace.clean.boilerplate import clean
from quotetrace.clean.offsets import OffsetMap

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "captured-commander.txt"


def test_every_character_of_the_reference_article_maps_back() -> None:
    with EXAMPLE.open(encoding="utf-8", newline="") as stream:
        raw = stream.read()
    cleaned = clean(raw)
    offsets = OffsetMap(cleaned.segments)
    assert offsets.clean_length == len(cleaned.text)
    for index, char in enumerate(cleaned.text):
        assert raw[offsets.to_raw(index)] == char
    sentence = "The news comes as the war between Russia and Ukraine enters its twelfth day."
    start = cleaned.text.index(sentence)
    raw_start, raw_end = offsets.to_raw_span(start, start + len(sentence))
    assert raw[raw_start:raw_end] == sentence


def test_span_ending_at_a_cut_stays_before_it() -> None:
    raw = "One.\nAdvert\nTwo.\n"
    cleaned = clean(raw)
    offsets = OffsetMap(cleaned.segments)
    assert cleaned.text == "One.\nTwo.\n"
    assert offsets.to_raw_span(0, 5) == (0, 5)  # "One.\n", not running into "Advert"
    assert offsets.to_raw(5) == raw.index("Two.")
    assert offsets.to_raw_span(3, 8) == (3, 15)  # ".\nTw" spans the cut
    assert offsets.to_raw(len(cleaned.text)) == len(raw)
    assert offsets.to_raw_span(5, 5) == (12, 12)


def test_offsets_outside_the_text_are_refused() -> None:
    offsets = OffsetMap(clean("One.\n").segments)
    with pytest.raises(IndexError):
        offsets.to_raw(6)
    with pytest.raises(IndexError):
        offsets.to_raw(-1)
    with pytest.raises(ValueError):
        offsets.to_raw_span(3, 2)


def test_empty_map() -> None:
    offsets = OffsetMap(())
    assert offsets.to_raw(0) == 0
    assert offsets.to_raw_span(0, 0) == (0, 0)
