"""Transcript turns ("TAPPER: …") on real transcripts, as news sites print them.

Paragraphs from PolNeAR (`/work/shared/data/polnear`, named by article file), long answers cut to
their first sentences; the words are unchanged.
"""

from __future__ import annotations

import pytest

from quotetrace.extract.quotemarks import find_quote_regions
from quotetrace.extract.tagger import AttributionModel
from quotetrace.extract.turns import find_turns
from quotetrace.pipeline import Analyzer

# train/breitbart_2016-07-10_ok-gov-fallin-trump-is-trying-to: a transcript without marks
UNQUOTED = """Partial transcript as follows:

JAKE TAPPER: Donald Trump released a video on Friday talking about racial healing. Take a listen.

(BEGIN VIDEO CLIP.)

TRUMP: Racial divisions have gotten worse, not better.

(END VIDEO CLIP.)

TAPPER: And obviously, you’re supporting Donald Trump, I think there are probably some skeptical Americans hearing that message from Mr. Trump about healing the racial divides.

Specifically I’ve heard from a number of Latino-Americans, Muslim-Americans, Native Americans, Jewish-Americans, African-Americans, all expressing concern about some of the things that Donald Trump has said.

FALLIN: Well, I think the whole nation needs to work together.

….

TAPPER: Do you think Donald Trump has campaigned as a racial healer?

FALLIN: I think he is trying to campaign as a racial healer.

Follow Pam Key On Twitter @pamkeyNEN.
"""

# dev/breitbart_2016-09-25_pence-gennifer-flowers-won-t-be-: every paragraph opens with a mark,
# none closes (the convention of a quotation running over paragraphs)
QUOTED = """On this weekend’s broadcast of “Fox News Sunday,” Republican vice-presidential nominee Gov. Mike Pence (R-IN) said his running mate’s tweet was only “to mock” Hillary Clinton.

Partial transcript as follows:

"WALLACE: If I may, sir, because we’ve got limited time. I want to ask you, will Gennifer Flowers be there?

"PENCE: Gennifer Flowers will not be attending the debate tomorrow night.

"WALLACE: Do you really see those two as equivalent?

"PENCE: Well, look, you know, Mark Cuban has been out there saying some pretty tough stuff about my running mate.

"But the truth is that Donald Trump has a unique way of communicating to the American people.

"(CROSSTALK.)

"WALLACE: Governor, I don’t want to interrupt, but I want to try to get —.
"""


def _texts(text: str, spans: tuple[tuple[int, int], ...]) -> list[str]:
    return [text[s:e] for s, e in spans]


def test_each_turn_is_its_labels_until_the_next_turn() -> None:
    turns = find_turns(UNQUOTED)
    assert [UNQUOTED[slice(*t.label)] for t in turns] == [
        "JAKE TAPPER", "TRUMP", "TAPPER", "FALLIN", "TAPPER", "FALLIN"]
    assert all(UNQUOTED[slice(*t.colon)] == ":" for t in turns)
    assert _texts(UNQUOTED, turns[0].content) == [
        "Donald Trump released a video on Friday talking about racial healing. Take a listen."]
    # an answer running over two paragraphs is one content in two fragments
    second = _texts(UNQUOTED, turns[2].content)
    assert len(second) == 2 and second[1].startswith("Specifically I’ve heard")
    # "…." holds no word; the last turn stops at its paragraph ("Follow Pam Key …" is not his)
    assert _texts(UNQUOTED, turns[3].content) == [
        "Well, I think the whole nation needs to work together."]
    assert _texts(UNQUOTED, turns[-1].content) == [
        "I think he is trying to campaign as a racial healer."]


def test_an_aside_ends_a_turn_and_a_mark_opening_it_is_not_content() -> None:
    turns = find_turns(QUOTED)
    pence = _texts(QUOTED, turns[3].content)
    assert pence[0].startswith("Well, look") and pence[1].startswith("But the truth")
    assert len(pence) == 2  # "(CROSSTALK.)" ends it
    assert not any(text.startswith('"') for t in turns for text in _texts(QUOTED, t.content))


@pytest.mark.parametrize("text", [
    # a lone label, a headline in the "Speaker: claim" style, a correction note
    "UPDATE: The website that originally listed the weapon took it down.\n\nIt said so.",
    "Pence: Gennifer Flowers Won’t Be at Debate.\n\nPENCE: Well, look.\n\nPENCE: No.",
    ("CORRECTION: An earlier version misstated a date.\n\nVIDEO: Hillary spoke.\n\n"
     "VIDEO: Obama spoke."),
    # one speaker only is a quoted statement, not a transcript
    "TRUMP: Racial divisions have gotten worse, not better.",
    # headings: words the text writes in lower case, or known headings
    ("FIRST HALF: The home side had the ball for most of the half.\n\nSECOND HALF: Two goals "
     "in the second half.\n\nKEY STAT: 70 percent possession."),
    "FACT CHECK: False.\n\nLIVE UPDATES: More to come.\n\nFACT CHECK: Also false.",
])
def test_no_transcript_no_turns(text: str) -> None:
    assert find_turns(text) == ()


def test_labels_in_any_capitals_and_closing_marks() -> None:
    text = ('"McCAIN: Again."\r\n\r\n"DeSANTIS: No."\r\n\r\n"MÉLENCHON: Non."\r\n\r\n'
            '"McCAIN: Yes."')
    turns = find_turns(text)
    assert [(text[slice(*t.label)], _texts(text, t.content)) for t in turns] == [
        ("McCAIN", ["Again."]), ("DeSANTIS", ["No."]), ("MÉLENCHON", ["Non."]),
        ("McCAIN", ["Yes."])]


def test_quoted_turns_are_separate_quotations() -> None:
    """Each turn's opening mark starts a new quotation; the paragraphs of one answer join."""
    starts = [r.start for r in find_quote_regions(QUOTED) if QUOTED[r.start] == '"']
    assert [QUOTED[s + 1 : QUOTED.index(":", s)] for s in starts
            if QUOTED[s + 1 : s + 2].isupper() and ":" in QUOTED[s : s + 12]] == [
        "WALLACE", "PENCE", "WALLACE", "PENCE", "WALLACE"]
    pence = next(r for r in find_quote_regions(QUOTED)
                 if QUOTED.startswith('"PENCE: Well', r.start))
    assert "But the truth" in QUOTED[pence.start : pence.end]


@pytest.mark.parametrize("mode", ["rules", "fast", "accurate"])
def test_turns_are_quotes_of_the_named_speakers(mode: str, analyzer: Analyzer) -> None:
    if mode == "accurate":  # the learned relations on the turns' contents give way to the turns
        analyzer = Analyzer(analyzer.nlp, attribution_model=AttributionModel.load_accurate())
    elif mode == "fast":
        analyzer = Analyzer.load(mode="fast")
    article = analyzer.analyze(QUOTED)
    turns = [q for q in article.quotes if q.cue is not None and q.cue.text == ":"]
    assert [q.speaker.text for q in turns if q.speaker] == [
        "WALLACE", "PENCE", "WALLACE", "PENCE", "WALLACE"]
    # "PENCE" is the article's Mike Pence; "WALLACE", named nowhere else, is written as a name
    assert [q.speaker_name for q in turns] == [
        "Wallace", "Mike Pence", "Wallace", "Mike Pence", "Wallace"]
    assert turns[3].text.startswith("Well, look") and "But the truth" in turns[3].text
    assert all(q.kind == "direct" for q in turns)
