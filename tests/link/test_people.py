"""People across real articles: variants merged, namesakes kept apart."""

from __future__ import annotations

import pytest

from quotetrace.link import LinkEntity, LinkInput
from quotetrace.link.names import compatible, display_name, parse_name
from quotetrace.records import Article, Person
from tests.link.conftest import GERMAN, Corpus, link, pick


@pytest.fixture(scope="module")
def corpus(articles: dict[str, Article]) -> Corpus:
    return link(articles.values())


def test_bill_and_hillary_clinton_stay_two_people(articles: dict[str, Article], corpus: Corpus):
    [both] = pick(articles, "usa-today_2016-01-05_bill-is-back")
    bill, hillary = corpus.person_of(both, "Bill Clinton"), corpus.person_of(both, "Hillary Clinton")
    assert bill.id != hillary.id
    assert "Hillary Clinton" not in bill.variants and "Bill Clinton" not in hillary.variants
    others = [a for a in articles.values() if a is not both
              and any(e.name == "Hillary Clinton" for e in a.entities)]
    assert len(others) >= 5
    assert {corpus.person_of(a, "Hillary Clinton").id for a in others} == {hillary.id}


def test_the_trumps_are_four_people(articles: dict[str, Article], corpus: Corpus):
    elites, junior, son = pick(articles, "wash-post_2016-07-22", "nyt_2016-07-21",
                               "west-journal_2016-03-18")
    people = [corpus.person_of(elites, "Donald Trump"), corpus.person_of(elites, "Ivanka Trump"),
              corpus.person_of(junior, "Donald Trump Jr."), corpus.person_of(son, "Eric Trump")]
    assert len({p.id for p in people}) == 4
    donald = people[0]
    assert donald.name == "Donald Trump"
    assert "Donald J. Trump" in donald.variants  # the Times' style, same man
    articles_of_donald = {m.article_id for m in corpus.mentions.values()
                          if m.person_id == donald.id}
    assert len(articles_of_donald) >= 10


def test_bare_trump_beside_father_and_son_is_left_unresolved(articles: dict[str, Article],
                                                             corpus: Corpus):
    [nomination] = pick(articles, "nyt_2016-07-21")  # "the younger Mr. Trump" and Mr. Trump
    bare = corpus.person_of(nomination, "Trump")
    assert bare.name == "Trump"
    assert bare.id not in {corpus.person_of(nomination, "Donald Trump Jr.").id,
                           corpus.person_of(nomination, "Donald J. Trump").id}


def test_spellings_with_and_without_accents_are_one_person(articles: dict[str, Article],
                                                           corpus: Corpus):
    calderon_article, calderon_accented, pena, pena_accented = pick(
        articles, "breitbart_2016-02-08", "huff-post_2016-07-18", "breitbart_2016-04-12",
        "nyt_2016-09-28")
    calderon = corpus.person_of(calderon_article, "Felipe Calderon")
    assert corpus.person_of(calderon_accented, "Felipe Calderón").id == calderon.id
    assert corpus.person_of(pena_accented, "Peña Nieto").id == \
        corpus.person_of(pena, "Enrique Pena Nieto").id


def test_surname_alone_joins_the_one_namesake_of_its_article(articles: dict[str, Article],
                                                             corpus: Corpus):
    [article] = pick(articles, "breitbart_2016-02-08")
    alone = next(e for e in article.entities if e.name == "Calderon")
    mention = corpus.mentions[(article.document.id, alone.id)]
    assert mention.person_id == corpus.person_of(article, "Felipe Calderon").id
    assert mention.confidence < 1


def test_names_in_a_language_the_recogniser_does_not_read_are_not_people(
        articles: dict[str, Article], corpus: Corpus):
    german = articles[GERMAN].document.id
    assert not [m for m in corpus.mentions.values() if m.article_id == german]


def _article(number: int, *names: str) -> LinkInput:
    """A hand-made article naming people: enough for the person index, which reads names only."""
    entities = tuple(LinkEntity(f"e{number}-{k}", name, "PERSON", ()) for k, name in enumerate(names))
    return LinkInput(f"a{number}", f"2016-01-{number:02d}", "en", None, "", (), entities, ())


def _people(*articles: LinkInput) -> dict[str, list[Person]]:
    """Each name, in the order of the articles, with the person it was linked to there."""
    corpus = link(articles)
    found: dict[str, list[Person]] = {}
    for article in articles:
        for entity in article.entities:
            mention = corpus.mentions[(article.article_id, entity.id)]
            found.setdefault(entity.name, []).append(corpus.people[mention.person_id])
    return found


def test_surname_alone_joins_the_only_person_of_that_name():
    linked = _people(_article(1, "Donald Trump"), _article(2, "Trump"))
    assert linked["Trump"][0].id == linked["Donald Trump"][0].id


def test_surname_alone_among_several_namesakes_joins_none():
    linked = _people(_article(1, "Bill Clinton"), _article(2, "Hillary Clinton"),
                     _article(3, "Clinton"))
    assert len({people[0].id for people in linked.values()}) == 3
    assert linked["Clinton"][0].name == "Clinton"


def test_surname_first_becomes_the_full_name_when_it_arrives():
    linked = _people(_article(1, "Trump"), _article(2, "Donald Trump"), _article(3, "Ivanka Trump"))
    assert linked["Trump"][0].id == linked["Donald Trump"][0].id
    assert linked["Donald Trump"][0].name == "Donald Trump"
    assert linked["Donald Trump"][0].variants == ("Trump", "Donald Trump")
    assert linked["Ivanka Trump"][0].id != linked["Trump"][0].id


def test_titles_and_transliterations_meet():
    linked = _people(_article(1, "Sen. Ted Cruz"), _article(2, "Ted Cruz"),
                     _article(3, "Владимир Путин"), _article(4, "Vladimir Putin"))
    assert linked["Sen. Ted Cruz"][0].id == linked["Ted Cruz"][0].id
    assert linked["Владимир Путин"][0].id == linked["Vladimir Putin"][0].id
    assert len({people[0].id for people in linked.values()}) == 2


@pytest.mark.parametrize(("one", "other", "same"), [
    ("Donald Trump", "Donald J. Trump", True),
    ("Donald Trump", "Donald Trump Jr.", False),
    ("Hillary Clinton", "Bill Clinton", False),
    ("H. Clinton", "Hillary Rodham Clinton", True),
    ("George W. Bush", "George H.W. Bush", False),
    ("Bashar al-Assad", "Assad", True),
    ("Peña Nieto", "Enrique Pena Nieto", True),
])
def test_name_compatibility(one: str, other: str, same: bool):
    parsed, other_parsed = parse_name(one), parse_name(other)
    assert parsed and other_parsed
    assert compatible(parsed, other_parsed) is same


@pytest.mark.parametrize(("written", "name"), [
    ("Ted Cruz—35", "Ted Cruz"), ("Donald Trump’s", "Donald Trump"), ("DONALD TRUMP", "Donald Trump"),
    ("Sen. Ted Cruz", "Ted Cruz"), ("Donald Trump Jr.", "Donald Trump Jr."),
])
def test_names_are_shown_without_what_entity_spans_drag_along(written: str, name: str):
    assert display_name(written) == name


@pytest.mark.parametrize("phrase", ["Donald Trump’s Son", "pro-Clinton", "President", "Jr."])
def test_phrases_about_people_are_not_names(phrase: str):
    assert parse_name(phrase) is None
