"""Contradictions: figures that independent sources give differently for the same thing.

:func:`find_contradictions` compares claims about one measure and one dyad: the same period
with values that disagree, from different lineage groups, is a ``contradiction``; values that
disagree because they refer to different periods are a ``different_period``, with a note that
says which period each refers to. :func:`find_date_contradictions` flags fused events whose
sources date them to different years. The rules are described in docs/fuse.md, "Fusion".
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from dyadwatch.fuse.common import lineage, precision_of, year_of
from dyadwatch.fuse.config import FuseConfig
from dyadwatch.fuse.index import dyad_of
from dyadwatch.model import (
    Claim,
    Contradiction,
    Event,
    FigureRole,
    FusedEvent,
    LineageEdge,
)

Role = FigureRole
Kind = Literal[
    "contradiction", "different_period", "different_date", "copy_distortion", "different_bound"
]

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
# A qualifier that makes a period part of a year, or a fiscal year ("the first five months
# of 2018", "H1 2019", "January-May 2018", "fiscal year 2017"); the year is appended per claim.
_PARTIAL = (
    r"(?:the\s+)?(?:(?:first|last|final|second|third|fourth|past|initial)\s+(?:[\w-]+\s+)?"
    r"(?:months?|quarters?|half|weeks?|days?)\s+(?:of\s+)?(?:the\s+)?(?:year\s+)?"
    rf"|[HQ][1-4]\s+|{_MONTH}\s*(?:[-–]|to|through)\s*{_MONTH}\s+(?:of\s+)?"
    r"|(?:the\s+)?(?:fiscal|financial)\s+(?:year\s+)?|FY\s*)"
)


@dataclass(slots=True)
class _Reading:
    """Claims of one lineage group that give one value for one period: one voice."""

    claims: list[Claim]
    group: str
    role: Role
    period: str | None
    qualifier: str | None
    """How the quote words a part-year or fiscal period: "the first five months of 2018"."""
    doc_year: str | None
    """Year of the article's own date, for a figure that names no period."""

    @property
    def borrowed(self) -> bool:
        """Every claim of the reading takes its dyad from its document, not its sentence."""
        return all(c.dyad is None for c in self.claims)


# Units whose figures are cited but never compared: counts and quantities of goods.
UNCOMPARED_UNITS = ("count", "quantity")


def find_contradictions(
    claims: Sequence[Claim],
    groups: Mapping[str, str],
    cfg: FuseConfig,
    *,
    doc_dates: Mapping[str, str] | None = None,
    doc_dyads: Mapping[str, str] | None = None,
) -> list[Contradiction]:
    """Claims about one measure and dyad that disagree, or that differ in period only.

    ``groups`` maps document ids to lineage groups: claims of one group are one voice, never
    a contradiction of each other. ``doc_dates`` (document id → ISO date) should hold the
    dates the sources give; an estimated date is a floor, not a point, and is best left out.
    It decides between two figures that name no period: the same year, or unknown, is a
    contradiction; different years, a difference of period. ``doc_dyads`` (document id → main
    dyad, see :func:`dyadwatch.fuse.main_dyads`) gives a dyad to claims whose sentence names
    none ("bilateral trade stood at $450 million"). Claims without a dyad, measuring
    ``other``, counts (sources count different subsets and stretches of things: "10 other
    infringements and two violations"), quantities of goods (a text rarely says which
    shipment or season its tonnes are of), or one state's own totals
    (``Claim.one_sided``: "its trade surplus hit 83 billion dlrs") are not compared.
    """
    dates = doc_dates or {}
    dyads = doc_dyads or {}
    blocks: dict[tuple[str, str, str, bool], list[tuple[Claim, Role]]] = defaultdict(list)
    for c in sorted(claims, key=lambda c: (c.doc_id, c.start, c.claim_id)):
        dyad = c.dyad or dyads.get(c.doc_id)
        if dyad is None or c.measure == "other" or c.unit in UNCOMPARED_UNITS or c.one_sided:
            continue
        role = c.role
        blocks[(c.measure, dyad, c.unit or "", role == "change")].append((c, role))
    out: list[Contradiction] = []
    for (measure, dyad, _, _), members in sorted(blocks.items()):
        readings = _readings(members, groups, dates, cfg)
        out.extend(_compare(readings, measure, dyad, cfg))
    return sorted(out, key=lambda c: (c.measure, c.dyad or "", c.kind, c.contradiction_id))


def contradiction_id(kind: str, ids: Iterable[str]) -> str:
    key = kind + "\n" + "\n".join(sorted(ids))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


# -- readings --------------------------------------------------------------------------------


def _qualifier(claim: Claim) -> str | None:
    """The words of a part-year or fiscal period in the quote, when the period is a year."""
    if claim.period is None or not re.fullmatch(r"\d{4}", claim.period):
        return None
    m = re.search(rf"{_PARTIAL}{claim.period}\b", claim.quote, re.I)
    return " ".join(m[0].split()) if m else None


def _readings(
    members: list[tuple[Claim, Role]],
    groups: Mapping[str, str],
    dates: Mapping[str, str],
    cfg: FuseConfig,
) -> list[_Reading]:
    """Claims merged into one reading per lineage group, role, period and (agreeing) value."""
    readings: list[_Reading] = []
    for claim, role in members:
        group = lineage(claim.doc_id, groups)
        qualifier = _qualifier(claim)
        doc_date = dates.get(claim.doc_id) or ""
        doc_year = doc_date[:4] if doc_date[:4].isdigit() else None
        for r in readings:
            same_voice = (r.group, r.role, r.period, r.qualifier) == (
                group,
                role,
                claim.period,
                qualifier,
            )
            if same_voice and _agree(r.claims[0], claim, cfg) is not False:
                r.claims.append(claim)
                break
        else:
            readings.append(_Reading([claim], group, role, claim.period, qualifier, doc_year))
    return readings


def _comparable(a: Claim, b: Claim, cfg: FuseConfig) -> tuple[float, float, float] | None:
    """The two values to compare and the tolerance: in one currency (or both percentages),
    else in US dollars; None when they cannot be compared."""
    if a.unit == "percent" or a.currency == b.currency:
        return a.value, b.value, cfg.value_tolerance
    if a.value_usd is not None and b.value_usd is not None:
        return a.value_usd, b.value_usd, cfg.currency_tolerance
    return None


def _agree(a: Claim, b: Claim, cfg: FuseConfig) -> bool | None:
    """Whether two figures agree within tolerance; None when they cannot be compared."""
    values = _comparable(a, b, cfg)
    if values is None:
        return None
    x, y, tol = values
    top = max(abs(x), abs(y))
    return top == 0 or abs(x - y) / top <= tol


def _bounds_meet(a: Claim, b: Claim, cfg: FuseConfig) -> bool:
    """Whether a bound one source sets explains the other's figure ("over $10 billion" and
    "$14 billion"): the two are then no contradiction."""
    values = _comparable(a, b, cfg)
    if values is None or (a.bound is None and b.bound is None):
        return False
    x, y, tol = values
    return _within(a.bound, x, y, tol) and _within(b.bound, y, x, tol)


def _within(bound: str | None, mine: float, other: float, tol: float) -> bool:
    """Whether ``other`` is consistent with my figure ``mine`` written with ``bound``."""
    if bound in ("lower", "range"):
        return other >= mine * (1 - tol)
    if bound == "upper":
        return other <= mine * (1 + tol)
    if bound == "about":
        return abs(mine - other) <= 2 * tol * max(abs(mine), abs(other))
    return True  # an exact figure is checked from the other side


def _one_referent(a: Claim, b: Claim, cfg: FuseConfig) -> bool:
    """Whether two disagreeing figures may measure one thing: at most ``referent_ratio``
    apart."""
    values = _comparable(a, b, cfg)
    if values is None:
        return False
    x, y = sorted((abs(values[0]), abs(values[1])))
    return x > 0 and y / x <= cfg.referent_ratio


def _one_thing(a: _Reading, b: _Reading, cfg: FuseConfig) -> bool:
    """Whether two disagreeing readings of one period may be figures of one thing."""
    if not _one_referent(a.claims[0], b.claims[0], cfg):
        return False
    return not (a.borrowed or b.borrowed) or _same_referent(a, b)


def _same_referent(a: _Reading, b: _Reading) -> bool:
    """Whether the two readings' figures are amounts of one thing as their words say: a
    referent word in common ("kansai airport" and "international airport project"). A figure
    whose dyad comes from its document needs this; "December's order rate" and "one billion
    dlrs worth of foreign products" only share a document's subject."""
    words = [{_stem(w) for c in r.claims for w in (c.referent or "").split()} for r in (a, b)]
    return bool(words[0] & words[1])


def _stem(word: str) -> str:
    """A word without its plural ending, so that a keyword ("exports") meets a lemma."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _same_period(a: _Reading, b: _Reading) -> bool:
    if a.role != b.role:
        return False
    if a.period is not None or b.period is not None:
        return (a.period, a.qualifier) == (b.period, b.qualifier)
    return a.doc_year is None or b.doc_year is None or a.doc_year == b.doc_year


# -- comparing -------------------------------------------------------------------------------


def _compare(
    readings: list[_Reading], measure: str, dyad: str, cfg: FuseConfig
) -> list[Contradiction]:
    """Pairs of independent readings that disagree, joined into one record per component."""
    edges: dict[Kind, list[tuple[int, int]]] = {
        "contradiction": [],
        "different_period": [],
        "different_bound": [],
    }
    for i, a in enumerate(readings):
        for j in range(i + 1, len(readings)):
            b = readings[j]
            if a.group == b.group or _agree(a.claims[0], b.claims[0], cfg) is not False:
                continue
            if not _same_period(a, b):
                edges["different_period"].append((i, j))
            elif not _one_thing(a, b, cfg):
                continue
            elif _bounds_meet(a.claims[0], b.claims[0], cfg):
                edges["different_bound"].append((i, j))
            else:
                edges["contradiction"].append((i, j))
    out = []
    for kind, pairs in edges.items():
        for component in _components(pairs):
            parts = [readings[i] for i in component]
            out.append(_record(kind, parts, measure, dyad))
    return out


def _components(pairs: list[tuple[int, int]]) -> list[list[int]]:
    adjacent: dict[int, set[int]] = defaultdict(set)
    for i, j in pairs:
        adjacent[i].add(j)
        adjacent[j].add(i)
    seen: set[int] = set()
    out = []
    for start in sorted(adjacent):
        if start in seen:
            continue
        stack, component = [start], []
        seen.add(start)
        while stack:
            node = stack.pop()
            component.append(node)
            for nxt in adjacent[node] - seen:
                seen.add(nxt)
                stack.append(nxt)
        out.append(sorted(component))
    return out


def _record(kind: Kind, parts: list[_Reading], measure: str, dyad: str) -> Contradiction:
    ids = sorted({c.claim_id for r in parts for c in r.claims})
    parts = sorted(parts, key=lambda r: (r.period is None, r.period or "", r.role != "start"))
    periods = sorted({_period_label(r) for r in parts})
    sides = "; ".join(_describe(r) for r in parts)
    if kind == "different_bound":
        period = parts[0].period
        note = (
            f"{sides}. One source gives a bound that the other's figure meets: not a contradiction."
        )
    elif kind == "contradiction":
        period = parts[0].period
        when = f"for {period}" if period else "with no period"
        years = sorted({r.doc_year for r in parts if r.doc_year})
        if not period:
            when += f", in articles of {years[0]}" if years else ", in undated articles"
        note = f"{sides}. Independent sources give different figures {when}."
    else:
        period = ", ".join(periods)
        note = f"{sides}. The figures refer to different periods, not different facts."
    return Contradiction(
        contradiction_id=contradiction_id(kind, ids),
        measure=measure,
        dyad=dyad,
        period=period,
        claim_ids=ids,
        kind=kind,
        note=note,
    )


def _period_label(r: _Reading) -> str:
    if r.role == "start":
        return f"before {r.period}" if r.period else "earlier"
    if r.period is None:
        return "none"
    return f"{r.period} (part)" if r.qualifier else r.period


def _describe(r: _Reading) -> str:
    """ "$450 million (doc d4) refers to the first five months of 2018"."""
    first = r.claims[0]
    docs = sorted({c.doc_id for c in r.claims})
    where = ("doc " if len(docs) == 1 else "docs ") + ", ".join(docs)
    value = format_value(first.value, first.unit, first.currency)
    if r.role == "start":
        when = "is where a change started"
        when += f" ({r.period})" if r.period else ""
    elif r.period is None:
        when = "has no period"
        when += f" (article of {r.doc_year})" if r.doc_year else ""
    else:
        when = f"refers to {r.qualifier or r.period}"
    if r.role == "change":
        value = f"a change of {value}"
    words = {"lower": "more than", "upper": "at most", "about": "about", "range": "from"}
    if first.bound in words:
        value = f"{words[first.bound]} {value}"
    return f"{value} ({where}) {when}"


def format_value(value: float, unit: str | None, currency: str | None) -> str:
    """A figure as a reader writes it: "$450 million", "82%", "5 million EUR"."""
    if unit == "percent":
        return f"{value:g}%"
    number = f"{value:,.0f}"
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= scale:
            number = f"{round(value / scale, 3):g} {word}"
            break
    if currency == "USD":
        return f"${number}"
    return f"{number} {currency}" if currency else number


# -- copies that change their source's figures ----------------------------------------------

# A copy's sentence and its source's say the same thing when they share this share of their
# content words (the reuse stage has already found the documents to be one lineage).
ALIGNED_WORDS = 0.5
_WORD = re.compile(r"[A-Za-z]{4,}")


def find_copy_distortions(
    claims: Sequence[Claim],
    edges: Sequence[LineageEdge],
    cfg: FuseConfig,
    *,
    doc_dyads: Mapping[str, str] | None = None,
    texts: Mapping[str, str] | None = None,
    outlets: Mapping[str, str] | None = None,
) -> list[Contradiction]:
    """Figures that a derived document changes from its source: ``copy_distortion``.

    For each lineage edge (a reprint, paraphrase, spun or translated copy and its source),
    a figure of the copy is faithful when its source gives the same value in the same role;
    it is a distortion when the source gives that value in another role ("from $270 million
    to …" made "by $270 million": where a change started became the change), or when the
    source's sentence that the copy's sentence retells gives another value. A copy's
    sentence retells its source only if every name in it (a capitalised word) is in the
    source's text (``texts``): wire stories written to one template ("X Corp said it filed
    … a 60 mln dlr issue") share their words but not their names. Two documents of one
    outlet (``outlets``) are never a distortion of each other: a later story of the same
    desk with another figure is a recurring report on a template ("the Fed arranged 1.5
    billion dlrs of customer repurchase agreements") or an update, not a copy of someone
    else's work.
    """
    dyads = doc_dyads or {}
    sources = texts or {}
    sites = outlets or {}
    by_doc: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        if c.measure != "other" and c.unit not in UNCOMPARED_UNITS:
            by_doc[c.doc_id].append(c)
    roles = {c.claim_id: c.role for cs in by_doc.values() for c in cs}
    out: dict[str, Contradiction] = {}
    for edge in edges:
        site = sites.get(edge.derived_doc)
        if site is not None and site == sites.get(edge.source_doc):
            continue
        for copy in by_doc.get(edge.derived_doc, []):
            source = [s for s in by_doc.get(edge.source_doc, []) if _same_kind(s, copy)]
            if edge.source_doc in sources and not _names_kept(copy.quote, sources[edge.source_doc]):
                continue
            found = _distortion(copy, source, edge, cfg, roles)
            if found is None:
                continue
            original, note = found
            ids = sorted({original.claim_id, copy.claim_id})
            cid = contradiction_id("copy_distortion", ids)
            out[cid] = Contradiction(
                contradiction_id=cid,
                measure=copy.measure,
                dyad=copy.dyad or original.dyad or dyads.get(copy.doc_id),
                period=copy.period or original.period,
                claim_ids=ids,
                kind="copy_distortion",
                note=note,
            )
    return sorted(out.values(), key=lambda c: (c.measure, c.dyad or "", c.contradiction_id))


_NAME = re.compile(r"\b[A-Z][a-z]{2,}\b")


def _names_kept(sentence: str, source_text: str) -> bool:
    """Every capitalised word of ``sentence`` is in ``source_text`` (a word that only opens
    the sentence may be a common word: it counts when the source has it in any case)."""
    lower = source_text.lower()
    for m in _NAME.finditer(sentence):
        name = m[0]
        opening = sentence[: m.start()].strip(" \t\n\"'“‘<(") == ""
        if name not in source_text and not (opening and name.lower() in lower):
            return False
    return True


def _same_kind(a: Claim, b: Claim) -> bool:
    return a.measure == b.measure and a.unit == b.unit


def _distortion(
    copy: Claim,
    source: list[Claim],
    edge: LineageEdge,
    cfg: FuseConfig,
    roles: Mapping[str, Role],
) -> tuple[Claim, str] | None:
    """The source's figure a copy's figure distorts, and a note; None when faithful."""
    role = roles[copy.claim_id]
    same_value = [s for s in source if _agree(s, copy, cfg)]
    if any(roles[s.claim_id] == role for s in same_value):
        return None
    what = f"doc {edge.derived_doc} ({edge.kind} of doc {edge.source_doc})"
    if same_value:
        original = same_value[0]
        return original, (
            f"{what} gives {_as_role(copy, role)} where its source gives "
            f"{_as_role(original, roles[original.claim_id])}: the copy changes what the figure is."
        )
    words = set(_WORD.findall(copy.quote.lower()))
    for s in source:
        theirs = set(_WORD.findall(s.quote.lower()))
        shared = len(words & theirs) / max(len(words | theirs), 1)
        if shared >= ALIGNED_WORDS and _agree(s, copy, cfg) is False and roles[s.claim_id] == role:
            return s, (
                f"{what} gives {_as_role(copy, role)} in the sentence where its source gives "
                f"{_as_role(s, role)}: the copy changes the figure."
            )
    return None


def _as_role(c: Claim, role: Role) -> str:
    value = format_value(c.value, c.unit, c.currency)
    if role == "start":
        return f"{value} as where a change started"
    if role == "change":
        return f"a change of {value}"
    return value


# -- dates of events -------------------------------------------------------------------------


def find_date_contradictions(
    fused: Sequence[FusedEvent], events: Sequence[Event], groups: Mapping[str, str]
) -> list[Contradiction]:
    """Fused events whose independent sources give different years: ``different_date``.

    Only dates the texts give themselves count (not ones derived from "last year" or the
    document date), and the differing years must come from different lineage groups.
    ``claim_ids`` holds the ids of the dated event mentions.
    """
    by_id = {e.event_id: e for e in events}
    out = []
    for f in fused:
        dated: dict[int, list[Event]] = defaultdict(list)
        for e in (by_id[i] for i in f.event_ids if i in by_id):
            if e.date and not e.date_derived:
                year = year_of(e.date, precision_of(e.date, e.date_precision))
                if year is not None:
                    dated[year].append(e)
        if len(dated) < 2 or not _independent_years(dated, groups):
            continue
        ids = sorted(e.event_id for es in dated.values() for e in es)
        told = "; ".join(
            f"{year} by {', '.join(sorted({e.doc_id for e in es}))}"
            for year, es in sorted(dated.items())
        )
        label = f" ({f.summary})" if f.summary else ""
        out.append(
            Contradiction(
                contradiction_id=contradiction_id("different_date", ids),
                measure="event_date",
                dyad=dyad_of(f),
                period=f.date,
                claim_ids=ids,
                kind="different_date",
                note=f"Sources date the same {f.plover} event{label} differently: {told}.",
            )
        )
    return sorted(out, key=lambda c: (c.dyad or "", c.period or "", c.contradiction_id))


def _independent_years(dated: Mapping[int, list[Event]], groups: Mapping[str, str]) -> bool:
    """True when two different years are given by two different lineage groups."""
    by_year = {y: {lineage(e.doc_id, groups) for e in es} for y, es in dated.items()}
    years = list(by_year)
    return any(
        len(by_year[a] | by_year[b]) >= 2 for i, a in enumerate(years) for b in years[i + 1 :]
    )
