"""Wire stories through the clean stage and the reuse signals: what is lost, what is flagged.

Reads the Reuters-21578 stories under ../shared/corpus/news/reuters21578/ (19,779 with body
text): professionally edited English newswire, neither spun nor machine-translated, hard-wrapped
at typewriter width, many of them signed off with a ``REUTER`` line. Two measurements:

* **Last sentence kept.** Each story goes through ``clean_document`` as a plain-text record
  (as the JSONL reader hands it over). Its closing sentence is the last sentence of its last
  paragraph (Reuters indents paragraphs), the sign-off line left out; stories that end in a
  table row rather than a sentence are not counted. The sentence is lost when its last eight
  words are not in the cleaned text (or the story was rejected). The removed line that held
  it gives the reason.
* **Spin and machine-translation flags.** ``spin_score`` and ``mt_score`` of the cleaned text,
  flagged from ``ReuseConfig.spin_threshold`` / ``mt_threshold`` (the thresholds the report
  and the reuse listing use). On this corpus every flag is a false positive.

Writes Markdown to stdout and to benchmarks/results/wire.md.

    python benchmarks/wire.py [--limit N] [--examples N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from dyadwatch.clean import clean_document
from dyadwatch.config import Config
from dyadwatch.model import Document, RawDocument
from dyadwatch.reuse import ReuseConfig
from dyadwatch.reuse.spin import load_lexicon, reuse_signal

HERE = Path(__file__).resolve().parent
REUTERS = HERE.parent.parent / "shared" / "corpus" / "news" / "reuters21578" / "articles.jsonl.gz"
RESULTS = HERE / "results" / "wire.md"

_SIGN_OFF = re.compile(r"\n[ \t]*reuter\W*$", re.IGNORECASE)
_PARAGRAPH = re.compile(r"\n(?=[ \t]+\S)")
_SENTENCE_END = re.compile(r"[.!?][\"')]*\s+(?=[\"'(]?[A-Z0-9])")
_CLOSED = re.compile(r"[.!?][\"')]*$")
KEY_WORDS = 8


def stories(limit: int | None = None) -> Iterator[tuple[str, str, str | None]]:
    """``(id, text, title)`` of every story with body text."""
    with gzip.open(REUTERS, "rt", encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            text = record.get("text") or ""
            if text.strip():
                yield record["id"], text, record.get("title")
                if limit is not None:
                    limit -= 1
                    if limit <= 0:
                        return


def closing_sentence(text: str) -> str | None:
    """The last sentence of the story's last paragraph, whitespace collapsed; None when the
    story ends in something other than a sentence (a table row, a figure)."""
    body = _SIGN_OFF.sub("", text.rstrip()).rstrip()
    last = " ".join(_PARAGRAPH.split(body)[-1].split())
    if not _CLOSED.search(last):
        return None
    ends = [m.end() for m in _SENTENCE_END.finditer(last)]
    sentence = last[ends[-1] :] if ends else last
    return sentence if len(sentence.split()) >= 3 else None


def _lost_reason(doc: Document, key: str) -> str:
    for line in doc.removed:
        flat = " ".join(line.text.split())
        if flat and (flat in key or key[-40:] in flat or flat[-20:] in key):
            return line.reason
    return "(not found among removed lines)"


@dataclass(slots=True)
class WireResult:
    """What :func:`measure` counts."""

    stories: int = 0
    with_sentence: int = 0
    lost: int = 0
    spun: int = 0
    translated: int = 0
    seconds: float = 0.0
    reasons: Counter[str] = field(default_factory=Counter)
    spin_evidence: Counter[str] = field(default_factory=Counter)
    mt_evidence: Counter[str] = field(default_factory=Counter)
    shown: list[str] = field(default_factory=list)


def measure(limit: int | None, examples: int) -> WireResult:
    cfg, reuse_cfg, lexicon = Config(), ReuseConfig(), load_lexicon()
    out = WireResult()
    started = time.perf_counter()
    for story_id, text, title in stories(limit):
        out.stories += 1
        raw = RawDocument(path=story_id, content=text, fmt="text", title=title)
        doc = clean_document(raw, cfg)
        cleaned = doc.text if isinstance(doc, Document) else ""
        sentence = closing_sentence(text)
        if sentence is not None:
            out.with_sentence += 1
            key = " ".join(sentence.split()[-KEY_WORDS:])
            if key not in " ".join(cleaned.split()):
                out.lost += 1
                why = _lost_reason(doc, key) if isinstance(doc, Document) else "rejected"
                out.reasons[why] += 1
                if len(out.shown) < examples:
                    out.shown.append(f"- {story_id} ({why}): “{sentence[-120:]}”")
        signal = reuse_signal(story_id, cleaned or text, lexicon)
        if signal.spin_score >= reuse_cfg.spin_threshold:
            out.spun += 1
            out.spin_evidence.update(e.split('"')[1] for e in signal.evidence if "spinner" in e)
        if signal.mt_score >= reuse_cfg.mt_threshold:
            out.translated += 1
            out.mt_evidence.update(
                e.split(":")[1].split("×")[0].strip()
                for e in signal.evidence
                if e.startswith("machine translation")
            )
    out.seconds = time.perf_counter() - started
    return out


def _share(n: int, of: int) -> str:
    return f"{n:,} (**{n / max(of, 1):.2%}**)"


def _listing(counts: Counter[str], limit: int | None = None) -> str:
    return ", ".join(f"{k} {v}" for k, v in counts.most_common(limit)) or "none"


def report(r: WireResult) -> str:
    cfg = ReuseConfig()
    lines = [
        f"Reuters-21578: {r.stories:,} stories with text, {r.seconds:.0f} s.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| stories ending in a sentence | {r.with_sentence:,} |",
        f"| closing sentence lost by the clean stage | {_share(r.lost, r.with_sentence)} |",
        f"| flagged spun (spin_score ≥ {cfg.spin_threshold}) | {_share(r.spun, r.stories)} |",
        f"| flagged machine-translated (mt_score ≥ {cfg.mt_threshold}) | "
        f"{_share(r.translated, r.stories)} |",
        "",
        f"Why the lost sentences went (the removed line that held them): {_listing(r.reasons)}.",
        "",
        f"Spinner phrases behind the spin flags (stories): {_listing(r.spin_evidence, 15)}.",
        "",
        f"Traces behind the translation flags (stories): {_listing(r.mt_evidence)}.",
    ]
    if r.shown:
        lines += ["", "Lost closing sentences (first few):", "", *r.shown]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, help="only the first N stories")
    ap.add_argument("--examples", type=int, default=10, help="lost sentences to list")
    ap.add_argument("--no-write", action="store_true", help="print only")
    args = ap.parse_args(argv)
    if not REUTERS.exists():
        print(f"Reuters-21578 not found under {REUTERS}", file=sys.stderr)
        return 1
    text = report(measure(args.limit, args.examples))
    print(text)
    if not args.no_write:
        RESULTS.parent.mkdir(exist_ok=True)
        RESULTS.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
