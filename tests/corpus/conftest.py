"""Real articles to build corpora from: the shortest PolNeAR texts of the demo corpus (quick to
analyse), as files with their sidecar, as HTML pages, as feed entries, as JSONL lines."""

from __future__ import annotations

import csv
import html
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.store.backends import location  # noqa: F401  (a fixture, for the tests here)

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo" / "polnear"
NAV_ONLY = Path(__file__).resolve().parents[1] / "data" / "nav-only.html"


@dataclass(frozen=True, slots=True)
class DemoArticle:
    """One PolNeAR article: its file, text, title, body paragraphs and sidecar metadata."""

    path: Path
    text: str
    outlet: str
    published: str

    @property
    def title(self) -> str:
        return self.text.split("\n", 1)[0].strip()

    @property
    def paragraphs(self) -> list[str]:
        return [line.strip() for line in self.text.split("\n")[1:] if line.strip()]

    def page(self, url: str) -> str:
        """The article as the HTML page an outlet would serve."""
        body = "\n".join(f"<p>{html.escape(p)}</p>" for p in self.paragraphs)
        return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
                f"<title>{html.escape(self.title)}</title><link rel='canonical' href='{url}'>"
                f"<meta property='article:published_time' content='{self.published}'></head>"
                f"<body><nav><a href='/'>Home</a></nav><article><h1>{html.escape(self.title)}"
                f"</h1>{body}</article><footer>© {self.outlet}</footer></body></html>")


def _demo_articles() -> list[DemoArticle]:
    with (DEMO / "metadata.tsv").open(encoding="utf-8", newline="") as stream:
        metadata = {row["filename"]: row for row in csv.DictReader(stream, delimiter="\t")}
    paths = sorted(DEMO.glob("*/*.txt"), key=lambda p: (p.stat().st_size, p.name))
    articles = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        if len([line for line in text.split("\n")[1:] if len(line.split()) >= 12]) < 2:
            continue  # a headline and a line: too little to be an article page
        row = metadata[path.stem]
        articles.append(DemoArticle(path, text, row["publisher"], row["publication_date"]))
    return articles


@pytest.fixture(scope="session")
def demo_articles() -> list[DemoArticle]:
    """Short real articles with two paragraphs or more, shortest first."""
    return _demo_articles()


def demo_folder(articles: list[DemoArticle], folder: Path) -> Path:
    """The articles as text files with a ``metadata.tsv`` sidecar naming outlet and date."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = ["filename\tpublisher\tpublication_date"]
    for article in articles:
        (folder / article.path.name).write_text(article.text, encoding="utf-8")
        rows.append(f"{article.path.stem}\t{article.outlet}\t{article.published}")
    (folder / "metadata.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder
