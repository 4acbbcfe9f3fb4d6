"""Reads over the real test corpus: what the API returns is what the store and the analyzer say."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from quotetrace.ingest import read_input
from quotetrace.pipeline import Analyzer
from quotetrace.render.json import article_to_dict
from quotetrace.store import Store
from tests.web.corpus import corpus_files, metadata

ENDPOINTS = ("/api/counts", "/api/articles", "/api/articles/{article_id}", "/api/quotations",
             "/api/people", "/api/people/{person_id}", "/api/sources", "/api/outlets",
             "/api/stories", "/api/stories/{story_id}", "/api/utterances",
             "/api/utterances/{utterance_id}", "/api/analyze")


def every_article(client: TestClient) -> list[dict[str, Any]]:
    listed = client.get("/api/articles", params={"limit": 100}).json()
    return [client.get(f"/api/articles/{item['id']}").json() for item in listed["items"]]


def test_openapi_documents_every_endpoint_and_no_page(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    assert set(schema["paths"]) == set(ENDPOINTS)
    assert "post" in schema["paths"]["/api/analyze"]
    assert {"text/plain", "text/html"} <= set(
        schema["paths"]["/api/analyze"]["post"]["requestBody"]["content"])
    assert "QuoteHit" in schema["components"]["schemas"]


def test_article_list_pages_through_every_stored_article(client: TestClient) -> None:
    seen: list[str] = []
    offset = 0
    while True:
        page = client.get("/api/articles", params={"limit": 3, "offset": offset}).json()
        assert page["total"] == len(corpus_files())
        seen += [item["id"] for item in page["items"]]
        offset += 3
        if offset >= page["total"]:
            break
    assert len(seen) == len(set(seen)) == len(corpus_files())


@pytest.mark.parametrize("name", ["politico_2016-09-17_de-blasio-says-chelsea-explosion",
                                  "hostile-council-vote"])
def test_article_is_what_analyze_prints(client: TestClient, analyzer: Analyzer,
                                        name: str) -> None:
    row = metadata()[name]
    path = next(p for p in corpus_files() if p.stem == name)
    expected = article_to_dict(analyzer.analyze_input(read_input(path),
                                                      published=row["publication_date"]))
    got = client.get(f"/api/articles/{expected['document']['id']}").json()
    assert got["article"] == expected
    assert got["outlet"] == row["publisher"]


def test_unknown_ids_are_404_naming_the_id(client: TestClient) -> None:
    for kind in ("articles", "people", "stories", "utterances"):
        response = client.get(f"/api/{kind}/no-such-id")
        assert response.status_code == 404
        assert "no-such-id" in response.json()["detail"]


def test_quotation_search_by_words_finds_every_quotation_with_them(
        client: TestClient) -> None:
    quotes = [q for a in every_article(client) for q in a["article"]["quotes"]]
    expected = {q["id"] for q in quotes
                if {"trump", "the"} <= set(re.findall(r"\w+", q["text"].lower()))}
    found = client.get("/api/quotations", params={"q": "the TRUMP", "limit": 100}).json()
    assert found["total"] == len(found["items"]) == len(expected) > 0
    assert {hit["id"] for hit in found["items"]} == expected


def test_quotation_filters_agree_with_the_articles(client: TestClient) -> None:
    articles = every_article(client)
    politico = sum(len(a["article"]["quotes"]) for a in articles if a["outlet"] == "politico")
    by_outlet = client.get("/api/quotations", params={"outlet": "politico", "limit": 100}).json()
    assert by_outlet["total"] == politico > 0
    assert {hit["outlet"] for hit in by_outlet["items"]} == {"politico"}
    dated = client.get("/api/quotations", params={"since": "2016-09-20", "until": "2016-09-21",
                                                  "limit": 100}).json()
    in_range = sum(len(a["article"]["quotes"]) for a in articles
                   if "2016-09-20" <= a["article"]["document"]["published"] <= "2016-09-21")
    assert dated["total"] == in_range > 0
    direct = client.get("/api/quotations", params={"kind": "direct", "limit": 100}).json()
    assert direct["total"] == sum(q["kind"] == "direct" for a in articles
                                  for q in a["article"]["quotes"]) > 0
    assert {hit["kind"] for hit in direct["items"]} == {"direct"}


def test_quotation_pages_join_up_in_order(client: TestClient) -> None:
    whole = client.get("/api/quotations", params={"limit": 100}).json()
    pages = [client.get("/api/quotations", params={"limit": 7, "offset": offset}).json()
             for offset in range(0, whole["total"], 7)]
    joined = [hit["id"] for page in pages for hit in page["items"]]
    assert len(joined) == len(set(joined)) == whole["total"] > 100
    assert joined[:100] == [hit["id"] for hit in whole["items"]]
    dates = [hit["published"] for page in pages for hit in page["items"]]
    assert dates == sorted(dates)


def test_a_count_limit_says_more_than(client: TestClient) -> None:
    params = {"kind": "direct", "limit": 5}
    whole = client.get("/api/quotations", params={**params, "limit": 100}).json()
    assert whole["exact"] and whole["total"] > 12
    capped = client.get("/api/quotations", params={**params, "count_limit": 10}).json()
    assert (capped["total"], capped["exact"]) == (10, False)
    assert capped["items"] == whole["items"][:5]
    enough = client.get("/api/quotations", params={**params, "count_limit": 1000}).json()
    assert (enough["total"], enough["exact"]) == (whole["total"], True)


@pytest.mark.parametrize("params", [{"limit": 101}, {"limit": 0}, {"offset": -1},
                                    {"since": "last week"}, {"kind": "hearsay"},
                                    {"count_limit": 0}])
def test_bad_parameters_are_refused(client: TestClient, params: dict[str, object]) -> None:
    response = client.get("/api/quotations", params=params)
    assert response.status_code == 422
    if params.get("limit") == 101:
        assert "at most 100" in response.json()["detail"]


def test_people_and_a_person_over_time(client: TestClient, store: Store) -> None:
    people = client.get("/api/people", params={"limit": 5}).json()
    counts = [p["quotes"] for p in people]
    assert counts == sorted(counts, reverse=True) and counts[0] > 0
    top = people[0]["person"]
    profile = client.get(f"/api/people/{top['id']}", params={"limit": 100}).json()
    assert profile["person"] == top
    assert profile["quotes"]["total"] == people[0]["quotes"]
    assert {hit["person_id"] for hit in profile["quotes"]["items"]} == {top["id"]}
    assert sum(n for _, n in profile["outlets"]) == profile["quotes"]["total"]
    surname = top["name"].split()[-1]
    found = client.get("/api/people", params={"name": surname.lower()}).json()
    assert top["id"] in {p["person"]["id"] for p in found}
    assert store.get_person(top["id"]) is not None


def test_cited_sources_and_outlets(client: TestClient) -> None:
    articles = every_article(client)
    sources = client.get("/api/sources", params={"limit": 100}).json()
    cited = {(s["name"], s["kind"]) for a in articles for s in a["article"]["sources"]}
    assert {(s["name"], s["kind"]) for s in sources} == cited
    named = client.get("/api/sources", params={"name": sources[0]["name"][:4]}).json()
    assert all(sources[0]["name"][:4].lower() in s["name"].lower() for s in named)
    outlets = client.get("/api/outlets").json()
    assert {o["outlet"] for o in outlets} == {row["publisher"] for row in metadata().values()}
    assert sum(o["articles"] for o in outlets) == len(corpus_files())


def test_relayed_quotation_and_its_story(client: TestClient) -> None:
    """Huffington Post (09-20) and Western Journal (09-21) both quote Clinton on Tulsa."""
    relayed = client.get("/api/utterances", params={"limit": 100}).json()
    tulsa = next(r for r in relayed if "unarmed man" in r["utterance"]["text"])
    assert tulsa["articles"] >= 2 and tulsa["outlets"] >= 2
    view = client.get(f"/api/utterances/{tulsa['utterance']['id']}").json()
    assert {v["outlet"] for v in view["variants"]} >= {"huff-post", "west-journal"}
    assert view["variants"][0]["published"] == "2016-09-20"
    stories = client.get("/api/stories").json()
    story_ids = {client.get(f"/api/articles/{v['variant']['article_id']}").json()["story_id"]
                 for v in view["variants"]}
    assert len(story_ids) == 1
    story = client.get(f"/api/stories/{story_ids.pop()}").json()
    assert story["story"]["id"] in {s["story"]["id"] for s in stories}
    dates = [summary["published"] for _, summary in story["members"]]
    assert dates == sorted(dates)
    assert story["story"]["first_article_id"] == story["members"][0][1]["id"]
