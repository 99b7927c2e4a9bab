"""What amounts measure on wire sentences: the hand-annotated ``tests/data/measures_wire.json``.

115 amounts of money in sentences that name two states (Reuters-21578 and BBC), each with the
measure a reader gives it. Each sentence goes through the whole extract stage alone
(:func:`dyadwatch.extract.pipeline.code_sentence`, which parses it); the claim whose value is
within 0.5 % of the annotated amount gives the measure. Beside it, the measure of the nearest
keyword alone (what the stage gives a sentence it does not parse). Accuracy is reported per
part: ``dev`` was read while the rules were written, ``fresh`` was drawn after they were
frozen. Writes ``benchmarks/results/measures_wire.md``; exits quietly when the shared data is
absent.

    python benchmarks/measures_wire.py [--misses]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from figures_wire import NEWS, REPO, close, corpus_texts  # noqa: E402

SET = REPO / "tests" / "data" / "measures_wire.json"


@dataclass(slots=True)
class PartScore:
    amounts: int = 0
    by_parse: int = 0
    by_keyword: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def parse_accuracy(self) -> float:
        return self.by_parse / self.amounts if self.amounts else 0.0

    @property
    def keyword_accuracy(self) -> float:
        return self.by_keyword / self.amounts if self.amounts else 0.0


def score() -> dict[str, PartScore]:
    from dyadwatch.extract.figures import _measure, find_figures
    from dyadwatch.extract.pipeline import code_sentence

    data = json.loads(SET.read_text(encoding="utf-8"))["amounts"]
    texts: dict[str, str] = {}
    for corpus in {a["corpus"] for a in data}:
        texts |= corpus_texts(corpus, {a["doc"] for a in data if a["corpus"] == corpus})
    parts: dict[str, PartScore] = defaultdict(PartScore)
    for a in data:
        span = texts[a["doc"]][a["start"] : a["end"]]
        if hashlib.sha256(span.encode("utf-8")).hexdigest()[:16] != a["sha256"]:
            raise SystemExit(f"{SET.name}: {a['doc']} {a['start']}:{a['end']} changed")
        text = " ".join(span.split())  # as the clean stage joins hard-wrapped lines
        value, want = float(a["value"]), a["measure"]
        claims = [c for c in code_sentence(text).claims if c.unit == "currency"]
        parsed = next((c.measure for c in claims if close(c.value, value)), None)
        figs = [f for f in find_figures(text) if f.unit == "currency" and close(f.value, value)]
        keyword = _measure(text, figs[0], 0, len(text))[0] if figs else None
        part = parts[a["part"]]
        part.amounts += 1
        part.by_parse += parsed == want
        part.by_keyword += keyword == want
        if parsed != want:
            part.misses.append(f"{a['part']} want {want}, got {parsed}: {text[:110]!r}")
    return dict(parts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--misses", action="store_true", help="print the amounts measured wrongly")
    args = ap.parse_args()
    if not NEWS.exists():
        print(f"shared data absent: {NEWS}", file=sys.stderr)
        return
    parts = score()
    rows = [
        f"| {name} | {p.amounts} | {p.keyword_accuracy:.2f} ({p.by_keyword}) | "
        f"**{p.parse_accuracy:.2f}** ({p.by_parse}) |"
        for name, p in sorted(parts.items())
    ]
    table = "\n".join(
        [
            f"What amounts measure in {SET.name} (Reuters-21578 and BBC sentences naming two"
            " states)",
            "",
            "| part | amounts | nearest keyword | the parse (the extract stage) |",
            "|---|---|---|---|",
            *rows,
        ]
    )
    print(table)
    if args.misses:
        print("\n".join(m for p in parts.values() for m in p.misses))
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "measures_wire.md").write_text(table + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
