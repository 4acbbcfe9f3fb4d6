"""The transformer cue encoder (int8 ONNX, shipped in the package) on real text."""

from __future__ import annotations

import importlib.util
from importlib.util import find_spec
from pathlib import Path

import numpy as np
import pytest

from quotetrace.errors import ModelMissing
from quotetrace.extract.encoder import (
    MAX_PIECES,
    WINDOW,
    CueEncoder,
    doc_pieces,
    hysteresis,
    runs,
    windows,
    word_pieces,
)
from quotetrace.ingest import read_input
from quotetrace.pipeline import Analyzer
from tests.conftest import DATA, EXAMPLES


@pytest.fixture(scope="module")
def encoder() -> CueEncoder:
    return CueEncoder.load()


def cue_words(analyzer: Analyzer, encoder: CueEncoder, text: str) -> list[str]:
    doc = analyzer.nlp(text)
    return [doc[s:e].text for s, e in encoder.cues(doc)]


def test_word_pieces_are_each_word_encoded_alone(encoder: CueEncoder) -> None:
    """One call for the whole doc gives what one call per word gave."""
    tok = encoder.tokenizer
    words = ["https://example.org/a/very/long/path?with=query&and=more&and=more", "\u200b", "北京市",
             "Café", "naïve", "O’Neill", "said", "—", "12,000", "🙂"]
    unknown = tok.token_to_id("[UNK]")
    alone = [tok.encode([w], is_pretokenized=True, add_special_tokens=False).ids[:MAX_PIECES]
             or [unknown] for w in words]
    assert word_pieces(tok, words) == alone
    assert len(alone[0]) == MAX_PIECES and alone[1] == [unknown]


def test_doc_pieces_are_each_token_encoded_alone(analyzer: Analyzer, encoder: CueEncoder
                                                ) -> None:
    """Each distinct word is encoded once, each space token skipped, and every other token
    gets the pieces it has alone, however often it occurs and wherever spaCy splits a run
    the tokenizer would read as one word ("do" + "n't", "can" + "not")."""
    tok = encoder.tokenizer
    text = ("They don't know, he can't say and we cannot, gonna wanna. U.S. e-mail $5.00 9/11 "
            "O’Neill's \u200b x\u00a0y 北京市 ｆｕｌｌ naïve e\u0301 🙂👍🏽 a\x85b\n\n"
            + read_input(EXAMPLES / "captured-commander.txt").text)
    doc = analyzer.nlp(text)
    alone = {t.i: word_pieces(tok, [t.text])[0] for t in doc if not t.is_space}
    assert doc_pieces(doc, tok) == alone
    blank = analyzer.nlp(" \n\u200b")  # no pieces at all: [UNK] for the token that is not space
    unknown = [tok.token_to_id("[UNK]")]
    assert doc_pieces(blank, tok) == {t.i: unknown for t in blank if not t.is_space}


def test_windows_cover_every_word_once_in_order(analyzer: Analyzer, encoder: CueEncoder) -> None:
    doc = analyzer.nlp(read_input(EXAMPLES / "captured-commander.txt").text)
    seen = []
    for window in windows(doc, encoder.tokenizer):
        assert len(window.ids) <= WINDOW + 2
        assert window.ids[0] == encoder.tokenizer.token_to_id("[CLS]")
        assert window.ids[-1] == encoder.tokenizer.token_to_id("[SEP]")
        for token, first in zip(window.tokens, window.firsts, strict=True):
            alone = encoder.tokenizer.encode(doc[token].text, add_special_tokens=False).ids
            assert window.ids[first] == (alone or [encoder.tokenizer.token_to_id("[UNK]")])[0]
        seen += window.tokens
    assert seen == [t.i for t in doc if not t.is_space]


def test_a_long_sentence_is_cut_into_windows(analyzer: Analyzer, encoder: CueEncoder) -> None:
    doc = analyzer.nlp("The minister said " + ", ".join(["tariffs rose sharply"] * 120) + ".")
    parts = list(windows(doc, encoder.tokenizer))
    assert len(parts) >= 2
    assert all(len(w.ids) <= WINDOW + 2 for w in parts)
    assert [i for w in parts for i in w.tokens] == [t.i for t in doc if not t.is_space]


def test_cues_of_reported_speech(analyzer: Analyzer, encoder: CueEncoder) -> None:
    text = ("The county's top election official said on Tuesday that the new voting machines "
            "would be ready before November. More than 400 people fell ill after eating at the "
            "fair, according to the state health department. The bridge opened in 1932 and "
            "carries four lanes of traffic.")
    cues = cue_words(analyzer, encoder, text)
    assert "said" in cues
    assert "according to" in cues
    assert not any(word in " ".join(cues) for word in ("bridge", "opened", "carries"))


def test_probabilities_are_distributions(analyzer: Analyzer, encoder: CueEncoder) -> None:
    path = DATA / "polnear" / "politico_2016-09-17_de-blasio-says-chelsea-explosion.txt"
    doc = analyzer.nlp(read_input(path).text)
    probabilities = encoder.probabilities(doc)
    assert set(probabilities) == {t.i for t in doc if not t.is_space}
    for p in probabilities.values():
        assert abs(float(p.sum()) - 1.0) < 1e-4 and (p >= 0).all()


def test_runs_join_b_and_i_labels(analyzer: Analyzer) -> None:
    doc = analyzer.nlp("Crime fell, according to police, officials said. According to polls, "
                       "it rose.")
    labels = {t.i: "O" for t in doc}
    labels[3], labels[4] = "B-CUE", "I-CUE"  # according to
    labels[8] = "I-CUE"  # said: an I- after O opens a run
    labels[9] = labels[10] = labels[11] = "I-CUE"  # ". According to": cut at the sentence start
    assert doc[10].is_sent_start
    assert runs(doc, labels) == [(3, 5), (8, 10), (10, 12)]


def test_weak_words_extend_a_cue_but_never_start_one(analyzer: Analyzer) -> None:
    doc = analyzer.nlp("The mayor told reporters the plan works. The council met on Monday.")
    words = [t.i for t in doc if not t.is_space]

    def p(b: float, i: float) -> np.ndarray:
        return np.array([1 - b - i, b, i])

    probabilities = {i: p(0.0, 0.0) for i in words}
    probabilities[2] = p(0.9, 0.0)  # told
    probabilities[3] = p(0.0, 0.35)  # reporters: above the floor, below the threshold
    probabilities[10] = p(0.4, 0.0)  # met: a run of weak words only
    assert [doc[s:e].text for s, e in hysteresis(doc, probabilities, 0.5, 0.3)] == [
        "told reporters"]
    assert [doc[s:e].text for s, e in hysteresis(doc, probabilities, 0.5, 0.5)] == ["told"]
    assert [doc[s:e].text for s, e in hysteresis(doc, probabilities, 0.3, 0.3)] == [
        "told reporters", "met"]
    assert hysteresis(doc, probabilities, 0.3, 0.5) == hysteresis(doc, probabilities, 0.3, 0.3)


def test_a_missing_encoder_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(ModelMissing, match="attrib-cue-encoder.onnx"):
        CueEncoder.load(tmp_path)


def test_a_missing_runtime_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "onnxruntime" else find_spec(name, *a))
    with pytest.raises(ModelMissing, match=r"onnxruntime: pip install 'quotetrace\[accurate\]'"):
        CueEncoder.load()
    with pytest.raises(ModelMissing, match="onnxruntime"):
        Analyzer.load(mode="accurate")
