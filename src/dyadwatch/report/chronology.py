"""The chronology of a dyad: fused events in date order, each with all its evidence.

Where the fuse stage has not run, coded event mentions stand in (one entry per date, source,
target and PLOVER category); where no event was coded at all, the sentences about the dyad
that name a year do. Sentences that name a year but carry no coded event are kept too, as a
"mentions" entry of that year, so no dated statement of the sources is lost.

An event entry carries the place of its event where the text gives one; entries at one place
make one point of the dossier's map (:attr:`Chronology.places`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from dyadwatch.model import PLACE_FIELDS
from dyadwatch.report.evidence import Cited, EvidenceBook, plural

#: A year named in a sentence (1800–2099), or a decade such as "1970s".
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)(s)?\b")
LABEL_CHARS = 150

EntryKind = Literal["fused", "event", "mentions"]


@dataclass(slots=True)
class Entry:
    """One line of the chronology: an event (or the sentences naming a year) and its quotes."""

    anchor: str
    kind: EntryKind
    year: str | None
    date: str | None
    label: str
    cited: list[Cited]
    when: float | None = None
    """The date as a decimal year, for the timeline chart."""
    who: str = ""
    plover: str | None = None
    goldstein: float | None = None
    domain: str | None = None
    mentions: int = 0
    articles: int = 0
    sources: int = 0
    outlets: int = 0
    """Distinct sites or agencies (0 for entries that are not fused events)."""
    relative: bool = False
    """The date was worked out from a relative expression ("last week", "yesterday")."""
    place_id: str | None = None
    """Where the event happened (the fused event's place, else its mentions' most given):
    a gazetteer entry, its name, kind (country, region, city, water, site), state (ISO
    alpha-3; several joined by "|" for a sea), coordinates and precision. None: no place."""
    place_name: str | None = None
    place_kind: str | None = None
    place_country: str | None = None
    place_lat: float | None = None
    place_lon: float | None = None
    place_precision: str | None = None

    @property
    def where(self) -> str:
        """The place in words ("in Islamabad", "in the Arabian Sea"), or ""."""
        if not self.place_name:
            return ""
        article = self.place_kind == "water" and not self.place_name.startswith(
            ("the ", "The ", "Lake ")
        )
        return f"in {'the ' if article else ''}{self.place_name}"


@dataclass(slots=True)
class Place:
    """A point of the map: chronology entries at one place (coordinates to about 1 km)."""

    name: str
    lat: float
    lon: float
    entries: list[Entry]

    @property
    def sources(self) -> int:
        """Independent sources of its entries, added up."""
        return sum(max(e.sources, 1) for e in self.entries)

    @property
    def goldstein(self) -> float | None:
        """The mean Goldstein score of its entries, each weighted by its sources."""
        scored = [(e.goldstein, max(e.sources, 1)) for e in self.entries if e.goldstein is not None]
        weight = sum(w for _, w in scored)
        return sum(g * w for g, w in scored) / weight if weight else None


@dataclass(slots=True)
class Chronology:
    basis: Literal["fused", "events", "sentences", "none"]
    years: list[tuple[str, list[Entry]]] = field(default_factory=list)
    undated: list[Entry] = field(default_factory=list)

    @property
    def entries(self) -> list[Entry]:
        return [e for _, items in self.years for e in items] + self.undated

    @property
    def places(self) -> list[Place]:
        """Entries with a place, one :class:`Place` per point, most entries first; a place's
        entries are in chronology order and its name is the one they give most."""
        groups: dict[tuple[float, float], list[Entry]] = {}
        for e in self.entries:
            if e.place_lat is not None and e.place_lon is not None:
                key = (round(e.place_lat, 2), round(e.place_lon, 2))
                groups.setdefault(key, []).append(e)
        out = []
        for (lat, lon), entries in groups.items():
            names = Counter(e.place_name or "" for e in entries)
            out.append(Place(names.most_common(1)[0][0], lat, lon, entries))
        return sorted(out, key=lambda p: (-len(p.entries), -p.sources, p.name))


def years_named(sentence: str) -> list[str]:
    found: list[str] = []
    for m in YEAR.finditer(sentence):
        label = m.group(1) + ("s" if m.group(2) else "")
        if label not in found:
            found.append(label)
    return found


def year_order(label: str) -> tuple[int, int]:
    # A decade sorts before the years inside it.
    return (int(label[:4]), 0 if label.endswith("s") else 1)


def year_of(date: str | None) -> str | None:
    if not date or not date[:4].isdigit():
        return None
    return date[:4] + "s" if date.endswith("s") else date[:4]


def decimal_year(date: str | None) -> float | None:
    """``2014-06-15`` → 2014.45; a year is its middle, a decade its middle year."""
    label = year_of(date)
    if date is None or label is None:
        return None
    if label.endswith("s"):
        return int(label[:4]) + 5.0
    parts = date.split("-")
    if len(parts) == 1:
        return int(label) + 0.5
    month = int(parts[1]) if parts[1].isdigit() else 6
    day = int(parts[2]) if len(parts) > 2 and parts[2].isdigit() else 15
    return int(label) + (month - 1) / 12 + (day - 1) / 365


def _short(text: str, limit: int = LABEL_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rsplit(" ", 1)[0] + " …"


def build_chronology(
    fused: list[dict[str, Any]],
    events: list[dict[str, Any]],
    sentences: list[dict[str, Any]],
    book: EvidenceBook,
    name: Callable[[str | None], str],
) -> Chronology:
    """Entries from fused events (else event mentions), then dated sentences left uncovered."""
    by_id = {e["event_id"]: e for e in events}
    entries: list[Entry] = []
    basis: Literal["fused", "events", "sentences", "none"]
    if fused:
        basis = "fused"
        for row in fused:
            mentions = [by_id[i] for i in row["event_ids"] if i in by_id]
            entries.append(_event_entry(len(entries) + 1, "fused", row, mentions, book, name))
    elif events:
        basis = "events"
        groups: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
        for e in events:
            groups.setdefault((e["date"], e["source"], e["target"], e["plover"]), []).append(e)
        for rows in groups.values():
            entries.append(_event_entry(len(entries) + 1, "event", rows[0], rows, book, name))
    else:
        basis = "sentences" if sentences else "none"
    entries = _merge_mirrored(entries)
    covered = {(c.quote.doc_id, c.quote.start, c.quote.end) for e in entries for c in e.cited}
    entries += _mention_entries(sentences, covered, book)
    return _arrange(basis, entries)


def _merge_mirrored(entries: list[Entry]) -> list[Entry]:
    """One entry for a mutual act coded both ways (A → B and B → A, same date, category and
    quotes); entries are then numbered in order."""
    kept: dict[tuple[Any, ...], Entry] = {}
    for e in entries:
        key = (e.date, e.plover, tuple(sorted(c.quote.anchor for c in e.cited)))
        first = kept.get(key)
        if first is None:
            kept[key] = e
        else:
            if first.who != e.who and "↔" not in first.who:
                mutual = first.who.replace(" → ", " ↔ ")
                first.label = mutual + first.label[len(first.who) :]
                first.who = mutual
            if first.place_id is None and e.place_id is not None:
                for name in PLACE_FIELDS:
                    setattr(first, name, getattr(e, name))
    out = list(kept.values())
    for n, e in enumerate(out, start=1):
        e.anchor = f"ev-{n}"
    return out


def _who(row: dict[str, Any], name: Callable[[str | None], str]) -> str:
    return (
        f"{name(row['source'])} → {name(row['target'])}" if row["target"] else name(row["source"])
    )


def _event_entry(
    number: int,
    kind: EntryKind,
    row: dict[str, Any],
    mentions: list[dict[str, Any]],
    book: EvidenceBook,
    name: Callable[[str | None], str],
) -> Entry:
    cited = book.cite((m["doc_id"], m["start"], m["end"]) for m in mentions)
    docs = {c.quote.doc_id for c in cited}
    what = row.get("summary") or row.get("trigger") or row["plover"].lower()
    who = _who(row, name)
    return Entry(
        anchor=f"ev-{number}",
        kind=kind,
        year=year_of(row["date"]),
        date=row["date"],
        label=f"{who}: {what}",
        who=who,
        cited=cited,
        when=decimal_year(row["date"]),
        plover=row["plover"],
        goldstein=row["goldstein"],
        domain=row.get("domain"),
        mentions=int(row.get("num_mentions") or len(cited)),
        articles=int(row.get("num_articles") or len(docs)),
        sources=int(row.get("num_sources") or book.independent(docs)),
        outlets=int(row.get("num_outlets") or 0),
        relative=row.get("date_basis") == "relative",
        **_place(kind, row, mentions),
    )


def _place(kind: EntryKind, row: dict[str, Any], mentions: list[dict[str, Any]]) -> dict[str, Any]:
    """The place fields of an entry: a fused event's own; for event mentions shown together,
    the place most of them give (the first of those on a tie). Empty without a place."""
    rows = [row] if kind == "fused" else mentions
    given = [tuple(r.get(f) for f in PLACE_FIELDS) for r in rows if r.get("place_id")]
    if not given:
        return {}
    return dict(zip(PLACE_FIELDS, Counter(given).most_common(1)[0][0], strict=True))


def _mention_entries(
    sentences: list[dict[str, Any]],
    covered: set[tuple[str, int, int]],
    book: EvidenceBook,
) -> list[Entry]:
    """One entry per year named by sentences that no event entry already quotes."""
    by_year: dict[str, list[dict[str, Any]]] = {}
    for row in sentences:
        span = (row["doc_id"], row["start"], row["end"])
        if any(d == span[0] and span[1] <= s and e <= span[2] for d, s, e in covered):
            continue
        for year in years_named(row["quote"]):
            by_year.setdefault(year, []).append(row)
    out = []
    for year in sorted(by_year, key=year_order):
        rows = by_year[year]
        cited = book.cite((r["doc_id"], r["start"], r["end"]) for r in rows)
        docs = {c.quote.doc_id for c in cited}
        first = _short(cited[0].quote.text)
        label = (
            first
            if len(cited) == 1
            else f"{len(cited)} sentences from {plural(len(docs), 'document')} name {year}: "
            f"“{first}”"
        )
        out.append(
            Entry(
                anchor=f"y-{year}-mentions",
                kind="mentions",
                year=year,
                date=year,
                label=label,
                cited=cited,
                when=decimal_year(year),
                mentions=len(cited),
                articles=len(docs),
                sources=book.independent(docs),
            )
        )
    return out


def _arrange(
    basis: Literal["fused", "events", "sentences", "none"], entries: list[Entry]
) -> Chronology:
    chrono = Chronology(basis)
    by_year: dict[str, list[Entry]] = {}
    for entry in entries:
        if entry.year is None:
            chrono.undated.append(entry)
        else:
            by_year.setdefault(entry.year, []).append(entry)
    for year in sorted(by_year, key=year_order):
        items = by_year[year]
        items.sort(key=lambda e: (e.kind == "mentions", e.date or "", -e.sources))
        chrono.years.append((year, items))
    return chrono
