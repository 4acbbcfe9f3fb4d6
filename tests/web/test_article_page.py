"""The article page: the clean text as written, every quotation, speaker mention, cue and cited
source marked, each mark reachable by keyboard and telling its evidence on focus."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from playwright.sync_api import Page

from tests.web.corpus import metadata

NAME = "politico_2016-09-17_de-blasio-says-chelsea-explosion"


@pytest.fixture(scope="module")
def stored(api: httpx.Client) -> dict[str, Any]:
    items = api.get("/api/articles", params={"limit": 100}).json()["items"]
    article_id = next(item["id"] for item in items if NAME in item["origin"])
    found: dict[str, Any] = api.get(f"/api/articles/{article_id}").json()
    return found


def spans(article: dict[str, Any]) -> dict[str, set[tuple[int, int]]]:
    """Each kind of mark the page should show, as clean-text offsets."""
    quotes = article["quotes"]
    return {
        "quote": {(f["start"], f["end"]) for q in quotes for f in q["fragments"]},
        "speaker": {(q["speaker"]["mention"]["start"], q["speaker"]["mention"]["end"])
                    for q in quotes if q["speaker"]["mention"]},
        "cue": {(q["cue"]["start"], q["cue"]["end"]) for q in quotes if q["cue"]},
        "source": {(s["mention"]["start"], s["mention"]["end"]) for s in article["sources"]},
    }


def test_text_is_the_clean_text_with_every_span_marked(page: Page, server: str,
                                                       stored: dict[str, Any]) -> None:
    article = stored["article"]
    page.goto(f"{server}/articles/{article['document']['id']}")
    assert page.locator("h1").inner_text() == article["document"]["title"]
    assert page.locator(".text").text_content() == article["document"]["text"]
    # offsets of each focusable mark, measured in the page's own text
    found = page.evaluate("""() => {
        const text = document.querySelector('.text');
        const offsets = {};
        for (const mark of text.querySelectorAll('mark[tabindex]')) {
            const range = document.createRange();
            range.setStart(text, 0);
            range.setEndBefore(mark);
            const start = range.toString().length;
            const kind = [...mark.classList].find(c => c.startsWith('hl-')).slice(3);
            let end = start + mark.textContent.length;
            (offsets[kind] ||= []).push([start, end]);
        }
        return offsets;
    }""")
    expected = spans(article)
    for kind in ("speaker", "cue", "source"):
        assert {tuple(span) for span in found.get(kind, [])} == expected[kind], kind
    # a quotation may be split around a mark that overlaps it; its first piece starts it
    assert {start for start, _ in found["quote"]} == {start for start, _ in expected["quote"]}
    assert page.locator(".text mark.hl-quote").count() >= len(expected["quote"]) > 10


def test_focus_shows_speaker_confidence_and_raw_offsets(page: Page, server: str,
                                                        stored: dict[str, Any]) -> None:
    article = stored["article"]
    page.goto(f"{server}/articles/{article['document']['id']}")
    reached = None
    for _ in range(40):  # skip link and navigation first, then the marks in text order
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('mark.hl-quote')"):
            reached = page.evaluate("document.activeElement.id")
            break
    assert reached, "no quotation mark reachable by Tab"
    quote = next(q for q in article["quotes"] if f"q-{q['id']}-text" == reached)
    tip = page.evaluate("getComputedStyle(document.activeElement, '::after').content")
    start, end = quote["fragments"][0]["raw"]
    assert f"input {start}–{end}" in tip
    assert f"confidence {quote['confidence']:.2f}" in tip
    assert (quote["speaker"]["name"] or "speaker unresolved") in tip
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    described = page.evaluate("document.activeElement.getAttribute('aria-describedby')")
    assert page.locator(f"#{described}").inner_text().startswith(quote["text"][:20])
    page.mouse.move(0, 0)
    others = page.locator(".text mark.hl-quote:not(:focus)").last
    assert others.evaluate("element => getComputedStyle(element, '::after').content") == "none"


def test_evidence_list_gives_offsets_into_the_input(page: Page, server: str,
                                                    stored: dict[str, Any]) -> None:
    article = stored["article"]
    page.goto(f"{server}/articles/{article['document']['id']}")
    items = page.locator("ol.evidence > li")
    assert items.count() == len(article["quotes"])
    for index, quote in enumerate(article["quotes"]):
        shown = items.nth(index).inner_text()
        for fragment in quote["fragments"]:
            start, end = fragment["raw"]
            assert f"= input {start}–{end}" in shown
        if quote["cue"]:
            assert f"“{quote['cue']['text']}”" in shown


def test_hover_shows_the_evidence_too(page: Page, server: str, stored: dict[str, Any]) -> None:
    article = stored["article"]
    page.goto(f"{server}/articles/{article['document']['id']}")
    cue = page.locator(".text mark.hl-cue").first
    cue.hover()
    tip = cue.evaluate("element => getComputedStyle(element, '::after').content")
    assert "cue “" in tip and "input " in tip
    assert stored["outlet"] == metadata()[NAME]["publisher"]
    assert stored["outlet"] in page.locator("p.meta").first.inner_text()


def test_unknown_article_is_a_404_page(page: Page, server: str, watch: object) -> None:
    response = page.goto(f"{server}/articles/no-such-article")
    assert response is not None and response.status == 404
    assert "no-such-article" in page.locator("[role=alert]").inner_text()
    watch.console_errors.clear()  # type: ignore[attr-defined]  # the 404 itself is logged
