"""The dyad index: per dyad and period, how cooperative relations were, and about what.

:func:`dyad_index` turns fused events into one :class:`DyadIndexRow` per dyad and period;
:func:`main_dyads` and :func:`top_actors` read the actor stage's sentences. The formula is
described in docs/fuse.md, "Fusion".
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

from dyadwatch.fuse.common import is_state, lineage, precision_of, sorted_counts
from dyadwatch.fuse.config import FuseConfig
from dyadwatch.model import Actor, DyadIndexRow, Event, FusedEvent, Mention, Sentence, dyad_key


def period_of(f: FusedEvent, cfg: FuseConfig) -> str | None:
    """The index period of a fused event: its year ("2014"), or its month ("2014-06") when
    ``cfg.period`` is "month" and the date gives one; a decade-precise date is its own period
    ("1970s"); an undated event has none."""
    if f.date is None:
        return None
    precision = precision_of(f.date, f.date_precision)
    if precision == "decade":
        return f.date
    if cfg.period == "month" and precision in ("day", "month"):
        return f.date[:7]
    return f.date[:4]


def dyad_of(f: FusedEvent) -> str | None:
    """The dyad of a fused event between two different states, else None."""
    if is_state(f.source) and is_state(f.target) and f.source != f.target:
        return dyad_key(f.source, f.target or "")
    return None


def dyad_index(
    fused: Sequence[FusedEvent],
    cfg: FuseConfig,
    *,
    events: Sequence[Event] | None = None,
    groups: Mapping[str, str] | None = None,
) -> list[DyadIndexRow]:
    """One row per dyad and period.

    ``coop_index`` = Σ goldstein·num_sources / Σ num_sources over the period's fused events,
    rounded to two decimals: a mean Goldstein score (−10 … +10) in which an event counts once
    per independent source that reports it. ``events`` counts fused events; ``sources`` counts
    the distinct lineage groups reporting any of them, which needs the event mentions and
    ``groups`` — without them, the largest ``num_sources`` of one event (a lower bound).
    Events without a date or not between two states are left out.
    """
    by_id = {e.event_id: e for e in events or ()}
    buckets: dict[tuple[str, str], list[FusedEvent]] = defaultdict(list)
    for f in fused:
        dyad, period = dyad_of(f), period_of(f, cfg)
        if dyad is not None and period is not None:
            buckets[(dyad, period)].append(f)
    rows = []
    for (dyad, period), members in sorted(buckets.items()):
        weight = sum(f.num_sources for f in members)
        coop = sum(f.goldstein * f.num_sources for f in members) / weight if weight else 0.0
        docs = {by_id[i].doc_id for f in members for i in f.event_ids if i in by_id}
        sources = (
            len({lineage(d, groups or {}) for d in docs})
            if docs
            else max(f.num_sources for f in members)
        )
        rows.append(
            DyadIndexRow(
                dyad=dyad,
                period=period,
                coop_index=round(coop, 2),
                events=len(members),
                sources=sources,
                by_domain=sorted_counts(f.domain or "other" for f in members),
                by_plover=sorted_counts(f.plover for f in members),
            )
        )
    return rows


def main_dyads(sentences: Sequence[Sentence], cfg: FuseConfig) -> dict[str, list[str]]:
    """Per document, the dyads it is about: named in at least ``cfg.main_dyad_share`` as many
    sentences as its most often named dyad (most often named first)."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for s in sentences:
        counts[s.doc_id].update(set(s.dyads))
    out = {}
    for doc_id, c in counts.items():
        if not c:
            continue
        top = max(c.values())
        ranked = sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))
        out[doc_id] = [d for d, n in ranked if n >= cfg.main_dyad_share * top]
    return out


def top_actors(
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    actors: Mapping[str, Actor],
    groups: Mapping[str, str],
    cfg: FuseConfig,
) -> dict[str, list[tuple[str, int]]]:
    """Per dyad, the people, organisations and IGOs most involved: the actors named in the
    dyad's sentences, ranked by the number of independent sources (lineage groups) that name
    them there, at most ``cfg.top_actors`` each. States are the dyad itself and left out."""
    by_doc: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_doc[m.doc_id].append(m)
    seen: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for s in sentences:
        if not s.dyads:
            continue
        group = lineage(s.doc_id, groups)
        for m in by_doc.get(s.doc_id, ()):
            actor = actors.get(m.actor_id)
            if actor is None or actor.kind == "country" or not (s.start <= m.start < s.end):
                continue
            for dyad in s.dyads:
                seen[dyad][m.actor_id].add(group)
    out = {}
    for dyad, named in sorted(seen.items()):
        ranked = sorted(((a, len(g)) for a, g in named.items()), key=lambda x: (-x[1], x[0]))
        out[dyad] = ranked[: cfg.top_actors]
    return out
