"""People in a document: who they are, their title and their state.

Names come from the gazetteer (office holders, PETRARCH-coded officials), from spaCy's
PERSON entities, and from capitalised words right after a title ("Ambassador Danila
Ganich"). The title and the state come from the words around the name ("Russian Foreign
Minister …", "Pakistan's President, …", "India's envoy to Russia, …", "…, Russia's foreign
minister"). A later mention by surname ("Khan", "Ambassador Khan") is the same person as
the latest earlier one of that surname whose title fits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from dyadwatch.extract.gazetteer import PLACES_KEY
from dyadwatch.ontology import NAME_PARTICLES, Gazetteer, Person, fold, person_id

POSSESSIVE = {"'s", "’s", "'", "’"}
POSTED = {"to", "in", "at", "for"}
MODIFIERS = {"then", "former", "acting", "current", "outgoing", "incoming", "late", "new", "top"}
MODIFIERS |= {"then-", "ex", "ex-", "interim", "caretaker", "deputy", "senior", "veteran"}
DETERMINERS = {"the", "a", "an", "his", "her", "its", "their", "our"}
# Capitalised words that are no part of a person's name.
NOT_NAMES = frozenset(
    {
        "office", "house", "palace", "ministry", "secretariat", "government", "administration",
        "assembly", "council", "committee", "commission", "staff", "forces", "force", "court",
        "party", "bank", "corps", "affairs", "department", "service", "agency", "union", "summit",
        "organization", "organisation", "university", "school", "institute", "group", "forum",
        "conference", "said", "says", "told", "and", "of", "on", "the", "mr", "mrs", "ms", "dr",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
        "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "inc", "ltd", "corp", "co", "plc", "llc", "dlrs", "pct",
    }
)  # fmt: skip
MAX_NAME_TOKENS = 5
# Titles of monarchs, who are named by a first or regnal name, not a surname.
ROYAL_TITLES = frozenset({"King", "Queen", "Emir", "Sultan", "Crown Prince", "Tsar", "Prince"})


@dataclass(slots=True)
class PersonMention:
    """One person mention: the name span, and what the document says of the person."""

    span: Span
    actor_id: str
    name: str
    role: str | None = None
    family: str | None = None
    country: str | None = None
    sector: str | None = None


@dataclass(slots=True)
class _Known:
    """What the document has said so far of one person."""

    actor_id: str
    name: str
    country: str | None
    role: str | None
    family: str | None
    sector: str | None = None
    surnames: set[str] = field(default_factory=set)
    in_office: bool = False
    """The gazetteer has the person in an office (not only the elite) on the text's date: the
    gazetteer's state then beats a title the text puts beside the name."""
    told_country: bool = False
    """The document itself gave the country (it then overrides the gazetteer's)."""
    told_role: bool = False


@dataclass(slots=True)
class _Context:
    """Country spans and role spans of a doc, indexed by token offsets."""

    country_end: dict[int, Span]
    role_end: dict[int, Span]
    role_start: dict[int, Span]
    country_start: dict[int, Span]


_BOUNDS: list[Any] = [None, [], [], []]
"""The last doc seen, per token the start and end of its sentence, and its sentences
(``span.sent`` and ``doc.sents`` scan the whole doc on every call)."""


def _index_sentences(doc: Doc) -> None:
    if _BOUNDS[0] is not doc:
        starts, ends = [0] * len(doc), [len(doc)] * len(doc)
        sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        for s in sents:
            for i in range(s.start, s.end):
                starts[i], ends[i] = s.start, s.end
        _BOUNDS[:] = [doc, starts, ends, sents]


def sentence_bounds(doc: Doc) -> tuple[list[int], list[int]]:
    """Per token of ``doc``: the token offsets where its sentence starts and ends."""
    _index_sentences(doc)
    return _BOUNDS[1], _BOUNDS[2]


def doc_sentences(doc: Doc) -> list[Span]:
    """The sentences of ``doc``, computed once per document."""
    _index_sentences(doc)
    sents: list[Span] = _BOUNDS[3]
    return sents


def _sentence_start(span: Span) -> int:
    return sentence_bounds(span.doc)[0][span.start] if len(span) else 0


def _sentence_end(span: Span) -> int:
    return sentence_bounds(span.doc)[1][span.start] if len(span) else len(span.doc)


def left_context(span: Span, ctx: _Context) -> tuple[Span | None, Span | None]:
    """(role, country) named just before a person: "Pakistan's President, Arif Alvi"."""
    doc, lo = span.doc, _sentence_start(span)
    j = span.start
    comma = j - 1 >= lo and doc[j - 1].text == ","
    if comma:
        j -= 1
    host = ctx.country_end.get(j)
    posted = host is not None and host.start - 1 >= lo and doc[host.start - 1].lower_ in POSTED
    if host is not None and posted and host.start - 1 in ctx.role_end:
        j = host.start - 1  # "envoy to Russia, X": Russia is the host, not X's state
    role = ctx.role_end.get(j)
    if role is None and (comma or j != span.start):
        return None, None
    if role is not None:
        j = _title_start(doc, role.start, lo, ctx)
    if j - 1 >= lo and doc[j - 1].text in POSSESSIVE:
        return role, ctx.country_end.get(j - 1)
    country = ctx.country_end.get(j)
    if country is not None and country.label_ not in {"demonym", "historical", "name", "igo"}:
        country = None  # "Moscow Sergey Lavrov" is no way to say whose he is
    return role, country


def _title_start(doc: Doc, j: int, lo: int, ctx: _Context) -> int:
    """Where a title's words begin, before it: modifiers ("then", "acting"), and up to three
    capitalised words of an office when a state stands before them ("Greek *Foreign Affairs*
    Undersecretary", "Turkey's *Trade* Minister")."""

    def modifiers(k: int) -> int:
        while k - 1 >= lo and doc[k - 1].lower_ in MODIFIERS:
            k -= 1
        return k

    def owned(k: int) -> bool:
        return k in ctx.country_end or (k - 1 >= lo and doc[k - 1].text in POSSESSIVE)

    start = modifiers(j)
    k = start
    for _ in range(3):
        if owned(k) or k - 1 < lo or not doc[k - 1].is_title:
            break
        k = modifiers(k - 1)
    return k if owned(k) else start


def right_context(span: Span, ctx: _Context) -> tuple[Span | None, Span | None]:
    """(role, country) in an apposition: "Sergey Lavrov, Russia's foreign minister,"."""
    doc, hi = span.doc, _sentence_end(span)
    j = span.end
    if j >= hi or doc[j].text != ",":
        return None, None
    j += 1
    if j < hi and doc[j].lower_ in DETERMINERS:
        j += 1
    country = ctx.country_start.get(j)
    if country is not None:
        j = country.end
        if j < hi and doc[j].text in POSSESSIVE:
            j += 1
    while j < hi and doc[j].lower_ in MODIFIERS and j not in ctx.role_start:
        j += 1  # "Albert Melnikov, *deputy* trade representative of the Soviet Union"
    role = ctx.role_start.get(j)
    if role is None:
        return None, None
    k = role.end
    if country is None and k + 1 < hi and doc[k].lower_ == "of":
        k += 1
        while k < hi and doc[k].lower_ in DETERMINERS:
            k += 1
        country = ctx.country_start.get(k)  # "Secretary General of the Turkish General Staff"
    return role, country


def of_country(span: Span, ctx: _Context) -> Span | None:
    """The state after a titled name: "Ambassador Nadeem Riyaz of Pakistan"."""
    doc, j = span.doc, span.end
    if j + 1 < _sentence_end(span) and doc[j].lower_ == "of":
        return ctx.country_start.get(j + 1)
    return None


def _name_run(doc: Doc, j: int, hi: int, taken: set[int]) -> tuple[int, int] | None:
    """Capitalised words from token ``j``: a name after a title the NER may have missed."""
    k = j
    while k < hi and k - j < MAX_NAME_TOKENS and k not in taken:
        t = doc[k]
        capitalised = t.is_alpha and t.text[:1].isupper() and not t.is_upper
        if capitalised and t.lower_ not in NOT_NAMES and t.pos_ in {"", "PROPN"}:
            k += 1
            continue
        if t.lower_ in NAME_PARTICLES and k > j and k + 1 < hi and doc[k + 1].text[:1].isupper():
            k += 1
            continue
        break
    while k > j and doc[k - 1].lower_ in NAME_PARTICLES:
        k -= 1
    return (j, k) if k > j else None


def _titled_org(role: Span, run: tuple[int, int]) -> bool:
    """The title is the start of an entity's name: "General Motors", "General Agreement"."""
    last = role.end - 1
    # a work's title is no such name: the small model takes a name after a closing quote for
    # one ('"… on alert," *General Guven Ergenc* told')
    return any(
        e.label_ not in {"PERSON", "WORK_OF_ART"} and e.start <= last < e.end and e.end > run[0]
        for e in role.doc.ents
    )


def _role_runs(doc: Doc, ctx: _Context, taken: set[int]) -> list[Span]:
    """Names that follow a title: "Ambassador Danila Ganich", "envoy to Russia, Bala …"."""
    out = []
    for role in ctx.role_end.values():
        hi = _sentence_end(role)
        j = role.end
        host = ctx.country_start.get(j + 1)
        if j < hi and doc[j].lower_ in POSTED and host is not None:
            j = host.end
        comma = j < hi and doc[j].text == ","
        if comma:
            j += 1
        run = _name_run(doc, j, hi, taken)
        if run is None or (comma and run[1] - run[0] < 2) or _titled_org(role, run):
            continue
        out.append(Span(doc, run[0], run[1], label="PERSON"))
    return out


def _clean_ent(ent: Span, gaz: Gazetteer, ctx: _Context) -> Span | None:
    """A spaCy PERSON entity trimmed of titles and possessives, or None if it is no name."""
    doc, start, end = ent.doc, ent.start, ent.end
    while start < end:
        if doc[start].lower_ in DETERMINERS or doc[start].lower_ in MODIFIERS:
            start += 1
        elif start in ctx.role_start:
            start = ctx.role_start[start].end
        else:
            break
    while end > start and (doc[end - 1].text in POSSESSIVE or not doc[end - 1].is_alpha):
        end -= 1
    if start >= end or end - start > MAX_NAME_TOKENS:
        return None
    span = doc[start:end]
    if any(t.like_num or any(c.isdigit() for c in t.text) for t in span):
        return None
    if not all(t.text[:1].isupper() or t.lower_ in NAME_PARTICLES for t in span if t.is_alpha):
        return None
    if any(t.lower_ in NOT_NAMES for t in span):
        return None
    known = gaz.aliases.get(fold(span.text))
    if known is not None and known.kind in {"place", "country", "block"}:
        return None
    return span


def _located(span: Span) -> bool:
    """An untitled name after "in", "at" or "near" is a place the NER took for a person ("in
    Milton Keynes")."""
    doc = span.doc
    return span.start > 0 and doc[span.start - 1].lower_ in {"in", "at", "near", "outside"}


def candidate_names(doc: Doc, gaz: Gazetteer, actors: list[Span], ctx: _Context) -> list[Span]:
    """Every span that may name a person, non-overlapping, in document order."""
    gazetteer = [s for s in actors if s.label_ == "person"]
    taken = {i for s in actors for i in range(s.start, s.end)}
    others = [
        s
        for s in (_clean_ent(e, gaz, ctx) for e in doc.ents if e.label_ == "PERSON")
        if s is not None and not taken.intersection(range(s.start, s.end)) and not _located(s)
    ]
    others += _role_runs(doc, ctx, taken)
    return sorted([*gazetteer, *filter_spans(others)], key=lambda s: s.start)


class PeopleResolver:
    """Resolves person mentions of one document, in order, to actors.

    A known person's state and sector are those of the office they held on the text's date
    (``date``): "George Bush" is the vice president in 1987 and the son in 2005.
    """

    def __init__(self, gaz: Gazetteer, date: str | None) -> None:
        self.gaz = gaz
        self.date = date
        self.known: dict[str, _Known] = {}
        self.order: list[str] = []
        self.seen: list[tuple[int, str]] = []
        """(token offset, actor id) of every resolved mention, in order."""

    def family_of(self, role: str | None) -> str | None:
        r = self.gaz.roles.get(fold(role)) if role else None
        return r.family if r else None

    def _by_surname(self, surname: str, family: str | None) -> _Known | None:
        latest = list(dict.fromkeys(a for _, a in reversed(self.seen)))  # most recent first
        matches = [self.known[a] for a in latest if surname in self.known[a].surnames]
        if family:
            fitting = [k for k in matches if k.family in {family, None}]
            matches = fitting or matches
        return matches[0] if matches else None

    def _known_person(self, p: Person, surnames: set[str]) -> _Known:
        """The document's record of a gazetteer person, as of the text's date."""
        if p.actor_id in self.known:
            return self.known[p.actor_id]
        role = p.role_on(self.date)
        term = p.term_on(self.date)
        known = _Known(
            p.actor_id,
            p.name,
            p.country_on(self.date) or None,
            role,
            self.family_of(role),
            p.sector_on(self.date),
        )
        known.in_office = term is not None and term.sector not in {"", "ELI"}
        known.surnames = {fold(p.name.split()[-1]), *surnames}
        return self._register(known)

    def _pick(self, pids: tuple[str, ...]) -> Person | None:
        """Of namesakes, the one in office on the text's date, else the one whose terms lie
        nearest to it, else the first."""
        people = [self.gaz.people[p] for p in pids if p in self.gaz.people]
        if len(people) <= 1 or not self.date:
            return people[0] if people else None
        serving = [p for p in people if p.term_on(self.date) is not None]
        in_office = [p for p in serving if p.sector_on(self.date) not in {None, "ELI"}]
        return (in_office or serving or people)[0]

    def _identify(self, span: Span, family: str | None, title: str | None = None) -> _Known | None:
        if span.label_ == "person":
            pid = span.kb_id_
            p = self._pick(self.gaz.namesakes.get(fold(span.text), (pid,)))
            if p is not None:
                return self._known_person(p, {fold(span.text)})
            if pid in self.known:
                return self.known[pid]
            known = _Known(pid, span.text, None, None, None)
            known.surnames = {fold(span.text.split()[-1]), fold(span.text)}
            return self._register(known)
        words = [t.text for t in span if t.is_alpha]
        key = fold(" ".join(words))
        if len(words) == 1:
            found = self._by_surname(key, family)
            if found is None and family is not None:
                found = self._titled_surname(key, family, title)
            if found is None and family is None:
                found = self._serving_surname(key)
            return found
        for k in (self.known[a] for a in reversed(self.order)):
            if fold(k.name) == key or fold(k.name).endswith(" " + key):
                return k
        pids = self.gaz.namesakes.get(key)  # a coded person the matcher does not look for
        person = self._pick(pids) if pids else None
        return self._known_person(person, {key}) if person is not None else None

    def _titled_surname(self, surname: str, family: str, title: str | None) -> _Known | None:
        """ "President Kagame": the known people of that surname, when they share one state
        (and, among office holders, the title's family). A monarch is named by a first or
        regnal name ("King Hussein" is not Saddam Hussein): never looked up by surname."""
        if title in ROYAL_TITLES:
            return None
        people = surname_index(self.gaz).get(surname, [])
        fitting = []
        for p in people:
            role = p.role_on(self.date)
            if p.term_on(self.date) is None and self.date and p.terms:
                continue  # not serving then: another holder of the title is meant
            if role is None or self.family_of(role) in {family, None}:
                fitting.append(p)
        if not fitting or len({p.country_on(self.date) for p in fitting}) != 1:
            return None
        if len(fitting) > 1:
            serving = [p for p in fitting if p.sector_on(self.date) not in {None, "ELI"}]
            if len(serving) == 1:
                return self._known_person(serving[0], {surname})
            p = fitting[0]
            return self._register(
                _Known(person_id(surname), surname.title(), p.country_on(self.date), None, family)
            )
        return self._known_person(fitting[0], {surname})

    def _serving_surname(self, surname: str) -> _Known | None:
        """A surname alone, never named in full before ("Reagan said"): the one known person of
        that surname in office on the text's date, if exactly one is."""
        if not self.date:
            return None
        person = _serving(self.gaz, surname, self.date)
        return self._known_person(person, {surname}) if person is not None else None

    def _register(self, known: _Known) -> _Known:
        self.known[known.actor_id] = known
        self.order.append(known.actor_id)
        return known

    def resolve(self, span: Span, ctx: _Context) -> PersonMention | None:
        role, country = left_context(span, ctx)
        if country is None:
            right_role, right_country = right_context(span, ctx)
            role = role or right_role
            country = right_country
        if role is not None and country is None:
            country = of_country(span, ctx)
        canonical = role.label_ if role is not None else None
        family = role.kb_id_ if role is not None else None
        known = self._identify(span, family, canonical)
        if (
            known is not None
            and known.in_office
            and country is not None
            and known.country not in {None, country.kb_id_}
        ):
            # "as US President, Tony Blair said": the title belongs to someone else.
            role = country = None
            canonical = family = None
        if known is None:
            if len(span) == 1 and role is None:
                return None  # a lone unknown word without a title is too weak to be a person
            name = " ".join(t.text for t in span)
            known = self._register(_Known(person_id(name), name, None, None, None))
            known.surnames = {fold(span[-1].text)}
        if country is not None and not known.told_country:
            known.country, known.told_country = country.kb_id_, True
        if canonical is not None and not known.told_role:
            title = self.gaz.roles.get(fold(role.text)) if role is not None else None
            sector = title.sector if title is not None else ""
            if canonical:
                known.role, known.told_role = canonical, True
            known.family = family
            known.sector = sector or known.sector
        elif family and known.family is None:
            known.family = family
        self.seen.append((span.start, known.actor_id))
        return self._mention(span, known)

    @staticmethod
    def _mention(span: Span, k: _Known) -> PersonMention:
        return PersonMention(span, k.actor_id, k.name, k.role, k.family, k.country, k.sector)

    def surname_mentions(self, doc: Doc, ctx: _Context, taken: set[int]) -> list[PersonMention]:
        """Lone surnames the NER missed ("Khan additionally said"), after the full name."""
        out = []
        told = {s for k in self.known.values() for s in k.surnames}
        index = surname_index(self.gaz) if self.date else {}
        for tok in doc:
            if tok.i in taken or not tok.is_alpha or not tok.text[:1].isupper() or tok.is_upper:
                continue
            if tok.lower_ in NOT_NAMES or tok.pos_ not in {"", "PROPN"}:
                continue
            key = tok.lower_ if tok.text.isascii() else fold(tok.text)
            if key not in told and key not in index:
                continue  # no one of that name: the common case, decided without a scan
            role = ctx.role_end.get(tok.i)
            earlier = [
                (pos, a) for pos, a in self.seen if pos < tok.i and key in self.known[a].surnames
            ]
            if not earlier:
                serving = self._serving_surname(key) if role is None and _lone(tok) else None
                if serving is not None:  # "Papandreou told …", never named in full
                    self.seen.append((tok.i, serving.actor_id))
                    told |= serving.surnames
                    out.append(self._mention(doc[tok.i : tok.i + 1], serving))
                continue
            candidates = [a for _, a in sorted(earlier, reverse=True)]
            if role is not None:
                fitting = [a for a in candidates if self.known[a].family in {role.kb_id_, None}]
                candidates = fitting or candidates
            k = self.known[candidates[0]]
            out.append(self._mention(doc[tok.i : tok.i + 1], k))
        return out

    def actor(self, actor_id: str) -> _Known:
        return self.known[actor_id]


def _lone(tok: Token) -> bool:
    """A proper noun standing alone, outside any other entity: a surname, not part of a longer
    name ("General Motors") nor of a place or organisation the NER found."""
    doc = tok.doc
    if tok.pos_ != "PROPN" or (tok.ent_type_ and tok.ent_type_ != "PERSON"):
        return False
    for i in (tok.i - 1, tok.i + 1):
        if 0 <= i < len(doc) and doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper():
            return False
    return True


_SURNAMES: dict[int, dict[str, list[Person]]] = {}


_SERVING: dict[tuple[int, str, str], Person | None] = {}
MAX_NAMESAKES = 3
"""People of one surname, of any era, beyond which the surname alone names nobody."""


def _serving(gaz: Gazetteer, surname: str, date: str) -> Person | None:
    """The one person of that surname in an office (not only the elite) on ``date``, if
    exactly one is; remembered per surname and date (texts of one day ask many times)."""
    key = (id(gaz), surname, date[:10])
    if key not in _SERVING:
        if len(_SERVING) > 50_000:
            _SERVING.clear()
        people = surname_index(gaz).get(surname, [])
        serving = [p for p in people if p.sector_on(date) not in {None, "ELI"}]
        # a surname many people bear ("Morgan", "Khan") names none of them alone
        rare = len(people) <= MAX_NAMESAKES
        _SERVING[key] = serving[0] if len(serving) == 1 and rare else None
    return _SERVING[key]


def _surname_like(word: str) -> bool:
    """A last word that can name a person alone: not a function word, a month or a weekday
    ("In", "May", "Friday" end some names in the dictionaries), nor an initial (nor, checked
    by the caller, a word the gazetteer knows as a state, a demonym or a place: "French")."""
    return (
        len(word) >= 3
        and word.isalpha()
        and word not in STOP_WORDS
        and word.lower() not in NOT_NAMES
    )


def surname_index(gaz: Gazetteer) -> dict[str, list[Person]]:
    """Known people by folded surname (the last word of their name), built once per gazetteer."""
    index = _SURNAMES.get(id(gaz))
    if index is None:
        index = {}
        for p in gaz.people.values():
            words = p.name.split()
            key = fold(words[-1])
            if len(words) > 1 and _surname_like(key) and key not in gaz.aliases:
                index.setdefault(key, []).append(p)
        _SURNAMES[id(gaz)] = index
    return index


def build_context(actors: list[Span], roles: list[Span]) -> _Context:
    # A title's employer: a state, or an IGO ("the United Nations Emergency Relief
    # Coordinator"); a capital used as a place may be a diplomat's post ("envoy to Moscow").
    countries = [s for s in actors if len(s.kb_id_) == 3 or s.kb_id_.startswith("IGO:")]
    posts = [s for s in doc_places(actors) if s.label_ == "location"]
    countries = sorted([*countries, *posts], key=lambda s: s.start)
    return _Context(
        country_end={s.end: s for s in countries},
        role_end={s.end: s for s in roles},
        role_start={s.start: s for s in roles},
        country_start={s.start: s for s in countries},
    )


def doc_places(spans: list[Span]) -> list[Span]:
    """The places of the doc the spans belong to (the gazetteer's ``dw_places``)."""
    if not spans:
        return []
    return list(spans[0].doc.spans.get(PLACES_KEY, []))


def find_people(
    doc: Doc, gaz: Gazetteer, actors: list[Span], roles: list[Span], date: str | None
) -> tuple[list[PersonMention], PeopleResolver]:
    """Person mentions of ``doc`` and the resolver holding each person's final record."""
    ctx = build_context(actors, roles)
    resolver = PeopleResolver(gaz, date)
    mentions = []
    for span in candidate_names(doc, gaz, actors, ctx):
        m = resolver.resolve(span, ctx)
        if m is not None:
            mentions.append(m)
    taken = {i for s in [*actors, *(m.span for m in mentions)] for i in range(s.start, s.end)}
    taken |= {i for r in roles for i in range(r.start, r.end)}
    mentions += resolver.surname_mentions(doc, ctx, taken)
    return sorted(mentions, key=lambda m: m.span.start), resolver
