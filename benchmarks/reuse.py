"""Quality of the reuse stage on the labelled reuse data and on the seeds corpus.

Scores each record of ../shared/benchmarks/reuse (the development split) as a pair decision
"does b reuse a?" with the passage aligner, measures candidate generation (are the labelled
pairs among the candidates when all texts form one corpus?), the spin signal (two-fold
cross-validation over article segments, plus clean news as negatives) and runs the whole
stage on the seeds corpus. Writes Markdown to stdout and to benchmarks/results/reuse.md.

    python benchmarks/reuse.py                  # everything
    python benchmarks/reuse.py --build-lexicon  # relearn reuse/data/spin_lexicon.tsv
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from dyadwatch.model import Document
from dyadwatch.reuse import (
    AlignConfig,
    ReuseConfig,
    ReuseStats,
    SpinLexicon,
    align,
    find_reuse,
    format_lexicon,
    learn_lexicon,
    linked,
    load_lexicon,
    mt_score,
    spin_score,
)
from dyadwatch.reuse.stage import candidate_pairs, document_features

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = REPO.parent / "shared"
DATA = SHARED / "benchmarks" / "reuse"
NEWS = SHARED / "corpus" / "news" / "bbc_news_2225" / "articles.jsonl.gz"
VOA = SHARED / "corpus" / "news" / "voa" / "voa_stories.jsonl"
SEEDS = REPO / "examples" / "pak-rus"
LEXICON = REPO / "src" / "dyadwatch" / "reuse" / "data" / "spin_lexicon.tsv"
FILES = ("mpc_spinbot", "mpc_neural", "etpc_msrp", "paws_wiki_pos", "apr_translated")

Record = dict[str, Any]


def load(name: str, root: Path = DATA) -> list[Record]:
    with gzip.open(root / f"{name}.jsonl.gz", "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def table(header: list[str], rows: Iterable[Iterable[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for row in rows:
        lines.append("| " + " | ".join(_fmt(x) for x in row) + " |")
    return "\n".join(lines)


def _fmt(x: object) -> str:
    return f"{x:.3f}" if isinstance(x, float) else str(x)


# -- pair decisions ---------------------------------------------------------------------------


def decide(record: Record, cfg: AlignConfig) -> tuple[bool, str | None]:
    """Does b reuse a, and the kind of the longest passage."""
    passages = align("a", record["a"], "b", record["b"], cfg)
    if not linked(passages, record["a"], record["b"], cfg):
        return False, None
    return True, max(passages, key=lambda p: p.end_b - p.start_b).kind


def score_pairs(records: list[Record], cfg: AlignConfig) -> dict[str, Any]:
    """Counts by (file, label, granularity) and overall P/R/F1 over ``positive``."""
    by_key: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0])
    kinds: dict[tuple[str, str, str], Counter[str]] = defaultdict(Counter)
    tp = fp = fn = 0
    for r in records:
        found, kind = decide(r, cfg)
        key = (r["id"].split("-")[0], r["label"], r["granularity"])
        by_key[key][0] += found
        by_key[key][1] += 1
        if kind:
            kinds[key][kind] += 1
        tp += found and r["positive"]
        fp += found and not r["positive"]
        fn += (not found) and r["positive"]
    return {"by_key": dict(by_key), "kinds": dict(kinds), "tp": tp, "fp": fp, "fn": fn}


def headline(scores: dict[str, Any]) -> dict[str, float]:
    """The README's numbers: spun recall (paragraph, document), FPR on same_topic/unrelated."""
    bk = scores["by_key"]

    def rate(pred: Callable[[tuple[str, str, str]], bool]) -> float:
        hit = sum(v[0] for k, v in bk.items() if pred(k))
        n = sum(v[1] for k, v in bk.items() if pred(k))
        return hit / n if n else float("nan")

    return {
        "spun_recall_paragraph": rate(lambda k: k[1] == "spun" and k[2] == "paragraph"),
        "spun_recall_document": rate(lambda k: k[1] == "spun" and k[2] == "document"),
        "spun_recall_spinbot": rate(lambda k: k[1] == "spun" and k[0] == "mpc_spinbot"),
        "spun_recall_neural": rate(lambda k: k[1] == "spun" and k[0] == "mpc_neural"),
        "same_topic_fpr": rate(lambda k: k[1] == "same_topic"),
        "same_topic_fpr_mpc": rate(lambda k: k[1] == "same_topic" and k[0] == "mpc_spinbot"),
        "same_topic_fpr_etpc": rate(lambda k: k[1] == "same_topic" and k[0] == "etpc_msrp"),
        "unrelated_fpr": rate(lambda k: k[1] == "unrelated"),
        "verbatim_recall": rate(lambda k: k[1] == "verbatim"),
        "near_verbatim_recall": rate(lambda k: k[1] == "near_verbatim"),
        "paraphrase_recall": rate(lambda k: k[1] == "paraphrase"),
    }


def pairs_report(records: list[Record], cfg: AlignConfig) -> tuple[str, dict[str, float]]:
    t0 = time.perf_counter()
    scores = score_pairs(records, cfg)
    seconds = time.perf_counter() - t0
    rows = []
    for (name, lab, gran), (hit, n) in sorted(scores["by_key"].items()):
        kinds = ", ".join(f"{k} {c}" for k, c in scores["kinds"].get((name, lab, gran), {}).items())
        rows.append((name, lab, gran, n, hit, hit / n, kinds))
    tp, fp, fn = scores["tp"], scores["fp"], scores["fn"]
    p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    f1 = 2 * p * r / max(p + r, 1e-9)
    per_file = []
    for name in sorted({k[0] for k in scores["by_key"]}):
        sub = score_pairs([x for x in records if x["id"].startswith(name + "-")], cfg)
        tp_, fp_, fn_ = sub["tp"], sub["fp"], sub["fn"]
        pp, rr = tp_ / max(tp_ + fp_, 1), tp_ / max(tp_ + fn_, 1)
        per_file.append((name, tp_ + fn_, pp, rr, 2 * pp * rr / max(pp + rr, 1e-9)))
    head = headline(scores)
    text = "\n\n".join(
        [
            f"Pair decisions on {len(records)} records in {seconds:.1f} s "
            f"({len(records) / seconds:.0f} pairs/s), `{cfg}`.",
            table(["file", "label", "granularity", "pairs", "linked", "rate", "kinds"], rows),
            table(["file", "positives", "precision", "recall", "F1"], per_file)
            + f"\n\nOverall: precision {p:.3f}, recall {r:.3f}, F1 {f1:.3f}.",
            table(["headline", "value"], head.items()),
        ]
    )
    return text, head


# -- candidate generation -------------------------------------------------------------------


def candidates_report(records: list[Record], cfg: ReuseConfig) -> str:
    """Are the labelled positive pairs among the candidates when all texts are one corpus?"""
    texts: list[str] = []
    index: dict[str, int] = {}
    for r in records:
        for side in ("a", "b"):
            if r[side] not in index:
                index[r[side]] = len(texts)
                texts.append(r[side])
    stats = ReuseStats()
    t0 = time.perf_counter()
    pairs, _ = candidate_pairs(document_features(texts, cfg), cfg, stats)
    seconds = time.perf_counter() - t0
    found = set(pairs)
    rows = []
    for lab in ("verbatim", "near_verbatim", "spun", "paraphrase", "same_topic", "unrelated"):
        sub = [r for r in records if r["label"] == lab]
        if not sub:
            continue
        among = [r for r in sub if tuple(sorted((index[r["a"]], index[r["b"]]))) in found]
        both = sum(
            linked(align("a", r["a"], "b", r["b"], cfg.align), r["a"], r["b"]) for r in among
        )
        rows.append((lab, len(sub), len(among), len(among) / len(sub), both / len(sub)))
    n = len(texts)
    return (
        f"{n} distinct texts, {n * (n - 1) // 2} possible pairs, {len(pairs)} candidates "
        f"({stats.near_duplicate_pairs} MinHash near-duplicates, {stats.skeleton_pairs} "
        f"skeleton-index pairs) in {seconds:.2f} s.\n\n"
        + table(["label", "pairs", "among candidates", "candidate rate", "linked end to end"], rows)
    )


# -- spin signal ----------------------------------------------------------------------------


def _substitutions(records: list[Record]) -> list[tuple[str, str]]:
    return [s for r in records for p in align("a", r["a"], "b", r["b"]) for s in p.substitutions]


def _background() -> Callable[[str], float] | None:
    try:
        import wordfreq
    except ImportError:
        return None
    return lambda phrase: float(wordfreq.word_frequency(phrase, "en"))


def news_halves() -> tuple[list[str], list[str]]:
    """The BBC articles split in two by position: the even ones are clean background for
    learning the lexicon, the odd ones negatives for scoring it (never both)."""
    if not NEWS.exists():
        return [], []
    with gzip.open(NEWS, "rt", encoding="utf-8") as fh:
        news = [json.loads(line)["text"] for line in fh]
    return news[0::2], news[1::2]


def build_lexicon(spinbot: list[Record], news: list[str]) -> SpinLexicon:
    """The lexicon from the SpinBot paragraphs given, against their clean originals and
    ``news`` (clean background text)."""
    spun = [r for r in spinbot if r["label"] == "spun" and r["granularity"] == "paragraph"]
    clean = [r["a"] for r in spinbot if r["granularity"] == "paragraph"]
    return learn_lexicon(_substitutions(spun), [r["b"] for r in spun], clean + news, _background())


def write_lexicon(lexicon: SpinLexicon, path: Path = LEXICON) -> None:
    head = [
        "Spinner phrases, their log-odds weights and the words they most often replaced (see",
        "dyadwatch.reuse.spin). Learned by `python benchmarks/reuse.py --build-lexicon` from the",
        "substitutions the aligner finds between clean Wikipedia paragraphs and their SpinBot",
        "output in the development split of shared/benchmarks/reuse/mpc_spinbot (MPC, CC BY 4.0 /",
        "CC BY-SA), against those paragraphs, every other BBC article of shared/corpus/news and",
        "wordfreq frequencies as clean text. Not from the demo corpus. @clean_mean/@clean_var:",
        "summed weight of distinct phrases per word of that clean text (mean, variance).",
    ]
    path.write_text(format_lexicon(lexicon, head), encoding="utf-8")


def _pr(pos: list[float], neg: list[float], th: float) -> tuple[float, float, float]:
    tp = sum(s >= th for s in pos)
    fp = sum(s >= th for s in neg)
    return tp / max(tp + fp, 1), tp / max(len(pos), 1), fp / max(len(neg), 1)


def _rate(scores: list[float], th: float) -> float:
    return sum(s >= th for s in scores) / max(len(scores), 1)


def spin_report(spinbot: list[Record], neural: list[Record], th: float) -> str:
    background, news = news_halves()
    paragraphs = [r for r in spinbot if r["granularity"] == "paragraph"]
    documents = [r for r in spinbot if r["granularity"] == "document" and r["label"] == "spun"]
    segments = sorted({r["source_doc"] for r in paragraphs})
    rows = []
    for fold in (0, 1):
        train = {s for k, s in enumerate(segments) if k % 2 == fold}
        lex = build_lexicon([r for r in paragraphs if r["source_doc"] in train], background)
        held = [r for r in paragraphs if r["source_doc"] not in train and r["label"] == "spun"]
        pos = [spin_score(r["b"], lex)[0] for r in held]
        docs = [spin_score(r["b"], lex)[0] for r in documents if r["source_doc"] not in train]
        neg_wiki = [spin_score(r["a"], lex)[0] for r in held]
        neg_news = [spin_score(t, lex)[0] for t in news]
        _, r, fpr = _pr(pos, neg_wiki, th)
        rows.append(
            (
                f"fold {fold + 1}",
                len(lex.weights),
                f"{r:.3f} ({len(pos)})",
                f"{_rate(docs, th):.3f} ({len(docs)})",
                fpr,
                _rate(neg_news, th),
            )
        )
    lex = load_lexicon()
    pos = [spin_score(r["b"], lex)[0] for r in neural if r["label"] == "spun"]
    rows.append(
        (
            "neural spinner (shipped lexicon)",
            len(lex.weights),
            f"{_rate(pos, th):.3f} ({len(pos)})",
            "–",
            "–",
            "–",
        )
    )
    header = ["split", "lexicon", "recall, paragraphs", "recall, documents", "FPR Wikipedia"]
    return (
        f"Spin score ≥ {th}. Each fold learns the lexicon on half of the SpinBot article "
        f"segments (and {len(background)} BBC articles as clean background) and scores the "
        "other half: its spun paragraphs and spun documents (recall), and the clean Wikipedia "
        f"originals of those paragraphs and the other {len(news)} BBC articles (false "
        "positives; the news is professionally edited, assumed unspun).\n\n"
        + table([*header, "FPR news"], rows)
    )


def mt_report(translated: list[Record]) -> str:
    """The machine-translation signal on the labelled translations and on edited news."""
    rows = [(r["id"], r["label"], mt_score(r["b"])[0]) for r in translated]
    out = table(["record", "label", "mt score of b"], rows)
    corpora = []
    for name, path in (("BBC", NEWS), ("VOA", VOA)):
        if not path.exists():
            continue
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as fh:
            texts = [json.loads(line)["text"] for line in fh]
        scores = [mt_score(t)[0] for t in texts]
        corpora.append((name, len(texts), _rate(scores, 0.5)))
    if corpora:
        out += "\n\nFlag rate (mt score ≥ 0.5) on edited English news, all false positives:\n\n"
        out += table(["corpus", "articles", "flagged"], corpora)
    return out


# -- scale ----------------------------------------------------------------------------------


def scale_corpus(n: int, seed: int = 0) -> list[Document]:
    """``n`` news-like documents: the real BBC and Reuters articles, then enciphered variants.

    A variant maps every word through a random permutation of the corpus vocabulary (function
    words onto function words, content words onto content words, capitals kept), so it keeps
    the length and word-frequency profile of news text but shares no more with its model
    than two unrelated articles do. 1 % of the documents are then edited copies of another
    and 0.5 % carry three sentences of another: the reuse the stage has to find.
    """
    import re

    from dyadwatch.reuse.text import stopwords

    rng = random.Random(seed)
    base: list[str] = []
    for name in ("bbc_news_2225", "reuters21578"):
        path = SHARED / "corpus" / "news" / name / "articles.jsonl.gz"
        if path.exists():
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                base += [t for line in fh if len(t := json.loads(line).get("text") or "") > 200]
    if not base:
        base = [p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    word = re.compile(r"[A-Za-z]+")
    vocab = sorted({w.lower() for t in base[:3000] for w in word.findall(t)})
    stop = sorted(stopwords())
    content = [w for w in vocab if w not in stopwords()]
    texts = list(base[:n])
    variant = 0
    while len(texts) < n:
        variant += 1
        perm_c = dict(zip(content, rng.sample(content, len(content)), strict=True))
        perm_s = dict(zip(stop, rng.sample(stop, len(stop)), strict=True))

        def swap(m: re.Match[str], c: dict[str, str] = perm_c, s: dict[str, str] = perm_s) -> str:
            w = m.group()
            low = w.lower()
            new = s.get(low) or c.get(low) or low
            return new.capitalize() if w[0].isupper() else new

        for t in base:
            if len(texts) >= n:
                break
            texts.append(word.sub(swap, t))
    for k in rng.sample(range(n), n // 100):
        src = texts[rng.randrange(n)].split()
        texts[k] = " ".join(w for w in src if rng.random() > 0.05)
    for k in rng.sample(range(n), n // 200):
        sents = texts[rng.randrange(n)].split(". ")
        texts[k] = texts[k] + " " + ". ".join(sents[:3]) + "."
    return [Document(f"s{k:06d}", f"s{k}", f"s{k}", t) for k, t in enumerate(texts)]


def scale_child(n: int) -> None:
    import resource

    docs = scale_corpus(n)
    stats = ReuseStats()
    t0 = time.perf_counter()
    res = find_reuse(docs, ReuseConfig(), stats)
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out = {k: v for k, v in asdict(stats).items() if k != "seconds"} | {
        "seconds": round(seconds, 1),
        "stage_seconds": {k: round(v, 1) for k, v in stats.seconds.items()},
        "peak_mb": round(peak),
        "groups": len({m.cluster_id for m in res.groups}),
        "words": sum(len(d.text.split()) for d in docs),
    }
    print(json.dumps(out))


def scale_report(sizes: list[int]) -> str:
    import subprocess

    rows = []
    for n in sizes:
        proc = subprocess.run(
            [sys.executable, __file__, "--scale-child", str(n)],
            capture_output=True,
            text=True,
            check=True,
        )
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        st = r["stage_seconds"]
        rows.append(
            (
                f"{n:,}",
                f"{r['words'] / n:.0f}",
                r["seconds"],
                f"{st['candidates']} / {st['signals']} / {st['align']}",
                r["near_duplicate_pairs"],
                r["skeleton_pairs"],
                r["aligned_pairs"],
                r["linked_pairs"],
                r["peak_mb"],
            )
        )
    return table(
        [
            "documents",
            "words/doc",
            "seconds",
            "candidates / signals / align s",
            "near-dup pairs",
            "index pairs",
            "aligned",
            "linked",
            "peak RSS MB",
        ],
        rows,
    )


# -- seeds ----------------------------------------------------------------------------------


def seeds_report(cfg: ReuseConfig) -> str:
    docs = [
        Document(doc_id=p.stem[:3], source_id=p.stem, path=str(p), text=p.read_text("utf-8"))
        for p in sorted(SEEDS.glob("*.txt"))
    ]
    stats = ReuseStats()
    res = find_reuse(docs, cfg, stats)
    text = {d.doc_id: d.text for d in docs}
    rows = [(s.doc_id, s.spin_score, s.mt_score, "; ".join(s.evidence[:4])) for s in res.signals]
    out = [table(["doc", "spin", "mt", "evidence (first 4)"], rows)]
    counts: Counter[tuple[str, str, str]] = Counter(
        (p.doc_a, p.doc_b, p.kind) for p in res.passages
    )
    out.append(
        table(["source", "derived", "kind", "passages"], [(*k, v) for k, v in counts.items()])
    )
    out.append(
        table(
            ["derived", "source", "kind", "reason"],
            [(e.derived_doc, e.source_doc, e.kind, e.reason) for e in res.lineage],
        )
    )
    groups: dict[str, list[str]] = defaultdict(list)
    for m in res.groups:
        groups[m.cluster_id].append(m.doc_id)
    out.append("Lineage groups: " + "; ".join(", ".join(v) for v in groups.values()))
    spun = [p for p in res.passages if p.kind == "spun"][:3]
    for p in spun:
        out.append(
            f"- spun passage {p.doc_a}[{p.start_a}:{p.end_a}] → {p.doc_b}[{p.start_b}:{p.end_b}] "
            f"(similarity {p.similarity}): “{text[p.doc_b][p.start_b : p.end_b][:160]}…”; "
            f"substitutions: {', '.join(f'{x} → {y}' for x, y in p.substitutions[:6])}"
        )
    return "\n\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build-lexicon", action="store_true")
    ap.add_argument("--scale", type=int, nargs="*", default=[], help="corpus sizes to time")
    ap.add_argument("--scale-child", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.scale_child:
        scale_child(args.scale_child)
        return 0
    if not DATA.exists():
        print(f"labelled reuse data not found under {DATA}", file=sys.stderr)
        return 1
    data = {name: load(name) for name in FILES}
    if args.build_lexicon:
        lexicon = build_lexicon(data["mpc_spinbot"], news_halves()[0])
        write_lexicon(lexicon)
        print(f"wrote {len(lexicon.weights)} phrases to {LEXICON}")
        return 0
    cfg = ReuseConfig()
    records = [r for name in FILES for r in data[name]]
    sections = [f"Configuration: `{cfg}`"]
    pair_text, _ = pairs_report(records, cfg.align)
    sections += ["### Pair decisions (dev split)", pair_text]
    sections += ["### Candidate generation", candidates_report(records, cfg)]
    sections += [
        "### Spin signal without the source",
        spin_report(data["mpc_spinbot"], data["mpc_neural"], cfg.spin_threshold),
    ]
    sections += [
        "### Machine-translation signal (examples, not a rate)",
        mt_report(data["apr_translated"]),
    ]
    sections += ["### Seeds corpus", seeds_report(cfg)]
    if args.scale:
        sections += ["### Scale (whole stage, one process)", scale_report(args.scale)]
    report = "\n\n".join(sections) + "\n"
    print(report)
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "reuse.md").write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
