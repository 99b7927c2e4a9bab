"""A spaCy component that marks gazetteer phrases and titles in a ``Doc``.

``dyadwatch_gazetteer`` runs after ``ner``. It writes two span groups:

* ``doc.spans["dw_actors"]``: non-overlapping phrases naming a state, a person, an
  organisation or an IGO; ``span.kb_id_`` is the target (ISO3 or actor id) and
  ``span.label_`` says how the phrase names it (``name``, ``demonym``, ``capital``, ``seat``,
  ``historical``, ``person``, ``org``, ``igo``; combining forms and languages report
  ``demonym``). Places and blocked phrases win their overlaps and are then dropped.
* ``doc.spans["dw_roles"]``: titles (``Foreign Minister``, ``envoy``); ``label_`` is the
  canonical title (may be empty), ``kb_id_`` its family.
* ``doc.spans["dw_places"]``: the places dropped from ``dw_actors`` (cities, regions: "Juba",
  "the Gaza Strip"), ``kb_id_`` their state. They name no actor, but the event coder reads a
  place as the recipient of an act done there ("shelled Juba", "arrived in Amman").
  ``label_`` says how the place is used: ``place`` (a city or region), ``location`` (a
  capital after "in", "at" …), ``venue`` (part of a name: "the Berne Agreement") or
  ``dateline``; venues and datelines are never recipients.

A capital or a seat of government names its state only when it acts ("*Moscow* said", "the
*Ankara* government"). Used as a place it joins ``dw_places``: a location or venue ("monitored
*in London*", "the court *in The Hague*"), part of a name ("the *Berne* Agreement", "the
*Tashkent* summit", "the Treaty of *Rome*") or a dateline ("ANKARA, March 29 -"). A state's
name glued to a participle ("a *Canadian*-led consortium", "*Iranian*-backed militias")
describes, and names no actor.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex, filter_spans

from dyadwatch.extract.vocab import load_vocab
from dyadwatch.ontology import COMPOUND_HOWS, NAME_PARTICLES, Alias, Gazetteer, load_gazetteer

ACTORS_KEY = "dw_actors"
ROLES_KEY = "dw_roles"
PLACES_KEY = "dw_places"
COMPONENT = "dyadwatch_gazetteer"
HYPHENS = {"-", "‐", "‑"}
_ELIDED = re.compile(r"^[a-z]{1,2}'[A-Z]")


def _key(tokens: Any) -> tuple[str, ...]:
    return tuple(t.lower_.replace("’", "'") for t in tokens)


class GazetteerMatcher:
    """Phrase matching over every alias and title of the gazetteer."""

    def __init__(self, nlp: Language, gazetteer: Gazetteer) -> None:
        self.aliases: dict[tuple[str, ...], Alias] = {}
        self.roles: dict[tuple[str, ...], tuple[str, str]] = {}
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.role_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        alias_docs = []
        for alias, pattern in zip(
            gazetteer.aliases.values(),
            _tokenizer(nlp).pipe(a.text for a in gazetteer.aliases.values()),
            strict=True,
        ):
            key = _key(pattern)
            if key not in self.aliases:
                self.aliases[key] = alias
                alias_docs.append(pattern)
        self.matcher.add("DW", alias_docs)
        role_docs = []
        for text, role in gazetteer.roles.items():
            pattern = nlp.make_doc(text)
            self.roles.setdefault(_key(pattern), (role.canonical, role.family))
            role_docs.append(pattern)
        self.role_matcher.add("ROLE", role_docs)

    def __call__(self, doc: Doc) -> Doc:
        found = []
        for _, start, end in self.matcher(doc):
            span = doc[start:end]
            alias = self.aliases.get(_key(span))
            if alias is not None and cased_ok(span, alias):
                found.append(Span(doc, start, end, label=alias.how, kb_id=alias.target))
        longest = filter_spans(found)
        kept = [s for s in longest if s.label_ not in {"place", "block"} and not _inside_person(s)]
        places = [
            Span(doc, s.start, s.end, _place(s) or "place", kb_id=s.kb_id_)
            for s in longest
            if s.label_ == "place"
        ]
        used = [(s, _place(s)) for s in kept]
        places += [Span(doc, s.start, s.end, use, kb_id=s.kb_id_) for s, use in used if use]
        doc.spans[PLACES_KEY] = sorted(places, key=lambda s: s.start)
        kept = [s for s, use in used if use is None and not _described(s) and not _stance(s)]
        checked = [_compound_ok(s, kept) for s in kept]
        doc.spans[ACTORS_KEY] = [s for s in checked if s is not None]
        roles = []
        for _, start, end in self.role_matcher(doc):
            canonical, family = self.roles[_key(doc[start:end])]
            roles.append(Span(doc, start, end, label=canonical, kb_id=family))
        doc.spans[ROLES_KEY] = filter_spans(roles)
        return doc


def cased_ok(span: Span, alias: Alias) -> bool:
    """Proper names are capitalised in running text; exact aliases must match as written."""
    if alias.exact:
        return span.text == alias.text and not _shouting(span)
    for tok in span:
        if not tok.is_alpha and not _ELIDED.match(tok.text):
            continue
        if tok.text[:1].isupper() or tok.lower_ in NAME_PARTICLES or _ELIDED.match(tok.text):
            continue
        return False
    return True


def _shouting(span: Span) -> bool:
    """An upper-case short form inside upper-case text ("LET US KNOW") is a word, not a name."""
    if len(span.text.replace(".", "")) > 4:
        return False
    doc = span.doc
    neighbours = [doc[i] for i in (span.start - 1, span.end) if 0 <= i < len(doc)]
    return any(t.is_alpha and t.is_upper and len(t) > 1 for t in neighbours)


def _inside_person(span: Span) -> bool:
    """A one-word place name inside a longer PERSON entity ("Chad Smith") names no state."""
    if len(span) != 1 or span.label_ not in {"name", "capital", "demonym"}:
        return False
    for ent in span.doc.ents:
        if ent.label_ == "PERSON" and ent.start <= span.start and span.end <= ent.end:
            return len(ent) > 1
    return False


# Prepositions that make a capital a location ("in London", "to Moscow"); "from", "by", "with",
# "against", "of", "for" leave it an actor ("pressure from Washington", "talks with Moscow").
LOCATIVE_PREPS = frozenset(
    {"in", "at", "near", "outside", "inside", "into", "to", "via", "through", "across", "around",
     "off", "toward", "towards", "within", "throughout", "beyond", "onto"}
)  # fmt: skip
# Nouns a place name can be part of without acting. Agreements, meetings and events named
# after a city say nothing about its state ("the Berne Agreement", "the Tashkent summit"):
# venues. Institutions named after one lie in its state ("Baghdad University", "Narita
# airport"): as a recipient they stand for it, as a place does.
VENUE_NOUNS = frozenset(
    {"agreement", "accord", "accords", "treaty", "protocol", "pact", "convention", "declaration",
     "conference", "summit", "talks", "meeting", "meetings", "process", "communique", "charter",
     "round", "formula", "framework", "plan", "initiative", "marathon", "festival", "games",
     "olympics", "consensus", "group", "format", "dialogue", "forum"}
)  # fmt: skip
INSTITUTION_NOUNS = frozenset(
    {"airport", "university", "exchange", "market", "bourse", "stock", "club", "court",
     "tribunal", "port", "harbour", "harbor", "office", "bureau", "station", "school",
     "hospital", "college", "refinery", "plant"}
)  # fmt: skip
PLACE_HOWS = frozenset({"capital", "seat", "place"})
# Prepositions after which a state's name says where, not who: "a press conference *in*
# Luxembourg". "to", "into", "from" leave it an actor ("sent troops to Kuwait").
WHERE_PREPS = frozenset({"in", "at", "near", "inside", "outside", "throughout", "within"})
# Meetings named after the state that hosts them ("the Singapore summit", "the Helsinki
# conference"); "the Iran talks", "the Syria conference" name their subject: never venues.
SUMMIT_NOUNS = frozenset({"summit", "summits"})
NAME_ENTS = frozenset({"LAW", "EVENT", "FAC", "WORK_OF_ART"})


def _place(span: Span) -> str | None:
    """How a capital or seat of government is used as a place, not as its government:
    ``dateline``, ``venue`` (part of a name) or ``location``; None when it acts (module doc)."""
    doc = span.doc
    if span.label_ == "name" and doc.has_annotation("DEP"):
        root = span.root  # "the Singapore summit": a meeting named after where it is held
        if root.dep_ == "compound" and root.head.lower_ in SUMMIT_NOUNS:
            return "venue"
    if span.label_ == "name" and _where_state(span):
        return "location"
    if span.label_ == "name" and doc.has_annotation("DEP") and _named_water(span):
        return "venue"  # "the Gulf of Guinea", "the Sea of Japan": a name, not the state's
    if span.label_ in {"name", "demonym"} and doc.has_annotation("DEP") and _terrain(span):
        return "location"
    if span.label_ not in PLACE_HOWS:
        return None
    if _dateline(span):
        return "dateline"
    if any(
        e.label_ in NAME_ENTS and e.start <= span.start and span.end <= e.end and len(e) > len(span)
        for e in doc.ents
    ):
        return "venue"
    parsed = doc.has_annotation("DEP")
    root = span.root
    head = root.head
    if parsed and root.dep_ in {"compound", "nmod", "amod"} and head.lower_ in VENUE_NOUNS:
        return "venue"  # "the Berne Agreement", "the Tashkent summit"
    if parsed and root.dep_ in {"compound", "nmod"} and head.lower_ in INSTITUTION_NOUNS:
        return "location"  # "Baghdad University": in the state, not its government
    if parsed and root.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in VENUE_NOUNS:
        return "venue"  # "the Treaty of Rome", "the Declaration of Tashkent"
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ == "the" and span.start > 1:
        before = doc[span.start - 2]
    if before is not None and before.lower_ == "to":
        # "flew to Moscow" is a journey's end, "a request to Washington" an addressee
        return "location" if parsed and before.head.pos_ in {"VERB", "AUX"} else None
    if before is not None and before.lower_ in LOCATIVE_PREPS and before.pos_ in {"ADP", ""}:
        return "location"
    if parsed and root.dep_ == "pobj" and head.lower_ in LOCATIVE_PREPS:
        return "location" if head.lower_ != "to" or head.head.pos_ in {"VERB", "AUX"} else None
    if parsed and span.label_ == "capital" and _named_after(span):
        return "venue"  # "the *London* Interbank Offered Rate", "*Tokyo* Electric Power"
    return None


def _named_after(span: Span) -> bool:
    """A city that begins the proper name of a thing: its word before two or more capitalised
    words that name no part of a state ("*London* Interbank Offered Rates", "*Tokyo* Electric
    Power"), unlike "*Tehran* Radio" or "the *Kabul* Government", which speak for one."""
    root = span.root
    head = root.head
    if root.dep_ not in {"compound", "nmod"} or head.i <= root.i or span.end != root.i + 1:
        return False
    if head.pos_ not in {"PROPN", "NOUN"}:
        return False
    names = [span.doc[i] for i in range(span.end, head.i + 1)]
    if len(names) < 2 or not all(t.text[:1].isupper() and not t.is_upper for t in names):
        # "Moscow's new government", "the Moscow talks", a headline in capitals; a city and
        # one word ("the Peking Review", "the Washington Post") is the state's press
        return False
    if any(t.ent_type_ == "PERSON" for t in names):
        return False  # "ambassador to *Moscow* Salah Bassiouni": the post, not a name
    agents = load_gazetteer().agents
    return not any(agents.get(t.lower_) or t.lower_ in BODY_WORDS for t in names)


# Words that make a name one of a public body ("the Peking Municipal People's Congress").
BODY_WORDS = frozenset(
    {"council", "committee", "commission", "office", "board", "agency", "service",
     "department", "bureau", "directorate", "congress", "assembly", "court"}
)  # fmt: skip


def _where_state(span: Span) -> bool:
    """A state's name that says where something happened: "a press conference *in
    Luxembourg*", "talks *at* Turkey's border"; the state stays a recipient as a place."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ == "the" and span.start > 1:
        before = doc[span.start - 2]
    if before is None or before.lower_ not in WHERE_PREPS or before.pos_ not in {"ADP", ""}:
        return False
    root = span.root
    if doc.has_annotation("DEP") and root.dep_ in {"compound", "amod", "nmod", "poss"}:
        # the preposition's object is an act the state does: "anger *at the U.S. expulsion*
        # of Soviet diplomats", "casualties *in Iran's offensive*"; "at Turkey's border", "in
        # the U.S. market" are places
        acts = load_vocab().nouns
        noun = root.head
        if noun.i >= span.end and (noun.lower_ in acts or noun.lemma_.lower() in acts):
            return False
    # people of the state are its society, not a location: "opposition groups in Zimbabwe"
    return not (before.dep_ == "prep" and before.head.tag_ in {"NNS", "NNPS"})


# Features of a state's geography: "the Gulf *of Guinea*", "*Kuwaiti* waters", "the *Afghan*
# border", "three *Greek* islands" name places in or by the state, not the state acting.
TERRAIN_NOUNS = frozenset(
    {"gulf", "sea", "bay", "strait", "straits", "coast", "coastline", "island", "islands",
     "water", "waters", "border", "borders", "frontier", "territory", "soil", "airspace",
     "mainland", "shore", "shores", "port", "ports", "province", "region", "capital"}
)  # fmt: skip


def _terrain(span: Span) -> bool:
    """A state's name or demonym on a feature of its geography (see TERRAIN_NOUNS)."""
    root = span.root
    head = root.head
    if root.dep_ in {"amod", "compound", "poss", "nmod"}:
        return head.lemma_.lower() in TERRAIN_NOUNS and head.pos_ in {"NOUN", "PROPN"}
    if root.dep_ == "pobj" and head.lower_ == "of":
        return head.head.lemma_.lower() in TERRAIN_NOUNS
    return False


# Bodies of water named after a state they do not belong to ("the Gulf of Guinea", "the Bay of
# Bengal", "the Sea of Japan"), when written as a name (capitalised).
WATER_NOUNS = frozenset({"gulf", "sea", "bay", "ocean", "strait", "straits", "channel", "bight"})


def _named_water(span: Span) -> bool:
    root = span.root
    if root.dep_ != "pobj" or root.head.lower_ != "of":
        return False
    water = root.head.head
    return water.lower_ in WATER_NOUNS and water.text[:1].isupper()


def _dateline(span: Span) -> bool:
    """A place opening a line and followed by a comma, a parenthesis or a dash, or written in
    capitals there: a wire dateline ("ANKARA, March 29 -", "MOSCOW (Reuters) -")."""
    doc = span.doc
    first = span.start == 0 or "\n" in doc[span.start - 1].whitespace_ + doc[span.start - 1].text
    if not first:
        return False
    nxt = doc[span.end].text if span.end < len(doc) else ""
    return nxt in {",", "(", "-", "–", "—"} or span.text.isupper()


def _stance(span: Span) -> bool:
    """A state's name after "pro-", "anti-" or "non-" names a stance ("pro-Iranian",
    "anti-American"), not the state."""
    doc = span.doc
    if span.start < 2 or doc[span.start - 1].text not in HYPHENS:
        return False
    return doc[span.start - 2].lower_ in {"pro", "anti", "non"}


def _described(span: Span) -> bool:
    """A state's name glued by a hyphen to a participle: "a *Canadian*-led consortium"."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].text not in HYPHENS:
        return False
    if doc[span.end - 1].whitespace_ or doc[span.end].whitespace_:
        return False
    word = doc[span.end + 1]
    return word.tag_ == "VBN" or (word.is_alpha and word.lower_.endswith("ed") and word.is_lower)


def _compound_ok(span: Span, spans: list[Span]) -> Span | None:
    """Keep a combining form or a language only when hyphenated to another state's name."""
    if span.label_ not in COMPOUND_HOWS:
        return span
    doc = span.doc
    starts = {s.start for s in spans if s is not span}
    ends = {s.end for s in spans if s is not span}
    after = span.end < len(doc) and doc[span.end].text in HYPHENS
    before = span.start > 0 and doc[span.start - 1].text in HYPHENS
    joined_after = after and not doc[span.end - 1].whitespace_ and span.end + 1 in starts
    joined_before = before and not doc[span.start - 1].whitespace_ and span.start - 1 in ends
    if joined_after or joined_before:
        return Span(doc, span.start, span.end, label="demonym", kb_id=span.kb_id_)
    return None


@Language.factory(COMPONENT)
def make_gazetteer_matcher(nlp: Language, name: str) -> GazetteerMatcher:
    """spaCy factory: ``nlp.add_pipe("dyadwatch_gazetteer", after="ner")``."""
    return GazetteerMatcher(nlp, load_gazetteer())


def add_hyphen_infix(nlp: Language) -> None:
    """Split "U.S.-Pakistan" into "U.S.", "-", "Pakistan" as spaCy already does "US-Pakistan"."""
    infixes = [*(nlp.Defaults.infixes or []), r"(?<=[A-Z]\.)[-‐‑](?=[A-Z])"]
    _tokenizer(nlp).infix_finditer = compile_infix_regex(infixes).finditer


def _tokenizer(nlp: Language) -> Any:
    """The pipeline's tokenizer (typed loosely: spaCy annotates it as a plain callable)."""
    return nlp.tokenizer
