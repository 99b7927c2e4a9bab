"""The Ray runner gives the store the local runner gives, table for table.

Both analyse the demo corpus. The Ray run cuts extraction into shards of four documents
(one per batch of one), so that partitions are loaded one after another and actors named in
several shards are merged as the local runner merges them. Skipped where Ray is absent
(``pip install 'dyadwatch[ray]'``).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dyadwatch.config import Config
from dyadwatch.run import local
from dyadwatch.store import Store
from tests.conftest import EXAMPLES, store_tables

ray_runner = pytest.importorskip("dyadwatch.run.ray")
pytest.importorskip("ray")


def test_the_ray_runner_leaves_the_store_the_local_runner_leaves(tmp_path: Path) -> None:
    with Store(tmp_path / "local.duckdb") as store:
        local.analyze([str(EXAMPLES)], store, Config())
    with Store(tmp_path / "ray.duckdb") as store:
        stats = ray_runner.analyze(
            [str(EXAMPLES)], store, Config(batch_size=1), partitions=tmp_path
        )
        assert stats.analysed == 5 and stats.events > 0
        runs = store.query("SELECT command FROM runs")
    assert [r["command"] for r in runs] == ["analyze --runner ray"]
    ours, theirs = store_tables(tmp_path / "ray.duckdb"), store_tables(tmp_path / "local.duckdb")
    assert ours["events"] and ours["fused_events"] and ours["actors"]
    for table in theirs:
        assert ours[table] == theirs[table], f"{table} differs"
    assert not list(tmp_path.glob("dyadwatch-ray-*")), "partitions left behind"
