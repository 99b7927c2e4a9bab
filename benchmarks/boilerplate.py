"""Boilerplate removal on HTML: dyadwatch's clean stage side by side with trafilatura.

Scores the main-text extraction on the two development sets under
../shared/benchmarks/boilerplate/, the way their READMEs describe:

* scrapinghub_aeb: word 4-gram shingles of the output against the gold article body;
  per-page precision/recall (with the upstream special cases), averaged over pages,
  F1 of the two means; accuracy = share of pages whose ``\\w+`` tokens equal the gold's.
* trafilatura_eval: must-contain ("with") and must-not-contain ("without") segments looked
  up in the whitespace-normalised output, micro-averaged over all pages.

The anchor row is trafilatura 2.3.1 with the evaluation settings
(``extract(html, include_comments=False, include_tables=True)``) on the raw bytes. The other
rows are the variants measured to choose the clean stage's settings; the last is what
``dyadwatch.clean.clean_document`` does. dyadwatch sees the page as the reader hands it
over, a decoded string; it is decoded here with trafilatura's own decoder so that every row
reads the same characters. A table of title/date accuracy on the trafilatura_eval pages that
carry metadata follows.

A second table checks the plain-text path (the line filter alone) on the same pages turned
into full-page text, navigation, teasers and footers included (block elements become lines,
scripts and styles dropped): the furniture-heavy extreme of what a text file can carry.

Writes Markdown to stdout and to benchmarks/results/boilerplate.md.

    python benchmarks/boilerplate.py [--limit N] [--processes N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DATA = REPO.parent / "shared" / "benchmarks" / "boilerplate"
RESULTS = HERE / "results" / "boilerplate.md"
DATASETS = ("scrapinghub_aeb", "trafilatura_eval")
_TOKEN = re.compile(r"\w+")
_SPACES = re.compile(r"\s+")
OURS = "dyadwatch clean_document"
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # "discarding data" per empty page


# -- data ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Page:
    """One benchmark page with its gold annotations."""

    page_id: str
    html: bytes
    gold_body: str | None
    gold_with: tuple[str, ...] = ()
    gold_without: tuple[str, ...] = ()
    title: str | None = None
    date: str | None = None


def load_pages(dataset: str, limit: int | None = None) -> list[Page]:
    """The dev pages of one dataset (``scrapinghub_aeb`` or ``trafilatura_eval``)."""
    root = DATA / dataset
    pages = []
    with (root / "gold.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            meta = row.get("upstream_metadata") or {}
            pages.append(
                Page(
                    page_id=row["id"],
                    html=gzip.decompress((root / row["html_file"]).read_bytes()),
                    gold_body=row.get("gold_body"),
                    gold_with=tuple(row.get("gold_with") or ()),
                    gold_without=tuple(row.get("gold_without") or ()),
                    title=meta.get("title") or None,
                    date=meta.get("date") or None,
                )
            )
            if limit and len(pages) >= limit:
                break
    return pages


# -- scoring ------------------------------------------------------------------------------


def shingles(text: str, size: int = 4) -> Counter[tuple[str, ...]]:
    """Multiset of word ``size``-grams; a shorter text gives one shorter shingle."""
    tokens = _TOKEN.findall(text)
    if not tokens:
        return Counter()
    if len(tokens) < size:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def score_shingles(golds: list[str], predictions: list[str]) -> dict[str, float]:
    """Scrapinghub AEB metric: mean per-page shingle precision/recall, F1 of the means."""
    precisions, recalls, exact = [], [], 0
    for gold, pred in zip(golds, predictions, strict=True):
        g, p = shingles(gold), shingles(pred)
        tp, fp, fn = sum((g & p).values()), sum((p - g).values()), sum((g - p).values())
        if tp + fp > 0:
            precisions.append(1.0 if fp == fn == 0 else tp / (tp + fp))
        if tp + fn > 0:
            recalls.append(1.0 if fp == fn == 0 else tp / (tp + fn))
        exact += _TOKEN.findall(gold) == _TOKEN.findall(pred)
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    return _prf(precision, recall) | {"accuracy": exact / len(golds) if golds else 0.0}


def score_segments(pages: list[Page], predictions: list[str]) -> dict[str, float]:
    """trafilatura_eval metric: micro-averaged must/must-not-contain segment counts."""
    tp = fp = fn = tn = 0
    for page, pred in zip(pages, predictions, strict=True):
        out = _SPACES.sub(" ", pred).strip()
        for segment in page.gold_with:
            found = bool(out) and _SPACES.sub(" ", segment).strip() in out
            tp, fn = tp + found, fn + (not found)
        for segment in page.gold_without:
            found = bool(out) and _SPACES.sub(" ", segment).strip() in out
            fp, tn = fp + found, tn + (not found)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    total = tp + fp + fn + tn
    return _prf(precision, recall) | {"accuracy": (tp + tn) / total if total else 0.0}


def _prf(precision: float, recall: float) -> dict[str, float]:
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"f1": f1, "precision": precision, "recall": recall}


def score(dataset: str, pages: list[Page], predictions: list[str]) -> dict[str, float]:
    """The dataset's own metric."""
    if dataset == "scrapinghub_aeb":
        return score_shingles([p.gold_body or "" for p in pages], predictions)
    return score_segments(pages, predictions)


# -- extractors ---------------------------------------------------------------------------


def _decode(html: bytes) -> str:
    from trafilatura.utils import decode_file

    return str(decode_file(html))


def _trafilatura(**options: Any) -> Callable[[bytes], str]:
    def run(html: bytes) -> str:
        import trafilatura

        out = trafilatura.extract(html, include_comments=False, include_tables=True, **options)
        return out or ""

    return run


def _lines_after(fast: bool | None, edges: bool | None) -> Callable[[bytes], str]:
    """trafilatura as the clean stage calls it (fast, standard, or fast redone when short),
    followed by no line rules (``edges=None``), the zone-free rules or the full filter."""

    def run(html: bytes) -> str:
        from dyadwatch.clean.html import extract_html
        from dyadwatch.clean.lines import filter_lines
        from dyadwatch.clean.rules import load_rules

        rules = load_rules()
        page = extract_html(_decode(html), fast=fast is not False)
        if fast is None and (page is None or len(page.text) < rules.thresholds.html_fast_min_chars):
            page = extract_html(_decode(html), fast=False) or page
        if page is None:
            return ""
        if edges is None:
            return page.text
        return "\n\n".join(filter_lines(page.text, rules, page.title, edges=edges).kept)

    return run


_BLOCKS = frozenset(
    {"address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption"}
    | {"figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li"}
    | {"main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "title", "tr", "ul"}
)


def page_text(html: bytes) -> str:
    """The whole page as text: one line per block element, no scripts or styles."""
    from lxml import html as lxml_html  # type: ignore[import-untyped]

    parser = lxml_html.HTMLParser(encoding="utf-8")
    try:
        tree = lxml_html.fromstring(_decode(html).encode("utf-8"), parser=parser)
    except (ValueError, TypeError):
        return ""
    for node in tree.xpath("//script|//style|//noscript|//template|//svg|//iframe"):
        node.drop_tree()
    parts: list[str] = []
    for event, node in lxml_html.etree.iterwalk(tree, events=("start", "end")):
        if not isinstance(node.tag, str):
            if event == "end" and node.tail:
                parts.append(node.tail)
            continue
        if node.tag in _BLOCKS:
            parts.append("\n")
        if event == "start" and node.text:
            parts.append(node.text)
        if event == "end" and node.tail:
            parts.append(node.tail)
    return "\n".join(" ".join(line.split()) for line in "".join(parts).split("\n"))


def _full_page(html: bytes) -> str:
    return page_text(html)


def _full_page_cleaned(html: bytes) -> str:
    from dyadwatch.clean import clean_document
    from dyadwatch.config import Config
    from dyadwatch.model import Document, RawDocument

    raw = RawDocument(path="page.txt", content=page_text(html), fmt="text")
    doc = clean_document(raw, Config())
    return doc.text if isinstance(doc, Document) else ""


def dyadwatch_text(html: bytes) -> str:
    return _clean(html)[0]


def _clean(html: bytes) -> tuple[str, str | None, str | None]:
    from dyadwatch.clean import clean_document
    from dyadwatch.config import Config
    from dyadwatch.model import Document, RawDocument

    doc = clean_document(RawDocument(path="page.html", content=_decode(html), fmt="html"), Config())
    if isinstance(doc, Document):
        return doc.text, doc.title, doc.date
    return "", None, None


VARIANTS: dict[str, Callable[[bytes], str]] = {
    "trafilatura 2.3.1 standard (anchor)": _trafilatura(),
    "trafilatura fast": _trafilatura(fast=True),
    "trafilatura favor_precision": _trafilatura(favor_precision=True),
    "trafilatura favor_recall": _trafilatura(favor_recall=True),
    "standard + line rules (zone-free)": _lines_after(fast=False, edges=False),
    "fast + line rules (zone-free)": _lines_after(fast=True, edges=False),
    "fast, redone with fallbacks when short": _lines_after(fast=None, edges=None),
    "… + full line filter (header/footer zones)": _lines_after(fast=None, edges=True),
    OURS: dyadwatch_text,
}
TEXT_VARIANTS: dict[str, Callable[[bytes], str]] = {
    "full-page text, no cleaning": _full_page,
    "**full-page text → clean_document (text path)**": _full_page_cleaned,
}


def _run_page(html: bytes) -> tuple[dict[str, str], float, tuple[str | None, str | None]]:
    outputs = {name: run(html) for name, run in VARIANTS.items() if name != OURS}
    outputs |= {name: run(html) for name, run in TEXT_VARIANTS.items()}
    started = time.perf_counter()
    text, title, date = _clean(html)
    outputs[OURS] = text
    return outputs, time.perf_counter() - started, (title, date)


# -- report -------------------------------------------------------------------------------


def _norm_title(title: str | None) -> str:
    return " ".join((title or "").casefold().split())


def _metadata_table(pages: list[Page], meta: list[tuple[str | None, str | None]]) -> list[str]:
    titled = [(p, m) for p, m in zip(pages, meta, strict=True) if p.title]
    dated = [(p, m) for p, m in zip(pages, meta, strict=True) if p.date]
    title_ok = sum(_norm_title(p.title) == _norm_title(m[0]) for p, m in titled)
    date_ok = sum((p.date or "")[:10] == (m[1] or "") for p, m in dated)
    return [
        "| field | pages with gold | exact match |",
        "|---|---|---|",
        f"| title (case-folded, spaces collapsed) | {len(titled)} | {_share(title_ok, titled)} |",
        f"| date (YYYY-MM-DD) | {len(dated)} | {_share(date_ok, dated)} |",
    ]


def _share(hits: int, items: list[Any]) -> str:
    return f"{hits / len(items):.3f}" if items else "n/a"


def run(limit: int | None, processes: int) -> str:
    """Score every variant on every dataset; the Markdown report."""
    rows: dict[str, dict[str, dict[str, float]]] = {name: {} for name in VARIANTS}
    text_rows: dict[str, dict[str, dict[str, float]]] = {name: {} for name in TEXT_VARIANTS}
    seconds: dict[str, float] = {}
    meta_lines: list[str] = []
    counts: dict[str, int] = {}
    for dataset in DATASETS:
        pages = load_pages(dataset, limit)
        counts[dataset] = len(pages)
        with ProcessPoolExecutor(processes) as pool:
            results = list(pool.map(_run_page, [p.html for p in pages], chunksize=4))
        seconds[dataset] = sum(r[1] for r in results)
        for table in (rows, text_rows):
            for name in table:
                table[name][dataset] = score(dataset, pages, [r[0][name] for r in results])
        if dataset == "trafilatura_eval":
            meta_lines = _metadata_table(pages, [r[2] for r in results])
    timing = ", ".join(
        f"{d}: {1000 * seconds[d] / max(counts[d], 1):.0f} ms/page" for d in DATASETS
    )
    return (
        "\n".join(
            [
                "HTML (main-text extraction):",
                "",
                *_table(rows, counts),
                "",
                f"clean_document time per page (one process): {timing}.",
                "",
                "Title and date of clean_document on the trafilatura_eval pages that have them:",
                "",
                *meta_lines,
                "",
                "Plain text (the line filter on full-page text of the same pages):",
                "",
                *_table(text_rows, counts),
            ]
        )
        + "\n"
    )


def _table(rows: dict[str, dict[str, dict[str, float]]], counts: dict[str, int]) -> list[str]:
    head = " | ".join(f"{d} ({counts[d]} pages) F1 / P / R / acc" for d in DATASETS)
    lines = [f"| extractor | {head} |", "|---|" + "---|" * len(DATASETS)]
    for name, by_dataset in rows.items():
        cells = " | ".join(
            "{f1:.3f} / {precision:.3f} / {recall:.3f} / {accuracy:.3f}".format(**by_dataset[d])
            for d in DATASETS
        )
        label = f"**{name}**" if name == OURS else name
        lines.append(f"| {label} | {cells} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="pages per dataset")
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    if not DATA.exists():
        print(f"skipped: benchmark data not found at {DATA}")
        return 0
    sys.path.insert(0, str(REPO / "src"))
    report = run(args.limit, args.processes)
    print(report, end="")
    if args.limit is None:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
