"""Copies and rewrites on real republished articles: the New York Times' print and web versions."""

from __future__ import annotations

from quotetrace.link import Linker, LinkSettings
from quotetrace.records import Article
from tests.link.conftest import link, pick

JUSTICE = ("nyt_2016-03-04_republicans-have-stake", "nyt_2016-03-05_polls-suggest")
GOLF = ("nyt_2015-11-25_golf-courses", "nyt_2015-11-26_with-fewer-golfers")


def test_near_identical_republication_is_a_copy_of_the_earlier(articles: dict[str, Article]):
    original, republished = pick(articles, *JUSTICE)
    corpus = link([original, republished])
    [found] = corpus.links.values()
    assert (found.article_id, found.original_id) == (republished.document.id,
                                                     original.document.id)
    assert found.kind == "copy"
    assert LinkSettings().copy_similarity <= found.similarity < 1


def test_reworked_version_is_a_rewrite(articles: dict[str, Article]):
    original, reworked = pick(articles, *GOLF)
    [found] = link([original, reworked]).links.values()
    assert (found.article_id, found.original_id) == (reworked.document.id, original.document.id)
    assert found.kind == "rewrite"
    settings = LinkSettings()
    assert settings.rewrite_similarity <= found.similarity < settings.copy_similarity


def test_original_that_arrives_late_takes_the_link_over(articles: dict[str, Article]):
    original, republished = pick(articles, *JUSTICE)
    linker = Linker()
    assert linker.add(republished).article_links == ()  # nothing earlier to copy yet
    [moved] = linker.add(original).article_links
    assert (moved.article_id, moved.original_id) == (republished.document.id,
                                                     original.document.id)
    assert moved.kind == "copy"


def test_only_the_republished_pairs_are_linked(articles: dict[str, Article]):
    corpus = link(articles.values())
    pairs = {(link.article_id, link.original_id) for link in corpus.links.values()}
    expected = {(later.document.id, earlier.document.id)
                for earlier, later in (pick(articles, *JUSTICE), pick(articles, *GOLF))}
    assert pairs == expected


def test_an_article_added_twice_changes_nothing(articles: dict[str, Article]):
    original, republished = pick(articles, *JUSTICE)
    linker = Linker()
    linker.add(original)
    linker.add(republished)
    assert linker.add(republished) == linker.add(original) == type(linker.add(original))()
    assert len(linker) == 2
