"""The actor stage: documents in, the actors each one names (with evidence spans) out.

spaCy's NER and the gazetteer component (:mod:`dyadwatch.extract.gazetteer`) mark names;
:func:`extract_actors` turns one parsed document into a :class:`~dyadwatch.model.DocActors`:
states (ISO3), people (``PER:…``), organisations (``ORG:…``) and IGOs (``IGO:…``), every
mention as exact character offsets, and every sentence with the dyads it speaks about.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from itertools import combinations, pairwise
from typing import TYPE_CHECKING

from dyadwatch.config import Config
from dyadwatch.errors import ModelMissing
from dyadwatch.extract.gazetteer import ACTORS_KEY, COMPONENT, ROLES_KEY, add_hyphen_infix
from dyadwatch.extract.people import POSSESSIVE, PeopleResolver, doc_sentences, find_people
from dyadwatch.model import Actor, ActorKind, DocActors, Document, Mention, Sentence, dyad_key
from dyadwatch.ontology import Gazetteer, country_name, load_gazetteer, slug

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

# Words that make an ORG entity a body of a state ("Pakistan's Ministry of Petroleum").
ORGAN_WORDS = frozenset(
    {
        "ministry", "government", "army", "navy", "military", "parliament", "senate", "cabinet",
        "embassy", "consulate", "police", "intelligence", "duma", "majlis", "knesset", "rangers",
        "guard", "forces", "department", "secretariat",
    }
)  # fmt: skip
ORGAN_PHRASES = ("air force", "foreign office", "central bank", "supreme court", "high commission")
UNUSED_PIPES = ["lemmatizer"]
# Actor kinds that speak for their state in a sentence's dyads (an NGO or an armed group based
# in a state does not).
STATE_KINDS = frozenset({"country", "person", "org"})


def _actor_for_country(iso3: str) -> Actor:
    return Actor(actor_id=iso3, name=country_name(iso3), kind="country", country=iso3)


def _organ_country(ent: Span, countries: list[Span]) -> str | None:
    """The one state an ORG entity belongs to: named inside it or just before it."""
    doc = ent.doc
    naming = [s for s in countries if s.label_ in {"name", "demonym", "historical"}]
    inside = {s.kb_id_ for s in naming if ent.start <= s.start and s.end <= ent.end}
    if len(inside) == 1:
        return inside.pop()
    if inside:
        return None
    j = ent.start
    if j - 1 >= 0 and doc[j - 1].text in POSSESSIVE:
        j -= 1
    before = [s for s in naming if s.end == j]
    return before[0].kb_id_ if before else None


def find_organs(doc: Doc, actors: list[Span]) -> list[tuple[Span, Actor]]:
    """State bodies among the NER's ORG entities: ("the Pakistan Government", ORG:pak_…)."""
    countries = [s for s in actors if len(s.kb_id_) == 3]
    others = [s for s in actors if len(s.kb_id_) != 3]
    out = []
    for ent in doc.ents:
        lower = ent.text.lower()
        organ = ORGAN_WORDS.intersection(t.lower_ for t in ent) or any(
            p in lower for p in ORGAN_PHRASES
        )
        if ent.label_ != "ORG" or not organ:
            continue
        if any(s.start < ent.end and ent.start < s.end for s in others):
            continue
        start = ent.start + 1 if ent[0].lower_ == "the" else ent.start
        end = ent.end - 1 if ent[-1].text in POSSESSIVE else ent.end
        span = doc[start:end]
        iso3 = _organ_country(ent, countries)
        if iso3 is None or not span.text.strip() or "\n" in span.text:
            continue
        lead = next((c.end for c in countries if c.start == span.start), span.start)
        name = doc[lead:end].text if lead < end else span.text
        actor_id = f"ORG:{iso3.lower()}_{slug(name)}"
        sector = agent_sector(load_gazetteer(), span.root) or "GOV"
        out.append((span, Actor(actor_id, span.text, "org", country=iso3, sector=sector)))
    return out


def _person_actor(resolver: PeopleResolver, actor_id: str) -> Actor:
    k = resolver.actor(actor_id)
    return Actor(
        actor_id, k.name, "person", country=k.country, role=k.role or None, sector=k.sector
    )


def _gazetteer_actor(gaz: Gazetteer, span: Span) -> Actor:
    target = span.kb_id_
    if len(target) == 3:
        return _actor_for_country(target)
    org = gaz.orgs[target]
    if org.kind == "igo":
        return Actor(target, org.name, "igo")
    kind: ActorKind = "ngo" if org.kind == "ngo" else "org"
    if org.kind == "armed_group":
        kind = "armed_group"
    return Actor(target, org.name, kind, country=org.country, sector=org.sector)


def agent_sector(gaz: Gazetteer, noun: Token) -> str | None:
    """The sector an agent noun names, with the compounds before it: "*general staff*" MIL,
    "*warships*" MIL, "*foreign ministry*" GOV, "*chipmakers*" BUS; None for other nouns."""
    if noun.pos_ not in {"NOUN", "PROPN"}:
        return None
    compounds = [c for c in noun.children if c.dep_ == "compound" and c.i < noun.i]
    low = noun.lower_
    forms = list(dict.fromkeys([noun.lemma_.lower() or low, low, *_singulars(low)]))
    for k in range(min(2, len(compounds)), -1, -1):
        for head in forms:
            words = [c.lower_ for c in compounds[len(compounds) - k :]]
            sector = gaz.agents.get(" ".join([*words, head]))
            if sector is not None:
                return sector
    if compounds:  # "*opposition* groups", "*business* leaders"
        found = gaz.agents.get(compounds[0].lemma_.lower() or compounds[0].lower_)
        if found is not None:
            return found
    for adj in (c for c in noun.children if c.dep_ == "amod"):  # "*military* officials"
        found = gaz.agents.get(adj.lower_)
        if found in {"MIL", "COP", "SPY", "OPP", "REB"}:
            return found
    return None


def _singulars(word: str) -> list[str]:
    """Singular guesses for a plural where no lemmatizer ran: "warships", "militias"."""
    if word.endswith("ies"):
        return [word[:-3] + "y"]
    if word.endswith("es"):
        return [word[:-2], word[:-1]]
    return [word[:-1]] if word.endswith("s") else []


def _mention_sector(gaz: Gazetteer, span: Span) -> str | None:
    """The part of a state a country mention names by the noun it modifies: "*Greek*
    warships" MIL, "*Turkey's* navy" MIL, "the army *of Pakistan*" MIL, "*the Ankara*
    government" GOV, "opposition groups *in Zimbabwe*" OPP (when nothing else says whose the
    groups are); None when the mention names the state itself. A conjunct shares the noun
    of the first ("Greek and *Turkish* warships")."""
    root = span.root
    while root.dep_ == "conj" and root.head is not root:
        root = root.head
    if root.dep_ in {"amod", "compound", "poss", "nmod"}:
        return agent_sector(gaz, root.head)
    if root.dep_ == "pobj" and root.head.lower_ == "of":
        return agent_sector(gaz, root.head.head)
    if root.dep_ == "pobj" and root.head.lower_ in {"in", "from"}:
        noun = root.head.head
        owned = any(
            c.dep_ in {"amod", "poss"} and c.text[:1].isupper() for c in noun.children
        )  # "Turkish troops in Cyprus" are Turkey's, not Cyprus's
        people = noun.tag_ in {"NNS", "NNPS"}  # "groups in Zimbabwe", not "opposition from"
        return None if owned or not people else agent_sector(gaz, noun)
    return None


def _sentences(doc: Doc) -> list[tuple[int, int]]:
    """Sentence offsets without the blank lines spaCy leaves at their ends."""
    full = doc.text  # built anew from the tokens on every access: once per document
    spans = (
        [(s.start_char, s.end_char) for s in doc_sentences(doc)]
        if doc.has_annotation("SENT_START")
        else [(0, len(full))]
    )
    out = []
    for start, end in spans:
        text = full[start:end]
        body = text.strip()
        if body:
            lead = len(text) - len(text.lstrip())
            out.append((start + lead, start + lead + len(body)))
    return out


def _dyads(countries: set[str]) -> list[str]:
    return sorted({dyad_key(a, b) for a, b in combinations(sorted(countries), 2)})


def extract_actors(doc: Document, sdoc: Doc, date: str | None = None) -> DocActors:
    """Actors, mentions and sentence dyads of one document parsed by the actor pipeline.

    ``sdoc`` must be ``nlp(doc.text)`` from a pipeline with the ``dyadwatch_gazetteer``
    component (NER and a parser are used when present, not required). ``date`` (else
    ``doc.date``) decides which office a known person held.
    """
    gaz = load_gazetteer()
    actors_spans = list(sdoc.spans[ACTORS_KEY]) if ACTORS_KEY in sdoc.spans else []
    roles = list(sdoc.spans[ROLES_KEY]) if ROLES_KEY in sdoc.spans else []
    people, resolver = find_people(sdoc, gaz, actors_spans, roles, date or doc.date)
    organs = find_organs(sdoc, actors_spans)
    organ_tokens = {i for s, _ in organs for i in range(s.start, s.end)}

    found: list[tuple[Span, Actor, str, str | None]] = []
    year = _year(date or doc.date)
    for s in actors_spans:
        if s.label_ == "person" or (len(s.kb_id_) == 3 and s.start in organ_tokens):
            continue
        org = gaz.orgs.get(s.kb_id_)
        if org is not None and org.founded is not None and year is not None and year < org.founded:
            continue  # "CIS stock" in 1987: no Commonwealth of Independent States yet
        actor = _gazetteer_actor(gaz, s)
        sector = _mention_sector(gaz, s) if actor.kind == "country" else actor.sector
        found.append((s, actor, s.label_, sector))
    found += [(s, a, "org", a.sector) for s, a in organs]
    found += [(m.span, _person_actor(resolver, m.actor_id), "person", m.sector) for m in people]
    found.sort(key=lambda f: (f[0].start_char, f[0].end_char))

    result = DocActors(doc_id=doc.doc_id)
    seen: dict[str, Actor] = {}
    for span, actor, how, sector in found:
        seen.setdefault(actor.actor_id, actor)
        text = doc.text[span.start_char : span.end_char]
        result.mentions.append(
            Mention(doc.doc_id, span.start_char, span.end_char, text, actor.actor_id, how, sector)
        )
    result.actors = list(seen.values())
    for start, end in _sentences(sdoc):
        states = {
            c
            for m in result.mentions
            if start <= m.start and m.end <= end
            for c in [seen[m.actor_id].country]
            if c and len(c) == 3 and seen[m.actor_id].kind in STATE_KINDS
        }
        result.sentences.append(Sentence(doc.doc_id, start, end, _dyads(states)))
    return result


def _year(date: str | None) -> int | None:
    """The year of an ISO date ("1987-03-27", "1987"), if it has one."""
    return int(date[:4]) if date and date[:4].isdigit() else None


LINE_BREAKS = "dyadwatch_line_breaks"


def breaks_line(prev: Token, token: Token) -> bool:
    """A line break ends a sentence (titles, list items and paragraphs never run together),
    unless the next line goes on in lower case: a hard-wrapped line ("… in\\nthe Bahia zone")."""
    if "\n" not in prev.text and "\n" not in prev.whitespace_:
        return False
    return not token.text[:1].islower()


# Words that open a sentence and, capitalised, hardly stand inside one (a capitalised "He"
# after a verb is a name: "quoted *He* as saying").
OPENERS = frozenset(
    {"The", "An", "During", "In", "On", "At", "After", "Before", "When", "While", "But",
     "However", "Meanwhile", "This", "These", "Those", "It", "He", "She", "They", "We", "Its",
     "His", "Her", "Their", "Since", "As", "If", "Although", "Though", "According", "Despite",
     "Following", "Last", "Earlier", "Later", "Under", "With", "There", "Some", "Many", "Most"}
)  # fmt: skip


def glued_heading(prev: Token, token: Token) -> bool:
    """A subheading run into its paragraph when the text lost its line breaks ("… residence
    qualifications. Chinese demand *The* changes in Japanese immigration policy …"): a
    capitalised opener after a lower-case noun, adjective, adverb or present-tense verb (the
    tagger reads "Chinese *demand*" as one) and before a lower-case word. After a past verb,
    "say", a preposition or a conjunction it is a name or a title ("quoted He as saying",
    "won for On the Waterfront")."""
    if token.text not in OPENERS or not prev.text.isalpha() or not prev.text.islower():
        return False
    if prev.whitespace_ != " " or prev.lower_ in {"say", "says"}:
        return False
    if prev.tag_[:2] not in {"NN", "JJ", "RB"} and prev.tag_ not in {"VBP", "VBZ"}:
        return False
    after = token.nbor() if token.i + 1 < len(token.doc) else None
    return after is not None and after.text[:1].islower()


def _line_breaks(doc: Doc) -> Doc:
    for prev, token in pairwise(doc):
        if breaks_line(prev, token) or glued_heading(prev, token):
            token.is_sent_start = True
    return doc


def register_line_breaks() -> None:
    """Register the ``dyadwatch_line_breaks`` component (once per process)."""
    from spacy.language import Language

    if not Language.has_factory(LINE_BREAKS):
        Language.component(LINE_BREAKS, func=_line_breaks)


def load_spacy(model: str, exclude: tuple[str, ...] = ()) -> Language:
    """A fresh trained pipeline that splits hyphenated compounds and ends sentences at line
    breaks; a clear error when the model is not installed."""
    import spacy

    try:
        nlp = spacy.load(model, exclude=list(exclude))
    except OSError as e:
        raise ModelMissing(
            f"spaCy model {model!r} is not installed; install it with `pip install {model}` "
            "or set Config.spacy_model to an installed pipeline"
        ) from e
    add_hyphen_infix(nlp)
    register_line_breaks()
    nlp.add_pipe(LINE_BREAKS, before="parser" if "parser" in nlp.pipe_names else None)
    return nlp


@functools.cache
def load_pipeline(model: str) -> Language:
    """The trained pipeline with the gazetteer after ``ner``; loaded once per model name."""
    nlp = load_spacy(model, tuple(UNUSED_PIPES))
    nlp.add_pipe(COMPONENT, after="ner" if "ner" in nlp.pipe_names else None)
    return nlp


class ActorExtractor:
    """The actor stage: ``pipe(documents)`` yields one :class:`DocActors` per document."""

    def __init__(self, cfg: Config) -> None:
        self.cfg = cfg
        self.nlp = load_pipeline(cfg.spacy_model)

    def pipe(self, docs: Iterable[Document]) -> Iterator[DocActors]:
        stream = ((d.text, d) for d in docs)
        for sdoc, doc in self.nlp.pipe(
            stream, as_tuples=True, batch_size=self.cfg.batch_size, n_process=self.cfg.n_process
        ):
            yield extract_actors(doc, sdoc)

    def __call__(self, doc: Document) -> DocActors:
        return extract_actors(doc, self.nlp(doc.text))
