"""Scaling of the whole run: ``dyadwatch analyze`` over 10k, 30k, 100k articles, the way a
user runs it (defaults, all cores, model load included), with wall time, time per stage and
the peak resident memory of the run and its workers.

The corpus is the real news under ../shared (Reuters-21578, BBC, VOA: about 22,000 stories)
in a fixed shuffled order; past that, stories derived from them so that reuse has work to
do, as a crawl gives it:

* reprint: the story again under a new first line, its last paragraph cut;
* spun: words swapped for synonyms and the paragraphs after the lead reordered;
* excerpt: the lead and a few paragraphs quoted inside a new story's frame.

    python benchmarks/scaling.py --sizes 10000 30000 100000 [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from big_input import run_sampled, stories  # noqa: E402

SYNONYMS = {
    "said": "stated", "says": "states", "government": "administration", "talks": "negotiations",
    "agreed": "consented", "minister": "secretary", "increase": "rise", "decline": "fall",
    "company": "firm", "expected": "anticipated", "announced": "declared", "meeting": "session",
    "officials": "authorities", "large": "big", "major": "leading", "help": "assist",
    "shares": "stock", "rose": "climbed", "fell": "dropped", "country": "nation",
}  # fmt: skip


def derived(base: dict[str, str], kind: int, rng: random.Random, serial: int) -> str:
    paras = [p for p in base["text"].split("\n\n") if p.strip()]
    if kind == 0:  # reprint
        kept = paras[:-1] if len(paras) > 2 else paras
        return "\n\n".join([f"Reprinted from wire copy, item {serial}.", *kept])
    if kind == 1:  # spun
        words = [SYNONYMS.get(w, w) for w in " ".join(paras[1:]).split(" ")]
        body = " ".join(words).split(". ")
        rng.shuffle(body)
        return paras[0] + "\n\n" + ". ".join(body)
    frame = f"In a review published as item {serial}, analysts returned to the story."
    return "\n\n".join([frame, *paras[: 1 + min(3, len(paras) // 2)], "The review ended there."])


def corpus(n: int, seed: int = 7) -> Iterator[dict[str, str | int]]:
    base = stories()
    rng = random.Random(seed)
    order = list(range(len(base)))
    rng.shuffle(order)
    for i in range(n):
        if i < len(base):
            story = base[order[i]]
            yield {"id": i, "title": story["title"], "text": story["text"]}
        else:
            story = base[rng.randrange(len(base))]
            text = derived(story, i % 3, rng, i)
            yield {"id": i, "title": story["title"], "text": text}


def run(n: int, work: Path) -> dict[str, float]:
    path = work / f"corpus-{n}.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for record in corpus(n):
            out.write(json.dumps(record) + "\n")
    db = work / f"scale-{n}.duckdb"
    db.unlink(missing_ok=True)
    cli = [sys.executable, "-c", "from dyadwatch.cli import main; main()"]
    analyze = [*cli, "analyze", str(path), "--db", str(db)]
    seconds, peak, returncode, _ = run_sampled(analyze, every=1.0, quiet=True)
    if returncode:
        raise SystemExit(f"analyze failed on {n} articles (exit {returncode})")
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        row = con.execute("SELECT counters FROM runs ORDER BY started_at DESC LIMIT 1").fetchone()
    stats = json.loads(row[0]) if row else {}
    return {"n": n, "seconds": seconds, "peak_mb": peak / 2**20, **stats.get("seconds", {})}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    parser.add_argument("--keep", type=Path, help="folder to keep the corpora and stores in")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="dw-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    stages = ("ingest+clean", "reuse", "extract", "fuse")
    print("| articles | wall | " + " | ".join(stages) + " | peak RSS |")
    print("|---:|---:|" + "---:|" * len(stages) + "---:|")
    results = []
    for n in args.sizes:
        r = run(n, work)
        results.append(r)
        cells = " | ".join(f"{r.get(s, 0):,.0f} s" for s in stages)
        print(f"| {n:,} | {r['seconds']:,.0f} s | {cells} | {r['peak_mb']:,.0f} MB |", flush=True)
    if len(results) > 1:
        a, b = results[0], results[-1]
        ratio = b["seconds"] / a["seconds"]
        exponent = math.log(ratio) / math.log(b["n"] / a["n"])
        print(f"\ntime({b['n']:,}) / time({a['n']:,}) = {ratio:.1f}; exponent {exponent:.2f}")


if __name__ == "__main__":
    main()
