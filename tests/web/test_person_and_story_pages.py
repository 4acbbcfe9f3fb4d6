"""The person page (quotations over time as an SVG chart, outlets, roles) and the story page
(outlets on a timeline, first report, copies, quote variants with their wording diff)."""

from __future__ import annotations

import re
from typing import Any

import httpx
from playwright.sync_api import Page


def test_person_chart_counts_every_dated_quotation(page: Page, server: str,
                                                   api: httpx.Client) -> None:
    top = api.get("/api/people", params={"limit": 1}).json()[0]
    person = top["person"]
    profile = api.get(f"/api/people/{person['id']}", params={"limit": 100}).json()
    page.goto(f"{server}/people/{person['id']}")
    assert page.locator("h1").inner_text() == person["name"]
    titles = page.locator("svg.chart rect.bar title").all_text_contents()
    counted = {title.split(":")[0]: int(title.split(":")[1]) for title in titles}
    dated = [hit["published"][:7] for hit in profile["quotes"]["items"] if hit["published"]]
    assert sum(counted.values()) == len(dated) == profile["quotes"]["total"]
    assert {month for month, n in counted.items() if n} == set(dated)
    assert page.locator("svg.chart").get_attribute("role") == "img"
    assert person["name"] in page.locator("svg.chart > title").text_content()
    rows = page.locator("table.outlets tbody tr").all_inner_texts()
    assert [re.split(r"\s+", row.strip()) for row in rows] == [
        [outlet, str(n)] for outlet, n in profile["outlets"]]
    for role in person["roles"]:
        assert role in page.locator("dl.facts").inner_text()


def test_person_found_from_the_people_list(page: Page, server: str, api: httpx.Client) -> None:
    top = api.get("/api/people", params={"limit": 1}).json()[0]["person"]
    page.goto(f"{server}/people")
    page.fill("#name", top["name"].split()[-1])
    page.press("#name", "Enter")
    page.get_by_role("link", name=top["name"], exact=True).first.click()
    page.wait_for_url(f"{server}/people/{top['id']}")


def relayed_story(api: httpx.Client) -> tuple[dict[str, Any], dict[str, Any]]:
    """The story of the Tulsa quotation Huffington Post and Western Journal both carry."""
    relayed = api.get("/api/utterances", params={"limit": 100}).json()
    tulsa = next(r for r in relayed if "unarmed man" in r["utterance"]["text"])
    view = api.get(f"/api/utterances/{tulsa['utterance']['id']}").json()
    article = api.get(f"/api/articles/{view['variants'][0]['variant']['article_id']}").json()
    return api.get(f"/api/stories/{article['story_id']}").json(), view


def test_story_timeline_and_first_report(page: Page, server: str, api: httpx.Client) -> None:
    story, _ = relayed_story(api)
    page.goto(f"{server}/stories/{story['story']['id']}")
    points = page.locator("svg.timeline circle")
    assert points.count() == len(story["members"]) >= 2
    first = page.locator("svg.timeline a:has(circle.first)")
    assert first.count() == 1
    assert first.get_attribute("href") == f"/articles/{story['story']['first_article_id']}"
    lanes = page.locator("svg.timeline text.lane").all_text_contents()
    outlets = list(dict.fromkeys(summary["outlet"] for _, summary in story["members"]))
    assert len(lanes) == len(outlets)
    rows = page.locator("table.members tbody tr")
    assert rows.count() == len(story["members"])
    assert "first report" in rows.first.inner_text()
    for _ in range(60):  # the timeline's articles are links, reachable by keyboard
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('svg.timeline') !== null"):
            break
    else:
        raise AssertionError("no timeline point reachable by Tab")


def test_story_shows_variants_with_their_wording_diff(page: Page, server: str,
                                                      api: httpx.Client) -> None:
    story, view = relayed_story(api)
    page.goto(f"{server}/stories/{story['story']['id']}")
    block = page.locator("article.utterance", has_text="unarmed man")
    assert block.count() == 1
    items = block.locator("ol.variants > li")
    assert items.count() == len(view["variants"])
    for index, variant in enumerate(view["variants"]):
        ops = variant["variant"]["diff"]
        item = items.nth(index)
        assert item.locator("ins").all_text_contents() == [t for op, t in ops if op == "insert"]
        assert item.locator("del").all_text_contents() == [t for op, t in ops if op == "delete"]
        assert variant["outlet"] in item.inner_text()
    assert any(op != "equal" for v in view["variants"] for op, _ in v["variant"]["diff"])


def test_utterance_page(page: Page, server: str, api: httpx.Client) -> None:
    _, view = relayed_story(api)
    page.goto(f"{server}/utterances/{view['utterance']['id']}")
    assert page.locator("blockquote").first.inner_text() == view["utterance"]["text"]
    assert page.locator("ol.variants > li.first").count() == 1
