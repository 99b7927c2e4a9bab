"""The one-screen summary at the top of a dossier: key numbers and a few lines, each linking
to the section (or the chronology entry) that backs it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dyadwatch.report.evidence import plural

if TYPE_CHECKING:
    from dyadwatch.report.dossier import Dossier
    from dyadwatch.report.findings import FigureRow


@dataclass(slots=True)
class Point:
    text: str
    href: str
    """Where the evidence is: a section (``#figures``) or an entry (``#ev-3``)."""


@dataclass(slots=True)
class Summary:
    facts: list[tuple[str, str]] = field(default_factory=list)
    """(label, value) tiles: documents, independent sources, events, years, latest index."""
    points: list[Point] = field(default_factory=list)


def summarise(d: Dossier) -> Summary:
    groups = {s.group for s in d.sources if s.sentences}
    entries = d.chronology.entries
    events = [e for e in entries if e.kind != "mentions"]
    years = [y for y, _ in d.chronology.years]
    facts = [
        ("documents", str(sum(1 for s in d.sources if s.sentences))),
        ("independent sources", str(len(groups))),
        ("events" if d.chronology.basis == "fused" else "event mentions", str(len(events))),
        ("years covered", f"{years[0]}–{years[-1]}" if years else "—"),
    ]
    if d.index:
        facts.append((f"index {d.index[-1].period}", f"{d.index[-1].coop_index:+.1f}"))
    points = [
        p
        for p in (
            _coverage(d, len(groups), years),
            _highlights(d),
            _index(d),
            _figures(d),
            _irritants(d),
            _caveats(d),
        )
        if p is not None
    ]
    return Summary(facts, points)


def _coverage(d: Dossier, groups: int, years: list[str]) -> Point:
    docs = sum(1 for s in d.sources if s.sentences)
    if not docs:
        return Point(
            f"No stored document speaks of {d.name_a} and {d.name_b} together.", "#sources"
        )
    span = f"; the dated statements run from {years[0]} to {years[-1]}" if years else ""
    return Point(
        f"{plural(docs, 'document')} ({plural(groups, 'independent source')}) speak of the "
        f"pair in {plural(len(d.statements), 'sentence')}{span}.",
        "#chronology",
    )


def _highlights(d: Dossier) -> Point | None:
    events = [e for e in d.chronology.entries if e.kind != "mentions"]
    if events:
        best = sorted(events, key=lambda e: (-e.sources, -e.mentions, e.date or ""))[:3]
        told = "; ".join(
            f"{e.label} ({e.date or 'undated'}, {plural(e.sources, 'source')})" for e in best
        )
        return Point(f"Best attested: {told}.", f"#{best[0].anchor}")
    named = [(y, items[-1]) for y, items in d.chronology.years if items[-1].kind == "mentions"]
    if not named:
        return None
    busiest = sorted(named, key=lambda ye: (-ye[1].mentions, year_key(ye[0])))[:4]
    told = ", ".join(f"{y} ({plural(e.mentions, 'sentence')})" for y, e in busiest)
    return Point(
        f"No events coded yet; the years most named are {told}.", f"#{busiest[0][1].anchor}"
    )


def year_key(label: str) -> int:
    return int(label[:4])


def _index(d: Dossier) -> Point | None:
    if not d.index:
        return None
    last, first = d.index[-1], d.index[0]
    trend = ""
    if len(d.index) > 1:
        change = last.coop_index - first.coop_index
        way = "up" if change > 0.5 else "down" if change < -0.5 else "about level"
        trend = f", {way} from {first.coop_index:+.1f} in {first.period}"
    return Point(
        f"Cooperation index {last.coop_index:+.1f} in {last.period} ({last.tone}, "
        f"{plural(last.events, 'event')}, {plural(last.sources, 'source')}){trend}.",
        "#index",
    )


def _figures(d: Dossier) -> Point | None:
    rows = [r for g in d.figures for r in g.rows]
    if not rows:
        return None
    issues = [i for g in d.figures for i in g.issues]
    clash = sum(1 for i in issues if i.kind == "contradiction")
    copies = sum(1 for i in issues if i.kind == "copy_distortion")
    text = f"{plural(len(rows), 'figure')} on {plural(len(d.figures), 'measure')}"
    if issues:
        parts = [plural(clash, "contradiction")]
        if copies:
            parts.append(plural(copies, "copy distortion"))
        parts.append(
            f"{plural(len(issues) - clash - copies, 'difference')} of period, date or bound"
        )
        text += ": " + ", ".join(parts)
    trade = next((g for g in d.figures if g.measure == "trade_volume"), None)
    if trade:
        text += "; " + _latest(trade.rows)
    return Point(text + ".", "#figures")


def _latest(rows: list[FigureRow]) -> str:
    """The latest trade volume, or the values the sources disagree on for that period."""
    period = max((r.period for r in rows), default="")
    told: dict[str, list[int]] = {}
    for r in rows:
        if r.period == period:
            told.setdefault(r.amount, []).append(r.quote.source)
    when = f" for {period}" if period else ""
    parts = []
    for amount, numbers in told.items():
        ns = sorted(set(numbers))
        parts.append(
            f"{amount} ({'sources' if len(ns) > 1 else 'source'} {', '.join(map(str, ns))})"
        )
    if len(parts) == 1:
        return f"latest trade volume {parts[0]}{when}"
    return f"latest trade volume disputed{when}: " + " against ".join(parts)


def _irritants(d: Dossier) -> Point | None:
    if not d.irritants:
        return None
    told = ", ".join(f"{i.name} ({plural(i.sources, 'source')})" for i in d.irritants[:4])
    return Point(f"Irritants: {told}.", "#irritants")


def _caveats(d: Dossier) -> Point | None:
    derived = {n for n, _, _, _ in d.edges}
    flagged = [f"source {s.number} {' and '.join(s.flags)}" for s in d.sources if s.flags]
    other = sum(d.other_language.values())
    if not derived and not flagged and not other:
        return None
    parts = []
    if derived:
        parts.append(f"{plural(len(derived), 'document')} derived from others count once")
    if flagged:
        parts.append("flagged: " + "; ".join(flagged))
    if other:
        langs = ", ".join(f"{k} {v}" for k, v in sorted(d.other_language.items()))
        parts.append(
            f"{plural(other, 'document')} of the store in other languages ({langs}) set aside:"
            " the model reads English, so nothing here comes from them"
        )
    return Point("Sources: " + "; ".join(parts) + ".", "#sources")
