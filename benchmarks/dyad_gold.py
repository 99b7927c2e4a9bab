"""Dyad golds stored as character offsets: rebuild them from the corpora and score them.

The golds in ``benchmarks/dyad_gold/`` follow the schema of ``../shared/benchmarks/dyad_gold/``
(see the README and the docstring of ``score.py`` there), with one difference: the corpus texts
may not be copied into this repository, so every quote (event evidence, prospective mentions,
statements not events, figures) is stored as ``{"doc", "start", "end", "sha1"}`` — the slice
``text[start:end]`` of the record's ``text`` field (Python string indices) and the first 12 hex
digits of the SHA-1 of that slice, which catches a corpus that differs from the annotated one.
``corpus_id`` names the corpus (``reuters21578`` or ``voa``).

For each gold this script fills the quotes in from the corpus (checking every offset), writes
the result to a temporary directory (with, for VOA, a corpus file whose ``date`` is the
story's ``published``, the field dyadwatch reads), runs the shared ``score.py`` on it and
prints its output. The ``_test`` golds were annotated for estimating held-out quality: they
are never to be used for tuning. A ``_dev`` gold is a development gold, tuned on like the
shared one.

    .venv/bin/python benchmarks/dyad_gold.py           # every stored gold + the shared dev gold
    .venv/bin/python benchmarks/dyad_gold.py --quiet reuters_kwt_usa_test
    .venv/bin/python benchmarks/dyad_gold.py --check   # verify the offsets only
    .venv/bin/python benchmarks/dyad_gold.py --store quoted.json --corpus-id voa --name NAME

``--store`` turns a gold written with quotes into the stored form (each quote must occur in its
story's text; the first occurrence is used). Exit status 1 when a gold cannot be rebuilt or
scored, 0 otherwise (whether or not the goals are met); a notice and 0 when ``../shared`` is
absent.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = REPO.parent / "shared"
SHARED_GOLDS = SHARED / "benchmarks" / "dyad_gold"
SCORE = SHARED_GOLDS / "score.py"
STORED = HERE / "dyad_gold"
DYADWATCH = REPO / ".venv" / "bin" / "dyadwatch"
SHARED_DEFAULT = ("reuters_grc_tur_dev",)
# corpus_id -> (file under ../shared, field that holds the story date)
CORPORA = {
    "reuters21578": ("corpus/news/reuters21578/articles.jsonl.gz", "date"),
    "voa": ("corpus/news/voa/voa_stories.jsonl", "published"),
}
READER_FIELDS = ("id", "title", "text", "url", "source")  # dyadwatch's JSONL reader, with date

Node = Any


class GoldError(Exception):
    """A gold that cannot be stored or rebuilt."""


def digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def read_records(path: Path, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The records of a JSONL(.gz) corpus whose ``id`` is in ``ids``."""
    want = set(ids)
    opener = gzip.open if path.suffix == ".gz" else open
    found: dict[str, dict[str, Any]] = {}
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            record = json.loads(line)
            if str(record.get("id")) in want:
                found[str(record["id"])] = record
    missing = sorted(want - found.keys())
    if missing:
        raise GoldError(f"{len(missing)} doc ids not in {path}: {', '.join(missing[:5])}")
    return found


def walk(node: Node, fn: Callable[[dict[str, Any]], dict[str, Any]]) -> Node:
    """``node`` with ``fn`` applied to every dict in it, depth first from the top."""
    if isinstance(node, dict):
        return {key: walk(value, fn) for key, value in fn(node).items()}
    if isinstance(node, list):
        return [walk(item, fn) for item in node]
    return node


def to_offsets(gold: dict[str, Any], texts: dict[str, str]) -> tuple[dict[str, Any], list[str]]:
    """The gold with each ``{doc, quote}`` replaced by offsets; also the warnings."""
    warnings: list[str] = []

    def replace(entry: dict[str, Any]) -> dict[str, Any]:
        if "quote" not in entry or "doc" not in entry:
            return entry
        doc, quote = str(entry["doc"]), entry["quote"]
        text = texts.get(doc)
        if text is None:
            raise GoldError(f"quote of {doc}, which is not a doc id of the gold: {quote[:60]!r}")
        start = text.find(quote) if quote else -1
        if start < 0:
            raise GoldError(f"quote not in the text of {doc}: {quote[:60]!r}")
        if text.count(quote) > 1:
            warnings.append(f"{doc}: quote occurs more than once, first taken: {quote[:60]!r}")
        out: dict[str, Any] = {}
        for key, value in entry.items():
            if key == "quote":
                out.update(start=start, end=start + len(quote), sha1=digest(quote))
            else:
                out[key] = value
        return out

    return walk(gold, replace), warnings


def from_offsets(gold: dict[str, Any], texts: dict[str, str]) -> dict[str, Any]:
    """The gold with each ``{doc, start, end, sha1}`` replaced by ``{doc, quote}``."""
    problems: list[str] = []

    def fill(entry: dict[str, Any]) -> dict[str, Any]:
        if not {"doc", "start", "end"} <= entry.keys() or "quote" in entry:
            return entry
        doc, start, end = str(entry["doc"]), entry["start"], entry["end"]
        text = texts.get(doc)
        if text is None:
            problems.append(f"{doc}: not a doc id of the gold")
            return entry
        ok = isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)
        quote = text[start:end] if ok else ""
        if not ok or ("sha1" in entry and digest(quote) != entry["sha1"]):
            problems.append(f"{doc} [{start}:{end}]: offsets do not give the annotated quote")
            return entry
        out: dict[str, Any] = {}
        for key, value in entry.items():
            if key == "start":
                out["quote"] = quote
            elif key not in {"end", "sha1"}:
                out[key] = value
        return out

    rebuilt = walk(gold, fill)
    if problems:
        raise GoldError("; ".join(problems[:5]) + (" ..." if len(problems) > 5 else ""))
    return rebuilt


def corpus_of(gold: dict[str, Any]) -> tuple[Path, str]:
    corpus_id = gold.get("corpus_id")
    if corpus_id not in CORPORA:
        raise GoldError(f"unknown corpus_id {corpus_id!r} (known: {', '.join(CORPORA)})")
    relative, date_field = CORPORA[corpus_id]
    return SHARED / relative, date_field


def rebuild(name: str, workdir: Path) -> tuple[Path, Path | None]:
    """A score.py gold in ``workdir`` and the corpus to score it with (None: score.py's own)."""
    gold = json.loads((STORED / f"{name}.json").read_text(encoding="utf-8"))
    path, date_field = corpus_of(gold)
    records = read_records(path, gold["doc_ids"])
    texts = {doc: str(record.get("text") or "") for doc, record in records.items()}
    out = workdir / f"{name}.json"
    out.write_text(json.dumps(from_offsets(gold, texts), ensure_ascii=False, indent=1), "utf-8")
    if date_field == "date" and path.suffix == ".gz":
        return out, path
    corpus = workdir / f"{name}.corpus.jsonl.gz"  # score.py reads gzip
    with gzip.open(corpus, "wt", encoding="utf-8") as f:
        for doc in gold["doc_ids"]:
            record = records[str(doc)]
            row = {key: record[key] for key in READER_FIELDS if record.get(key) is not None}
            row["id"] = str(doc)
            row["date"] = record.get(date_field)
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    return out, corpus


def score(name: str, gold: Path, corpus: Path | None, quiet: bool) -> str | None:
    """Run score.py; print its output; return its summary line (None when it failed)."""
    cmd = [sys.executable, str(SCORE), str(gold), "--dyadwatch", str(DYADWATCH)]
    if corpus is not None:
        cmd += ["--corpus", str(corpus)]
    if quiet:
        cmd.append("--quiet")
    run = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
    print(run.stdout, end="", flush=True)
    summary = [line for line in run.stdout.splitlines() if line.startswith(f"{name}: events")]
    if not summary:
        err = (run.stderr or run.stdout).strip()[-500:]
        print(f"{name}: score.py failed (rc={run.returncode}): {err}", file=sys.stderr)
        return None
    return summary[-1]


def stored_names() -> list[str]:
    return sorted(path.stem for path in STORED.glob("*.json"))


def store(source: Path, corpus_id: str, name: str | None) -> int:
    gold = json.loads(source.read_text(encoding="utf-8"))
    gold["corpus_id"] = corpus_id
    path, _ = corpus_of(gold)
    records = read_records(path, gold["doc_ids"])
    texts = {doc: str(record.get("text") or "") for doc, record in records.items()}
    stored, warnings = to_offsets(gold, texts)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    from_offsets(stored, texts)  # round trip
    target = STORED / f"{name or source.stem}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(stored, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"stored {target.relative_to(REPO)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="golds to score (default: all, see above)")
    parser.add_argument("--quiet", action="store_true", help="print the summary lines only")
    parser.add_argument("--check", action="store_true", help="rebuild and verify, do not score")
    parser.add_argument("--store", type=Path, help="a gold with quotes to store as offsets")
    parser.add_argument("--corpus-id", choices=sorted(CORPORA), help="corpus of --store")
    parser.add_argument("--name", help="stored name for --store (default: the file's stem)")
    args = parser.parse_args(argv)
    if not SCORE.exists():
        print(f"skipped: shared data not found ({SCORE} is absent); nothing to score")
        return 0
    try:
        if args.store is not None:
            if args.corpus_id is None:
                parser.error("--store needs --corpus-id")
            return store(args.store, args.corpus_id, args.name)
    except GoldError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1

    names = args.names or [*stored_names(), *SHARED_DEFAULT]
    summaries: list[str] = []
    failed = 0
    with tempfile.TemporaryDirectory(prefix="dyad_gold_") as tmp:
        for name in names:
            try:
                if (STORED / f"{name}.json").exists():
                    gold, corpus = rebuild(name, Path(tmp))
                elif (SHARED_GOLDS / f"{name}.json").exists():
                    gold, corpus = SHARED_GOLDS / f"{name}.json", None
                else:
                    raise GoldError(f"no gold named {name!r} in {STORED} or {SHARED_GOLDS}")
            except GoldError as exc:
                print(f"{name}: error: {exc}", file=sys.stderr)
                failed += 1
                continue
            if args.check:
                kind = "offsets verified" if corpus is not None else "shared gold, quotes as given"
                print(f"{name}: {kind}")
                continue
            line = score(name, gold, corpus, args.quiet)
            if line is None:
                failed += 1
            else:
                summaries.append(line)
    if len(summaries) > 1 and not args.quiet:
        print("\nsummary:")
        print("\n".join(summaries))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
