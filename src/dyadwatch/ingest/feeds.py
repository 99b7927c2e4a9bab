"""RSS and Atom feeds: each entry with its content (or summary), title, link and date."""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterator
from typing import Any

from dyadwatch.config import Config
from dyadwatch.ingest.decode import binary_reason
from dyadwatch.ingest.fields import host_of, normalise_date, too_large
from dyadwatch.model import Format, RawDocument, Reject

__all__ = ["feed_root", "parse_feed", "parse_xml"]

_FEED_ROOTS = {"rss", "feed", "rdf"}
_PROLOG = re.compile(rb"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>\s*)*\s*", re.S | re.I)
_ROOT = re.compile(rb"<([A-Za-z_][\w.:-]*)")
_SNIFF_BYTES = 4096
_HTML_TYPES = {"text/html", "application/xhtml+xml", "html", "xhtml"}


def feed_root(data: bytes) -> str | None:
    """The root element name of an XML document, from its first bytes (None if not found)."""
    head = data[:_SNIFF_BYTES].removeprefix(b"\xef\xbb\xbf")
    prolog = _PROLOG.match(head)
    match = _ROOT.match(head, prolog.end() if prolog else 0)
    return match.group(1).decode("ascii") if match else None


def parse_xml(path: str, data: bytes, cfg: Config) -> Iterator[RawDocument | Reject]:
    """An ``.xml`` file: read as a feed if its root element is ``rss``, ``feed`` or ``rdf:RDF``."""
    if not data.strip():
        yield Reject(path, "empty file: only whitespace")
        return
    root = feed_root(data)
    local = root.rpartition(":")[2].lower() if root else None
    if local not in _FEED_ROOTS:
        found = f"its root element is <{root}>" if root else "no XML element found"
        yield Reject(path, f"not an RSS or Atom feed: {found}")
        return
    yield from parse_feed(path, data, cfg)


def parse_feed(path: str, data: bytes, cfg: Config) -> Iterator[RawDocument | Reject]:
    """One RawDocument per feed entry; ``line`` is the entry's 1-based position.

    feedparser recovers what it can from broken XML; the entries it recovers are kept and
    the damage is reported as a Reject of the whole file.
    """
    import feedparser

    reason = "empty file: only whitespace" if not data.strip() else binary_reason(data)
    if reason is not None:
        yield Reject(path, reason)
        return
    parsed = feedparser.parse(io.BytesIO(data))  # bytes alone would be tried as a file name
    entries: list[Any] = list(parsed.entries)
    problem = _xml_problem(parsed)
    if not entries:
        if problem:
            reason = f"bad feed: {problem}"
        elif not dict.get(parsed, "version"):
            reason = "not an RSS or Atom feed: feedparser recognised no feed format"
        else:
            reason = "empty feed: no entries"
        yield Reject(path, reason)
        return
    home = dict.get(parsed.feed, "link")
    for number, entry in enumerate(entries, start=1):
        yield _entry(path, number, entry, home, cfg)
    if problem:
        yield Reject(path, f"damaged feed: {problem}; {len(entries)} entries recovered")


def _entry(
    path: str, number: int, entry: Any, home: str | None, cfg: Config
) -> RawDocument | Reject:
    get = dict.get  # FeedParserDict.get maps old key names and warns; read the real keys
    content, fmt = _body(entry)
    if not content or not content.strip():
        return Reject(path, "empty feed entry: no content or summary", number)
    size = len(content.encode("utf-8"))
    if size > cfg.max_record_bytes:
        return Reject(
            path, too_large("record", cfg.max_record_bytes, "max_record_bytes", size), number
        )
    url = get(entry, "link") or None
    return RawDocument(
        path=path,
        content=content,
        fmt=fmt,
        line=number,
        source_id=url or get(entry, "id") or None,
        title=get(entry, "title") or None,
        url=url,
        date=_date(entry),
        site=host_of(url) or host_of(home),
    )


def _body(entry: Any) -> tuple[str | None, Format]:
    """The entry's full content if it has one, else its summary, and whether that is HTML."""
    get = dict.get
    contents: list[Any] = get(entry, "content") or []
    html = [c for c in contents if (get(c, "type") or "").lower() in _HTML_TYPES]
    for part in html or contents:
        value = get(part, "value")
        if value and value.strip():
            return value, _fmt(get(part, "type"))
    detail = get(entry, "summary_detail") or {}
    return get(entry, "summary"), _fmt(get(detail, "type"))


def _fmt(media: str | None) -> Format:
    return "text" if (media or "").lower() in ("text/plain", "text") else "html"


def _date(entry: Any) -> str | None:
    """The date the entry was published (else updated), as the feed wrote it."""
    get = dict.get
    for key in ("published", "updated", "created"):
        value = normalise_date(get(entry, key))
        if value:
            return value
        parsed: time.struct_time | None = get(entry, f"{key}_parsed")
        if parsed:
            return time.strftime("%Y-%m-%d", parsed)
    return None


def _xml_problem(parsed: Any) -> str | None:
    """What was wrong with the XML, if feedparser had to guess; None for harmless notes."""
    from xml.sax import SAXException

    if not dict.get(parsed, "bozo"):
        return None
    exc = dict.get(parsed, "bozo_exception")
    if isinstance(exc, SAXException):
        return f"malformed XML ({exc.getMessage()})"
    return None
