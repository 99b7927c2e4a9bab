"""Big input: gigabyte containers are streamed, oversized records rejected with the setting
to raise, and a directory of 100,000 small files read without running out of file handles.

Each run is a child process, so that its peak resident memory is its own (``os.wait4``).
Marked slow: ``make test-slow`` (and ``.ci/run``) runs it.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from dyadwatch.store import Store

pytestmark = pytest.mark.slow

GB = 1 << 30
PEAK_LIMIT = 1536 * 1024 * 1024  # the promise: peak RSS under 1.5 GB
PROSE = (
    "ministers met in the capital on talks over trade and the border and agreed to a new"
    " round of consultations while officials said the two governments would sign a deal on"
    " energy supplies before the end of the year according to a statement issued by the"
    " foreign ministry which also accused its neighbour of violating the airspace"
)
WORDS = PROSE.split()

OVERSIZE = "x " * (9 << 19)  # 9 MB, over the default 8 MB record limit

READ = """
import json, resource, sys
from dyadwatch.config import Config
from dyadwatch.ingest import read_file
docs = rejects = chars = 0
reasons = []
for item in read_file(sys.argv[1], Config()):
    if hasattr(item, "reason"):
        rejects += 1
        reasons.append([item.line, item.reason])
    else:
        docs += 1
        chars += len(item.content)
print(json.dumps({"docs": docs, "rejects": rejects, "chars": chars, "reasons": reasons[:5]}))
"""


def article(i: int) -> str:
    """About 2,000 characters of prose, different for every ``i``."""
    words = [WORDS[(i * 7 + k * k) % len(WORDS)] for k in range(330)]
    return f"Story {i}. " + " ".join(words) + "."


def run_measured(args: list[str], max_files: int | None = None) -> tuple[str, int]:
    """(stdout, peak RSS in bytes) of one child process, measured with ``wait4``;
    ``max_files`` limits the files it may hold open at once."""

    def limit() -> None:
        if max_files is not None:
            resource.setrlimit(resource.RLIMIT_NOFILE, (max_files, max_files))

    with open(os.devnull, "wb") as devnull:
        proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=devnull, preexec_fn=limit)
        assert proc.stdout is not None
        with proc.stdout:
            out = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    assert proc.returncode == 0, out.decode()[-2000:]
    return out.decode(), usage.ru_maxrss * 1024


def write_jsonl(path: Path, size: int, oversize_every: int = 0) -> tuple[int, int]:
    """Articles until ``size`` bytes; every ``oversize_every``-th line is a 9 MB record.
    Returns (articles, oversized records)."""
    n = big = 0
    written = 0
    with path.open("w", encoding="utf-8") as out:
        while written < size:
            if oversize_every and big < min(3, n // oversize_every):
                line = json.dumps({"id": f"big{big}", "text": OVERSIZE}) + "\n"
                big += 1
            else:
                line = json.dumps({"id": n, "url": f"https://ex.com/{n}", "text": article(n)})
                line += "\n"
                n += 1
            out.write(line)
            written += len(line)
    return n, big


def write_warc(path: Path, size: int) -> int:
    """HTML responses until ``size`` bytes; returns how many."""
    n = written = 0
    with path.open("wb") as out:
        while written < size:
            body = f"<html><body><h1>Story {n}</h1><p>{article(n)}</p></body></html>".encode()
            http = (
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                + f"Content-Length: {len(body)}\r\n\r\n".encode()
                + body
            )
            head = (
                "WARC/1.0\r\nWARC-Type: response\r\n"
                f"WARC-Target-URI: https://ex.com/{n}\r\n"
                "WARC-Date: 2024-03-05T10:20:30Z\r\n"
                f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{n:012d}>\r\n"
                "Content-Type: application/http; msgtype=response\r\n"
                f"Content-Length: {len(http)}\r\n\r\n"
            ).encode()
            record = head + http + b"\r\n\r\n"
            out.write(record)
            written += len(record)
            n += 1
    return n


def test_a_1gb_jsonl_file_is_streamed_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    n, big = write_jsonl(path, GB, oversize_every=100_000)
    assert path.stat().st_size >= GB and big == 3
    out, peak = run_measured([sys.executable, "-c", READ, str(path)])
    got = json.loads(out)
    assert (got["docs"], got["rejects"]) == (n, big)
    assert [line for line, _ in got["reasons"]] == [100_001, 200_002, 300_003]
    for _, reason in got["reasons"]:
        size = len(json.dumps({"id": "big0", "text": OVERSIZE}))
        assert reason.startswith(f"record too large: {size:,} bytes, ")
        assert "over the limit of 8,388,608 bytes (raise Config.max_record_bytes)" in reason
    print(f"peak RSS {peak / 2**20:.0f} MB")
    assert peak < PEAK_LIMIT, f"peak RSS {peak / 2**20:.0f} MB"


def test_a_1gb_warc_is_streamed_in_bounded_memory(tmp_path: Path) -> None:
    path = tmp_path / "big.warc"
    n = write_warc(path, GB)
    out, peak = run_measured([sys.executable, "-c", READ, str(path)])
    got = json.loads(out)
    assert (got["docs"], got["rejects"]) == (n, 0)
    print(f"peak RSS {peak / 2**20:.0f} MB")
    assert peak < PEAK_LIMIT, f"peak RSS {peak / 2**20:.0f} MB"


def test_ingest_streams_a_file_past_the_single_file_limit(tmp_path: Path) -> None:
    """The whole ingest path (read, clean, store, search index) over a JSONL file larger
    than ``max_file_bytes``: every article stored, each oversized record rejected."""
    path = tmp_path / "news.jsonl"
    n, big = write_jsonl(path, 80 << 20, oversize_every=1_000)
    assert path.stat().st_size > 64 << 20
    db = tmp_path / "store.duckdb"
    cli = [sys.executable, "-c", "from dyadwatch.cli import main; main()"]
    _, peak = run_measured([*cli, "ingest", str(path), "--db", str(db)])
    print(f"peak RSS {peak / 2**20:.0f} MB")
    assert peak < PEAK_LIMIT
    with Store(db, read_only=True) as store:
        con = store.con
        assert con.execute("SELECT count(*) FROM documents").fetchone() == (n,)
        assert con.execute("SELECT count(*) FROM search_docs").fetchone() == (n,)
        reasons = [r[0] for r in con.execute("SELECT reason FROM rejects").fetchall()]
    assert len(reasons) == big
    assert all("raise Config.max_record_bytes" in r for r in reasons)


def test_100k_small_files_are_ingested_within_a_small_file_handle_limit(tmp_path: Path) -> None:
    """Each file is closed before the next is opened: ``dyadwatch ingest`` reads 100,000
    files in a process allowed 64 open files, and stores every one."""
    root = tmp_path / "many"
    for d in range(100):
        sub = root / f"d{d:02d}"
        sub.mkdir(parents=True)
        for k in range(1000):
            i = d * 1000 + k
            (sub / f"{i}.txt").write_text(f"Story {i}. Ministers met on trade talks today.\n")
    db = tmp_path / "store.duckdb"
    cli = [sys.executable, "-c", "from dyadwatch.cli import main; main()"]
    run_measured([*cli, "ingest", str(root), "--db", str(db)], max_files=64)
    with Store(db, read_only=True) as store:
        assert store.con.execute("SELECT count(*) FROM documents").fetchone() == (100_000,)
        assert store.con.execute("SELECT count(*) FROM rejects").fetchone() == (0,)
