"""The learned attribution extractor as accurate mode loads it (cue encoder + relation reader) on
hand-made sentences and real articles, its merge with the rules, and its accuracy gate."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from quotetrace.errors import ModelMissing
from quotetrace.extract.attributions import Attribution, find_attributions
from quotetrace.extract.merge import CREDIT_RULE, combine, merge_attributions
from quotetrace.extract.quotemarks import find_quote_regions
from quotetrace.extract.tagger import AttributionModel, find_learned_attributions, runs
from quotetrace.ingest import read_input
from quotetrace.pipeline import Analyzer
from tests.conftest import DATA, run_cli
from tests.test_accuracy_gate import POLNEAR, SCORER, score_subset


@pytest.fixture(scope="module")
def model() -> AttributionModel:
    """As accurate mode loads it: cues from the cue encoder, relations from the reader."""
    return AttributionModel.load_accurate()


@pytest.fixture(scope="module")
def accurate(analyzer: Analyzer, model: AttributionModel) -> Analyzer:
    return Analyzer(analyzer.nlp, attribution_model=model)


def learned(analyzer: Analyzer, model: AttributionModel, text: str) -> tuple[Attribution, ...]:
    doc = analyzer.nlp(text)
    return find_learned_attributions(doc, find_quote_regions(text), model)


def words(text: str, spans: tuple[tuple[int, int], ...] | None) -> str:
    return " ".join(text[s:e] for s, e in spans or ())


def test_runs_reads_bio_labels() -> None:
    labels = ["O", "B-CON", "I-CON", "O", "I-CON", "B-SRC", "B-CON", "I-CON"]
    assert list(runs(labels, "CON")) == [(1, 3), (4, 5), (6, 8)]
    assert list(runs(labels, "SRC")) == [(5, 6)]


def test_indirect_speech_gets_source_cue_and_content(analyzer: Analyzer,
                                                     model: AttributionModel) -> None:
    text = ("The county's top election official said on Tuesday that the new voting machines "
            "would be ready before November.\n")
    (att,) = learned(analyzer, model, text)
    assert att.cue is not None and text[att.cue[0]:att.cue[1]] == "said"
    assert words(text, (att.source,) if att.source else None).endswith("election official")
    content = words(text, att.content)
    assert "the new voting machines would be ready before November" in content
    assert "said" not in content
    assert att.rule == model.producer == "cue-encoder.v1+relation-encoder.v1"


def test_according_to_credits_the_object(analyzer: Analyzer, model: AttributionModel) -> None:
    text = ("More than 400 people fell ill after eating at the fair, according to the state "
            "health department.\n")
    atts = learned(analyzer, model, text)
    assert len(atts) == 1
    assert words(text, (atts[0].cue,) if atts[0].cue else None) == "according to"
    assert "state health department" in words(text, (atts[0].source,) if atts[0].source else None)
    assert "400 people fell ill" in words(text, atts[0].content)


def test_offsets_point_into_the_text(analyzer: Analyzer, model: AttributionModel) -> None:
    path = DATA / "polnear" / "politico_2016-09-17_de-blasio-says-chelsea-explosion.txt"
    text = read_input(path).text
    atts = learned(analyzer, model, text)
    assert len(atts) >= 5
    for att in atts:
        for start, end in (*att.content, *(s for s in (att.cue, att.source) if s)):
            assert 0 <= start < end <= len(text)
            assert text[start:end].strip() == text[start:end]
        assert 0.0 <= att.confidence <= 1.0


def test_merge_keeps_the_rules_quotations(analyzer: Analyzer, model: AttributionModel) -> None:
    path = DATA / "polnear" / "west-journal_2016-09-28_clinton-campaign-reportedly-scra.txt"
    text = read_input(path).text
    doc = analyzer.nlp(text)
    regions = find_quote_regions(text)
    rules = find_attributions(doc, regions)
    found = find_learned_attributions(doc, regions, model)
    merged = merge_attributions(rules, found)
    quoted = [a for a in rules if all(any(r.start <= s and e <= r.end for r in regions)
                                      for s, e in a.content)]
    assert quoted, "the article has direct quotations the rules find"
    assert all(a in merged for a in quoted)
    assert len(merged) >= len(quoted)
    contents = [a.content for a in merged]
    assert len(contents) == len(set(contents))


def test_merge_fills_a_missing_source_from_the_learned_relation() -> None:
    # "Prices will fall, the minister told reporters." with the rules missing the source
    rule = Attribution(content=((0, 16),), cue=(31, 35), cue_lemma="tell", source=None,
                       source_head=None, confidence=0.8, rule="rules")
    same = Attribution(content=((0, 17),), cue=(31, 35), cue_lemma="tell", source=(18, 30),
                       source_head=4, confidence=0.9, rule="tagger")
    other = Attribution(content=((40, 60),), cue=None, cue_lemma=None, source=(70, 75),
                        source_head=12, confidence=0.9, rule="tagger")
    merged = merge_attributions([rule], [same, other])
    assert [a.content for a in merged] == [rule.content, other.content]
    assert merged[0].source == (18, 30) and merged[0].source_head == 4
    assert merged[0].rule == "rules+source:tagger" and merged[0].cue == rule.cue
    sourced = merge_attributions([replace(rule, source=(0, 5), source_head=0)], [same])
    assert sourced[0].source == (0, 5)  # a rule's own source is kept


def test_combine_keeps_one_learned_relation_per_content_and_the_rules_credits() -> None:
    def relation(start: int, end: int, confidence: float, rule: str) -> Attribution:
        return Attribution(content=((start, end),), cue=(end + 2, end + 6), cue_lemma="say",
                           source=None, source_head=None, confidence=confidence, rule=rule)

    said, according = relation(0, 40, 0.9, "learned"), relation(0, 38, 0.6, "learned")
    rule_said = relation(0, 40, 0.8, "verb-complement")
    alone = relation(100, 140, 0.7, "verb-complement")
    assert combine([said, according], [rule_said, alone]) == (said, alone)
    credited = relation(0, 40, 0.8, CREDIT_RULE)
    assert combine([said, according], [rule_said, credited, alone]) == (
        rule_said, credited, alone)


def test_accurate_mode_finds_reported_speech_the_rules_miss(analyzer: Analyzer,
                                                            accurate: Analyzer) -> None:
    path = DATA / "polnear" / "politico_2016-09-17_de-blasio-says-chelsea-explosion.txt"
    rules = analyzer.analyze_input(read_input(path))
    more = accurate.analyze_input(read_input(path))
    producers = {q.producer for q in more.quotes}
    assert any("relation-encoder" in p for p in producers)
    assert len(more.quotes) > len(rules.quotes)
    for quote in more.quotes:
        for fragment in quote.fragments:
            assert more.document.text[fragment.start:fragment.end] == fragment.text


def test_a_missing_model_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(ModelMissing, match="attrib-cue-parsed.crfsuite"):
        AttributionModel.load(folder=tmp_path)


# Accurate mode on the accuracy gate's fixed subset (first 20 PolNeAR dev articles); floors were
# measured when written (2026-11-25 with the cue CRF: all 0.755, direct 0.846, indirect 0.702;
# with the cue encoder: 0.789, 0.846, 0.754; with the 4-epoch encoder e4: 0.795, 0.8499…, 0.761;
# with the relation reader: 0.821, 0.869, 0.797; one learned relation per content: 0.846, 0.881,
# 0.825; cues by hysteresis: 0.849, 0.881, 0.8299; contents start at opening marks only: 0.849,
# 0.884, 0.832; the rules alone score all 0.662 there; with transcript turns: 0.861, 0.914,
# 0.837), rounded down to two decimals, and may only rise.
ACCURATE_FLOORS = {("all", "partial"): 0.86, ("direct", "partial"): 0.91,
                   ("indirect", "partial"): 0.83}
# source accuracy there: 0.887, 0.904 with the likeliest source run, 0.9102 (375 of 412) with
# transcript turns: the floor stays 0.90, two sources of margin
ACCURATE_SOURCE_FLOOR = 0.90


@pytest.mark.skipif(not (SCORER.is_file() and (POLNEAR / "dev" / "text").is_dir()),
                    reason="needs the shared scorer and PolNeAR, which developers and CI have")
def test_accurate_mode_stays_above_its_floors(accurate: Analyzer, tmp_path: Path) -> None:
    scores = score_subset(accurate, tmp_path)
    for (subset, measure), floor in ACCURATE_FLOORS.items():
        assert scores[subset][measure]["f1"] >= floor, (subset, measure)
    assert scores["all"]["source_acc"] >= ACCURATE_SOURCE_FLOOR


def test_cli_mode_accurate_adds_learned_relations() -> None:
    path = DATA / "polnear" / "politico_2016-09-17_de-blasio-says-chelsea-explosion.txt"
    runs_by_mode = {mode: run_cli("analyze", path, "--format", "jsonl", "--mode", mode)
                    for mode in ("rules", "accurate")}
    quotes = {}
    for mode, run in runs_by_mode.items():
        assert run.returncode == 0, run.stderr
        quotes[mode] = json.loads(run.stdout)["quotes"]
    assert len(quotes["accurate"]) > len(quotes["rules"])
    assert any("relation-encoder" in q["producer"] for q in quotes["accurate"])
    assert not any("tagger.crf" in q["producer"] for q in quotes["rules"])
    bad = run_cli("analyze", path, "--mode", "best")
    assert bad.returncode != 0 and "best" in bad.stderr
