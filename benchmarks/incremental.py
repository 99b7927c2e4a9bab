"""Adding documents to a store, the way a user does it: ``dyadwatch analyze`` over a corpus
of N articles, then ``dyadwatch analyze`` of 1 % more into the same store, each timed with
model load. With ``--check``, a third run analyses both files from scratch into another store,
and every exported table of the two stores is compared.

The articles are those of ``benchmarks/scaling.py`` (Reuters, BBC and VOA stories in a fixed
shuffled order, then reprints, spun copies and excerpts of them).

    python benchmarks/incremental.py --size 20000 --check [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from big_input import run_sampled  # noqa: E402
from scaling import corpus  # noqa: E402

#: Columns that say when a row was written, not what it holds.
WHEN = {"documents": "ingested_at", "rejects": "seen_at"}
SKIP = {"runs", "alerts"}


def analyze(paths: list[Path], db: Path) -> dict[str, float]:
    cli = [sys.executable, "-c", "from dyadwatch.cli import main; main()"]
    seconds, peak, returncode, _ = run_sampled(
        [*cli, "analyze", *map(str, paths), "--db", str(db)], every=0.2, quiet=True
    )
    if returncode:
        raise SystemExit(f"analyze failed on {paths}")
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        row = con.execute("SELECT counters FROM runs ORDER BY started_at DESC LIMIT 1").fetchone()
    stats = json.loads(row[0]) if row else {}
    return {
        **stats,
        **stats.get("seconds", {}),
        "wall": seconds,
        "tree_peak_mb": peak / 2**20,
        "writer_peak_mb": max(stats.get("peak_mb", {}).values(), default=0.0),
    }


def tables(db: Path) -> dict[str, list[str]]:
    import duckdb

    from dyadwatch.store.db import EXPORTABLE

    out = {}
    with duckdb.connect(str(db), read_only=True) as con:
        for table in EXPORTABLE:
            if table in SKIP:
                continue
            exclude = f" EXCLUDE ({WHEN[table]})" if table in WHEN else ""
            cur = con.execute(f"SELECT *{exclude} FROM {table}")
            cols = [d[0] for d in cur.description]
            rows = [
                json.dumps(dict(zip(cols, r, strict=True)), default=str) for r in cur.fetchall()
            ]
            out[table] = sorted(rows)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=20_000)
    parser.add_argument("--added", type=float, default=0.01, help="share added (default 1 %%)")
    parser.add_argument("--check", action="store_true", help="compare with a run from scratch")
    parser.add_argument("--keep", type=Path, help="folder to keep the corpora and stores in")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="dw-incr-"))
    work.mkdir(parents=True, exist_ok=True)
    extra = max(1, round(args.size * args.added))
    rows = list(corpus(args.size + extra))
    base, added = work / "base.jsonl", work / "added.jsonl"
    for path, part in ((base, rows[: args.size]), (added, rows[args.size :])):
        with path.open("w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(r) + "\n" for r in part)
    grown, scratch = work / "grown.duckdb", work / "scratch.duckdb"
    for db in (grown, scratch):
        db.unlink(missing_ok=True)

    full = analyze([base], grown)
    more = analyze([added], grown)
    stages = ("ingest+clean", "reuse", "extract", "fuse")
    print("| run | articles | wall | " + " | ".join(stages) + " | peak RSS (run + workers) |")
    print("|---|---:|---:|" + "---:|" * len(stages) + "---:|")
    for name, n, r in (("full", args.size, full), ("added", extra, more)):
        cells = " | ".join(f"{r.get(s, 0):,.1f} s" for s in stages)
        print(f"| {name} | {n:,} | {r['wall']:,.1f} s | {cells} | {r['tree_peak_mb']:,.0f} MB |")
    for name, r in (("full", full), ("added", more)):
        peaks = ", ".join(f"{k} {v:,.0f} MB" for k, v in r.get("peak_mb", {}).items())
        print(f"peak of the writer process by stage, {name} run: {peaks}")
    share = more["wall"] / full["wall"]
    print(
        f"\nadding {extra:,} articles ({args.added:.0%}) took {share:.1%} of the full run;"
        f" signed {more.get('reuse_signed')}, aligned {more.get('reuse_aligned')} pairs"
    )
    if args.check:
        once = analyze([base, added], scratch)
        print(f"from scratch over both files: {once['wall']:,.1f} s")
        ours, theirs = tables(grown), tables(scratch)
        differ = [t for t in theirs if ours[t] != theirs[t]]
        sizes = ", ".join(f"{t} {len(theirs[t]):,}" for t in theirs)
        print("stores identical, table for table" if not differ else f"tables differ: {differ}")
        print(f"({sizes})")
        if differ:
            raise SystemExit(1)


if __name__ == "__main__":
    main()
