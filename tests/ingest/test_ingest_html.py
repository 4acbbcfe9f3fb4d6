"""HTML pages: the article's paragraphs and date come out, navigation and banners do not."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotetrace.errors import NoArticleText
from quotetrace.ingest.html import extract_html, looks_like_html

DATA = Path(__file__).resolve().parents[1] / "data"
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "captured-commander.txt"


def page(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def test_looks_like_html() -> None:
    assert looks_like_html(page("article.html"))
    assert looks_like_html("\n  <html><body><p>Hi</p></body></html>")
    assert looks_like_html("<div class='story'><p>One.</p><p>Two.</p></div>")


def test_plain_text_is_not_html() -> None:
    assert not looks_like_html(EXAMPLE.read_text(encoding="utf-8"))
    assert not looks_like_html("He typed <p> into the page, the court heard.\n")
    assert not looks_like_html("<3 from Kyiv, she wrote.\n")


def test_article_paragraphs_are_lines_without_page_furniture() -> None:
    article = extract_html(page("article.html"), "article.html", url=None)
    lines = article.text.splitlines()
    assert "'Obviously, this information was unilateral information,' he added." in lines
    assert any(line.startswith("A captured Russian commander condemned") for line in lines)
    assert any(line.startswith("The video comes as war continues") for line in lines)
    for furniture in ("cookies", "Politics", "Privacy policy", "Most read", "Share on", "©"):
        assert furniture not in article.text


def test_article_metadata() -> None:
    article = extract_html(page("article.html"), "article.html", url=None)
    assert article.published == "2022-03-08"
    assert article.title == "Captured Russian commander apologises to the people of Ukraine"
    assert article.lang == "en"
    assert article.author == "Jane Harper"
    assert article.url == "https://ledger.example/world/2022/03/08/captured-commander"


def test_navigation_only_page_has_no_article() -> None:
    with pytest.raises(NoArticleText) as caught:
        extract_html(page("nav-only.html"), "page.html", url=None)
    assert str(caught.value) == "page.html: no article text found in the HTML"
    assert caught.value.reason == "no-article-text"
