"""A corpus whose quotations, title and outlet carry ``<script>`` and ``onerror=``: every page
shows them as text and runs nothing (no dialog, no console error, no extra element)."""

from __future__ import annotations

import httpx
import pytest
from playwright.sync_api import Page

from tests.web.conftest import Watch
from tests.web.corpus import HOSTILE, HOSTILE_OUTLET

SCRIPT_QUOTE = "<script>alert('quote')</script> is not a policy"
IMG_QUOTE = "<img src=x onerror=alert('direct')>"


def hostile_article(api: httpx.Client) -> dict[str, object]:
    items = api.get("/api/articles", params={"limit": 100}).json()["items"]
    article_id = next(item["id"] for item in items if HOSTILE.name in item["origin"])
    found: dict[str, object] = api.get(f"/api/articles/{article_id}").json()
    return found


def assert_inert(page: Page, watch: Watch) -> None:
    """Only the page's own script and no image made it into the document."""
    scripts = page.evaluate("[...document.scripts].map(s => s.getAttribute('src'))")
    assert scripts == ["/static/app.js"]
    assert page.locator("img").count() == 0
    assert page.evaluate("[...document.querySelectorAll('*')].filter(e => [...e.attributes]"
                         ".some(a => a.name.startsWith('on'))).length") == 0
    page.wait_for_timeout(300)  # give a stray handler the time to fire
    watch.assert_quiet()


def pages_showing_it(api: httpx.Client) -> list[tuple[str, str]]:
    """(path, text the page must show literally)."""
    article = hostile_article(api)
    people = api.get("/api/people", params={"name": "Jane Doe"}).json()
    assert people, "the hostile article's speaker was not linked"
    return [
        ("/?q=provocation", SCRIPT_QUOTE),
        (f"/?{httpx.QueryParams({'outlet': HOSTILE_OUTLET})}", IMG_QUOTE),
        (f"/articles/{article['article']['document']['id']}", SCRIPT_QUOTE),  # type: ignore[index]
        (f"/articles/{article['article']['document']['id']}", HOSTILE_OUTLET),  # type: ignore[index]
        (f"/people/{people[0]['person']['id']}", SCRIPT_QUOTE),
        (f"/stories/{article['story_id']}", HOSTILE_OUTLET),
    ]


@pytest.mark.parametrize("index", range(6))
def test_pages_show_hostile_text_as_text(page: Page, server: str, api: httpx.Client,
                                         watch: Watch, index: int) -> None:
    path, literal = pages_showing_it(api)[index]
    page.goto(server + path)
    assert literal in page.locator("main").inner_text()
    assert_inert(page, watch)


def test_hostile_outlet_is_an_option_not_markup(page: Page, server: str, watch: Watch) -> None:
    page.goto(server + "/")
    option = page.locator("select[name=outlet] option", has_text="onerror")
    assert option.count() == 1
    assert option.get_attribute("value") == HOSTILE_OUTLET
    page.select_option("select[name=outlet]", HOSTILE_OUTLET)
    page.click("button[type=submit]")
    page.wait_for_selector("ol.hits")
    assert IMG_QUOTE in page.locator("main").inner_text()
    assert_inert(page, watch)


def test_focusing_hostile_quotations_runs_nothing(page: Page, server: str, api: httpx.Client,
                                                  watch: Watch) -> None:
    article = hostile_article(api)
    page.goto(f"{server}/articles/{article['article']['document']['id']}")  # type: ignore[index]
    marks = page.locator(".text mark[tabindex]")
    for index in range(marks.count()):
        marks.nth(index).focus()
        marks.nth(index).hover()
    assert_inert(page, watch)


def test_pasted_hostile_article_is_shown_as_text(page: Page, server: str, watch: Watch) -> None:
    page.goto(f"{server}/analyze")
    page.fill("#text", HOSTILE.read_text(encoding="utf-8"))
    page.get_by_role("button", name="Analyze").click()
    page.wait_for_selector("main h1")
    assert_inert(page, watch)
