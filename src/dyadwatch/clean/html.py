"""Main text and metadata of an HTML page, with trafilatura."""

from __future__ import annotations

import re
from dataclasses import dataclass

from dyadwatch.clean.normalize import normalize_text

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TITLE_SEPARATOR = re.compile(r"\s+(?:[-–—|·•»:]|::)\s+")
_NOT_KEY = re.compile(r"[^\w.]+")


@dataclass(frozen=True, slots=True)
class HtmlText:
    """What trafilatura found in a page: normalised main text (one block per line) and metadata."""

    text: str
    title: str | None = None
    date: str | None = None
    """``YYYY-MM-DD``."""
    site: str | None = None
    url: str | None = None


def extract_html(html: str, url: str | None = None, *, fast: bool = True) -> HtmlText | None:
    """Run trafilatura on one page; ``None`` when it finds no main text.

    Comments are left out and tables kept (trafilatura's evaluation settings). ``fast`` skips
    trafilatura's fallback extractors (readability, jusText); ``clean`` measures both and
    redoes short fast extractions without it (see ``docs/benchmarks.md``).
    """
    import trafilatura  # heavy: imported on first use
    from trafilatura.settings import Document as Extracted

    found = trafilatura.bare_extraction(
        html,
        url=url,
        fast=fast,
        include_comments=False,
        include_tables=True,
        include_formatting=False,
        with_metadata=True,
    )
    if not isinstance(found, Extracted) or not found.text:
        return None
    text = normalize_text(found.text)
    if not text.strip():
        return None
    site = _clean_field(found.sitename)
    return HtmlText(
        text=text,
        title=strip_site_name(_clean_field(found.title), site, _clean_field(found.hostname)),
        date=_iso_date(found.date),
        site=site,
        url=_clean_field(found.url),
    )


def strip_site_name(title: str | None, *names: str | None) -> str | None:
    """``Story - Site Name`` → ``Story`` when the last segment names the site or its host."""
    if not title:
        return title
    keys = {_key(n.removeprefix("www.")) for n in names if n}
    keys |= {k.rsplit(".", 1)[0] for k in keys if "." in k}
    parts = _TITLE_SEPARATOR.split(title)
    if len(parts) < 2:
        return title
    last = _key(parts[-1])
    if last and any(last == k or (len(last) >= 4 and (last in k or k in last)) for k in keys if k):
        return title[: title.rfind(parts[-1])].rstrip(" -–—|·•»:")
    return title


def _key(name: str) -> str:
    """A site name or host reduced to lower-case letters, digits and dots."""
    return _NOT_KEY.sub("", name.casefold())


def _clean_field(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(normalize_text(value).split())
    return value or None


def _iso_date(value: object) -> str | None:
    if isinstance(value, str) and _ISO_DATE.match(value[:10]):
        return value[:10]
    return None
