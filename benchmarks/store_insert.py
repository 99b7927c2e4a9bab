"""Writing rows to the store: multi-row ``VALUES`` statements against ``executemany``.

A corpus is analysed once (``dyadwatch analyze``, defaults); then the rows of every table the
pipeline writes are read back and written again into a fresh store, once with DuckDB's
``executemany`` (one statement per row) and once with ``Store._insert`` (multi-row
``VALUES`` lists), each in one transaction per table, best of three. Both copies are checked
to hold the same rows.

Corpus: the first ``--docs`` Reuters-21578 stories under ../shared (else the demo corpus).
Writes Markdown to stdout and benchmarks/results/store_insert.md.

    python benchmarks/store_insert.py [--docs 1000]
"""

from __future__ import annotations

import argparse
import gzip
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import duckdb

from dyadwatch.store import Store
from dyadwatch.store.db import EXPORTABLE

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
REUTERS = REPO.parent / "shared" / "corpus" / "news" / "reuters21578" / "articles.jsonl.gz"
SEEDS = REPO / "examples" / "pak-rus"
# The tables a run fills, in the order the store lists them for export (views left out).
TABLES = tuple(t for t in EXPORTABLE if t not in {"events_gdelt", "runs"})

Rows = dict[str, tuple[list[str], list[tuple[Any, ...]]]]
Inserter = Callable[[duckdb.DuckDBPyConnection, str, Sequence[Sequence[Any]]], None]


def executemany(con: duckdb.DuckDBPyConnection, sql: str, rows: Sequence[Sequence[Any]]) -> None:
    con.executemany(sql, rows)


def corpus(tmp: Path, docs: int) -> Path:
    if not REUTERS.exists():
        return SEEDS
    out = tmp / "reuters.jsonl"
    with gzip.open(REUTERS, "rt", encoding="utf-8") as fh, out.open("w") as w:
        for n, line in enumerate(fh):
            if n >= docs:
                break
            w.write(line if line.endswith("\n") else line + "\n")
    return out


def copy(rows: Rows, db: Path, insert: Inserter) -> float:
    """Seconds to write ``rows`` into a fresh store at ``db`` with ``insert``."""
    db.unlink(missing_ok=True)
    with Store(db) as store:
        start = time.perf_counter()
        for table, (cols, data) in rows.items():
            names = ", ".join(f'"{c}"' for c in cols)
            marks = ", ".join("?" * len(cols))
            with store.transaction() as con:
                insert(con, f"INSERT INTO {table} ({names}) VALUES ({marks})", data)
        return time.perf_counter() - start


def content(db: Path) -> dict[str, list[str]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: sorted(map(repr, con.execute(f"SELECT * FROM {t}").fetchall())) for t in TABLES}
    finally:
        con.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000, help="Reuters stories to analyse")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="store_insert_") as d:
        tmp = Path(d)
        src = tmp / "source.duckdb"
        dyadwatch = Path(sys.executable).with_name("dyadwatch")
        subprocess.run(
            [str(dyadwatch), "analyze", str(corpus(tmp, args.docs)), "--db", str(src)],
            check=True,
            capture_output=True,
        )
        con = duckdb.connect(str(src), read_only=True)
        rows: Rows = {}
        for t in TABLES:
            cur = con.execute(f"SELECT * FROM {t}")
            rows[t] = ([c[0] for c in cur.description or []], cur.fetchall())
        con.close()
        total = sum(len(r) for _, r in rows.values())
        timings = {}
        for name, insert in (("executemany", executemany), ("multi-row VALUES", Store._insert)):
            timings[name] = min(copy(rows, tmp / f"{name[:5]}.duckdb", insert) for _ in range(3))
        same = content(tmp / "execu.duckdb") == content(tmp / "multi.duckdb")
    base = timings["executemany"]
    lines = [
        f"# Store writes ({args.docs} Reuters stories analysed; {total:,} rows in"
        f" {len(TABLES)} tables)",
        "",
        "| method | seconds (best of 3) | rows/s | speed-up |",
        "|---|---:|---:|---:|",
    ]
    for name, secs in timings.items():
        lines.append(f"| {name} | {secs:.2f} | {total / secs:,.0f} | {base / secs:.1f}x |")
    lines += ["", f"Both stores hold the same rows: {'yes' if same else 'NO'}.", ""]
    text = "\n".join(lines)
    print(text)
    (HERE / "results" / "store_insert.md").write_text(text, encoding="utf-8")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
