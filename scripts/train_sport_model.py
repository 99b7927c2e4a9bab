"""Train the sport-story detector of the extract stage (``extract/genre.py``).

In a sport story country names are teams and players stand for their nations: "France beat
Ireland", "New Zealand's visit to Wales", "Federer, who beat him". Coded as acts between
states they are noise, so the extract stage codes no events in a story it judges to be
about sport. This script trains that judgement:

* **positives**: the BBC stories of the ``sport`` section
  (``../shared/corpus/news/bbc_news_2225``, section labels from the dataset);
* **negatives**: the BBC stories of the other four sections (business, entertainment,
  politics, tech) and every Reuters-21578 story (economic and political wire news of 1987,
  with no sport section).

Features are the words of the story (lower case, present or not); the 3,000 words that say
most about the label (chi-squared) are kept, and a logistic regression with balanced class
weights is fitted on them. The model shipped is trained on everything and is small: the
3,000 words and their weights, no text. ``--folds 2`` first scores it out of fold: the stories
are split in two by a hash of their id, and each half is judged by a model trained on the
other. Research data is read from ``../shared`` and never copied.

    .venv/bin/python scripts/train_sport_model.py --folds 2    # ~1 min
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
import warnings
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
BBC = SHARED / "corpus" / "news" / "bbc_news_2225" / "articles.jsonl.gz"
REUTERS = SHARED / "corpus" / "news" / "reuters21578" / "articles.jsonl.gz"
VOA = SHARED / "corpus" / "news" / "voa" / "voa_stories.jsonl"
OUT = ROOT / "src" / "dyadwatch" / "extract" / "data" / "sport_model.json.gz"
REPORT = ROOT / "benchmarks" / "results" / "sport_model.md"

sys.path.insert(0, str(ROOT / "src"))
from dyadwatch.extract.genre import SPORT_THRESHOLD, WORD, probability  # noqa: E402

WORDS = 3000
C = 0.3


def _records(path: Path) -> list[dict[str, Any]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return [r for line in fh if (r := json.loads(line)).get("text")]


def corpus() -> tuple[list[str], list[str], np.ndarray]:
    """Ids, texts and labels (True: a sport story) of the training stories."""
    bbc, reuters = _records(BBC), _records(REUTERS)
    ids = [r["id"] for r in bbc] + [r["id"] for r in reuters]
    texts = [r["text"] for r in bbc] + [r["text"] for r in reuters]
    labels = [r.get("category") == "sport" for r in bbc] + [False] * len(reuters)
    return ids, texts, np.array(labels)


def fit(texts: list[str], labels: np.ndarray) -> dict[str, Any]:
    """The model as shipped: the kept words, their weights and the intercept."""
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.feature_selection import SelectKBest, chi2
    from sklearn.linear_model import LogisticRegression

    vec = CountVectorizer(lowercase=True, min_df=3, binary=True, token_pattern=WORD.pattern)
    x = vec.fit_transform(texts)
    keep = SelectKBest(chi2, k=min(WORDS, x.shape[1])).fit(x, labels)
    words = vec.get_feature_names_out()[keep.get_support()]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = LogisticRegression(C=C, class_weight="balanced", max_iter=5000)
        model.fit(keep.transform(x), labels)
    order = np.argsort(words)
    return {
        "words": [str(w) for w in words[order]],
        "weights": [round(float(w), 5) for w in model.coef_[0][order]],
        "intercept": round(float(model.intercept_[0]), 5),
    }


def score(model: dict[str, Any], texts: list[str]) -> np.ndarray:
    """Probabilities of the model in its shipped form, as the extract stage computes them."""
    weights = dict(zip(model["words"], model["weights"], strict=True))
    return np.array([probability(weights, model["intercept"], t) for t in texts])


def _half(doc_id: str) -> int:
    return int(hashlib.sha256(doc_id.encode("utf-8")).hexdigest(), 16) % 2


def out_of_fold(ids: list[str], texts: list[str], labels: np.ndarray) -> list[dict[str, int]]:
    """Two folds by a hash of the id: for each, the BBC stories of the other half judged
    (sport stories found, missed, other stories flagged) and the Reuters and VOA stories
    flagged, by a model trained on this half."""
    voa = [r["text"] for r in _records(VOA)] if VOA.exists() else []
    halves = np.array([_half(i) for i in ids])
    bbc = np.array([i.startswith("bbc-") for i in ids])
    folds = []
    for k in (0, 1):
        train = halves == k
        model = fit([t for t, m in zip(texts, train, strict=True) if m], labels[train])
        test = ~train
        p = score(model, [t for t, m in zip(texts, test, strict=True) if m])
        flagged, truth, in_bbc = p >= SPORT_THRESHOLD, labels[test], bbc[test]
        folds.append(
            {
                "sport": int(truth.sum()),
                "found": int((flagged & truth).sum()),
                "missed": int((~flagged & truth).sum()),
                "others": int((~truth & in_bbc).sum()),
                "others_flagged": int((flagged & ~truth & in_bbc).sum()),
                "reuters": int((~in_bbc).sum()),
                "reuters_flagged": int((flagged & ~in_bbc).sum()),
                "voa": len(voa),
                "voa_flagged": int((score(model, voa) >= SPORT_THRESHOLD).sum()) if voa else 0,
            }
        )
    return folds


def table(folds: list[dict[str, int]]) -> list[str]:
    rows = [
        "| fold | BBC sport stories | precision | recall | BBC others flagged "
        "| Reuters flagged | VOA flagged |",
        "|---|---|---|---|---|---|---|",
    ]
    for k, f in enumerate(folds, 1):
        precision = f["found"] / max(f["found"] + f["others_flagged"], 1)
        recall = f["found"] / max(f["sport"], 1)
        rows.append(
            f"| {k} | {f['sport']} | {precision:.3f} | {recall:.3f}"
            f" | {f['others_flagged']} of {f['others']} | {f['reuters_flagged']} of {f['reuters']}"
            f" | {f['voa_flagged']} of {f['voa']} |"
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", type=int, choices=(0, 2), default=0, help="score 2 folds first")
    args = parser.parse_args()
    if not BBC.exists() or not REUTERS.exists():
        print(f"needs {BBC} and {REUTERS}; nothing trained")
        return
    ids, texts, labels = corpus()
    if args.folds:
        rows = table(out_of_fold(ids, texts, labels))
        REPORT.parent.mkdir(parents=True, exist_ok=True)
        head = f"Sport-story detector, out of fold (threshold {SPORT_THRESHOLD})\n\n"
        REPORT.write_text(head + "\n".join(rows) + "\n", encoding="utf-8")
        print(head + "\n".join(rows))
    model = fit(texts, labels)
    data = json.dumps(model, separators=(",", ":")).encode("utf-8")
    OUT.write_bytes(gzip.compress(data, mtime=0))  # the same model, the same bytes
    print(f"{len(model['words'])} words → {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
