"""dyadwatch's vectorised MinHash + LSH side by side with datasketch on the same corpus.

Throughput: documents/s to go from raw text to signatures ("sign") and to candidate pairs
("sign + index"); datasketch is used as documented (regex words, 5-word shingles as UTF-8
bytes, ``MinHash.bulk``, ``MinHashLSH.insert``), dyadwatch with ``tokenize_batch``,
``MinHasher.sign`` and ``LSHIndex.candidate_pairs``. Best of three runs each.

Quality: pair recall and precision against exact Jaccard of the same shingle sets, on a
sample of the corpus plus edited copies of some of its documents (so that pairs exist all
along the similarity range). Both signers get identical shingles (dyadwatch's 64-bit shingle
hashes, given to datasketch as 8-byte strings), the same threshold and the same bands.

Corpus: the BBC and Reuters-21578 articles under ../shared (else the seeds corpus repeated).
Writes Markdown to stdout and benchmarks/results/minhash.md.

    python benchmarks/minhash.py [--docs 20000] [--sample 3000] [--threshold 0.5]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from scipy import sparse

from dyadwatch.reuse import LSHIndex, MinHasher, jaccard, shingle_hashes, tokenize_batch
from dyadwatch.reuse.lsh import optimal_params

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
NEWS = REPO.parent / "shared" / "corpus" / "news"
SEEDS = REPO / "examples" / "pak-rus"
_WORD = re.compile(r"\w+")


def corpus(limit: int) -> list[str]:
    texts: list[str] = []
    for name in ("bbc_news_2225", "reuters21578"):
        path = NEWS / name / "articles.jsonl.gz"
        if path.exists():
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                texts += [t for line in fh if (t := json.loads(line).get("text"))]
    if not texts:
        texts = [p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    while len(texts) < limit:
        texts = texts + texts
    return texts[:limit]


def edited(text: str, rate: float, rng: random.Random) -> str:
    """A copy with ``rate`` of its words deleted or replaced by another word of the text."""
    tokens = text.split()
    out = []
    for tok in tokens:
        x = rng.random()
        if x < rate / 2:
            continue
        out.append(rng.choice(tokens) if x < rate else tok)
    return " ".join(out)


def best_of(fn: Callable[[], object], runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


# -- throughput -----------------------------------------------------------------------------


def ours_sign(texts: list[str], num_perm: int) -> np.ndarray:
    tokens = tokenize_batch(texts)
    shingles, offsets = shingle_hashes(tokens.hashes, tokens.offsets, 5)
    return MinHasher(num_perm).sign(shingles, offsets)


def ours_index(texts: list[str], num_perm: int, threshold: float) -> np.ndarray:
    return LSHIndex(threshold, num_perm).candidate_pairs(ours_sign(texts, num_perm))


def ds_shingles(text: str) -> list[bytes]:
    toks = _WORD.findall(text.lower())
    return [" ".join(toks[k : k + 5]).encode() for k in range(max(len(toks) - 4, 1))]


def ds_sign(texts: list[str], num_perm: int) -> list[object]:
    from datasketch import MinHash

    return list(MinHash.bulk([ds_shingles(t) for t in texts], num_perm=num_perm))


def ds_index(texts: list[str], num_perm: int, threshold: float) -> object:
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    for k, m in enumerate(ds_sign(texts, num_perm)):
        lsh.insert(k, m)
    return lsh


def throughput(
    texts: list[str], ds_docs: int, num_perm: int, threshold: float
) -> list[tuple[object, ...]]:
    ds_texts = texts[:ds_docs]
    rows = []
    for what, ours, theirs in (
        ("sign", lambda: ours_sign(texts, num_perm), lambda: ds_sign(ds_texts, num_perm)),
        (
            "sign + index",
            lambda: ours_index(texts, num_perm, threshold),
            lambda: ds_index(ds_texts, num_perm, threshold),
        ),
    ):
        t_ours = best_of(ours)
        t_ds = best_of(theirs)
        ours_rate, ds_rate = len(texts) / t_ours, len(ds_texts) / t_ds
        rows.append((what, f"{ours_rate:,.0f}", f"{ds_rate:,.0f}", f"{ours_rate / ds_rate:.1f}×"))
    return rows


# -- quality --------------------------------------------------------------------------------


def exact_pairs(
    shingles: np.ndarray, offsets: np.ndarray, threshold: float
) -> set[tuple[int, int]]:
    """All pairs with exact Jaccard ≥ threshold, from a sparse incidence matrix."""
    n = len(offsets) - 1
    uniq, col = np.unique(shingles, return_inverse=True)
    row = np.repeat(np.arange(n), np.diff(offsets))
    m = sparse.csr_matrix((np.ones(len(col)), (row, col)), shape=(n, len(uniq)))
    m.data[:] = 1.0
    m.sum_duplicates()
    m.data[:] = 1.0
    sizes = np.asarray(m.sum(axis=1)).ravel()
    inter = sparse.triu(m @ m.T, k=1).tocoo()
    jac = inter.data / (sizes[inter.row] + sizes[inter.col] - inter.data)
    ok = jac >= threshold
    return set(zip(inter.row[ok].tolist(), inter.col[ok].tolist(), strict=True))


def quality(texts: list[str], num_perm: int, threshold: float) -> list[tuple[object, ...]]:
    from datasketch import MinHash, MinHashLSH

    tokens = tokenize_batch(texts)
    shingles, offsets = shingle_hashes(tokens.hashes, tokens.offsets, 5)
    truth = exact_pairs(shingles, offsets, threshold)

    sigs = MinHasher(num_perm).sign(shingles, offsets)
    cand = LSHIndex(threshold, num_perm).candidate_pairs(sigs)
    est = jaccard(sigs[cand[:, 0]], sigs[cand[:, 1]])
    ours = {(int(i), int(j)) for (i, j), e in zip(cand, est, strict=True) if e >= threshold}

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    per_doc = [
        [
            shingles[offsets[d] : offsets[d + 1]][k].tobytes()
            for k in range(offsets[d + 1] - offsets[d])
        ]
        for d in range(len(texts))
    ]
    mins = list(MinHash.bulk(per_doc, num_perm=num_perm))
    for k, m in enumerate(mins):
        lsh.insert(k, m)
    theirs = set()
    for k, m in enumerate(mins):
        for j in lsh.query(m):
            if j > k and m.jaccard(mins[j]) >= threshold:
                theirs.add((k, j))
    rows = []
    for name, found in (("dyadwatch", ours), ("datasketch", theirs)):
        hit = len(found & truth)
        rows.append(
            (name, len(truth), len(found), hit / max(len(truth), 1), hit / max(len(found), 1))
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=20000)
    ap.add_argument("--datasketch-docs", type=int, default=3000)
    ap.add_argument("--sample", type=int, default=3000)
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--num-perm", type=int, default=128)
    args = ap.parse_args(argv)
    texts = corpus(args.docs)
    words = sum(len(t.split()) for t in texts) / len(texts)
    rng = random.Random(0)
    sample = rng.sample(texts, min(args.sample, len(texts)))
    sample += [edited(t, rng.choice((0.02, 0.05, 0.1, 0.15, 0.2, 0.3)), rng) for t in sample[:600]]
    bands, rows_ = optimal_params(args.threshold, args.num_perm)
    report = "\n\n".join(
        [
            f"Corpus: {len(texts)} news articles (mean {words:.0f} words); datasketch timed on the "
            f"first {args.datasketch_docs}. Threshold {args.threshold}, num_perm {args.num_perm}, "
            f"{bands} bands × {rows_} rows (both), 5-word shingles.",
            "| step | dyadwatch docs/s | datasketch docs/s | ratio |\n|---|---|---|---|\n"
            + "\n".join(
                "| " + " | ".join(map(str, r)) + " |"
                for r in throughput(texts, args.datasketch_docs, args.num_perm, args.threshold)
            ),
            f"Pair quality on {len(sample)} documents ({args.sample} sampled + 600 edited copies), "
            f"against exact Jaccard ≥ {args.threshold} of the same shingle sets:",
            "| signer | true pairs | pairs found | recall | precision |\n|---|---|---|---|---|\n"
            + "\n".join(
                "| " + " | ".join(f"{x:.3f}" if isinstance(x, float) else str(x) for x in r) + " |"
                for r in quality(sample, args.num_perm, args.threshold)
            ),
        ]
    )
    print(report)
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "minhash.md").write_text(report + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
