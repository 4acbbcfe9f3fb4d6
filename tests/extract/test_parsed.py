"""What the extraction stages read off a parsed doc: its text and its sentences."""

from __future__ import annotations

import spacy

from quotetrace.extract import sentence_bounds
from quotetrace.ingest import read_input
from quotetrace.pipeline import Analyzer, tokenizer_only
from tests.conftest import EXAMPLES


def test_sentences_are_those_the_parser_or_the_sentencizer_marked(analyzer: Analyzer) -> None:
    text = read_input(EXAMPLES / "captured-commander.txt").text
    for doc in (analyzer.nlp(text), tokenizer_only()(text), tokenizer_only()("One word")):
        assert sentence_bounds(doc) == [(s.start, s.end) for s in doc.sents]
    assert len(sentence_bounds(analyzer.nlp(text))) > 10


def test_a_doc_without_marked_sentences_is_one_sentence() -> None:
    doc = spacy.blank("en")("He said so. She did not.")
    assert not doc.has_annotation("SENT_START")
    assert sentence_bounds(doc) == [(0, len(doc))]
    assert sentence_bounds(spacy.blank("en")("")) == [(0, 0)]
