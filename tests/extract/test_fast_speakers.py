"""Fast mode's speakers: names from source spans, "he"/"she" and descriptions resolved without a
parse, on hand-made attributions (the taggers are tested in test_fast.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pytest
from spacy.language import Language

from quotetrace.extract.fast_names import Regions, Words, fuller, named
from quotetrace.extract.fast_speakers import cited_sources, resolve
from quotetrace.extract.relation import Attribution
from quotetrace.extract.speakers import NAMED, PRONOUN, Speaker
from quotetrace.ingest import read_input
from quotetrace.pipeline import Analyzer, tokenizer_only
from quotetrace.records import Entity
from tests.conftest import DATA


@pytest.fixture(scope="module")
def nlp() -> Language:
    return tokenizer_only()


def attribution(text: str, source: str, content: str, after: int = 0) -> Attribution:
    """A relation whose source and content are the first occurrences after ``after``."""
    start = text.index(source, after)
    begin = text.index(content, after)
    return Attribution(content=((begin, begin + len(content)),), cue=None, cue_lemma=None,
                       source=(start, start + len(source)), source_head=None,
                       confidence=1.0, rule="test")


def resolved(nlp: Language, text: str, pairs: list[tuple[str, str]]
             ) -> tuple[list[Attribution], tuple[Speaker | None, ...], tuple[Entity, ...]]:
    """``resolve`` over relations given as (source, content) in reading order."""
    atts: list[Attribution] = []
    for source, content in pairs:
        atts.append(attribution(text, source, content, atts[-1].content[0][1] if atts else 0))
    return atts, *resolve(nlp(text), atts, "doc")


def speakers_of(nlp: Language, text: str, pairs: list[tuple[str, str]]
                ) -> list[str | None]:
    return [s.name if s else None for s in resolved(nlp, text, pairs)[1]]


def test_pronouns_take_the_last_person_of_their_gender(nlp: Language) -> None:
    text = ("Mrs. Clinton said taxes would rise. Mr. Trump said they would fall. "
            "She said that was false. He said it was true.")
    assert speakers_of(nlp, text, [("Mrs. Clinton", "taxes would rise"),
                                   ("Mr. Trump", "they would fall"),
                                   ("She", "that was false"), ("He", "it was true")]) == [
        "Clinton", "Trump", "Clinton", "Trump"]


def test_given_names_tell_a_gender_when_no_title_does(nlp: Language) -> None:
    text = ("Hillary Clinton said taxes would rise. Donald Trump said they would fall. "
            "She said that was false.")
    assert speakers_of(nlp, text, [("Hillary Clinton", "taxes would rise"),
                                   ("Donald Trump", "they would fall"),
                                   ("She", "that was false")])[-1] == "Hillary Clinton"


def test_a_lone_surname_takes_the_fuller_name_the_article_gives(nlp: Language) -> None:
    text = ("The rally was loud. Republican nominee Donald J. Trump arrived late. "
            "But Trump said the crowd was huge.")
    doc = nlp(text)
    parts = fuller(doc, "Trump", Words.of(doc))
    assert parts is not None and parts.name == "Donald J. Trump"
    assert speakers_of(nlp, text, [("Trump", "the crowd was huge")]) == ["Donald J. Trump"]


def test_a_name_takes_its_title_and_only_names_before_it(nlp: Language) -> None:
    text = ("In a tweet, Trump attacked Crooked Hillary Clinton. Hillary Clinton said no. "
            "Later, Sen. Lamar Alexander and Mr. Alexander agreed. Alexander said yes.")
    doc = nlp(text)
    words = Words.of(doc)
    assert fuller(doc, "Hillary Clinton", words) is None  # "Crooked" is no name of hers
    parts = fuller(doc, "Alexander", words)  # a surname that is also a given name
    assert parts is not None and (parts.title, parts.name) == ("Sen.", "Lamar Alexander")


def test_a_person_is_called_by_a_name_the_article_writes_unpadded(nlp: Language) -> None:
    text = ("Vermonter Bernie Sanders said no. Bernie Sanders said yes. Sanders said so. "
            "Gov. Earl Ray Tomblin said maybe.")
    assert speakers_of(nlp, text, [("Vermonter Bernie Sanders", "no"), ("Bernie Sanders", "yes"),
                                   ("Sanders", "so"), ("Gov. Earl Ray Tomblin", "maybe")]) == [
        "Bernie Sanders", "Bernie Sanders", "Bernie Sanders", "Earl Ray Tomblin"]


def test_a_description_resolves_to_the_speaker_holding_that_role(nlp: Language) -> None:
    text = ("Mayor Bill de Blasio said the city was safe. Commissioner James O'Neill said "
            "arrests were made. The mayor said more would come.")
    assert speakers_of(nlp, text, [("Mayor Bill de Blasio", "the city was safe"),
                                   ("Commissioner James O'Neill", "arrests were made"),
                                   ("The mayor", "more would come")]) == [
        "Bill de Blasio", "James O'Neill", "Bill de Blasio"]


def test_institutions_and_plurals_are_no_one_a_pronoun_stands_for(nlp: Language) -> None:
    text = "The Tax Foundation said the plan would cost jobs. He said it was wrong."
    _, speakers, entities = resolved(nlp, text, [("The Tax Foundation",
                                                   "the plan would cost jobs"),
                                                  ("He", "it was wrong")])
    assert speakers[0] is not None and speakers[0].name == "Tax Foundation"
    assert speakers[1] is None
    assert [(e.name, e.label) for e in entities] == [("Tax Foundation", "ORG")]
    assert speakers_of(nlp, "Officials said it was fine.", [("Officials", "it was fine")]) == [
        None]


def test_people_carry_every_source_span_that_refers_to_them(nlp: Language) -> None:
    text = "Senator Elizabeth Warren said banks cheat. She said it again. Warren said more."
    atts, speakers, entities = resolved(nlp, text, [("Senator Elizabeth Warren", "banks cheat"),
                                                    ("She", "it again"), ("Warren", "more")])
    (warren,) = entities
    assert warren.label == "PERSON" and warren.roles == ("Senator",)
    assert [m.text for m in warren.mentions] == ["Senator Elizabeth Warren", "She", "Warren"]
    assert all(text[m.start:m.end] == m.text for m in warren.mentions)
    assert {s.entity_id for s in speakers if s} == {warren.id}
    assert [s.confidence for s in speakers if s] == [NAMED, PRONOUN, NAMED]
    assert resolve(nlp(text), atts, "doc") == (speakers, entities)  # same input, same ids


def test_a_leading_role_word_is_a_title_not_a_name(nlp: Language) -> None:
    text = "Democrat Hillary Clinton said no. Republican National Committee said yes."
    doc = nlp(text)
    parts = named(doc, (0, len("Democrat Hillary Clinton")))
    assert parts is not None and (parts.title, parts.name) == ("Democrat", "Hillary Clinton")
    start = text.index("Republican")
    parts = named(doc, (start, start + len("Republican National Committee")))
    assert parts is not None and parts.name == "Republican National Committee"


def test_a_capital_the_article_otherwise_writes_small_is_no_part_of_a_name(nlp: Language
                                                                            ) -> None:
    text = ("Her rival lost. Rival Hillary Clinton said no. Bill Clinton said yes. A bill passed. "
            "The New York Times said so; the times changed.")
    doc = nlp(text)

    def name_of(source: str) -> str | None:
        start = text.index(source)
        parts = named(doc, (start, start + len(source)))
        return parts.name if parts else None
    assert name_of("Rival Hillary Clinton") == "Hillary Clinton"
    assert name_of("Bill Clinton") == "Bill Clinton"  # a given name, whatever "a bill" says
    assert name_of("New York Times") == "New York Times"  # an outlet keeps its whole name


def test_a_paragraph_opening_capital_is_no_name_either(nlp: Language) -> None:
    text = "Mr. Smith said it was early.\n\nOfficials said it was fine. He said more."
    assert speakers_of(nlp, text, [("Mr. Smith", "it was early"), ("Officials", "it was fine"),
                                   ("He", "more")]) == ["Smith", None, "Smith"]


def test_several_people_quantified_and_possessive_sources_name_no_one(nlp: Language) -> None:
    text = ("Mr. Grassley and Mr. Leahy said no. Many Democrats said yes. His aides said maybe. "
            "One Republican said never.")
    assert speakers_of(nlp, text, [("Mr. Grassley and Mr. Leahy", "no"),
                                   ("Many Democrats", "yes"), ("His aides", "maybe"),
                                   ("One Republican", "never")]) == [None, None, None, None]


def test_a_source_names_the_person_it_opens_with(nlp: Language) -> None:
    text = ("Jorge Castañeda, a former foreign minister who is a critic of Mr. Peña Nieto, said "
            "the wall was absurd. Rep. Gwen Moore (D-Wis.) said so too.")
    assert speakers_of(nlp, text, [
        ("Jorge Castañeda, a former foreign minister who is a critic of Mr. Peña Nieto,",
         "the wall was absurd"), ("Rep. Gwen Moore (D-Wis.)", "so too")]) == [
        "Jorge Castañeda", "Gwen Moore"]


def test_a_father_and_his_son_stay_two_people(nlp: Language) -> None:
    text = ("Donald Trump said it. Donald Trump Jr. said so too. Ursula von der Leyen said "
            "nothing. Republican Donald Trump said more.")
    _, speakers, entities = resolved(nlp, text, [
        ("Donald Trump", "it"), ("Donald Trump Jr.", "so too"),
        ("Ursula von der Leyen", "nothing"), ("Republican Donald Trump", "more")])
    assert [s.name if s else None for s in speakers] == [
        "Donald Trump", "Donald Trump Jr.", "Ursula von der Leyen", "Donald Trump"]
    assert {e.label for e in entities} == {"PERSON"}


def test_a_shared_surname_tells_no_gender_and_a_description_keeps_its_own(nlp: Language
                                                                          ) -> None:
    text = ("Hillary Clinton said taxes rise. Bill Clinton said they fall. Mr. Clinton, 70, was "
            "calm. She said it again. The spokeswoman said nothing. The president's spokesman "
            "said less.")
    assert speakers_of(nlp, text, [("Hillary Clinton", "taxes rise"),
                                   ("Bill Clinton", "they fall"), ("She", "it again"),
                                   ("The spokeswoman", "nothing"),
                                   ("The president's spokesman", "less")]) == [
        "Hillary Clinton", "Bill Clinton", "Hillary Clinton", "Hillary Clinton", None]
    text = "Mr. Trump said it. The spokeswoman said nothing."
    assert speakers_of(nlp, text, [("Mr. Trump", "it"), ("The spokeswoman", "nothing")]) == [
        "Trump", None]


_RESOLVE = """
import json, sys
from quotetrace.pipeline import Analyzer
from quotetrace.ingest import read_input
article = Analyzer.load(mode="fast").analyze_input(read_input(sys.argv[1]))
print(json.dumps([[q.speaker_entity_id, q.speaker_name, q.speaker_role] for q in article.quotes]
                 + [[e.id, e.name, list(e.roles), [m.start for m in e.mentions]]
                    for e in article.entities]))
"""


def test_the_same_article_gives_the_same_people_under_any_hash_seed() -> None:
    article = DATA / "polnear" / "politico_2016-09-17_de-blasio-says-chelsea-explosion.txt"
    runs = [subprocess.run([sys.executable, "-c", _RESOLVE, str(article)], check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True,
                           text=True).stdout for seed in ("1", "2")]
    assert json.loads(runs[0]) == json.loads(runs[1])
    assert any(row[1] == "Bill de Blasio" for row in json.loads(runs[0]))


def test_bodies_credited_are_cited_sources(nlp: Language) -> None:
    text = ("The New York Post reported the deal was off. The Post said talks would resume. "
            "The Tax Foundation said taxes would rise. Mr. Smith, who chairs it, said so.")
    atts, speakers, entities = resolved(nlp, text, [
        ("The New York Post", "the deal was off"), ("The Post", "talks would resume"),
        ("The Tax Foundation", "taxes would rise"), ("Mr. Smith, who chairs it,", "so")])
    quote_ids = ["q0", "q1", "q2", "q3"]
    sources, ids = cited_sources(text, atts, speakers, entities, quote_ids, "doc")
    assert [(s.name, s.kind, s.mention.text, s.quote_ids) for s in sources] == [
        ("New York Post", "outlet", "The New York Post", ("q0",)),
        ("New York Post", "outlet", "The Post", ("q1",)),
        ("Tax Foundation", "organisation", "The Tax Foundation", ("q2",))]
    assert [len(i) for i in ids] == [1, 1, 1, 0] and ids[0] == (sources[0].id,)
    person = next(e for e in entities if e.name == "Smith")
    assert [m.text for m in person.mentions] == ["Mr. Smith"]  # its naming part only


def test_fast_mode_cites_the_outlet_a_real_article_credits() -> None:
    path = DATA / "polnear" / "west-journal_2016-09-28_clinton-campaign-reportedly-scra.txt"
    article = Analyzer.load(mode="fast").analyze_input(read_input(path))
    (politico,) = [s for s in article.sources if s.name == "Politico"]
    assert politico.kind == "outlet" and politico.mention.text == "Politico"
    quotes = [q for q in article.quotes if politico.id in q.source_ids]
    assert quotes and {q.id for q in quotes} == set(politico.quote_ids)


def test_a_name_beside_a_description_or_a_place_is_found(nlp: Language) -> None:
    text = ("The state voted, a rival said. Secretary of State Hillary Clinton said no. "
            "Gov. Earl Ray Tomblin of West Virginia said yes. A spokeswoman for Hillary Clinton "
            "said maybe. Mr. Trump's campaign said never. Rival Hillary Clinton said so.")
    doc = nlp(text)

    def parts_of(source: str) -> tuple[str | None, str] | None:
        start = text.index(source)
        parts = named(doc, (start, start + len(source)))
        return (parts.title, parts.name) if parts else None
    assert parts_of("Secretary of State Hillary Clinton") == (
        "Secretary of State", "Hillary Clinton")
    assert parts_of("Gov. Earl Ray Tomblin of West Virginia") == ("Gov.", "Earl Ray Tomblin")
    assert parts_of("A spokeswoman for Hillary Clinton") is None  # someone else speaks
    assert parts_of("Mr. Trump's campaign") is None
    assert parts_of("Rival Hillary Clinton") == (None, "Hillary Clinton")


@pytest.mark.parametrize("spans", [[], [(5, 9)], [(5, 9), (9, 12)], [(0, 3), (2, 6), (20, 20)],
                                   [(30, 40), (10, 15)]])
def test_regions_hold_many_positions_as_they_hold_one(spans: list[tuple[int, int]]) -> None:
    regions = Regions(spans)
    positions = np.arange(-2, 45)
    held = regions.holding(positions)
    assert held == [int(p) in regions for p in positions]
    assert sum(held) == len({p for start, end in spans for p in range(start, end)})
