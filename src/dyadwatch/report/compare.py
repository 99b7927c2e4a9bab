"""Dyads side by side (``report A B --vs A C``) and every dyad of the store ranked by activity
(``dyadwatch dyads``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from dyadwatch.report import charts
from dyadwatch.store import Store
from dyadwatch.store import queries as q

if TYPE_CHECKING:
    from dyadwatch.report.dossier import Dossier


@dataclass(slots=True)
class Comparison:
    dyads: list[str]
    names: list[str]
    rows: list[tuple[str, list[str]]] = field(default_factory=list)
    """(what, value for each dyad)."""
    chart: charts.Chart | None = None


def _facts(d: Dossier) -> dict[str, str]:
    events = [e for e in d.chronology.entries if e.kind != "mentions"]
    domains: dict[str, int] = {}
    for e in events:
        if e.domain:
            domains[e.domain] = domains.get(e.domain, 0) + 1
    issues = [i for g in d.figures for i in g.issues]
    years = [y for y, _ in d.chronology.years]
    last = d.index[-1] if d.index else None
    return {
        "documents": str(sum(1 for s in d.sources if s.sentences)),
        "independent sources": str(len({s.group for s in d.sources if s.sentences})),
        "sentences about the pair": str(len(d.statements)),
        "events": str(len(events)),
        "years covered": f"{years[0]}–{years[-1]}" if years else "—",
        "latest index": f"{last.coop_index:+.1f} ({last.period})" if last else "—",
        "busiest domains": ", ".join(
            f"{k} {v}" for k, v in sorted(domains.items(), key=lambda kv: -kv[1])[:3]
        )
        or "—",
        "figures": str(sum(len(g.rows) for g in d.figures)),
        "contradictions": str(sum(1 for i in issues if i.kind == "contradiction")),
        "irritants": ", ".join(i.name for i in d.irritants[:4]) or "—",
    }


def build_comparison(main: Dossier, other: Dossier) -> Comparison:
    """Key numbers of two dyads side by side, and one chart of both: the index where both
    have one, else the sentences about each pair per year named."""
    fa, fb = _facts(main), _facts(other)
    rows = [(k, [fa[k], fb[k]]) for k in fa]
    if main.index and other.index:
        series = {d.dyad: [(r.period, r.coop_index) for r in d.index] for d in (main, other)}
        measure = "cooperation index"
    else:
        series = {
            d.dyad: [(y, float(len(items))) for y, items in d.by_year if not y.endswith("s")]
            for d in (main, other)
        }
        measure = "sentences naming the year"
    return Comparison(
        dyads=[main.dyad, other.dyad],
        names=[f"{main.name_a} – {main.name_b}", f"{other.name_a} – {other.name_b}"],
        rows=rows,
        chart=charts.compare_chart(series, measure),
    )


def dyad_overview(store: Store, limit: int = 50) -> list[dict[str, Any]]:
    """Every dyad of the store, busiest first: fused events, then event mentions, then
    sentences."""
    return q.dyad_activity(store, limit)


def overview_text(rows: list[dict[str, Any]]) -> str:
    """The overview as an aligned text table."""
    if not rows:
        return "no dyad in the store: run 'dyadwatch analyze' first"
    head = ("dyad", "events", "mentions", "sentences", "documents", "sources", "index")
    lines = ["{:<8} {:>7} {:>9} {:>10} {:>10} {:>8}  {}".format(*head)]
    for r in rows:
        index = f"{r['coop_index']:+.1f} ({r['period']})" if r["coop_index"] is not None else "—"
        lines.append(
            f"{r['dyad']:<8} {r['fused']:>7} {r['events']:>9} {r['sentences']:>10}"
            f" {r['documents']:>10} {r['sources']:>8}  {index}"
        )
    return "\n".join(lines)
