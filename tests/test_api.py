"""The public Python API: ``quotetrace.analyze`` for text and HTML, ``__all__``, errors."""

from __future__ import annotations

import inspect
import types

import pytest

import quotetrace
from quotetrace.errors import EmptyInput, InputError, NoArticleText
from quotetrace.pipeline import Analyzer
from quotetrace.records import Article
from tests.conftest import DATA, REFERENCE_ARTICLE, read_text


def summary(article: Article) -> list[tuple[object, ...]]:
    """What was found, without ids (they hash the URL too)."""
    return [(tuple(f.text for f in q.fragments), q.kind, q.cue_lemma, q.speaker_name)
            for q in article.quotes]


def test_all_lists_exactly_the_public_names() -> None:
    public = {name for name, value in vars(quotetrace).items()
              if not name.startswith("_") and not isinstance(value, types.ModuleType)}
    assert set(quotetrace.__all__) == public
    assert len(quotetrace.__all__) == len(set(quotetrace.__all__))


def test_star_import_gives_all() -> None:
    namespace: dict[str, object] = {}
    exec("from quotetrace import *", namespace)  # noqa: S102 - what a user would type
    assert set(namespace) - {"__builtins__"} == set(quotetrace.__all__)


def test_analyze_signature() -> None:
    parameters = inspect.signature(quotetrace.analyze).parameters
    assert list(parameters)[:3] == ["text_or_html", "published", "lang"]
    assert parameters["published"].default is None and parameters["lang"].default is None


def test_analyze_text() -> None:
    article = quotetrace.analyze(read_text(REFERENCE_ARTICLE), published="2022-03-08", lang="en")
    assert isinstance(article, quotetrace.Article)
    assert article.document.format == "text"
    assert (article.document.published, article.document.lang) == ("2022-03-08", "en")
    assert all(isinstance(q, quotetrace.Quote) for q in article.quotes)
    assert "Astakhov Dmitry Mikhailovich" in {q.speaker_name for q in article.quotes}
    yesterday = next(d for d in article.dates if d.span.text.startswith("yesterday"))
    assert yesterday.value == "2022-03-07"


def test_analyze_html_reads_metadata() -> None:
    article = quotetrace.analyze(read_text(DATA / "article.html"))
    document = article.document
    assert document.format == "html"
    assert document.published == "2022-03-08"
    assert document.url == "https://ledger.example/world/2022/03/08/captured-commander"
    assert document.title == "Captured Russian commander apologises to the people of Ukraine"
    assert "cookies" not in document.text and "Subscribe" not in document.text
    assert "Andrew Stroehlein" in {q.speaker_name for q in article.quotes}


def test_html_goes_through_the_same_path_as_its_text(analyzer: Analyzer) -> None:
    from_html = quotetrace.analyze(read_text(DATA / "article.html"))
    from_text = analyzer.analyze(from_html.document.raw_text, published="2022-03-08")
    assert from_text.document.text == from_html.document.text
    assert summary(from_text) == summary(from_html)
    assert [d.value for d in from_text.dates] == [d.value for d in from_html.dates]


def test_arguments_override_what_the_page_says() -> None:
    article = quotetrace.analyze(read_text(DATA / "article.html"), published="2022-03-09",
                                 lang="en")
    assert (article.document.published, article.document.lang) == ("2022-03-09", "en")
    yesterday = next(d for d in article.dates if d.span.text == "yesterday")
    assert yesterday.value == "2022-03-08"


def test_language_tag_with_a_region() -> None:
    article = quotetrace.analyze(read_text(REFERENCE_ARTICLE), published="2022-03-08",
                                 lang="en-GB")
    assert article.document.lang == "en-GB"
    assert any(d.value == "2022-03-07" for d in article.dates)


def test_an_unnamed_officer_is_not_someone_else() -> None:
    article = quotetrace.analyze(read_text(DATA / "article.html"))
    officer = next(q for q in article.quotes if q.speaker and q.speaker.text == "the officer")
    assert officer.speaker_name != "Vladimir Putin"


def test_empty_text_raises_an_input_error() -> None:
    with pytest.raises(EmptyInput) as caught:
        quotetrace.analyze("  \n\n")
    assert isinstance(caught.value, InputError) and isinstance(caught.value, quotetrace.InputError)
    assert (caught.value.origin, caught.value.reason) == ("<string>", "empty")


def test_boilerplate_only_is_empty() -> None:
    with pytest.raises(EmptyInput) as caught:
        quotetrace.analyze("Advert\nTopics: Russia, Ukraine\n")
    assert "boilerplate" in caught.value.detail


def test_page_without_article_raises() -> None:
    with pytest.raises(NoArticleText) as caught:
        quotetrace.analyze(read_text(DATA / "nav-only.html"))
    assert caught.value.reason == "no-article-text"
    assert isinstance(caught.value, quotetrace.QuotetraceError)


def test_analyze_many_turns_bad_inputs_into_rejections(analyzer: Analyzer) -> None:
    from quotetrace.ingest import iter_inputs

    paths = [DATA / "nav-only.html", REFERENCE_ARTICLE]
    results = list(analyzer.analyze_many(iter_inputs(paths)))
    assert [type(r) for r in results] == [quotetrace.Rejection, quotetrace.Article]
    rejection = results[0]
    assert isinstance(rejection, quotetrace.Rejection)
    assert (rejection.origin, rejection.reason) == (str(DATA / "nav-only.html"), "no-article-text")
