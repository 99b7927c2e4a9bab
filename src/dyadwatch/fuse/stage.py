"""The whole fuse stage in one call: fused events, contradictions, index and irritants."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from dyadwatch.fuse.config import FuseConfig
from dyadwatch.fuse.contradictions import (
    find_contradictions,
    find_copy_distortions,
    find_date_contradictions,
)
from dyadwatch.fuse.events import fuse_events
from dyadwatch.fuse.index import dyad_index, main_dyads
from dyadwatch.fuse.irritants import find_irritants
from dyadwatch.model import Actor, Claim, Event, FusionResult, LineageEdge, Mention, Sentence


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
    fused = fuse_events(events, data.groups, cfg, outlets=data.outlets)
    main = main_dyads(data.sentences, cfg)
    doc_dyads = {doc_id: dyads[0] for doc_id, dyads in main.items() if dyads}
    contradictions = find_contradictions(
        data.claims, data.groups, cfg, doc_dates=data.doc_dates, doc_dyads=doc_dyads
    )
    contradictions += find_date_contradictions(fused, data.events, data.groups)
    contradictions += find_copy_distortions(
        data.claims, data.edges, cfg, doc_dyads=doc_dyads, texts=data.texts
    )
    return FusionResult(
        fused=fused,
        contradictions=contradictions,
        index=dyad_index(fused, cfg, events=events, groups=data.groups),
        irritants=find_irritants(data.sentences, data.mentions, data.actors, data.texts, cfg),
    )
