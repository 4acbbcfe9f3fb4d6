"""POST /api/analyze: the same JSON as ``quotetrace analyze --format json``, bad input refused
with its reason, and nothing stored."""

from __future__ import annotations

import json
import subprocess
import sys

from fastapi.testclient import TestClient

from quotetrace.store import Store
from tests.conftest import DATA, REFERENCE_ARTICLE, read_text


def cli_json(path: str, *options: str) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-m", "quotetrace", "analyze", path, "--format",
                           "json", *options], capture_output=True, text=True, check=True)
    result: dict[str, object] = json.loads(done.stdout)
    return result


def test_text_gives_what_the_cli_prints(client: TestClient, store: Store) -> None:
    before = store.counts()
    response = client.post("/api/analyze", params={"published": "2022-03-08"},
                           content=REFERENCE_ARTICLE.read_bytes(),
                           headers={"content-type": "text/plain"})
    assert response.status_code == 200
    expected = cli_json(str(REFERENCE_ARTICLE), "--published", "2022-03-08")
    got = response.json()
    origin = got["document"].pop("origin")
    expected["document"].pop("origin")  # type: ignore[attr-defined]
    assert origin == "<pasted>"
    assert got == expected
    assert store.counts() == before


def test_html_is_extracted(client: TestClient) -> None:
    page = (DATA / "article.html").read_bytes()
    response = client.post("/api/analyze", content=page, headers={"content-type": "text/html"})
    assert response.status_code == 200
    article = response.json()
    assert article["document"]["format"] == "html"
    assert "<" not in article["document"]["text"]
    assert article["quotes"]
    sniffed = client.post("/api/analyze", content=page,
                          headers={"content-type": "application/octet-stream"})
    assert sniffed.json()["document"]["format"] == "html"


def test_text_is_not_taken_for_html_when_said_so(client: TestClient) -> None:
    text = read_text(DATA / "web" / "corpus" / "hostile-council-vote.txt")
    response = client.post("/api/analyze", content=text.encode(),
                           headers={"content-type": "text/plain; charset=utf-8"})
    assert response.status_code == 200
    quoted = [f["text"] for q in response.json()["quotes"] for f in q["fragments"]]
    assert any("<script>alert('quote')</script> is not a policy" in text for text in quoted)


def test_bad_input_is_refused_with_its_reason(client: TestClient) -> None:
    for body, reason in ((b"", "empty"), (b"   \n\n  ", "empty"),
                         (b"\x00\x01\x02\xff" * 200, "binary"),
                         (b"<html><body><nav><a href='/'>Home</a></nav></body></html>",
                          "no-article-text")):
        response = client.post("/api/analyze", content=body)
        assert response.status_code == 422, body
        detail = response.json()["detail"]
        assert detail["reason"] == reason
        assert detail["message"].startswith("<pasted>: ")
