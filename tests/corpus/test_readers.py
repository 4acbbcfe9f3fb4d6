"""Corpus readers on files built here from real PolNeAR articles: WARC archives, JSONL dumps,
RSS and Atom feeds (from a file and from a local HTTP server), folders with metadata sidecars."""

from __future__ import annotations

import gzip
import http.server
import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import format_datetime
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from quotetrace.ingest.collection import CollectionOptions, count_articles, iter_collection
from quotetrace.ingest.jsonl import JsonlFields
from quotetrace.ingest.sources import RawInput
from quotetrace.records import Rejection
from tests.corpus.conftest import NAV_ONLY, DemoArticle, demo_folder


def _split(items: list[RawInput | Rejection]) -> tuple[list[RawInput], list[Rejection]]:
    return ([i for i in items if isinstance(i, RawInput)],
            [i for i in items if isinstance(i, Rejection)])


def _has_every_paragraph(raw: RawInput, article: DemoArticle) -> bool:
    text = " ".join(raw.text.split())
    return all(" ".join(p.split()) in text for p in article.paragraphs)


# --- WARC -------------------------------------------------------------------------------------


def _warc(path: Path, pages: list[tuple[str, str, bytes, str]]) -> Path:
    """A WARC of (url, status, body, content type) responses, each after its request."""
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=path.name.endswith(".gz"))
        for url, status, body, content_type in pages:
            request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example")],
                                       is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", payload=BytesIO(b""),
                                                          http_headers=request))
            headers = StatusAndHeaders(status, [("Content-Type", content_type)],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(body),
                                                          http_headers=headers))
    return path


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_gives_each_html_response(tmp_path: Path, demo_articles: list[DemoArticle],
                                       name: str) -> None:
    first, second = demo_articles[1], demo_articles[2]
    urls = ("https://www.breitbart.com/2016/05/11/blumenthal/",
            "https://www.huffpost.com/entry/st-paul-votes")
    path = _warc(tmp_path / name, [
        (urls[0], "200 OK", first.page(urls[0]).encode(), "text/html; charset=utf-8"),
        ("https://www.breitbart.com/logo.png", "200 OK", b"\x89PNG\r\n\x1a\n", "image/png"),
        ("https://www.breitbart.com/gone", "404 Not Found", b"<html>gone</html>", "text/html"),
        ("https://ledger.example/", "200 OK", NAV_ONLY.read_bytes(), "text/html"),
        (urls[1], "200 OK", second.page(urls[1]).encode("cp1252", "replace"),
         "text/html; charset=windows-1252"),
    ])
    raws, rejections = _split(list(iter_collection([path])))
    assert [raw.url for raw in raws] == list(urls)
    assert [raw.outlet for raw in raws] == ["breitbart.com", "huffpost.com"]
    assert _has_every_paragraph(raws[0], first)
    assert raws[0].title == first.title and raws[0].format == "html"
    assert [(r.reason, r.origin.startswith(f"{path}#")) for r in rejections] == [
        ("no-article-text", True)]


def test_a_broken_warc_is_one_rejection(tmp_path: Path) -> None:
    path = tmp_path / "broken.warc.gz"
    path.write_bytes(gzip.compress(b"this is not a WARC record\r\n\r\n"))
    (rejection,) = iter_collection([path])
    assert isinstance(rejection, Rejection)
    assert rejection.origin == str(path) and rejection.reason == "bad-warc"


# --- JSONL ------------------------------------------------------------------------------------


def test_jsonl_fields_are_configurable_and_bad_lines_rejected(
        tmp_path: Path, demo_articles: list[DemoArticle]) -> None:
    plain, page = demo_articles[3], demo_articles[4]
    lines = [
        json.dumps({"doc": {"body": plain.text}, "key": "a1", "link": "https://x.example/a1",
                    "when": "2016-06-04T14:02:00Z", "site": plain.outlet}),
        "{not json",
        json.dumps({"key": "a3", "doc": {"body": ""}}),
        json.dumps(["a", "list"]),
        "",
        json.dumps({"doc": {"body": page.page("https://y.example/a5")}, "key": "a5",
                    "when": "Thu, 29 Jul 2016 10:00:00 GMT"}),
    ]
    path = tmp_path / "dump.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    fields = JsonlFields(text="doc.body", id="key", url="link", published="when", outlet="site")
    raws, rejections = _split(list(iter_collection([path], CollectionOptions(jsonl=fields))))
    assert [(r.origin, r.published, r.outlet, r.url) for r in raws] == [
        (f"{path}:1 (key=a1)", "2016-06-04", plain.outlet, "https://x.example/a1"),
        (f"{path}:6 (key=a5)", "2016-07-29", "y.example", "https://y.example/a5"),  # canonical
    ]
    assert raws[0].text == plain.text and raws[0].format == "text"
    assert raws[1].format == "html" and _has_every_paragraph(raws[1], page)
    assert [(r.origin, r.reason) for r in rejections] == [
        (f"{path}:2", "malformed-record"), (f"{path}:3 (key=a3)", "malformed-record"),
        (f"{path}:4", "malformed-record")]
    assert "JSON" in rejections[0].detail and "'doc.body'" in rejections[1].detail


# --- feeds ------------------------------------------------------------------------------------


def _rss(articles: list[DemoArticle], channel: str) -> str:
    items = []
    for number, article in enumerate(articles):
        date = format_datetime(datetime.fromisoformat(article.published).replace(
            hour=12, tzinfo=UTC))
        body = "".join(f"<p>{escape(p)}</p>" for p in article.paragraphs)
        content = (f"<content:encoded><![CDATA[{body}]]></content:encoded>" if number % 2 == 0
                   else f"<description>{escape(article.paragraphs[0])}</description>")
        items.append(f"<item><title>{escape(article.title)}</title>"
                     f"<link>https://feed.example/{number}</link><guid>item-{number}</guid>"
                     f"<pubDate>{date}</pubDate>{content}</item>")
    items.append("<item><title>Photo of the day</title><guid>empty</guid></item>")
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>{channel}</title><link>https://feed.example/</link>"
            f"<language>en-us</language>{''.join(items)}</channel></rss>")


def _atom(article: DemoArticle) -> str:
    body = escape("".join(f"<p>{escape(p)}</p>" for p in article.paragraphs))
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            "<title>Atom Politics</title><id>urn:atom-politics</id>"
            f"<updated>{article.published}T09:00:00Z</updated><entry><id>urn:entry:1</id>"
            f"<title>{escape(article.title)}</title><link href='https://atom.example/1'/>"
            f"<updated>{article.published}T09:00:00Z</updated>"
            f"<content type='html'>{body}</content></entry></feed>")


def _check_rss(items: list[RawInput | Rejection], articles: list[DemoArticle],
               origin: str) -> None:
    raws, rejections = _split(items)
    assert [(r.title, r.published, r.outlet, r.lang) for r in raws] == [
        (a.title, a.published, "Capitol Wire", "en") for a in articles]
    assert _has_every_paragraph(raws[0], articles[0])
    assert " ".join(raws[1].text.split()) == " ".join(articles[1].paragraphs[0].split())
    assert [(r.origin, r.reason) for r in rejections] == [(f"{origin}#empty", "malformed-record")]


def test_rss_and_atom_files_give_their_entries(tmp_path: Path,
                                               demo_articles: list[DemoArticle]) -> None:
    articles = demo_articles[5:8]
    rss = tmp_path / "wire.rss"
    rss.write_text(_rss(articles, "Capitol Wire"), encoding="utf-8")
    _check_rss(list(iter_collection([rss])), articles, str(rss))
    atom = tmp_path / "politics.atom"
    atom.write_text(_atom(articles[0]), encoding="utf-8")
    (raw,) = iter_collection([atom])
    assert isinstance(raw, RawInput)
    assert (raw.outlet, raw.url, raw.published) == ("Atom Politics", "https://atom.example/1",
                                                    articles[0].published)
    assert _has_every_paragraph(raw, articles[0])
    junk = tmp_path / "junk.xml"
    junk.write_text("<notes><note>nothing</note></notes>", encoding="utf-8")
    (rejection,) = iter_collection([junk])
    assert isinstance(rejection, Rejection) and rejection.origin == str(junk)


@pytest.fixture
def web_root(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A local HTTP server on loopback serving ``tmp_path/site``."""
    root = tmp_path / "site"
    root.mkdir()

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=str(root), **kwargs)  # type: ignore[arg-type]

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", root
    finally:
        server.shutdown()
        server.server_close()


def test_feed_and_article_urls_are_fetched(web_root: tuple[str, Path],
                                           demo_articles: list[DemoArticle]) -> None:
    base, root = web_root
    articles = demo_articles[5:8]
    (root / "feed.xml").write_text(_rss(articles, "Capitol Wire"), encoding="utf-8")
    (root / "story.html").write_text(articles[2].page(f"{base}/story.html"), encoding="utf-8")
    _check_rss(list(iter_collection([f"{base}/feed.xml"])), articles, f"{base}/feed.xml")
    (page,) = iter_collection([f"{base}/story.html"])
    assert isinstance(page, RawInput) and _has_every_paragraph(page, articles[2])
    assert (page.url, page.outlet) == (f"{base}/story.html", "127.0.0.1")
    (missing,) = iter_collection([f"{base}/nothing.xml"])
    assert isinstance(missing, Rejection)
    assert (missing.origin, missing.reason) == (f"{base}/nothing.xml", "unreadable")
    assert "404" in missing.detail


# --- folders and sidecars ---------------------------------------------------------------------


def test_sidecars_give_outlet_and_date_to_the_files_they_cover(
        tmp_path: Path, demo_articles: list[DemoArticle]) -> None:
    top = demo_folder(demo_articles[:2], tmp_path / "corpus")
    nested = top / "2016" / "june"
    nested.mkdir(parents=True)
    (nested / demo_articles[2].path.name).write_text(demo_articles[2].text, encoding="utf-8")
    (top / "notes.md").write_text("not an input", encoding="utf-8")
    (top / "unlisted.txt").write_text(demo_articles[3].text, encoding="utf-8")
    raws, rejections = _split(list(iter_collection([top])))
    by_name = {Path(r.origin).name: r for r in raws}
    assert rejections == [] and len(raws) == 4 and count_articles([top]) == 4
    for article in demo_articles[:2]:
        raw = by_name[article.path.name]
        assert (raw.outlet, raw.published) == (article.outlet, article.published)
    assert by_name[demo_articles[2].path.name].outlet is None  # not listed in the sidecar
    assert by_name["unlisted.txt"].published is None
    (alone,) = iter_collection([top / demo_articles[0].path.name])  # a file named directly
    assert isinstance(alone, RawInput) and alone.outlet == demo_articles[0].outlet


def test_a_broken_sidecar_is_reported_and_the_files_still_read(
        tmp_path: Path, demo_articles: list[DemoArticle]) -> None:
    folder = demo_folder(demo_articles[:2], tmp_path / "corpus")
    (folder / "metadata.tsv").write_text("publisher\tdate\nnyt\t2016-01-01\n", encoding="utf-8")
    raws, rejections = _split(list(iter_collection([folder])))
    assert len(raws) == 2 and all(raw.outlet is None for raw in raws)
    assert [(r.origin, r.reason) for r in rejections] == [(str(folder / "metadata.tsv"),
                                                           "bad-input")]
    assert "filename column" in rejections[0].detail


def test_containers_make_the_count_unknown(tmp_path: Path,
                                          demo_articles: list[DemoArticle]) -> None:
    folder = demo_folder(demo_articles[:3], tmp_path / "corpus")
    assert count_articles([folder, folder / demo_articles[0].path.name]) == 4
    (folder / "more.jsonl").write_text("{}\n", encoding="utf-8")
    assert count_articles([folder]) is None
    assert count_articles(["https://feed.example/rss"]) is None
