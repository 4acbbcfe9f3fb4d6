"""A readable terminal report: who said what, with the evidence highlighted in context."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.text import Text

from quotetrace.records import Article, Quote

_CONTEXT = 60


def _evidence(text: str, quote: Quote) -> Text:
    """The sentence around a quotation: content bold, cue underlined, speaker in colour."""
    start = max(0, min([quote.start, *(s.start for s in (quote.cue, quote.speaker) if s)])
                - _CONTEXT)
    end = min(len(text), max([quote.end, *(s.end for s in (quote.cue, quote.speaker) if s)])
              + _CONTEXT)
    shown = Text(("…" if start else "") + text[start:end].replace("\n", " ")
                 + ("…" if end < len(text) else ""))
    shift = 1 if start else 0
    for fragment in quote.fragments:
        shown.stylize("bold", fragment.start - start + shift, fragment.end - start + shift)
    if quote.cue:
        shown.stylize("underline magenta", quote.cue.start - start + shift,
                      quote.cue.end - start + shift)
    if quote.speaker:
        shown.stylize("cyan", quote.speaker.start - start + shift,
                      quote.speaker.end - start + shift)
    return shown


def render_article(article: Article, console: Console) -> None:
    """Print one article's findings."""
    doc = article.document
    meta = " · ".join(x for x in (doc.published, doc.url, ", ".join(doc.topics)) if x)
    console.rule(f"[bold]{doc.title or doc.origin}[/] ({doc.origin})")
    if meta:
        console.print(meta, style="dim")
    for quote in article.quotes:
        who = quote.speaker_name or (quote.speaker.text if quote.speaker else "unknown")
        role = f" ({quote.speaker_role})" if quote.speaker_role else ""
        heading = Text.assemble((who, "bold cyan"), role, f" — {quote.kind}",
                                f", {quote.cue_lemma}" if quote.cue_lemma else "",
                                f", confidence {quote.confidence:.2f}", style="")
        console.print(Panel(Group(_evidence(doc.text, quote)), title=heading, title_align="left"))
    if article.sources:
        console.print("[bold]Cited sources[/]: " + "; ".join(
            f"{s.name} ({s.kind})" for s in article.sources))
    if article.dates:
        console.print("[bold]Dates[/]: " + "; ".join(
            f"{d.span.text!r} = {d.value or '?'}" for d in article.dates))
    people = [e for e in article.entities if e.label == "PERSON"]
    if people:
        console.print("[bold]People[/]: " + "; ".join(
            e.name + (f" ({', '.join(e.roles + e.organisations)})" if e.roles else "")
            for e in people))
    for warning in article.warnings:
        console.print(f"[yellow]warning[/]: {warning}")
