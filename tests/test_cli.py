"""The command line: help everywhere, clear errors, and no heavy import for --help."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dyadwatch.cli import app

COMMANDS = ["ingest", "analyze", "reuse", "report", "dyads", "export", "rejects", "summary"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "--db" in result.output


def test_help_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from dyadwatch.cli import app\n"
        "CliRunner().invoke(app, ['--help'])\n"
        "heavy = [m for m in ('spacy', 'duckdb', 'trafilatura') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["summary", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert "[DW105]" in result.output and "dyadwatch analyze" in result.output


def test_unknown_country_is_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    from dyadwatch.store import Store

    Store(db).close()
    result = CliRunner().invoke(app, ["report", "PAK", "Atlantis", "--db", str(db)])
    assert result.exit_code == 1
    assert "[DW101]" in result.output and "Atlantis" in result.output


def test_export_of_an_unknown_table_names_the_choices(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    from dyadwatch.store import Store

    Store(db).close()
    result = CliRunner().invoke(app, ["export", "nope", "--db", str(db)])
    assert result.exit_code == 1
    assert "documents" in result.output


def test_cli_reference_is_current() -> None:
    script = Path(__file__).resolve().parents[1] / "scripts" / "cli_reference.py"
    done = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
