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
"""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex, filter_spans

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
        doc.spans[PLACES_KEY] = [s for s in longest if s.label_ == "place"]
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
