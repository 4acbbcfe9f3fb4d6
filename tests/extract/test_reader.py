"""The cue-marked relation reader (int8 ONNX, shipped in the package) on real text."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import spacy

from quotetrace.errors import ModelMissing
from quotetrace.extract.reader import (
    BUDGET,
    CLOSE,
    OPEN,
    Contexts,
    Decoder,
    RelationEncoder,
    filled,
    likeliest,
    strongest,
    word_runs,
)
from quotetrace.ingest import read_input
from quotetrace.pipeline import Analyzer
from tests.conftest import EXAMPLES


@pytest.fixture(scope="module")
def reader() -> RelationEncoder:
    return RelationEncoder.load()


def cue_of(doc, word: str, nth: int = 0) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    index = [t.i for t in doc if t.text == word][nth]
    return index, index + 1


def text_of(text: str, spans: tuple[tuple[int, int], ...] | None) -> str:
    return " ".join(text[s:e] for s, e in spans or ())


def test_a_context_marks_the_cue_once_within_the_budget(analyzer: Analyzer,
                                                         reader: RelationEncoder) -> None:
    doc = analyzer.nlp(read_input(EXAMPLES / "captured-commander.txt").text)
    contexts = Contexts.of(doc, reader.tokenizer)
    open_id, close_id = (reader.tokenizer.token_to_id(m) for m in (OPEN, CLOSE))
    said = [t.i for t in doc if t.lower_ == "said"]
    assert said
    for i in said:
        context = contexts.around((i, i + 1))
        assert context is not None
        assert len(context.ids) <= BUDGET
        assert context.ids.count(open_id) == context.ids.count(close_id) == 1
        cue_at = context.words.index(i)
        assert context.ids[context.firsts[cue_at] - 1] == open_id
        assert list(context.words) == sorted(context.words)
        sentence = [t.i for t in doc[i].sent if not t.is_space]
        if len(sentence) < 40:  # a sentence that fits is read whole
            assert set(sentence) <= set(context.words)


def test_a_long_sentence_is_cut_around_the_cue(analyzer: Analyzer,
                                               reader: RelationEncoder) -> None:
    doc = analyzer.nlp("Officials said " + ", ".join(["tariffs rose sharply"] * 80) + ".")
    context = Contexts.of(doc, reader.tokenizer).around((1, 2))
    assert context is not None and len(context.ids) <= BUDGET
    assert 1 in context.words and doc[-1].i not in context.words


def test_indirect_speech_gets_source_and_content(analyzer: Analyzer,
                                                 reader: RelationEncoder) -> None:
    text = ("The county's top election official said on Tuesday that the new voting machines "
            "would be ready before November.")
    doc = analyzer.nlp(text)
    (att,) = reader.read(doc, [cue_of(doc, "said")], "test")
    assert text_of(text, (att.cue,) if att.cue else None) == "said"
    assert text_of(text, (att.source,) if att.source else None).endswith("election official")
    assert "the new voting machines would be ready before November" in text_of(text, att.content)
    assert "said" not in text_of(text, att.content)
    assert att.rule == "test" and 0 < att.confidence <= 1


def test_each_cue_gets_its_own_content(analyzer: Analyzer, reader: RelationEncoder) -> None:
    text = ("The mayor said the bridge would reopen in May, but the union warned that repairs "
            "could take another year.")
    doc = analyzer.nlp(text)
    said, warned = reader.read(doc, [cue_of(doc, "said"), cue_of(doc, "warned")], "test")
    assert "bridge would reopen in May" in text_of(text, said.content)
    assert "repairs" not in text_of(text, said.content)
    assert "repairs could take another year" in text_of(text, warned.content)
    assert "bridge" not in text_of(text, warned.content)
    assert text_of(text, (said.source,) if said.source else None) == "The mayor"
    assert text_of(text, (warned.source,) if warned.source else None) == "the union"


def test_a_split_quotation_is_one_relation(analyzer: Analyzer, reader: RelationEncoder) -> None:
    text = ("“We will not back down,” the spokeswoman said on Monday. “Not now, not ever, and "
            "not for this council.”")
    doc = analyzer.nlp(text)
    (att,) = reader.read(doc, [cue_of(doc, "said")], "test")
    content = text_of(text, att.content)
    assert "We will not back down" in content and "Not now, not ever" in content
    assert text_of(text, (att.source,) if att.source else None) == "the spokeswoman"


def test_runs_lose_their_leading_punctuation() -> None:
    mask = np.array([True, True, True, False, True, False, True, True])
    punct = np.array([True, False, False, False, True, False, False, True])
    assert word_runs(mask) == [(0, 3), (4, 5), (6, 8)]
    assert word_runs(mask, punct) == [(1, 3), (6, 8)]
    assert word_runs(np.zeros(3, dtype=bool)) == []


def test_no_content_starts_with_the_mark_closing_the_quotation_before(
        analyzer: Analyzer, reader: RelationEncoder) -> None:
    # the reference input once cleaned: "…this is genocide.'" ends the paragraph before
    text = analyzer.analyze_input(read_input(EXAMPLES / "captured-commander.txt")).document.text
    doc = analyzer.nlp(text)
    at = next(t.i for t in doc if t.text == "added" and "killed" in doc[t.i - 6 : t.i].text)
    atts = reader.read(doc, [(at, at + 1)], "test")
    assert [text[a.content[0][0]:].startswith("'The people are just killed") for a in atts] == [
        True]


def test_the_source_is_the_run_holding_the_likeliest_word() -> None:
    probability = np.array([0.6, 0.7, 0.1, 0.2, 0.95, 0.4])
    assert likeliest([(0, 2), (3, 6)], probability) == (3, 6)
    assert likeliest([(0, 2), (2, 4)], probability) == (0, 2)
    assert likeliest([], probability) is None


def test_holes_close_unless_the_cue_or_a_source_word_is_in_them() -> None:
    mask = np.array([True, False, False, True, False, True, False, False, False, True])
    barrier = np.zeros(10, dtype=bool)
    assert filled(mask, barrier, 2).tolist() == [True] * 6 + [False] * 3 + [True]
    assert filled(mask, barrier, 3).all()
    barrier[4] = True  # "…," she said, "…": the fragments stay apart
    assert filled(mask, barrier, 3).tolist() == [True] * 4 + [False, True] + [True] * 4
    assert filled(mask, barrier, 0).tolist() == mask.tolist()


def test_weak_stray_runs_are_dropped_but_one_run_stays() -> None:
    probability = np.array([0.95, 0.97, 0.5, 0.2, 0.6, 0.7])
    assert strongest([(0, 2), (3, 6)], probability, 0.9) == [(0, 2)]
    assert strongest([(0, 2), (3, 6)], probability, 0.5) == [(0, 2), (3, 6)]
    assert strongest([(2, 3), (3, 6)], probability, 0.9) == [(3, 6)]
    assert strongest([], probability, 0.9) == []


def test_a_doc_without_sentences_is_one_context(reader: RelationEncoder) -> None:
    doc = spacy.blank("en")("Officials said on Monday that the plant would close.")
    assert not doc.has_annotation("SENT_START")
    context = Contexts.of(doc, reader.tokenizer).around((1, 2))
    assert context is not None and list(context.words) == [t.i for t in doc]


def test_a_missing_reader_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(ModelMissing, match="attrib-relation-encoder.onnx"):
        RelationEncoder.load(tmp_path)


def _roles(*rows: tuple[float, float, float, float, float]) -> np.ndarray:
    return np.array(rows, dtype=np.float32)


O, CON, SRC, WEAK_SRC = (1, 0, 0, 0, 0), (0, 1, 0, 0, 0), (0, 0, 0, 1, 0), (0.7, 0, 0, 0.3, 0)


def test_a_content_of_a_lone_opening_mark_is_no_content() -> None:
    text = "She said “ it works ."
    doc = spacy.blank("en")(text)
    assert [t.text for t in doc] == ["She", "said", "“", "it", "works", "."]
    decode = Decoder.of(doc, "test")
    words, said = list(range(len(doc))), (1, 2)
    assert decode(said, words, _roles(SRC, O, CON, O, O, O)) is None
    att = decode(said, words, _roles(SRC, O, CON, CON, CON, O))
    assert att is not None and text_of(text, att.content) == "“ it works"
    assert text_of(text, (att.source,) if att.source else None) == "She"


def test_without_a_source_word_the_source_floor_finds_one() -> None:
    text = "She said “ it works ."
    doc = spacy.blank("en")(text)
    words, said = list(range(len(doc))), (1, 2)
    probs = _roles(WEAK_SRC, O, O, CON, CON, O)
    assert Decoder.of(doc, "test")(said, words, probs).source is None  # type: ignore[union-attr]
    att = Decoder.of(doc, "test", source_floor=0.1)(said, words, probs)
    assert att is not None and text_of(text, (att.source,) if att.source else None) == "She"
    assert Decoder.of(doc, "test", source_floor=0.5)(said, words, probs).source is None  # type: ignore[union-attr]
