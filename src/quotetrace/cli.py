"""Command line: parse arguments, call the library, render the records. Nothing else."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from quotetrace.errors import QuotetraceError
from quotetrace.ingest import DEFAULT_MAX_BYTES, iter_inputs, read_stdin
from quotetrace.ingest.sources import RawInput
from quotetrace.pipeline import DEFAULT_MODEL, Analyzer
from quotetrace.records import Article, Rejection
from quotetrace.render.json import article_to_attrib, article_to_dict, rejection_to_dict
from quotetrace.render.report import render_article

app = typer.Typer(help="quotetrace: who said what, according to whom, when.",
                  no_args_is_help=True, add_completion=False)


class OutputFormat(str, Enum):
    text = "text"
    json = "json"
    jsonl = "jsonl"
    attrib = "attrib"


def _inputs(files: list[str], max_bytes: int) -> list[RawInput | Rejection]:
    items: list[RawInput | Rejection] = []
    paths = [f for f in files if f != "-"]
    if "-" in files:
        try:
            items.append(read_stdin(max_bytes=max_bytes))
        except QuotetraceError as error:
            items.append(Rejection("<stdin>", getattr(error, "reason", "bad-input"), str(error)))
    items.extend(iter_inputs(paths, max_bytes=max_bytes))
    return items


def _message(rejection: Rejection) -> str:
    """One line naming the input and the reason."""
    if rejection.detail.startswith(rejection.origin):
        return rejection.detail
    return f"{rejection.origin}: {rejection.detail}"


def _emit(article: Article, fmt: OutputFormat, console: Console) -> None:
    if fmt is OutputFormat.text:
        render_article(article, console)
    elif fmt is OutputFormat.json:
        print(json.dumps(article_to_dict(article), ensure_ascii=False, indent=2))
    elif fmt is OutputFormat.jsonl:
        print(json.dumps(article_to_dict(article), ensure_ascii=False))
    else:
        print(json.dumps(article_to_attrib(article, Path(article.document.origin).stem),
                         ensure_ascii=False))


@app.command()
def analyze(
    files: Annotated[list[str], typer.Argument(help="Files or folders of .txt/.html; - for stdin.")],
    format: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = (
        OutputFormat.text),
    published: Annotated[str | None, typer.Option(help="Publication date (ISO), overrides "
                                                       "detection; anchors relative dates.")] = None,
    lang: Annotated[str | None, typer.Option(help="Language code, overrides detection.")] = None,
    url: Annotated[str | None, typer.Option(help="The article's URL, overrides detection.")] = None,
    model: Annotated[str, typer.Option(help="Installed spaCy pipeline to use.")] = DEFAULT_MODEL,
    max_bytes: Annotated[int, typer.Option(help="Reject inputs larger than this.")] = (
        DEFAULT_MAX_BYTES),
) -> None:
    """Analyse articles: quotations with speakers and cues, cited sources, entities, dates.

    Exit status: 0 when every input was analysed, 2 when some were rejected, 1 when none could be.
    """
    console, errors = Console(), Console(stderr=True, soft_wrap=True)
    try:
        analyzer = Analyzer.load(model)
    except QuotetraceError as error:
        errors.print(f"error: {error}", markup=False)
        raise typer.Exit(1) from error
    analysed = rejected = 0
    for result in analyzer.analyze_many(_inputs(files, max_bytes), published=published,
                                        lang=lang, url=url):
        if isinstance(result, Rejection):
            rejected += 1
            errors.print(f"error: {_message(result)}", markup=False, highlight=False)
            if format is OutputFormat.jsonl:
                print(json.dumps(rejection_to_dict(result), ensure_ascii=False))
            continue
        analysed += 1
        for warning in result.warnings:
            errors.print(f"warning: {warning}", markup=False, highlight=False)
        _emit(result, format, console)
    sys.stdout.flush()
    if rejected:
        raise typer.Exit(1 if not analysed else 2)


@app.command()
def version() -> None:
    """Print the version."""
    from quotetrace import __version__

    print(__version__)


@app.command()
def serve(
    db: Annotated[str, typer.Option(help="SQLite file or postgresql:// URL of the store.")] = (
        "quotetrace.db"),
    host: Annotated[str, typer.Option(help="Address to listen on; beyond loopback, write "
                                           "endpoints need --token.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    token: Annotated[str | None, typer.Option(envvar="QUOTETRACE_TOKEN",
                                              help="Bearer token for write endpoints "
                                                   "(POST /api/analyze).")] = None,
    max_body_bytes: Annotated[int, typer.Option(help="Refuse request bodies larger than "
                                                     "this.")] = 2_000_000,
    model: Annotated[str, typer.Option(help="spaCy pipeline for /analyze.")] = DEFAULT_MODEL,
) -> None:
    """Serve the web UI and the REST API (/api, schema at /api/openapi.json) over a store.

    Needs the optional web dependencies: the package's "web" extra.
    """
    errors = Console(stderr=True, soft_wrap=True)
    try:
        import uvicorn

        from quotetrace.api import ServerSettings, create_app, is_loopback
        from quotetrace.store import open_store
    except ImportError as error:
        errors.print(f"error: the web UI needs its extra: pip install 'quotetrace[web]' "
                     f"({error.name} is missing)", markup=False)
        raise typer.Exit(1) from error
    if "://" not in db and not Path(db).is_file():
        errors.print(f"error: {db}: no store there; create one with quotetrace ingest",
                     markup=False)
        raise typer.Exit(1)
    settings = ServerSettings(host=host, token=token, max_body_bytes=max_body_bytes, model=model)
    if not is_loopback(host) and token is None:
        errors.print(f"warning: listening on {host} without --token: write endpoints "
                     "(POST /api/analyze, the analyze page) are disabled", markup=False)
    try:
        store = open_store(db)
    except QuotetraceError as error:
        errors.print(f"error: {error}", markup=False)
        raise typer.Exit(1) from error
    with store:
        uvicorn.run(create_app(store, settings), host=host, port=port, log_level="info")
