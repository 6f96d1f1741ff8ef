"""`kg`: the one entry point for every job (the only module that knows all the others)."""

from __future__ import annotations

import functools
import logging
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, ParamSpec, TypeVar

import typer
from rich.console import Console

from kg.errors import KgError
from kg.settings import Settings

if TYPE_CHECKING:
    from ingest.lexicon import Lexicon

app = typer.Typer(
    help="Policy knowledge graph: extract actors, projects and policies from Chinese policy "
    "documents, load them into Neo4j, and query them.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
neo4j_app = typer.Typer(help="Install and run the local Neo4j 5.26 server.", no_args_is_help=True)
app.add_typer(neo4j_app, name="neo4j")

err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)

P = ParamSpec("P")
R = TypeVar("R")


def user_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Print a KgError as one line and exit 1, instead of a traceback."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        # The driver logs every retry when Neo4j goes away; our own message says what
        # happened and what to do, once.
        logging.getLogger("neo4j").setLevel(logging.CRITICAL)
        try:
            return func(*args, **kwargs)
        except KgError as exc:
            err.print(f"[red]error:[/red] {exc}", soft_wrap=True)
            raise typer.Exit(1) from None

    return wrapper


def lexicon() -> Lexicon:
    """The packaged lexicon plus the user's folder named by KG_LEXICON_EXTRA, if any."""
    from ingest.lexicon import load_lexicon

    return load_lexicon(settings().lexicon_extra)


def settings() -> Settings:
    return Settings()


@neo4j_app.command("install")
@user_errors
def neo4j_install() -> None:
    """Fetch Neo4j 5.26 and Neo4j Browser with Maven, write neo4j.conf, set the password."""
    from graph import server

    s = settings()
    t0 = time.monotonic()
    fetched = server.install(s, log=lambda msg: err.print(msg))
    what = "installed" if fetched else "already installed; configuration refreshed"
    out.print(
        f"Neo4j {server.neo4j_version()} {what} in {s.neo4j_home} ({time.monotonic() - t0:.1f} s)"
    )


@neo4j_app.command("start")
@user_errors
def neo4j_start() -> None:
    """Start the server in the background and wait until Bolt answers."""
    from graph import server

    s = settings()
    with err.status(f"Starting Neo4j (Bolt {s.uri})…", spinner="dots"):
        started, seconds = server.start(s)
    if not started:
        out.print(f"Neo4j is already running (pid {server.read_pid(s)}) at {s.uri}")
        return
    out.print(f"Neo4j started in {seconds:.1f} s: Bolt {s.uri}, Browser {s.browser_url}")
    out.print(f"  user {s.neo4j_user}; password from NEO4J_PASSWORD (see README)")


@neo4j_app.command("stop")
@user_errors
def neo4j_stop(
    timeout: Annotated[float, typer.Option(help="Seconds to wait before killing.")] = 60.0,
) -> None:
    """Stop the server gracefully (kill it after a timeout)."""
    from graph import server

    if server.stop(settings(), timeout=timeout):
        out.print("Neo4j stopped")
    else:
        out.print("Neo4j is not running")


@neo4j_app.command("status")
@user_errors
def neo4j_status() -> None:
    """Print up/down, version, URLs, pid and data size. Exit code 3 when down."""
    from graph import server

    st = server.status(settings())
    out.print(f"Neo4j: {'up' if st.up else 'down'}")
    out.print(f"  version: {st.version or '-'}")
    out.print(f"  bolt:    {st.bolt_url}")
    out.print(f"  browser: {st.browser_url}")
    out.print(f"  pid:     {st.pid or '-'}")
    out.print(f"  data:    {st.data_bytes / 1_048_576:.1f} MiB in {st.home / 'data'}")
    if not st.up:
        raise typer.Exit(3)


@neo4j_app.command("logs")
@user_errors
def neo4j_logs(
    lines: Annotated[int, typer.Option("-n", "--lines", help="How many lines.")] = 50,
) -> None:
    """Print the end of the server log."""
    from graph import server

    sys.stdout.write(server.log_tail(settings(), lines) + "\n")


@app.command("extract")
@user_errors
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Files or directories of documents.")],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write JSON Lines here.")
    ] = None,
    max_mb: Annotated[float, typer.Option(help="Refuse files larger than this (MiB).")] = 20,
    jobs: Annotated[
        int, typer.Option(min=1, help="Worker processes (default: one per core); same output.")
    ] = max(1, os.cpu_count() or 1),
    use_ray: Annotated[
        bool,
        typer.Option(
            "--ray",
            help="Run the workers on Ray (RAY_ADDRESS's cluster, else a local one with "
            "--jobs CPUs); same output. Needs the `ray` extra.",
        ),
    ] = False,
) -> None:
    """Extract graph records (JSON Lines) from policy documents; no Neo4j needed.

    Bad files (empty, binary, undecodable, too large) get one line each on stderr; the
    good files still produce their records, and the exit code is 2 when any failed.
    """
    from rich.progress import Progress

    from ingest.batch import expand, extract_paths

    files, _ = expand(paths)
    with Progress(console=err, transient=True, disable=len(files) < 2) as progress:
        bar = progress.add_task("Extracting", total=len(files))
        run = extract_paths(
            paths,
            lexicon(),
            max_bytes=int(max_mb * 1_048_576),
            on_document=lambda _path: progress.advance(bar),
            jobs=jobs,
            ray=use_ray,
        )
        sink = output.open("w", encoding="utf-8") if output else sys.stdout
        count = n_docs = 0
        try:
            for _src, records in run.documents():
                n_docs += 1
                for record in records:
                    sink.write(record.model_dump_json() + "\n")
                    count += 1
        finally:
            if output:
                sink.close()
    failures = run.failures
    for f in failures:
        err.print(f"[red]skipped[/red] {f.path}: {f.reason}")
    err.print(f"{count} records from {n_docs} documents; {len(failures)} failed")
    if failures:
        raise typer.Exit(2)


@app.command("eval")
@user_errors
def eval_(
    records: Annotated[Path, typer.Argument(help="JSON Lines from `kg extract`.")],
    gold: Annotated[list[Path], typer.Argument(help="Gold JSON files (docs/gold-format.md).")],
    show_errors: Annotated[bool, typer.Option(help="List misses and false positives.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Precision, recall and F1 per entity type, and for lead/assist roles."""
    import json

    from rich.table import Table

    from ingest.evaluate import Score, entity_total, evaluate, load_gold, load_records, report

    for path in [records, *gold]:
        if not path.is_file():
            raise KgError(f"{path}: no such file")
    try:
        recs = load_records(records)
        golds = [doc for path in gold for doc in load_gold(path)]
    except (json.JSONDecodeError, KeyError) as exc:
        raise KgError(f"could not read the records or the gold files: {exc}") from exc
    scores = evaluate(recs, golds)
    total = entity_total(scores)
    rows = [
        *report(scores),
        ("entities (all)", total.tp, total.fp, total.fn, total.precision, total.recall, total.f1),
    ]
    per_doc = []
    for gold_doc in golds:
        doc_scores = evaluate(recs, [gold_doc])
        ents, roles = entity_total(doc_scores), doc_scores.get("roles", Score())
        per_doc.append((Path(gold_doc["document"]).stem, ents, roles))
    if as_json:
        out.print_json(
            data=[
                dict(zip(("type", "tp", "fp", "fn", "precision", "recall", "f1"), r, strict=True))
                for r in rows
            ]
        )
        return
    if len(per_doc) > 1:
        docs = Table("document", "entities P", "R", "F1", "roles P", "R", "gold roles")
        for name, ents, roles in per_doc:
            docs.add_row(
                name[:40],
                f"{ents.precision:.3f}",
                f"{ents.recall:.3f}",
                f"{ents.f1:.3f}",
                f"{roles.precision:.3f}",
                f"{roles.recall:.3f}",
                str(roles.tp + roles.fn),
            )
        out.print(docs)
    table = Table("type", "tp", "fp", "fn", "precision", "recall", "F1")
    for name, tp, fp, fn, p, r, f in rows:
        table.add_row(name, str(tp), str(fp), str(fn), f"{p:.3f}", f"{r:.3f}", f"{f:.3f}")
    out.print(table)
    if show_errors:
        for sc in scores.values():
            for item in sc.misses:
                out.print(f"miss  {item}")
            for item in sc.false_positives:
                out.print(f"extra {item}")


def _driver_errors(s: Settings) -> Callable[[Exception], KgError]:
    from graph.connection import unreachable_message

    return lambda exc: KgError(f"{unreachable_message(s)} ({type(exc).__name__})")


@app.command("schema")
@user_errors
def schema() -> None:
    """Create the constraints and indexes (idempotent; `kg load` does it too)."""
    from graph.connection import connected_driver
    from graph.load import create_schema

    s = settings()
    with connected_driver(s) as driver:
        n = create_schema(driver, s.neo4j_database)
    out.print(f"schema ready: {n} constraints and indexes")


@app.command("load")
@user_errors
def load(
    paths: Annotated[
        list[Path], typer.Argument(help="Documents, directories, or JSON Lines from `kg extract`.")
    ],
    force: Annotated[
        bool, typer.Option(help="Rewrite documents whose records are unchanged.")
    ] = False,
    max_mb: Annotated[float, typer.Option(help="Refuse documents larger than this (MiB).")] = 20,
) -> None:
    """Load documents (extracting them) or `kg extract` JSON Lines into Neo4j.

    One transaction per document: a failure leaves the graph as it was before that
    document and the others still load; re-loading an unchanged document changes nothing;
    a changed document replaces what it said before. Exit code 2 when any document failed.
    """
    from neo4j.exceptions import DriverError
    from rich.progress import Progress, TaskID

    from graph.connection import connected_driver
    from graph.load import (
        DocumentBatch,
        check_model,
        create_schema,
        group_records,
        load_batches,
        read_jsonl,
    )
    from ingest.batch import expand, extract_paths

    s = settings()
    jsonl = [p for p in paths if p.suffix == ".jsonl"]
    docs = [p for p in paths if p.suffix != ".jsonl"]
    for p in jsonl:
        if not p.is_file():
            raise KgError(f"{p}: no such file")

    def batches(read_failures: list[tuple[str, str]]) -> Iterator[DocumentBatch]:
        """One document at a time: JSON Lines groups, then extracted documents."""
        for p in jsonl:
            with p.open(encoding="utf-8") as fh:
                yield from group_records(read_jsonl(str(p), fh), str(p))
        if docs:
            run = extract_paths(docs, lexicon(), max_bytes=int(max_mb * 1_048_576))
            for _src, records in run.documents():
                yield from group_records(records)
            read_failures += [(f.path, f.reason) for f in run.failures]

    read_failures: list[tuple[str, str]] = []
    total = len(expand(docs)[0]) if docs and not jsonl else None
    committed: list[str] = []

    def advance(batch: DocumentBatch, state: str, bar: TaskID, progress: Progress) -> None:
        progress.advance(bar)
        if state == "loaded":
            committed.append(batch.doc)

    with connected_driver(s) as driver:
        try:
            create_schema(driver, s.neo4j_database)
            check_model(driver, s.neo4j_database)
            with Progress(console=err, transient=True) as progress:
                bar = progress.add_task("Extracting and loading", total=total)
                summary = load_batches(
                    driver,
                    s.neo4j_database,
                    batches(read_failures),
                    force=force,
                    on_document=lambda b, state: advance(b, state, bar, progress),
                )
        except DriverError as exc:
            raise KgError(
                f"{_driver_errors(s)(exc)}; {len(committed)} document(s) were committed before "
                "that, each whole (those being written as it went may have been too); run the "
                "same `kg load` again to load the rest (committed documents are skipped as "
                "unchanged)"
            ) from exc
    for path, reason in read_failures:
        err.print(f"[red]skipped[/red] {path}: {reason}")
    for doc, reason in summary.failed:
        err.print(f"[red]failed[/red] {doc}: {reason} (the graph is as it was before it)")
    out.print(
        f"loaded {summary.documents} documents ({summary.unchanged} unchanged, "
        f"{len(summary.failed) + len(read_failures)} failed): {summary.nodes} nodes, "
        f"{summary.relationships} relationships written in {summary.seconds:.1f} s"
    )
    if summary.failed or read_failures:
        raise typer.Exit(2)


@app.command("export")
@user_errors
def export(
    paths: Annotated[
        list[Path], typer.Argument(help="Documents, directories, or JSON Lines from `kg extract`.")
    ],
    csv_dir: Annotated[Path, typer.Option("--csv", help="Directory for the CSV files (created).")],
) -> None:
    """Write node and relationship CSV files for `neo4j-admin database import full`.

    For first loads of corpora too big for transactional loading; import them into a
    stopped server with `kg neo4j import-csv DIR`.
    """
    from graph.export import export_csv
    from graph.load import DocumentBatch, group_records, read_jsonl
    from ingest.batch import extract_paths

    jsonl = [p for p in paths if p.suffix == ".jsonl"]
    docs = [p for p in paths if p.suffix != ".jsonl"]
    for p in jsonl:
        if not p.is_file():
            raise KgError(f"{p}: no such file")
    run = extract_paths(docs, lexicon())

    def batches() -> Iterator[DocumentBatch]:
        """One document at a time; the exporter keeps only the merged graph."""
        for p in jsonl:
            with p.open(encoding="utf-8") as fh:
                yield from group_records(read_jsonl(str(p), fh), str(p))
        if docs:
            for _src, records in run.documents():
                yield from group_records(records)

    summary = export_csv(batches(), csv_dir)
    for f in run.failures:
        err.print(f"[red]skipped[/red] {f.path}: {f.reason}")
    out.print(
        f"wrote {summary.nodes} nodes in {len(summary.node_files)} files and "
        f"{summary.relationships} relationships in {len(summary.relationship_files)} files "
        f"to {csv_dir}; import with `kg neo4j stop && kg neo4j import-csv {csv_dir}`"
    )


@neo4j_app.command("import-csv")
@user_errors
def neo4j_import_csv(
    directory: Annotated[Path, typer.Argument(help="Directory written by `kg export --csv`.")],
) -> None:
    """Replace the managed server's database with `kg export --csv` files (server stopped)."""
    from graph import server

    s = settings()
    server.import_csv(s, directory, s.neo4j_database)
    out.print(f"imported {directory} into database {s.neo4j_database}; start with `kg neo4j start`")


@app.command("queries")
def queries_(
    markdown: Annotated[bool, typer.Option(help="Print the README's Markdown table.")] = False,
) -> None:
    """List the curated queries with their parameters and columns."""
    from rich.table import Table

    from queries.registry import catalogue, markdown_table

    if markdown:
        sys.stdout.write(markdown_table() + "\n")
        return
    table = Table("name", "params", "columns", "description")
    for q in catalogue().values():
        params = ", ".join(f"{p.name}{'*' if p.required else ''}" for p in q.params)
        table.add_row(q.name, params or "—", ", ".join(q.columns), q.description)
    out.print(table)


@app.command("query")
@user_errors
def query(
    name: Annotated[str, typer.Argument(help="A curated query (see `kg queries`).")],
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="A parameter as key=value.")
    ] = None,
    limit: Annotated[int, typer.Option(help="Rows per page.")] = 100,
    offset: Annotated[int, typer.Option(help="Rows to skip.")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print CSV.")] = False,
) -> None:
    """Run a curated query (read-only) and print a table, JSON or CSV."""
    import json

    from neo4j.exceptions import DriverError

    from graph.connection import connected_driver
    from queries import registry
    from queries.formats import cell, to_csv

    raw: dict[str, str] = {}
    for item in param or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise KgError(f"--param {item!r}: write it as key=value")
        raw[key.strip()] = value
    s = settings()
    try:
        q = registry.get(name)
        with connected_driver(s) as driver:
            params, rows = registry.run(
                driver,
                s.neo4j_database,
                q,
                raw,
                limit=limit,
                offset=offset,
                timeout=s.query_timeout,
                max_rows=s.max_rows,
            )
    except registry.QueryError as exc:
        raise KgError(str(exc)) from exc
    except registry.QueryTimeout as exc:
        raise KgError(f"{exc}; raise KG_QUERY_TIMEOUT or narrow the parameters") from exc
    except DriverError as exc:
        raise _driver_errors(s)(exc) from exc
    if as_json:
        doc = {
            "query": name,
            "params": params,
            "columns": list(q.columns),
            "rows": rows,
            "count": len(rows),
        }
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
    elif as_csv:
        sys.stdout.write(to_csv(q.columns, rows).removeprefix("\ufeff"))
    else:
        from rich.table import Table

        table = Table(*q.columns)
        for row in rows:
            table.add_row(*[cell(row.get(c))[:120] for c in q.columns])
        out.print(table)
        out.print(f"{len(rows)} rows")


@app.command("serve")
@user_errors
def serve(
    host: Annotated[str | None, typer.Option(help="Bind address (default KG_API_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default KG_API_PORT).")] = None,
) -> None:
    """Serve the read-only HTTP API (and its interactive docs at /docs)."""
    import uvicorn

    from api.main import create_app
    from graph.server import port_in_use

    s = settings()
    host = host or s.api_host
    port = port or s.api_port
    if host in ("127.0.0.1", "localhost") and port_in_use(port, "127.0.0.1"):
        raise KgError(
            f"port {port} on {host} is already in use: stop that process or set KG_API_PORT"
        )
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    api = f"http://{shown}:{port}"
    out.print(f"API:           {api}/  (interactive docs: {api}/docs)")
    out.print(f"Partner desk:  {api}/desk")
    out.print(
        f"Neo4j Browser: {s.browser_url}  (user {s.neo4j_user}, password from "
        "NEO4J_PASSWORD; the guide opens on connect)"
    )
    out.print("Ctrl-C stops the API; `kg neo4j stop` stops Neo4j.")
    uvicorn.run(create_app(s), host=host, port=port, log_level="warning")


@app.command("stats")
@user_errors
def stats_(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Counts per node label and relationship type."""
    import json

    from graph.connection import connected_driver
    from graph.load import stats

    s = settings()
    with connected_driver(s) as driver:
        counts = stats(driver, s.neo4j_database)
    if as_json:
        sys.stdout.write(json.dumps(counts, ensure_ascii=False, sort_keys=True) + "\n")
        return
    from rich.table import Table

    for title, data in (("label", counts["labels"]), ("relationship", counts["relationships"])):
        table = Table(title, "count")
        for key, value in sorted(data.items()):
            table.add_row(key, str(value))
        out.print(table)


@app.command("reset")
@user_errors
def reset_(
    yes: Annotated[bool, typer.Option("--yes", help="Really delete everything.")] = False,
) -> None:
    """Delete every node and relationship (constraints and indexes stay). Needs --yes."""
    if not yes:
        raise KgError("kg reset deletes the whole graph: run `kg reset --yes` to confirm")
    from graph.connection import connected_driver
    from graph.load import reset

    s = settings()
    with connected_driver(s) as driver:
        reset(driver, s.neo4j_database)
    out.print("graph reset: 0 nodes, 0 relationships")


if __name__ == "__main__":
    app()
