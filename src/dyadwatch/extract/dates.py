"""Dates in a document: absolute and relative time expressions, and an undated document's date.

Absolute expressions ("12 June 2014", "June 2014", "in 2016", "the 1970s and 80s", "AMAN-2021")
are found with rules; relative ones ("last year", "a month ago", "recently") are resolved
against a reference date and marked ``derived``. Every expression quotes its span:
``doc.text[start:end] == expr.text``. The data behind the rules (world-event cues, words that
make a four-digit number a count and not a year) is ``ontology/date_cues.toml``; the rules are
described in docs/extract.md, "Dates".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from dyadwatch.extract.date_cues import date_data, floors
from dyadwatch.model import DateEstimate, Document, Precision, Sentence, TimeExpr

_COARSENESS: dict[Precision, int] = {"day": 0, "month": 1, "year": 2, "decade": 3}
_PRECISIONS: tuple[Precision, ...] = ("day", "month", "year", "decade")
# there is no week precision: a date counted in weeks is known to the month
_UNIT_PRECISION: dict[str, Precision] = {p: p for p in _PRECISIONS} | {"week": "month"}
_MONTH_SPEC = "jan/january feb/february mar/march apr/april may jun/june jul/july aug/august " + (
    "sep/sept/september oct/october nov/november dec/december"
)
_MONTHS = {
    name: number
    for number, names in enumerate(_MONTH_SPEC.split(" "), start=1)
    for name in names.split("/")
}
_FULL_MONTHS = frozenset(name for names in _MONTH_SPEC.split(" ") for name in names.split("/")[-1:])
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NUMBER_SPEC = "a:1 an:1 one:1 two:2 three:3 four:4 five:5 six:6 seven:7 eight:8 nine:9 " + (
    "ten:10 eleven:11 twelve:12 fifteen:15 twenty:20 thirty:30 fifty:50"
)
_NUMBER_WORDS = {w: int(n) for w, n in (p.split(":") for p in _NUMBER_SPEC.split(" "))} | {
    "a couple of": 2
}
_DECADE_WORDS = {
    w: 10 * i for i, w in enumerate(("twenties", "thirties", "forties", "fifties"), start=2)
} | {w: 10 * i for i, w in enumerate(("sixties", "seventies", "eighties", "nineties"), start=6)}

_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_MON = (
    r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_ORD = r"(?:st|nd|rd|th)?"
_ISO_DAY = re.compile(
    rf"(?<![\d-])(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b"
)
_DAY_MON_YEAR = re.compile(
    rf"\b(?P<d>[0-3]?\d){_ORD}(?:\s+of)?\s+{_MON},?\s+(?P<y>{_YEAR})\b", re.I
)
_MON_DAY_YEAR = re.compile(rf"\b{_MON}\s+(?P<d>[0-3]?\d){_ORD},?\s+(?P<y>{_YEAR})\b", re.I)
_MON_YEAR = re.compile(rf"\b{_MON},?\s+(?:of\s+)?(?P<y>{_YEAR})\b", re.I)
_NUMERIC_DAY = re.compile(rf"(?<![\d/.])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<y>{_YEAR})(?![\d/])")
_DECADE = re.compile(
    r"(?<![\w$€£])(?P<first>(?P<c>1[5-9]|20)(?P<d>\d)0['’]?s)\b"
    r"(?:\s*(?:and|or|to|through|until|[-–/])\s*(?:the\s+)?"
    r"(?P<more>(?P<c2>1[5-9]|20)?['’]?(?P<d2>\d)0['’]?s)\b)?"
)
_SHORT_DECADE = re.compile(r"\bthe\s+(?:early\s+|mid-?\s*|late\s+)?(?P<dec>['’]?(?P<d>[3-9])0s)\b")
_DECADE_WORD = re.compile(
    r"\bthe\s+(?:early\s+|mid-?\s*|late\s+)?(?P<dec>(?:nineteen[-\s])?(?P<w>"
    + "|".join(_DECADE_WORDS)
    + r"))\b",
    re.I,
)
_NAME_YEAR = re.compile(r"\b[A-Z][A-Za-z]+[-–](?P<y>19\d\d|20\d\d)\b(?![-–]\d)")
_BARE_YEAR = re.compile(rf"(?<![\w$€£¥₹₽#])(?P<y>{_YEAR})(?!\d)")
_HYPHEN_PREFIXES = frozenset({"mid", "early", "late", "pre", "post"})
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
_CLAUSE_BREAK = re.compile(r"[;:]|\s[–—-]\s|[.!?](?:\s|$)")
_EVENT_YEAR = re.compile(
    rf"(?:\bthe\s|['’]s\s){_YEAR}\s+[A-Z][a-z]|\b[A-Z][A-Za-z]+[-–]{_YEAR}\b(?![-–]\d)"
)
_CONNECTIVE = re.compile(
    r"\b(?:to|from|until|till|by|than|since|and|or|but|versus|vs|compared|after|before)\b", re.I
)

_COUNT = r"\d{1,3}|a couple of|" + "|".join(w for w in _NUMBER_WORDS if w != "a couple of")
_REL_OFFSET = re.compile(
    rf"\b(?P<n>{_COUNT})\s+(?P<unit>year|month|week|day|decade)s?\s+"
    r"(?P<dir>ago|back|prior|earlier|later|before(?=\s*[.,;:!?]))\b",
    re.I,
)
_REL_DEICTIC = re.compile(
    r"\b(?P<which>last|this|next|coming|current)\s+(?P<unit>year|month|week|decade)\b(?!\s+of\b)",
    re.I,
)
_REL_DAY = re.compile(r"\b(?P<w>yesterday|today|tomorrow)\b", re.I)
_RECENT = re.compile(
    r"\b(?:recently|lately|of late|in recent (?P<unit>days|weeks|months|years))\b", re.I
)
_WEEKDAY = re.compile(
    r"\b(?P<rel>(?i:on|last|next|this(?:\s+past|\s+coming)?))\s+"
    r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
_DEICTIC_SIGN = {"last": -1, "past": -1, "this": 0, "current": 0, "next": 1, "coming": 1}
_PART_OF_DAY = re.compile(
    r"\b(?P<w>last night|tonight|overnight|this (?:morning|afternoon|evening)"
    r"|(?:earlier|later) today|(?:earlier|later) in the day)\b",
    re.I,
)
_PART_SHIFT = {"last night": -1}
# A month without a year: "last June", "this March", "next January".
_MONTH_DEICTIC = re.compile(
    rf"\b(?P<which>(?i:last|this|next))\s+{_MON}(?!\s*,?\s*(?:of\s+)?\d)(?!\w)"
)
# A season named from the time of writing: "last summer", "this winter", "next spring". Its
# year is that of its middle month (winter's is January: "last winter" in March is this year's).
_SEASON_DEICTIC = re.compile(
    r"\b(?P<which>(?i:last|this|next|past|coming))\s+(?P<season>(?i:summer|winter|spring|"
    r"autumn|fall))\b(?!\s*(?:of\s+)?\d)"
)
_SEASON_MONTH = {"winter": 1, "spring": 4, "summer": 7, "autumn": 10, "fall": 10}
# A month and day without a year: "on February 22", "22 February", "March 3rd" (two patterns:
# one alternation that may start at every digit would scan the whole text twice as slowly).
_MONTH_NAMES = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
# A month with a preposition and no year: "signed in January", "since February" (the nearest
# such month, a past one preferred; after "until", "by", "from" a coming one).
_MONTH_IN = re.compile(
    rf"\b(?P<prep>(?i:in|during|since|until|till|by|from|early|late|mid-?|through))\s+"
    rf"(?P<mon>{_MONTH_NAMES})\b(?!\s*,?\s*(?:of\s+)?\d)(?!\.\s*\d)"
)
# A month naming the event it modifies: "their *February* talks", "at the *April* meeting"
# (the nearest such month, coming or past).
_MONTH_EVENT = re.compile(
    rf"\b(?i:the|their|its|his|her|our)\s+(?P<mon>{_MONTH_NAMES})\s+(?=(?i:talks|meeting|"
    r"meetings|summit|visit|conference|session|round|negotiations|accord|agreement|pact|deal|"
    r"elections?|vote|referendum|attack|attacks|raid|raids|offensive|invasion|coup|strike|"
    r"ceasefire|truce|decision|announcement|statement|crisis|clash|clashes)\b)"
)
_MONTH_DAY = re.compile(rf"\b{_MON}\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?![\w-])")
_DAY_MONTH = re.compile(rf"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTH_NAMES})\b")
_YEAR_AFTER = re.compile(r"\s*,?\s*\d")
_UNIT_AFTER = re.compile(r"\s*(?:pct|percent|per cent|%|mln|bln|billion|million|dlrs)\b", re.I)
# Words before a yearless date that point ahead: "until July 1", "by March 31".
_AHEAD = re.compile(
    r"\b(?:until|till|by|from|starting|effective|before|deadline of)\s+(?:on\s+)?$", re.I
)
# A weekend: its Saturday, the last one on or before the reference ("at the weekend",
# "Gorbachev's weekend proposal"), the next one after it with "next" or "coming".
_WEEKEND = re.compile(r"\b(?:(?P<rel>(?i:last|next|this|coming))\s+)?(?i:week-?end)\b")
# A weekday on its own: "Friday's request", "said on Friday" is matched with its preposition.
_BARE_WEEKDAY = re.compile(r"\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_WEEKDAY_BEFORE = re.compile(r"\b(?:on|last|next|this|past|coming)\s+$", re.I)
# "the next day", "the following day", "the day before", "the previous day"
_ADJACENT_DAY = re.compile(
    r"\bthe\s+(?:(?P<after>next|following)\s+day|(?P<before>previous|preceding)\s+day"
    r"|day\s+(?P<before2>before))\b",
    re.I,
)
_DAY_WORDS = {"yesterday": -1, "today": 0, "tomorrow": 1}


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    value: str
    precision: Precision
    derived: bool = False


@dataclass(frozen=True, slots=True)
class _Relative:
    """A relative expression before resolution: shift ``n`` units from the reference date."""

    start: int
    end: int
    unit: str
    """day, week, month, year, decade; ``weekday`` (n = weekday index), ``recent``,
    ``monthname`` or ``season`` (``day`` holds the month, ``n`` last/this/next as -1/0/1; for a
    month, 2 is the nearest with a past one preferred, 3 the nearest either way)."""
    n: int = 0
    precision: Precision = "month"
    future: bool = False
    anaphoric: bool = False
    """Counted from a date named just before ("in 2006 … five years earlier"), if there is one."""
    day: int = 0
    """The day of the month, for a month and day written without a year ("on February 22")."""


@dataclass(frozen=True, slots=True)
class _Clue:
    year: int
    month: int | None
    evidence: str


# -- absolute expressions --------------------------------------------------------------------


def _month(name: str) -> int | None:
    """The month number of a capitalised month name ("June", "Sept."); None for "may" etc."""
    if not name[:1].isupper():
        return None
    return _MONTHS.get(name.rstrip(".").lower())


def _valid_day(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True


def _day_hits(text: str) -> Iterator[_Hit]:
    for m in _ISO_DAY.finditer(text):
        y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
        if _valid_day(y, mo, d):
            yield _Hit(m.start(), m.end(), f"{y:04d}-{mo:02d}-{d:02d}", "day")
    for pattern in (_DAY_MON_YEAR, _MON_DAY_YEAR):
        for m in pattern.finditer(text):
            mo_num = _month(m["mon"])
            y, d = int(m["y"]), int(m["d"])
            if mo_num and _valid_day(y, mo_num, d):
                yield _Hit(m.start(), m.end(), f"{y:04d}-{mo_num:02d}-{d:02d}", "day")
    for m in _NUMERIC_DAY.finditer(text):
        a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
        # 13/06/2014 is day-month, 06/13/2014 month-day; 06/07/2014 is only sure of its year
        if a > 12 and _valid_day(y, b, a):
            yield _Hit(m.start(), m.end(), f"{y:04d}-{b:02d}-{a:02d}", "day")
        elif b > 12 and _valid_day(y, a, b):
            yield _Hit(m.start(), m.end(), f"{y:04d}-{a:02d}-{b:02d}", "day")
        elif 1 <= a <= 12 and 1 <= b <= 12:
            yield _Hit(m.start(), m.end(), f"{y:04d}", "year")


def _month_hits(text: str) -> Iterator[_Hit]:
    for m in _MON_YEAR.finditer(text):
        mo_num = _month(m["mon"])
        if mo_num:
            yield _Hit(m.start(), m.end(), f"{int(m['y']):04d}-{mo_num:02d}", "month")


def _decade_hits(text: str) -> Iterator[_Hit]:
    for m in _DECADE.finditer(text):
        century = m["c"]
        yield _Hit(m.start(), m.end("first"), f"{century}{m['d']}0s", "decade")
        if m["more"]:
            # "the 1970s and 80s": the second decade takes the first one's century
            yield _Hit(m.start("more"), m.end("more"), f"{m['c2'] or century}{m['d2']}0s", "decade")
    for m in _SHORT_DECADE.finditer(text):
        yield _Hit(m.start("dec"), m.end("dec"), f"19{m['d']}0s", "decade")
    for m in _DECADE_WORD.finditer(text):
        yield _Hit(
            m.start("dec"), m.end("dec"), f"{1900 + _DECADE_WORDS[m['w'].lower()]}s", "decade"
        )


def _year_hits(text: str) -> Iterator[_Hit]:
    for m in _NAME_YEAR.finditer(text):
        # a name glued to a year names a dated event: "AMAN-2021", "Euro-2020"
        yield _Hit(m.start(), m.end(), m["y"], "year")
    for m in _BARE_YEAR.finditer(text):
        if _is_year(text, m.start(), m.end()):
            yield _Hit(m.start(), m.end(), m["y"], "year")


def _is_year(text: str, start: int, end: int) -> bool:
    """Whether the four digits at ``text[start:end]`` stand for a year, judged by their context.

    Not years: parts of larger numbers ("1,100", "2014.5"), amounts ("$2014 million"), codes
    ("CASA-1000", "S-2000"), counts ("2000 troops"), labels ("No. 1948"), URL parts.
    """
    data = date_data()
    before, after = text[max(0, start - 20) : start], text[end : end + 30]
    if re.search(r"[/\\]$|\d[.,]$|:$", before) or re.match(r"[.,]\d|:\d|/(?!\d\d\b)", after):
        return False
    if before.endswith(("-", "–")):
        prefix = re.search(r"(\w*)[-–]$", before)
        word = prefix[1] if prefix else ""
        if not (word.isdigit() or word.lower() in _HYPHEN_PREFIXES):
            return False
    if re.match(r"[-–](?!\d)", after) and not re.match(r"[-–]\s", after):
        return False  # "2000-strong", "1948-kilometre"
    prev = re.search(r"([A-Za-z]+)\.?\s*$", before)
    if prev and prev[1].lower() in data.label_words:
        return False
    nxt = re.match(r"\s*(%|[A-Za-z]+)", after)
    if nxt and (nxt[1] == "%" or nxt[1].lower() in data.count_words):
        return bool(re.search(r"\b(?:in|since|during|until|till|circa)\s*$", before, re.I))
    return True


def _absolute(text: str) -> Iterator[_Hit]:
    yield from _day_hits(text)
    yield from _month_hits(text)
    yield from _decade_hits(text)
    yield from _year_hits(text)


# -- relative expressions ----------------------------------------------------------------------


def _relatives(text: str) -> Iterator[_Relative]:
    """Every relative expression of ``text``, unresolved."""
    yield from _counted(text)
    yield from _calendar(text)


def _counted(text: str) -> Iterator[_Relative]:
    """Units counted from a reference: "two years ago", "last month", "next year"."""
    for m in _REL_OFFSET.finditer(text):
        count = m["n"].lower()
        n = int(count) if count.isdigit() else _NUMBER_WORDS[re.sub(r"\s+", " ", count)]
        direction = m["dir"].lower()
        sign = 1 if direction == "later" else -1
        anaphoric = direction not in ("ago", "back")
        yield _Relative(m.start(), m.end(), m["unit"].lower(), sign * n, anaphoric=anaphoric)
    for m in _REL_DEICTIC.finditer(text):
        sign = _DEICTIC_SIGN[m["which"].lower()]
        yield _Relative(m.start(), m.end(), m["unit"].lower(), sign)


def _calendar(text: str) -> Iterator[_Relative]:
    """Days, weekdays, months and recency resolved against a reference."""
    for m in _REL_DAY.finditer(text):
        yield _Relative(m.start(), m.end(), "day", _DAY_WORDS[m["w"].lower()])
    for m in _RECENT.finditer(text):
        unit = (m["unit"] or "months").lower()
        precision: Precision = "year" if unit == "years" else "month"
        yield _Relative(m.start(), m.end(), "recent", precision=precision)
    for m in _WEEKDAY.finditer(text):
        rel = m["rel"].lower()
        future = rel.startswith("next") or rel.endswith("coming")
        start = m.start() if rel != "on" else m.start("wd")
        wd = _WEEKDAYS.index(m["wd"].lower())
        yield _Relative(start, m.end(), "weekday", wd, precision="day", future=future)
    for m in _WEEKEND.finditer(text):
        future = (m["rel"] or "").lower() in {"next", "coming"}
        saturday = _WEEKDAYS.index("saturday")
        yield _Relative(m.start(), m.end(), "weekday", saturday, precision="day", future=future)
    for m in _BARE_WEEKDAY.finditer(text):
        if _WEEKDAY_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue  # "on Friday", "last Friday": matched with their word above
        wd = _WEEKDAYS.index(m["wd"].lower())
        yield _Relative(m.start(), m.end(), "weekday", wd, precision="day")
    for m in _PART_OF_DAY.finditer(text):
        shift = _PART_SHIFT.get(" ".join(m["w"].lower().split()), 0)
        yield _Relative(m.start(), m.end(), "day", shift, precision="day")
    for m in _ADJACENT_DAY.finditer(text):
        sign = 1 if m["after"] else -1
        yield _Relative(m.start(), m.end(), "day", sign, precision="day", anaphoric=True)
    for m in _MONTH_IN.finditer(text):
        month = _month(m["mon"])
        if month:
            ahead = m["prep"].lower() in {"until", "till", "by", "from"}
            yield _Relative(m.start("mon"), m.end("mon"), "monthname", 2, future=ahead, day=month)
    for m in _MONTH_EVENT.finditer(text):
        month = _month(m["mon"])
        if month:
            yield _Relative(m.start("mon"), m.end("mon"), "monthname", 3, day=month)
    for m in _MONTH_DEICTIC.finditer(text):
        month = _month(m["mon"])
        if month:
            which = _DEICTIC_SIGN[m["which"].lower()]
            full = m["mon"].lower() in _FULL_MONTHS  # "June." ends a sentence, "Jun." is short
            end = m.end() - 1 if m[0].endswith(".") and full else m.end()
            yield _Relative(m.start(), end, "monthname", which, day=month)  # not "June."
    for m in _SEASON_DEICTIC.finditer(text):
        which = _DEICTIC_SIGN[m["which"].lower()]
        month = _SEASON_MONTH[m["season"].lower()]
        yield _Relative(m.start(), m.end(), "season", which, precision="year", day=month)
    for m in [*_MONTH_DAY.finditer(text), *_DAY_MONTH.finditer(text)]:
        if _YEAR_AFTER.match(text, m.end()) or (m.start() and text[m.start() - 1] in ",-"):
            continue  # "February 22, 1987" is absolute; "3-4 March" a range
        if ("." in m[0] and m["mon"].lower() in _FULL_MONTHS) or _UNIT_AFTER.match(text, m.end()):
            continue  # "in March. 10 pct …": a sentence ends after the month
        month = _month(m["mon"])
        day = int(m["d"])
        ahead = bool(_AHEAD.search(text[max(0, m.start() - 12) : m.start()]))
        if month and 1 <= day <= 31:
            yield _Relative(
                m.start(), m.end(), "monthday", month, precision="day", future=ahead, day=day
            )


def _coarser(a: Precision, b: Precision) -> Precision:
    return a if _COARSENESS[a] >= _COARSENESS[b] else b


def _format(day: date, precision: Precision) -> str:
    if precision == "day":
        return day.isoformat()
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if precision == "year":
        return f"{day.year:04d}"
    return f"{day.year // 10 * 10}s"


def _add_months(day: date, n: int) -> date:
    index = day.year * 12 + day.month - 1 + n
    return date(index // 12, index % 12 + 1, min(day.day, 28))


def _resolve(rel: _Relative, ref: tuple[date, Precision]) -> tuple[str, Precision]:
    """The calendar value of a relative expression, never finer than the reference allows."""
    day, ref_precision = ref
    if rel.unit == "recent":
        precision = _coarser(rel.precision, ref_precision)
        return _format(day, precision), precision
    if rel.unit == "monthname":  # "last June": the latest June before the reference month
        month, which = rel.day, rel.n
        year = day.year
        if which == 3:  # "the April meeting": the nearest April, coming or past (a tie: past)
            back = (day.month - month) % 12
            which = 0 if back == 0 else (-1 if back <= 6 else 1)
        if which == 2:  # "in January": the nearest, a past one unless the words look ahead
            which = 1 if rel.future and month < day.month else (-1 if month > day.month else 0)
            which = 0 if rel.future and month >= day.month else which
        if which < 0 and month >= day.month:
            year -= 1
        elif which > 0 and month <= day.month:
            year += 1
        precision = _coarser("month", ref_precision if ref_precision != "day" else "month")
        value = _format(date(year, month, 15), "month")
        return (value, "month") if precision == "month" else (f"{year:04d}", "year")
    if rel.unit == "season":  # "last summer": the year of the latest summer's middle month
        month, which, year = rel.day, rel.n, day.year
        if which < 0 and month >= day.month:
            year -= 1
        elif which > 0 and month <= day.month:
            year += 1
        return f"{year:04d}", "year"
    if rel.unit == "monthday":  # "on February 22": that day, in the year that puts it nearest
        month, dom = rel.n, rel.day
        if ref_precision not in ("day", "month"):
            return f"{day.year:04d}", "year"
        near = [y for y in (day.year - 1, day.year, day.year + 1) if _valid_day(y, month, dom)]
        if not near:
            return _format(day, "month"), "month"
        best = min(near, key=lambda y: _yearless_distance(date(y, month, dom), day, rel.future))
        return date(best, month, dom).isoformat(), "day"
    if rel.unit == "weekday":
        if ref_precision != "day":
            return _format(day, ref_precision), ref_precision
        back = -((day.weekday() - rel.n) % 7)
        shift = (rel.n - day.weekday()) % 7 or 7 if rel.future else back
        return _format(day + timedelta(days=shift), "day"), "day"
    if rel.unit in ("day", "week"):
        shifted = day + timedelta(days=rel.n * (7 if rel.unit == "week" else 1))
    elif rel.unit == "month":
        shifted = _add_months(day, rel.n)
    else:
        years = rel.n * (10 if rel.unit == "decade" else 1)
        shifted = date(day.year + years, day.month, min(day.day, 28))
    precision = _coarser(_UNIT_PRECISION[rel.unit], ref_precision)
    return _format(shifted, precision), precision


def _yearless_distance(candidate: date, ref: date, ahead: bool = False) -> int:
    """How far a yearless date lies from the reference, weighting the future: news tells of
    what happened more than of what will, so "February 22" in a March story is last month's;
    after "until", "by" or "from" the weight is on the past instead ("until July 1")."""
    delta = (candidate - ref).days
    if ahead:
        return delta if delta >= 0 else -delta * 4
    return delta * 4 if delta > 0 else -delta


def _parse_reference(
    value: str, precision: Precision | None = None
) -> tuple[date, Precision] | None:
    """A reference date from ISO text; coarse dates sit mid-period so small shifts stay inside."""
    decade = re.fullmatch(r"(\d{3})0s", value.strip())
    if decade:
        return date(int(decade[1]) * 10 + 5, 7, 1), "decade"
    m = re.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value.strip())
    if not m:
        return None
    y, mo, d = int(m[1]), m[2], m[3]
    if d and _valid_day(y, int(mo), int(d)) and precision in (None, "day"):
        return date(y, int(mo), int(d)), "day"
    if mo and 1 <= int(mo) <= 12 and precision in (None, "day", "month"):
        return date(y, int(mo), 15), "month"
    return date(y, 7, 1), "year"


def _reference(doc: Document, ref: DateEstimate | None) -> tuple[date, Precision] | None:
    if ref is not None and ref.date:
        return _parse_reference(ref.date, ref.precision)
    if doc.date:
        return _parse_reference(doc.date)
    return None


# -- public API ------------------------------------------------------------------------------


def find_time_expressions(doc: Document, ref: DateEstimate | None = None) -> list[TimeExpr]:
    """The date expressions of a document, in text order, none overlapping another.

    Relative expressions are resolved against ``ref`` (else ``doc.date``) and marked
    ``derived``; without either they are left out (estimate the date first, see
    :func:`resolve_document_dates`).
    """
    hits = list(_absolute(doc.text))
    anchor = _reference(doc, ref)
    for rel in _relatives(doc.text):
        origin = _anaphora_base(doc.text, rel, hits) if rel.anaphoric else None
        if origin is None and not (rel.anaphoric and rel.n > 0):
            origin = anchor  # "two years later" with no date before it: later than what?
        if origin is None:
            continue
        value, precision = _resolve(rel, origin)
        hits.append(_Hit(rel.start, rel.end, value, precision, derived=True))
    out: list[TimeExpr] = []
    last_end = -1
    for hit in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
        if hit.start >= last_end:
            text = doc.text[hit.start : hit.end]
            out.append(
                TimeExpr(
                    doc.doc_id, hit.start, hit.end, text, hit.value, hit.precision, hit.derived
                )
            )
            last_end = hit.end
    return out


def resolve_document_dates(doc: Document) -> tuple[DateEstimate, list[TimeExpr]]:
    """Both steps for one document: its (estimated) date, then every expression resolved.
    A document whose source gives its date needs no estimate: the text is read once."""
    first = [] if doc.date and _parse_reference(doc.date) else find_time_expressions(doc, None)
    estimate = estimate_document_date(doc, first)
    return estimate, find_time_expressions(doc, estimate)


def estimate_document_date(doc: Document, exprs: list[TimeExpr]) -> DateEstimate:
    """The document's date: its metadata when given, else an estimate from its content.

    The estimate is the latest of: the latest year the text names, leaving out years spoken of
    as ahead ("by 2030", "will open in 2008", "the 2012 Olympics"); what a relative phrase
    beside an absolute date implies ("AMAN-2021 … next year" → 2020); and the earliest possible
    year of the world events and office holders it mentions (:func:`date_cues.floors`). When
    only years ahead are named, the first of them stands in. ``evidence`` quotes the clues that
    give the estimate. When nothing dates the text, ``date`` is empty.
    """
    if doc.date:
        parsed = _parse_reference(doc.date)
        if parsed is not None:
            return DateEstimate(doc.doc_id, _format(*parsed), parsed[1], "source metadata")
    text = doc.text
    absolute = [e for e in exprs if not e.derived and e.precision != "decade"]
    anchors = list(_anchored(text, absolute))
    used = {span for span, _ in anchors}
    named = [e for e in absolute if (e.start, e.end) not in used]
    past = [e for e in named if not _is_future(text, e.start, e.end)]
    clues = [clue for _, clue in anchors]
    context: _Clue | None = None
    if past:
        latest = max(past, key=lambda e: (int(e.value[:4]), e.start))
        year = int(latest.value[:4])
        context = _Clue(year, None, f"latest year named is {year} ('{_snippet(text, latest)}')")
    elif ahead := [e for e in named if not _is_target(text, e.start)]:
        first = min(ahead, key=lambda e: (int(e.value[:4]), e.start))
        year = int(first.value[:4])
        note = f"only years ahead are named, the first {year} ('{_snippet(text, first)}')"
        context = _Clue(year, None, note)
    clues.extend(_Clue(year, None, evidence) for year, evidence in floors(text))
    if context is not None:
        clues.insert(0, context)
    if not clues:
        return DateEstimate(doc.doc_id, "", "year", "no date in the source and none in the text")
    best = max(clues, key=lambda c: (c.year, c.month or 0))
    parts = [c.evidence for c in clues if c is context or c.year == best.year]
    evidence = "; ".join(list(dict.fromkeys(parts))[:5])
    if best.month is not None:
        value = f"{best.year:04d}-{best.month:02d}"
        return DateEstimate(doc.doc_id, value, "month", f"estimated as {value}: {evidence}")
    value = f"{best.year:04d}"
    return DateEstimate(doc.doc_id, value, "year", f"estimated as {value}: {evidence}")


def date_for_span(
    start: int,
    end: int,
    exprs: list[TimeExpr],
    sentence: Sentence | None,
    *,
    text: str | None = None,
) -> TimeExpr | None:
    """The time expression that best dates what ``start:end`` says, or None.

    Candidates lie in ``sentence`` (without one: inside the span itself). The nearest wins,
    and one in the same clause beats one across ``;``, ``:`` or a dash when ``text`` (the
    document text) is given; on a tie the expression before the span wins. None means the
    caller falls back to the document date.
    """
    lo, hi = start, end
    if sentence is not None:
        lo, hi = min(start, sentence.start), max(end, sentence.end)
    best: TimeExpr | None = None
    best_key: tuple[bool, int, bool] | None = None
    for expr in exprs:
        if expr.start < lo or expr.end > hi:
            continue
        after = expr.start >= end
        gap = expr.start - end if after else max(0, start - expr.end)
        crosses = False
        if text is not None:
            between = text[end : expr.start] if after else text[expr.end : start]
            crosses = bool(_CLAUSE_BREAK.search(between))
        key = (crosses, gap, after)
        if best_key is None or key < best_key:
            best, best_key = expr, key
    return best


# -- estimation helpers ------------------------------------------------------------------------


def _anchored(text: str, absolute: list[TimeExpr]) -> Iterator[tuple[tuple[int, int], _Clue]]:
    """Absolute dates tied to a relative phrase beside them: "AMAN-2021 … next year" → 2020.

    Only phrases counted from the time of writing ("next year", "a year ago", not "a year
    earlier"), next to a date that is not a target ("by 2010"), with no connective between
    them that would make them two different times ("2009 to this year").
    """
    for rel in _counted(text):
        if rel.unit not in ("year", "month") or rel.anaphoric:
            continue
        for expr in absolute:
            if not _beside(text, expr, rel) or _is_target(text, expr.start):
                continue
            if rel.unit == "year":
                year, month = int(expr.value[:4]) - rel.n, None
            elif expr.precision in ("day", "month"):
                shifted = _add_months(date(int(expr.value[:4]), int(expr.value[5:7]), 1), -rel.n)
                year, month = shifted.year, shifted.month
            else:
                continue
            a, b = sorted(((expr.start, expr.end), (rel.start, rel.end)))
            quote = f"{text[a[0] : a[1]]} … {text[b[0] : b[1]]}"
            implied = f"{year}" + (f"-{month:02d}" if month else "")
            yield (expr.start, expr.end), _Clue(year, month, f"'{quote}' suggests {implied}")


def _anaphora_base(text: str, rel: _Relative, hits: list[_Hit]) -> tuple[date, Precision] | None:
    """The date an anaphoric phrase counts from: the nearest one before it in its sentence."""
    before = [
        h
        for h in hits
        if h.end <= rel.start
        and h.precision != "decade"
        and rel.start - h.end <= 200
        and not _SENTENCE_END.search(text, h.end, rel.start)
    ]
    if not before:
        return None
    nearest = max(before, key=lambda h: (h.end, h.end - h.start))
    return _parse_reference(nearest.value, nearest.precision)


def _beside(text: str, expr: TimeExpr, rel: _Relative, reach: int = 40) -> bool:
    """Whether a date and a relative phrase stand close, in one clause, unlinked by "to" etc."""
    if expr.start < rel.end and rel.start < expr.end:
        return False
    gap = text[expr.end : rel.start] if expr.end <= rel.start else text[rel.end : expr.start]
    return len(gap) <= reach and not _CLAUSE_BREAK.search(gap) and not _CONNECTIVE.search(gap)


def _is_target(text: str, start: int) -> bool:
    """Whether a year is a target or plan ("by 2030", "Vision 2030"), not a date of writing."""
    prev = re.search(r"([A-Za-z]+)\W{0,3}$", text[max(0, start - 20) : start])
    return prev is not None and prev[1].lower() in date_data().future_words


def _is_future(text: str, start: int, end: int) -> bool:
    """Whether a year is spoken of as ahead: a target, or a clause about plans and forecasts.

    Such years say the text is not later than them, not that it is as late as them. A year
    naming an event ("the 2012 Olympics", "AMAN-2021") may lie ahead too.
    """
    if _is_target(text, start) or any(
        m.start() <= start < m.end()
        for m in _EVENT_YEAR.finditer(text, max(0, start - 6), end + 20)
    ):
        return True
    left = re.split(r"[.!?;](?:\s|$)", text[max(0, start - 80) : start])[-1]
    right = re.split(r"[.!?;](?:\s|$)", text[end : end + 40])[0]
    return bool(date_data().future_clause.search(f"{left} {right}"))


def _snippet(text: str, expr: TimeExpr, words: int = 3) -> str:
    """A few words before an expression (within its sentence and line) and the word after."""
    left = _SENTENCE_END.split(text[max(0, expr.start - 60) : expr.start].split("\n")[-1])[-1]
    nxt = re.match(r" ([\w’'-]+)", text[expr.end : expr.end + 40])
    return " ".join([*left.split()[-words:], expr.text, *([nxt[1]] if nxt else [])])
