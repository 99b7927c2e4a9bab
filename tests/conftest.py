"""Shared test helpers: small records built by hand and the location of shared data."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLES = REPO / "examples" / "pak-rus"
CHROMIUM = Path("/usr/bin/chromium")
#: Headless Chromium on a closed network: no sandbox (root in CI), no GPU, and none of the
#: background connections the network would refuse.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test when that data is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not present: {path}")
    return path


#: Columns that say when a row was written, not what it holds ("*": the whole table).
WHEN = {"documents": "ingested_at", "rejects": "seen_at", "runs": "*", "alerts": "raised_at"}


def store_tables(db: Path) -> dict[str, list[str]]:
    """Every exportable table of a store as sorted JSON rows, without write times: two
    stores holding the same data give equal answers."""
    import json

    from dyadwatch.store import Store
    from dyadwatch.store.db import EXPORTABLE

    out = {}
    with Store(db, read_only=True) as store:
        for table in EXPORTABLE:
            if WHEN.get(table) == "*":
                continue
            exclude = f" EXCLUDE ({WHEN[table]})" if table in WHEN else ""
            rows = store.query(f"SELECT *{exclude} FROM {table}")
            out[table] = sorted(json.dumps(r, sort_keys=True, default=str) for r in rows)
    return out


def benchmark(name: str) -> ModuleType:
    """The script ``benchmarks/<name>.py`` as a module (quality gates call its scoring)."""
    path = REPO / "benchmarks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"{name}_benchmark", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module
