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
from importlib import resources
from typing import Literal

AliasKind = Literal["country", "person", "org", "igo", "place", "block"]

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


@dataclass(frozen=True, slots=True)
class Term:
    """One term in office."""

    role: str
    start: str
    end: str


@dataclass(frozen=True, slots=True)
class Person:
    """A known person: an office holder (with terms) or a PETRARCH-coded official."""

    actor_id: str
    name: str
    country: str
    terms: tuple[Term, ...] = ()

    def role_on(self, date: str | None) -> str | None:
        """The role held on ``date`` (ISO), else the latest role; None if no term is known."""
        if not self.terms:
            return None
        if date:
            for t in self.terms:
                if t.start <= date[:10] and (not t.end or date[:10] <= t.end):
                    return t.role
        return self.terms[-1].role


@dataclass(frozen=True, slots=True)
class Org:
    """An organisation (``ORG:…``, with a state) or an IGO (``IGO:…``, none)."""

    actor_id: str
    name: str
    country: str | None


@dataclass(frozen=True, slots=True)
class Role:
    """A title that can stand before a name, how to show it, and its family."""

    canonical: str
    family: str


@dataclass(slots=True)
class Gazetteer:
    """Everything the actor extractor and the CLI look up."""

    countries: dict[str, Country] = field(default_factory=dict)
    aliases: dict[str, Alias] = field(default_factory=dict)
    """Keyed by the folded alias text (see :func:`fold`); the first source to claim it wins."""
    people: dict[str, Person] = field(default_factory=dict)
    orgs: dict[str, Org] = field(default_factory=dict)
    roles: dict[str, Role] = field(default_factory=dict)
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
        g.orgs[actor_id] = Org(actor_id, r["name"], None)
        for a in r["aliases"].split("|"):
            g.add_alias(a, "igo", actor_id, "igo")
    for r in _rows("orgs.csv"):
        actor_id = f"ORG:{r['slug']}"
        g.orgs[actor_id] = Org(actor_id, r["name"], r["iso3"] or None)
        for a in [r["name"], *r["aliases"].split("|")]:
            g.add_alias(a, "org", actor_id, "org")


def _load_people(g: Gazetteer) -> None:
    """Office holders (with terms) first, then the PETRARCH-coded officials."""
    terms: dict[str, list[Term]] = {}
    for r in _rows("office_holders.csv"):
        pid = person_id(r["name"])
        terms.setdefault(pid, []).append(Term(r["role"], r["start"], r["end"]))
        if pid not in g.people:
            g.people[pid] = Person(pid, r["name"], r["iso3"])
        for a in [r["name"], *filter(None, r["aliases"].split("|"))]:
            g.add_alias(a, "person", pid, "person")
    for pid, ts in terms.items():
        p = g.people[pid]
        g.people[pid] = Person(pid, p.name, p.country, tuple(sorted(ts, key=lambda t: t.start)))
    for r in _rows("people.csv"):
        pid = person_id(r["name"])
        if pid in g.people or r["iso3"] not in g.countries:
            continue
        g.people[pid] = Person(pid, r["name"], r["iso3"])
        for a in [r["name"], *filter(None, r["aliases"].split("|"))]:
            if " " in a:
                g.add_alias(a, "person", pid, "person")


def _load_roles(g: Gazetteer) -> None:
    for r in _rows("roles_curated.csv"):
        g.roles.setdefault(fold(r["role"]), Role(r["canonical"], r["family"]))
    for r in _rows("roles.csv"):
        family = SECTOR_FAMILY.get(r["sector"], "official")
        g.roles.setdefault(fold(r["role"]), Role(r["role"].title(), family))


@functools.cache
def load_gazetteer() -> Gazetteer:
    """Load every data file once per process."""
    g = Gazetteer()
    _load_countries(g)
    _load_aliases(g)
    _load_orgs(g)
    _load_people(g)
    for r in _rows("places.csv"):
        g.add_alias(r["place"], "place", r["iso3"], "place")
    _load_roles(g)
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
