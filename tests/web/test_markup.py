"""Marked text and chart geometry, built by hand: escaping, overlaps, empty months."""

from __future__ import annotations

from html.parser import HTMLParser

from quotetrace.store import MonthCount
from quotetrace.web.charts import monthly_chart, timeline
from quotetrace.web.markup import Highlight, mark_text

# From PolNeAR dev politico_2016-09-17, with a hostile word put in.
TEXT = '"We do not see a link to <terrorism> & more," the mayor said.'


class Tree(HTMLParser):
    """Checks the markup is well formed and gathers the text and the marks' texts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.text = ""
        self.marks: list[tuple[str, str]] = []  # (class, text) of each mark, in order closed
        self._starts: list[tuple[str, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag == "mark"
        self.open.append(tag)
        self._starts.append((dict(attrs)["class"] or "", len(self.text)))

    def handle_endtag(self, tag: str) -> None:
        assert self.open.pop() == tag
        kind, start = self._starts.pop()
        self.marks.append((kind, self.text[start:]))

    def handle_data(self, data: str) -> None:
        self.text += data


def parse(markup: str) -> Tree:
    tree = Tree()
    tree.feed(str(markup))
    tree.close()
    assert tree.open == []
    return tree


def test_text_is_escaped_and_kept_whole() -> None:
    markup = mark_text(TEXT, [Highlight(1, 43, "quote", 'tip "with" <quotes>')])
    assert "<terrorism>" not in markup and "&lt;terrorism&gt;" in markup
    assert 'data-tip="tip &#34;with&#34; &lt;quotes&gt;"' in markup
    assert parse(markup).text == TEXT


def test_overlapping_spans_are_split_not_crossed() -> None:
    quote = Highlight(1, 43, "quote", "q")
    speaker_and_cue = Highlight(37, 58, "source", "s")  # crosses the end of the quote
    cue = Highlight(56, 60, "cue", "c")  # crosses the end of the source
    tree = parse(mark_text(TEXT, [cue, speaker_and_cue, quote]))
    assert tree.text == TEXT
    pieces: dict[str, str] = {}
    for kind, text in tree.marks:
        pieces[kind] = pieces.get(kind, "") + text
    # every span's text is covered exactly, however it was split
    assert pieces == {"hl hl-quote": TEXT[1:43], "hl hl-source": TEXT[37:58],
                      "hl hl-cue": TEXT[56:60]}
    markup = mark_text(TEXT, [cue, speaker_and_cue, quote])
    assert markup.count('tabindex="0"') == 3  # one tab stop per span, not per piece


def test_spans_outside_the_text_are_left_out() -> None:
    markup = mark_text("short", [Highlight(2, 99, "quote", "x"), Highlight(3, 3, "cue", "y")])
    assert markup == "short"


def test_chart_has_a_bar_for_every_month_between_first_and_last() -> None:
    chart = monthly_chart([MonthCount("2015-12", 1), MonthCount("2016-01", 2),
                           MonthCount("2016-04", 1), MonthCount(None, 1)])
    assert [(bar.month, bar.count) for bar in chart.bars] == [
        ("2015-12", 1), ("2016-01", 2), ("2016-02", 0), ("2016-03", 0), ("2016-04", 1)]
    assert chart.undated == 1 and chart.peak == 2
    tallest = max(chart.bars, key=lambda bar: bar.height)
    assert tallest.month == "2016-01" and tallest.y + tallest.height == chart.baseline
    assert monthly_chart([]).bars == ()


def test_timeline_puts_outlets_in_lanes_and_dates_in_order() -> None:
    drawn = timeline([("a", "nyt", "2016-09-17", "A"), ("b", "politico", "2016-09-20", "B"),
                      ("c", "nyt", "2016-09-27", "C"), ("d", None, None, "D")], "a")
    assert [lane for lane, _ in drawn.lanes] == ["nyt", "politico", "unknown outlet"]
    xs = {point.article_id: point.x for point in drawn.points}
    assert xs["a"] < xs["b"] < xs["c"] == xs["d"]
    assert [point.first for point in drawn.points] == [True, False, False, False]
    assert (drawn.start, drawn.end) == ("2016-09-17", "2016-09-27")
