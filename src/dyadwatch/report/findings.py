"""Figures (with their contradictions explained), irritants, outlook statements and the index
of a dyad, each tied to its quotes."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from dyadwatch.report.evidence import Cited, EvidenceBook, Quote

MEASURES = {
    "trade_volume": "Trade volume",
    "trade_growth": "Trade growth",
    "investment": "Investment",
    "project_cost": "Project cost",
    "deal_value": "Deal value",
    "aid": "Aid",
    "incidents": "Incidents",
    "ships": "Ships",
    "munitions": "Shells and missiles",
    "aircraft": "Aircraft",
    "vehicles": "Tanks and armoured vehicles",
    "models": "Aircraft and weapons by model",
    "prisoners": "Prisoners and hostages",
    "refugees": "Refugees",
    "troops": "Troops",
    "casualties": "Casualties",
    "tonnes": "Tonnes",
    "barrels": "Barrels",
    "barrels_per_day": "Barrels a day",
    "bushels": "Bushels",
    "bales": "Bales",
    "ounces": "Ounces",
    "kilograms": "Kilograms",
    "cubic_metres": "Cubic metres",
    "other": "Other figures",
}
ISSUE_KINDS = {
    "contradiction": "contradiction",
    "different_period": "different period",
    "different_date": "different date",
    "copy_distortion": "copy distortion",
    "different_bound": "a bound met",
}
_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"), (1e3, "thousand"))


def amount(value: float, currency: str | None, unit: str | None = None) -> str:
    """A figure as a reader writes it: ``$411.4 million``, ``PKR 10 billion``, ``82%``."""
    if unit == "percent":
        return f"{value:g}%"
    number, word = value, ""
    for size, name in _SCALES:
        if abs(value) >= size:
            number, word = value / size, f" {name}"
            break
    digits = f"{number:,.2f}".rstrip("0").rstrip(".")
    if currency == "USD":
        return f"${digits}{word}"
    return f"{currency} {digits}{word}" if currency else f"{digits}{word}"


@dataclass(slots=True)
class FigureRow:
    anchor: str
    claim_id: str
    amount: str
    usd: str
    period: str
    quote: Quote
    marks: list[tuple[str, str]] = field(default_factory=list)
    """(anchor of a contradiction or difference, what it is), for each one this figure is in."""
    repeats: int | None = None
    """The source whose same figure this one repeats (same lineage group), if any."""
    inferred: bool = False
    """The sentence names no pair: the figure is taken as about the pair its article is."""


@dataclass(slots=True)
class FigureIssue:
    anchor: str
    kind: str
    kind_label: str
    period: str | None
    note: str
    explanation: str
    rows: list[FigureRow]


@dataclass(slots=True)
class MeasureGroup:
    measure: str
    label: str
    rows: list[FigureRow]
    issues: list[FigureIssue]


def build_figures(
    claims: list[dict[str, Any]], contradictions: list[dict[str, Any]], book: EvidenceBook
) -> list[MeasureGroup]:
    """Figures grouped by measure; each contradiction or difference of period explained."""
    rows: dict[str, FigureRow] = {}
    first_seen: dict[tuple[str, float, str], int] = {}
    claims = sorted(
        claims,
        key=lambda c: (
            c["period"] is None,
            c["period"] or "",
            c["value"],
            book.source(c["doc_id"]).number,
            c["start"],
        ),
    )
    for c in claims:
        quote = book.quote(c["doc_id"], c["start"], c["end"])
        usd = c["value_usd"]
        row = FigureRow(
            anchor=f"fig-{c['claim_id']}",
            claim_id=c["claim_id"],
            amount=amount(c["value"], c["currency"], c["unit"]),
            usd=amount(usd, "USD") if usd is not None and c["currency"] != "USD" else "",
            period=c["period"] or "",
            quote=quote,
            inferred=bool(c.get("inferred")),
        )
        key = (c["measure"], c["value"], book.source(c["doc_id"]).group)
        if key in first_seen and first_seen[key] != quote.source:
            row.repeats = first_seen[key]
        first_seen.setdefault(key, quote.source)
        rows[c["claim_id"]] = row
    issues: dict[str, list[FigureIssue]] = {}
    for n, x in enumerate(contradictions, start=1):
        members = [rows[i] for i in x["claim_ids"] if i in rows]
        issue = FigureIssue(
            anchor=f"cx-{n}",
            kind=x["kind"],
            kind_label=ISSUE_KINDS.get(x["kind"], x["kind"]),
            period=x["period"],
            note=x["note"],
            explanation=explain(x["kind"], x["period"], members, book),
            rows=members,
        )
        for member in members:
            member.marks.append((issue.anchor, issue.kind_label))
        issues.setdefault(x["measure"], []).append(issue)
    groups: dict[str, list[FigureRow]] = {}
    for c in claims:
        groups.setdefault(c["measure"], []).append(rows[c["claim_id"]])
    order = list(MEASURES)
    return [
        MeasureGroup(m, MEASURES.get(m, m.replace("_", " ")), groups[m], issues.get(m, []))
        for m in sorted(groups, key=lambda m: (order.index(m) if m in order else len(order), m))
    ]


def explain(kind: str, period: str | None, rows: list[FigureRow], book: EvidenceBook) -> str:
    """What a reader should make of figures that differ, in one sentence."""
    if not rows:
        return ""
    told = "; ".join(f"{r.amount} (source {r.quote.source})" for r in rows)
    if kind == "contradiction":
        when = f"for {period}" if period else "for the same period"
        return f"The sources disagree {when}: {told}."
    if kind == "different_bound":
        return f"Not a contradiction: one figure is a bound the other meets: {told}."
    if kind == "copy_distortion":
        return f"A copy changes its source's figure: {told}."
    if kind == "different_period":
        told = "; ".join(
            f"{r.amount} for {r.period or 'an unstated period'} (source {r.quote.source})"
            for r in rows
        )
        return f"Not a contradiction: the figures refer to different periods: {told}."
    told = "; ".join(
        f"{r.amount} (source {r.quote.source}, written {_written(book, r.quote.doc_id)})"
        for r in rows
    )
    return f"Not a contradiction: the sources speak at different times: {told}."


def _written(book: EvidenceBook, doc_id: str) -> str:
    return book.source(doc_id).when


@dataclass(slots=True)
class IrritantView:
    anchor: str
    name: str
    kind: str
    cited: list[Cited]
    sources: int


def build_irritants(
    rows: list[dict[str, Any]], book: EvidenceBook, name: Callable[[str | None], str]
) -> list[IrritantView]:
    out = []
    for n, row in enumerate(rows, start=1):
        cited = book.cite((e[0], int(e[1]), int(e[2])) for e in row["evidence"])
        out.append(
            IrritantView(
                anchor=f"irr-{n}",
                name=name(row["party_or_issue"]),
                kind=row["kind"],
                cited=cited,
                sources=book.independent(c.quote.doc_id for c in cited),
            )
        )
    return out


@dataclass(slots=True)
class OutlookItem:
    modality: str
    who: str
    plover: str | None
    cited: Cited


def build_outlook(
    rows: list[dict[str, Any]], book: EvidenceBook, name: Callable[[str | None], str]
) -> list[tuple[str, list[OutlookItem]]]:
    """Statements that are not facts (recommendations, speculation …), by modality."""
    groups: dict[str, list[OutlookItem]] = {}
    for row in rows:
        (cited,) = book.cite([(row["doc_id"], row["start"], row["end"])])
        who = f"{name(row['source'])} → {name(row['target'])}" if row["target"] else ""
        groups.setdefault(row["modality"], []).append(
            OutlookItem(row["modality"], who, row["plover"], cited)
        )
    return sorted(groups.items())


@dataclass(slots=True)
class IndexRow:
    period: str
    coop_index: float
    events: int
    sources: int
    domains: dict[str, int]
    plovers: dict[str, int]

    @property
    def top_domains(self) -> str:
        ranked = sorted(self.domains.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
        return ", ".join(f"{k} {v}" for k, v in ranked)

    @property
    def tone(self) -> str:
        if self.coop_index >= 1:
            return "cooperative"
        return "conflictual" if self.coop_index <= -1 else "mixed"


def build_index(rows: list[dict[str, Any]]) -> list[IndexRow]:
    return [
        IndexRow(
            period=str(r["period"]),
            coop_index=float(r["coop_index"]),
            events=int(r["events"]),
            sources=int(r["sources"]),
            domains=_counts(r["by_domain"]),
            plovers=_counts(r["by_plover"]),
        )
        for r in rows
    ]


def _counts(value: object) -> dict[str, int]:
    if value is None:
        return {}
    data: Any = json.loads(value) if isinstance(value, str) else value
    return {str(k): int(v) for k, v in dict(data).items()}
