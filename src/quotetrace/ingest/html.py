"""HTML page → the article in it: main text (one paragraph a line), title, date, language.

Nothing here touches the network: trafilatura and htmldate get the HTML string, and the URL only
as a hint (a date in its path, the canonical address).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import htmldate
import trafilatura

from quotetrace.errors import NoArticleText

__all__ = ["HtmlArticle", "extract_html", "find_published", "looks_like_html"]

logger = logging.getLogger(__name__)

_HTML_START = re.compile(
    r"\A(?:\ufeff)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAGS = re.compile(r"<(?:html|head|body|article|div|p|meta|title)\b[^>]*>", re.IGNORECASE)
_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})\b", re.IGNORECASE)
_MIN_TAGS = 3  # a text quoting one tag is still text; a page has many
_MIN_WORDS_IN_A_PARAGRAPH = 6  # below this everywhere, trafilatura found a menu, not an article


@dataclass(frozen=True, slots=True)
class HtmlArticle:
    """What one HTML page says, as far as the article in it goes."""

    text: str
    title: str | None
    published: str | None  # ISO date
    url: str | None
    lang: str | None
    author: str | None


def looks_like_html(text: str) -> bool:
    """True for a page (doctype, <html>, …) or a fragment made of several HTML tags."""
    head = text[:4096]
    if _HTML_START.match(head):
        return True
    return (
        head.lstrip("\ufeff \t\r\n").startswith("<") and len(_HTML_TAGS.findall(head)) >= _MIN_TAGS
    )


def extract_html(html: str, origin: str, url: str | None = None) -> HtmlArticle:
    """The main text and metadata of an HTML page; ``NoArticleText`` when it holds no article."""
    document = trafilatura.bare_extraction(
        html,
        url=url,
        favor_precision=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        with_metadata=True,
    )
    text = getattr(document, "text", None) or ""
    if not _has_prose(text):
        raise NoArticleText(origin, "no article text found in the HTML")
    return HtmlArticle(
        text=text,
        title=getattr(document, "title", None) or None,
        published=find_published(html, url),
        url=getattr(document, "url", None) or url,
        lang=getattr(document, "language", None) or _declared_lang(html),
        author=getattr(document, "author", None) or None,
    )


def find_published(html: str, url: str | None = None) -> str | None:
    """The original publication date (ISO) the page states, from its markup or its URL."""
    try:
        return htmldate.find_date(
            html, original_date=True, outputformat="%Y-%m-%d", url=url, extensive_search=True
        )
    except ValueError:  # htmldate refuses markup it cannot parse
        logger.debug("htmldate could not parse the page", exc_info=True)
        return None


def _has_prose(text: str) -> bool:
    return any(len(line.split()) >= _MIN_WORDS_IN_A_PARAGRAPH for line in text.splitlines())


def _declared_lang(html: str) -> str | None:
    match = _HTML_LANG.search(html[:4096])
    return match.group(1).lower() if match else None
