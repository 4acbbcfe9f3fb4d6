"""Hypothesis: whatever the mix of article and boilerplate lines, offsets stay exact."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from quotetrace.clean.boilerplate import clean
from quotetrace.clean.offsets import OffsetMap

ARTICLE_LINES = (
    "A captured Russian commander condemned the invasion.",
    "'Obviously, this information was unilateral information,' he added.",
    "He said he would read the statement to parliament.",
    "The company's share price fell 12% after the announcement.",
    "  Indented line with trailing space  ",
    "Ünïcödé — “quotes” and emoji 🙂 survive.",
)
BOILERPLATE_LINES = (
    "Advert",
    "ADVERTISEMENT",
    "Read more: Putin warns the West",
    "Share this article",
    "Photo: Reuters",
    "(Image: Getty Images)",
    "Topics: Russia, Ukraine, World News",
    "Sign up for our newsletter",
    "If you would like to donate, click here for more information",
)
NEWLINES = st.sampled_from(("\n", "\r\n", "\r"))
LINE = st.one_of(
    st.sampled_from(ARTICLE_LINES),
    st.sampled_from(BOILERPLATE_LINES),
    st.just(""),
    st.text(st.characters(blacklist_characters="\r\n"), max_size=40),
)


@st.composite
def raw_texts(draw: st.DrawFn) -> str:
    lines = draw(st.lists(st.tuples(LINE, NEWLINES), max_size=25))
    text = "".join(line + newline for line, newline in lines)
    if lines and draw(st.booleans()):
        text = text[: -len(lines[-1][1])]  # no newline after the last line
    return text


@given(raw_texts())
def test_segments_copy_raw_text_and_cover_clean_text(raw: str) -> None:
    cleaned = clean(raw)
    position = 0
    for segment in cleaned.segments:
        assert segment.clean_start == position
        assert segment.length > 0
        end = segment.clean_start + segment.length
        raw_end = segment.raw_start + segment.length
        assert raw[segment.raw_start : raw_end] == cleaned.text[segment.clean_start : end]
        position = end
    assert position == len(cleaned.text)
    for span in cleaned.removed:
        assert raw[span.start : span.end] == span.text


@given(raw_texts())
def test_offset_map_round_trips_every_character(raw: str) -> None:
    cleaned = clean(raw)
    offsets = OffsetMap(cleaned.segments)
    for index, char in enumerate(cleaned.text):
        assert raw[offsets.to_raw(index)] == char


@given(st.lists(st.tuples(st.booleans(), st.integers(0, 100)), min_size=1, max_size=30))
def test_article_lines_survive_and_boilerplate_goes(picks: list[tuple[bool, int]]) -> None:
    lines = [
        ARTICLE_LINES[n % len(ARTICLE_LINES)]
        if is_article
        else BOILERPLATE_LINES[n % len(BOILERPLATE_LINES)]
        for is_article, n in picks
    ]
    cleaned = clean("\n".join(lines) + "\n")
    assert cleaned.text.splitlines() == [line for line in lines if line in ARTICLE_LINES]
