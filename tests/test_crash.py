"""Crash safety: ``dyadwatch analyze`` killed with SIGKILL at any point leaves a store that
opens, that a re-run completes, and that then holds exactly what an uninterrupted run gives.

Two kinds of kill point:

* every write of the run, killed just before its commit (``DYADWATCH_KILL_AT_WRITE=N``,
  N = 1, 2, … until a run is not killed): ingest, search index, reuse, extraction batches
  and fusion each lose a write in flight;
* moments drawn at random over the run's duration, with several seeds.

Marked slow: ``make test-slow`` (and ``.ci/run``) runs it.
"""

from __future__ import annotations

import gzip
import itertools
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dyadwatch.store import Store
from tests.conftest import EXAMPLES, SHARED, store_tables

pytestmark = pytest.mark.slow
DYADWATCH = [sys.executable, "-c", "from dyadwatch.cli import main; main()"]
SEEDS = range(14)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo articles and, where the shared data is present, 150 Reuters stories."""
    root = tmp_path_factory.mktemp("crash") / "corpus"
    shutil.copytree(EXAMPLES, root, ignore=shutil.ignore_patterns("README.md"))
    reuters = SHARED / "corpus" / "news" / "reuters21578" / "articles.jsonl.gz"
    if reuters.exists():
        with gzip.open(reuters, "rt", encoding="utf-8") as fh:
            lines = "".join(itertools.islice(fh, 150))
        (root / "reuters.jsonl").write_text(lines, encoding="utf-8")
    return root


def analyze(corpus: Path, db: Path, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    cmd = [*DYADWATCH, "analyze", str(corpus), "--db", str(db), "--processes", "1"]
    return subprocess.Popen(
        cmd, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


def finish(proc: subprocess.Popen[bytes], timeout: float = 600) -> tuple[int, str]:
    _, err = proc.communicate(timeout=timeout)
    return proc.returncode, err.decode(errors="replace")


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, float]:
    db = tmp_path_factory.mktemp("ref") / "ref.duckdb"
    started = time.monotonic()
    code, err = finish(analyze(corpus, db))
    assert code == 0, err
    with Store(db, read_only=True) as store:
        stages = [r["stage"] for r in store.query("SELECT stage FROM run_stages")]
    assert stages == ["ingest", "reuse", "extract", "fuse"]
    return store_tables(db), time.monotonic() - started


def check_recovers(corpus: Path, db: Path, reference: dict) -> None:
    code, err = finish(analyze(corpus, db))
    assert code == 0, f"the re-run failed: {err[-2000:]}"
    assert store_tables(db) == reference


def test_a_kill_before_any_commit_is_recovered(
    corpus: Path, reference: tuple[dict, float], tmp_path: Path
) -> None:
    expected, _ = reference
    killed = 0
    for n in itertools.count(1):
        db = tmp_path / f"w{n}.duckdb"
        code, _ = finish(analyze(corpus, db, {"DYADWATCH_KILL_AT_WRITE": str(n)}))
        if code == 0:
            break  # the run has fewer than n writes: every one has been tried
        assert code == -signal.SIGKILL
        killed += 1
        check_recovers(corpus, db, expected)
        db.unlink()
    assert killed >= 6, f"only {killed} writes in a run"
    assert killed + len(SEEDS) >= 20  # kill points in all, with the random ones


@pytest.mark.parametrize("seed", SEEDS)
def test_a_kill_at_a_random_moment_is_recovered(
    corpus: Path, reference: tuple[dict, float], tmp_path: Path, seed: int
) -> None:
    expected, seconds = reference
    at = random.Random(seed).uniform(0.5, seconds)
    db = tmp_path / "s.duckdb"
    proc = analyze(corpus, db)
    time.sleep(at)
    proc.send_signal(signal.SIGKILL)
    finish(proc)
    check_recovers(corpus, db, expected)
