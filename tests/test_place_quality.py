"""Quality gate: place names on news stories, scored on the held-out set.

The floors sit just under the held-out figures of docs/benchmarks.md, "Where: place names
and event places" (``benchmarks/places.py``): the set was drawn after the resolver's rules
were written and is never read to write them. A floor only moves up.
"""

from __future__ import annotations

from types import ModuleType

from .conftest import benchmark, shared_path

FOUND_FLOOR = 0.84
"""Share of the gold place mentions found."""
STATE_FLOOR = 0.78
"""Share found and put in the right state."""
CHOICE_STATE_FLOOR = 0.92
"""Among the entries of each listed name, the share chosen in the right state."""


def _benchmark() -> ModuleType:
    return benchmark("places")


def test_place_names_on_the_held_out_stories() -> None:
    shared_path("corpus", "news", "voa", "voa_stories.jsonl")
    bench = _benchmark()
    tally = bench.score(bench.SETS["held-out"])["all"]
    assert tally.found / tally.mentions >= FOUND_FLOOR, tally
    assert tally.state / tally.mentions >= STATE_FLOOR, tally
    assert tally.choice_state / tally.listed >= CHOICE_STATE_FLOOR, tally
    # the context-aware choice does at least as well as taking the most populous entry
    assert tally.choice_state >= tally.base_state, tally
