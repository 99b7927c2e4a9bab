"""The dyad dossier: what the store says about one pair of countries, with its evidence.

``build_dossier`` reads every table about the dyad once and returns a :class:`Dossier`: a
one-screen summary, the chronology, the index over time, the figures with their
contradictions explained, irritants, outlook statements, actors, and the sources with their
lineage. Each section is empty (never missing) when its table is; every statement in it
points at a :class:`~dyadwatch.report.evidence.Quote`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from dyadwatch.model import dyad_key
from dyadwatch.report import charts
from dyadwatch.report.chronology import Chronology, build_chronology, year_order, years_named
from dyadwatch.report.evidence import EvidenceBook, Quote, Source
from dyadwatch.report.findings import (
    IndexRow,
    IrritantView,
    MeasureGroup,
    OutlookItem,
    build_figures,
    build_index,
    build_irritants,
    build_outlook,
)
from dyadwatch.report.summary import Summary, summarise
from dyadwatch.store import Store
from dyadwatch.store import queries as q

if TYPE_CHECKING:
    from dyadwatch.report.compare import Comparison

__all__ = ["Dossier", "Source", "Statement", "build_dossier", "store_summary"]


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
    chronology: Chronology = field(default_factory=lambda: Chronology("none"))
    index: list[IndexRow] = field(default_factory=list)
    figures: list[MeasureGroup] = field(default_factory=list)
    contradictions: int = 0
    irritants: list[IrritantView] = field(default_factory=list)
    outlook: list[tuple[str, list[OutlookItem]]] = field(default_factory=list)
    edges: list[tuple[int, int, str, str]] = field(default_factory=list)
    """Lineage among the sources: (derived source number, source number, kind, reason)."""
    quotes: list[Quote] = field(default_factory=list)
    charts: dict[str, charts.Chart] = field(default_factory=dict)
    summary: Summary = field(default_factory=Summary)
    vs: Comparison | None = None
    store: str = ""
    other_language: dict[str, int] = field(default_factory=dict)
    """Documents of the store in other languages than English (set aside), by language."""


def build_dossier(store: Store, a: str, b: str) -> Dossier:
    """Gather everything the store holds about the dyad of ``a`` and ``b``."""
    from dyadwatch.ontology import country_name

    dyad = dyad_key(a, b)
    rows = _gather(store, dyad)
    doc_ids = {
        r["doc_id"] for key in ("sentences", "events", "claims", "statements") for r in rows[key]
    }
    doc_ids |= {e[0] for r in rows["irritants"] for e in r["evidence"]}
    book = EvidenceBook(store, doc_ids)
    for r in rows["sentences"]:
        book.source(r["doc_id"]).sentences += 1
    name = _namer(store, rows)
    x, y = dyad.split("-")
    statements = _statements(rows["sentences"], book)
    grouped: dict[str, list[Statement]] = {}
    for st in statements:
        for year in st.years:
            grouped.setdefault(year, []).append(st)
    d = Dossier(
        dyad=dyad,
        a=x,
        b=y,
        name_a=country_name(x),
        name_b=country_name(y),
        sources=book.cited_sources(),
        actors=rows["actors"],
        statements=statements,
        by_year=[(yr, grouped[yr]) for yr in sorted(grouped, key=year_order)],
        undated=[st for st in statements if not st.years],
        chronology=build_chronology(rows["fused"], rows["events"], rows["sentences"], book, name),
        index=build_index(rows["index"]),
        figures=build_figures(rows["claims"], rows["contradictions"], book),
        contradictions=len(rows["contradictions"]),
        irritants=build_irritants(rows["irritants"], book, name),
        outlook=build_outlook(rows["statements"], book, name),
        edges=book.edges,
        store=store.path,
    )
    d.quotes = sorted(book.quotes.values(), key=lambda x: (x.source, x.start, x.end))
    d.charts = _charts(d, rows["links"])
    d.other_language = {r["lang"]: r["documents"] for r in q.languages(store) if r["lang"] != "en"}
    d.summary = summarise(d)
    return d


def _gather(store: Store, dyad: str) -> dict[str, list[dict[str, Any]]]:
    fused = q.dyad_fused_events(store, dyad)
    if fused:
        events = q.events_by_id(store, sorted({i for f in fused for i in f["event_ids"]}))
    else:
        events = q.dyad_events(store, dyad)
    return {
        "sentences": q.dyad_sentences(store, dyad),
        "fused": fused,
        "events": events,
        "claims": q.dyad_claims(store, dyad),
        "contradictions": q.dyad_contradictions(store, dyad),
        "irritants": q.dyad_irritants(store, dyad),
        "statements": q.dyad_statements(store, dyad),
        "index": q.dyad_index(store, dyad),
        "actors": q.dyad_actors(store, dyad),
        "links": q.actor_links(store, dyad),
    }


def _namer(store: Store, rows: dict[str, list[dict[str, Any]]]) -> Callable[[str | None], str]:
    """A function naming an event end or irritant: a state, an actor, or the text itself."""
    from dyadwatch.ontology import country_name

    ids = {r[k] for key in ("fused", "events", "statements") for r in rows[key]
           for k in ("source", "target") if r[k]}  # fmt: skip
    ids |= {r["party_or_issue"] for r in rows["irritants"]}
    names = q.actor_names(store, sorted(ids))

    def name(actor: str | None) -> str:
        if not actor:
            return "—"
        if actor in names:
            return names[actor]
        return country_name(actor) if len(actor) == 3 and actor.isupper() else actor

    return name


def _statements(rows: list[dict[str, Any]], book: EvidenceBook) -> list[Statement]:
    out = []
    for row in rows:
        text = book.texts.get(row["doc_id"], "")
        start, end = row["start"], row["end"]
        out.append(
            Statement(
                anchor=f"q-{row['doc_id']}-{start}-{end}",
                source=book.source(row["doc_id"]).number,
                doc_id=row["doc_id"],
                start=start,
                end=end,
                quote=row["quote"],
                context_before=text[max(0, start - 160) : start],
                context_after=text[end : end + 160],
                years=years_named(row["quote"]),
                inherited=bool(row["inherited"]),
            )
        )
    return out


def _charts(d: Dossier, links: list[dict[str, Any]]) -> dict[str, charts.Chart]:
    made = [
        charts.timeline(d.chronology),
        charts.event_map(d.chronology, (d.a, d.b), (d.name_a, d.name_b)),
        charts.index_chart(d.index, d.dyad),
        charts.actor_network(d.actors, links, (d.a, d.b)),
        charts.lineage_graph(d.sources, d.edges),
    ]
    return {c.name: c for c in made if c is not None}


def _languages(store: Store) -> str:
    rows = q.languages(store)
    text = ", ".join(f"{r['lang']} {r['documents']}" for r in rows) or "no document"
    other = sum(r["documents"] for r in rows if r["lang"] != "en")
    if other:
        text += f" ({other} in other languages stored, not extracted: the model reads English)"
    return text


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
        f"reuse: {n['lineage']} documents derived from others;"
        f" {n['sources'] or n['documents']} independent sources",
        f"events: {n['events']} coded ({n['fused_events']} after fusion),"
        f" {n['statements']} non-factual statements",
        f"figures: {n['claims']} cited, {n['contradictions']} contradictions or period differences;"
        f" irritants: {n['irritants']}",
        f"languages: {_languages(store)}",
        "busiest dyads (sentences / documents):",
    ]
    for row in q.top_dyads(store, 8):
        lines.append(f"  {row['dyad']:<8} {row['sentences']:>5} / {row['documents']}")
    return "\n".join(lines)
