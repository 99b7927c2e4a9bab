"""The gazetteer: states, their aliases, people, organisations and titles.

Everything comes from the CSV files in this folder (see ``README.md`` here and
``docs/ontology.md``), read once per process. Nothing is fetched at run time.
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib import resources
from typing import Literal

AliasKind = Literal["country", "person", "org", "igo", "ngo", "armed_group", "place", "block"]

# Words that stay lower case inside a proper name ("Bosnia and Herzegovina", "bin Salman").
NAME_PARTICLES = frozenset(
    {
        "of", "the", "and", "de", "da", "du", "d'", "la", "le", "y", "al", "el", "es", "bin",
        "ibn", "ul", "ur", "e", "van", "von", "der", "den", "di", "do", "dos", "das",
    }
)  # fmt: skip
SECTOR_FAMILY = {
    "GOV": "official",
    "MIL": "military",
    "LEG": "legislator",
    "JUD": "judge",
    "SPY": "intelligence",
    "COP": "police",
    "ELI": "official",
    "OPP": "opposition",
}
COUNTRY_HOWS = frozenset({"name", "demonym", "capital", "seat", "historical"})
COMPOUND_HOWS = frozenset({"combining", "language"})


@dataclass(frozen=True, slots=True)
class Country:
    """A state the gazetteer knows (UN members, observers and Taiwan)."""

    iso3: str
    iso2: str
    name: str
    official_name: str
    capital: str
    un_member: bool


@dataclass(frozen=True, slots=True)
class Alias:
    """A phrase and what it names.

    ``target`` is an ISO3 code (countries, places), an actor id (``PER:…``, ``ORG:…``,
    ``IGO:…``) or empty (blocks). ``exact`` aliases match only as written (``US``, ``SCO``).
    """

    text: str
    kind: AliasKind
    target: str
    how: str
    exact: bool


# Sectors of an office ranked for a day on which a person holds several codes at once: an
# office (GOV, MIL …) says more than membership of the elite (ELI).
SECTOR_RANK = {"GOV": 0, "MIL": 1, "SPY": 2, "JUD": 3, "LEG": 4, "COP": 5, "OPP": 6, "ELI": 9}


@dataclass(frozen=True, slots=True)
class Term:
    """One term in office, or one dated code of the dictionaries.

    ``role`` is the title ("Prime Minister"; empty when only the sector is known), ``start``
    and ``end`` ISO dates (empty: open), ``country`` the state served and ``sector`` the CAMEO
    agent sector (GOV, MIL, ELI …).
    """

    role: str
    start: str
    end: str
    country: str = ""
    sector: str = ""

    def holds(self, day: str) -> bool:
        """Whether the term covers ``day`` (ISO date; an open end covers every later day)."""
        return (not self.start or self.start <= day) and (not self.end or day <= self.end)


@dataclass(frozen=True, slots=True)
class Person:
    """A known person with the offices they held, each dated."""

    actor_id: str
    name: str
    country: str
    terms: tuple[Term, ...] = ()

    def term_on(self, date: str | None) -> Term | None:
        """The term held on ``date`` (ISO; a year or month is read as its middle), the most
        telling one when several overlap (GOV before ELI); None when none covers it or the
        date is unknown. Open-ended undated codes cover any day no dated term covers."""
        if not date or not self.terms:
            return None
        day = _day(date)
        dated = [t for t in self.terms if (t.start or t.end) and t.holds(day)]
        if dated:
            return min(dated, key=lambda t: (SECTOR_RANK.get(t.sector, 8), not t.role))
        undated = [t for t in self.terms if not t.start and not t.end]
        return undated[0] if undated else None

    def country_on(self, date: str | None) -> str:
        """The state the person served on ``date``, else the state of the nearest term."""
        term = self.term_on(date)
        if term is not None and term.country:
            return term.country
        if date and self.terms:
            day = _day(date)
            near = min(self.terms, key=lambda t: _distance(t, day))
            if near.country:
                return near.country
        return self.country

    def sector_on(self, date: str | None) -> str | None:
        """The sector of the office held on ``date``; ELI (former official) after the last
        term has ended; None when unknown."""
        term = self.term_on(date)
        if term is not None:
            return term.sector or None
        ends = [t.end for t in self.terms if t.end]
        if date and ends and _day(date) > max(ends):
            return "ELI"
        return None

    def role_on(self, date: str | None) -> str | None:
        """The title held on ``date`` (ISO), else the latest title; None if none is known."""
        titled = [t for t in self.terms if t.role]
        if not titled:
            return None
        if date:
            for t in titled:
                if t.holds(_day(date)):
                    return t.role
        return titled[-1].role


def _day(date: str) -> str:
    """An ISO date, month or year as a day: "1987" → "1987-07-01", "1987-03" → "1987-03-15"."""
    if len(date) >= 10:
        return date[:10]
    if len(date) >= 7:
        return f"{date[:7]}-15"
    return f"{date[:4]}-07-01"


def _distance(term: Term, day: str) -> int:
    """How far ``day`` lies from a term, in days (0 inside it); undated terms lie far."""
    from datetime import date as _date

    if not term.start and not term.end:
        return 10**6

    def ordinal(iso: str) -> int:
        return _date.fromisoformat(iso[:10]).toordinal()

    d = ordinal(day)
    lo = ordinal(term.start) if term.start else -(10**7)
    hi = ordinal(term.end) if term.end else 10**7
    return 0 if lo <= d <= hi else min(abs(d - lo), abs(d - hi))


@dataclass(frozen=True, slots=True)
class Org:
    """An organisation (``ORG:…``), an IGO (``IGO:…``), an NGO (``NGO:…``) or an armed
    non-state group (``NSA:…``), with the state it belongs to (if any) and its sector."""

    actor_id: str
    name: str
    country: str | None
    sector: str | None = None
    kind: str = "org"
    founded: int | None = None
    """The year an IGO came to be (igos.csv); None when not recorded."""


@dataclass(frozen=True, slots=True)
class Role:
    """A title that can stand before a name, how to show it, its family and its sector."""

    canonical: str
    family: str
    sector: str = ""


@dataclass(slots=True)
class Gazetteer:
    """Everything the actor extractor and the CLI look up."""

    countries: dict[str, Country] = field(default_factory=dict)
    aliases: dict[str, Alias] = field(default_factory=dict)
    """Keyed by the folded alias text (see :func:`fold`); the first source to claim it wins."""
    people: dict[str, Person] = field(default_factory=dict)
    orgs: dict[str, Org] = field(default_factory=dict)
    roles: dict[str, Role] = field(default_factory=dict)
    agents: dict[str, str] = field(default_factory=dict)
    """Agent nouns ("warship", "foreign ministry", "chipmaker") → CAMEO sector."""
    namesakes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Folded person alias → every person id it names (namesakes, told apart by date). The
    office holders' names are also aliases the matcher looks for; the dictionaries' other
    people are found by the names the NER and the titles give, then looked up here."""
    lookup: dict[str, str] = field(default_factory=dict)
    """Folded names, official names, short forms, demonyms → ISO3 (:func:`resolve_country`)."""

    def add_alias(self, text: str, kind: AliasKind, target: str, how: str) -> None:
        text = " ".join(text.split())
        if text[:4].lower() == "the " and len(text) > 4:
            text = text[4:]  # the article is not part of the name: "the State of Palestine"
        key = fold(text)
        if not key or key in self.aliases:
            return
        exact = not any(c.islower() for c in text)
        self.aliases[key] = Alias(text, kind, target, how, exact)


def fold(text: str) -> str:
    """Lower case, accents removed, curly apostrophes straightened, spaces squeezed."""
    nfkd = unicodedata.normalize("NFKD", text.replace("’", "'"))
    plain = "".join(c for c in nfkd if not unicodedata.combining(c))
    return " ".join(plain.lower().split())


def slug(text: str) -> str:
    """``Sergey Lavrov`` → ``sergey_lavrov``; ``Almaz-Antey`` → ``almaz_antey``."""
    return re.sub(r"[^a-z0-9]+", "_", fold(text)).strip("_")


def person_id(name: str) -> str:
    """The actor id of a person by name: ``PER:firstname_lastname``."""
    return f"PER:{slug(name)}"


def _rows(name: str) -> Iterator[dict[str, str]]:
    """Rows of a CSV data file in this package; ``#`` lines are comments."""
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    for row in csv.DictReader(lines):
        yield {k: (v or "").strip() for k, v in row.items()}


def _load_countries(g: Gazetteer) -> None:
    for r in _rows("countries.csv"):
        c = Country(
            r["iso3"], r["iso2"], r["name"], r["official_name"], r["capital"], r["un_member"] == "1"
        )
        g.countries[c.iso3] = c
        for n in (c.name, c.official_name):
            if n:
                g.lookup.setdefault(fold(n), c.iso3)


def _load_aliases(g: Gazetteer) -> None:
    """Curated aliases first (they override), then the derived ones."""
    for source in ("aliases_curated.csv", "aliases.csv"):
        for r in _rows(source):
            how, iso3 = r["how"], r["iso3"]
            if how == "block" or not iso3:
                g.add_alias(r["alias"], "block", "", "block")
                continue
            if iso3 not in g.countries:
                continue
            g.add_alias(r["alias"], "country", iso3, how)
            if how in {"name", "demonym", "historical"}:
                g.lookup.setdefault(fold(r["alias"]), iso3)


def _load_orgs(g: Gazetteer) -> None:
    for r in _rows("igos.csv"):
        actor_id = f"IGO:{r['code']}"
        founded = int(r["founded"]) if (r.get("founded") or "").strip() else None
        g.orgs[actor_id] = Org(actor_id, r["name"], None, None, "igo", founded)
        for a in r["aliases"].split("|"):
            g.add_alias(a, "igo", actor_id, "igo")
    for r in _rows("orgs.csv"):
        actor_id = f"ORG:{r['slug']}"
        g.orgs[actor_id] = Org(actor_id, r["name"], r["iso3"] or None, r.get("sector") or None)
        for a in [r["name"], *r["aliases"].split("|")]:
            g.add_alias(a, "org", actor_id, "org")
    groups: tuple[tuple[str, str, AliasKind], ...] = (
        ("armed_groups.csv", "NSA", "armed_group"),
        ("ngos.csv", "NGO", "ngo"),
    )
    for name, prefix, kind in groups:
        for r in _rows(name):
            actor_id = f"{prefix}:{slug(r['name'])}"
            if actor_id in g.orgs:
                continue
            g.orgs[actor_id] = Org(actor_id, r["name"], r["iso3"] or None, r["sector"], kind)
            for i, a in enumerate([r["name"], *filter(None, r["aliases"].split("|"))]):
                # one word names the group only as its own name or a hyphenated form
                # ("Hezbollah", "Lashkar-E-Taiba"), or as an acronym ("PLO")
                word_ok = len(a) >= 5 and (i == 0 or "-" in a)
                if len(a) >= 3 and (" " in a or a.isupper() or word_ok):
                    g.add_alias(a, kind, actor_id, kind)


def _load_people(g: Gazetteer) -> None:
    """Office holders of the hand-written tables (titled terms) and every person the
    dictionaries code (dated sector codes); one person's terms from both are merged."""
    terms: dict[str, list[Term]] = {}
    names: dict[str, str] = {}
    aliases: dict[str, list[str]] = {}
    hand: set[str] = set()
    for source in ("office_holders.csv", "office_holders_world.csv"):
        if not resources.files(__package__).joinpath(source).is_file():
            continue
        for r in _rows(source):
            pid = person_id(r["name"])
            role = g.roles.get(fold(r["role"]))
            sector = role.sector if role is not None and role.sector else "GOV"
            term = Term(r["role"], r["start"], r["end"], r["iso3"], sector)
            terms.setdefault(pid, []).append(term)
            names.setdefault(pid, r["name"])
            aliases.setdefault(pid, []).extend([r["name"], *filter(None, r["aliases"].split("|"))])
            hand.add(pid)
    for r in _rows("people.csv"):
        pid = person_id(r["name"])
        coded = []
        for code in filter(None, r["codes"].split("|")):
            iso3, sector, start, end = [*code.split(" "), "", "", ""][:4]
            if iso3 in g.countries:
                coded.append(Term("", start, end, iso3, sector))
        if not coded:
            continue
        terms.setdefault(pid, []).extend(coded)
        names.setdefault(pid, r["name"])
        multi = [a for a in [r["name"], *filter(None, r["aliases"].split("|"))] if " " in a]
        aliases.setdefault(pid, []).extend(multi)
    parts = {r["state"]: (r["part_of"], r["until"]) for r in _rows("successions_curated.csv")}
    for pid, ts in terms.items():
        ts = _before_independence(ts, parts)
        ordered = tuple(sorted(ts, key=lambda t: (t.start or "9999", t.end or "9999")))
        g.people[pid] = Person(pid, names[pid], _main_country(ordered), ordered)
        for a in dict.fromkeys(aliases.get(pid, [])):
            if pid in hand:  # the matcher looks for these; the others by the names found
                g.add_alias(a, "person", pid, "person")
            key = fold(" ".join(a.split()))
            if pid not in g.namesakes.get(key, ()):
                g.namesakes[key] = (*g.namesakes.get(key, ()), pid)


def _before_independence(terms: list[Term], parts: dict[str, tuple[str, str]]) -> list[Term]:
    """A person's elite codes (ELI) for a state that was then part of another
    (``successions_curated.csv``) are the other state's before its independence ("GEO ELI
    1946-01-01 1992-03-10" → RUS until 1991-12-25, GEO after), unless the person held an office
    of that state before it (the president of a Soviet republic served the republic)."""
    out: list[Term] = []
    for t in terms:
        whole = parts.get(t.country)
        if whole is None or t.sector != "ELI" or not t.start or t.start >= whole[1]:
            out.append(t)
            continue
        other, until = whole
        if any(o.country == t.country and o.sector != "ELI" and o.start and o.start < until
               for o in terms):  # fmt: skip
            out.append(t)
            continue
        last = (date.fromisoformat(until) - timedelta(days=1)).isoformat()
        if t.end and t.end < until:
            out.append(Term(t.role, t.start, t.end, other, t.sector))
            continue
        out += [
            Term(t.role, t.start, last, other, t.sector),
            Term(t.role, until, t.end, t.country, t.sector),
        ]
    return out


def _main_country(terms: tuple[Term, ...]) -> str:
    """The state a person is best known for: that of their latest office, else latest code."""
    offices = [t for t in terms if t.country and t.sector != "ELI"]
    pool = offices or [t for t in terms if t.country]
    return pool[-1].country if pool else ""


def _load_roles(g: Gazetteer) -> None:
    for r in _rows("roles_curated.csv"):
        g.roles.setdefault(fold(r["role"]), Role(r["canonical"], r["family"], r["sector"]))
    for r in _rows("roles.csv"):
        family = SECTOR_FAMILY.get(r["sector"], "official")
        g.roles.setdefault(fold(r["role"]), Role(r["role"].title(), family, r["sector"]))


def _load_agents(g: Gazetteer) -> None:
    """Agent nouns: the hand-written ones first (they override), then the derived ones."""
    for source in ("agents_curated.csv", "agents.csv"):
        for r in _rows(source):
            g.agents.setdefault(fold(r["noun"]), r["sector"])


@functools.cache
def load_gazetteer() -> Gazetteer:
    """Load every data file once per process."""
    g = Gazetteer()
    _load_countries(g)
    _load_aliases(g)
    _load_roles(g)
    _load_agents(g)
    _load_orgs(g)
    _load_people(g)
    for r in _rows("places.csv"):
        g.add_alias(r["place"], "place", r["iso3"], "place")
    return g


def resolve_country(name: str) -> str | None:
    """ISO3 for a country named by alpha-3, alpha-2, name, short form or demonym.

    >>> resolve_country("russia"), resolve_country("PK"), resolve_country("United States")
    ('RUS', 'PAK', 'USA')
    """
    text = name.strip()
    if not text:
        return None
    g = load_gazetteer()
    up = text.upper()
    if up in g.countries:
        return up
    if len(up) == 2:
        for c in g.countries.values():
            if c.iso2 == up:
                return c.iso3
    return g.lookup.get(fold(text))


def country_name(iso3: str) -> str:
    """The short English name of a state, or the code itself when unknown."""
    c = load_gazetteer().countries.get(iso3.upper())
    return c.name if c else iso3


__all__ = [
    "Alias",
    "Country",
    "Gazetteer",
    "Org",
    "Person",
    "Role",
    "Term",
    "country_name",
    "fold",
    "load_gazetteer",
    "person_id",
    "resolve_country",
    "slug",
]
