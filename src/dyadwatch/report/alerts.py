"""Alerts: what changed in the picture of a dyad between two states of the store.

``dyadwatch watch`` reads the :class:`State` before and after analysing the files that
arrived, and :func:`alerts_between` says what is new:

* ``contradiction``: a contradiction (or copy distortion) that was not there before;
* ``index_shift``: a dyad's index for its latest period moved by ``shift`` or more
  (Goldstein points), or a later period appeared whose index differs by that much;
* ``irritant``: a party or issue newly named as an irritant of a dyad;
* ``first_event``: the first fused event of a PLOVER category between a pair.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any

from dyadwatch.store import Store
from dyadwatch.store import queries as q

#: Goldstein points of index change that raise an alert, unless told otherwise.
INDEX_SHIFT = 2.0
#: Contradiction kinds that raise an alert (differences of period or bound do not).
ALERTING = ("contradiction", "copy_distortion")


@dataclass(frozen=True, slots=True)
class Alert:
    kind: str
    dyad: str | None
    message: str
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def alert_id(self) -> str:
        """The same change gives the same id, so recording it twice keeps one row."""
        key = json.dumps([self.kind, self.dyad, self.detail], sort_keys=True, default=str)
        return hashlib.sha1(key.encode()).hexdigest()[:16]

    def as_json(self) -> str:
        return json.dumps({"alert_id": self.alert_id, **asdict(self)}, default=str)


@dataclass(slots=True)
class State:
    """What alerts are computed from: contradictions, latest index, irritants, categories."""

    contradictions: dict[tuple[Any, ...], dict[str, Any]] = field(default_factory=dict)
    index: dict[str, tuple[str, float]] = field(default_factory=dict)
    """Per dyad: its latest period and that period's index."""
    irritants: set[tuple[str, str]] = field(default_factory=set)
    categories: set[tuple[str, str]] = field(default_factory=set)
    """(dyad, PLOVER category) pairs with at least one fused event."""


def read_state(store: Store) -> State:
    """The store's state as alerts see it."""
    state = State()
    for r in q.alert_contradictions(store, ALERTING):
        key = (r["kind"], r["dyad"], r["measure"], r["period"], tuple(sorted(r["claim_ids"])))
        state.contradictions[key] = r
    for r in q.latest_index(store):
        state.index[r["dyad"]] = (str(r["period"]), float(r["coop_index"]))
    state.irritants = {(r["dyad"], r["party_or_issue"]) for r in q.irritant_names(store)}
    state.categories = {(r["dyad"], r["plover"]) for r in q.dyad_categories(store)}
    return state


def alerts_between(before: State, after: State, shift: float = INDEX_SHIFT) -> list[Alert]:
    """What is new in ``after`` compared with ``before``, in a stable order."""
    out: list[Alert] = []
    for key, r in after.contradictions.items():
        if key not in before.contradictions:
            what = "copy distortion" if r["kind"] == "copy_distortion" else "contradiction"
            out.append(
                Alert(
                    "contradiction",
                    r["dyad"],
                    f"new {what} in {r['dyad'] or 'no dyad'}: {r['measure']}"
                    f"{' for ' + r['period'] if r['period'] else ''}: {r['note']}",
                    {"kind": r["kind"], "measure": r["measure"], "period": r["period"]}
                    | {"claim_ids": sorted(r["claim_ids"]), "note": r["note"]},
                )
            )
    for dyad, (period, value) in sorted(after.index.items()):
        old = before.index.get(dyad)
        if old is None or abs(value - old[1]) < shift:
            continue
        out.append(
            Alert(
                "index_shift",
                dyad,
                f"{dyad} index {old[1]:+.1f} ({old[0]}) → {value:+.1f} ({period})",
                {"from": old[1], "from_period": old[0], "to": value, "to_period": period},
            )
        )
    for dyad, name in sorted(after.irritants - before.irritants):
        out.append(Alert("irritant", dyad, f"new irritant of {dyad}: {name}", {"name": name}))
    for dyad, plover in sorted(after.categories - before.categories):
        out.append(
            Alert(
                "first_event",
                dyad,
                f"first {plover} event between {dyad}",
                {"plover": plover},
            )
        )
    return out
