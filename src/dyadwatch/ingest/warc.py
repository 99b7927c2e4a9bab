"""WARC archives (plain or gzipped): each HTTP response with an HTML or text body."""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

from dyadwatch.config import Config
from dyadwatch.ingest.decode import BadText, to_text
from dyadwatch.ingest.fields import host_of, normalise_date, too_large
from dyadwatch.model import Format, RawDocument, Reject

__all__ = ["parse_warc"]

_FORMATS: dict[str, Format] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
}
_DRAIN = 1 << 16
_READ_ERRORS = (OSError, EOFError, ValueError, zlib.error)


def parse_warc(path: str, data: bytes | BinaryIO, cfg: Config) -> Iterator[RawDocument | Reject]:
    """One RawDocument per ``response`` record with an HTML or plain-text body.

    ``line`` is the record's 1-based position among all records of the archive. Other records
    (requests, metadata, images, scripts) are skipped without a word; a response with an
    HTTP error status, an empty, binary or undecodable body becomes a Reject. A truncated or
    corrupt archive ends in a Reject; the documents read before the damage are kept.

    ``data`` is the archive's bytes or a seekable binary stream of them; a stream is read
    one record at a time, so memory stays bounded by ``Config.max_record_bytes``.
    """
    from warcio.archiveiterator import ArchiveIterator

    stream: BinaryIO = io.BytesIO(data) if isinstance(data, bytes) else data
    records = ArchiveIterator(stream)
    try:
        yield from _records(path, stream, records, cfg)
    finally:
        records.close()


def _records(
    path: str, stream: BinaryIO, records: Any, cfg: Config
) -> Iterator[RawDocument | Reject]:
    number = 0
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except Exception as exc:  # warcio raises anything from ValueError to AttributeError on junk
            yield Reject(path, _corrupt(exc, number + 1), number + 1)
            return
        number += 1
        problem = _header_problem(record)
        if problem:
            yield Reject(path, f"corrupt WARC: record {number} {problem}", number)
            return
        try:
            item = _read_record(path, number, record, cfg)
            short = _bytes_missing(record)
        except _READ_ERRORS as exc:
            yield Reject(path, _corrupt(exc, number), number)
            return
        if short:
            yield Reject(
                path, f"truncated WARC: record {number} ends {short:,} bytes early", number
            )
            return
        if item is not None:
            yield item
    if number == 0 or _more_after(stream, records.offset):
        where = "holds no WARC records" if number == 0 else f"ends inside record {number + 1}"
        yield Reject(path, f"truncated or corrupt WARC: the file {where}", number + 1)


def _read_record(path: str, number: int, record: Any, cfg: Config) -> RawDocument | Reject | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    media, charset = _content_type(record.http_headers.get_header("Content-Type"))
    fmt = _FORMATS.get(media)
    if fmt is None:
        return None
    status = record.http_headers.get_statuscode() or ""
    if not status.startswith("2"):
        return Reject(path, f"not an article: HTTP status {status or 'missing'}", number)
    length = int(record.rec_headers.get_header("Content-Length") or 0)
    if length > cfg.max_record_bytes:
        return Reject(
            path, too_large("record", cfg.max_record_bytes, "max_record_bytes", length), number
        )
    body = record.content_stream().read(cfg.max_record_bytes + 1)
    if len(body) > cfg.max_record_bytes:
        reason = (
            too_large("record", cfg.max_record_bytes, "max_record_bytes") + " after decompression"
        )
        return Reject(path, reason, number)
    if not body.strip():
        return Reject(path, "empty record: the response has no body", number)
    try:
        content = to_text(body, declared=charset, html=fmt == "html")
    except BadText as exc:
        return Reject(path, str(exc), number)
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    return RawDocument(
        path=path,
        content=content,
        fmt=fmt,
        line=number,
        source_id=url,
        url=url,
        date=normalise_date(record.rec_headers.get_header("WARC-Date")),
        site=host_of(url),
    )


def _more_after(stream: BinaryIO, offset: int) -> bool:
    """Whether anything but white space follows ``offset`` in the stream."""
    stream.seek(offset)
    while chunk := stream.read(_DRAIN):
        if chunk.strip():
            return True
    return False


def _header_problem(record: Any) -> str | None:
    """What is wrong with a record's WARC header; warcio reads a cut-off header silently."""
    if record.format != "warc" or not record.rec_type:
        return "has no valid WARC header"
    if not (record.rec_headers.get_header("Content-Length") or "").strip().isdigit():
        return "has no valid Content-Length (is the header cut off?)"
    return None


def _content_type(header: str | None) -> tuple[str, str | None]:
    """The media type (lower case) and charset of a ``Content-Type`` header."""
    if not header:
        return "", None
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return media.strip().lower(), charset


def _bytes_missing(record: Any) -> int:
    """How many bytes the record's block is short of its Content-Length (0 if complete)."""
    stream = record.raw_stream
    while stream.read(_DRAIN):
        pass
    return int(getattr(stream, "limit", 0) or 0)


def _corrupt(exc: Exception, number: int) -> str:
    from warcio.exceptions import ArchiveLoadFailed

    if isinstance(exc, ArchiveLoadFailed):
        return f"corrupt WARC: {exc}"
    if isinstance(exc, EOFError | zlib.error):
        return f"truncated or corrupt WARC: the compressed data breaks off in record {number}"
    return f"corrupt WARC: record {number} has a bad or truncated header or body"
