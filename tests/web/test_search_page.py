"""The search page: words and filters, by keyboard, with and without JavaScript."""

from __future__ import annotations

import re

import httpx
from playwright.sync_api import Browser, Page, expect

from quotetrace.api import ServerSettings
from tests.web.corpus import running_server


def shown_total(page: Page) -> int:
    heading = page.locator("#results-heading").inner_text()
    match = re.match(r"([\d,]+) quotation", heading)
    assert match, heading
    return int(match.group(1).replace(",", ""))


def test_search_by_keyboard(page: Page, server: str, api: httpx.Client) -> None:
    page.goto(server + "/")
    # The words box takes the focus on arrival; Chromium applies `autofocus` at a rendering
    # step after `load`, so typing before then loses the first keys.
    expect(page.locator("#q")).to_be_focused()
    page.keyboard.type("Trump")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=Trump"))
    expected = api.get("/api/quotations", params={"q": "Trump"}).json()
    assert shown_total(page) == expected["total"] > 0
    quotes = page.locator("ol.hits blockquote").all_inner_texts()
    assert quotes == [hit["text"] for hit in expected["items"]]
    assert all("trump" in quote.lower() for quote in quotes)


def test_filters_narrow_the_results(page: Page, server: str, api: httpx.Client) -> None:
    page.goto(server + "/")
    page.select_option("select[name=outlet]", "politico")
    page.select_option("select[name=kind]", "direct")
    page.fill("input[name=since]", "2016-09-01")
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"outlet=politico"))
    expected = api.get("/api/quotations", params={"outlet": "politico", "kind": "direct",
                                                   "since": "2016-09-01"}).json()
    assert shown_total(page) == expected["total"] > 0
    metas = page.locator("ol.hits .meta").all_inner_texts()
    assert metas and all("politico" in meta and "direct" in meta.lower() for meta in metas)
    assert page.locator("select[name=outlet]").input_value() == "politico"


def test_pages_follow_on(page: Page, server: str, api: httpx.Client) -> None:
    total = api.get("/api/quotations").json()["total"]
    page.goto(server + "/")
    assert shown_total(page) == total > 20
    first = page.locator("ol.hits blockquote").all_inner_texts()
    page.click("a[rel=next]")
    page.wait_for_url(re.compile(r"offset=20"))
    second = page.locator("ol.hits blockquote").all_inner_texts()
    expected = api.get("/api/quotations", params={"offset": 20}).json()
    assert second == [hit["text"] for hit in expected["items"]]
    assert page.locator("ol.hits").get_attribute("start") == "21"
    page.click("a[rel=prev]")
    assert page.locator("ol.hits blockquote").all_inner_texts() == first


def test_browsing_shows_people_relayed_quotes_and_stories(page: Page, server: str,
                                                          api: httpx.Client) -> None:
    page.goto(server + "/")
    top = api.get("/api/people", params={"limit": 1}).json()[0]["person"]
    assert page.locator("#people-heading + ol a").first.inner_text() == top["name"]
    page.locator("#relayed-heading + ol a").first.click()
    page.wait_for_url(re.compile(r"/utterances/"))
    assert page.locator("ol.variants li").count() >= 2


def test_search_works_without_javascript(page_without_js: Page, server: str,
                                         api: httpx.Client) -> None:
    page = page_without_js
    page.goto(server + "/")
    page.fill("#q", "tax laws")
    page.press("#q", "Enter")
    page.wait_for_url(re.compile(r"q=tax"))
    expected = api.get("/api/quotations", params={"q": "tax laws"}).json()
    assert shown_total(page) == expected["total"] > 0


def test_a_long_result_list_says_more_than_and_pages_on(browser: Browser, corpus_location: str,
                                                        api: httpx.Client) -> None:
    """A server that counts at most 5 matches: 20 are shown, "more than 20", and a next page."""
    expected = api.get("/api/quotations", params={"lang": "en", "limit": 40}).json()
    assert expected["total"] > 40
    with running_server(corpus_location, settings=ServerSettings(search_count_limit=5)) as url:
        page = browser.new_page()
        page.goto(url + "/?lang=en")
        heading = page.locator("#results-heading").inner_text()
        assert heading.startswith("More than 20 quotations, 1–20"), heading
        page.click("a[rel=next]")
        page.wait_for_url(re.compile(r"offset=20"))
        assert page.locator("#results-heading").inner_text().startswith("More than 40")
        shown = page.locator("ol.hits blockquote").all_inner_texts()
        assert shown == [hit["text"] for hit in expected["items"][20:40]]
        page.close()
