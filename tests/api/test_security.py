"""Headers, size limits, and who may call the write endpoints."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from quotetrace.api import is_loopback
from quotetrace.api.security import CONTENT_SECURITY_POLICY
from quotetrace.pipeline import Analyzer
from quotetrace.store import Store
from tests.api.conftest import make_client

SENTENCE = b'"We will rebuild the bridge by spring," Mayor Ana Lopez said on Monday.'


@pytest.mark.parametrize("path", ["/", "/api/counts", "/api/articles/missing", "/people",
                                  "/static/style.css", "/no-such-page"])
def test_every_response_carries_the_security_headers(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY
    assert "frame-ancestors 'none'" in CONTENT_SECURITY_POLICY
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY
    assert response.headers["x-content-type-options"] == "nosniff"


def test_bodies_over_the_limit_are_refused(store: Store, analyzer: Analyzer) -> None:
    small = make_client(store, analyzer, max_body_bytes=1000)
    declared = small.post("/api/analyze", content=b"x" * 1001)
    assert declared.status_code == 413
    assert "1000 bytes" in declared.json()["detail"]

    def chunks() -> object:  # no Content-Length: the limit must hold while reading
        for _ in range(20):
            yield b"y" * 100

    streamed = small.post("/api/analyze", content=chunks())  # type: ignore[arg-type]
    assert streamed.status_code == 413
    form = small.post("/analyze", data={"text": "z" * 2000})
    assert form.status_code == 413
    assert small.post("/api/analyze", content=SENTENCE).status_code == 200


def test_loopback_server_lets_local_clients_write(client: TestClient) -> None:
    assert client.post("/api/analyze", content=SENTENCE).status_code == 200


def test_public_server_without_token_refuses_writes_and_serves_reads(
        store: Store, analyzer: Analyzer) -> None:
    public = make_client(store, analyzer, host="0.0.0.0")
    refused = public.post("/api/analyze", content=SENTENCE)
    assert refused.status_code == 403
    assert "--token" in refused.json()["detail"]
    assert public.post("/analyze", data={"text": SENTENCE.decode()}).status_code == 403
    assert public.get("/api/counts").status_code == 200
    assert public.get("/").status_code == 200


def test_public_server_with_token_needs_it(store: Store, analyzer: Analyzer) -> None:
    public = make_client(store, analyzer, host="0.0.0.0", token="s3cret-token")
    assert public.post("/api/analyze", content=SENTENCE).status_code == 401
    wrong = {"Authorization": "Bearer guess"}
    assert public.post("/api/analyze", content=SENTENCE, headers=wrong).status_code == 401
    right = {"Authorization": "Bearer s3cret-token"}
    assert public.post("/api/analyze", content=SENTENCE, headers=right).status_code == 200
    assert public.post("/analyze", data={"text": SENTENCE.decode(),
                                         "token": "s3cret-token"}).status_code == 200
    assert public.post("/analyze", data={"text": SENTENCE.decode()}).status_code == 401
    assert public.get("/api/quotations").status_code == 200  # reads need no token


def test_cross_site_posts_are_refused(client: TestClient) -> None:
    response = client.post("/api/analyze", content=SENTENCE,
                           headers={"Origin": "https://evil.example"})
    assert response.status_code == 403
    same = client.post("/api/analyze", content=SENTENCE, headers={"Origin": "http://testserver"})
    assert same.status_code == 200


def test_page_size_is_capped(client: TestClient) -> None:
    assert client.get("/api/people", params={"limit": 500}).status_code == 422
    assert client.get("/api/quotations", params={"limit": 100}).status_code == 200


@pytest.mark.parametrize(("host", "loopback"), [("127.0.0.1", True), ("localhost", True),
                                                ("::1", True), ("127.0.0.2", True),
                                                ("0.0.0.0", False), ("192.168.1.4", False),
                                                ("::", False), ("example.org", False)])
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback
