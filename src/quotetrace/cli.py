"""Command line: parse arguments, call the library, render the records. Nothing else."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from quotetrace.errors import QuotetraceError
from quotetrace.ingest import DEFAULT_MAX_BYTES, iter_inputs, read_stdin
from quotetrace.ingest.collection import CollectionOptions
from quotetrace.ingest.jsonl import JsonlFields
from quotetrace.ingest.sources import RawInput
from quotetrace.pipeline import DEFAULT_MODEL, Analyzer
from quotetrace.records import Article, Rejection
from quotetrace.render.corpus import (
    ingest_progress,
    render_hits,
    render_ingest,
    render_people,
    render_person,
    render_story,
    render_top,
    render_utterance,
)
from quotetrace.render.json import article_to_attrib, article_to_dict, rejection_to_dict
from quotetrace.render.report import render_article
from quotetrace.store import DEFAULT_STORE, SearchQuery, Store, is_postgres_url, open_store
from quotetrace.store.export import EXPORT_FORMATS, EXPORT_TABLES
from quotetrace.store.export import export as export_table

app = typer.Typer(help="quotetrace: who said what, according to whom, when.",
                  no_args_is_help=True, add_completion=False)


class Mode(str, Enum):
    rules = "rules"
    fast = "fast"
    accurate = "accurate"


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


def _emit(article: Article, fmt: OutputFormat, console: Console, first: bool = True) -> None:
    if fmt is OutputFormat.text:
        render_article(article, console)
    elif fmt is OutputFormat.json:  # several articles make one JSON array, see analyze()
        print(("" if first else ",") + json.dumps(article_to_dict(article), ensure_ascii=False,
                                                   indent=2))
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
    model: Annotated[str, typer.Option(help="Installed spaCy pipeline to use (rules and "
                                            "accurate modes; fast mode reads spaCy's "
                                            "tokenizer alone).")] = DEFAULT_MODEL,
    max_bytes: Annotated[int, typer.Option(help="Reject inputs larger than this.")] = (
        DEFAULT_MAX_BYTES),
    mode: Annotated[Mode, typer.Option(help="Attributions: rules; fast (a small trained tagger "
                                            "over the tokenizer alone, no parse: quotations, "
                                            "cues, speakers and bodies named by their "
                                            "sources, no NER or dates; for corpus-scale runs); "
                                            "or "
                                            "accurate (rules + the shipped transformer cue "
                                            "encoder and relation reader; finds more reported "
                                            "speech). fast and accurate need "
                                            "quotetrace[accurate].")] = Mode.rules,
) -> None:
    """Analyse articles: quotations with speakers and cues, cited sources, entities, dates.

    Exit status: 0 when every input was analysed, 2 when some were rejected, 1 when none could be.
    """
    console, errors = Console(), Console(stderr=True, soft_wrap=True)
    try:
        analyzer = Analyzer.load(model, mode.value)
    except QuotetraceError as error:
        errors.print(f"error: {error}", markup=False)
        raise typer.Exit(1) from error
    analysed = rejected = 0
    inputs = _inputs(files, max_bytes)
    array = format is OutputFormat.json and len(inputs) > 1  # opened at the first article
    for result in analyzer.analyze_many(inputs, published=published, lang=lang, url=url):
        if isinstance(result, Rejection):
            rejected += 1
            errors.print(f"error: {_message(result)}", markup=False, highlight=False)
            if format is OutputFormat.jsonl:
                print(json.dumps(rejection_to_dict(result), ensure_ascii=False))
            continue
        analysed += 1
        for warning in result.warnings:
            errors.print(f"warning: {warning}", markup=False, highlight=False)
        if array and analysed == 1:
            print("[")
        _emit(result, format, console, first=analysed == 1)
    if array and analysed:
        print("]")
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
    access_log: Annotated[bool, typer.Option(help="Log every request on stdout.")] = True,
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
        uvicorn.run(create_app(store, settings), host=host, port=port, log_level="info",
                    access_log=access_log)


# --- the corpus: ingest, search, people, quotations, stories, export ---------------------------

DbOption = Annotated[str, typer.Option("--db", help="SQLite file or postgresql:// URL of the "
                                                    "corpus store.")]
LimitOption = Annotated[int, typer.Option(help="How many to show.")]


def _open_store(db: str, create: bool = False) -> Store:
    """The store at ``db``, or exit 1 with the reason; only ingest creates a new one."""
    if not create and not is_postgres_url(db) and not Path(db).exists():
        Console(stderr=True).print(f"error: no store at {db}: ingest articles into it first "
                                   "(quotetrace ingest PATH --db DB)", markup=False,
                                   highlight=False)
        raise typer.Exit(1)
    try:
        return open_store(db)
    except QuotetraceError as error:
        Console(stderr=True).print(f"error: {error}", markup=False, highlight=False)
        raise typer.Exit(1) from error


@app.command()
def ingest(
    locations: Annotated[list[str], typer.Argument(
        help="Folders, .txt/.html files, .warc/.warc.gz archives, .jsonl files, RSS/Atom feed "
             "files or feed URLs.")],
    db: DbOption = DEFAULT_STORE,
    jobs: Annotated[int, typer.Option(help="Worker processes for analysis.")] = (
        os.cpu_count() or 1),
    batch_size: Annotated[int, typer.Option(help="Inputs per transaction.")] = 32,
    link: Annotated[bool, typer.Option(help="Link people, quotations, copies and stories.")] = (
        True),
    model: Annotated[str, typer.Option(help="Installed spaCy pipeline to use (rules and "
                                            "accurate modes; fast mode reads spaCy's "
                                            "tokenizer alone).")] = DEFAULT_MODEL,
    mode: Annotated[Mode, typer.Option(help="Attributions: rules, fast or accurate (see "
                                            "analyze --help).")] = Mode.rules,
    max_bytes: Annotated[int, typer.Option(help="Reject inputs larger than this.")] = (
        DEFAULT_MAX_BYTES),
    jsonl_text: Annotated[str, typer.Option(help="JSONL field holding the article text "
                                                 "(or HTML).")] = "text",
    jsonl_id: Annotated[str, typer.Option(help="JSONL field naming the record.")] = "id",
    jsonl_url: Annotated[str, typer.Option(help="JSONL field holding the URL.")] = "url",
    jsonl_date: Annotated[str, typer.Option(help="JSONL field holding the publication "
                                                 "date.")] = "published",
    jsonl_title: Annotated[str, typer.Option(help="JSONL field holding the title.")] = "title",
    jsonl_outlet: Annotated[str, typer.Option(help="JSONL field holding the outlet.")] = (
        "outlet"),
    jsonl_lang: Annotated[str, typer.Option(help="JSONL field holding the language.")] = "lang",
) -> None:
    """Analyse a corpus into the store and link it; resumable, and a re-run adds nothing.

    Folders may hold a metadata.tsv sidecar giving each file's outlet and date (see README).
    Exit status: 0 when no input was rejected, 2 when some were, 1 when nothing could be stored.
    """
    from quotetrace.corpus import IngestSettings
    from quotetrace.corpus import ingest as ingest_corpus

    errors = Console(stderr=True, soft_wrap=True)
    options = CollectionOptions(JsonlFields(jsonl_text, jsonl_id, jsonl_url, jsonl_date,
                                            jsonl_title, jsonl_outlet, jsonl_lang), max_bytes)
    settings = IngestSettings(model=model, mode=mode.value,
                              jobs=max(1, jobs),
                              batch_size=batch_size, link=link)
    with _open_store(db, create=True) as store, ingest_progress(errors) as on_progress:
        try:
            report = ingest_corpus(locations, store, settings, options, on_progress)
        except QuotetraceError as error:
            errors.print(f"error: {error}", markup=False, highlight=False)
            raise typer.Exit(1) from error
    for rejection in report.rejections:
        errors.print(f"error: {_message(rejection)}", markup=False, highlight=False)
    render_ingest(report, db, Console())
    if report.rejected:
        raise typer.Exit(2 if report.added or report.skipped else 1)


@app.command()
def search(
    text: Annotated[str, typer.Argument(help="Words the quotation must contain (all of them); "
                                             "'' for any.")] = "",
    speaker: Annotated[str | None, typer.Option(help="Part of the speaker's name.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet, exactly.")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before (YYYY-MM-DD).")] = None,
    lang: Annotated[str | None, typer.Option(help="Language code.")] = None,
    kind: Annotated[str | None, typer.Option(help="direct, indirect or mixed.")] = None,
    limit: LimitOption = 20,
    offset: Annotated[int, typer.Option(help="Skip this many results (paging).")] = 0,
    format: Annotated[str, typer.Option("--format", "-f", help="text or jsonl.")] = "text",
    db: DbOption = DEFAULT_STORE,
) -> None:
    """Search the stored quotations, oldest first."""
    query = SearchQuery(text, speaker, None, outlet, since, until, lang, kind, limit, offset)
    with _open_store(db) as store:
        page = store.search(query)
    if format == "jsonl":
        for hit in page.items:
            print(json.dumps(asdict(hit), ensure_ascii=False))
    else:
        render_hits(page, Console())


@app.command()
def person(
    name: Annotated[str, typer.Argument(help="A name, part of one, or a person id.")],
    limit: LimitOption = 50,
    db: DbOption = DEFAULT_STORE,
) -> None:
    """A person's quotations over time and the outlets quoting them (the best match for NAME)."""
    with _open_store(db) as store:
        found = store.find_people(name)
        profile = store.get_person(found[0].person.id, limit=limit) if found else None
    if profile is None:
        Console(stderr=True).print(f"error: no person matches {name!r}", markup=False)
        raise typer.Exit(1)
    console = Console()
    render_person(profile, console)
    if len(found) > 1:
        render_people(found[1:], console, "also matching")


@app.command()
def quote(
    id: Annotated[str, typer.Argument(help="An utterance id, or the id of one of its "
                                           "quotations.")],
    db: DbOption = DEFAULT_STORE,
) -> None:
    """An utterance: its first appearance, every variant, and how the wording changed."""
    with _open_store(db) as store:
        view = store.get_utterance(id)
    if view is None:
        Console(stderr=True).print(f"error: no utterance or quotation {id!r}", markup=False)
        raise typer.Exit(1)
    render_utterance(view, Console())


@app.command()
def story(
    id: Annotated[str, typer.Argument(help="A story id (see `quotetrace top`).")],
    db: DbOption = DEFAULT_STORE,
) -> None:
    """A story: its articles by date across outlets, copies among them, what they relay."""
    with _open_store(db) as store:
        view = store.get_story(id)
    if view is None:
        Console(stderr=True).print(f"error: no story {id!r}", markup=False)
        raise typer.Exit(1)
    render_story(view, Console())


@app.command()
def top(limit: LimitOption = 10, db: DbOption = DEFAULT_STORE) -> None:
    """The corpus at a glance: most quoted people, most relayed quotations, widest stories."""
    with _open_store(db) as store:
        render_top(store.counts(), store.top_people(limit), store.top_utterances(limit),
                   store.top_stories(limit), Console())


@app.command()
def export(
    format: Annotated[str, typer.Option("--format", "-f", help="jsonl, csv or parquet.")] = (
        "jsonl"),
    table: Annotated[str, typer.Option(help="What to export: " + ", ".join(EXPORT_TABLES))] = (
        "quotes"),
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write "
                                                "(standard output if omitted; Parquet needs "
                                                "a file).")] = None,
    db: DbOption = DEFAULT_STORE,
) -> None:
    """Export a table of the store, streaming."""
    if format not in EXPORT_FORMATS:
        Console(stderr=True).print(f"error: unknown format {format!r}; choose one of "
                                   f"{', '.join(EXPORT_FORMATS)}", markup=False)
        raise typer.Exit(1)
    with _open_store(db) as store:
        try:
            count = export_table(store, table, format, output or sys.stdout)  # type: ignore[arg-type]
        except QuotetraceError as error:
            Console(stderr=True).print(f"error: {error}", markup=False, highlight=False)
            raise typer.Exit(1) from error
    if output:
        Console(stderr=True).print(f"{count} rows → {output}", highlight=False)
