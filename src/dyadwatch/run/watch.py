"""Following folders and feed files: analyse what arrives and raise alerts.

Each cycle opens the store, finds the files under the watched paths that are new or have
changed since they were last read (size or modification time), analyses them with every
stage, and compares the store before and after (:mod:`dyadwatch.report.alerts`). Alerts
are recorded in the ``alerts`` table and handed to the caller. A file is marked as read
only after its analysis is committed. A run stopped halfway therefore reads it again, and
since documents are keyed by their content, nothing is doubled. Between cycles the store
is closed, so ``dyadwatch serve`` can take its snapshots.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from dyadwatch.config import Config
from dyadwatch.ingest import discover
from dyadwatch.model import Reject
from dyadwatch.report.alerts import INDEX_SHIFT, Alert, alerts_between, read_state
from dyadwatch.run.local import RunStats, analyze, file_stamp
from dyadwatch.store import Store


@dataclass(slots=True)
class Cycle:
    """What one cycle did."""

    files: list[str] = field(default_factory=list)
    stats: RunStats | None = None
    alerts: list[Alert] = field(default_factory=list)


def changed_files(
    targets: Sequence[str], seen: dict[str, tuple[int, int]]
) -> list[tuple[str, int, int]]:
    """(path, size, mtime_ns) of each file under ``targets`` that is new or changed."""
    out = []
    for found in discover(list(targets)):
        if isinstance(found, Reject):
            continue  # a watched folder may not exist yet
        stamp = file_stamp(found)
        if stamp[0] < 0:
            continue  # removed since it was listed
        if seen.get(os.path.realpath(found)) != stamp:
            out.append((found, *stamp))
    return out


def run_cycle(
    db: str | Path, targets: Sequence[str], cfg: Config, shift: float = INDEX_SHIFT
) -> Cycle:
    """Analyse what is new under ``targets`` into the store at ``db``; the alerts it raises."""
    cycle = Cycle()
    with Store(db) as store:
        todo = changed_files(targets, store.watched_files())
        if not todo:
            return cycle
        cycle.files = [path for path, _, _ in todo]
        before = read_state(store)
        cycle.stats = analyze(cycle.files, store, cfg)
        cycle.alerts = alerts_between(before, read_state(store), shift)
        store.add_alerts(
            [(a.alert_id, a.kind, a.dyad, a.message, a.as_json()) for a in cycle.alerts]
        )
        store.mark_watched([(os.path.realpath(p), size, mtime) for p, size, mtime in todo])
    return cycle


def watch(
    db: str | Path,
    targets: Sequence[str],
    cfg: Config,
    *,
    interval: float = 5.0,
    shift: float = INDEX_SHIFT,
    report: Callable[[Cycle], None] = lambda _: None,
    stop: threading.Event | None = None,
    once: bool = False,
) -> None:
    """Run cycles every ``interval`` seconds until ``stop`` is set (or once)."""
    stop = stop or threading.Event()
    while not stop.is_set():
        report(run_cycle(db, targets, cfg, shift))
        if once:
            return
        stop.wait(interval)
