"""The web server under load: many clients reading one big store through ``dyadwatch serve``.

Starts ``dyadwatch serve --db DB`` on a free loopback port as a child process and waits for
``/healthz``. A discovery phase (not timed) reads the busiest dyads, the first page of their
events, the detail of some of those events (for document ids and quotes) and picks search
phrases from the quotes, so that the requests spread over real data. Then ``--clients``
threads, each with its own ``httpx.Client`` (keep-alive), start together and each makes
``--requests`` requests, drawn from a fixed mix of routes:

* JSON API: dyad list, dyad summary, cooperation index, events (plain, filtered by category
  or by number of sources, and the second page through ``next_cursor``), event detail,
  figures, irritants, sources, document and full-text search;
* dashboard pages: ``/``, ``/doc/{id}``, ``/search?q=`` and, at a low share, the dyad page
  ``/dyad/{dyad}``, which builds a whole dossier (seconds for a big dyad, in a child process
  of the server; a built page is kept for the snapshot's life) and is reported on its own.
  ``--no-dyad-pages`` leaves it out.

The mix is shuffled with a fixed seed, so two runs send the same requests in the same order.
A request counts as an error when its status is not 200 or it raises. Latency is measured on
the client, from sending the request to having read the whole body. Client and server share
the machine, and the client's threads share one interpreter (GIL), so the figures include
client-side queueing; the client's and the server's CPU seconds are reported beside them.

Prints a Markdown table and writes it to ``--out`` (benchmarks/results/web_load.md). Exits 1
if any request failed, 2 if the server could not be started.

    python benchmarks/web_load.py --db /tmp/big/big.duckdb [--clients 50] [--requests 40]
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import math
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "web_load.md"
SEED = 20240601
#: Dyads, events per dyad (detail read) and search phrases the discovery phase collects.
DYADS, DETAILS_PER_DYAD, PHRASES = 30, 6, 20
DYAD_PAGE = "page /dyad/{dyad}"

#: Share of each route in the mix (per hundred requests).
MIX: dict[str, int] = {
    "GET /api/dyads?limit=N": 5,
    "GET /api/dyads/{dyad}": 11,
    "GET /api/dyads/{dyad}/index": 6,
    "GET /api/dyads/{dyad}/events": 14,
    "GET /api/events/{fused_id}": 14,
    "GET /api/dyads/{dyad}/figures": 6,
    "GET /api/dyads/{dyad}/irritants": 6,
    "GET /api/dyads/{dyad}/sources": 6,
    "GET /api/documents/{doc_id}": 12,
    "GET /api/search?q=": 10,
    "page /": 2,
    "page /doc/{doc_id}": 3,
    "page /search?q=": 3,
    DYAD_PAGE: 2,
}

#: Words that make a poor search phrase (shorter words are skipped anyway).
STOPWORDS = frozenset({
    "that", "with", "from", "this", "have", "were", "will", "would", "said", "says", "into",
    "about", "after", "over", "under", "their", "there", "they", "them", "than", "then", "also",
    "been", "being", "which", "while", "when", "what", "where", "whom", "more", "most", "some",
    "such", "only", "other", "could", "should", "three", "year", "years", "last", "week",
    "told", "today", "officials", "official",
})  # fmt: skip


@dataclass
class Data:
    """Real keys of the store, found before the timed phase."""

    dyads: list[str]
    events: list[str]
    docs: list[str]
    phrases: list[str]
    categories: dict[str, list[str]] = field(default_factory=dict)
    cursors: dict[str, str] = field(default_factory=dict)


@dataclass
class Sample:
    route: str
    ms: float
    status: int | None
    size: int
    error: str | None = None


# --- the server ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def start_server(
    db: Path, port: int, log: Any, timeout: float, workers: int | None = None
) -> subprocess.Popen[bytes]:
    """``dyadwatch serve`` on ``port``, once ``/healthz`` answers; raises if it does not."""
    exe = Path(sys.executable).with_name("dyadwatch")
    cmd = [str(exe), "serve", "--db", str(db), "--port", str(port)]
    cmd += ["--workers", str(workers)] if workers else []
    proc = subprocess.Popen(cmd, stdout=log, stderr=log)
    deadline = time.monotonic() + timeout
    with httpx.Client(trust_env=False, timeout=5) as client:
        while time.monotonic() < deadline:
            # A server that died (port taken, bad store) must not let another answer for it.
            if proc.poll() is not None:
                raise RuntimeError(f"dyadwatch serve exited with status {proc.returncode}")
            try:
                r = client.get(f"http://127.0.0.1:{port}/healthz")
                if r.status_code == 200 and r.text.startswith("ok"):
                    return proc
            except httpx.TransportError:
                pass
            time.sleep(0.25)
    stop_server(proc)
    raise RuntimeError(f"dyadwatch serve did not answer /healthz within {timeout:.0f} s")


def stop_server(proc: subprocess.Popen[bytes], grace: float = 15.0) -> None:
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds of a process and all its descendants (the server's worker
    and page-building processes), read from /proc (Linux); None where /proc is absent."""
    stats: dict[int, tuple[int, float]] = {}
    for entry in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = entry.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks = int(fields[11]) + int(fields[12]) + int(fields[13]) + int(fields[14])
        stats[int(entry.parent.name)] = (int(fields[1]), ticks / os.sysconf("SC_CLK_TCK"))
    if pid not in stats:
        return None
    family, grew = {pid}, True
    while grew:
        more = {p for p, (parent, _) in stats.items() if parent in family} - family
        family |= more
        grew = bool(more)
    return sum(stats[p][1] for p in family)


def store_counts(db: Path) -> dict[str, int]:
    """Documents and fused events of the store, read before the server starts."""
    try:
        from dyadwatch.store import Store
        from dyadwatch.store.queries import counts

        with Store(db, read_only=True) as store:
            return counts(store)
    except Exception as exc:
        print(f"could not count the store: {exc}", file=sys.stderr)
        return {}


# --- discovery (not timed) -------------------------------------------------------------------


def _phrases(quotes: list[str], n: int, rng: random.Random) -> list[str]:
    """``n`` two-word phrases of content words from the quotes; half of them quoted."""
    found: set[str] = set()
    for quote in quotes:
        words = re.findall(r"[A-Za-z]+", quote)
        for a, b in itertools.pairwise(words):
            if len(a) > 3 and len(b) > 3 and not {a.lower(), b.lower()} & STOPWORDS:
                found.add(f"{a.lower()} {b.lower()}")
    chosen = rng.sample(sorted(found), min(n, len(found)))
    return [f'"{p}"' if i % 2 else p for i, p in enumerate(chosen)]


def discover(client: httpx.Client) -> Data:
    rng = random.Random(SEED)

    def get(path: str, **params: Any) -> Any:
        r = client.get(path, params=params)
        r.raise_for_status()
        return r.json()

    dyads = [d["dyad"] for d in get("/api/dyads", limit=DYADS) if d["fused"]]
    data = Data(dyads=dyads, events=[], docs=[], phrases=[])
    quotes: list[str] = []
    for dyad in dyads:
        page = get(f"/api/dyads/{dyad}/events", limit=50)
        ids = [e["fused_id"] for e in page["events"]]
        data.events += ids
        data.categories[dyad] = sorted({e["plover"] for e in page["events"] if e["plover"]})
        if page["next_cursor"]:
            data.cursors[dyad] = page["next_cursor"]
        for fused_id in ids[:DETAILS_PER_DYAD]:
            for ev in get(f"/api/events/{fused_id}")["evidence"]:
                data.docs.append(ev["doc_id"])
                quotes.append(ev["quote"])
    data.docs = sorted(set(data.docs))
    data.phrases = _phrases(quotes, PHRASES, rng)
    if not (data.dyads and data.events and data.docs and data.phrases):
        raise RuntimeError("the store has too little data to exercise every route")
    return data


# --- the load --------------------------------------------------------------------------------


def request_for(route: str, i: int, data: Data) -> tuple[str, dict[str, Any]]:
    """The ``i``-th request of ``route``: a path and its query parameters."""
    dyad = data.dyads[i % len(data.dyads)]
    if route == "GET /api/dyads?limit=N":
        return "/api/dyads", {"limit": (10, 50, 200)[i % 3]}
    if route == "GET /api/dyads/{dyad}":
        return f"/api/dyads/{dyad}", {}
    if route == "GET /api/dyads/{dyad}/events":
        kind = i % 4
        if kind == 1 and data.categories.get(dyad):
            cats = data.categories[dyad]
            return f"/api/dyads/{dyad}/events", {"category": cats[i % len(cats)], "limit": 50}
        if kind == 2:
            return f"/api/dyads/{dyad}/events", {"min_sources": 2, "limit": 50}
        if kind == 3 and dyad in data.cursors:
            return f"/api/dyads/{dyad}/events", {"cursor": data.cursors[dyad], "limit": 50}
        return f"/api/dyads/{dyad}/events", {"limit": 50}
    if route == "GET /api/events/{fused_id}":
        return f"/api/events/{data.events[(i * 7) % len(data.events)]}", {}
    if route in ("GET /api/documents/{doc_id}", "page /doc/{doc_id}"):
        prefix = "/api/documents" if route.startswith("GET") else "/doc"
        return f"{prefix}/{data.docs[(i * 5) % len(data.docs)]}", {}
    if route in ("GET /api/search?q=", "page /search?q="):
        path = "/api/search" if route.startswith("GET") else "/search"
        return path, {"q": data.phrases[i % len(data.phrases)]}
    if route == "page /":
        return "/", {}
    if route == DYAD_PAGE:
        return f"/dyad/{dyad}", {}
    suffix = route.rsplit("/", 1)[1]  # index, figures, irritants, sources
    return f"/api/dyads/{dyad}/{suffix}", {}


def plan(
    clients: int, per_client: int, data: Data, mix: dict[str, int]
) -> list[list[tuple[str, str, dict[str, Any]]]]:
    """Each client's requests: the mix in exact proportions, shuffled with a fixed seed."""
    total = clients * per_client
    weight = sum(mix.values())
    counts = {r: math.floor(total * w / weight) for r, w in mix.items()}
    by_remainder = sorted(mix, key=lambda r: -(total * mix[r] / weight - counts[r]))
    for r in by_remainder[: total - sum(counts.values())]:
        counts[r] += 1
    routes = [r for r, n in counts.items() for _ in range(n)]
    random.Random(SEED).shuffle(routes)
    seen: Counter[str] = Counter()
    jobs: list[tuple[str, str, dict[str, Any]]] = []
    for route in routes:
        jobs.append((route, *request_for(route, seen[route], data)))
        seen[route] += 1
    return [jobs[c::clients] for c in range(clients)]


def run_load(
    base: str, work: list[list[tuple[str, str, dict[str, Any]]]], timeout: float
) -> tuple[list[Sample], float]:
    """Run every client's requests in its own thread; the samples and the wall seconds."""
    samples: list[Sample] = []
    lock = threading.Lock()
    barrier = threading.Barrier(len(work) + 1)

    def client(jobs: list[tuple[str, str, dict[str, Any]]]) -> None:
        mine: list[Sample] = []
        with httpx.Client(base_url=base, trust_env=False, timeout=timeout) as http:
            barrier.wait()
            for route, path, params in jobs:
                t0 = time.perf_counter()
                try:
                    r = http.get(path, params=params)
                    ms = (time.perf_counter() - t0) * 1000
                    error = None if r.status_code == 200 else f"{r.status_code} {path}"
                    mine.append(Sample(route, ms, r.status_code, len(r.content), error))
                except httpx.HTTPError as exc:
                    ms = (time.perf_counter() - t0) * 1000
                    mine.append(Sample(route, ms, None, 0, f"{type(exc).__name__} {path}"))
        with lock:
            samples.extend(mine)

    threads = [threading.Thread(target=client, args=(jobs,)) for jobs in work]
    for t in threads:
        t.start()
    barrier.wait()
    t0 = time.perf_counter()
    for t in threads:
        t.join()
    return samples, time.perf_counter() - t0


# --- the report ------------------------------------------------------------------------------


def pct(values: list[float], p: float) -> float:
    """The ``p``-th percentile, nearest rank."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def row(name: str, group: list[Sample]) -> str:
    ms = [s.ms for s in group]
    errors = sum(1 for s in group if s.error)
    kb = sum(s.size for s in group) / len(group) / 1024
    return (
        f"| {name} | {len(group):,} | {errors} | {pct(ms, 50):.0f} | {pct(ms, 95):.0f} | "
        f"{max(ms):.0f} | {kb:,.1f} |"
    )


def report(
    samples: list[Sample],
    wall: float,
    args: argparse.Namespace,
    counts: dict[str, int],
    cpu: dict[str, float | None],
    server_errors: list[str],
) -> str:
    by_route: dict[str, list[Sample]] = defaultdict(list)
    for s in samples:
        by_route[s.route].append(s)
    rows = [row(f"`{r}`", by_route[r]) for r in MIX if r != DYAD_PAGE and by_route[r]]
    light = [s for s in samples if s.route != DYAD_PAGE]
    docs = f"{counts['documents']:,} documents" if "documents" in counts else "documents unknown"
    fused = f", {counts['fused_events']:,} fused events" if "fused_events" in counts else ""
    errors = [s for s in samples if s.error]
    cpu_note = ", ".join(f"{k} {v:.0f} s" for k, v in cpu.items() if v is not None)
    lines = [
        "# Web server under load (`dyadwatch serve`)",
        "",
        f"Store: `{args.db.name}` ({docs}{fused}). {args.clients} clients × {args.requests} "
        f"requests = {len(samples):,} requests over loopback, one thread and one keep-alive "
        f"`httpx.Client` per client. Machine: {os.cpu_count()} cores, shared by client and "
        f"server. {dt.date.today().isoformat()}."
        + ("" if args.dyad_pages else " The dyad page is left out of this run's mix."),
        "",
        f"Wall time {wall:.1f} s, **{len(samples) / wall:.1f} requests/s** overall "
        f"({len(light) / wall:.1f}/s excluding the dyad page); errors: **{len(errors)}**. "
        f"CPU seconds during the load: {cpu_note or 'not measured'}.",
        "",
        "| route | requests | errors | p50 ms | p95 ms | max ms | mean KB |",
        "|---|---:|---:|---:|---:|---:|---:|",
        *rows,
        row("**all but the dyad page**", light),
        "",
        "The dyad page builds a whole dossier in a child process of the server, one build at "
        "a time; a built page is kept while its snapshot is served, so only the first "
        "requests for a dyad wait, behind the builds queued before theirs:",
        "",
        "| route | requests | errors | p50 ms | p95 ms | max ms | mean KB |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    if by_route[DYAD_PAGE]:
        lines.append(row(f"`{DYAD_PAGE}`", by_route[DYAD_PAGE]))
    lines.append(row("**all**", samples))
    if errors:
        kinds = Counter(s.error.split(" ", 1)[0] for s in errors if s.error)
        lines += ["", "Errors: " + ", ".join(f"{k} ×{n}" for k, n in kinds.most_common())]
        lines += [f"- {s.route}: {s.error}" for s in errors[:10]]
    if server_errors:
        lines += ["", "Server log (errors, first lines):", "", "```", *server_errors[:20], "```"]
    return "\n".join(lines)


def server_log_errors(text: str) -> list[str]:
    """Lines of the server's log that report a problem."""
    keep = ("error", "traceback", "exception", "warning")
    return [line for line in text.splitlines() if any(k in line.lower() for k in keep)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--db", type=Path, required=True, help="the store to serve (DuckDB file)")
    ap.add_argument("--clients", type=int, default=50, help="concurrent clients (default 50)")
    ap.add_argument("--requests", type=int, default=40, help="requests per client (default 40)")
    ap.add_argument("--port", type=int, help="port to serve on (default: a free one)")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds per request")
    ap.add_argument("--out", type=Path, default=RESULTS, help=f"Markdown file (default {RESULTS})")
    ap.add_argument(
        "--workers", type=int, help="server processes (default: the server's, one per core)"
    )
    ap.add_argument(
        "--passes",
        type=int,
        default=1,
        help="send the same requests this many times; the first pass finds the server empty,"
        " later ones find the answers it kept (default 1)",
    )
    ap.add_argument(
        "--no-dyad-pages",
        dest="dyad_pages",
        action="store_false",
        help="leave the dyad page (a whole dossier per request) out of the mix",
    )
    args = ap.parse_args()
    if not args.db.exists():
        raise SystemExit(f"no store at {args.db}")
    counts = store_counts(args.db)
    port = args.port or free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryFile("w+") as log:
        try:
            proc = start_server(args.db, port, log, timeout=120, workers=args.workers)
        except RuntimeError as exc:
            log.seek(0)
            print(f"{exc}\n{log.read()[-2000:]}", file=sys.stderr)
            sys.exit(2)
        try:
            with httpx.Client(base_url=base, trust_env=False, timeout=args.timeout) as client:
                data = discover(client)
            print(
                f"discovered {len(data.dyads)} dyads, {len(data.events)} events, "
                f"{len(data.docs)} documents, {len(data.phrases)} search phrases",
                file=sys.stderr,
            )
            mix = {r: w for r, w in MIX.items() if r != DYAD_PAGE or args.dyad_pages}
            work = plan(args.clients, args.requests, data, mix)
            clock: Callable[[], float] = time.process_time
            passes = []
            for _ in range(args.passes):
                c0, s0 = clock(), cpu_seconds(proc.pid)
                samples, wall = run_load(base, work, args.timeout)
                c1, s1 = clock(), cpu_seconds(proc.pid)
                server = s1 - s0 if s0 is not None and s1 is not None else None
                passes.append((samples, wall, {"client": c1 - c0, "server": server}))
        finally:
            stop_server(proc)
        log.seek(0)
        problems = server_log_errors(log.read())
    texts = []
    for n, (samples, wall, cpu) in enumerate(passes, start=1):
        text = report(samples, wall, args, counts, cpu, problems)
        if args.passes > 1:
            state = "the server starts empty" if n == 1 else "the same requests again"
            text = text.replace("\n", f"\n\n## Pass {n} of {args.passes}: {state}\n", 1)
        texts.append(text)
    text = "\n\n".join(texts)
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text + "\n", encoding="utf-8")
    sys.exit(1 if any(s.error for samples, _, _ in passes for s in samples) else 0)


if __name__ == "__main__":
    main()
