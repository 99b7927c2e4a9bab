"""Money amounts on real wire sentences: the hand-annotated set ``tests/data/figures_wire.json``.

Forty sentences drawn at random from Reuters-21578 and BBC stories, every amount written with a
currency sign, code or word annotated as (value, ISO code). The texts stay in
``../shared/corpus/news/``; the set keeps offsets and a hash of each span. Each sentence goes
through :func:`dyadwatch.extract.figures.extract_claims` alone; an amount counts when a claim
has its currency and a value within 0.5 %. Prints precision and recall over all amounts and
writes ``benchmarks/results/figures_wire.md``; exits quietly when the shared data is absent.

    python benchmarks/figures_wire.py
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SET = REPO / "tests" / "data" / "figures_wire.json"
NEWS = REPO.parent / "shared" / "corpus" / "news"


@dataclass(slots=True)
class WireScore:
    amounts: int = 0
    found: int = 0
    claims: int = 0
    right: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.amounts if self.amounts else 0.0

    @property
    def precision(self) -> float:
        return self.right / self.claims if self.claims else 0.0


def corpus_texts(corpus: str, ids: set[str]) -> dict[str, str]:
    """The ``text`` of the records ``ids`` of one corpus under ../shared/corpus/news/."""
    out: dict[str, str] = {}
    with gzip.open(NEWS / corpus / "articles.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["id"] in ids:
                out[rec["id"]] = rec.get("text") or ""
    return out


def close(a: float, b: float) -> bool:
    """Within 0.5 % of ``b``."""
    return abs(a - b) <= 0.005 * max(abs(b), 1e-9)


def score() -> WireScore:
    from dyadwatch.extract.figures import extract_claims
    from dyadwatch.model import Document

    data = json.loads(SET.read_text(encoding="utf-8"))["sentences"]
    texts: dict[str, str] = {}
    for corpus in {s["corpus"] for s in data}:
        texts |= corpus_texts(corpus, {s["doc"] for s in data if s["corpus"] == corpus})
    result = WireScore()
    for s in data:
        span = texts[s["doc"]][s["start"] : s["end"]]
        if hashlib.sha256(span.encode("utf-8")).hexdigest()[:16] != s["sha256"]:
            raise SystemExit(f"{SET.name}: {s['doc']} {s['start']}:{s['end']} changed")
        doc = Document(s["doc"], s["doc"], s["corpus"], span)
        claims = [c for c in extract_claims(doc, [], []) if c.unit == "currency"]
        want = [(float(v), str(c)) for v, c in s["amounts"]]
        result.amounts += len(want)
        result.claims += len(claims)
        for value, code in want:
            if any(c.currency == code and close(c.value, value) for c in claims):
                result.found += 1
            else:
                result.misses.append(f"missed {value:g} {code}: {span.strip()[:90]!r}")
        for c in claims:
            ok = any(c.currency == code and close(c.value, value) for value, code in want)
            result.right += ok
            if not ok:
                result.misses.append(f"extra {c.value:g} {c.currency}: {span.strip()[:90]!r}")
    return result


def main() -> None:
    if not NEWS.exists():
        print(f"shared data absent: {NEWS}", file=sys.stderr)
        return
    r = score()
    table = "\n".join(
        [
            f"Money amounts in {SET.name} (40 sentences, Reuters-21578 and BBC)",
            "",
            "| amounts | found | recall | claims | right | precision |",
            "|---|---|---|---|---|---|",
            f"| {r.amounts} | {r.found} | **{r.recall:.2f}** | {r.claims} | {r.right} | "
            f"**{r.precision:.2f}** |",
        ]
    )
    print(table)
    print("\n".join(r.misses))
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "figures_wire.md").write_text(table + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
