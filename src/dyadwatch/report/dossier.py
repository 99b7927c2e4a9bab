"""The dyad dossier: what the store says about one pair of countries, with its evidence."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from dyadwatch.model import dyad_key
from dyadwatch.store import Store
from dyadwatch.store import queries as q

#: A year named in a sentence (1800–2099), or a decade such as "1970s".
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)(s)?\b")


@dataclass(slots=True)
class Source:
    number: int
    doc_id: str
    title: str
    site: str | None
    date: str | None
    path: str
    source_id: str
    sentences: int = 0


@dataclass(slots=True)
class Statement:
    """A sentence about the dyad, filed under the years it names."""

    anchor: str
    source: int
    doc_id: str
    start: int
    end: int
    quote: str
    context_before: str
    context_after: str
    years: list[str] = field(default_factory=list)
    inherited: bool = False
    """True when the sentence names no pair itself but continues one about the dyad."""


@dataclass(slots=True)
class Dossier:
    dyad: str
    a: str
    b: str
    name_a: str
    name_b: str
    sources: list[Source]
    actors: list[dict[str, Any]]
    statements: list[Statement]
    by_year: list[tuple[str, list[Statement]]]
    undated: list[Statement]


def _years(sentence: str) -> list[str]:
    found = []
    for m in YEAR.finditer(sentence):
        label = m.group(1) + ("s" if m.group(2) else "")
        if label not in found:
            found.append(label)
    return found


def _year_order(label: str) -> tuple[int, int]:
    # A decade sorts before the years inside it.
    return (int(label[:4]), 0 if label.endswith("s") else 1)


def build_dossier(store: Store, a: str, b: str) -> Dossier:
    """Gather sources, actors and dated statements about the dyad of ``a`` and ``b``."""
    from dyadwatch.ontology import country_name

    dyad = dyad_key(a, b)
    rows = q.dyad_sentences(store, dyad)
    sources: dict[str, Source] = {}
    statements: list[Statement] = []
    for row in rows:
        src = sources.get(row["doc_id"])
        if src is None:
            src = Source(
                number=len(sources) + 1,
                doc_id=row["doc_id"],
                title=row["title"] or row["path"],
                site=row["site"],
                date=row["date"],
                path=row["path"],
                source_id=row["source_id"],
            )
            sources[row["doc_id"]] = src
        src.sentences += 1
        context = q.doc_context(store, row["doc_id"], row["start"], row["end"])
        lo = max(0, row["start"] - 160)
        before = context[: row["start"] - lo]
        after = context[row["end"] - lo :]
        statements.append(
            Statement(
                anchor=f"q-{row['doc_id']}-{row['start']}",
                source=src.number,
                doc_id=row["doc_id"],
                start=row["start"],
                end=row["end"],
                quote=row["quote"],
                context_before=before,
                context_after=after,
                years=_years(row["quote"]),
                inherited=bool(row["inherited"]),
            )
        )
    grouped: dict[str, list[Statement]] = defaultdict(list)
    for st in statements:
        for year in st.years:
            grouped[year].append(st)
    by_year = [(y, grouped[y]) for y in sorted(grouped, key=_year_order)]
    x, y = dyad.split("-")
    return Dossier(
        dyad=dyad,
        a=x,
        b=y,
        name_a=country_name(x),
        name_b=country_name(y),
        sources=list(sources.values()),
        actors=q.dyad_actors(store, dyad),
        statements=statements,
        by_year=by_year,
        undated=[st for st in statements if not st.years],
    )


def store_summary(store: Store) -> str:
    """A few lines on what the store holds, for the end of a run."""
    n = q.counts(store)
    kinds = q.actors_by_kind(store)
    lines = [
        f"store: {store.path}",
        f"documents: {n['documents']} stored, {n['rejects']} rejected",
        "actors: "
        + (", ".join(f"{v} {k}" for k, v in kinds.items()) if kinds else "none")
        + f" ({n['mentions']} mentions)",
        "busiest dyads (sentences / documents):",
    ]
    for row in q.top_dyads(store, 8):
        lines.append(f"  {row['dyad']:<8} {row['sentences']:>5} / {row['documents']}")
    return "\n".join(lines)
