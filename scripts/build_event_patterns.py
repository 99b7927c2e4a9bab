"""Build ``src/dyadwatch/ontology/event_patterns.json`` from the PETRARCH-2 verb dictionary.

Source, read here and never at run time: ``CAMEO.2.0.txt`` in ``../shared/lexicons/petrarch2/``
(MIT, © 2015 Open Event Data Alliance; see ``ontology/LICENSE-petrarch2``). The output keeps:

* ``synsets``: the dictionary's noun classes (``&MILITARY`` → ``military``: troops, soldiers …);
* ``verbs``: every verb and phrasal verb (``ask for``, ``set up``) → ``"block|code"``: its verb
  block and the CAMEO code it carries: its own, or the block's for the verb that names the
  block (empty otherwise: the block's synonyms code through patterns only);
* ``patterns``: per verb block, the object and preposition patterns that refine the code, as
  ``"pre>post>code"`` strings (``- * {HUMANITARIAN AID} [073]`` → ``">humanitarian aid>073"``).

In a pattern, phrases are separated by ``;`` and their words by spaces; a leading ``@`` names a
preposition (``(TO BORDER)`` → ``@to border``) and a leading ``&`` a synset. Public-statement
codes (01x), which PLOVER does not code, are left out.
The source and target markers (``$``, ``+``), skips (``^``) and compounds (``%``) are dropped:
dyadwatch finds actors in the dependency parse. Run:
``.venv/bin/python scripts/build_event_patterns.py``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "dyadwatch" / "ontology" / "event_patterns.json"
PETRARCH = ROOT.parent / "shared" / "lexicons" / "petrarch2"
_BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")
_CODE = re.compile(r"\[([^\]]*)\]")
_MARKERS = {"$", "+", "^", "%", "*"}


def _word(raw: str) -> str:
    """``RE_ELECT`` → ``re elect``; a trailing ``_`` (an exact form) is dropped."""
    return " ".join(raw.strip("_").lower().split("_"))


def parse_code(body: str) -> str | None:
    """``042:043`` → ``042``; ``---``, ``:173`` and empty codes → None."""
    code = body.split(":")[0].strip()
    return code if code.isdigit() else None


def parse_synsets(lines: list[str]) -> dict[str, list[str]]:
    synsets: dict[str, list[str]] = {}
    current: str | None = None
    for line in lines:
        text = line.split("#")[0].strip()
        if text.startswith("&"):
            current = _word(text[1:])
            synsets[current] = []
        elif text.startswith("+") and current is not None:
            synsets[current].append(_word(text[1:]))
        elif not text:
            continue
        else:
            current = None
    return {k: sorted(set(v)) for k, v in synsets.items() if v}


def _elements(words: str) -> list[list[str]]:
    """Pattern words → phrases: ``X (TO BORDER) {ARMS SHIPMENT}`` → [[x], [@to, border], …]."""
    out: list[list[str]] = []
    for m in re.finditer(r"\(([^)]*)\)|\{([^}]*)\}|(\S+)", words):
        if m.group(1) is not None:
            parts = [p for p in m.group(1).split() if p not in _MARKERS]
            phrase = [f"@{_word(parts[0])}", *(_token(p) for p in parts[1:])] if parts else []
        elif m.group(2) is not None:
            phrase = [_token(p) for p in m.group(2).split() if p not in _MARKERS]
        else:
            raw = m.group(3)
            phrase = [] if raw in _MARKERS or raw.startswith("[") else [_token(raw)]
        if phrase:
            out.append(phrase)
    return out


def _token(raw: str) -> str:
    return "&" + _word(raw[1:]) if raw.startswith("&") else _word(raw)


def parse_pattern(line: str) -> dict[str, Any] | None:
    """``- &MILITARY * EXERCISES [062]`` → pre/post phrases and the code."""
    body = line[1:].split("#")[0]
    m = _CODE.search(body)
    if m is None or "*" not in body:
        return None
    code = parse_code(m.group(1))
    if code is None:
        return None
    pre, post = body[: m.start()].split("*", 1)
    return {"pre": _elements(pre), "post": _elements(post), "code": code}


def parse_verb(line: str) -> tuple[str, str | None] | None:
    """``+ASK_FOR {…} [020]`` → (``ask for``, ``020``); ``SEND {SENDS …}`` → (``send``, None)."""
    text = line.split("#")[0]
    text = re.sub(r"\{[^}]*\}", " ", text).strip()
    if not text:
        return None
    m = _CODE.search(text)
    code = parse_code(m.group(1)) if m else None
    name = text[: m.start()].strip() if m else text
    if not name or " " in name:
        return None
    return _word(name.lstrip("+")), code


def parse_verbs(lines: list[str]) -> dict[str, Any]:
    verbs: dict[str, dict[str, str | None]] = {}
    patterns: dict[str, list[dict[str, Any]]] = defaultdict(list)
    block: str | None = None
    default: str | None = None
    for line in lines:
        m = _BLOCK.match(line)
        if m:
            block, default = m.group(1).lower(), parse_code(m.group(2))
            continue
        if block is None or not line.strip() or line.startswith("#"):
            continue
        if line.startswith("-"):
            pattern = parse_pattern(line)
            if pattern is not None and not pattern["code"].startswith("01"):
                patterns[block].append(_compact(pattern))
            continue
        verb = parse_verb(line)
        if verb is not None and verb[0] not in verbs:
            # A synonym inherits the block's code only through its patterns: the WordNet
            # synonym sets are too loose for a default ("accord", "lead", "manage" → 060).
            own = verb[1] or (default if verb[0] == _word(block) else None)
            verbs[verb[0]] = {"block": block, "code": own}
    kept = {
        name: f"{v['block']}|{v['code'] or ''}"
        for name, v in sorted(verbs.items())
        if v["code"] or v["block"] in patterns
    }
    return {"verbs": kept, "patterns": {k: sorted(set(v)) for k, v in sorted(patterns.items())}}


def _compact(pattern: dict[str, Any]) -> str:
    def side(phrases: list[list[str]]) -> str:
        return ";".join(" ".join(p) for p in phrases)

    return f"{side(pattern['pre'])}>{side(pattern['post'])}>{pattern['code']}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--petrarch", type=Path, default=PETRARCH, help="folder of petrarch2 files")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    src = args.petrarch / "CAMEO.2.0.txt"
    if not src.exists():
        print(f"{src} not found; pass --petrarch DIR", file=sys.stderr)
        return 1
    lines = src.read_text(encoding="utf-8", errors="replace").splitlines()
    start = next(i for i, ln in enumerate(lines) if "VERB PATTERNS" in ln)
    data = {
        "source": (
            "Derived by scripts/build_event_patterns.py from petrarch2 CAMEO.2.0.txt "
            "(MIT, (c) 2015 Open Event Data Alliance; see LICENSE-petrarch2). Do not edit."
        ),
        "synsets": parse_synsets(lines[:start]),
        **parse_verbs(lines[start:]),
    }
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    args.out.write_text(text.replace('],"', '],\n"') + "\n", encoding="utf-8")
    n = sum(len(p) for p in data["patterns"].values())
    print(f"{len(data['verbs'])} verbs, {n} patterns, {len(data['synsets'])} synsets → {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
