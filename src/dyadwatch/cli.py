"""The ``dyadwatch`` command line: each command calls one library function.

Heavy libraries (spaCy, trafilatura, DuckDB) are imported inside the commands, so that
``dyadwatch --help`` stays fast. Logs and progress go to stderr; data goes to stdout.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from dyadwatch.run.local import ProgressFactory, RunStats
    from dyadwatch.store import Store

app = typer.Typer(
    help="Turn news articles into an evidence-linked picture of relations between countries.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)

DbOption = Annotated[
    Path,
    typer.Option("--db", help="DuckDB file the run reads and writes.", dir_okay=False),
]
DEFAULT_DB = Path("dyadwatch.duckdb")
RereadOption = Annotated[
    bool,
    typer.Option(
        "--reread", help="Read every file again, even those this store has read unchanged."
    ),
]


def _err(message: str) -> None:
    typer.echo(message, err=True)


@contextmanager
def _errors_to_exit() -> Iterator[None]:
    """Library errors become a one-line message and exit status 1."""
    from dyadwatch.errors import DyadwatchError

    try:
        yield
    except DyadwatchError as exc:
        _err(f"error: {exc}")
        raise typer.Exit(1) from None


def _interrupted(exc: BaseException) -> bool:
    """Whether ``exc`` is what Ctrl-C raised: KeyboardInterrupt, or DuckDB's error when the
    signal arrived while a query ran (DuckDB interrupts the query and raises its own)."""
    import duckdb

    if isinstance(exc, KeyboardInterrupt | duckdb.InterruptException):
        return True
    return isinstance(exc, RuntimeError) and "interrupted" in str(exc).lower()


@contextmanager
def _interruptible(db: Path) -> Iterator[None]:
    """Ctrl-C ends a run with a message: the write in progress is rolled back, what was
    written before stays, and running the same command again finishes the work."""
    try:
        yield
    except BaseException as exc:
        if not _interrupted(exc):
            raise
        _err(
            f"interrupted: {db} keeps what was stored before; run the same command again"
            " to finish (nothing is read or counted twice)"
        )
        raise typer.Exit(130) from None


@contextmanager
def _progress() -> Iterator[ProgressFactory]:
    """A rich progress bar on stderr (silent when stderr is not a terminal)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    console = Console(stderr=True)
    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as bar:

        def factory(description: str, total: int | None) -> Callable[[int], None]:
            task = bar.add_task(description, total=total)
            return lambda n: bar.advance(task, n)

        yield factory


def _open(db: Path, *, read_only: bool = False) -> Store:
    from dyadwatch.store import Store

    return Store(db, read_only=read_only)


def _print_stats(stats: RunStats, db: Path) -> None:
    if stats.unchanged:
        _err(
            f"{stats.unchanged} files unchanged since this store read them, not read again"
            " (--reread reads them)"
        )
    _err(f"{stats.ingested} ingested, {stats.rejected} rejected (dyadwatch rejects --db {db})")
    if stats.duplicates:
        _err(f"{stats.duplicates} already stored (same content), not stored again")
    for reason, n in stats.reject_reasons.most_common():
        _err(f"  rejected {n:>4}  {reason}")


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, directories or globs to read.")],
    db: DbOption = DEFAULT_DB,
    processes: Annotated[
        int | None,
        typer.Option(
            help="Cleaning worker processes [default: one per core; a run of a few hundred"
            " articles uses one].",
            min=1,
            show_default=False,
        ),
    ] = None,
    reread: RereadOption = False,
) -> None:
    """Read and clean articles (text, HTML, JSONL, WARC, RSS/Atom) into the store. A file
    the store has read before, unchanged since, is skipped."""
    import os

    from dyadwatch.config import Config
    from dyadwatch.run.local import ingest_only

    n = processes or os.cpu_count() or 1
    with _errors_to_exit(), _interruptible(db), _open(db) as store, _progress() as progress:
        stats = ingest_only(paths, store, Config(n_process=n, reread=reread), progress)
    _print_stats(stats, db)


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(help="Files, directories or globs to read.")],
    db: DbOption = DEFAULT_DB,
    processes: Annotated[
        int | None,
        typer.Option(
            help="Worker processes for cleaning and extraction [default: one per core; a"
            " run of a few documents uses one].",
            min=1,
            show_default=False,
        ),
    ] = None,
    runner: Annotated[
        str,
        typer.Option(help="local, or ray: extraction as Ray tasks (pip install 'dyadwatch[ray]')."),
    ] = "local",
    ray_address: Annotated[
        str | None,
        typer.Option(
            help="Ray cluster to use [default: a local Ray instance].", show_default=False
        ),
    ] = None,
    partitions: Annotated[
        Path | None,
        typer.Option(
            help="Folder for the Ray tasks' Parquet partitions; on a cluster, one every node"
            " reaches [default: a temporary folder].",
            show_default=False,
        ),
    ] = None,
    reread: RereadOption = False,
) -> None:
    """Run every stage in order (ingest, clean, reuse, extract, fuse); re-running is
    idempotent, and reads only files that are new or changed."""
    import os

    from dyadwatch.config import Config
    from dyadwatch.run.local import analyze as run_analyze

    n = processes or os.cpu_count() or 1
    cfg = Config(n_process=n, reread=reread)
    if runner not in ("local", "ray"):
        _err(f"error: unknown runner {runner!r}; use local or ray")
        raise typer.Exit(2)
    with _errors_to_exit(), _interruptible(db), _open(db) as store, _progress() as progress:
        if runner == "ray":
            from dyadwatch.run.ray import analyze as ray_analyze

            stats = ray_analyze(
                paths, store, cfg, progress, address=ray_address,
                partitions=partitions,
            )  # fmt: skip
        else:
            stats = run_analyze(paths, store, cfg, progress)
    _print_stats(stats, db)
    _err(
        f"extract: {stats.analysed} documents analysed, {stats.mentions} actor mentions,"
        f" {stats.events} events; {stats.fused_events} fused events"
    )
    if stats.sport:
        _err(
            f"{stats.sport} stories read as sport: no events coded in them"
            " (their teams are not states; table sport_stories)"
        )
    if stats.other_language:
        _err(
            f"{stats.other_language} documents in other languages than English are stored"
            " but set aside from extraction (dyadwatch summary lists them)"
        )


@app.command()
def watch(
    paths: Annotated[list[str], typer.Argument(help="Folders, feed files or globs to follow.")],
    db: DbOption = DEFAULT_DB,
    interval: Annotated[float, typer.Option(help="Seconds between looks.", min=0.1)] = 10.0,
    on_alert: Annotated[
        str | None,
        typer.Option(help="Command run for each alert, the alert as JSON on its stdin."),
    ] = None,
    index_shift: Annotated[
        float, typer.Option(help="Index change (Goldstein points) that raises an alert.", min=0)
    ] = 2.0,
    once: Annotated[bool, typer.Option("--once", help="Look once, then stop.")] = False,
    processes: Annotated[
        int | None,
        typer.Option(help="Extraction worker processes [default: one per core].", min=1),
    ] = None,
) -> None:
    """Follow folders and feed files: analyse new or changed files as they arrive, record
    alerts (new contradiction, index shift, new irritant, first event of a category for a
    dyad) in the 'alerts' table and print them. Ctrl-C stops; a restart goes on where it
    stopped, without reading a file twice or losing one."""
    try:
        _watch(paths, db, interval, on_alert, index_shift, once, processes)
    except BaseException as exc:
        if not _interrupted(exc):
            raise
        _err("dyadwatch: stopped; files not finished are read again on the next start")


def _watch(
    paths: list[str],
    db: Path,
    interval: float,
    on_alert: str | None,
    index_shift: float,
    once: bool,
    processes: int | None,
) -> None:
    import os
    import subprocess

    from dyadwatch.config import Config
    from dyadwatch.run.watch import Cycle
    from dyadwatch.run.watch import watch as follow

    def report_cycle(cycle: Cycle) -> None:
        if not cycle.files:
            return
        stats = cycle.stats
        new = stats.ingested if stats else 0
        _err(
            f"read {len(cycle.files)} new or changed files: {new} new documents,"
            f" {stats.rejected if stats else 0} rejected, {len(cycle.alerts)} alerts"
        )
        for alert in cycle.alerts:
            typer.echo(f"ALERT {alert.kind}: {alert.message}")
            if on_alert:
                done = subprocess.run(
                    on_alert, shell=True, input=alert.as_json() + "\n", text=True, timeout=120
                )
                if done.returncode != 0:
                    _err(f"--on-alert command exited with status {done.returncode}")

    cfg = Config(n_process=processes or os.cpu_count() or 1)
    _err(f"dyadwatch: watching {', '.join(paths)} into {db} every {interval:g} s; Ctrl-C stops")
    with _errors_to_exit():
        follow(db, paths, cfg, interval=interval, shift=index_shift, report=report_cycle,
               once=once)  # fmt: skip


@app.command()
def report(
    country_a: Annotated[str, typer.Argument(help="ISO alpha-3 code or name, e.g. PAK.")],
    country_b: Annotated[str, typer.Argument(help="ISO alpha-3 code or name, e.g. Russia.")],
    db: DbOption = DEFAULT_DB,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            help="html (one file), md (with a <name>_files/ folder of PNG charts)"
            " or png (the charts alone, into the folder -o names).",
        ),
    ] = "html",
    out: Annotated[
        Path | None, typer.Option("-o", "--output", help="File (or png folder) to write.")
    ] = None,
    vs: Annotated[
        tuple[str, str] | None,
        typer.Option(
            "--vs", help="Compare with another dyad, e.g. --vs PAK IND.", show_default=False
        ),
    ] = None,
) -> None:
    """Write the dossier of one dyad: summary, chronology, index, figures, irritants, actors,
    sources and their lineage, every statement linked to its quote."""
    from dyadwatch.report import build_comparison, build_dossier, write_report

    with _errors_to_exit():
        a, b = _country(country_a), _country(country_b)
        if fmt not in ("html", "md", "png"):
            _err(f"error: unknown format {fmt!r}; use html, md or png")
            raise typer.Exit(2)
        with _open(db, read_only=True) as store:
            dossier = build_dossier(store, a, b)
            if vs is not None:
                other = build_dossier(store, _country(vs[0]), _country(vs[1]))
                dossier.vs = build_comparison(dossier, other)
        suffix = "" if fmt == "png" else f".{fmt}"
        written = write_report(dossier, fmt, out or Path(f"dyadwatch-{dossier.dyad}{suffix}"))
    entries = len(dossier.chronology.entries)
    _err(f"wrote {', '.join(str(p) for p in written) or 'nothing (no chart to draw)'}")
    _err(
        f"{entries} chronology entries, {len(dossier.quotes)} quotes"
        f" from {len(dossier.sources)} sources"
    )


@app.command()
def dyads(
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int, typer.Option(help="How many dyads to list.", min=1)] = 30,
) -> None:
    """List the dyads of the store ranked by activity: fused events, event mentions,
    sentences, documents, independent sources and the latest index."""
    from dyadwatch.report import dyad_overview, overview_text

    with _errors_to_exit(), _open(db, read_only=True) as store:
        typer.echo(overview_text(dyad_overview(store, limit)))


@app.command()
def reuse(
    db: DbOption = DEFAULT_DB,
    passages: Annotated[
        bool, typer.Option("--passages/--no-passages", help="Show aligned passages.")
    ] = True,
) -> None:
    """Show near-duplicates, who copied whom, and reused passages side by side."""
    from dyadwatch.report.reuse_view import reuse_listing

    with _errors_to_exit(), _open(db, read_only=True) as store:
        typer.echo(reuse_listing(store, passages))


@app.command()
def export(
    table: Annotated[str, typer.Argument(help="Table to export, e.g. documents, mentions.")],
    db: DbOption = DEFAULT_DB,
    fmt: Annotated[str, typer.Option("--format", help="jsonl, csv or parquet.")] = "jsonl",
    out: Annotated[
        Path | None, typer.Option("-o", "--output", help="File to write; stdout when absent.")
    ] = None,
) -> None:
    """Write a table as JSONL, CSV or Parquet (stdout unless -o)."""
    with _errors_to_exit(), _open(db, read_only=True) as store:
        store.export(table, fmt, str(out) if out else None)


@app.command()
def rejects(db: DbOption = DEFAULT_DB) -> None:
    """List the inputs that were rejected, with file, line and reason."""
    with _errors_to_exit(), _open(db, read_only=True) as store:
        rows = store.query("SELECT path, line, stage, reason FROM rejects ORDER BY path, line")
    if not rows:
        _err("no rejected inputs")
        return
    for r in rows:
        where = f"{r['path']}:{r['line']}" if r["line"] is not None else r["path"]
        typer.echo(f"{where}\t{r['stage']}\t{r['reason']}")


@app.command()
def summary(db: DbOption = DEFAULT_DB) -> None:
    """Print what the store holds: documents, rejects, actors and the busiest dyads."""
    from dyadwatch.report import store_summary

    with _errors_to_exit(), _open(db, read_only=True) as store:
        typer.echo(store_summary(store))


def _json(data: object) -> None:
    import json

    typer.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


@app.command()
def dyad(
    country_a: Annotated[str, typer.Argument(help="ISO alpha-3 code or name, e.g. PAK.")],
    country_b: Annotated[str, typer.Argument(help="ISO alpha-3 code or name, e.g. RUS.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Print a dyad's summary as JSON: counts, date span, categories, latest index."""
    from dyadwatch.report import browse

    with _errors_to_exit(), _open(db, read_only=True) as store:
        key = browse.resolve_dyad(f"{_country(country_a)}-{_country(country_b)}")
        _json(browse.dyad_summary(store, key))


@app.command()
def events(
    country_a: Annotated[str, typer.Argument(help="ISO alpha-3 code or name, e.g. PAK.")],
    country_b: Annotated[str, typer.Argument(help="ISO alpha-3 code or name, e.g. RUS.")],
    db: DbOption = DEFAULT_DB,
    since: Annotated[str | None, typer.Option(help="First date: 1987, 1987-03 …")] = None,
    until: Annotated[str | None, typer.Option(help="Last date, included.")] = None,
    category: Annotated[str | None, typer.Option(help="PLOVER category.")] = None,
    domain: Annotated[str | None, typer.Option(help="Event domain.")] = None,
    min_sources: Annotated[int, typer.Option(help="Fewest independent sources.", min=0)] = 0,
    limit: Annotated[int, typer.Option(help="Events per page.", min=1)] = 50,
    cursor: Annotated[str | None, typer.Option(help="next_cursor of the page before.")] = None,
) -> None:
    """Print one page of a dyad's fused events as JSON, filtered, with the next cursor."""
    from dyadwatch.report import browse

    with _errors_to_exit(), _open(db, read_only=True) as store:
        key = browse.resolve_dyad(f"{_country(country_a)}-{_country(country_b)}")
        page = browse.fused_events(
            store, key, since=since, until=until, category=category, domain=domain,
            min_sources=min_sources, cursor=cursor, limit=limit,
        )  # fmt: skip
        _json(page)


@app.command()
def event(
    fused_id: Annotated[str, typer.Argument(help="A fused event id (see 'dyadwatch events').")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Print one fused event with its evidence (document, span, quote, lineage) as JSON."""
    from dyadwatch.report import browse

    with _errors_to_exit(), _open(db, read_only=True) as store:
        _json(browse.event_detail(store, fused_id))


@app.command()
def document(
    doc_id: Annotated[str, typer.Argument(help="A document id.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Print a document as JSON: text, actor, event and figure spans, removed lines."""
    from dyadwatch.report import browse

    with _errors_to_exit(), _open(db, read_only=True) as store:
        _json(browse.document(store, doc_id))


@app.command()
def search(
    query: Annotated[str, typer.Argument(help='Words (all must appear) or "a phrase".')],
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int, typer.Option(help="How many hits.", min=1)] = 20,
    offset: Annotated[int, typer.Option(help="Hits to skip.", min=0)] = 0,
) -> None:
    """Full-text search over the stored documents, best first."""
    from dyadwatch.report import browse

    with _errors_to_exit(), _open(db, read_only=True) as store:
        found = browse.search(store, query, limit=limit, offset=offset)
    _err(f"{found['total']} documents match")
    for h in found["hits"]:
        where = f"{h['start']}-{h['end']}" if h["phrase"] else "-"
        text = " ".join((h["before"] + h["match"] + h["after"]).split())
        typer.echo(f"{h['doc_id']}\t{where}\t{h['title'] or h['path']}\t{text}")


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    port: Annotated[int, typer.Option(help="TCP port.", min=1, max=65535)] = 8000,
    host: Annotated[
        str, typer.Option(help="Address to bind; give another than loopback only on purpose.")
    ] = "127.0.0.1",
    workers: Annotated[
        int,
        typer.Option(
            help="Server processes. Each keeps its own answers, so one (with dyad pages"
            " drawn in child processes on the other cores) answers most from memory.",
            min=1,
        ),
    ] = 1,
    poll: Annotated[
        float, typer.Option(help="Seconds between checks for new data in the store.", min=0.1)
    ] = 1.0,
) -> None:
    """Serve the store in a browser: dashboard at /, read-only JSON API under /api, its
    docs at /docs. Keeps answering while 'dyadwatch analyze' adds to the store, and shows
    the new data once that run ends. Ctrl-C stops it."""
    import os

    import uvicorn

    from dyadwatch.errors import StoreError
    from dyadwatch.report.evidence import plural

    with _errors_to_exit():
        if not db.exists():
            raise StoreError(f"no database at {db}: run 'dyadwatch analyze PATH --db {db}' first")
    n = workers
    shown = f"[{host}]" if ":" in host else host
    _err(
        f"dyadwatch: serving {db} at http://{shown}:{port}/ (API docs at /docs)"
        f" with {plural(n, 'process', 'processes')}; Ctrl-C stops"
    )
    os.environ["DYADWATCH_SERVE_DB"] = str(db.resolve())
    os.environ["DYADWATCH_SERVE_POLL"] = str(poll)
    from dyadwatch.web.protocol import NoDelayH11Protocol

    uvicorn.run(
        "dyadwatch.web.app:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=n,
        http=NoDelayH11Protocol,
        log_level="warning",
    )
    _err("dyadwatch: stopped")


def _country(name: str) -> str:
    from dyadwatch.errors import UnknownCountry
    from dyadwatch.ontology import resolve_country

    code = resolve_country(name)
    if code is None:
        raise UnknownCountry(f"unknown country {name!r}: give an ISO alpha-3 code (PAK) or a name")
    return code


def main() -> None:  # pragma: no cover - entry point
    app(sys.argv[1:])
