"""Fuse stage: one event per real-world event, contradictions, the dyad index and irritants.

Pure functions over records (no files, no database), computed over the whole store:
:func:`fuse_events` merges event mentions into :class:`~dyadwatch.model.FusedEvent` records
whose ``num_sources`` counts independent lineage groups; :func:`find_contradictions` and
:func:`find_date_contradictions` flag figures and dates that sources give differently, and
:func:`find_copy_distortions` the figures a copy changes from its source;
:func:`dyad_index` scores each dyad and period; :func:`find_irritants` finds the third
parties and issues sources present as obstacles. Settings are one :class:`FuseConfig`; the
rules are described in docs/fuse.md.
"""

from dyadwatch.fuse.config import FuseConfig
from dyadwatch.fuse.contradictions import (
    find_contradictions,
    find_copy_distortions,
    find_date_contradictions,
    format_value,
)
from dyadwatch.fuse.events import fuse_events, fused_id
from dyadwatch.fuse.index import dyad_index, main_dyads, period_of, top_actors
from dyadwatch.fuse.irritants import find_irritants
from dyadwatch.fuse.stage import FuseInput, fuse_all, fuse_changed

__all__ = [
    "FuseConfig",
    "FuseInput",
    "dyad_index",
    "find_contradictions",
    "find_copy_distortions",
    "find_date_contradictions",
    "find_irritants",
    "format_value",
    "fuse_all",
    "fuse_changed",
    "fuse_events",
    "fused_id",
    "main_dyads",
    "period_of",
    "top_actors",
]
