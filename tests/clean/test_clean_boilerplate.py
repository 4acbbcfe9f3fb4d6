"""clean(): boilerplate lines go, article lines stay verbatim, tag lines become topics."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotetrace.clean.boilerplate import Cleaned, clean

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "captured-commander.txt"


def read_example() -> str:
    with EXAMPLE.open(encoding="utf-8", newline="") as stream:
        return stream.read()


def assert_segments_consistent(raw: str, cleaned: Cleaned) -> None:
    position = 0
    for segment in cleaned.segments:
        assert segment.clean_start == position
        raw_run = raw[segment.raw_start : segment.raw_start + segment.length]
        assert raw_run == cleaned.text[segment.clean_start : segment.clean_start + segment.length]
        position += segment.length
    assert position == len(cleaned.text)
    for span in cleaned.removed:
        assert raw[span.start : span.end] == span.text


def test_reference_article() -> None:
    raw = read_example()
    cleaned = clean(raw)
    lines = cleaned.text.splitlines()
    assert "Advert" not in lines
    assert "donate" not in cleaned.text
    assert "Topics:" not in cleaned.text
    assert cleaned.topics == (
        "Russia",
        "Ukraine",
        "Vladimir Putin",
        "Volodymyr Zelensky",
        "World News",
    )
    body = [
        line
        for line in raw.splitlines()
        if line != "Advert" and "donate" not in line and not line.startswith("Topics:")
    ]
    assert len(body) == 17
    assert lines == body  # every sentence of the article, in order, unchanged
    assert [span.text for span in cleaned.removed].count("Advert") == 5
    assert len(cleaned.removed) == 7
    assert_segments_consistent(raw, cleaned)


BOILERPLATE = [
    "Advert",
    "ADVERTISEMENT",
    "- Advertisement -",
    "Sponsored",
    "Story continues below advertisement",
    "Continue reading the main story",
    (
        "If you would like to donate to the Red Cross Emergency Appeal, which will help provide "
        "food, medicines and basic medical supplies, click here for more information"
    ),
    "If you want to help, visit redcross.org.uk for more information.",
    "To read the full report, click here.",
    "Read more: Putin warns the West over sanctions",
    "READ MORE",
    "Related stories",
    "See also: Timeline of the war",
    "Share this article",
    "Share on Facebook",
    "Facebook Twitter WhatsApp Email",
    "Sign up for our newsletter",
    "Sign up to our free World Briefing newsletter for the day's top stories.",
    "Subscribe to The Daily Ledger for just £1",
    "Follow us on Twitter and Facebook",
    "Follow Jane Harper on X @jharper",
    "Please donate today to keep our journalism free",
    "Photo: Reuters",
    "(Image: Getty Images)",
    "Picture: AP",
    "Photograph: Sergei Supinsky/AFP via Getty Images",
    "AFP via Getty Images",
    "© 2022 The Daily Ledger. All rights reserved.",
    "Copyright 2022 Associated Newspapers",
]


@pytest.mark.parametrize("line", BOILERPLATE)
def test_boilerplate_line_is_cut(line: str) -> None:
    raw = f"The minister spoke on Tuesday.\n{line}\nShe said the talks would go on.\n"
    cleaned = clean(raw)
    assert cleaned.text == "The minister spoke on Tuesday.\nShe said the talks would go on.\n"
    assert [span.text for span in cleaned.removed] == [line]


ARTICLE_SENTENCES = [
    "He said he would read the statement to parliament on Monday.",
    "Read the room, she told colleagues, before the vote.",
    "The company's share price fell 12% after the announcement.",
    "Shareholders were told to click through the online form, the report said.",
    "Residents were asked to share photos of the damage with the council.",
    "Subscribers to the service received a letter in March.",
    "The photo: a blurred image of a convoy near Kharkiv, which officials said was authentic.",
    "Donations to the appeal have passed £10 million, the charity said.",
    "Follow-up talks are planned for next week.",
    "Reuters reported that the convoy had stalled north of the city.",
    "Topics discussed included grain exports and the fate of prisoners of war.",
    "Advertising revenue fell sharply, the chief executive said.",
    "Copyright law was not designed for the internet, the judge said.",
    "Watch closely, he warned, because the situation can change quickly.",
    "Photos show the commander seated at a desk.",
    "Sponsored by the state, the broadcaster repeated the claim.",
]


@pytest.mark.parametrize("sentence", ARTICLE_SENTENCES)
def test_article_sentence_is_kept(sentence: str) -> None:
    raw = f"{sentence}\n"
    cleaned = clean(raw)
    assert cleaned.text == raw
    assert cleaned.removed == ()


def test_tag_lines_become_topics() -> None:
    raw = "Body text here.\nTags: Ukraine; NATO | Defence\nRelated topics: Europe, Ukraine\n"
    cleaned = clean(raw)
    assert cleaned.text == "Body text here.\n"
    assert cleaned.topics == ("Ukraine", "NATO", "Defence", "Europe")


def test_prose_starting_with_topics_is_kept() -> None:
    raw = (
        "Topics: the talks covered trade, security and the future of the alliance between the "
        "two countries over the coming decade and beyond.\n"
    )
    cleaned = clean(raw)
    assert cleaned.text == raw and cleaned.topics == ()


def test_blank_lines_around_a_cut_collapse() -> None:
    raw = "\n\nFirst paragraph.\n\nAdvertisement\n\nSecond paragraph.\n\n\nPhoto: AP\n\n"
    cleaned = clean(raw)
    assert cleaned.text == "First paragraph.\n\nSecond paragraph.\n"
    assert_segments_consistent(raw, cleaned)


def test_windows_newlines_are_kept() -> None:
    raw = "First.\r\nAdvertisement\r\nSecond.\r\nTopics: Russia, Ukraine"
    cleaned = clean(raw)
    assert cleaned.text == "First.\r\nSecond.\r\n"
    assert cleaned.topics == ("Russia", "Ukraine")
    assert_segments_consistent(raw, cleaned)


def test_empty_text() -> None:
    assert clean("") == Cleaned(text="", segments=(), removed=(), topics=())
