"""The whole fuse stage in one call: fused events, contradictions, index and irritants."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from dyadwatch.fuse.common import is_state
from dyadwatch.fuse.config import FuseConfig
from dyadwatch.fuse.contradictions import (
    find_contradictions,
    find_copy_distortions,
    find_date_contradictions,
)
from dyadwatch.fuse.events import fuse_events
from dyadwatch.fuse.index import dyad_index, main_dyads
from dyadwatch.fuse.irritants import find_irritants
from dyadwatch.model import (
    Actor,
    Claim,
    Event,
    FusionResult,
    FusionScope,
    LineageEdge,
    Mention,
    Sentence,
    dyad_key,
)


@dataclass(slots=True)
class FuseInput:
    """Everything the fuse stage reads, as records (the runner loads them from the store)."""

    events: Sequence[Event]
    claims: Sequence[Claim]
    sentences: Sequence[Sentence]
    mentions: Sequence[Mention]
    actors: Mapping[str, Actor]
    texts: Mapping[str, str]
    groups: Mapping[str, str]
    """doc_id → lineage group id."""
    doc_dates: Mapping[str, str]
    """doc_id → the date the source itself gives (estimates excluded: they are only floors)."""
    outlets: Mapping[str, str] = field(default_factory=dict)
    """doc_id → the site or agency that published it (documents without one are left out)."""
    edges: Sequence[LineageEdge] = ()
    """Which document derives from which (the reuse stage's lineage)."""


# Sectors of a state's apparatus: an act with one of them (or the state itself) on either
# side is the state's; one between two other sectors (BUS, MED, LAB …) is its society's.
STATE_SECTORS = frozenset({"GOV", "MIL", "SPY", "COP", "JUD", "LEG", "ELI"})


def state_act(e: Event) -> bool:
    """Whether an event involves a state's apparatus (or the state itself) on one side."""
    return any(s is None or s in STATE_SECTORS for s in (e.source_sector, e.target_sector))


def fuse_all(data: FuseInput, cfg: FuseConfig | None = None) -> FusionResult:
    """Fuse event mentions, flag contradictions, score each dyad, find the irritants.

    Acts between two parts of states' societies ("a deal between two companies") are left
    out of the dyad picture unless ``cfg.society_acts``."""
    cfg = cfg or FuseConfig()
    events = [e for e in data.events if cfg.society_acts or state_act(e)]
    fused = fuse_events(events, data.groups, cfg, outlets=data.outlets, claims=data.claims)
    main = main_dyads(data.sentences, cfg)
    doc_dyads = {doc_id: dyads[0] for doc_id, dyads in main.items() if dyads}
    contradictions = find_contradictions(
        data.claims, data.groups, cfg, doc_dates=data.doc_dates, doc_dyads=doc_dyads
    )
    contradictions += find_date_contradictions(fused, data.events, data.groups)
    contradictions += find_copy_distortions(
        data.claims,
        data.edges,
        cfg,
        doc_dyads=doc_dyads,
        texts=data.texts,
        outlets=data.outlets,
    )
    return FusionResult(
        fused=fused,
        contradictions=contradictions,
        index=dyad_index(fused, cfg, events=events, groups=data.groups),
        irritants=find_irritants(data.sentences, data.mentions, data.actors, data.texts, cfg),
    )


def block_of(e: Event) -> tuple[str, str]:
    """The block an event is fused in: its two actors, sorted."""
    a, b = sorted((e.source, e.target or ""))
    return a, b


def touched_blocks(
    events: Sequence[Event], changed: set[str], dyads: set[str]
) -> set[tuple[str, str]]:
    """The fusion blocks to compute again: those of the changed documents' events, and those
    of the touched dyads."""
    blocks = {block_of(e) for e in events if e.doc_id in changed}
    blocks |= {b for e in events if dyad_key(*(b := block_of(e))) in dyads and is_state(b[0])}
    return blocks


def touched_dyads(data: FuseInput, cfg: FuseConfig, changed: set[str]) -> set[str]:
    """The dyads documents ``changed`` take part in: of their events between two states, of
    their claims (a claim's own dyad, else its document's main dyad) and of their sentences.
    Only the records of ``changed`` are read."""
    dyads: set[str] = set()
    for e in data.events:
        if e.doc_id in changed and (cfg.society_acts or state_act(e)):
            a, b = block_of(e)
            if is_state(a) and is_state(b):
                dyads.add(dyad_key(a, b))
    mine = [s for s in data.sentences if s.doc_id in changed]
    main = main_dyads(mine, cfg)
    for c in data.claims:
        if c.doc_id in changed:
            d = c.dyad or next(iter(main.get(c.doc_id, [])), None)
            if d is not None:
                dyads.add(d)
    for s in mine:
        dyads.update(s.dyads)
    return dyads


def kept_edges(
    edges: Sequence[LineageEdge], old_edges: set[tuple[str, str]], changed: set[str]
) -> set[frozenset[str]]:
    """Lineage edges whose copy distortions stand: found before, and neither end changed."""
    now = {(e.source_doc, e.derived_doc) for e in edges}
    return {frozenset(e) for e in now & old_edges if not (set(e) & changed)}


def fresh_edges(edges: Sequence[LineageEdge], kept: set[frozenset[str]]) -> list[LineageEdge]:
    """The lineage edges whose copy distortions must be found again: those not ``kept``."""
    return [e for e in edges if frozenset((e.source_doc, e.derived_doc)) not in kept]


def fuse_changed(
    data: FuseInput,
    cfg: FuseConfig,
    changed: set[str],
    old_edges: set[tuple[str, str]],
) -> tuple[FusionResult, FusionScope]:
    """What :func:`fuse_all` gives for the parts that documents ``changed`` (added, or moved
    to another lineage group) take part in, with the scope it covers.

    Every output depends on one part of the input: a fused event on the events of its pair
    of actors, an index row on its dyad's fused events, a figure contradiction on the claims
    of its dyad, an irritant on the documents that name its dyad, a copy distortion on one
    lineage edge. So the parts the changed documents touch are computed again from all of
    their input, and the rest is left as it was. ``old_edges`` (source, derived) are the
    lineage edges the stored copy distortions were found on.

    ``data`` needs every event, but of the other records only those of the changed
    documents, of the documents with a sentence about a touched dyad or an event in a
    touched block (:func:`touched_blocks`), of the claims about one, and of the documents at
    either end of a lineage edge not kept: the runner loads no more."""
    scope = FusionScope(dyads=touched_dyads(data, cfg, changed))
    events = [e for e in data.events if cfg.society_acts or state_act(e)]
    main = main_dyads(data.sentences, cfg)
    doc_dyads = {doc_id: dyads[0] for doc_id, dyads in main.items() if dyads}

    scope.blocks = touched_blocks(events, changed, scope.dyads)
    mine = [e for e in events if block_of(e) in scope.blocks]
    scope.events = {e.event_id for e in mine}
    fused = fuse_events(mine, data.groups, cfg, outlets=data.outlets, claims=data.claims)
    index = dyad_index(fused, cfg, events=events, groups=data.groups)
    scope.index_dyads = scope.dyads | {r.dyad for r in index}

    claims = [c for c in data.claims if (c.dyad or doc_dyads.get(c.doc_id)) in scope.dyads]
    contradictions = find_contradictions(
        claims, data.groups, cfg, doc_dates=data.doc_dates, doc_dyads=doc_dyads
    )
    contradictions += find_date_contradictions(fused, data.events, data.groups)
    scope.kept_edges = kept_edges(data.edges, old_edges, changed)
    fresh = fresh_edges(data.edges, scope.kept_edges)
    ends = {d for e in fresh for d in (e.source_doc, e.derived_doc)}
    contradictions += find_copy_distortions(
        [c for c in data.claims if c.doc_id in ends],
        fresh,
        cfg,
        doc_dyads=doc_dyads,
        texts=data.texts,
        outlets=data.outlets,
    )

    named = {s.doc_id for s in data.sentences if set(s.dyads) & scope.dyads}
    irritants = find_irritants(
        [s for s in data.sentences if s.doc_id in named],
        [m for m in data.mentions if m.doc_id in named],
        data.actors,
        {d: t for d, t in data.texts.items() if d in named},
        cfg,
    )
    return (
        FusionResult(
            fused=fused,
            contradictions=contradictions,
            index=index,
            irritants=[i for i in irritants if i.dyad in scope.dyads],
        ),
        scope,
    )
