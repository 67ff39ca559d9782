"""The ``communique`` command. Each command makes one library call; errors become one line and exit code 1."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from .errors import MAX_MESSAGE_CHARS, CommuniqueError, ConfigError, one_line
from .pipeline import STAGE_BUDGET_S
from .progress import ProgressLog, count_inputs

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Diplomatic and political news into an evidence-linked knowledge base.",
)
err = Console(stderr=True)
CLI_MESSAGE_CHARS = 2 * MAX_MESSAGE_CHARS  # a final error may list the choices (stage names, formats)

DbOption = Annotated[str, typer.Option("--db", help="SQLite file (created if missing) or postgresql:// URL.")]


def _open(db: str, must_exist: bool = False, warn_stale: bool = True):  # type: ignore[no-untyped-def]
    """The store; an existing one opened for reading says on stderr when its knowledge base lags (reads never
    rebuild it: ``communique rebuild`` does)."""
    from .store.factory import open_store

    if must_exist and "://" not in db and not Path(db).exists():
        raise CommuniqueError(f"{db}: no such database; create it with 'communique ingest FILES --db {db}'")
    store = open_store(db)
    if must_exist and warn_stale:
        from .kb import kb_status

        message = kb_status(store).message
        if message:
            err.print(f"note: {escape(message.replace('--db DB', f'--db {db}'))}", highlight=False, soft_wrap=True)
    return store


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files or directories (recursively); '-' reads stdin.")],
    db: DbOption = "communique.db",
    workers: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 1,
    batch_size: Annotated[int, typer.Option(min=1, help="Documents per batch sent to a worker.")] = 32,
    max_bytes: Annotated[int, typer.Option(help="Skip files larger than this many bytes.")] = 0,
    stages: Annotated[str, typer.Option(help="Comma-separated stage names (default: the full pipeline).")] = "",
    extract: Annotated[bool, typer.Option("--extract/--no-extract", help="Run entity/quote/time/claim extraction.")] = True,
    runner: Annotated[str, typer.Option(help="local (this machine, --workers processes) or ray (a Ray cluster).")] = "local",
    address: Annotated[str | None, typer.Option(help="With --runner ray: the cluster to join (default: start a local one).")] = None,
    stage_timeout: Annotated[float, typer.Option(min=0, help="Seconds one stage may spend on one document (0: no limit).")] = STAGE_BUDGET_S,
) -> None:
    """Read documents, clean them, extract facts, and store them (idempotent; safe to interrupt)."""
    from .ingest.interrupt import bounded_interrupt
    from .ingest.readers import DEFAULT_MAX_BYTES
    from .ingest.run import FULL_PIPELINE, finish
    from .ingest.run import ingest as run_ingest
    from .pipeline import DEFAULT_PIPELINE

    chosen = tuple(s.strip() for s in stages.split(",") if s.strip()) or (FULL_PIPELINE if extract else DEFAULT_PIPELINE)
    total = count_inputs(paths)
    # a terminal gets the live bar; a log (cron, CI, a pipe) gets a plain line every PROGRESS_EVERY_DOCS documents
    log = None if err.is_terminal else ProgressLog(lambda line: err.print(line, highlight=False, soft_wrap=True), total)
    late = ("interrupted: the run did not stop in time and was ended; what was stored is kept; "
            "rerun the same command to continue")
    with bounded_interrupt(late), _open(db) as store, Progress(
        SpinnerColumn(), TextColumn("ingest"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
        TimeElapsedColumn(), console=err, transient=True, disable=not err.is_terminal,
    ) as progress:
        task = progress.add_task("", total=total)

        def on_error(message: str) -> None:
            progress.console.print(f"[yellow]skipped[/] {escape(message)}", soft_wrap=True)
            progress.update(task, advance=1)
            if log:
                log.advance()

        def on_warning(message: str) -> None:
            progress.console.print(f"[yellow]warning[/] {escape(message)}", soft_wrap=True)

        def on_document(doc) -> None:  # type: ignore[no-untyped-def]
            progress.update(task, advance=1, description=escape(doc.source[-60:]))
            if log:
                log.advance()

        try:
            if runner == "ray":
                from .runners.ray_runner import ingest_ray

                report = ingest_ray(paths, db, stages=chosen, address=address,
                                    num_cpus=workers if workers > 1 else None, batch_size=batch_size,
                                    max_bytes=max_bytes or DEFAULT_MAX_BYTES, on_error=on_error,
                                    on_document=on_document)
            elif runner == "local":
                report = run_ingest(paths, store, stages=chosen, workers=workers, batch_size=batch_size,
                                    max_bytes=max_bytes or DEFAULT_MAX_BYTES, on_error=on_error,
                                    on_document=on_document, on_warning=on_warning, stage_budget_s=stage_timeout)
            else:
                raise ConfigError(f"--runner {runner}: choose local or ray")
            progress.update(task, description="building the knowledge base and the search index")
            if log:
                log.finish()
                log.phase("building the knowledge base and the search index")
            finish(store, report)
        except KeyboardInterrupt:
            progress.stop()
            stored = store.stats()["documents"]
            err.print(f"interrupted: {stored} documents stored; rerun the same command to continue", highlight=False)
            raise typer.Exit(130) from None
    summary = report.as_dict()
    err.print(" ".join(f"{k}={v}" for k, v in summary.items()), highlight=False, soft_wrap=True)  # one line in a log
    if report.read == 0 and report.errors:
        raise typer.Exit(1)


@app.command()
def export(
    db: DbOption = "communique.db",
    format: Annotated[str, typer.Option("--format", help="json (one object) or jsonl (one record per line).")] = "json",
    record: Annotated[str, typer.Option("--type", help="For jsonl: documents, entities, events, quotes, claims or stories.")] = "documents",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write to FILE instead of stdout.")] = None,
) -> None:
    """Export the knowledge base (format communique-export/1)."""
    from .export import RECORD_TYPES, atomic_output, write_json, write_jsonl

    if format not in ("json", "jsonl"):
        raise ConfigError(f"--format {format!r} is not supported; use json or jsonl")
    if format == "jsonl" and record not in RECORD_TYPES:
        raise ConfigError(f"--type {record!r} is not a record type; use one of {', '.join(RECORD_TYPES)}")
    with _open(db, must_exist=True) as store:
        if output is None:
            if format == "json":
                write_json(store, sys.stdout)
            else:
                write_jsonl(store, record, sys.stdout)
            return
        with atomic_output(output) as fh:  # a killed export leaves the previous file, never a truncated one
            if format == "json":
                write_json(store, fh)
            else:
                write_jsonl(store, record, fh)


@app.command()
def show(
    doc: Annotated[str, typer.Argument(help="Document id, unique id prefix, or source path.")],
    db: DbOption = "communique.db",
    as_json: Annotated[bool, typer.Option("--json", help="Print the document record as JSON.")] = False,
) -> None:
    """Show a document's clean text and what cleaning removed."""
    from .export import document_record

    with _open(db, must_exist=True) as store:
        found = store.get(doc)
        if found is None:
            raise CommuniqueError(f"{doc}: no such document in {db}; list ids with 'communique export --format jsonl'")
        if as_json:
            print(json.dumps(document_record(found), ensure_ascii=False, indent=1))
            return
        out = Console(highlight=False, soft_wrap=True)
        fields = ("id", "source", "title", "publisher", "published", "dateline", "kind", "language", "duplicate_of")
        for name in fields:
            out.print(f"[bold]{name}:[/] {escape(str(getattr(found, name)))}")
        out.print("[bold]text:[/]")
        out.print(escape(found.text))
        out.print(f"[bold]removed ({len(found.removed)} lines):[/]")
        for line in found.removed:
            out.print(f"[dim]- {escape(line)}[/]")


@app.command()
def stats(db: DbOption = "communique.db", as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Counts of documents, duplicates and kinds."""
    with _open(db, must_exist=True) as store:
        data = store.stats()
    if as_json:
        print(json.dumps(data, indent=1))
    else:
        for key, value in data.items():
            print(f"{key}: {value}")


@app.command()
def timeline(
    db: DbOption = "communique.db",
    actor: Annotated[str | None, typer.Option(help="Only events with this participant (surname is enough).")] = None,
    topic: Annotated[str | None, typer.Option(help="Only events about this topic, e.g. migration, illegal_drugs.")] = None,
    since: Annotated[str | None, typer.Option(help="Only events on or after this date: YYYY, YYYY-MM or YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Only events on or before this date (a year or month: its end).")] = None,
    newest_first: Annotated[bool, typer.Option("--newest-first/--oldest-first", help="Order of the dated events.")] = True,
    undated: Annotated[bool, typer.Option("--undated", help="List the events no source dates instead.")] = False,
    limit: Annotated[int, typer.Option(min=1, max=500, help="Events per page.")] = 50,
    offset: Annotated[int, typer.Option(min=0, help="Events to skip (the next page: --offset plus --limit).")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print the page as JSON (items, total, offset, limit).")] = False,
) -> None:
    """Events newest first, a page at a time, with their sources (the web timeline's page)."""
    from .read.browse import timeline_page

    with _open(db, must_exist=True) as store:
        page = timeline_page(store, actor=actor, topic=topic, date_from=since, date_to=until,
                             sort="-date" if newest_first else "date", undated=undated, offset=offset, limit=limit)
    if as_json:
        print(json.dumps(page, ensure_ascii=False, indent=1))
        return
    out = Console(highlight=False, soft_wrap=True)
    for e in page["items"]:
        date = (e.get("when") or {}).get("value") or "undated"
        status = "" if e.get("status") in (None, "occurred") else f" ({e['status']})"
        out.print(f"[bold]{escape(date)}[/]  {escape(e['type'])}{status}  {escape(e['name'])}")
        if e.get("participant_names"):
            out.print(f"    participants: {escape(', '.join(e['participant_names']))}")
        if e.get("topics"):
            out.print(f"    topics: {escape(', '.join(e['topics']))}")
        for src in e.get("sources", []):
            where = f"[{src['doc']} {src['start']}:{src['end']}]"  # escaped: rich would take "[abc ...]" for markup
            out.print(f"    source: {escape(src.get('title') or src['doc'])} {escape(where)}")
    total, shown = page["total"], len(page["items"])
    section = ("undated " if undated else "") + ("event" if total == 1 else "events")
    if shown:
        summary = f"{offset + 1}–{offset + shown} of {total} {section}"
    else:
        summary = f"no {section} on this page (there are {total})" if total else f"no {section} match"
    if not undated and shown:
        summary += ", newest first" if newest_first else ", oldest first"
    if offset + shown < total:
        summary += f"; next page: --offset {offset + limit}"
    other = page["other_section"]
    if other["total"]:
        summary += f"; {other['total']} {'undated' if other['undated'] else 'dated'} " + (
            "event" if other["total"] == 1 else "events") + (": --undated" if other["undated"] else ": without --undated")
    err.print(summary, highlight=False, soft_wrap=True)


@app.command()
def serve(
    ctx: typer.Context,
    db: DbOption = "communique.db",
    host: Annotated[str, typer.Option(help="Address to listen on; beyond localhost needs a token, which then guards reads too.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port (0: any free one; the start message names it).")] = 8000,
    token: Annotated[str | None, typer.Option(envvar="COMMUNIQUE_TOKEN", show_envvar=True, help="Enables POST /api/ingest (Bearer); 16+ characters. Prefer the environment variable: options show in 'ps'.")] = None,
    read_token: Annotated[str | None, typer.Option(envvar="COMMUNIQUE_READ_TOKEN", show_envvar=True, help="Every request needs this token (or --token): Bearer, or as the password a browser asks for.")] = None,
    allow_host: Annotated[list[str] | None, typer.Option(help="Also answer requests for this host name (behind a proxy, a DNS name); '*' for any.")] = None,
) -> None:
    """Serve the web UI and the REST API (read-only unless a token is set)."""
    from .server import serve as run_server

    for name in ("token", "read_token"):
        source = ctx.get_parameter_source(name)  # an enum of the click typer bundles: compared by name
        if getattr(source, "name", "") == "COMMANDLINE":
            option = "--" + name.replace("_", "-")
            err.print(f"warning: {option} on the command line is visible to every user in 'ps'; set "
                      f"${'COMMUNIQUE_' + name.upper()} instead", highlight=False, soft_wrap=True)
    run_server(db, host=host, port=port, token=token, read_token=read_token, allow_hosts=allow_host or ())


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words, \"a phrase\", AND/OR/NOT.")],
    db: DbOption = "communique.db",
    mode: Annotated[str, typer.Option(help="hybrid, fts or semantic.")] = "hybrid",
    kind: Annotated[str | None, typer.Option(help="Document kind (readout, news...) or hit type (quote, event).")] = None,
    actor: Annotated[str | None, typer.Option()] = None,
    topic: Annotated[str | None, typer.Option()] = None,
    since: Annotated[str | None, typer.Option(help="YYYY-MM-DD")] = None,
    until: Annotated[str | None, typer.Option(help="YYYY-MM-DD")] = None,
    source: Annotated[str | None, typer.Option(help="Only documents whose source contains this.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=500)] = 20,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Full-text and semantic search over documents, quotes and events."""
    from .search import search as run_search

    with _open(db, must_exist=True) as store:
        hits = run_search(store, query, kind=kind, actor=actor, topic=topic, since=since, until=until, source=source,
                          mode=mode, limit=limit)
    if as_json:
        print(json.dumps([h.as_dict() for h in hits], ensure_ascii=False, indent=1))
        return
    out = Console(highlight=False, soft_wrap=True)
    if not hits:
        out.print("no matches")
    for h in hits:
        out.print(f"[bold]{escape(h.type)}[/] {escape(h.title or h.doc)} {escape(f'[{h.doc} {h.start}:{h.end}]')} {h.score}")
        out.print(f"    {escape(h.snippet)}")


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help='e.g. "When did Rubio and de la Fuente meet?"')],
    db: DbOption = "communique.db",
    as_json: Annotated[bool, typer.Option("--json")] = False,
    scorer: Annotated[str, typer.Option(
        "--scorer", help="rules (hand-set confidences, the default) or learned (the trained answer scorer).")] = "",
) -> None:
    """Answer a question from the sources, every sentence with its citations."""
    from .search import ask as run_ask
    from .search.answer_scorer import SCORERS

    if scorer and scorer not in SCORERS:
        raise ConfigError(f"--scorer {scorer!r} is not supported; use {' or '.join(SCORERS)}")
    with _open(db, must_exist=True) as store:
        answer = run_ask(store, question, scorer=scorer or None)
    if as_json:
        print(json.dumps(answer.as_dict(), ensure_ascii=False, indent=1))
        return
    out = Console(highlight=False, soft_wrap=True)
    if answer.not_in_sources:
        out.print(escape(answer.text))
    for sentence in answer.sentences:
        out.print(escape(sentence.text))
        for c in sentence.citations:
            cited = escape(f"[{c['doc']} {c['start']}:{c['end']}]")  # ids that start with a letter are no markup
            out.print(f"    [dim]{escape(c.get('title') or c['doc'])} {cited}[/]")


@app.command()
def compare(
    story: Annotated[str, typer.Argument(help="Story id (see the stories in the export).")],
    db: DbOption = "communique.db",
) -> None:
    """Compare the sources of one story: facts per source, quote variants, conflicting figures (JSON)."""
    from .kb import compare as compare_story

    with _open(db, must_exist=True) as store:
        print(json.dumps(compare_story(store, story), ensure_ascii=False, indent=1))


@app.command()
def rebuild(db: DbOption = "communique.db") -> None:
    """Rebuild the knowledge base and the search index from the stored documents (reads never rebuild them)."""
    from .ingest.run import rebuild as rebuild_all

    with _open(db, must_exist=True, warn_stale=False) as store:
        counts = rebuild_all(store)
    print(", ".join(f"{n} {kind}" for kind, n in counts.items()))


@app.command("stages")
def list_stages() -> None:
    """List the registered pipeline stages."""
    from .registry import stage_names

    for name in stage_names():
        print(name)


def main() -> None:
    debug = "--debug" in sys.argv
    if debug:
        sys.argv.remove("--debug")
    try:
        code = app(standalone_mode=False)
        if isinstance(code, int) and code:
            sys.exit(code)
    except CommuniqueError as exc:
        if debug:
            raise
        err.print(f"error: {escape(one_line(str(exc), CLI_MESSAGE_CHARS))}", highlight=False, soft_wrap=True)
        sys.exit(1)
    except (typer.Exit, SystemExit) as exc:
        code = getattr(exc, "exit_code", None)
        sys.exit(code if code is not None else getattr(exc, "code", 0))
    except typer.Abort:
        err.print("aborted")
        sys.exit(130)
    except Exception as exc:  # click usage errors and anything unexpected: one line, no traceback
        # click's exceptions, or those of the click that typer bundles (same names, another module): the message
        # names the option ("Invalid value for '--limit': ...")
        if any(c.__name__ == "ClickException" for c in type(exc).__mro__):
            err.print(f"error: {escape(one_line(exc.format_message(), CLI_MESSAGE_CHARS))}",  # type: ignore[attr-defined]
                      highlight=False, soft_wrap=True)
            sys.exit(exc.exit_code)  # type: ignore[attr-defined]
        if debug:
            raise
        err.print(f"error: {type(exc).__name__}: {escape(one_line(str(exc), CLI_MESSAGE_CHARS))} "
                  "(run with --debug for the traceback)",
                  highlight=False, soft_wrap=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
