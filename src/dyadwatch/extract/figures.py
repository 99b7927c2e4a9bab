"""Figures: amounts of money, percentages and counts of incidents, as claims tied to a measure,
a dyad and a period.

``find_figures`` reads "$270 million", "US$1.5bn", "Rs 10 billion", "411,4 million euros",
"82 percent", "two air space violations" and "infringed … three times" from text;
``extract_claims`` turns each into a
:class:`~dyadwatch.model.Claim` that quotes its sentence. Currency signs, scale words, rough
rates to US dollars and the keywords that say what a figure measures are data
(``ontology/measures.toml``); the rules are described in docs/extract.md, "Figures".
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Literal

from dyadwatch.extract.dates import date_for_span
from dyadwatch.extract.measure import measure_by_syntax
from dyadwatch.model import Claim, Document, FigureRole, Sentence, TimeExpr
from dyadwatch.ontology import fold, load_gazetteer

if TYPE_CHECKING:
    from spacy.tokens import Span

FigureUnit = Literal["currency", "percent", "count", "quantity"]

_MONTH_BEFORE = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+$"
)
# Thousands grouped by commas, also in lakhs and crores as South Asia writes them
# ("12,34,567.89 rupees" is 1,234,567.89), or no grouping at all.
_NUMBER = r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# Thousands grouped by spaces, before a currency word only ("10 000 dollars", "1 500 000 €")
_SPACED = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,.])"
# Scale words that may also stand after a currency code or follow a fraction ("75 USD
# million", "a quarter million"); one-letter scales ("m", "t") never do.
_WORD_SCALES = r"million|billion|trillion|thousand|mln|bln|bn"
# No range starts at a year: "rose in 1986 to 5 mln dlrs" is 5 million in 1986.
_NO_YEAR = r"(?<!\b(?:1[5-9]|20)\d\d)"
_CLAUSE_BREAK = re.compile(r"[;:]|\s[–—-]\s")
# Words just before a figure that bound it (docs/extract.md, "Figures").
_BOUNDS = (
    ("lower", r"more\s+than|over|above|in\s+excess\s+of|at\s+least|upwards\s+of|no\s+less\s+than"
     r"|not\s+less\s+than|exceeding|topping|beyond"),
    ("upper", r"less\s+than|under|below|up\s+to|at\s+most|no\s+more\s+than|not\s+more\s+than"
     r"|nearly|almost|just\s+under|fewer\s+than|as\s+much\s+as|as\s+many\s+as"),
    ("about", r"about|around|approximately|roughly|some|circa|an\s+estimated|estimated"
     r"|approx\.|c\.|close\s+to"),
)  # fmt: skip
_BOUND_BEFORE = tuple(
    (name, re.compile(rf"\b(?:{words})\s*(?:of\s+)?$", re.I)) for name, words in _BOUNDS
)
_RANGE = re.compile(r"\d\s*(?:[-–]|to|and)\s*\D{0,4}\d")
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?(?=\s)|\n")


@dataclass(frozen=True, slots=True)
class Figure:
    """A number in the text with its unit: ``text[start:end]`` is how the source wrote it."""

    start: int
    end: int
    text: str
    value: float
    unit: FigureUnit
    currency: str | None = None
    """ISO 4217 code; ``?name`` while an ambiguous sign ("Rs") awaits its context."""
    measure: str | None = None
    """What it measures, where the words that found it say so ("killed 12 soldiers":
    casualties); else the measure keywords of its sentence decide."""


@dataclass(frozen=True, slots=True)
class _Measure:
    name: str
    unit: FigureUnit
    keywords: re.Pattern[str]
    requires: re.Pattern[str] | None


@dataclass(frozen=True, slots=True)
class _FigureData:
    scales: dict[str, float]
    rates: dict[str, float]
    prefixes: dict[str, str]
    suffixes: dict[str, str]
    """Lower-cased currency words and ISO codes (as written) → code."""
    ambiguous: dict[str, dict[str, tuple[str, ...]]]
    measures: tuple[_Measure, ...]
    prefixed: tuple[re.Pattern[str], re.Pattern[str]]
    """With a range's upper bound ("$10-12 billion"), and without."""
    suffixed: re.Pattern[str]
    percent: re.Pattern[str]
    cut: re.Pattern[str]
    """What follows an amount whose number may go on past a comma ("$411, 4 million")."""
    counts: tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]
    """A number before an incident noun, a number before "times", and a number of people
    that a verb of killing or wounding governs (see measures.toml)."""
    times_acts: re.Pattern[str]
    """Acts a count of "times" must follow in its sentence."""
    number_words: dict[str, int]
    signs: dict[str, str]
    """Currency signs written after the number ("10 €") → code."""
    million_prefix: str
    million_scale: float
    subunits: dict[str, str]
    """Words of hundredths ("cts", "pence") → the currency they are hundredths of."""
    fractions: dict[str, float]
    needs_scale: frozenset[str]
    """Currency words that follow a number in words only with a scale word between."""
    invariant: frozenset[str]
    """Counted nouns whose plural is the singular ("23 dead")."""
    quantity: re.Pattern[str]
    """A quantity of goods: a number, a scale word and a unit ("four mln tonnes")."""
    quantity_units: dict[str, str]
    """Units of quantities (lower case, single-spaced) → the measure they are recorded under."""
    not_weapon_tanks: frozenset[str]
    """Words before "tanks" that make them no weapons ("storage tanks", "think tanks")."""
    named_things: frozenset[str]
    """Count measures whose noun a model's name may stand before ("two Silkworm missiles")."""


# -- data --------------------------------------------------------------------------------------


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _data() -> _FigureData:
    raw: dict[str, Any] = tomllib.loads(
        resources.files("dyadwatch.ontology").joinpath("measures.toml").read_text("utf-8")
    )
    scales = {str(k).lower(): float(v) for k, v in raw["scales"].items()}
    rates = {str(k): float(v) for k, v in raw["usd_per_unit"].items()}
    prefixes = {str(k): str(v) for k, v in raw["prefixes"].items()}
    words = {str(k).lower(): str(v) for k, v in raw["suffixes"].items()}
    # ISO codes in lower case after a number ("half million usd"), but not those that are
    # English words ("8 pen", "give it a try")
    words |= {code.lower(): code for code in rates if code.lower() not in raw["codes"]["words"]}
    signs = {str(k): str(v) for k, v in raw["suffix_signs"].items()}
    subunits = {str(k).lower(): str(v) for k, v in raw["subunits"].items()}
    million = raw["million_codes"]
    fractions = {str(k).lower(): float(v) for k, v in raw["fractions"].items()}
    number_words = {str(k).lower(): int(v) for k, v in raw["counts"]["numbers"].items()}
    codes = _alternation([*rates, "BTC"])
    mcodes = rf"{re.escape(str(million['prefix']))}(?:{codes})"
    scale_re = _alternation(list(scales))
    pre = (
        rf"(?<![A-Za-z])(?:{_alternation(list(prefixes))}|(?i:{codes})\$"  # "CAD$ 15", "nzd$15"
        rf"|(?:{mcodes}|{codes})(?![A-Za-z]))"
    )
    post = (  # a code may be glued to its number ("115USD")
        rf"(?:(?<![A-Za-z])(?:{mcodes}|{codes})\b|(?i:{_alternation([*words, *subunits])})\b"
        rf"|(?:{_alternation(list(signs))})(?!\s?\d))"  # "by 2008 £60bn": the next amount's
    )
    # a comma and one or two digits before a scale word is a decimal comma: a thousands group
    # always has three digits ("$411,4 million", "1,4 mln")
    decimal_comma = rf"\d+,\d{{1,2}}(?!\d)(?=\s?(?i:{scale_re})\b)"
    # a number in words, before a scale word or a currency ("three thousand dollars", "a
    # quarter million", "thirteen dollars and forty-five cents")
    spelled = _spelled(number_words, fractions)
    scale = rf"(?:(?:\s{{0,2}}|-)(?P<scale>(?i:{scale_re}))\b)?"
    head = rf"(?P<pre>{pre})\s?(?P<num>{decimal_comma}|{_NUMBER})"
    tail = rf"{scale}(?:\s+(?P<post>{post}))?"
    upper = rf"\s*(?P<conn>[-–]|to|and)\s*(?:{pre})?\s?(?:{_NUMBER})(?=[\s-]?(?i:{scale_re})\b)"
    prefixed = (re.compile(rf"{head}(?:{upper})?{tail}"), re.compile(head + tail))
    suffixed = re.compile(
        rf"(?<![\w$€£¥₹₽.,])(?P<num>{decimal_comma}|{_SPACED}(?!\s?(?i:{scale_re})\b)|{_NUMBER}"
        rf"|{spelled})"
        rf"(?:{_NO_YEAR}\s*(?:[-–]|to)\s*(?:{_NUMBER}))?"
        rf"{scale}\s?(?P<post>{post})(?:\s(?P<scale2>(?i:{_WORD_SCALES}))\b)?"
    )
    # "$411, 4 million": a comma and a space inside a number, or two items of a list?
    cut = re.compile(rf",\s\d{{1,2}}\s?(?i:{scale_re})\b")
    percent = re.compile(
        rf"(?<![\w.,])(?P<num>\d+(?:\.\d+)?)(?:{_NO_YEAR}\s?(?:[-–]|to)\s?\d+(?:\.\d+)?)?"
        r"\s?(?:%|(?i:per\s?cent|pct|pc)\b)"
    )
    measures = tuple(
        _Measure(
            name=str(m["name"]),
            unit=_unit(str(m["unit"])),
            keywords=_keyword_pattern(m["keywords"]),
            requires=_keyword_pattern(m["requires"]) if m.get("requires") else None,
        )
        for m in raw["measure"]
    )
    ambiguous = {
        str(sign): {str(code): tuple(places) for code, places in table.items()}
        for sign, table in raw["ambiguous"].items()
    }
    suffixes = words | {code: code for code in rates}
    return _FigureData(
        scales,
        rates,
        prefixes,
        suffixes,
        ambiguous,
        measures,
        prefixed,
        suffixed,
        percent,
        cut,
        _count_patterns(raw["counts"]),
        _keyword_pattern(raw["counts"]["times_acts"]),
        number_words,
        signs,
        str(million["prefix"]),
        float(million["scale"]),
        subunits,
        fractions,
        frozenset(str(w).lower() for w in raw["spelled"]["needs_scale"]),
        frozenset(str(w).lower() for w in raw["counts"]["invariant"]),
        _quantity_pattern(raw["quantities"], number_words, fractions, scale_re),
        {" ".join(str(k).lower().split()): str(v) for k, v in raw["quantities"].items()},
        frozenset(str(w).lower() for w in raw["counts"]["not_weapon_tanks"]),
        frozenset(str(w) for w in raw["counts"]["named_things"]),
    )


def _quantity_pattern(
    units: dict[str, str], numbers: dict[str, int], fractions: dict[str, float], scale_re: str
) -> re.Pattern[str]:
    """A quantity of goods: "four mln tonnes", "1.5 million barrels per day", "2-3 mln tons",
    "a million tonnes", "500,000 metric tons"."""
    spelled = _spelled(numbers, fractions)
    number = rf"(?P<num>{_NUMBER}|{spelled}|an?(?=\s(?:{_WORD_SCALES})\b))"
    upper = rf"(?:{_NO_YEAR}\s*(?:[-–]|to)\s*(?:{_NUMBER}))?"
    scale = rf"(?:(?:\s{{0,2}}|-)(?P<scale>(?i:{scale_re}))\b)?"
    space = r"\s+"
    words = sorted((u.split() for u in units), key=lambda w: -len(" ".join(w)))
    unit = "(?P<unit>(?i:" + "|".join(space.join(map(re.escape, w)) for w in words) + "))"
    daily = r"(?P<daily>\s+(?:per\s+day|a\s+day|daily)\b)?"
    return re.compile(rf"(?<![\w$€£¥₹₽.,/-]){number}{upper}{scale}\s+{unit}\b{daily}")


def _number_words(numbers: dict[str, int], lo: int, hi: int, tens: bool = False) -> str:
    """An alternation of the number words worth ``lo`` to ``hi - 1``; with ``tens``, only the
    multiples of ten ("twenty" … "ninety")."""
    return _alternation(
        [w for w, n in numbers.items() if lo <= n < hi and (n % 10 == 0 or not tens)]
    )


def _spelled(numbers: dict[str, int], fractions: dict[str, float]) -> str:
    """A number in words: units and teens, tens with a unit ("forty-five", "twenty five"),
    "a hundred", and fractions right before a scale word ("half a million", "a quarter
    billion"; never "the fourth quarter to 88.6 mln dlrs")."""
    units, tens = _number_words(numbers, 0, 20), _number_words(numbers, 20, 100, tens=True)
    frac = _alternation(list(fractions))
    scale = _WORD_SCALES
    return (
        rf"(?i:(?:{tens})(?:[-\s](?:{units}))?(?![\w-])|(?:{units})(?![\w-])"
        rf"|(?:a\s)?(?:{frac})(?:\sa)?(?=\s(?:{scale})\b)|a\shundred)"
    )


def _unit(name: str) -> FigureUnit:
    if name in ("currency", "percent", "count"):
        return name  # type: ignore[return-value]
    raise ValueError(f"measures.toml: unknown unit {name!r}")


def _count_patterns(
    raw: dict[str, Any],
) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    words = {str(k).lower(): int(v) for k, v in raw["numbers"].items()}
    tens, units = _number_words(words, 20, 100, tens=True), _number_words(words, 1, 10)
    # a number in words may be a ten and a unit ("thirty-four", "Thirty four")
    spelled = (
        rf"(?:(?:{tens})(?:[-\s](?:{units})(?![\w-]))?|{_alternation(list(words))})"
        r"(?:\s+hundred\b)?"  # "three hundred troops"
    )
    number = rf"(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+|(?i:{spelled}))"
    before = r"(?<![\w$€£¥₹₽.,/-])"
    nouns = rf"(?i:{_alternation(raw['nouns'])})"
    # up to four words between: lower-case words that are not function words (two at most),
    # and capitalised words: acronyms ("10 other FIR infringements"), states' names ("five
    # Iranian attacks") and models' names, one of them perhaps joined to the next by "and"
    # ("316 single-warhead U.S. Pershing-2 and cruise missiles"); `_counted` judges them
    lower = rf"(?!(?:{'|'.join(raw['not_between'])})\b)[a-z][\w-]*"
    # one word before people: "12 government soldiers", "1,269 Libyan soldiers"
    between = rf"(?:{lower}|[A-Z][\w.'’-]*)"
    capital = r"[A-Z][\w.'’-]*(?:\s+(?:and|or)(?=\s))?"
    noun = re.compile(
        rf"{before}{number}\s+(?P<between>(?:(?:{lower}|{capital})\s+){{0,4}}?)"
        rf"(?P<noun>{nouns}|{_DESIGNATION})\b"
    )
    followers = _alternation(raw["times_followers"])
    times = re.compile(rf"{before}{number}\s+times(?=\s*[.,;:)]|\s+(?:{followers})\b)")
    # people killed or wounded: "killed at least 25 people", "12 civilians were wounded"
    people = rf"(?i:{_alternation(raw['people'])})"
    harmed = "|".join(raw["harmed"])
    bound = r"(?:(?:at\s+least|more\s+than|nearly|almost|about|around|some|up\s+to|over)\s+)?"
    hurt = re.compile(
        rf"(?:\b(?:{harmed})\s+{bound}{number}\s+(?:{between}\s+)?(?P<noun>{people})\b"
        # not a group one of whom was hurt: "one of its eight crew members was killed"
        rf"|{before}(?<!\bof\s)(?<!\bof\sits\s)(?<!\bof\sthe\s)(?<!\bof\stheir\s)"
        rf"{number.replace('?P<num>', '?P<num2>')}\s+(?:{between}\s+)?"
        rf"(?P<noun2>{people})\s+"
        rf"(?:(?:were|was|have\s+been|had\s+been|are)\s+)?(?:{harmed})\b)"
    )
    return noun, times, hurt


# Aircraft or weapons counted by their model's designation: "270 SS-20's", "20 F-16s",
# "12 MiG-29s", "400 DC-10s".
_DESIGNATION = r"[A-Z][A-Za-z]{0,4}-\d{1,3}[A-Za-z]?(?:s|'s|’s)"
_MONTH_OR_DAY = re.compile(
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
    r"|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
)


def _state_word(word: str) -> bool:
    """Whether ``word`` names a state or its people ("Iranian", "U.S.", "Iraq's")."""
    bare = re.sub(r"['’]s$", "", word)
    return fold(bare) in load_gazetteer().lookup


def _counted(text: str, m: re.Match[str]) -> bool:
    """Whether the words between a number and its noun let the number count the noun: at most
    two lower-case words; no month or weekday ("the 11 September attacks"); no "storage" or
    "think" before "tanks"; before an incident, troops or casualties, no capitalised word but
    an acronym or a state's name ("the Six Nations clash"). A number right after a
    capitalised word inside a sentence is a model's ("Boeing 747 jets")."""
    data = _data()
    words = m["between"].split()
    caps = [w for w in words if w[0].isupper()]
    if sum(1 for w in words if w[0].islower() and w not in ("and", "or")) > 2:
        return False
    if any(_MONTH_OR_DAY.fullmatch(w) for w in caps):
        return False
    noun = m["noun"].lower()
    if noun in ("tank", "tanks") and words and words[-1].lower() in data.not_weapon_tanks:
        return False
    unnamed = [w for w in caps if not re.match(r"[A-Z]{2,}", w) and not _state_word(w)]
    if unnamed and _count_measure(m["noun"]) not in data.named_things:
        return False
    return not _model_number(text, m.start())


def _model_number(text: str, at: int) -> bool:
    """A number at ``at`` right after a capitalised word that neither starts its sentence
    nor names a state, a month or a day: a model's number ("Boeing 747", "Type 23")."""
    lo = max(0, at - 40)
    before = re.search(r"([A-Z][\w.'’-]*)[ \t]+$", text[lo:at])
    if before is None:
        return False
    word = before[1]
    if _state_word(word) or _MONTH_OR_DAY.fullmatch(word) or re.search(r"['’]s$|\.$", word):
        return False  # a state's, a date's, a possessive, or the last word of a sentence
    preceding = text[: lo + before.start(1)].rstrip(" \t")
    return bool(preceding) and preceding[-1] not in ".!?:;\"“”'(\n"


def _count_measure(noun: str) -> str | None:
    """The count measure whose keyword is ``noun``; "models" for a model's designation."""
    if re.fullmatch(_DESIGNATION, noun):
        return "models"
    flat = " ".join(noun.lower().split())
    for measure in _data().measures:
        if measure.unit == "count" and measure.keywords.fullmatch(flat):
            return measure.name
    return None


def _keyword_pattern(keywords: list[str]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(keywords) + r")\b", re.I)


# -- figures -----------------------------------------------------------------------------------


def _number(text: str, scale: float = 1.0) -> float:
    """A number as written, times its scale.

    Thousands commas are dropped and a decimal comma is read as a point; the product is taken
    in decimal, so "8.2bn" is 8200000000.0 and not 8199999999.999999.
    """
    digits = text.replace(",", ".") if re.fullmatch(r"\d+,\d{1,2}", text) else text
    digits = re.sub(r"[,\s]", "", digits)
    return float(Decimal(digits) * Decimal(scale))


def _money(m: re.Match[str], prefixed: bool) -> Figure:
    data = _data()
    groups = m.groupdict()
    written = m["scale"] or groups.get("scale2")  # "75 USD million": the scale after the code
    scale = data.scales[written.lower()] if written else 1.0
    sign = m["pre"] if prefixed else m["post"]
    if _million_code(sign) and not written:
        scale = data.million_scale  # "30 MUSD"
    value = _amount(m["num"], scale)
    if prefixed:
        currency = data.prefixes.get(m["pre"]) or _code(m["pre"].rstrip("$").upper())
        if m["post"] and not _dollar_word(m["post"]):
            # "the $50 mark", "£3bn pounds": the word after is no currency of a "$" amount
            end = m.end("scale") if m["scale"] else m.end("num")
            return Figure(m.start(), end, m.string[m.start() : end], value, "currency", currency)
        if m["post"] and currency == "USD" and m["pre"] == "$":
            currency = _suffix_code(m["post"], currency)
    else:
        currency = _suffix_code(m["post"], "")
        if m["post"].lower() in data.subunits:
            value = float(Decimal(str(value)) / 100)  # "50 cts", "20 pence"
    return Figure(m.start(), m.end(), m[0], value, "currency", currency)


def _dollar_word(word: str) -> bool:
    """A currency word that can follow a "$" amount: a dollar of some state, or a code."""
    low = word.lower()
    return "dollar" in low or "dlr" in low or word.isupper()


def _amount(num: str, scale: float) -> float:
    """A number written in digits or in words, times its scale."""
    if num[0].isdigit():
        return _number(num, scale)
    data = _data()
    words = num.lower().replace("-", " ").split()
    words = [w for w in words if w != "a"] or ["one"]
    phrase = " ".join(words)
    if phrase in data.fractions:
        return data.fractions[phrase] * scale
    total = 0
    for w in words:
        if w == "hundred":
            total = (total or 1) * 100  # "three hundred", "a hundred"
        else:
            total += data.number_words.get(w, 0)
    return float(Decimal(total) * Decimal(scale))


def _million_code(sign: str | None) -> bool:
    data = _data()
    prefix = data.million_prefix
    return sign is not None and sign.startswith(prefix) and sign[len(prefix) :] in data.rates


def _code(sign: str) -> str:
    """An ISO code as written, without a millions prefix ("MUSD" → "USD")."""
    return sign[len(_data().million_prefix) :] if _million_code(sign) else sign


def _suffix_code(word: str, default: str) -> str:
    data = _data()
    for table in (data.suffixes, data.signs):
        found = table.get(word) or table.get(word.lower())
        if found:
            return found
    if word.lower() in data.subunits:
        return data.subunits[word.lower()]
    return _code(word) if _million_code(word) else default


def _prefixed(text: str) -> Iterator[Figure]:
    data = _data()
    with_range, plain = data.prefixed
    pos = 0
    while (m := with_range.search(text, pos)) is not None:
        if m["conn"] == "and" and not re.search(r"\bbetween\s+$", text[: m.start()], re.I):
            m = plain.match(text, m.start()) or m  # "$450 and $2 million" are two figures
        pos = m.end()
        if not m["scale"] and data.cut.match(text, m.end()):
            continue  # "$411, 4 million": a decimal comma and a stray space, or a list; unread
        yield _money(m, True)


def find_figures(text: str) -> list[Figure]:
    """Money amounts, percentages and counts in ``text``, in order, none overlapping another.

    Money needs a currency sign, code or word ("$", "Rs", "USD", "euros"); a bare "14 million"
    is not money. A range ("$10-12 billion", "ranging from 4 to 5 pct") gives its lower bound;
    a change ("rose from 35 to 36 pct") gives two figures, where it started and where it went.
    A minus sign makes an amount or a percentage negative ("-15€", "$-99.99", "-2.5 pct").
    """
    out: list[Figure] = []
    for fig in _find(text):
        out.extend(_change(text, fig))
    return out


_CHANGE = re.compile(r"(?P<head>.*?\d)\s*to\s*(?P<tail>\S.*)$")


def _change(text: str, fig: Figure) -> list[Figure]:
    """ "from 35 to 36 pct", "from 5 to 7 billion euros": a change, not a range, unless a range
    is named ("ranging from", "range from"): the start as its own figure, in the unit of the
    end, and the end."""
    m = _CHANGE.match(fig.text)
    before = text[max(0, fig.start - 40) : fig.start]
    if m is None or not re.search(r"\bfrom\s+$", before, re.I):
        return [fig]
    if re.search(r"\brang\w*\s+from\s+$", before, re.I):
        return [fig]
    offset = fig.start + m.start("tail")
    ends = _find(m["tail"])
    if len(ends) != 1 or ends[0].unit != fig.unit or ends[0].end != len(m["tail"]):
        return [fig]
    end = replace(ends[0], start=ends[0].start + offset, end=ends[0].end + offset)
    head = m["head"]
    if re.fullmatch(r"1[5-9]\d\d|20\d\d", head):
        return [end]  # "fell 0.2 pct from 1985 to 119.3 billion yuan": a year, then the figure
    return [replace(fig, end=fig.start + len(head), text=head), end]


def _find(text: str) -> list[Figure]:
    """:func:`find_figures` before changes are told from ranges."""
    original = text
    data = _data()
    text = _MINUS_INSIDE.sub(r"-\1", text)  # "$-99.99" read as "-$99.99" (same length)
    found = list(_prefixed(text))
    found += [
        _money(m, False)
        for m in data.suffixed.finditer(text)
        if m["num"][0].isdigit() or m["scale"] or m["post"].lower() not in data.needs_scale
    ]
    for m in data.percent.finditer(text):
        found.append(Figure(m.start(), m.end(), m[0], _number(m["num"]), "percent"))
    nouns, times, hurt = data.counts
    for m in hurt.finditer(text):
        num = m["num"] or m["num2"]
        start = m.start("num") if m["num"] else m.start("num2")
        end = m.end("noun") if m["noun"] else m.end("noun2")
        value = _amount(num, 1.0)
        if not re.fullmatch(r"1[5-9]\d\d|20\d\d", num) and value > 1:
            found.append(
                Figure(start, end, text[start:end], float(value), "count", None, "casualties")
            )
    for pattern in (nouns, times):
        for m in pattern.finditer(text):
            num = m["num"]
            if re.fullmatch(r"1[5-9]\d\d|20\d\d", num):
                continue  # "in 1987 attacks rose": a year
            if pattern is times and not _after_act(text, m.start()):
                continue
            value = _amount(num, 1.0)
            noun = m["noun"].lower() if pattern is nouns else ""
            agrees = noun in data.invariant or (value == 1) != noun.endswith("s")
            if pattern is nouns and not (agrees and _counted(text, m)):
                continue  # "17 Iraqi missile attack", "one raids": a number not counting it
            if _MONTH_BEFORE.search(text, max(0, m.start() - 12), m.start()):
                continue  # "the May 17 attacks": a date
            # a designation names no measure of its own: the model's kind is not known
            kind = "models" if noun and re.fullmatch(_DESIGNATION, m["noun"]) else None
            found.append(Figure(m.start(), m.end(), m[0], float(value), "count", None, kind))
    found += _quantities(text)
    out: list[Figure] = []
    last_end = -1
    for fig in sorted(found, key=lambda f: (f.start, -(f.end - f.start))):
        if fig.start >= last_end and not _weight(text, fig):
            out.append(fig)
            last_end = fig.end
    out = _with_spoken_hundredths(text, _with_hundredths(text, out))
    return [_bracketed(text, _signed(original, text, fig)) for fig in out]


def _quantities(text: str) -> list[Figure]:
    """Quantities of goods in ``text``: "four mln tonnes", "850,000 bpd" (see measures.toml)."""
    data = _data()
    out: list[Figure] = []
    pos = 0
    while (m := data.quantity.search(text, pos)) is not None:
        pos = m.end()
        if _MONTH_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            # "ended April 17 to 15.91 mln barrels": a date, then the quantity
            pos = m.start() + len(m["num"])
            continue
        num = m["num"]
        if re.fullmatch(r"1[5-9]\d\d|20\d\d", num) and not m["scale"]:
            continue  # "in 1986 tonnes": a year
        if _UNIT_BEFORE.search(text, max(0, m.start() - 20), m.start()) or _UNIT_AFTER.match(
            text, m.end()
        ):
            continue  # "950 francs per 100 kilos", "bags of 60 kilos": a unit of measure
        scale = data.scales[m["scale"].lower()] if m["scale"] else 1.0
        measure = data.quantity_units[" ".join(m["unit"].lower().split())]
        if m["daily"] and not measure.endswith("_per_day"):
            measure += "_per_day"
        value = _amount(num, scale)
        out.append(Figure(m.start(), m.end(), m[0], value, "quantity", None, measure))
    return out


# A quantity that is the unit a price or a bag is measured in: "per 100 kilos", "bags of 60
# kilos", "60 kg bags", "2.38 mln (60 kg) bag".
_UNIT_BEFORE = re.compile(r"\b(?:per|every|(?:bags?|sacks?|bales?)\s+\(?of)\s+$", re.I)
_UNIT_AFTER = re.compile(r"\)?\s*(?:bags?|sacks?)\b|\s+each\b", re.I)


# A minus sign between a currency sign and its number ("$-99.99"), after a space or a bracket.
_MINUS_INSIDE = re.compile(r"(?<![^\s(\[])([$€£¥])[-−](?=\d)")


def _minus_before(text: str, at: int) -> bool:
    """A minus sign right before ``text[at]`` ("-15€", "-$5 million", "fell to -2.5 pct"),
    itself at the start or after a space or a bracket: before a range ("10-15") or a compound
    ("U.S.-$") stands a word or a digit instead."""
    if at < 1 or text[at - 1] not in "-−":
        return False
    return at == 1 or text[at - 2].isspace() or text[at - 2] in "(["


def _signed(original: str, text: str, fig: Figure) -> Figure:
    """``fig`` as ``original`` writes it, negative when a minus sign stands right before it
    in ``text`` (``original`` with "$-" read as "-$")."""
    if fig.unit != "count" and _minus_before(text, fig.start):
        start = fig.start - 1
        return replace(fig, start=start, text=original[start : fig.end], value=-fig.value)
    written = original[fig.start : fig.end]
    return fig if written == fig.text else replace(fig, text=written)


# Accounting brackets: an amount alone in brackets right after a verb "to be" or a colon is
# negative ("revenue was ($99.99)"). After another amount a bracket gives its conversion ("500
# million euros ($550 million)"), also at the start of a hard-wrapped line.
_ACCOUNTING_BEFORE = re.compile(r"(?:\b(?:is|was|are|were|be|been)\s*|:[ \t]*)\($", re.I)


def _bracketed(text: str, fig: Figure) -> Figure:
    """``fig`` made negative when it stands alone in accounting brackets."""
    if fig.unit != "currency" or fig.value <= 0 or text[fig.end : fig.end + 1] != ")":
        return fig
    if not _ACCOUNTING_BEFORE.search(text, max(0, fig.start - 12), fig.start):
        return fig
    start, end = fig.start - 1, fig.end + 1
    return replace(fig, start=start, end=end, text=text[start:end], value=-fig.value)


def _weight(text: str, fig: Figure) -> bool:
    """ "5,000 pounds of coffee", "2 pounds per head": pounds of weight, not sterling."""
    if fig.unit != "currency" or not re.fullmatch(r"[\d.,\s\w-]*\bpounds?", fig.text, re.I):
        return False
    return re.match(r"\s+(?:of|per)\b", text[fig.end :]) is not None


def _with_hundredths(text: str, figures: list[Figure]) -> list[Figure]:
    """ "3 dollars 50 cents", "thirteen dollars and forty-five cents": one amount."""
    subunits = _data().subunits
    out: list[Figure] = []
    for fig in figures:
        prev = out[-1] if out else None
        last = fig.text.split()[-1].lower() if fig.text.split() else ""
        if (
            prev is not None
            and last in subunits
            and prev.unit == fig.unit == "currency"
            and prev.currency == fig.currency
            and re.fullmatch(r"\s+(?:and\s+)?", text[prev.end : fig.start])
            and fig.value < 1
            and prev.value < 1000  # a price; "918,000 dlrs 38 cts [a share]" is a list
        ):
            value = float(Decimal(str(prev.value)) + Decimal(str(fig.value)))
            written = text[prev.start : fig.end]
            out[-1] = Figure(prev.start, fig.end, written, value, "currency", prev.currency)
            continue
        out.append(fig)
    return out


@cache
def _spoken_cents() -> re.Pattern[str]:
    """A number of hundredths after a whole amount, closing its sentence: "15 dollars 50.",
    "17 USD 25.", "thirteen dollars forty five"."""
    numbers = _data().number_words
    units, tens = _number_words(numbers, 1, 20), _number_words(numbers, 20, 100, tens=True)
    spelled = rf"(?:{tens})(?:[-\s](?:{units}))?|{units}"
    return re.compile(
        rf"[ \t]+(?:and[ \t]+)?(?P<num>[1-9]\d?|(?i:{spelled}))\b"
        r"(?=[ \t]*(?:[.!?;](?!\S)|$))"  # not "22 dlrs and 15.50 …", nor a table row
    )


def _with_spoken_hundredths(text: str, figures: list[Figure]) -> list[Figure]:
    """Whole prices under 1,000 written as words or digits and a currency word or code, with
    their hundredths said after them as a bare number at the end of the sentence. A list
    ("between 13 dlrs and 15.") or a decimal ("4.08 dlrs and 4.72") is left as it is."""
    data = _data()
    out: list[Figure] = []
    for i, fig in enumerate(figures):
        last = fig.text.split()[-1] if fig.text.split() else ""
        m = _spoken_cents().match(text, fig.end)
        nxt = figures[i + 1].start if i + 1 < len(figures) else len(text)
        if (
            m is None
            or m.end() > nxt
            or fig.unit != "currency"
            or not (fig.value.is_integer() and 0 < fig.value < 1000)
            or "." in fig.text
            or not fig.text[0].isalnum()
            or _suffix_code(last, "") == ""
            or last.lower() in data.subunits
            or re.search(r"\bbetween\s+$", text[max(0, fig.start - 12) : fig.start], re.I)
            or _suffix_code(_word_before(text, fig.start), "")
        ):  # "rmb 10 usd 20": the number after a currency word is an amount of its own
            out.append(fig)
            continue
        cents = _amount(m["num"], 1.0)
        value = float(Decimal(str(fig.value)) + Decimal(str(cents)) / 100)
        end = m.end()
        out.append(replace(fig, end=end, text=text[fig.start : end], value=value))
    return out


def _word_before(text: str, at: int) -> str:
    """The word that ends just before ``text[at]`` (spaces between), or ""."""
    m = re.search(r"(\S+)\s*$", text[max(0, at - 40) : at])
    return m[1] if m else ""


def bound_of(text: str, fig: Figure) -> str | None:
    """How the words just before a figure bound it, or whether it is a range (see
    :attr:`dyadwatch.model.Claim.bound`)."""
    if _RANGE.search(fig.text):
        return "range"
    before = text[max(0, fig.start - 30) : fig.start]
    for name, pattern in _BOUND_BEFORE:
        m = pattern.search(before)
        if m is None:
            continue
        moved = re.match(r"\s+from\b", text[fig.end : fig.end + 10]) is not None
        if moved and m[0].lower().startswith("up"):
            return None  # "revised … up to 300 mln stg from 250 mln": where it went, no bound
        return name
    return None


# A bound may stand between "from" or "by" and the figure: "from more than $5 million".
_ROLE_QUALIFIER = rf"(?:(?:{'|'.join(w for _, w in _BOUNDS)}|just|only)\s*(?:of\s+)?)?"
_ROLE_FROM = re.compile(rf"\bfrom\s+{_ROLE_QUALIFIER}$", re.I)
_ROLE_TO = re.compile(r"^[^.;]{0,30}?\bto\b", re.I)
_ROLE_BY = re.compile(rf"\bby\s+{_ROLE_QUALIFIER}$", re.I)


def role_of(text: str, fig: Figure, start: int, end: int) -> FigureRole:
    """What ``fig`` is in its sentence ``text[start:end]`` (see
    :attr:`dyadwatch.model.Claim.role`): "from X to …" makes X where a change started, "by X"
    makes X a change (not for percentages: "fell by 5 pct" is a rate)."""
    before, after = text[start : fig.start], text[fig.end : end]
    if _ROLE_FROM.search(before) and _ROLE_TO.search(after):
        return "start"
    if fig.unit != "percent" and _ROLE_BY.search(before):
        return "change"
    return "level"


def _after_act(text: str, start: int) -> bool:
    """Whether an incident act stands earlier in the sentence of ``text[start]``, and no
    "by" of a growth factor just before it ("expand by up to seven times")."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    before = text[ends[-1] if ends else 0 : start]
    if re.search(r"\bby(?:\s+(?:up\s+to|about|some|nearly|almost))?\s*$", before, re.I):
        return False
    return _data().times_acts.search(before) is not None


def _resolve_currency(code: str | None, text: str, start: int, end: int) -> str | None:
    """An ISO code for a figure's currency; an ambiguous sign decided by the places named."""
    if code is None or not code.startswith("?"):
        return code
    table = _data().ambiguous.get(code[1:], {})
    for scope in (text[start:end], text):
        counts = {
            cur: sum(len(re.findall(rf"\b{re.escape(p)}\b", scope)) for p in places)
            for cur, places in table.items()
        }
        if counts and max(counts.values()) > 0:
            return max(counts, key=lambda c: counts[c])  # first listed wins a tie
    return next(iter(table), None)


# -- claims ------------------------------------------------------------------------------------


def _quote_span(text: str, sentences: list[Sentence], fig: Figure) -> tuple[int, int, str | None]:
    """The sentence(s) a figure stands in, and the first dyad they name.

    Without sentences covering the figure, the sentence is found by punctuation and line
    breaks, and the dyad is None.
    """
    covering = [s for s in sentences if s.start < fig.end and fig.start < s.end]
    if covering:
        dyads = [d for s in sorted(covering, key=lambda s: s.start) for d in s.dyads]
        start = min(s.start for s in covering)
        return start, max(s.end for s in covering), dyads[0] if dyads else None
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, fig.start)]
    start = ends[-1] if ends else 0
    while start < fig.start and text[start] in " \t,;":
        start += 1
    after = _SENTENCE_END.search(text, fig.end)
    end = after.end() if after else len(text)
    return start, len(text[:end].rstrip()), None


def _clause(text: str, start: int, end: int, fig: Figure) -> tuple[int, int]:
    """The clause of the quote that holds the figure: split at ; : and spaced dashes."""
    lo, hi = start, end
    for m in _CLAUSE_BREAK.finditer(text, start, end):
        if m.end() <= fig.start:
            lo = m.end()
        elif m.start() >= fig.end:
            hi = m.start()
            break
    return lo, hi


def money_measures() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The measures of money and their keywords, in the order of measures.toml."""
    return tuple((m.name, m.keywords) for m in _data().measures if m.unit == "currency")


def _measure(text: str, fig: Figure, start: int, end: int) -> tuple[str, str | None]:
    """What a figure measures: the measure whose keyword stands nearest it (see measures.toml),
    and that keyword in lower case (the figure's referent, as far as words say)."""
    quote = text[start:end]
    candidates = [
        m
        for m in _data().measures
        if m.unit == fig.unit and (m.requires is None or m.requires.search(quote))
    ]
    for lo, hi in (_clause(text, start, end, fig), (start, end)):
        best: tuple[int, bool, int] | None = None
        found: tuple[str, str | None] = ("other", None)
        for rank, measure in enumerate(candidates):
            for k in measure.keywords.finditer(text, lo, hi):
                after = k.start() >= fig.end
                gap = k.start() - fig.end if after else max(0, fig.start - k.end())
                if best is None or (gap, after, rank) < best:
                    best, found = (gap, after, rank), (measure.name, " ".join(k[0].lower().split()))
        if best is not None:
            return found
    return "other", None


def claim_id(doc_id: str, start: int, end: int, value: float) -> str:
    """A stable id for a figure: a hash of the document id, the figure's span and its value."""
    key = f"{doc_id}:{start}:{end}:{value!r}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def extract_claims(
    doc: Document,
    sentences: list[Sentence],
    exprs: list[TimeExpr],
    parsed: Sequence[Span] = (),
) -> list[Claim]:
    """Every money amount, percentage and count of incidents in ``doc`` as a claim.

    The quote is the sentence holding the figure (``sentences`` from the actor stage; else one
    found by punctuation), so ``doc.text[claim.start:claim.end] == claim.quote``. ``period`` is
    the value of the time expression :func:`date_for_span` ties the figure to, ``dyad`` the
    first dyad of its sentence. ``claim_id`` hashes the figure's own span, not the quote's.
    An amount of money in one of the ``parsed`` sentences takes its measure from the parse
    (:func:`~dyadwatch.extract.measure.measure_by_syntax`); others from the nearest keyword.
    """
    return list(_claims(doc, sorted(sentences, key=lambda s: s.start), exprs, parsed))


def _claims(
    doc: Document, sentences: list[Sentence], exprs: list[TimeExpr], parsed: Sequence[Span]
) -> Iterator[Claim]:
    text, rates = doc.text, _data().rates
    starts = [s.start_char for s in parsed]  # the parsed sentences come in text order
    for fig in find_figures(text):
        measure, one_sided, referent = fig.measure, False, None
        k = bisect_right(starts, fig.start) - 1
        if measure is None and k >= 0 and fig.start < parsed[k].end_char:
            reading = measure_by_syntax(parsed[k], fig)
            if reading is not None:
                referent = reading.referent
                if fig.unit == "currency":  # a percentage keeps its keyword's measure
                    measure, one_sided = reading.measure, reading.one_sided
        start, end, dyad = _quote_span(text, sentences, fig)
        if measure is None:
            measure, keyword = _measure(text, fig, start, end)
            referent = referent or keyword
        currency = _resolve_currency(fig.currency, text, start, end)
        rate = rates.get(currency) if currency is not None else None
        usd = round(fig.value * rate, 2) if rate is not None else None
        sentence = Sentence(doc.doc_id, start, end)
        expr = date_for_span(fig.start, fig.end, exprs, sentence, text=text)
        yield Claim(
            claim_id=claim_id(doc.doc_id, fig.start, fig.end, fig.value),
            doc_id=doc.doc_id,
            start=start,
            end=end,
            quote=text[start:end],
            value=fig.value,
            currency=currency,
            value_usd=usd,
            measure=measure,
            dyad=dyad,
            period=expr.value if expr else None,
            unit=fig.unit,
            bound=bound_of(text, fig),
            role=role_of(text, fig, start, end),
            one_sided=one_sided,
            referent=referent,
        )
