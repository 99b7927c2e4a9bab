"""Small helpers shared by the readers: dates, hosts, and the wording of size rejects."""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_tz
from urllib.parse import urlsplit

__all__ = ["dateline_date", "host_of", "normalise_date", "too_large"]

_ISO = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d])")
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:$|[T\s])")
_WEEKDAY = re.compile(r"^\s*[A-Za-z]{3,9}\.?,\s*")
_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y", "%d-%b-%Y", "%d-%B-%Y")
_MIN_YEAR, _MAX_YEAR = 1800, 2200


def normalise_date(value: str | None) -> str | None:
    """An ISO ``YYYY-MM-DD`` for the dates news sources write, else None.

    Handles ISO 8601 (``2024-01-02T10:00:00Z``, ``2024/01/02``, ``20240102``), RFC 2822 as in
    RSS and e-mail (``Tue, 02 Jan 2024 23:30:00 -0500``) and spelled-out months
    (``2 January 2024``, ``January 2, 2024``, ``26-FEB-1987 15:01:01.79``). The date is the
    one the source wrote, not converted to UTC. Day-month order is never guessed (``01/02/2024``).
    """
    if not value or not value.strip():
        return None
    match = _ISO.match(value) or _COMPACT.match(value)
    if match:
        return _iso(*(int(part) for part in match.groups()))
    parsed = parsedate_tz(value)
    if parsed is not None:
        return _iso(parsed[0], parsed[1], parsed[2])
    text = _WEEKDAY.sub("", value).replace(",", " ")
    words = text.split()
    for candidate in (" ".join(words[:3]), " ".join(words[:1])):
        for fmt in _FORMATS:
            try:
                when = datetime.strptime(candidate, fmt)
            except ValueError:
                continue
            return _iso(when.year, when.month, when.day)
    return None


def _iso(year: int, month: int, day: int) -> str | None:
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def host_of(url: str | None) -> str | None:
    """The lower-case host of a URL without a leading ``www.``, or None."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.removeprefix("www.")


def too_large(what: str, limit: int, setting: str, size: int | None = None) -> str:
    """The reject reason for a file or record over a size limit, naming the setting to raise.

    ``size`` is left out when it is unknown (a stream read up to the limit and found longer).
    """
    got = "" if size is None else f"{size:,} bytes, "
    return f"{what} too large: {got}over the limit of {limit:,} bytes (raise Config.{setting})"


_MONTHS = {
    m: i
    for i, names in enumerate(
        ("jan january", "feb february", "mar march", "apr april", "may", "jun june",
         "jul july", "aug august", "sep sept september", "oct october", "nov november",
         "dec december"),
        start=1,
    )
    for m in names.split()
}  # fmt: skip
# "ATHENS, March 2", "WASHINGTON, Feb 26 (Reuters) -", "LONDON, 3 March -"
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Za-z .'-]{1,40},\s+(?:(?P<mon>[A-Za-z]{3,9})\.?\s+(?P<d>\d{1,2})"
    r"|(?P<d2>\d{1,2})\s+(?P<mon2>[A-Za-z]{3,9})\.?)\b"
)


def dateline_date(dateline: str | None, published: str | None) -> str | None:
    """The day a wire dateline names ("ATHENS, March 2"), in the year of the publication
    date (the one of the two neighbouring years that puts it nearest): the day the story's
    "today" means. None when there is no dateline or no publication date to take a year from.
    """
    if not dateline or not published:
        return None
    m = _DATELINE.match(dateline)
    if m is None:
        return None
    month = _MONTHS.get((m["mon"] or m["mon2"]).lower())
    day = int(m["d"] or m["d2"])
    try:
        pub = date.fromisoformat(published[:10])
    except ValueError:
        return None
    if month is None:
        return None
    candidates = []
    for year in (pub.year - 1, pub.year, pub.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    best = min(candidates, key=lambda c: abs((c - pub).days))
    return best.isoformat() if abs((best - pub).days) <= 7 else None
