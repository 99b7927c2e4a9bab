"""Serving while ``dyadwatch analyze`` writes to the same store, and the ``serve`` command.

DuckDB lets one process write a file. The server reads private snapshots and swaps in a new
one when a run has ended (``dyadwatch.store.snapshot``). Here a second analysis adds three
documents while the API is asked, again and again, for the summary, the events, a search and
a dashboard page: every answer must be a 200, and the new documents must show once the run
has ended.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from fastapi.testclient import TestClient

from dyadwatch.web.app import create_app
from tests.conftest import EXAMPLES

DYADWATCH = [sys.executable, "-c", "from dyadwatch.cli import main; main()"]
URLS = [
    "/api/dyads/PAK-RUS",
    "/api/dyads/PAK-RUS/events?limit=5",
    "/api/search?q=Pakistan",
    "/api/dyads",
    "/",
]


def analyze(corpus: Path, db: Path) -> subprocess.Popen[bytes]:
    log = corpus.with_suffix(".log").open("wb")
    proc = subprocess.Popen(
        [*DYADWATCH, "analyze", str(corpus), "--db", str(db)], stdout=log, stderr=log
    )
    log.close()  # the child holds its own copy
    return proc


def log_of(corpus: Path) -> str:
    return corpus.with_suffix(".log").read_text(errors="replace")


def test_the_api_answers_while_analyze_writes_then_shows_the_new_data(tmp_path: Path) -> None:
    files = sorted(EXAMPLES.glob("*.txt"))
    first, second = tmp_path / "first", tmp_path / "second"
    for folder, part in ((first, files[:2]), (second, files[2:])):
        folder.mkdir()
        for f in part:
            shutil.copy(f, folder / f.name)
    db = tmp_path / "s.duckdb"
    run = analyze(first, db)
    assert run.wait(timeout=240) == 0, log_of(first)

    answers: list[tuple[str, int]] = []
    with TestClient(create_app(db, poll=0.1), raise_server_exceptions=False) as client:

        def ask() -> dict[str, int]:
            out = {}
            for url in URLS:
                r = client.get(url)
                answers.append((url, r.status_code))
                if r.status_code == 200 and url == URLS[0]:
                    out["documents"] = r.json()["documents"]
                if r.status_code == 200 and url == URLS[2]:
                    out["found"] = r.json()["total"]
            return out

        before = ask()
        run = analyze(second, db)
        during = 0
        while run.poll() is None:
            ask()
            during += 1
        assert run.returncode == 0, log_of(second)
        deadline = time.monotonic() + 30
        after = ask()
        while after.get("documents", 0) <= before["documents"] and time.monotonic() < deadline:
            time.sleep(0.1)
            after = ask()
        swaps = client.app.state.snapshots.swaps  # type: ignore[attr-defined]

    bad = [(url, status) for url, status in answers if status != 200]
    assert not bad, bad[:5]
    assert during >= 5, "the second run ended before the API was asked during it"
    assert before["documents"] == 2
    assert after["documents"] == len(files), "the new documents never showed"
    assert after["found"] > before["found"]
    assert swaps >= 2


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_prints_its_url_binds_loopback_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    from tests.test_dossier_data import fill_store

    db = tmp_path / "s.duckdb"
    fill_store(db).close()
    port = _free_port()
    log = (tmp_path / "serve.log").open("wb")
    server = subprocess.Popen(
        [*DYADWATCH, "serve", "--db", str(db), "--port", str(port)],
        stdout=log,
        stderr=log,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    log.close()
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/dyads/PAK-RUS", timeout=5)
                break
            except httpx.TransportError:
                assert server.poll() is None, (tmp_path / "serve.log").read_text()
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        assert r.status_code == 200 and r.json()["dyad"] == "PAK-RUS"
        listening = {c.laddr for c in _connections(server.pid)}
        assert listening and all(addr[0] == "127.0.0.1" for addr in listening)
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=20) == 0
    finally:
        if server.poll() is None:
            server.kill()
    err = (tmp_path / "serve.log").read_text()
    assert f"http://127.0.0.1:{port}/" in err
    assert "stopped" in err and "Traceback" not in err


class _Conn:
    def __init__(self, laddr: tuple[str, int]) -> None:
        self.laddr = laddr


def _connections(pid: int) -> list[_Conn]:
    """Listening TCP sockets of a process, read from /proc (no extra dependency)."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not Path(table).exists():
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            parts = line.split()
            if parts[3] == "0A" and parts[9] in inodes:  # 0A: LISTEN
                host_hex, port_hex = parts[1].split(":")
                host = (
                    socket.inet_ntoa(bytes.fromhex(host_hex)[::-1])
                    if len(host_hex) == 8
                    else host_hex
                )
                found.append(_Conn((host, int(port_hex, 16))))
    return found
