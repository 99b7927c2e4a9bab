"""The typed settings of the fuse stage; ``str()`` names every parameter."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Literal

PeriodUnit = Literal["year", "month"]


def _check(ok: bool, message: str) -> None:
    if not ok:
        raise ValueError(message)


@dataclass(frozen=True, slots=True)
class FuseConfig:
    """Settings of event fusion, contradictions, the dyad index and irritants.

    The defaults are the values described in docs/fuse.md.
    """

    period: PeriodUnit = "year"
    """Period of the dyad index: "year", or "month" where an event's date gives its month."""
    min_jaccard: float = 0.3
    """Two event quotes this alike (Jaccard of the words that set them apart in their block)
    may be one event …"""
    trigger_jaccard: float = 0.1
    """… or this alike, the trigger left out, when their triggers share a word …"""
    same_wording: float = 0.6
    """… or this alike on all their content words (reprints); such quotes are one event even
    when their years differ (a different_date) …"""
    act_window: int = 8
    """… or, dated at most ``recall_days`` apart, when the act's own phrases (its trigger and
    the words up to this many past it) share …"""
    min_act_words: int = 2
    """… at least this many words other than the block's common names ("decision to impose
    *tariffs* on *imports* of Japanese *electrical goods*", "plans to put … in *tariffs* on
    *imports* of certain Japanese electronic *goods*"); a sentence's other words are not the
    act's …"""
    min_cited_count: int = 10
    """… or when both sentences cite the same amount of money, or the same count of things
    of at least this many ("11 tankers"; "two warships" recur in unrelated reports) …"""
    date_conflict_years: int = 1
    """… by at most this many years, and neither speaks of a recurring event."""
    prior_days: int = 3
    """A mention the text tells as before its story's date ("said it *had received* an
    assurance", ``date_basis`` "prior") is the report of the same kind of act by the same
    source on the same target at most this many days earlier, the nearest such day."""
    recall_days: int = 7
    """A mention dated only by its story joins a cluster dated by its text at most this many
    days before the story (the week's news retold); older events are told with a date."""
    common_share: float = 0.5
    """Words found in more than this share of a block's mentions (of at least four) do not set
    a quote apart."""
    max_posting: int = 200
    """A word shared by more of a dyad's mentions than this proposes no pairs to compare (it
    still counts in the similarity of pairs proposed otherwise): keeps fusion near-linear."""
    value_tolerance: float = 0.05
    """Figures in one currency (or both percentages) that differ by more than this share of the
    larger one disagree."""
    currency_tolerance: float = 0.25
    """The same for figures compared in US dollars across currencies (the rates are rough)."""
    referent_ratio: float = 1.5
    """Figures of one period further apart than this factor are taken to measure different
    things ("$96 million" of one bank's reserves, "$53.2 million" of another's loans), not
    one thing reported differently: they are no contradiction."""
    summary_chars: int = 120
    """Longest summary of a fused event."""
    main_dyad_share: float = 0.5
    """A document's main dyads are named in at least this share of the sentences that name its
    most frequent dyad."""
    top_actors: int = 10
    """Actors listed per dyad by :func:`~dyadwatch.fuse.top_actors`."""
    society_acts: bool = False
    """Fuse and index acts between two parts of states' societies (companies, media,
    unions …: "a deal between two companies") too. Off by default: the dyad picture is
    state-to-state; those events stay in the ``events`` table with their sectors."""

    def __post_init__(self) -> None:
        _check(
            self.period in ("year", "month"),
            f"FuseConfig.period must be 'year' or 'month', got {self.period!r}",
        )
        for name in (
            "min_jaccard",
            "trigger_jaccard",
            "same_wording",
            "common_share",
            "main_dyad_share",
        ):
            value = getattr(self, name)
            _check(0 < value <= 1, f"FuseConfig.{name} is a share in (0, 1], got {value!r}")
        for name in ("value_tolerance", "currency_tolerance"):
            value = getattr(self, name)
            _check(
                0 <= value < 1,
                f"FuseConfig.{name} is a relative difference in [0, 1), got {value!r}; "
                "try 0.05 (5 %)",
            )
        _check(
            self.referent_ratio >= 1,
            f"FuseConfig.referent_ratio is a factor ≥ 1, got {self.referent_ratio!r}; try 1.5",
        )
        _check(self.date_conflict_years >= 0, "FuseConfig.date_conflict_years must be ≥ 0 (try 1)")
        _check(self.prior_days >= 0, "FuseConfig.prior_days must be ≥ 0 (try 3)")
        _check(self.recall_days >= 0, "FuseConfig.recall_days must be ≥ 0 (try 7)")
        _check(self.act_window >= 0, "FuseConfig.act_window must be ≥ 0 (try 8)")
        _check(self.min_act_words >= 1, "FuseConfig.min_act_words must be ≥ 1 (try 2)")
        _check(self.min_cited_count >= 1, "FuseConfig.min_cited_count must be ≥ 1 (try 10)")
        _check(self.summary_chars >= 20, "FuseConfig.summary_chars must be ≥ 20 (try 120)")
        _check(self.max_posting >= 2, "FuseConfig.max_posting must be ≥ 2 (try 200)")
        _check(self.top_actors >= 1, "FuseConfig.top_actors must be ≥ 1 (try 10)")

    def __str__(self) -> str:
        parts = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self))
        return f"FuseConfig({parts})"
