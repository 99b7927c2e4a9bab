"""The Ray runner: the extract stage as Ray tasks over shards, one writer loading the store.

``dyadwatch analyze --runner ray`` runs the same stage functions as the local runner.

- Ingest and clean run in the driver: they are cheap and they feed the one writer.
- Reuse and fusion run in the driver too: they compare the whole corpus.
- Extraction, the costly stage, is cut into shards of documents. Each shard is a Ray task
  that extracts its documents into a partition store of its own and writes that store's
  tables as Parquet files.
- The driver, the store's only writer, loads the partitions in shard order, each in one
  transaction.

The result is the one the local runner gives, table for table
(``tests/test_ray_runner.py``).

Ray starts a local instance unless ``address`` names a cluster. On a cluster,
``partitions`` must be a folder that every node and the driver can reach.

This is the only module that imports Ray (``pip install 'dyadwatch[ray]'``).
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from dyadwatch import __version__
from dyadwatch.config import Config
from dyadwatch.errors import DyadwatchError
from dyadwatch.model import Document
from dyadwatch.run import local
from dyadwatch.run.local import ProgressFactory, RunStats, no_progress
from dyadwatch.store import Store

#: Documents per task, a whole number of the extract stage's batches.
SHARD_BATCHES = 4


class RayMissing(DyadwatchError):
    code = "DW108"


def _ray() -> Any:
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # no report sent anywhere
    try:
        import ray
    except ImportError:
        raise RayMissing(
            "the Ray runner needs Ray: pip install 'dyadwatch[ray]' (or run without --runner)"
        ) from None
    return ray


def extract_shard(
    docs: Sequence[Document], cfg: Config, version: str, out: str
) -> tuple[dict[str, int], list[tuple[str, str]]]:
    """Extract ``docs`` into a partition store and write it as Parquet under ``out``; returns
    the counts and the documents the stage failed on, with why."""
    from dyadwatch.extract.pipeline import Extractor, shared_engine

    counts = {"analysed": 0, "mentions": 0, "events": 0, "sport": 0}
    failed: list[tuple[str, str]] = []
    with Store(f"{out}.duckdb") as part:
        pending = []
        extractor = Extractor(cfg, shared_engine(cfg.spacy_model))
        for result in extractor.pipe(docs):
            if result.failed is not None:
                failed.append((result.doc_id, result.failed))
            pending.append(result)
            counts["analysed"] += 1
            counts["mentions"] += len(result.actors.mentions)
            counts["events"] += len(result.events)
            counts["sport"] += result.sport is not None
            if len(pending) >= cfg.batch_size:
                part.add_extractions(pending, version)
                pending.clear()
        part.add_extractions(pending, version)
        part.export_partition(out)
    Path(f"{out}.duckdb").unlink(missing_ok=True)
    return counts, failed


def extract(
    store: Store,
    cfg: Config,
    stats: RunStats,
    progress: ProgressFactory = no_progress,
    *,
    address: str | None = None,
    partitions: str | Path | None = None,
) -> None:
    """The extract stage over Ray: every stored document not yet extracted with ``cfg``."""
    version = f"{__version__}:{cfg}"
    todo = store.documents_needing("extract", version)
    if not todo:
        return
    ray = _ray()
    size = cfg.batch_size * SHARD_BATCHES
    shards = [todo[i : i + size] for i in range(0, len(todo), size)]
    advance = progress("extract (ray)", len(todo))
    stats.other_language += sum(d.lang != "en" for d in todo)
    started = not ray.is_initialized()
    if started:
        ray.init(address=address, include_dashboard=False, log_to_driver=False)
    task = ray.remote(extract_shard)
    one = dataclasses.replace(cfg, n_process=1)  # Ray spreads the shards over the cores
    with (
        tempfile.TemporaryDirectory(prefix="dyadwatch-ray-", dir=partitions) as work,
        local.timed(stats, "extract"),
    ):
        outs = [str(Path(work) / f"part-{i:05d}") for i in range(len(shards))]
        refs = [task.remote(s, one, version, o) for s, o in zip(shards, outs, strict=True)]
        for ref, out, shard in zip(refs, outs, shards, strict=True):
            counts, failed = ray.get(ref)
            store.load_partition(out)
            paths = {d.doc_id: d.path for d in shard}
            local.record_failures(store, stats, [(paths[i], why) for i, why in failed])
            stats.analysed += counts["analysed"]
            stats.mentions += counts["mentions"]
            stats.events += counts["events"]
            stats.sport += counts["sport"]
            advance(len(shard))
    if started:
        ray.shutdown()


def analyze(
    targets: Sequence[str],
    store: Store,
    cfg: Config,
    progress: ProgressFactory = no_progress,
    *,
    address: str | None = None,
    partitions: str | Path | None = None,
) -> RunStats:
    """All stages in order, extraction on Ray; the store ends as the local runner leaves it."""
    stats = RunStats()
    run_id = store.start_run("analyze --runner ray", str(cfg))
    local.ingest(targets, store, cfg, stats, progress)
    store.stage_done(run_id, "ingest")
    local.find_reuse(store, stats, n_process=cfg.n_process)
    store.stage_done(run_id, "reuse")
    extract(store, cfg, stats, progress, address=address, partitions=partitions)
    store.stage_done(run_id, "extract")
    local.fuse(store, stats)
    store.stage_done(run_id, "fuse")
    store.finish_run(run_id, stats.as_dict())
    return stats
