"""The data the date rules read: world-event cues, office holders and word lists, loaded once.

The cues and word lists live in ``ontology/date_cues.toml``; the terms of office in
``ontology/office_holders.csv``. This module only reads them and says which floors ("not
written before 2020") a text's mentions set; :mod:`dyadwatch.extract.dates` uses them.
"""

from __future__ import annotations

import csv
import io
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

_NOT_IN_OFFICE_NOW = re.compile(r"\b(?:then|former|late|ex|erstwhile)[\s-]*$", re.I)


@dataclass(frozen=True, slots=True)
class DateData:
    """The word lists and cues of ``date_cues.toml`` (see the comments there)."""

    cues: tuple[tuple[str, re.Pattern[str], int], ...]
    """(label, pattern, earliest year) per world event."""
    future_words: frozenset[str]
    future_clause: re.Pattern[str]
    count_words: frozenset[str]
    label_words: frozenset[str]


@cache
def date_data() -> DateData:
    """The dating rules' data, read once."""
    raw: dict[str, Any] = tomllib.loads(
        resources.files("dyadwatch.ontology").joinpath("date_cues.toml").read_text("utf-8")
    )
    cues = tuple(
        (
            str(c["label"]),
            re.compile(str(c["pattern"]), 0 if c.get("case") else re.I),
            int(c["earliest"]),
        )
        for c in raw.get("cue", [])
    )
    return DateData(
        cues=cues,
        future_words=frozenset(raw["future"]["before"]),
        future_clause=re.compile(r"\b(?:" + "|".join(raw["future"]["clause"]) + r")\b", re.I),
        count_words=frozenset(raw["not_years"]["after"]),
        label_words=frozenset(raw["not_years"]["before"]),
    )


@cache
def office_holders() -> tuple[re.Pattern[str] | None, dict[tuple[str, str], int]]:
    """A pattern for "<role> <Name>" and the first year each (role, name) held office.

    Read from ``ontology/office_holders.csv`` (columns name, role, start, aliases); an absent or
    reshaped file means no office-holder cues, never an error.
    """
    try:
        text = resources.files("dyadwatch.ontology").joinpath("office_holders.csv").read_text()
        lines = (line for line in text.splitlines() if not line.startswith("#"))
        rows = list(csv.DictReader(io.StringIO("\n".join(lines))))
        aliases: dict[str, set[str]] = {}
        first_year: dict[tuple[str, str], int] = {}
        for row in rows:
            names = aliases.setdefault(row["name"].strip(), {row["name"].strip()})
            names.update(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())
        for row in rows:
            role, start = row["role"].strip(), row["start"].strip()
            if not role or not start[:4].isdigit():
                continue
            for alias in aliases[row["name"].strip()]:
                key = (role.lower(), alias.lower())
                first_year[key] = min(first_year.get(key, 9999), int(start[:4]))
    except (OSError, KeyError, AttributeError):
        return None, {}
    roles = sorted({r for r, _ in first_year}, key=len, reverse=True)
    if not roles:
        return None, {}
    role_re = "|".join(re.escape(r).replace("defence", "defen[cs]e") for r in roles)
    name_re = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}"
    return re.compile(rf"\b(?P<role>(?i:{role_re}))\s+(?P<name>{name_re})"), first_year


def floors(text: str) -> Iterator[tuple[int, str]]:
    """Earliest possible years of writing, from the world events and office holders named.

    Yields (year, evidence) pairs: "'COVID-19' (COVID-19 pandemic) dates it 2020 or later".
    An office holder counts only with the title before the name ("Prime Minister Imran Khan"),
    and not after "then", "former", "late" or "ex-".
    """
    for label, pattern, earliest in date_data().cues:
        m = pattern.search(text)
        if m:
            yield earliest, f"'{m[0]}' ({label}) dates it {earliest} or later"
    office, first_year = office_holders()
    if office is None:
        return
    seen: set[str] = set()
    for m in office.finditer(text):
        if _NOT_IN_OFFICE_NOW.search(text, max(0, m.start() - 12), m.start()):
            continue
        words = m["name"].split()
        role = m["role"].lower().replace("defense", "defence")
        for k in range(len(words), 0, -1):
            name = " ".join(words[:k]).rstrip(".,")
            year = first_year.get((role, name.lower()))
            if year is not None and name not in seen:
                seen.add(name)
                quote = f"{m['role']} {name}"
                yield year, f"'{quote}' (in office from {year}) dates it {year} or later"
                break
