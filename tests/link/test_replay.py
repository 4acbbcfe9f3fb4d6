"""Replaying the same articles gives the same links and ids: from the pipeline or from the store's
JSON, in this process or another with another hash seed."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from quotetrace.errors import InputError
from quotetrace.link import Linker
from quotetrace.records import Article
from quotetrace.render.json import article_to_dict
from tests.link.conftest import link

_REPLAY = """
import dataclasses, json, sys
from quotetrace.link import Linker
linker = Linker()
with open(sys.argv[1], encoding="utf-8") as stream:
    updates = [dataclasses.asdict(linker.add(json.loads(line))) for line in stream]
print(json.dumps(updates))
"""


def _plain(updates: list[Any]) -> list[Any]:
    """Updates as JSON would carry them (tuples become lists)."""
    return json.loads(json.dumps([dataclasses.asdict(u) for u in updates]))


def test_article_dicts_link_like_articles(articles: dict[str, Article]):
    from_articles = link(articles.values())
    from_dicts = link(article_to_dict(a) for a in articles.values())
    assert from_dicts.updates == from_articles.updates
    assert from_articles.stories and from_articles.variants and from_articles.people


@pytest.mark.parametrize("seed", ["1", "2"])
def test_another_process_gives_the_same_ids(articles: dict[str, Article], tmp_path: Path,
                                            seed: str):
    replay = tmp_path / "articles.jsonl"
    with replay.open("w", encoding="utf-8") as stream:
        for article in articles.values():
            stream.write(json.dumps(article_to_dict(article), ensure_ascii=False) + "\n")
    environment = {**os.environ, "PYTHONHASHSEED": seed}
    result = subprocess.run([sys.executable, "-c", _REPLAY, str(replay)], env=environment,
                            capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == _plain(link(articles.values()).updates)


def test_a_dict_without_its_text_is_refused_by_name(articles: dict[str, Article]):
    broken = article_to_dict(next(iter(articles.values())))
    del broken["document"]["text"]
    with pytest.raises(InputError, match=broken["document"]["id"]) as error:
        Linker().add(broken)
    assert "text" in error.value.detail
