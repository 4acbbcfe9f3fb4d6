"""Direct quotations in every quoting style newsrooms use, on real sentences.

Sentences come from PolNeAR (`/work/shared/data/polnear`, named by article file) and from the
reference article. English outlets do not use «…» or „…“, so for those styles a real sentence is
set with the marks a continental outlet would use; the words are unchanged.
"""

from __future__ import annotations

import pytest

from quotetrace.extract.quotemarks import opens_at
from quotetrace.pipeline import Analyzer
from quotetrace.records import Article, Quote

# dev/breitbart_2016-10-04_bill-clinton-calls-obamacare-cra
CURLY_DOUBLE = ("“It doesn’t make any sense. The insurance model doesn’t work here,” "
                "Clinton said.")
# dev/nyt_2016-09-08_obama-on-climate-change-the-tren
STRAIGHT_DOUBLE = '"It will be first-order business," Mr. Podesta said.'
# examples/captured-commander.txt
COMMANDER = ("During the footage, National Guard Lt. Col. Astakhov Dmitry Mikhailovich says that "
             "troops were led to believe that 'Ukraine's territory is dominated by fascists' "
             "regime' and that forces were being sent to liberate it.\n")
STRAIGHT_SINGLE = COMMANDER + "'Obviously, this information was unilateral information,' he added."
CURLY_SINGLE = COMMANDER + "‘Obviously, this information was unilateral information,’ he added."
# dev/breitbart_2016-10-04_bill-clinton-calls-obamacare-cra (its headline)
CURLY_SINGLE_PARTIAL = "Bill Clinton calls Obamacare ‘crazy system’ during campaign stop."
# dev/nyt_2016-09-08_obama-on-climate-change-the-tren, set in French and German marks
GUILLEMETS = "«It will be first-order business,» Mr. Podesta said."
LOW_HIGH = "„It will be first-order business“, Mr. Podesta said."
# train/nyt_2016-07-05_a-rush-for-books-on-trump: the NYT's doubled apostrophes, and a '90s inside
DOUBLED_APOSTROPHES = (
    "''People remembered this piece, for better or worse, and I did want to find a way to bring "
    "it back to life,'' Mr. Singer said. ''The challenge was to reconcile this person that I "
    "observed in the late '90s with this iteration of him in the election.''"
)


def analyze(analyzer: Analyzer, text: str) -> Article:
    return analyzer.analyze(text, published="2016-09-08")


def quote_with(article: Article, words: str) -> Quote:
    """The one quotation holding ``words``."""
    found = [q for q in article.quotes if any(words in f.text for f in q.fragments)]
    assert len(found) == 1, [q.text for q in article.quotes]
    return found[0]


@pytest.mark.parametrize(
    ("text", "quoted", "lemma", "speaker"),
    [
        pytest.param(CURLY_DOUBLE, "“It doesn’t make any sense. The insurance model doesn’t "
                     "work here,”", "say", "Clinton", id="curly-double"),
        pytest.param(STRAIGHT_DOUBLE, '"It will be first-order business,"', "say", "Mr. Podesta",
                     id="straight-double"),
        pytest.param(STRAIGHT_SINGLE, "'Obviously, this information was unilateral information,'",
                     "add", "he", id="straight-single"),
        pytest.param(CURLY_SINGLE, "‘Obviously, this information was unilateral information,’",
                     "add", "he", id="curly-single"),
        pytest.param(GUILLEMETS, "«It will be first-order business,»", "say", "Mr. Podesta",
                     id="guillemets"),
        pytest.param(LOW_HIGH, "„It will be first-order business“", "say", "Mr. Podesta",
                     id="low-high"),
    ],
)
def test_quoting_style(analyzer: Analyzer, text: str, quoted: str, lemma: str,
                       speaker: str) -> None:
    quote = quote_with(analyze(analyzer, text), quoted)
    assert [f.text for f in quote.fragments] == [quoted]
    assert quote.kind == "direct"
    assert quote.cue_lemma == lemma
    assert quote.speaker is not None and quote.speaker.text == speaker


def test_single_marks_inside_words_are_apostrophes(analyzer: Analyzer) -> None:
    """Ukraine's and fascists' do not close the quotation they stand in."""
    article = analyze(analyzer, COMMANDER)
    [quote] = [q for q in article.quotes if q.cue_lemma == "say"]
    assert quote.speaker is not None and quote.speaker.text.endswith("Dmitry Mikhailovich")
    assert "'Ukraine's territory is dominated by fascists' regime'" in quote.fragments[0].text
    assert quote.kind == "mixed"
    assert not article.warnings


def test_curly_single_partial_quote_in_a_headline(analyzer: Analyzer) -> None:
    quote = quote_with(analyze(analyzer, CURLY_SINGLE_PARTIAL), "‘crazy system’")
    assert quote.kind == "mixed"
    assert quote.speaker is not None and quote.speaker.text == "Bill Clinton"


def test_doubled_apostrophes_and_a_decade_inside(analyzer: Analyzer) -> None:
    """''…'' pairs as one mark; the '90s inside is not a quotation mark."""
    article = analyze(analyzer, DOUBLED_APOSTROPHES)
    quote = quote_with(article, "People remembered this piece")
    assert quote.kind == "direct"
    assert quote.fragments[-1].text.endswith("in the late '90s with this iteration of him in the "
                                             "election.''")
    assert not article.warnings


@pytest.mark.parametrize(
    "text",
    [
        # dev/wash-post_2016-09-21_mixed-messages-on-trump-leave-pl
        ("Conservative economist Aparna Mathur, who studies tax policy and labor issues at the "
         "American Enterprise Institute, said Ivanka Trump's statement didn't clarify the matter."),
        # dev/wash-post_2016-09-16_burma-leader-s-visit-to-washingt
        ("Erin Murphy, a former Clinton aide who accompanied her to Burma in 2011, said "
         "McConnell's trip was perhaps more important than Clinton's, even though it received "
         "less international attention."),
    ],
)
def test_apostrophes_are_not_quotation_marks(analyzer: Analyzer, text: str) -> None:
    article = analyze(analyzer, text)
    assert not article.warnings
    kinds = [(q.cue_lemma, q.kind) for q in article.quotes]
    assert kinds == [("say", "indirect")]


@pytest.mark.parametrize(
    ("text", "fragments", "lemma", "speaker"),
    [
        # dev/west-journal_2016-09-26_popular-website-shows-bias-when-
        pytest.param("“On this basis,” Zero Hedge said, “true white youth unemployment is in the "
                     "mid-30s while black youth unemployment is in the 50s.”",
                     ["“On this basis,”", ("“true white youth unemployment is in the mid-30s "
                      "while black youth unemployment is in the 50s.”")],
                     "say", "Zero Hedge", id="curly"),
        # dev/nyt_2016-09-08_obama-on-climate-change-the-tren
        pytest.param('"That," he added, "promises to make life a lot more difficult for our '
                     'children and grandchildren."',
                     ['"That,"', ('"promises to make life a lot more difficult for our children '
                      'and grandchildren."')], "add", "he", id="straight"),
    ],
)
def test_quote_split_around_its_cue_is_one_quotation(analyzer: Analyzer, text: str,
                                                     fragments: list[str], lemma: str,
                                                     speaker: str) -> None:
    article = analyze(analyzer, text)
    assert len(article.quotes) == 1, [q.text for q in article.quotes]
    [quote] = article.quotes
    assert [f.text for f in quote.fragments] == fragments
    assert (quote.kind, quote.cue_lemma) == ("direct", lemma)
    assert quote.speaker is not None and quote.speaker.text == speaker
    assert quote.cue is not None
    assert quote.fragments[0].end <= quote.cue.start < quote.fragments[1].start


# train/west-journal_2016-01-23_watch-what-hillary-does-when-a-g: the open mark is repeated at the
# start of the second paragraph, and the first paragraph has no closing mark.
MULTI_PARAGRAPH = (
    "“I spoke to a wide array of groups who wanted to hear what I thought about the world coming "
    "off of my time as secretary of state,” said Clinton. “I happen to think we need more "
    "conversation about what’s going on in the world.\n\n“I think groups that want to talk and "
    "ask questions and hear about that are actually trying to educate themselves because we’re "
    "living in a really complicated world.”"
)


def test_multi_paragraph_quote_is_one_quotation(analyzer: Analyzer) -> None:
    article = analyze(analyzer, MULTI_PARAGRAPH)
    quote = quote_with(article, "I happen to think")
    assert "I think groups that want to talk" in quote.text
    last = quote.fragments[-1]
    assert last.text.startswith("“I happen to think") and last.text.endswith("complicated world.”")
    assert "\n\n“I think groups" in last.text
    assert (quote.kind, quote.cue_lemma) == ("direct", "say")
    assert quote.speaker is not None and quote.speaker.text == "Clinton"
    assert not article.warnings  # the paragraph left open is continued, not unbalanced


def test_quote_inside_a_quote_stays_in_its_quotation(analyzer: Analyzer) -> None:
    # dev/west-journal_2016-09-28_clinton-campaign-reportedly-scra
    text = ("“They have a big problem because they thought Obama and Michelle saying, ‘Hey, go "
            "vote for Hillary’ would do it. But it’s not enough,” she said.")
    quote = quote_with(analyze(analyzer, text), "‘Hey, go vote for Hillary’")
    assert [f.text for f in quote.fragments] == [text[: text.index(" she said")]]
    assert (quote.kind, quote.cue_lemma) == ("direct", "say")
    assert quote.speaker is not None and quote.speaker.text == "she"


def test_quote_inside_a_quote_in_straight_marks(analyzer: Analyzer) -> None:
    # dev/wash-post_2016-09-16_burma-leader-s-visit-to-washingt
    text = ("\"In my first meeting with him in 2011, he said, 'Our approach hasn't worked; we "
            "want to work with you,'\" Mitchell recalled in an interview.")
    article = analyze(analyzer, text)
    outer = [q for q in article.quotes if q.speaker and q.speaker.text == "Mitchell"]
    assert len(outer) == 1
    assert outer[0].fragments[0].text == text[: text.index(" Mitchell")]
    assert (outer[0].kind, outer[0].cue_lemma) == ("direct", "recall")


@pytest.mark.parametrize(
    ("text", "partial", "lemma", "speaker"),
    [
        # examples/captured-commander.txt
        pytest.param("He added that he felt 'shame' for invading when learning that his "
                     "'favourite' boxers – Ukrainians Oleksandr Usyk and Vasiliy Lomachenko – "
                     "were going to be fighting against them.", "'shame'", "add", "He",
                     id="single-marks"),
        # dev/politico_2016-09-17_de-blasio-says-chelsea-explosion
        pytest.param("Following initial reports of the explosion, Republican presidential nominee "
                     "Donald Trump said at an event in Colorado Springs that \"a bomb\" had gone "
                     "off in New York.", '"a bomb"', "say",
                     "Republican presidential nominee Donald Trump", id="straight-double"),
        pytest.param("Twenty-nine people were injured tonight in a densely packed Chelsea "
                     "neighborhood by an explosion that Mayor Bill de Blasio described as “an "
                     "intentional act.”", "“an intentional act.”", "describe",
                     "Mayor Bill de Blasio", id="curly-double"),
    ],
)
def test_partial_quote_inside_reported_speech_is_mixed(analyzer: Analyzer, text: str,
                                                       partial: str, lemma: str,
                                                       speaker: str) -> None:
    quote = quote_with(analyze(analyzer, text), partial)
    [fragment] = quote.fragments
    assert fragment.text != partial  # the reported speech around the marks belongs to it
    assert (quote.kind, quote.cue_lemma) == ("mixed", lemma)
    assert quote.speaker is not None and quote.speaker.text == speaker


def test_partial_quote_starts_with_the_complementiser(analyzer: Analyzer) -> None:
    text = ("He added that he felt 'shame' for invading when learning that his 'favourite' "
            "boxers were going to be fighting against them.")
    quote = next(q for q in analyze(analyzer, text).quotes if q.cue_lemma == "add")
    assert quote.fragments[0].text.startswith("that he felt 'shame' for invading")
    assert quote.fragments[0].text.endswith("fighting against them")


def test_two_sentence_quote_before_an_inverted_cue(analyzer: Analyzer) -> None:
    # dev/west-journal_2016-09-28_clinton-campaign-reportedly-scra
    text = ("“Hillary Clinton’s campaign is in panic mode. Full panic mode,” said Leslie Wimes, a "
            "South Florida-based president of the Democratic African-American Women Caucus.")
    quote = quote_with(analyze(analyzer, text), "Full panic mode")
    assert quote.speaker is not None and quote.speaker.text == "Leslie Wimes"
    assert quote.cue_lemma == "say"


@pytest.mark.parametrize(("text", "opening"), [
    ("'Guys, be brave.'\n'The people are killed,' he added.", [True, False, True, False]),
    ("'Stop', he said.", [True, False]),
    ("“...and then” ‘no’ «non»", [True, False, True, False, True, False]),
    ("“'No' is an answer,” she said.", [True, True, False, False]),
    ("Ukraine's army, the '90s, fascists' regime", [False, False, False]),
])
def test_which_marks_open_a_quotation(text: str, opening: list[bool]) -> None:
    marks = [i for i, c in enumerate(text) if c in "'\"“”‘’«»„"]
    assert [opens_at(text, i) for i in marks] == opening
