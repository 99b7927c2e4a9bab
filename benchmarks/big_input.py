"""Ingest of one big file, the way a user runs it: ``dyadwatch ingest FILE``, with its wall
time and peak resident memory (read from the operating system with ``wait4``).

The file is built from the news corpora under ../shared (Reuters-21578, BBC, VOA), cycled
until the file reaches ``--size`` bytes. Each pass over the corpora opens every story with a line
naming the pass, so that no two records clean to the same text and every one is stored.
``--format warc`` writes the stories as HTML responses of a WARC archive.

    python benchmarks/big_input.py --size 1G --format jsonl [--keep DIR]
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
NEWS = HERE.parent.parent / "shared" / "corpus" / "news"
SOURCES = (
    NEWS / "reuters21578" / "articles.jsonl.gz",
    NEWS / "bbc_news_2225" / "articles.jsonl.gz",
    NEWS / "voa" / "voa_stories.jsonl",
)


def stories() -> list[dict[str, str]]:
    """The stories with text of the shared news corpora; exits with a notice without them."""
    missing = [str(p) for p in SOURCES if not p.exists()]
    if missing:
        raise SystemExit(f"shared news corpora not found ({', '.join(missing)}): nothing to run")
    out = []
    for path in SOURCES:
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)
                if record.get("text"):
                    out.append({"title": record.get("title") or "", "text": record["text"]})
    return out


def cycled() -> Iterator[tuple[int, str, str]]:
    """(serial, title, text), the corpora over and over, each pass's stories made new."""
    base = stories()
    serial = 0
    for rnd in range(1 << 30):
        for story in base:
            yield serial, story["title"], f"Edition {rnd + 1}.\n\n{story['text']}"
            serial += 1


def write_jsonl(path: Path, size: int) -> int:
    n = written = 0
    with path.open("wb") as out:
        for n, title, text in cycled():
            line = (json.dumps({"id": n, "title": title, "text": text}) + "\n").encode()
            out.write(line)
            written += len(line)
            if written >= size:
                break
    return n + 1


def write_warc(path: Path, size: int) -> int:
    n = written = 0
    with path.open("wb") as out:
        for n, title, text in cycled():
            paras = "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n"))
            body = (
                f"<html><head><title>{html.escape(title)}</title></head>"
                f"<body><article><h1>{html.escape(title)}</h1>{paras}</article></body></html>"
            ).encode()
            http = (
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                + f"Content-Length: {len(body)}\r\n\r\n".encode()
                + body
            )
            head = (
                "WARC/1.0\r\nWARC-Type: response\r\n"
                f"WARC-Target-URI: https://news.example.org/story/{n}\r\n"
                "WARC-Date: 2024-03-05T10:20:30Z\r\n"
                f"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{n:012d}>\r\n"
                "Content-Type: application/http; msgtype=response\r\n"
                f"Content-Length: {len(http)}\r\n\r\n"
            ).encode()
            out.write(head + http + b"\r\n\r\n")
            written += len(head) + len(http) + 4
            if written >= size:
                break
    return n + 1


def run_sampled(
    args: list[str], every: float = 0.5, quiet: bool = False
) -> tuple[float, int, int, int]:
    """Run a command; (seconds, peak resident bytes of it and its descendants sampled every
    ``every`` seconds, exit status, the command's own peak in KB as the kernel counts it)."""
    t0 = time.perf_counter()
    out = subprocess.DEVNULL if quiet else None
    proc = subprocess.Popen(args, stdout=out, stderr=out)
    peak = 0
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        peak = max(peak, tree_rss(proc.pid))
        time.sleep(every)
    seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.wait()
    return seconds, peak, proc.returncode, usage.ru_maxrss


def tree_rss(root: int) -> int:
    """Resident bytes of a process and all its descendants now, read from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry)
        children.setdefault(int(fields[1]), []).append(pid)
        rss[pid] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total


def parse_size(text: str) -> int:
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    text = text.strip().upper()
    return int(float(text[:-1]) * units[text[-1]]) if text[-1] in units else int(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="1G", help="size of the file to write (1G, 200M …)")
    parser.add_argument("--format", choices=("jsonl", "warc"), default="jsonl")
    parser.add_argument("--keep", type=Path, help="folder to keep the file and store in")
    args = parser.parse_args()
    size = parse_size(args.size)
    work = args.keep or Path(tempfile.mkdtemp(prefix="dw-big-"))
    work.mkdir(parents=True, exist_ok=True)
    path = work / f"big.{args.format}"
    records = (write_jsonl if args.format == "jsonl" else write_warc)(path, size)
    db = work / "big.duckdb"
    db.unlink(missing_ok=True)
    cli = [sys.executable, "-c", "from dyadwatch.cli import main; main()"]
    # sampled twice a second: the run and its clean workers
    ingest = [*cli, "ingest", str(path), "--db", str(db)]
    seconds, tree_peak, returncode, own_kb = run_sampled(ingest)
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        stored = con.execute("SELECT count(*) FROM documents").fetchone()
        rejected = con.execute("SELECT count(*) FROM rejects").fetchone()
    mb = path.stat().st_size / 2**20
    print(
        f"| {args.format} | {mb:,.0f} MB | {records:,} | {stored[0] if stored else 0:,} |"
        f" {rejected[0] if rejected else 0:,} | {seconds:,.0f} s | {mb / seconds:.2f} MB/s |"
        f" {own_kb / 1024:,.0f} MB | {tree_peak / 2**20:,.0f} MB |"
        f" exit {returncode} |"
    )


if __name__ == "__main__":
    main()
