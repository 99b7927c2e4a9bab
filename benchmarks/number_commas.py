"""How edited news writes a comma inside an amount: the evidence behind the figure rules.

The figure reader (``dyadwatch.extract.figures``) takes a comma followed by one or two digits
and a scale word ("411,4 million", "1,4 mln") for a decimal comma, because a thousands group
always has three digits; it leaves unread an amount cut by a comma *and a space* before a
scale word ("$411, 4 million": a decimal comma with a stray space, or two items of a list),
and it does not read a currency code after a scale word and a full stop ("580 million. USD").
This script counts each form in the English news corpora under ../shared/corpus/news/
(Reuters-21578, BBC, VOA), lists the decimal-comma cases with what ``find_figures`` reads
there, and the spaced and full-stop forms if any. Writes Markdown to stdout and to
benchmarks/results/number_commas.md.

    python benchmarks/number_commas.py
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from dyadwatch.extract.figures import find_figures

HERE = Path(__file__).resolve().parent
NEWS = HERE.parent.parent / "shared" / "corpus" / "news"
CORPORA = {
    "Reuters-21578": NEWS / "reuters21578" / "articles.jsonl.gz",
    "BBC": NEWS / "bbc_news_2225" / "articles.jsonl.gz",
    "VOA": NEWS / "voa" / "voa_stories.jsonl",
}
_SCALE = r"(?:million|billion|thousand|trillion|mln|bln|bn|crore|lakh)\b"
FORMS = {
    "thousands group (3 digits)": re.compile(
        rf"(?<![\d,.])\d{{1,3}}(?:,\d{{3}})+\s?{_SCALE}", re.I
    ),
    "decimal comma (1–2 digits)": re.compile(rf"(?<![\d,.])\d+,\d{{1,2}}(?!\d)\s?{_SCALE}", re.I),
    "comma and space (1–2 digits)": re.compile(rf"\d,\s\d{{1,2}}\s?{_SCALE}", re.I),
    "scale, full stop, currency code": re.compile(rf"\d\s?{_SCALE}\.\s?[A-Z]{{3}}\b"),
}


def texts(path: Path) -> Iterator[str]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line).get("text") or ""
            if text.strip():
                yield text


def main() -> int:
    found = {name: path for name, path in CORPORA.items() if path.exists()}
    if not found:
        print(f"news corpora not found under {NEWS}", file=sys.stderr)
        return 1
    rows = []
    cases = []
    for name, path in found.items():
        counts = dict.fromkeys(FORMS, 0)
        n = 0
        for text in texts(path):
            n += 1
            for form, pattern in FORMS.items():
                for m in pattern.finditer(text):
                    counts[form] += 1
                    if not form.startswith("thousands"):
                        lo, hi = max(0, m.start() - 50), min(len(text), m.end() + 30)
                        while lo > 0 and not text[lo - 1].isspace():
                            lo -= 1  # whole words: "250 mln", not "0 mln"
                        context = " ".join(text[lo:hi].split())
                        read = [(f.text, f.value, f.currency) for f in find_figures(context)]
                        cases.append(f"- {name}, {form}: “…{context}…” → read as {read}")
        rows.append(f"| {name} | {n:,} | " + " | ".join(str(counts[f]) for f in FORMS) + " |")
    head = "| corpus | articles | " + " | ".join(FORMS) + " |"
    report = "\n".join(
        [
            "Commas and full stops inside amounts before a scale word, in edited English news:",
            "",
            head,
            "|" + "---|" * (len(FORMS) + 2),
            *rows,
            "",
            "Every case other than a thousands group:",
            "",
            *(cases or ["- none"]),
        ]
    )
    print(report)
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "number_commas.md").write_text(report + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
