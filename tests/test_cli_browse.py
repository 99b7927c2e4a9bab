"""The browsing commands print what the web API serves: both call the same functions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dyadwatch.cli import app
from dyadwatch.report import browse
from dyadwatch.store import Store
from tests.test_dossier_data import fill_store


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli-browse") / "s.duckdb"
    with fill_store(path) as store:
        store.update_search_index()
    return path


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_dyad_and_events_print_the_library_answers(db: Path) -> None:
    summary = json.loads(run("dyad", "Russia", "PAK", "--db", str(db)))
    page = json.loads(run("events", "PAK", "RUS", "--db", str(db), "--limit", "2"))
    with Store(db, read_only=True) as store:
        assert summary == json.loads(json.dumps(browse.dyad_summary(store, "PAK-RUS")))
        expected = browse.fused_events(store, "PAK-RUS", limit=2)
    assert [e["fused_id"] for e in page["events"]] == [e["fused_id"] for e in expected["events"]]
    assert page["next_cursor"] == expected["next_cursor"]
    rest = json.loads(run("events", "PAK", "RUS", "--db", str(db), "--cursor", page["next_cursor"]))
    assert not {e["fused_id"] for e in rest["events"]} & {e["fused_id"] for e in page["events"]}
    event = json.loads(run("event", page["events"][0]["fused_id"], "--db", str(db)))
    assert event["evidence"] and event["evidence"][0]["quote"]


def test_document_and_search(db: Path) -> None:
    doc = json.loads(run("document", "d-orig", "--db", str(db)))
    with Store(db, read_only=True) as store:
        assert doc["text"] == store.document_texts(["d-orig"])["d-orig"]
    assert doc["mentions"] and doc["events"]
    out = run("search", '"arms embargo"', "--db", str(db)).strip().splitlines()
    assert len(out) == 1 and out[0].startswith("d-orig\t")
    assert "arms embargo" in out[0]


def test_bad_values_are_clear_errors(db: Path) -> None:
    result = CliRunner().invoke(app, ["events", "PAK", "RUS", "--db", str(db), "--cursor", "zz"])
    assert result.exit_code == 1 and "[DW106]" in result.output
    result = CliRunner().invoke(app, ["event", "nope", "--db", str(db)])
    assert result.exit_code == 1 and "[DW107]" in result.output
