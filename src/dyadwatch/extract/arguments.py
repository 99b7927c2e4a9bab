"""Who a noun phrase names: actors of subjects, objects and recipients in a dependency parse.

:class:`ActorIndex` maps the actor stage's mentions onto the tokens of a parsed ``Doc``.
:meth:`ActorIndex.np_actors` reads the actors of a noun phrase from its head: the head itself
("Pakistan", "Sergey Lavrov"), else its modifiers ("the *Azerbaijani* parliament", "*Russia's*
foreign minister", "*Israeli* army bulldozers"), else an "of/in/from" phrase ("the government
*of Pakistan*", "opposition groups *in Zimbabwe*"), each conjunct of a coordination ("Russia
and Pakistan"), never an apposition or a relative clause ("Pakistan, *a key U.S. ally*, …").
Pronouns and "the two countries" are resolved by :class:`Context`: the subject of the clause
that reports them ("Syria says *it* …"), else the actors of the sentence before.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from dyadwatch.extract.actors import agent_sector
from dyadwatch.extract.gazetteer import HYPHENS, PLACES_KEY, ROLES_KEY
from dyadwatch.extract.people import sentence_bounds
from dyadwatch.extract.vocab import load_vocab
from dyadwatch.model import Actor, DocActors
from dyadwatch.ontology import load_gazetteer

ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "iobj", "agent"})
PARTY_PREPS = frozenset({"with", "to", "by", "from", "against", "on", "upon"})
# Dependents that open a clause of their own inside a phrase.
CLAUSE_DEPS = frozenset({"relcl", "acl", "ccomp", "advcl", "xcomp"})
# Prepositions that say where something happened, not whom it touched.
WHERE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "within", "throughout", "across"})
MOD_DEPS = frozenset({"poss", "compound", "amod", "nmod", "npadvmod", "nummod", "quantmod"})
NP_PREPS = ("of", "in", "from", "throughout", "across")
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
PERSONAL = {"he": "person", "she": "person", "him": "person", "her": "person", "his": "person"}
NEUTER = {"it": "thing", "its": "thing", "itself": "thing"}
PLURAL = {
    "they": "any",
    "them": "any",
    "their": "any",
    "themselves": "any",
    "we": "any",
    "us": "any",
    "our": "any",
}
FIRST_PLURAL = frozenset({"we", "us", "our"})
PAIR_NOUNS = frozenset(
    {"country", "nation", "state", "side", "neighbor", "neighbour", "government", "capital",
     "party", "power", "partner", "ally", "leader", "people", "army", "navy", "military",
     "force", "minister", "delegation", "economy", "superpower"}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Ref:
    """An actor named at token offsets ``start:end`` of the parsed doc, as the coder codes it.

    ``code`` is the ISO3 code of the state the actor is or belongs to (a person or a state
    body counts for its state), else the actor id (IGOs, organisations without a state,
    people whose state is unknown).
    """

    code: str
    actor_id: str
    kind: str
    start: int
    end: int
    how: str = "name"
    sector: str | None = None
    """The part of the state that acts (GOV, MIL, BUS …), from the mention."""


# Kinds that are actors of their own, never counted for the state they are based in.
OWN_KINDS = frozenset({"igo", "ngo", "armed_group"})


def actor_code(actor: Actor) -> str:
    """ISO3 for states and for people and organisations of a state; the actor id otherwise
    (IGOs, NGOs, armed groups, people and organisations of no known state)."""
    if actor.kind in OWN_KINDS:
        return actor.actor_id
    return actor.country or actor.actor_id


def unique(refs: list[Ref]) -> list[Ref]:
    """One ref per code, in order."""
    seen: set[str] = set()
    out = []
    for r in refs:
        if r.code not in seen:
            seen.add(r.code)
            out.append(r)
    return out


@dataclass(slots=True)
class Context:
    """What earlier sentences of the paragraph said: for pronouns and implied actors."""

    previous: list[Ref] = field(default_factory=list)
    """Actors of the previous sentence of the paragraph, its subject's first."""
    pair: tuple[Ref, Ref] | None = None
    """The last two states the paragraph named together."""
    story: tuple[str, str] | None = None
    """The two states the whole story is about (the pair its sentences name most), if one
    pair clearly leads."""
    home: str | None = None
    """The state of the story's dateline: whose "the government" a wire story means."""
    subject: list[Ref] = field(default_factory=list)
    """Actors of the main subject of the previous sentence of the paragraph: whom "they" and
    "them" mean when it names some ("The United States and the UN condemned Thailand …
    *They* say …")."""


# Prepositions whose object is what is talked of ("a meeting *on* Afghanistan").
TOPIC_PREPS = frozenset({"on", "about", "over", "concerning", "regarding"})


def _matter(tok: Token) -> bool:
    """The object of "on", "over" or "about" that names a matter (``topic_nouns`` in
    event_vocab.toml): the state named in it is what is talked of, not a party."""
    if tok.dep_ != "pobj" or tok.head.lower_ not in TOPIC_PREPS:
        return False
    return load_vocab().word("topic_nouns", tok.lower_)


# Nouns whose possessor names whom they stand against, not whose they are: "*Iran's*
# enemies" are not Iran. An adjective still says what they are: "Apple's *Chinese* rival".
OTHER_SIDE = frozenset(
    {"rival", "opponent", "enemy", "foe", "adversary", "challenger", "competitor"}
)


class ActorIndex:
    """The actor mentions of one parsed document, by token."""

    def __init__(self, sdoc: Doc, actors: DocActors) -> None:
        self.doc = sdoc
        by_id = {a.actor_id: a for a in actors.actors}
        self.refs: list[Ref] = []
        self.by_token: dict[int, Ref] = {}
        for m in actors.mentions:
            span = sdoc.char_span(m.start, m.end, alignment_mode="expand")
            actor = by_id.get(m.actor_id)
            if span is None or actor is None:
                continue
            ref = Ref(
                actor_code(actor), actor.actor_id, actor.kind, span.start, span.end, m.how, m.sector
            )
            self.refs.append(ref)
            for i in range(span.start, span.end):
                self.by_token[i] = ref
        self._resolving: set[int] = set()
        self.titled = {s.end for s in sdoc.spans.get(ROLES_KEY, [])}
        """Token offsets right after a title: where a titled name starts."""
        self.places: dict[int, Ref] = {}
        for span in sdoc.spans.get(PLACES_KEY, []):
            if span.label_ in {"venue", "dateline"}:
                continue  # part of a name ("the Berne Agreement") or a dateline: no recipient
            place = Ref(span.kb_id_, span.kb_id_, "place", span.start, span.end, span.label_)
            for i in range(span.start, span.end):
                self.places.setdefault(i, place)

    def sentence(self, tok: Token) -> tuple[int, int]:
        """Token offsets of the sentence holding ``tok``."""
        starts, ends = sentence_bounds(self.doc)
        return starts[tok.i], ends[tok.i]

    def place(self, tok: Token) -> Ref | None:
        """The place (city, region) at ``tok``, standing for its state as a recipient ("shelled
        *Juba*", "arrived *in Amman*"); never an actor, nor the seat of one ("the International
        Court of Justice *in The Hague*")."""
        place = self.places.get(tok.i)
        if place is None:
            return None
        root = self.doc[place.end - 1]
        seat = root.dep_ == "pobj" and root.head.lower_ in WHERE_PREPS
        if seat and root.head.head.i in self.by_token:
            return None  # the seat of an actor: "the International Court of Justice in The Hague"
        return place

    def at(self, tok: Token) -> Ref | None:
        """The actor named at ``tok``. An ethnic group ("ethnic Albanians") names no state,
        nor does "pro-Iranian" or "anti-Syria"."""
        ref = self.by_token.get(tok.i)
        if ref is None or ref.start == 0:
            return ref
        before = self.doc[ref.start - 1]
        if ref.how == "demonym" and before.lower_ == "ethnic":
            return None
        prefixed = ref.start > 1 and self.doc[ref.start - 2].lower_ in {"pro", "anti", "non"}
        if before.text in HYPHENS and prefixed:
            return None
        return ref

    def resolved(self, tok: Token) -> Ref | None:
        """The actor at ``tok``, a person placed by the words around the name."""
        ref = self.at(tok)
        if ref is not None and ref.kind == "person" and ref.code.startswith("PER:"):
            state = self._state_of_person(tok)
            if state is not None:
                return Ref(
                    state.code, ref.actor_id, "person", ref.start, ref.end, ref.how, ref.sector
                )
        return ref

    def raw(self, tok: Token) -> Ref | None:
        """The mention at ``tok`` whatever its context."""
        return self.by_token.get(tok.i)

    def within(self, start: int, end: int) -> list[Ref]:
        """Refs whose mention lies in tokens ``start:end``, in order."""
        return [r for r in self.refs if start <= r.start and r.end <= end]

    def np_actors(
        self, head: Token, ctx: Context | None = None, deep: bool = False, places: bool = False
    ) -> list[Ref]:
        """The actors a noun phrase names, each conjunct's in order (see module doc).

        ``deep`` also looks into the phrase's other prepositional phrases ("a ban *on
        Pakistan*", "sanctions *against Iran*"), as recipients of a patient noun may stand;
        ``places`` lets a place stand for its state (recipients only: "shelled *Juba*").
        """
        out: list[Ref] = []
        for tok in [head, *conjuncts(head)]:
            out += self._one(tok, ctx, 2 if deep else 0, places)
        return unique(out)

    def _one(self, tok: Token, ctx: Context | None, deep: int, places: bool) -> list[Ref]:
        if _matter(tok):
            return []  # "seeking concessions from the kingdom *on the Iraq issue*"
        ref = self.at(tok) or (self.place(tok) if places else None)
        if ref is not None and ref.kind == "person" and ref.code.startswith("PER:"):
            state = self._state_of_person(tok)
            if state is None:
                return [ref]
            return [
                Ref(state.code, ref.actor_id, "person", ref.start, ref.end, ref.how, ref.sector)
            ]
        if ref is not None and ref.how == "demonym":
            home = self._residence(tok, ctx)
            return home or [ref]
        if ref is not None:
            return [ref]
        low = tok.lower_
        if tok.pos_ == "PRON" or low in PERSONAL or low in NEUTER or low in PLURAL:
            return self.pronoun(tok, ctx)
        if is_pair(tok):
            return self.pair(tok, ctx)
        if tok.lemma_.lower() in OTHER_SIDE and any(c.dep_ == "poss" for c in tok.children):
            return []  # "*Iran's* enemies": the other side of the state named
        found = self.modifiers(tok, places)
        if found:
            return found
        for child in tok.children:
            if child.dep_ == "prep" and (deep or child.lower_ in NP_PREPS):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        for each in [pobj, *conjuncts(pobj)]:
                            found += self._one(each, ctx, max(deep - 1, 0), places)
            elif child.dep_ == "acl" and deep:  # "crimes committed *by Croat forces*"
                for agent in child.children:
                    if agent.dep_ == "agent":
                        found += [r for p in agent.children for r in self._one(p, ctx, 0, places)]
        if not found:  # an unknown name described by its apposition: "Sidhoum, Algeria's …"
            for child in tok.children:
                if child.dep_ == "appos":
                    found += self._one(child, ctx, 0, places)
        if not found and ctx is not None and ctx.home is not None:
            found = self._home_body(tok, ctx.home)
        if not found:
            earlier = craft_antecedent(tok)
            if earlier is not None:  # "the ship" after "a Turkish research ship"
                found = self.modifiers(earlier)
        return found

    def _home_body(self, tok: Token, home: str) -> list[Ref]:
        """ "the government", "the Foreign Ministry", "the army" named with no state of their
        own: the state whose body the sentence named before ("The Philippine government seized
        …, alleged by *the government* …"), else the dateline's ("ANKARA - … after *the
        government* said …")."""
        sector = home_sector(tok)
        if sector is None:
            return []
        start, _ = self.sentence(tok)
        before = self.within(start, tok.i)
        named = [r for r in before if r.sector in HOME_SECTORS and len(r.code) == 3]
        state = named[-1].code if named else home
        return [Ref(state, state, "country", tok.i, tok.i + 1, "dateline", sector)]

    def _residence(self, tok: Token, ctx: Context | None) -> list[Ref]:
        """ "Albanians *of southern Serbia*", "Turks *in Germany*": people of the state they
        live in (sector CVL: its society, not its government)."""
        found: list[Ref] = []
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in {"in", "of", "from"}:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        found += self._one(pobj, ctx, 1, True)
        return [
            Ref(r.code, r.actor_id, r.kind, r.start, r.end, r.how, r.sector or "CVL")
            for r in found
            if r.kind in {"country", "place"}
        ]

    def _state_of_person(self, tok: Token) -> Ref | None:
        """A person the gazetteer cannot place: the state or IGO around the name ("*Nigerian*
        junior minister Dubem Oniya", "Sidhoum, *Algeria's* leading activist"); for a titled
        name, the one state of its sentence the person does not deal with ("President
        Suharto" in Indonesia), else a lone state the person acts on directly, which may be
        their own ("Judge Rivera opened investigations against 28 Chilean officials"), but not
        one only in an act the person asks for or intends ("urged the administration to offer
        wheat to the Soviet Union"). A dateline is no guide: Washington and New York stories
        quote many foreign officials titled without their state."""
        found = [r for r in self.modifiers(tok) if r.kind != "person"]
        for c in tok.children:
            if c.dep_ == "appos":
                found += [r for r in self.np_actors(c) if r.kind != "person"]
        if found:
            return found[0]
        ref = self.by_token.get(tok.i)
        if ref is None or ref.start not in self.titled:
            return None
        start, end = self.sentence(tok)
        states = unique([r for r in self.within(start, end) if r.kind == "country"])
        direct, inner = self._counterparts(tok)
        mine = [s for s in states if s.code not in direct | inner]
        if len(mine) == 1:
            return mine[0]
        if len(states) == 1 and states[0].code not in inner:
            return states[0]
        return None

    def _counterparts(self, tok: Token) -> tuple[set[str], set[str]]:
        """States in the other arguments of the clause a person acts or is acted on in ("then
        Prime Minister Liaquat Ali Khan was invited *by the Soviet Union and the US*"), and
        those in the arguments of the acts that clause's verb governs ("urged the
        administration to offer wheat *to the Soviet Union*")."""
        verb = tok
        while verb.pos_ not in {"VERB", "AUX"} and verb.head != verb:
            verb = verb.head
        direct: set[str] = set()
        for c in verb.children:
            if tok in c.subtree:
                continue
            if c.dep_ in ARGUMENT_DEPS or (c.dep_ == "prep" and c.lower_ in PARTY_PREPS):
                direct |= {r.code for r in self.within(c.left_edge.i, c.right_edge.i + 1)}
        # the parties themselves, not what their phrases go on to tell ("called on the EU to
        # recognise the steps *that Ukraine was taking*": Ukraine is the caller's)
        inner: set[str] = set()
        clauses = [c for c in verb.children if c.dep_ == "xcomp"]
        while clauses:
            v = clauses.pop()
            for c in v.children:
                if c.dep_ == "xcomp":
                    clauses.append(c)
                elif c.dep_ in ARGUMENT_DEPS or (c.dep_ == "prep" and c.lower_ in PARTY_PREPS):
                    inner |= self._phrase_states(c)
        return direct, inner

    def _phrase_states(self, head: Token) -> set[str]:
        """The codes named in a phrase, not in the clauses inside it ("the steps *that Ukraine
        was taking*")."""
        out: set[str] = set()
        stack = [head]
        while stack:
            tok = stack.pop()
            ref = self.by_token.get(tok.i)
            if ref is not None:
                out.add(ref.code)
            stack += [c for c in tok.children if c.dep_ not in CLAUSE_DEPS]
        return out

    def modifiers(self, tok: Token, places: bool = False) -> list[Ref]:
        """Actors among the modifiers of ``tok``: possessors first, wherever they stand in the
        modifiers ("*Pakistan's* SCO membership bid" is Pakistan's, not the SCO's), then
        compounds and adjectives."""
        owners = self._possessors(tok)
        return owners if owners else self._modifiers(tok, places)

    def _possessors(self, tok: Token) -> list[Ref]:
        out: list[Ref] = []
        for child in tok.children:
            if child.dep_ == "poss" and not is_pronoun(child):
                out += [r for r in self.np_actors(child) if r.kind != "place"]
            elif child.dep_ in MOD_DEPS:
                out += self._possessors(child)
        return out

    def _modifiers(self, tok: Token, places: bool) -> list[Ref]:
        out: list[Ref] = []
        for child in tok.children:
            if child.dep_ not in MOD_DEPS:
                continue
            ref = self.at(child) or (self.place(child) if places else None)
            if ref is not None:
                out.append(ref)
                out += [r for c in conjuncts(child) if (r := self.at(c)) is not None]
            else:
                out += self._modifiers(child, places)
        return out

    def pronoun(self, tok: Token, ctx: Context | None) -> list[Ref]:
        """The antecedent of a pronoun: a governing clause's subject, else the last sentence."""
        if tok.i in self._resolving:  # a pronoun inside its own antecedent's phrase
            return []
        self._resolving.add(tok.i)
        try:
            return self._antecedent(tok, ctx)
        finally:
            self._resolving.discard(tok.i)

    def _antecedent(self, tok: Token, ctx: Context | None) -> list[Ref]:
        want = PERSONAL.get(tok.lower_) or NEUTER.get(tok.lower_) or PLURAL.get(tok.lower_)
        if want is None:
            return []
        clause = tok.head
        seen = 0
        own: set[str] = set()
        if tok.dep_ not in SUBJECTS and tok.dep_ != "poss":  # "he would welcome *him*"
            own = {
                r.code
                for c in clause.children
                if c.dep_ in SUBJECTS
                for r in self._one(c, ctx, 0, False)
            }
        while clause.head != clause and seen < 8:
            clause = clause.head
            seen += 1
            for child in clause.children:
                if child.dep_ not in SUBJECTS or child.i == tok.i:
                    continue
                if want == "thing" and child.lower_ in PLURAL:
                    continue  # "They say *it* violates …": "it" is not what "they" are
                if want == "thing" and child.tag_ in {"NNS", "NNPS"}:
                    continue  # "militants took over the train after *it* left": not them
                # "'We …,' *he* said": the speaker, through his own antecedent
                if is_pronoun(child):
                    found = self.pronoun(child, ctx)
                else:
                    found = self.np_actors(child, ctx)
                refs = [r for r in found if fits(r, want) and r.code not in own]
                if refs:
                    return refs[:1] if tok.lower_ in FIRST_PLURAL else refs
                if want == "thing" and not found and _common_thing(child):
                    # "officials said *the terror group* was on a pace to double the attacks
                    # *it* had carried out": the group, which no state stands behind
                    return []
        if want == "person":  # "… to Turkey's ambassador Nazmi Akiman when *he* met …"
            start, _ = self.sentence(tok)
            before = [r for r in self.within(start, tok.i) if r.kind == "person"]
            if before and before[-1].code not in own:
                return [self.resolved(self.doc[before[-1].start]) or before[-1]]
        previous = ctx.previous if ctx is not None else []
        fitting = [r for r in previous if fits(r, want) and r.code not in own]
        if want == "any" and tok.lower_ not in FIRST_PLURAL:
            subject = [r for r in ctx.subject if r.code not in own] if ctx is not None else []
            return subject or fitting
        return fitting[:1]  # "we" is one side, never every state named before

    def pair(self, tok: Token, ctx: Context | None) -> list[Ref]:
        """ "The two countries", "both sides": the two states named with them, or just before."""
        start, end = self.sentence(tok)
        states = unique([r for r in self.within(start, end) if r.kind == "country"])
        if len(states) == 2:
            return states
        if ctx is not None and ctx.pair is not None:
            return list(ctx.pair)
        if ctx is not None and ctx.story is not None and tok.lemma_.lower() in STATE_PAIR_NOUNS:
            # a new paragraph, where "both countries" can only be the story's pair
            return [Ref(c, c, "country", tok.i, tok.i + 1, "story") for c in ctx.story]
        return []


# State bodies a wire story names without their state when they are the dateline's: "ANKARA
# - … after *the government* said", "*A Foreign Ministry statement* said", "WASHINGTON - …
# *the administration* took the step of offering the Soviets wheat" (on Reuters, 199 of the
# 207 "the administration" are the dateline's state's, 177 from Washington; 4 are not).
HOME_BODIES = frozenset(
    {"government", "cabinet", "ministry", "army", "navy", "parliament", "administration"}
)
HOME_SECTORS = frozenset({"GOV", "MIL"})


# Craft a story names again as "the ship", "the vessel", "the plane": words of one group
# are one referent ("a Turkish research ship … the research vessel"). Warships and fleets
# are not: "a ship escorted by warships … the ship" is the ship.
CRAFT = {
    "ship": "sea", "vessel": "sea", "boat": "sea", "tanker": "sea", "freighter": "sea",
    "trawler": "sea", "ferry": "sea", "plane": "air", "aircraft": "air", "airliner": "air",
    "jet": "air", "airplane": "air", "helicopter": "air",
}  # fmt: skip
DEFINITE = frozenset({"the", "this", "that"})
CRAFT_SPAN = 300
"""How far back, in tokens, "the ship" looks for the ship it means."""


def craft_antecedent(tok: Token) -> Token | None:
    """The earlier mention that a definite craft with no owner of its own refers to: the
    nearest earlier craft of its group ("a *Turkish* research ship … the ship would not go
    …"), through other definite mentions of it ("The ship set off …"), as long as each names
    no owner. None when ``tok`` is no such description or nothing before names one."""
    group = CRAFT.get(tok.lemma_.lower())
    if group is None or tok.pos_ != "NOUN" or tok.tag_ in {"NNS", "NNPS"}:
        return None
    if not _definite(tok):
        return None
    if any(c.dep_ in {"poss", "compound", "amod"} and c.pos_ == "PROPN" for c in tok.children):
        return None
    doc = tok.doc
    for i in range(tok.i - 1, max(tok.i - CRAFT_SPAN, 0) - 1, -1):
        t = doc[i]
        if t.pos_ != "NOUN" or CRAFT.get(t.lemma_.lower()) != group or t.tag_ in {"NNS", "NNPS"}:
            continue
        if any(
            c.dep_ in {"poss", "compound", "amod", "det"} and c.lower_ not in DEFINITE
            for c in t.children
            if c.pos_ in {"ADJ", "PROPN", "PRON"}
        ):
            return t  # named with an owner: "a Turkish ship", "Kuwait's tanker"
        if not _definite(t):
            return None  # "a ship" with no owner: a new craft, nobody's that we know
    return None


def _definite(tok: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in DEFINITE for c in tok.children)


def home_sector(tok: Token) -> str | None:
    """The sector of a state body named with no state of its own (no possessor, no "of"
    phrase): "*the government*", "a *Foreign Ministry* statement", "*the army*"; else None."""
    if tok.lemma_.lower() not in HOME_BODIES:
        return None
    definite = any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children)
    named = tok.text[:1].isupper()  # "a *Foreign Ministry* statement"
    if not (definite or named) or any(c.dep_ in {"poss", "prep"} for c in tok.children):
        return None
    sector = agent_sector(load_gazetteer(), tok)
    return sector if sector in HOME_SECTORS else None


def conjuncts(tok: Token) -> list[Token]:
    """The conjuncts coordinated with ``tok`` ("Russia *and Pakistan*"), in order. A list the
    parser took for an apposition ("Mordor, Rohan and Bree": Rohan an apposition with a
    conjunct) counts as coordination; a true apposition has no conjunct of its own."""
    out = []
    for child in tok.children:
        listed = child.dep_ == "appos" and any(c.dep_ == "conj" for c in child.children)
        if child.dep_ == "conj" or listed:
            out.append(child)
            out += conjuncts(child)
    return out


def _common_thing(tok: Token) -> bool:
    """A singular common noun that "it" can mean: "the terror group", "the train"."""
    return tok.pos_ == "NOUN" and tok.tag_ == "NN"


def is_pronoun(tok: Token) -> bool:
    low = tok.lower_
    return low in PERSONAL or low in NEUTER or low in PLURAL


def plural(noun: str) -> str:
    """The regular plural of a pair noun: "country" → "countries"."""
    if noun.endswith("y") and noun[-2:-1] not in set("aeiou"):
        return noun[:-1] + "ies"
    return noun + "s"


# Pair nouns that name states only (not "both parties", "both sides", "the two leaders",
# which may be a union, a bloc or a party): with no pair in the sentence or the paragraph,
# they are the story's pair. The gate finds them before any parse by their forms.
STATE_PAIR_NOUNS = frozenset(
    {"country", "nation", "state", "neighbor", "neighbour", "government", "capital", "superpower"}
)
PAIR_FORMS = STATE_PAIR_NOUNS | {plural(n) for n in STATE_PAIR_NOUNS}


def is_pair(tok: Token) -> bool:
    """ "the two countries", "both sides", "both nations"."""
    if tok.lemma_.lower() not in PAIR_NOUNS:
        return False
    return any(
        (c.dep_ == "nummod" and c.lower_ in {"two", "2"}) or c.lower_ == "both"
        for c in tok.children
    )


def fits(ref: Ref, want: str) -> bool:
    if want == "person":
        return ref.kind == "person"
    if want == "thing":
        return ref.kind != "person"
    return True


def sentence_refs(index: ActorIndex, sent: Span) -> list[Ref]:
    """The sentence's actors, those in its main subject first."""
    # people as placed in their sentence ("Foreign Minister X" beside only Turkey), so that
    # "he" or "we" in the next one speaks for that state too
    refs = [index.resolved(index.doc[r.start]) or r for r in index.within(sent.start, sent.end)]
    return unique([*subject_refs(index, sent), *refs])


def subject_refs(index: ActorIndex, sent: Span) -> list[Ref]:
    """The actors of the sentence's main subject."""
    subj = [c for c in sent.root.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return index.np_actors(subj[0]) if subj else []
