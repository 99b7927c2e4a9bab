"""Coverage-guided fuzzing of the readers and the clean stage (atheris, libFuzzer's engine).

Each input is one file's bytes plus the reader that gets them: its first byte picks the
extension (text, HTML, JSONL, gzipped JSONL, WARC, gzipped WARC, RSS, Atom). The file is
parsed (``ingest.parse_bytes``) and every record cleaned (``clean.clean_document``). Each
result must be a document with text or a reject with a reason; any exception is a finding
and stops the run with the input that caused it (saved as ``crash-*`` in the working
folder). The seed corpus is the demo articles, wrapped in every format.

    pip install atheris
    python benchmarks/fuzz_atheris.py -max_total_time=600 -rss_limit_mb=4096 [corpus_dir]

libFuzzer prints the number of inputs run (``#N``) and the coverage reached as it goes.
docs/benchmarks.md ("Fuzzing") records the last run.
"""

from __future__ import annotations

import gzip
import io
import json
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from dyadwatch.clean import clean_document
    from dyadwatch.config import Config
    from dyadwatch.ingest import parse_bytes
    from dyadwatch.model import Document, RawDocument, Reject

EXTENSIONS = [".txt", ".html", ".jsonl", ".jsonl.gz", ".warc", ".warc.gz", ".rss", ".atom"]
CFG = Config(max_record_bytes=100_000, max_file_bytes=200_000)
HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parent / "examples" / "pak-rus"


def one_input(data: bytes) -> None:
    if not data:
        return
    ext = EXTENSIONS[data[0] % len(EXTENSIONS)]
    for item in parse_bytes(f"input{ext}", data[1:], CFG):
        if isinstance(item, Reject):
            if not item.reason:
                raise AssertionError(f"a reject without a reason from {ext}")
            continue
        if not isinstance(item, RawDocument):
            raise AssertionError(f"{ext} gave {type(item).__name__}")
        cleaned = clean_document(item, CFG)
        if isinstance(cleaned, Reject):
            if not cleaned.reason:
                raise AssertionError("a clean reject without a reason")
        elif not isinstance(cleaned, Document) or not cleaned.text:
            raise AssertionError("clean gave neither a document with text nor a reject")


def _warc(text: str, compress: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=compress)
    body = f"<html><body><p>{text}</p></body></html>".encode()
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        "https://example.com/a", "response", payload=io.BytesIO(body), length=len(body),
        http_headers=headers,
    )  # fmt: skip
    writer.write_record(record)
    return out.getvalue()


def seeds(folder: Path) -> None:
    """The demo articles in every format, each prefixed with its reader's byte."""
    texts = [p.read_text(encoding="utf-8")[:4000] for p in sorted(EXAMPLES.glob("*.txt"))]
    for n, text in enumerate(texts):
        line = json.dumps({"id": str(n), "title": "t", "text": text}).encode()
        item = f"<item><title>t</title><description>{text[:800]}</description></item>"
        made = {
            ".txt": text.encode(),
            ".html": f"<html><body><article><p>{text}</p></article></body></html>".encode(),
            ".jsonl": line,
            ".jsonl.gz": gzip.compress(line),
            ".warc": _warc(text, compress=False),
            ".warc.gz": _warc(text, compress=True),
            ".rss": f"<rss><channel>{item}</channel></rss>".encode(),
            ".atom": f'<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>t</title>'
            f"<content>{text[:800]}</content></entry></feed>".encode(),
        }
        for ext, data in made.items():
            prefix = bytes([EXTENSIONS.index(ext)])
            (folder / f"seed-{n}{ext.replace('.', '-')}").write_bytes(prefix + data)


def main() -> None:
    args = sys.argv[1:]
    if not any(not a.startswith("-") for a in args):
        corpus = Path(tempfile.mkdtemp(prefix="dyadwatch-fuzz-"))
        seeds(corpus)
        args.append(str(corpus))
    atheris.Setup([sys.argv[0], *args], one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
