"""Corpus views for people reading a terminal: result lists, a person over time, an utterance
and its variants, a story, the corpus at a glance. Rendering only; the store did the work."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from quotetrace.corpus import IngestProgress, IngestReport
from quotetrace.store import (
    Counts,
    Page,
    PersonCount,
    PersonProfile,
    QuoteHit,
    RelayedUtterance,
    StoryCount,
    StoryView,
    UtteranceView,
)

__all__ = [
    "ingest_progress",
    "render_hits",
    "render_ingest",
    "render_people",
    "render_person",
    "render_story",
    "render_top",
    "render_utterance",
]

_DIFF_STYLES = {"equal": "", "delete": "red strike", "insert": "green"}


def _short(text: str, width: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


@contextmanager
def ingest_progress(console: Console) -> Iterator[Callable[[IngestProgress], None]]:
    """A progress bar fed by ``ingest``'s callback; it redraws on each call, from no thread of
    its own, so worker processes fork from a parent without threads."""
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn(), TextColumn("{task.fields[counts]}"))
    with Progress(*columns, console=console, auto_refresh=False, transient=False) as progress:
        task = progress.add_task("ingest", total=None, counts="")

        def update(event: IngestProgress) -> None:
            if event.stage == "replay":
                progress.update(task, description="relinking stored articles",
                                completed=event.done, counts="")
            else:
                progress.update(task, description="ingest", completed=event.done,
                                total=event.total,
                                counts=f"{event.added} added, {event.skipped} skipped, "
                                       f"{event.rejected} rejected")
            progress.refresh()

        yield update


def render_ingest(report: IngestReport, location: str, console: Console) -> None:
    console.print(
        f"{report.added} articles added, {report.skipped} already stored (or repeated), "
        f"{report.rejected} rejected in {report.seconds:.1f} s → {location}", highlight=False)


def render_hits(page: Page[QuoteHit], console: Console) -> None:
    table = Table(title=f"{page.total} quotations (showing {page.offset + 1 if page.items else 0}"
                        f"–{page.offset + len(page.items)})", show_lines=False, expand=True)
    for column in ("date", "outlet", "speaker", "quotation", "id"):
        table.add_column(column, overflow="fold", ratio=4 if column == "quotation" else None)
    for hit in page.items:
        table.add_row(hit.published or "", hit.outlet or "", hit.speaker_name or "",
                      _short(hit.text), hit.id)
    console.print(table)


def render_people(people: tuple[PersonCount, ...], console: Console, title: str) -> None:
    table = Table(title=title, expand=True)
    for column in ("person", "quotations", "articles", "outlets", "also written", "id"):
        table.add_column(column, overflow="fold")
    for count in people:
        person = count.person
        others = [v for v in person.variants if v != person.name]
        table.add_row(person.name, str(count.quotes), str(count.articles), str(count.outlets),
                      _short(", ".join(others), 60), person.id)
    console.print(table)


def render_person(profile: PersonProfile, console: Console) -> None:
    person = profile.person
    console.print(Text(person.name, style="bold"), f"({person.id})", highlight=False)
    if person.roles:
        console.print("roles: " + ", ".join(person.roles), highlight=False)
    if len(person.variants) > 1:
        console.print("written as: " + ", ".join(person.variants), highlight=False)
    console.print(f"{profile.quotes.total} quotations, {profile.first_published} → "
                  f"{profile.last_published}; outlets: " + ", ".join(
                      f"{outlet or '?'} ({n})" for outlet, n in profile.outlets), highlight=False)
    render_hits(profile.quotes, console)


def render_utterance(view: UtteranceView, console: Console) -> None:
    utterance = view.utterance
    speaker = view.person.name if view.person else "unknown speaker"
    console.print(Text(f"“{_short(utterance.text, 400)}”", style="bold"), highlight=False)
    console.print(f"{speaker}; first seen {utterance.first_published or '?'} in article "
                  f"{utterance.first_article_id}; {len(view.variants)} variants", highlight=False)
    for variant in view.variants:
        line = Text(f"{variant.published or '?'}  {variant.outlet or '?'}  "
                    f"[{variant.variant.relation} {variant.variant.similarity:.2f}]  ")
        for op, words in variant.variant.diff:
            line.append(words + " ", style=_DIFF_STYLES.get(op, ""))
        console.print(line)


def render_story(view: StoryView, console: Console) -> None:
    story = view.story
    console.print(Text(story.label, style="bold"), f"({story.id})", highlight=False)
    table = Table(expand=True)
    for column in ("date", "outlet", "lang", "title", "similarity", "article"):
        table.add_column(column, overflow="fold")
    copies = {link.article_id: link for link in view.links}
    for member, article in view.members:
        title = article.title or ""
        if member.article_id in copies:
            link = copies[member.article_id]
            title += f"  [{link.kind} of {link.original_id}]"
        table.add_row(article.published or "", article.outlet or "", article.lang, _short(title, 90),
                      f"{member.similarity:.2f}", article.id)
    console.print(table)
    if view.utterances:
        _render_relayed(view.utterances, console, "what the story relays")


def _render_relayed(utterances: tuple[RelayedUtterance, ...], console: Console,
                    title: str) -> None:
    """One quotation per entry, its spread on the line below: readable at any terminal width."""
    console.print(Text(title, style="bold italic"), justify="center")
    for relayed in utterances:
        u = relayed.utterance
        quoted = u.text[:1] in "\"“‘'«„"
        console.print(Text(_short(u.text, 200) if quoted else f"“{_short(u.text, 200)}”"),
                      highlight=False)
        console.print(Text(f"    — {relayed.speaker or 'unknown speaker'} · {relayed.outlets} "
                           f"outlets, {relayed.articles} articles · first "
                           f"{u.first_published or '?'} · {u.id}", style="dim"), highlight=False)


def render_top(counts: Counts, people: tuple[PersonCount, ...],
               utterances: tuple[RelayedUtterance, ...], stories: tuple[StoryCount, ...],
               console: Console) -> None:
    console.print(
        f"{counts.articles} articles, {counts.quotes} quotations, {counts.people} people, "
        f"{counts.utterances} utterances, {counts.stories} stories, "
        f"{counts.article_links} copies or rewrites, {counts.rejections} rejected inputs",
        highlight=False)
    render_people(people, console, "most quoted people")
    _render_relayed(utterances, console, "most relayed quotations")
    table = Table(title="stories told by the most outlets", expand=True)
    for column in ("story", "outlets", "articles", "first", "id"):
        table.add_column(column, overflow="fold")
    for count in stories:
        table.add_row(_short(count.story.label, 100), str(count.outlets), str(count.articles),
                      count.story.first_published or "", count.story.id)
    console.print(table)
