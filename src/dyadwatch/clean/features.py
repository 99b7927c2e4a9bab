"""Features of one line of text, of the kind jusText and web-corpus filters judge lines by."""

from __future__ import annotations

import re
from dataclasses import dataclass

from dyadwatch.clean.rules import Rules

_WORD = re.compile(r"\w+(?:['’]\w+)*")
_LIST_MARKER = re.compile(r"^\s*(?:[-–—*•·▪►>]+|\d{1,3}[.)]|\(\d{1,3}\)|[a-z][.)])\s+")
#: A link or an e-mail address. The address's parts are bounded (64 characters before the
#: "@", as mail standards allow, 255 after), so that a giant token is scanned in linear time.
_URL = re.compile(r"(?:https?://|www\.)\S+|[^\s@]{1,64}@[^\s@]{1,255}\.\w{2,}", re.IGNORECASE)
_TERMINAL = re.compile(r"(?<!\.\.)[.!?][\"'”’»)\]*]*$")  # an ellipsis marks a cut-off teaser
_NAV_SEPARATOR = re.compile(r"\s[–—|»›>/·•-]\s")
_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    "|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DATE_LINE = re.compile(
    rf"^(?:on\s+)?(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*\.?,?\s+)?"
    rf"(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{_MONTHS})\.?,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<m2>{_MONTHS})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})"
    rf"|(?P<y3>\d{{4}})-(?P<m3>\d{{2}})-(?P<d3>\d{{2}}))"
    r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+[a-z]{2,5})?)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Line:
    """One unit of text (a line, or a hard-wrapped paragraph joined) and what it looks like."""

    index: int
    text: str
    """The unit as it appears in the output text."""
    core: str
    """List markers removed and whitespace collapsed: what phrase rules look at."""
    words: tuple[str, ...]
    stopwords: int
    terminal: bool
    """Ends with sentence punctuation (``.!?``, possibly inside closing quotes), not ``...``."""
    url_density: float
    alpha_words: int
    """Words that start with a letter."""
    capitalised: int
    """Words that start with an upper-case letter."""
    separators: int
    """Navigation separators between spaces (`` – ``, `` | ``, `` » `` …)."""

    @property
    def chars(self) -> int:
        return len(self.core)

    @property
    def stop_ratio(self) -> float:
        return self.stopwords / len(self.words) if self.words else 0.0

    @property
    def table_row(self) -> bool:
        """A row of a table rendered as ``| a | b |``."""
        return len(self.core) > 2 and self.core.startswith("|") and self.core.endswith("|")

    @property
    def has_letters(self) -> bool:
        return any(ch.isalpha() for ch in self.core)


def line_features(index: int, text: str, rules: Rules) -> Line:
    """Compute the features of one unit of text."""
    core = " ".join(_LIST_MARKER.sub("", text).split())
    words = tuple(_WORD.findall(core))
    urls = sum(len(m) for m in _URL.findall(core))
    return Line(
        index=index,
        text=text.strip(),
        core=core,
        words=words,
        stopwords=sum(w.casefold().replace("’", "'") in rules.stopwords for w in words),
        terminal=bool(_TERMINAL.search(core)),
        url_density=urls / len(core) if core else 0.0,
        alpha_words=sum(w[0].isalpha() for w in words),
        capitalised=sum(w[0].isupper() for w in words),
        separators=len(_NAV_SEPARATOR.findall(core)),
    )


def iso_date(core: str) -> str | None:
    """``YYYY-MM-DD`` if the whole line is a date (``May 17, 2020``, ``17 May 2020`` …)."""
    match = _DATE_LINE.match(core)
    if match is None:
        return None
    groups = match.groupdict()
    year = groups["y1"] or groups["y2"] or groups["y3"]
    day = groups["d1"] or groups["d2"] or groups["d3"]
    month_text = groups["m1"] or groups["m2"]
    month = _month_number(month_text) if month_text is not None else int(groups["m3"])
    if not (1 <= month <= 12 and 1 <= int(day) <= 31):
        return None
    return f"{int(year):04d}-{month:02d}-{int(day):02d}"


def _month_number(name: str) -> int:
    prefixes = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
    return prefixes.index(name[:3].casefold()) + 1
