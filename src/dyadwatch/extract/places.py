"""Where: place names resolved to gazetteer entries, and the place of each event.

The gazetteer (``ontology/geo_places.csv.gz``, built by ``scripts/build_geo.py``) holds the
states, their first-level divisions, the seas, gulfs, straits and lakes news names, and every
town of 5,000 people or more, each with coordinates and the other names it goes by.

:func:`find_places` reads the place names of a document: the gazetteer's places
(``dw_places``: cities, regions, capitals used as locations, "Kuwaiti waters"), states the
actor stage keeps that follow a preposition of place, the locations and facilities the
named-entity recogniser finds in the parsed sentences, proper names after a preposition of
place, and the wire dateline. A name standing for its government ("Moscow said") is an
actor, not a place, and is left to the actor stage. A name shared by several entries
("Georgia", "Victoria", "Tripoli") is resolved from the document: prominence (population; a
state's division ranks by its state's size) with a large bonus for an entry in a state the
story names (its actors, its dateline, its other places) and a smaller one for the state the
actor gazetteer lists the name under. The entries ruled out stay on the mention as
``alternatives``. docs/extract.md, "Places", gives every rule.

:func:`event_place` gives an event the place its own clause names ("clashed *in Basra*",
"shelled *Juba*", "a ship *in the Gulf*"), else the dateline when the event happened where
the story was filed (an act of the dateline's state, a meeting with it; an attack on it
takes the state), else nothing.
"""

from __future__ import annotations

import csv
import functools
import gzip
import io
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from dyadwatch.extract.gazetteer import HYPHENS, PLACES_KEY
from dyadwatch.model import PLACE_PRECISIONS, DocActors, Document, PlaceMention
from dyadwatch.ontology import fold

# The precision an entry's kind gives an event's place.
PRECISION = {"site": "site", "city": "city", "region": "region", "water": "region",
             "country": "country"}  # fmt: skip
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
CALENDAR = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
     "sep", "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday",
     "friday", "saturday", "sunday"}
)  # fmt: skip
# Entity types a proper name after "in" is not a place of ("in March", "in 1987").
NOT_PLACES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
# Words that make a name a site of a town: "Gwadar port", "Karachi airport".
SITE_WORDS = frozenset(
    {"port", "airport", "harbour", "harbor", "base", "airbase", "refinery", "terminal",
     "dam", "station", "plant", "camp", "crossing", "airfield", "naval"}
)  # fmt: skip
# Words that a division's name may carry in the text but not in the gazetteer.
REGION_WORDS = frozenset({"province", "region", "state", "governorate", "prefecture", "oblast"})
# Prepositions that place what a clause tells: "in Basra", "off Kuwait", "into the Aegean".
# Not "by" (the agent: "a warning by Turkey"), "between" or "among" (the parties: "talks
# between Turkey and Greece").
WHERE = frozenset(
    {"in", "at", "near", "off", "into", "inside", "outside", "across", "along", "over",
     "around", "throughout", "within", "on", "to", "toward", "towards", "through", "onto",
     "past", "beyond"}
)  # fmt: skip
# The prepositions after which a state's or a capital's name is a location: fewer, since
# states act through prepositions too ("called on Greece", "a note to Athens").
STATE_WHERE = frozenset(
    {"in", "at", "near", "inside", "outside", "across", "throughout", "within", "into", "off",
     "around"}
)  # fmt: skip
# Prepositions of a route: the name is a place, but not where the event happened.
ROUTE = frozenset({"from", "via", "for"})
COMPASS = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
     "northeast", "northwest", "southeast", "southwest", "central", "northeastern",
     "northwestern", "southeastern", "southwestern", "neighbouring", "neighboring"}
)  # fmt: skip
# Nouns a place name follows with "of": "the port of Tripoli", "the province of Punjab".
PLACE_NOUNS = frozenset(
    {"port", "city", "town", "village", "province", "region", "state", "island", "capital",
     "district", "republic", "county", "governorate", "emirate", "islands", "suburb"}
)  # fmt: skip
# Words a name this module reads without the recogniser may follow (see _preposition).
LEADS = WHERE | ROUTE | {"of", ",", "and", "or"}
# Verbs of going whose "for" names where they go ("sailed for the Aegean").
MOTION = frozenset({"leave", "head", "sail", "depart", "set", "fly", "steam", "bound", "board"})
DATELINE = re.compile(r"\s*([A-Z][A-Z.'\- ]{1,40}?)\s*(?:,|\(|\s[-–—]\s)")
# A division ranks as a town of 1 in 500 of its state's people would: a capital city beats
# its capital territory ("Islamabad"), a large state beats a small one ("Punjab").
REGION_SHARE = 0.002
# How much less prominent (log10 of people) an entry is when the text gives one of its other
# names rather than its own.
ALIAS_PENALTY = 1.0
# The prominence (log10 of people) a name after "from", "to", "for" or "via" needs to be read
# as a place when nothing else says it is one.
ROUTE_PROMINENCE = 5.0
# The same after a preposition of place, for a name nothing tags ("rain fell in Salvador").
PLAIN_PROMINENCE = 4.0
# How much more prominent an entry is in a state the document names, or in the state the
# actor gazetteer lists the name under.
NAMED_BONUS = 2.5
HINT_BONUS = 1.0


class GeoEntry(NamedTuple):
    """One gazetteer entry (a tuple: some 73,000 are made when the gazetteer is read)."""

    place_id: str
    name: str
    kind: str
    country: str
    lat: float
    lon: float
    population: int
    admin1: str = ""
    """First-level division: ``US.GA`` (GeoNames: state code for the United States, a number
    elsewhere) for towns, the ISO 3166-2 code for divisions."""

    @property
    def states(self) -> tuple[str, ...]:
        return tuple(self.country.split("|")) if self.country else ()


@dataclass(slots=True)
class Geo:
    """The place gazetteer: entries by id and by folded name."""

    entries: dict[str, GeoEntry]
    names: dict[str, tuple[str, ...]]
    countries: dict[str, GeoEntry]
    """The entry of each state, by ISO3."""

    def lookup(self, text: str) -> list[GeoEntry]:
        return [self.entries[i] for i in self.names.get(fold(text), ())]

    def prominence(self, e: GeoEntry) -> float:
        """How likely a bare mention of the name means this entry (log10 of people)."""
        if e.kind in {"region", "water"}:
            state = self.countries.get(e.states[0]) if e.states else None
            people = state.population * REGION_SHARE if state and e.kind == "region" else 1e7
            return math.log10(max(people, 1.0))
        return math.log10(max(e.population, 1))


@functools.cache
def load_geo() -> Geo:
    """The gazetteer, read once per process."""
    raw = resources.files("dyadwatch.ontology").joinpath("geo_places.csv.gz").read_bytes()
    text = gzip.decompress(raw).decode("utf-8")
    rows = csv.reader(ln for ln in io.StringIO(text) if not ln.startswith("#"))
    next(rows)  # id, name, kind, iso3, lat, lon, population, admin1, names
    entries: dict[str, GeoEntry] = {}
    names: dict[str, list[str]] = {}
    countries: dict[str, GeoEntry] = {}
    for pid, name, kind, iso3, lat, lon, people, admin1, others in rows:
        if pid in entries:  # a state and its capital can share a GeoNames id: keep one
            continue
        e = GeoEntry(pid, name, kind, iso3, float(lat), float(lon), int(people or 0), admin1)
        entries[pid] = e
        if kind == "country":
            countries[iso3] = e
        for alias in {name, *others.split("|")} if others else (name,):
            names.setdefault(_fold_key(alias), []).append(pid)
    return Geo(entries, {k: tuple(v) for k, v in names.items()}, countries)


def _fold_key(name: str) -> str:
    """:func:`~dyadwatch.ontology.fold`, with a fast path for plain ASCII names."""
    if name.isascii():
        key = name.lower()
        return " ".join(key.split()) if "  " in key or "\t" in key else key
    return fold(name)


# -- resolving names -------------------------------------------------------------------------


def document_states(actors: DocActors) -> Counter[str]:
    """How often the document names each state, as an actor or through its people."""
    return Counter(iso3 for _, _, iso3 in _state_mentions(actors))


def _state_mentions(actors: DocActors) -> list[tuple[int, int, str]]:
    """(start, end, ISO3) of each actor mention that names a state or one of its people."""
    country = {a.actor_id: a.country for a in actors.actors}
    out = []
    for m in actors.mentions:
        own = len(m.actor_id) == 3 and m.actor_id.isupper()
        iso3 = m.actor_id if own else country.get(m.actor_id)
        if iso3:
            out.append((m.start, m.end, iso3))
    return out


def _without(context: Counter[str], own: list[tuple[int, int, str]], span: Span) -> Counter[str]:
    """The context less what the name itself gave it (a capital the actor stage counted)."""
    mine = [iso3 for s, e, iso3 in own if s < span.end_char and span.start_char < e]
    if not mine:
        return context
    return context - Counter(mine)


def rank(
    geo: Geo,
    candidates: list[GeoEntry],
    hint: str | None,
    context: Counter[str],
    name: str | None = None,
) -> list[GeoEntry]:
    """Candidates best first, by prominence (log10 of people) with bonuses: one in a state
    the document names counts as ~300 times larger, one in the state the actor gazetteer
    lists the name under (``hint``) as 10 times larger; one the ``name`` matches only as one
    of its other names as 10 times smaller ("Oklahoma" is the state, whose name it is,
    before the city, also called so). So "Tripoli" in a Lebanese story is Lebanon's, but
    "Paris" in a story naming the United States is still France's capital, not a town of
    25,000 in Texas."""
    key_name = fold(name) if name else None

    def key(e: GeoEntry) -> float:
        states = e.states
        score = geo.prominence(e)
        if any(context.get(s, 0) > 0 for s in states):
            score += NAMED_BONUS
        if hint is not None and hint in states:
            score += HINT_BONUS
        if key_name is not None and fold(e.name) != key_name:
            score -= ALIAS_PENALTY
        return score

    return sorted(candidates, key=key, reverse=True)


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def largest(candidates: list[GeoEntry]) -> GeoEntry:
    """The plain baseline: the entry with the most people."""
    return max(candidates, key=lambda e: e.population)


@dataclass(slots=True)
class Found:
    """A place name of the parsed document and what it resolved to."""

    span: Span | None
    mention: PlaceMention
    entry: GeoEntry


def _clean(span: Span) -> Span:
    """The name without a leading article: "the Aegean" → "Aegean"."""
    while len(span) > 1 and span[0].lower_ in {"the", "a"}:
        span = span[1:]
    while len(span) > 1 and span[-1].is_lower:  # "the Gulf on": a recogniser's overreach
        span = span[:-1]
    return span


def _candidates(geo: Geo, span: Span) -> tuple[list[GeoEntry], bool]:
    """Entries for a name, and whether it names a site of a town ("Gwadar port"). A name
    followed by "province", "state" … keeps its divisions ("Quezon province")."""
    found = geo.lookup(span.text)
    if found and _region_word_after(span):
        return [e for e in found if e.kind == "region"] or found, False
    if found:
        return found, False
    last = span[-1].lower_
    if len(span) > 1 and last in SITE_WORDS | REGION_WORDS:
        head = geo.lookup(span[:-1].text)
        if last in REGION_WORDS:
            return [e for e in head if e.kind == "region"] or head, False
        return [e for e in head if e.kind == "city"], True
    return [], False


def _region_word_after(span: Span) -> bool:
    """ "province", "state" … after the name, not opening a longer name ("Quezon province",
    but "Moscow State University")."""
    doc = span.doc
    if span.end >= len(doc) or doc[span.end].lower_ not in REGION_WORDS:
        return False
    word = doc[span.end]
    after = doc[span.end + 1] if span.end + 1 < len(doc) else None
    return not (word.is_title and after is not None and after.is_title)


def find_places(doc: Document, sdoc: Doc, actors: DocActors, geo: Geo | None = None) -> list[Found]:
    """The place names of a document, resolved (module doc)."""
    doc_id, text = doc.doc_id, doc.text
    geo = geo or load_geo()
    own = _state_mentions(actors)
    context = Counter(iso3 for _, _, iso3 in own)
    taken: set[int] = set()
    located: list[tuple[Span, str, str | None]] = []
    for span in sdoc.spans.get("dw_actors", []):
        taken.update(range(span.start, span.end))
        use = _state_as_place(span)
        if use is not None:  # "trades in Switzerland": the society acts, and it is a place too
            located.append((span, use, span.kb_id_ or None))
    listed: dict[int, tuple[Span, str, str | None]] = {}
    for span in sdoc.spans.get(PLACES_KEY, []):
        if span.label_ == "place" and (
            _modifier(span) or _in_a_name(span) or _owner(span) or _subject(span)
        ):
            continue  # "Saitama Bank", "First Chicago Corp", "Bonn's refusal", "Ashland said"
        listed[span.start] = (span, span.label_, span.kb_id_ or None)
    spans: list[tuple[Span, str, str | None]] = []
    used: set[int] = set()
    for ent in sdoc.ents:
        if ent.label_ not in PLACE_ENTS:
            continue
        ent = _clean(ent)
        if not ent.text[:1].isupper():
            continue  # "the west coast": a description, not a name
        idx = set(range(ent.start, ent.end))
        if idx & taken:
            continue
        inner = [v for k, v in listed.items() if k in idx]
        if inner and not (len(inner) == 1 and len(inner[0][0]) < len(ent) and geo.lookup(ent.text)):
            continue  # the gazetteer's place already covers it
        for span, use, hint in inner:  # "Khyber Pakhtunkhwa" over the listed "Khyber"
            del listed[span.start]
            spans.append((ent, use, hint))
        if not inner:
            if _modifier(ent) or _in_a_name(ent) or _subject(ent) or _owner(ent):
                continue  # part of a name, or a company or government acting
            if not _candidates(geo, ent)[0]:
                continue  # a name the gazetteer does not know: the words stay free
            spans.append((ent, "place", None))
        used |= idx
    spans += listed.values()
    spans += located
    used |= {i for s, _, _ in listed.values() for i in range(s.start, s.end)}
    spans += _after_prepositions(sdoc, geo, taken | used)
    line = dateline(doc_id, text, geo, context, doc.dateline)
    if line is not None:  # the dateline's state is context for every other name
        context[line.entry.country] += 1
    resolved: list[tuple[Span, str, str | None, GeoEntry, list[GeoEntry], bool]] = []
    for span, use, hint in sorted(spans, key=lambda t: t[0].start):
        candidates, site = _candidates(geo, span)
        candidates = _within(candidates, _qualifiers(span, geo))
        if not candidates and hint and hint in geo.countries:
            candidates = [geo.countries[hint]]  # "Kuwaiti waters", "the Afghan border"
        if not candidates:
            continue
        ranked = rank(geo, candidates, hint, _without(context, own, span), span.text)
        resolved.append((span, use, hint, ranked[0], ranked[1:], site))
    for _, _, _, best, others, _ in resolved:  # an unambiguous place names its state too
        if not others:
            for s in best.states[:1]:
                context[s] += 1
    out: list[Found] = []
    for span, use, hint, best, others, site in resolved:
        if others:  # ranked again, now that every unambiguous place has spoken
            held = _holding([best, *others], out, span)
            ranked = rank(geo, held, hint, _without(context, own, span), span.text)
            best, others = ranked[0], ranked[1:]
        out.append(Found(span, _mention(doc_id, span.start_char, span.end_char, span.text,
                                        best, use, others, site), best))  # fmt: skip
    if line is not None and not any(f.mention.start == line.mention.start for f in out):
        out.insert(0, line)
    return out


def _modifier(span: Span) -> bool:
    """The name describes a noun or is the first part of a longer name: "the *Soviet*
    attack", "*Lomonosov* Moscow State University"; "*Gwadar* port" is a site, not this."""
    root = span.root
    if root.dep_ == "amod":
        return True
    head = root.head
    return root.dep_ == "compound" and head.pos_ == "PROPN" and not span.start <= head.i < span.end


def _in_a_name(span: Span) -> bool:
    """The place name is glued to other capitalised words on the same line: part of a
    company's or a person's name ("Saitama Bank", "Johnson Geneva said", "the Ohio State
    Fairgrounds"). Read from the words alone, so it holds where nothing was parsed."""
    doc = span.doc
    nxt = doc[span.end] if span.end < len(doc) else None
    prev = doc[span.start - 1] if span.start > 0 else None
    if prev is not None and nxt is not None and prev.text == "(" and nxt.text == ")":
        return True  # "Morgan Stanley (Jersey) Ltd"
    if prev is not None and prev.text in HYPHENS and not prev.whitespace_ and span.start > 1:
        joined = doc[span.start - 2]  # "Owens-Illinois Inc"
        if joined.is_alpha and joined.text[:1].isupper() and not joined.whitespace_:
            return True
    if prev is not None and prev.lower_ == "of" and span.start > 1:
        owner = doc[span.start - 2]  # "the Bank of England", "First Federal of Maryland"
        if owner.is_alpha and owner.text[:1].isupper() and owner.lower_ not in PLACE_NOUNS:
            return True
    if (
        nxt is not None
        and nxt.is_alpha
        and nxt.text[:1].isupper()
        and "\n" not in span[-1].whitespace_
    ):
        return True
    if prev is None or not prev.is_alpha or not prev.text[:1].isupper() or "\n" in prev.whitespace_:
        return False
    first = (
        prev.i == 0
        or doc[prev.i - 1].text in {".", "!", "?", '"', "\u201c"}
        or doc[prev.i - 1].is_space
    )
    return not first and prev.lower_ not in {"the", "in", "at", "of", "and"}


def _subject(span: Span) -> bool:
    """The name is the subject of an active verb: a town does not seek, say or agree; its
    government or a company named after it does ("Ashland is seeking a chemical company").
    A town can be shelled: the subject of a passive stays a place."""
    root = span.root
    return root.dep_ == "nsubj" and root.head.pos_ in {"VERB", "AUX"}


def _owner(span: Span) -> bool:
    """A name with "'s" owns something: "Bonn's refusal" speaks of its government."""
    doc = span.doc
    return span.end < len(doc) and doc[span.end].text in {"'s", "’s"}


def _preposition(span: Span) -> Token | None:
    """The preposition a name follows, past an article, describing words and line breaks
    ("in *northern* Vietnam", "at the Iranian port of"), and past the names before it in a
    coordination ("in London and Luxembourg"); "of" only after a noun of place ("the port
    of Tripoli") or a direction ("300 km north of Mogadishu")."""
    doc = span.doc
    i = _back(doc, span.start - 1)
    conj = span.root.dep_ in {"conj", "appos"} or not doc.has_annotation("DEP")
    for _ in range(3):  # "in London and Luxembourg", "in Hong Kong, Singapore or Tokyo"
        if i < 1 or doc[i].lower_ not in {"and", "or", ","} or (doc[i].text == "," and not conj):
            break  # a comma joins names only where the parse says so ("Miami, Haiti said")
        k = _skip_space(doc, i - 1)
        while k >= 0 and doc[k].pos_ == "PROPN":
            k -= 1
        if k == _skip_space(doc, i - 1):
            break
        i = _back(doc, k)
    if i < 0:
        return None
    tok = doc[i]
    if tok.lower_ in {"of", ","} and i > 0:
        before = doc[_skip_space(doc, i - 1)]
        if before.lower_ in PLACE_NOUNS or (tok.lower_ == "of" and before.lower_ in COMPASS):
            return tok  # "the port of Tripoli", "the capital, Doha", "1,000 km north of Santiago"
        return None
    return tok if tok.lower_ in WHERE | ROUTE and tok.pos_ in {"ADP", ""} else None


def _skip_space(doc: Doc, i: int) -> int:
    while i >= 0 and doc[i].is_space:
        i -= 1
    return i


def _back(doc: Doc, i: int) -> int:
    """The first token at or before ``i`` that is not an article, a describing word, a
    direction or a line break."""
    while i >= 0 and (
        doc[i].is_space
        or doc[i].lower_ in {"the", "a"}
        or doc[i].pos_ == "ADJ"
        or doc[i].lower_ in COMPASS
    ):
        i -= 1
    return i


def _state_as_place(span: Span) -> str | None:
    """How a state or capital the actor stage keeps is a place as well: ``location`` after
    a preposition of place ("in Switzerland", "in northern Vietnam"), ``route`` after "from",
    "to", "via" ("sugar from Cuba"); None when it only acts ("Moscow said")."""
    if span.label_ not in {"name", "capital", "historical"} or _modifier(span) or _owner(span):
        return None  # "in the *Soviet* attack", "for *Japan's* failure": it acts or describes
    prep = _preposition(span)
    if prep is None:
        return None
    if prep.lower_ in {"of", ","}:  # "the port of Tripoli", "the capital, Doha"
        return "location"
    if prep.lower_ in {"from", "via", "to"}:
        return "route"  # not "for": "lows for West Germany" speaks of the state
    return "location" if prep.lower_ in STATE_WHERE else None


def _qualifiers(span: Span, geo: Geo) -> list[GeoEntry]:
    """The division or state written after a town's name and a comma ("Cairo, Ga.",
    "Richmond, North Yorks", "Portland, Oregon", "Victoria, Australia")."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].text != ",":
        return []
    start = span.end + 1
    for k in (3, 2, 1):
        words = doc[start : start + k]
        if len(words) < k or not words[0].text[:1].isupper():
            continue
        found = [e for e in geo.lookup(words.text) if e.kind in {"region", "country"}]
        if found:
            return found
    return []


def _inside(c: GeoEntry, q: GeoEntry) -> bool:
    """Whether the place ``c`` lies in the state or division ``q`` (divisions are checked
    only for the United States, whose towns carry their state's code)."""
    if q.kind == "country":
        return q.country in c.states
    if q.kind != "region" or q.country not in c.states or c.place_id == q.place_id:
        return False
    return q.country != "USA" or c.admin1.replace(".", "-") == q.admin1


def _within(candidates: list[GeoEntry], qualifiers: list[GeoEntry]) -> list[GeoEntry]:
    """The candidates inside one of the qualifiers (all of them when none is)."""
    kept = [c for c in candidates if any(_inside(c, q) for q in qualifiers)]
    return kept or candidates


def _holding(candidates: list[GeoEntry], before: list[Found], span: Span) -> list[GeoEntry]:
    """For a qualifier ("Atlanta, *Georgia*"), the candidates holding the town before it."""
    if not before or before[-1].span is None or span.start < 2:
        return candidates
    town = before[-1]
    if town.span is None or town.span.end != span.start - 1 or span.doc[town.span.end].text != ",":
        return candidates
    kept = [q for q in candidates if _inside(town.entry, q)]
    return kept or candidates


def _name_word(tok: Token) -> bool:
    """A word of a proper name: tagged so, or, where nothing was parsed, a capitalised word
    that is not a month or a weekday."""
    if tok.pos_:
        return tok.pos_ == "PROPN" and tok.ent_type_ not in NOT_PLACES
    return tok.is_alpha and tok.text[:1].isupper() and tok.lower_ not in CALENDAR


def _unlikely(span: Span) -> bool:
    """A proper name after a preposition that is not a place for all that: it describes a
    noun, owns something, is a short all-capitals code ("AMI's total") or is in a name."""
    short_code = span.text.isupper() and len(span.text) <= 4
    return _modifier(span) or _owner(span) or short_code or _in_a_name(span)


def _prominence_needed(span: Span, prep: Token, site: bool) -> float:
    """How prominent (log10 of people) a place must be for a name the recogniser did not
    call a location: "questions from Wright", "an aide to Seguin", "interests in Snyder"
    name people and companies more often than small towns. A site word after the name
    ("at Gwadar port") or the recogniser's own location says place without it."""
    if site or span.root.ent_type_ in PLACE_ENTS:
        return 0.0
    if prep.lower_ in ROUTE | {"to"} or span.root.ent_type_:
        return ROUTE_PROMINENCE  # after a route, or tagged a person, a company …
    return PLAIN_PROMINENCE


def _after_prepositions(sdoc: Doc, geo: Geo, taken: set[int]) -> list[tuple[Span, str, None]]:
    """Proper names after a preposition of place that the recogniser missed or mislabelled,
    or in sentences that were not parsed ("at *Gwadar* port", "left for *Bandar Abbas*",
    "rain fell in *Salvador*"): kept when the gazetteer knows them."""
    out: list[tuple[Span, str, None]] = []
    n = len(sdoc)
    done = -1
    leads = [t.i for t in sdoc if t.lower_ in LEADS]
    for p in leads:  # only a name a few words after a preposition can be one of these
        i = p + 1
        while i < n and i - p <= 3 and not _name_word(sdoc[i]):
            i += 1
        if i >= n or i <= done or i in taken or not sdoc[i].text[:1].isupper():
            continue
        if not _name_word(sdoc[i]):
            continue
        j = i
        while j < n and j - i < 4 and j not in taken and _name_word(sdoc[j]):
            j += 1
        done = j - 1
        prep = _preposition(sdoc[i:j])
        if prep is not None:
            site = j < n and sdoc[j].lower_ in SITE_WORDS
            span = sdoc[i : j + 1 if site else j]
            found = [] if _unlikely(span) else _candidates(geo, span)[0]
            need = _prominence_needed(span, prep, site)
            found = [e for e in found if geo.prominence(e) >= need]
            if found:
                out.append((span, "location", None))
    return out


def dateline(
    doc_id: str, text: str, geo: Geo, context: Counter[str], given: str | None = None
) -> Found | None:
    """The wire dateline's place ("ANKARA, March 29 -", "BANDAR ABBAS, Iran (Reuters) -"):
    the one the source gives apart from the text (``given``; its span is then 0-0), else the
    one the text opens with."""
    m = DATELINE.match((given + ",") if given else text[:60])
    if m is None:
        return None
    name = m.group(1).strip()
    candidates = [e for e in geo.lookup(name) if e.kind in {"city", "region", "country"}]
    if not candidates:
        return None
    best, *others = rank(geo, candidates, None, context, name)
    start, end = (0, 0) if given else (m.start(1), m.start(1) + len(name))
    mention = _mention(doc_id, start, end, name, best, "dateline", others, False)
    return Found(None, mention, best)


def _mention(
    doc_id: str, start: int, end: int, text: str, best: GeoEntry, use: str,
    others: list[GeoEntry], site: bool,
) -> PlaceMention:  # fmt: skip
    return PlaceMention(
        doc_id=doc_id, start=start, end=end, text=text, place_id=best.place_id,
        name=best.name, kind="site" if site else best.kind, country=best.country,
        lat=best.lat, lon=best.lon, use=use,
        alternatives=[f"{e.place_id}|{e.name}|{e.country}" for e in others[:4]],
    )  # fmt: skip


# -- the place of an event -----------------------------------------------------------------


def _in_clause(span: Span, verbs: set[int]) -> int | None:
    """Steps from the place up to the event's verb, when the place is in the verb's own
    clause and located by a preposition of place (or is the verb's object: "shelled Juba");
    None when another verb comes between."""
    tok: Token = span.root
    located = tok.dep_ in {"dobj", "obj", "nsubjpass", "npadvmod"}
    steps = 0
    while tok.i not in verbs:
        if tok.dep_ == "prep":
            # "for" places only after a verb of going: "left for the Aegean"
            going = tok.lower_ == "for" and tok.head.lemma_.lower() in MOTION
            if tok.lower_ not in WHERE and not going:
                return None  # "from Tehran", "of Iran", "for Washington"
            located = True
        head = tok.head
        if head.i == tok.i or steps > 8:
            return None
        if head.i not in verbs and head.pos_ in {"VERB", "AUX"}:
            return None
        tok, steps = head, steps + 1
    return steps if located else None


def event_place(
    trigger: Token,
    wrapper: Token | None,
    places: Iterable[Found],
    source: str | None,
    target: str | None,
    act: str,
) -> tuple[Found, str] | None:
    """Where an event happened, and how that was found (``clause`` or ``dateline``).

    ``source`` and ``target`` are the parties' states; ``act`` is ``meeting`` (a
    consultation), ``ground`` (an act done on the target's ground: an attack, aid) or
    anything else. Without a place in its clause, the event takes the dateline when it
    happened where the story was filed: an act of the dateline's state, or a meeting with
    it. An act done on the dateline state's ground happened in that state, not in its
    dateline's town: it takes the state."""
    verbs = {trigger.i} | ({wrapper.i} if wrapper is not None else set())
    sent = trigger.sent
    best: tuple[int, int, Found] | None = None
    line: Found | None = None
    for f in places:
        if f.mention.use == "dateline":
            line = f
            continue
        if f.mention.use == "route":
            continue  # "sugar from Cuba": a place, not where the event is
        span = f.span
        if span is None or not (sent.start <= span.start < sent.end):
            continue
        steps = _in_clause(span, verbs)
        if steps is None:
            continue
        fine = PLACE_PRECISIONS.index(PRECISION[f.mention.kind])
        if best is None or (steps, fine) < best[:2]:
            best = (steps, fine, f)
    if best is not None:
        return best[2], "clause"
    if line is None:
        return None
    states = set(line.entry.states)
    if source in states or (target in states and act == "meeting"):
        return line, "dateline"
    if target in states and act == "ground" and target in load_geo().countries:
        state = load_geo().countries[target]
        m = line.mention
        mention = _mention(m.doc_id, m.start, m.end, m.text, state, m.use, [], False)
        return Found(line.span, mention, state), "dateline"
    return None


__all__ = [
    "PRECISION", "Found", "Geo", "GeoEntry", "document_states", "event_place", "find_places",
    "km_between", "largest", "load_geo", "rank",
]  # fmt: skip
