"""The analyze page: paste an article, see its article page; nothing is stored."""

from __future__ import annotations

import httpx
from playwright.sync_api import Page

from tests.conftest import REFERENCE_ARTICLE, read_text


def test_pasted_article_gets_its_article_page(page: Page, server: str,
                                              api: httpx.Client) -> None:
    before = api.get("/api/counts").json()
    text = read_text(REFERENCE_ARTICLE)
    expected = api.post("/api/analyze", content=text.encode(),
                        params={"published": "2022-03-08"},
                        headers={"content-type": "text/plain"}).json()
    page.goto(f"{server}/analyze")
    page.fill("#text", text)
    page.fill("input[name=published]", "2022-03-08")
    page.get_by_role("button", name="Analyze").click()
    page.wait_for_selector(".text")
    assert page.locator("h1").inner_text() == expected["document"]["title"]
    assert page.locator(".text").text_content() == expected["document"]["text"]
    assert page.locator("ol.evidence > li").count() == len(expected["quotes"]) > 0
    assert "not stored" in page.locator("p.meta").inner_text()
    assert api.get("/api/counts").json() == before


def test_analyze_works_without_javascript(page_without_js: Page, server: str) -> None:
    page = page_without_js
    page.goto(f"{server}/analyze")
    page.fill("#text", '"The bridge opens in May," Mayor Ana Lopez said on Monday.')
    page.press("button[type=submit]", "Enter")
    page.wait_for_selector(".text")
    assert page.locator(".text mark.hl-quote").count() == 1
    assert "Ana Lopez" in page.locator("ol.evidence").inner_text()


def test_input_that_is_not_an_article_is_explained(page: Page, server: str,
                                                   watch: object) -> None:
    page.goto(f"{server}/analyze")
    page.fill("#text", "   \n  ")
    page.get_by_role("button", name="Analyze").click()
    alert = page.locator("[role=alert]")
    assert alert.inner_text() == "<pasted>: file contains only whitespace"
    assert page.locator("#text").input_value() == "   \n  "  # kept for correcting
    watch.console_errors.clear()  # type: ignore[attr-defined]  # the 422 itself is logged
