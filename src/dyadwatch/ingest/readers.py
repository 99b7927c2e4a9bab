"""Read one input file into RawDocuments, and Rejects for whatever cannot be read.

Only ``read_file`` touches the file system; ``parse_bytes`` and the per-format parsers are
pure functions of (path, bytes, config), so the same code runs locally and on a cluster.
The parsers of files that hold many articles (JSON Lines, WARC) also take an open stream in
place of the bytes: ``read_file`` gives them the file itself, read one record at a time.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import stat
import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

from dyadwatch.config import Config
from dyadwatch.ingest.decode import BadText, binary_reason, bom_codec, to_text
from dyadwatch.ingest.discover import kind_of, suffix_of
from dyadwatch.ingest.feeds import parse_feed, parse_xml
from dyadwatch.ingest.fields import dateline_date, host_of, normalise_date, too_large
from dyadwatch.ingest.warc import parse_warc
from dyadwatch.model import Format, RawDocument, Reject

__all__ = ["parse_bytes", "parse_html", "parse_jsonl", "parse_text", "read_file"]

Item = RawDocument | Reject

_GZIP_ERRORS = (OSError, EOFError, zlib.error)
_SNIFF_BYTES = 8192
_OPTIONAL_FIELDS = ("title", "url", "date", "source", "dateline", "published")
#: Kinds of file that hold many articles: streamed, with no limit on the file's size.
CONTAINERS = frozenset({"jsonl", "warc"})


def read_file(path: str, cfg: Config) -> Iterator[Item]:
    """Read the file at ``path``: check its type and size unread, then parse it.

    JSON Lines and WARC files hold many articles and are read as streams, one record at a
    time, whatever their size. Other files hold one article or one feed and are read whole,
    up to ``Config.max_file_bytes``.
    """
    kind = kind_of(path)
    if kind is None:
        yield _unsupported(path)
        return
    try:
        info = os.stat(path)
    except OSError as exc:
        yield Reject(path, f"cannot read file: {exc.strerror or exc}")
        return
    if not stat.S_ISREG(info.st_mode):
        yield Reject(path, "not a regular file")
        return
    if info.st_size == 0:
        yield Reject(path, "empty file: 0 bytes")
        return
    if kind[0] not in CONTAINERS and info.st_size > cfg.max_file_bytes:
        yield Reject(path, too_large("file", cfg.max_file_bytes, "max_file_bytes", info.st_size))
        return
    try:
        handle = open(path, "rb")  # noqa: SIM115  # closed below, also when the caller stops
    except OSError as exc:
        yield Reject(path, f"cannot read file: {exc.strerror or exc}")
        return
    with handle:
        if kind[0] in CONTAINERS:
            yield from _parse_container(path, handle, cfg, kind)
            return
        try:
            data = handle.read(cfg.max_file_bytes + 1)
        except OSError as exc:
            yield Reject(path, f"cannot read file: {exc.strerror or exc}")
            return
    yield from parse_bytes(path, data, cfg)


def parse_bytes(path: str, data: bytes, cfg: Config) -> Iterator[Item]:
    """Parse the contents ``data`` of the file ``path``, choosing the reader by extension."""
    kind = kind_of(path)
    if kind is None:
        yield _unsupported(path)
        return
    if not data:
        yield Reject(path, "empty file: 0 bytes")
        return
    if kind[0] in CONTAINERS:
        yield from _parse_container(path, io.BytesIO(data), cfg, kind)
        return
    if len(data) > cfg.max_file_bytes:
        yield Reject(path, too_large("file", cfg.max_file_bytes, "max_file_bytes", len(data)))
        return
    name, compressed = kind
    if compressed:
        try:
            data = _gunzip(data, cfg.max_file_bytes)
        except ValueError as exc:
            yield Reject(path, str(exc))
            return
    if not data.strip():
        yield Reject(path, "empty file: only whitespace")
        return
    parser = {"text": parse_text, "html": parse_html, "feed": parse_feed, "xml": parse_xml}[name]
    yield from parser(path, data, cfg)


def _parse_container(
    path: str, stream: BinaryIO, cfg: Config, kind: tuple[str, bool]
) -> Iterator[Item]:
    """A JSON Lines or WARC file, read from a seekable stream of its bytes."""
    name, compressed = kind
    try:
        if name == "jsonl":
            yield from parse_jsonl(path, stream, cfg, compressed=compressed)
        else:
            yield from parse_warc(path, stream, cfg)  # warcio reads gzipped WARCs itself
    except OSError as exc:  # the disk, not the data: a read failed half way
        yield Reject(path, f"cannot read file: {exc.strerror or exc}")


def parse_text(path: str, data: bytes, cfg: Config) -> Iterator[Item]:
    """A plain-text file: one article."""
    yield _single(path, data, cfg, "text")


def parse_html(path: str, data: bytes, cfg: Config) -> Iterator[Item]:
    """An HTML file: one article, its markup left for the clean stage."""
    yield _single(path, data, cfg, "html")


def _single(path: str, data: bytes, cfg: Config, fmt: Format) -> Item:
    if not data.strip():
        return Reject(path, "empty file: 0 bytes" if not data else "empty file: only whitespace")
    if len(data) > cfg.max_record_bytes:
        return Reject(
            path, too_large("article", cfg.max_record_bytes, "max_record_bytes", len(data))
        )
    try:
        content = to_text(data, html=fmt == "html")
    except BadText as exc:
        return Reject(path, str(exc))
    if not content.strip():
        return Reject(path, "empty file: only whitespace")
    return RawDocument(path=path, content=content, fmt=fmt)


def parse_jsonl(
    path: str, data: bytes | BinaryIO, cfg: Config, *, compressed: bool = False
) -> Iterator[Item]:
    """JSON Lines, one article per line: ``text`` or ``html``, optional ``id``, ``title``,
    ``url``, ``date``, ``source``. A bad line becomes a Reject with its 1-based number and
    the other lines are still read; a truncated ``.gz`` keeps the lines before the damage.

    ``data`` is the file's bytes or a seekable binary stream of them; a stream is read one
    line at a time, so memory stays bounded by ``Config.max_record_bytes``.
    """
    raw: BinaryIO = io.BytesIO(data) if isinstance(data, bytes) else data
    if compressed and _peek(raw, 2) != b"\x1f\x8b":
        yield Reject(path, "corrupt gzip: not gzip data (the file lacks the gzip header)")
        return
    reason = _jsonl_head_problem(_head(raw, compressed))
    if reason is not None:
        yield Reject(path, reason)
        return
    stream: BinaryIO = gzip.GzipFile(fileobj=raw) if compressed else raw  # type: ignore[assignment]
    number = 0
    seen_text = False
    try:
        for number, line, oversize in _lines(stream, cfg.max_record_bytes):
            if oversize is not None:
                reason = too_large("record", cfg.max_record_bytes, "max_record_bytes", oversize)
                yield Reject(path, reason, number)
                seen_text = True
            elif line.strip():
                seen_text = True
                yield _jsonl_record(path, number, line)
    except _GZIP_ERRORS as exc:
        if isinstance(exc, OSError) and not compressed:
            raise
        yield Reject(path, f"{_gzip_problem(exc)} after line {number}", number + 1)
        return
    if not seen_text:
        yield Reject(path, "empty file: only whitespace")


def _peek(stream: BinaryIO, size: int) -> bytes:
    """The first ``size`` bytes of a seekable stream, which is left at its start."""
    stream.seek(0)
    head = stream.read(size)
    stream.seek(0)
    return head


def _head(stream: BinaryIO, compressed: bool) -> bytes:
    """The first bytes of the (decompressed) data, for sniffing; damage is reported later."""
    if not compressed:
        return _peek(stream, _SNIFF_BYTES)
    try:
        with gzip.GzipFile(fileobj=stream) as unzipped:
            return unzipped.read(_SNIFF_BYTES)
    except _GZIP_ERRORS:
        return b""
    finally:
        stream.seek(0)


def _jsonl_head_problem(head: bytes) -> str | None:
    codec = bom_codec(head)
    if codec in ("utf-16", "utf-32"):
        return f"unsupported encoding: JSON Lines must be UTF-8, this file is {codec.upper()}"
    return binary_reason(head)


def _jsonl_record(path: str, number: int, line: bytes) -> Item:
    try:
        text = to_text(line.removeprefix(b"\xef\xbb\xbf") if number == 1 else line)
    except BadText as exc:
        return Reject(path, str(exc), number)
    try:
        record: Any = json.loads(text, strict=False)
    except json.JSONDecodeError as exc:
        at = "" if exc.msg.endswith(" at") else " at"  # 'Unterminated string starting at'
        return Reject(path, f"bad JSON: {exc.msg}{at} column {exc.colno}", number)
    if not isinstance(record, dict):
        return Reject(
            path, f"bad JSONL record: expected an object, got {_json_type(record)}", number
        )
    return _from_record(path, number, record)


def _from_record(path: str, number: int, record: dict[str, Any]) -> Item:
    for key in ("text", "html", *_OPTIONAL_FIELDS):
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            return Reject(
                path,
                f"bad JSONL record: field '{key}' is {_json_type(value)}, expected a string",
                number,
            )
    raw_id = record.get("id")
    if raw_id is not None and (isinstance(raw_id, bool) or not isinstance(raw_id, str | int)):
        return Reject(
            path,
            f"bad JSONL record: field 'id' is {_json_type(raw_id)}, expected a string or integer",
            number,
        )
    text, html = record.get("text"), record.get("html")
    if text is None and html is None:
        return Reject(path, "bad JSONL record: no 'text' or 'html' field", number)
    fmt: Format = "text" if text and text.strip() else "html"
    content = text if fmt == "text" else html
    if not content or not content.strip():
        fields = [f"'{key}'" for key in ("text", "html") if record.get(key) is not None]
        what = " and ".join(fields) + (" are" if len(fields) > 1 else " is")
        return Reject(path, f"empty record: {what} empty", number)
    url: str | None = record.get("url") or None
    source_id = str(raw_id) if raw_id is not None and str(raw_id).strip() else url
    published = normalise_date(record.get("date") or record.get("published"))
    dateline = record.get("dateline") or (content[:120] if fmt == "text" else None)
    return RawDocument(
        path=path,
        content=content,
        fmt=fmt,
        line=number,
        source_id=source_id,
        title=record.get("title") or None,
        url=url,
        date=dateline_date(dateline, published) or published,
        site=record.get("source") or host_of(url),
        dateline=given if isinstance(given := record.get("dateline"), str) and given else None,
    )


def _json_type(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return "a number"
    return names.get(type(value), type(value).__name__)


def _lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes, int | None]]:
    """(number, line, None), or (number, b'', size) for a line longer than ``limit``."""
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            size = len(line)
            while line and not line.endswith(b"\n"):  # skip the rest of the long line
                line = stream.readline(1 << 20)
                size += len(line)
            yield number, b"", size - (1 if line.endswith(b"\n") else 0)
            continue
        yield number, line.rstrip(b"\r\n"), None


def _gunzip(data: bytes, limit: int) -> bytes:
    """Decompress a whole gzip file, up to ``limit`` bytes; ValueError says what went wrong."""
    if not data.startswith(b"\x1f\x8b"):
        raise ValueError("corrupt gzip: not gzip data (the file lacks the gzip header)")
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            out = stream.read(limit + 1)
    except _GZIP_ERRORS as exc:
        raise ValueError(_gzip_problem(exc)) from exc
    if len(out) > limit:
        raise ValueError(too_large("file", limit, "max_file_bytes") + " after decompression")
    return out


def _gzip_problem(exc: BaseException) -> str:
    if isinstance(exc, EOFError):
        return "truncated gzip: the compressed data ends early"
    return f"corrupt gzip: {exc}"


def _unsupported(path: str) -> Reject:
    suffix = suffix_of(path)
    return Reject(
        path,
        f"unsupported file type '{suffix}'" if suffix else "unsupported file type (no extension)",
    )
