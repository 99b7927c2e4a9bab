"""Per-document time of ``dyadwatch analyze`` at this tree against an earlier revision.

Both run the way a user runs the tool (defaults, model load included, a fresh store), side by
side and alternating, ``--rounds`` times each, on the same Reuters-21578 stories (with their
dateline fields). The earlier revision is exported with ``git archive`` into a temporary
folder and run from its own ``src`` with this environment's packages. Prints seconds per
document for each and the ratio of medians, and writes ``benchmarks/results/revision_speed.md``.

    python benchmarks/revision_speed.py --base a7c9168^ [--limit 1000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
REUTERS = REPO.parent / "shared" / "corpus" / "news" / "reuters21578" / "articles.jsonl.gz"


def _corpus(out: Path, limit: int) -> int:
    n = 0
    with gzip.open(REUTERS, "rt", encoding="utf-8") as fh, out.open("w", encoding="utf-8") as w:
        for line in fh:
            rec = json.loads(line)
            if len(rec.get("text") or "") < 400:
                continue
            w.write(json.dumps(rec) + "\n")
            n += 1
            if n == limit:
                break
    return n


def _export(rev: str, into: Path) -> Path:
    blob = subprocess.run(
        ["git", "-C", str(REPO), "archive", rev, "src"], check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(blob)) as tar:
        tar.extractall(into, filter="data")
    return into / "src"


def _run(src: Path, corpus: Path, db: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(src)}
    if db.exists():
        db.unlink()
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", "from dyadwatch.cli import app; app()", "analyze", str(corpus),
         "--db", str(db)],
        check=True, env=env, capture_output=True,
    )  # fmt: skip
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--base", required=True, help="the earlier revision (a git rev)")
    ap.add_argument("--limit", type=int, default=1000, help="stories (default 1000)")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    if not REUTERS.exists():
        print("revision_speed: the shared corpus is absent; nothing to measure")
        return 0
    with tempfile.TemporaryDirectory(prefix="dw-rev-") as tmp:
        root = Path(tmp)
        corpus = root / "reuters.jsonl"
        n = _corpus(corpus, args.limit)
        base = _export(args.base, root / "base")
        here = REPO / "src"
        times: dict[str, list[float]] = {"base": [], "this tree": []}
        for _ in range(args.rounds):
            times["base"].append(_run(base, corpus, root / "base.duckdb"))
            times["this tree"].append(_run(here, corpus, root / "here.duckdb"))
    med = {k: statistics.median(v) for k, v in times.items()}
    ratio = med["this tree"] / med["base"]
    rows = [
        f"`dyadwatch analyze` on {n} Reuters-21578 stories, {args.rounds} alternating rounds,"
        f" defaults (all cores); base = `{args.base}`.",
        "",
        "| revision | runs (s) | median (s) | ms per document |",
        "|---|---|---:|---:|",
    ]
    for k, v in times.items():
        runs = ", ".join(f"{x:.1f}" for x in v)
        rows.append(f"| {k} | {runs} | {med[k]:.1f} | {1000 * med[k] / n:.1f} |")
    rows += ["", f"Ratio (this tree / base): **{ratio:.3f}**"]
    text = "\n".join(rows)
    print(text)
    (HERE / "results" / "revision_speed.md").write_text(
        "# Per-document time against an earlier revision (`benchmarks/revision_speed.py`)\n\n"
        + text
        + "\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
