"""Indirect (reported) speech on real sentences: "X says that", "X added that", "according to X",
"X told reporters", "X stipulate". Sources are named by PolNeAR article file or the example."""

from __future__ import annotations

import pytest

from quotetrace.pipeline import Analyzer
from quotetrace.records import Quote


def quote_cued(analyzer: Analyzer, text: str, lemma: str) -> Quote:
    """The one quotation of ``text`` whose cue has ``lemma``."""
    quotes = [q for q in analyzer.analyze(text).quotes if q.cue_lemma == lemma]
    assert len(quotes) == 1, [(q.cue_lemma, q.text) for q in analyzer.analyze(text).quotes]
    return quotes[0]


@pytest.mark.parametrize(
    ("text", "lemma", "cue", "speaker", "content"),
    [
        # dev/breitbart_2016-09-30_the-latest-trump-urges-supporter
        pytest.param(
            "Clinton spokesman Nick Merrill says that Hillary Clinton called Alicia Machado on "
            "Friday to express gratitude to the former Miss Universe who has become caught up in "
            "the maelstrom of the presidential campaign.",
            "say", "says", "Clinton spokesman Nick Merrill",
            "that Hillary Clinton called Alicia Machado on Friday to express gratitude to the "
            "former Miss Universe who has become caught up in the maelstrom of the presidential "
            "campaign", id="says-that"),
        # dev/politico_2016-09-12_former-dnc-chairman-calls-for-cl
        pytest.param(
            "Rendell, a Clinton surrogate, said he’d battled through three bouts of walking "
            "pneumonia in his gubernatorial campaigns. He added that Clinton is likely to put to "
            "rest any concerns about her health when she appears alongside Trump at the debates.",
            "add", "added", "He",
            "that Clinton is likely to put to rest any concerns about her health when she appears "
            "alongside Trump at the debates", id="added-that"),
        # dev/west-journal_2016-09-28_clinton-campaign-reportedly-scra
        pytest.param(
            "According to Politico, both of these areas are highly populated with black voters.",
            "according to", "According to", "Politico",
            "both of these areas are highly populated with black voters", id="according-to-first"),
        # dev/politico_2016-09-17_de-blasio-says-chelsea-explosion
        pytest.param(
            "The explosion went off around 8:30 p.m. in front of 131 West 23rd Street, according "
            "to NYPD Commissioner James O’Neill.",
            "according to", "according to", "NYPD Commissioner James O’Neill",
            "The explosion went off around 8:30 p.m. in front of 131 West 23rd Street",
            id="according-to-last"),
        # train/wash-post_2015-11-16_clinton-s-missteps-at-debate-arm
        pytest.param(
            "One of his advisers, Tad Devine, told reporters that he would leave it to others to "
            "assess the comments.",
            "tell", "told", "One of his advisers",
            "that he would leave it to others to assess the comments", id="told-reporters"),
        # examples/captured-commander.txt
        pytest.param(
            "In the news conference, the commander says that he had 'doubts' about their military "
            "action but that he 'did not know the situation for sure'.",
            "say", "says", "the commander",
            "that he had 'doubts' about their military action but that he 'did not know the "
            "situation for sure'", id="says-that-mixed"),
    ],
)
def test_reported_speech(analyzer: Analyzer, text: str, lemma: str, cue: str, speaker: str,
                         content: str) -> None:
    quote = quote_cued(analyzer, text, lemma)
    assert quote.cue is not None and quote.cue.text == cue
    assert quote.speaker is not None and quote.speaker.text == speaker
    [fragment] = quote.fragments
    assert fragment.text.rstrip(".") == content
    has_marks = "'" in content
    assert quote.kind == ("mixed" if has_marks else "indirect")


def test_told_reporters_with_a_direct_quotation(analyzer: Analyzer) -> None:
    # dev/wash-post_2016-09-18_e-u-leaders-weigh-plans-for-grea
    text = ('"We are in such a critical situation in Europe after the referendum in Britain," '
            "German Chancellor Angela Merkel told reporters after the day-long meeting.")
    quote = quote_cued(analyzer, text, "tell")
    assert quote.kind == "direct"
    assert quote.fragments[0].text == ('"We are in such a critical situation in Europe after the '
                                       'referendum in Britain,"')
    assert quote.speaker is not None and quote.speaker.text == "German Chancellor Angela Merkel"
    assert quote.speaker_name == "Angela Merkel"


def test_a_document_stipulates(analyzer: Analyzer) -> None:
    # examples/captured-commander.txt
    text = ("The footage has raised questions as to whether Ukraine is violating the Geneva "
            "Convention, which offers prisoners of war (POWs) protection.\n"
            "Article 13 of the conventions stipulate 'Prisoners of war must at all times be "
            "protected, particularly against acts of violence or intimidation and against insults "
            "and public curiosity. Measures of reprisal against prisoners of war are "
            "prohibited'.")
    quote = quote_cued(analyzer, text, "stipulate")
    assert quote.speaker is not None and quote.speaker.text == "Article 13 of the conventions"
    assert quote.kind == "direct"
    assert quote.fragments[0].text.startswith("'Prisoners of war must")
    assert quote.fragments[0].text.endswith("are prohibited'")


def test_reported_speech_without_that(analyzer: Analyzer) -> None:
    # dev/politico_2016-09-17_de-blasio-says-chelsea-explosion
    text = ("O'Neill said officials are in possession of video that shows the explosion. Police "
            "officials said a second device was also found in Chelsea.")
    quotes = {q.speaker.text: q for q in analyzer.analyze(text).quotes if q.speaker}
    assert quotes["O'Neill"].fragments[0].text == ("officials are in possession of video that "
                                                   "shows the explosion")
    assert quotes["Police officials"].fragments[0].text == "a second device was also found in Chelsea"
    assert {q.kind for q in quotes.values()} == {"indirect"}


def test_verbs_of_manner_report_speech_only_beside_a_quotation(analyzer: Analyzer) -> None:
    """A reporting verb takes a clause ("quipped that …"); a verb of manner ("shouted") reports
    speech only when a quotation sits beside it."""
    said = "the debate was rigged from the start"
    [quip] = analyzer.analyze(f"The senator quipped that {said}.").quotes
    assert quip.cue_lemma == "quip" and quip.text == f"that {said}" and quip.kind == "indirect"
    assert not analyzer.analyze(f"The senator shouted that {said}.").quotes
    [shout] = analyzer.analyze('"It was rigged," the senator shouted.').quotes
    assert shout.cue_lemma == "shout" and shout.kind == "direct"


@pytest.mark.parametrize(
    ("text", "lemma", "start", "speaker", "name"),
    [
        # dev/breitbart_2016-09-30_the-latest-trump-urges-supporter (shortened after "program")
        pytest.param("In a speech in Fort Pierce, Florida Friday, Clinton laid out her proposals to increase "
                     "national service. She wants to triple the size of the AmeriCorps program.",
                     "want", "to triple the size", "She", "Clinton", id="wants-to"),
        # dev/huff-post_2016-10-07_frustrated-parents-rally-nationw
        pytest.param("In July, the NAACP called for a moratorium on charter schools.",
                     "call", "a moratorium on charter schools", "the NAACP", "NAACP",
                     id="called-for"),
    ],
)
def test_intentions_and_demands_are_attributed(analyzer: Analyzer, text: str, lemma: str,
                                               start: str, speaker: str, name: str) -> None:
    [quote] = analyzer.analyze(text).quotes
    assert quote.fragments[0].text.startswith(start)
    assert (quote.cue_lemma, quote.kind, quote.speaker_name) == (lemma, "indirect", name)
    assert quote.speaker is not None and quote.speaker.text == speaker


def test_accurate_mode_leaves_intentions_to_its_model() -> None:
    from quotetrace.extract.attributions import find_attributions
    from quotetrace.extract.quotemarks import find_quote_regions
    from quotetrace.pipeline import load_language

    text = "In July, the NAACP called for a moratorium on charter schools."
    doc = load_language()(text)
    regions = tuple(find_quote_regions(text))
    assert [a.rule for a in find_attributions(doc, regions)] == ["verb-intention"]
    assert find_attributions(doc, regions, intentions=False) == ()
