"""`dyadwatch watch`: new and changed files analysed as they arrive, alerts raised once,
and a stop at any moment resumed without a lost or doubled document."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from typer.testing import CliRunner

from dyadwatch.cli import app
from dyadwatch.config import Config
from dyadwatch.report.alerts import State, alerts_between
from dyadwatch.run.watch import run_cycle
from dyadwatch.store import Store
from tests.conftest import EXAMPLES

FILES = sorted(EXAMPLES.glob("*.txt"))


def test_alerts_name_what_is_new_and_nothing_else() -> None:
    before = State(
        contradictions={("contradiction", "PAK-RUS", "trade_volume", "2019", ("a", "b")): {}},
        index={"PAK-RUS": ("2019", 1.0), "IND-PAK": ("2019", -2.0)},
        irritants={("PAK-RUS", "India")},
        categories={("PAK-RUS", "AGREE")},
    )
    row = {"kind": "contradiction", "dyad": "PAK-RUS", "measure": "aid", "period": "2020"}
    row |= {"claim_ids": ["c", "d"], "note": "$1 bn against $2 bn"}
    after = State(
        contradictions=dict(before.contradictions)
        | {("contradiction", "PAK-RUS", "aid", "2020", ("c", "d")): row},
        index={"PAK-RUS": ("2020", 3.5), "IND-PAK": ("2019", -1.0), "CHN-PAK": ("2020", 5.0)},
        irritants={("PAK-RUS", "India"), ("PAK-RUS", "sanctions")},
        categories={("PAK-RUS", "AGREE"), ("PAK-RUS", "THREATEN")},
    )
    alerts = alerts_between(before, after, shift=2.0)
    assert [(a.kind, a.dyad) for a in alerts] == [
        ("contradiction", "PAK-RUS"),
        ("index_shift", "PAK-RUS"),  # +1.0 → +3.5; IND-PAK moved 1.0, CHN-PAK is new
        ("irritant", "PAK-RUS"),
        ("first_event", "PAK-RUS"),
    ]
    assert "$1 bn against $2 bn" in alerts[0].message
    assert alerts[3].detail == {"plover": "THREATEN"}
    assert alerts_between(after, after) == []
    assert len({a.alert_id for a in alerts}) == 4
    assert json.loads(alerts[1].as_json())["detail"]["to"] == 3.5


def test_only_new_or_changed_files_are_read(tmp_path: Path) -> None:
    inbox, db = tmp_path / "in", tmp_path / "s.duckdb"
    inbox.mkdir()
    for f in FILES[:2]:
        shutil.copy(f, inbox)
    first = run_cycle(db, [str(inbox)], Config())
    assert len(first.files) == 2 and first.stats and first.stats.ingested == 2
    kinds = {a.kind for a in first.alerts}
    assert "first_event" in kinds
    assert run_cycle(db, [str(inbox)], Config()).files == []
    shutil.copy(FILES[2], inbox)
    third = run_cycle(db, [str(inbox)], Config())
    assert [Path(f).name for f in third.files] == [FILES[2].name]
    touched = inbox / FILES[0].name
    os.utime(touched, ns=(time.time_ns(), time.time_ns() + 10**9))  # changed on disk
    fourth = run_cycle(db, [str(inbox)], Config())
    assert [Path(f).name for f in fourth.files] == [FILES[0].name]
    assert fourth.stats and fourth.stats.ingested == 0 and fourth.alerts == []
    with Store(db, read_only=True) as store:
        assert store.scalar("SELECT count(*) FROM documents") == 3
        stored = store.scalar("SELECT count(*) FROM alerts")
    assert stored == len(first.alerts) + len(third.alerts)


def test_each_alert_goes_to_the_command_as_json(tmp_path: Path) -> None:
    inbox, db, log = tmp_path / "in", tmp_path / "s.duckdb", tmp_path / "alerts.jsonl"
    inbox.mkdir()
    shutil.copy(FILES[0], inbox)
    hook = f"{sys.executable} -c \"import sys; open(r'{log}', 'a').write(sys.stdin.read())\""
    result = CliRunner().invoke(
        app, ["watch", str(inbox), "--db", str(db), "--once", "--on-alert", hook]
    )
    assert result.exit_code == 0, result.output
    printed = [line for line in result.stdout.splitlines() if line.startswith("ALERT ")]
    received = [json.loads(line) for line in log.read_text().splitlines()]
    assert printed and len(received) == len(printed)
    assert {r["kind"] for r in received} <= {"contradiction", "index_shift", "irritant"} | {
        "first_event"
    }
    assert all(r["alert_id"] and r["message"] for r in received)


def test_a_stopped_watch_resumes_without_losing_or_doubling(tmp_path: Path) -> None:
    inbox, db = tmp_path / "in", tmp_path / "s.duckdb"
    inbox.mkdir()
    for f in FILES:
        shutil.copy(f, inbox)
    cmd = [sys.executable, "-c", "from dyadwatch.cli import main; main()", "watch", str(inbox)]
    cmd += ["--db", str(db), "--interval", "0.2"]
    log = (tmp_path / "watch.log").open("wb")
    proc = subprocess.Popen(cmd, stdout=log, stderr=log)
    log.close()
    deadline = time.monotonic() + 60
    while b"watching" not in (tmp_path / "watch.log").read_bytes():
        assert proc.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    time.sleep(1.0)  # reading or analysing: stopped mid-way, before the files are marked
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=60) == 0, (tmp_path / "watch.log").read_text()
    assert "stopped" in (tmp_path / "watch.log").read_text()
    result = CliRunner().invoke(app, ["watch", str(inbox), "--db", str(db), "--once"])
    assert result.exit_code == 0, result.output
    with Store(db, read_only=True) as store:
        assert store.scalar("SELECT count(*) FROM documents") == len(FILES)
        assert store.scalar("SELECT count(*) FROM watched_files") == len(FILES)
    again = CliRunner().invoke(app, ["watch", str(inbox), "--db", str(db), "--once"])
    assert "read " not in again.output  # nothing new: nothing read
