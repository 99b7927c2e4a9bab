"""The event coder: predicates of a parsed sentence, their code and their actors.

For every verb and event noun of a sentence the coder looks up a CAMEO code (the verb frames
and event nouns of ``event_vocab.toml``, then the PETRARCH verb dictionary), reads who acts
and who receives from the dependency parse (:mod:`dyadwatch.extract.arguments`), and reads
how the text presents the act (:mod:`dyadwatch.extract.factuality`). The result is a list of
:class:`Coded` acts: events, or statements when the act is only recommended, supposed,
hedged, conditional, questioned or negated. :mod:`dyadwatch.extract.events` makes records of
them.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from dyadwatch.extract.arguments import (
    CRAFT,
    OTHER_SIDE,
    TOPIC_PREPS,
    WHERE_PREPS,
    ActorIndex,
    Context,
    Ref,
    conjuncts,
    craft_antecedent,
    is_pronoun,
    unique,
)
from dyadwatch.extract.factuality import infinitive
from dyadwatch.extract.vocab import Frame, NounEntry, Vocab, load_vocab

DEFAULT_TO = ("to", "with", "against", "on", "toward", "towards", "into", "at", "upon", "over")
OBJECT_DEPS = frozenset({"dobj", "dative", "iobj", "attr", "oprd"})
WORD_DEPS = frozenset({"compound", "amod", "nmod", "nummod", "quantmod", "prt"})
JOINT = frozenset({"joint", "bilateral", "mutual", "combined", "trilateral", "common"})
RELATIVE = frozenset({"which", "who", "that", "whom"})
SEARCH_DEPS = frozenset(
    {"prep", "pobj", "dobj", "xcomp", "advcl", "pcomp", "acl", "npadvmod", "dative", "attr",
     "compound", "amod", "poss", "nmod", "ccomp", "oprd", "prt", "appos", "relcl"}
)  # fmt: skip
COOPERATIVE = frozenset({"02", "03", "04", "05", "06", "07", "08"})
VERBAL_CONFLICT = frozenset({"09", "10", "11", "12", "13"})


@dataclass(slots=True)
class Pred:
    """A word that codes an act, and how."""

    tok: Token
    code: str
    reciprocal: bool = False
    to: tuple[str, ...] = ()
    place: str | None = None
    noun: Token | None = None
    """The event noun a light verb takes its code from ("held *talks*")."""
    consumed: list[Token] = field(default_factory=list)
    learned: bool = False
    """The category is the learned model's, not a dictionary's."""


@dataclass(slots=True)
class Coded:
    """One coded act: an event (``modality`` None) or a statement."""

    source: Ref | None
    target: Ref | None
    code: str
    trigger: Token
    wrapper: Token | None = None
    modality: str | None = None
    learned: bool = False


# -- which words code an act --------------------------------------------------------------


def lookup_names(tok: Token) -> list[str]:
    """Lemma forms to look up, phrasal ones first: "pull out", "call for", "pull"."""
    out: list[str] = []
    for lemma in _lemmas(tok):
        out += [f"{lemma} {c.lower_}" for c in tok.children if c.dep_ == "prt"]
        out += [f"{lemma} {c.lower_}" for c in tok.children if c.dep_ == "prep"][:1]
        out += [f"{lemma} {c.lower_}" for c in tok.children if c.dep_ in {"advmod", "acomp"}]
        out.append(lemma)
    return out


def _lemmas(tok: Token) -> list[str]:
    """The lemma, and for inflected verbs the stems a lemmatizer slip can hide ("staged" →
    "stag" by the model, "stage" by rule)."""
    lemma, low = tok.lemma_.lower(), tok.lower_
    out = [lemma]
    if tok.tag_ in {"VBD", "VBN"} and low.endswith("ed"):
        out += [low[:-1], low[:-2]]
    elif tok.tag_ == "VBG" and low.endswith("ing"):
        out += [low[:-3] + "e", low[:-3]]
    elif tok.tag_ == "VBZ" and low.endswith("s"):
        out += [low[:-1]]
    return list(dict.fromkeys(out))


def object_heads(tok: Token) -> list[Token]:
    """The heads of a verb's object phrases: direct and indirect objects, a passive's
    subject (or the noun a past participle describes: :func:`patient_noun`), attributes and
    prepositional objects, and conjuncts of each."""
    patient = patient_noun(tok) or relative_object(tok)
    heads = [patient] if patient is not None else []
    for c in tok.children:
        if c.dep_ in OBJECT_DEPS or c.dep_ == "nsubjpass":
            heads.append(c)
        elif c.dep_ == "prep":
            heads += [p for p in c.children if p.dep_ == "pobj"]
    return [h for head in heads for h in [head, *conjuncts(head)]]


def phrase_words(heads: list[Token]) -> set[str]:
    """Lemmas and forms of phrase heads, their modifiers and their "of" phrases."""
    words: set[str] = set()
    for h in heads:
        toks = [h, *(c for c in h.children if c.dep_ in WORD_DEPS)]
        # an amount says what it is after "of" or "in": "300 mln dlrs *in tariffs*"
        preps = {"of", "in"} if _amount(h) else {"of"}
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ in preps:
                toks += [p for p in c.children if p.dep_ == "pobj"]
                toks += [m for p in c.children for m in p.children if m.dep_ in WORD_DEPS]
        for t in toks:
            words.add(t.lemma_.lower())
            words.add(t.lower_)
        if len(toks) > 1:
            words.add(" ".join(t.lower_ for t in sorted(toks[:2], key=lambda t: t.i)))
    return words


def _amount(tok: Token) -> bool:
    """A counted head: "300 mln *dlrs*", "*millions*", "as much as 300 mln *dlrs*"."""
    return tok.pos_ == "NUM" or any(c.dep_ in {"nummod", "quantmod"} for c in tok.children)


def patient_noun(tok: Token) -> Token | None:
    """The noun a past participle describes as done to it, a passive's subject by another
    name: "the sanctions *imposed* last week", "a peace plan *proposed* by Iraq", "the tanker
    *hit* by an Iranian missile". None for an active participle ("tariffs *targeting*
    Canada") or one with an object of its own."""
    if tok.dep_ != "acl" or tok.tag_ != "VBN" or tok.head.pos_ not in {"NOUN", "PROPN"}:
        return None
    if _takes_object(tok) or _modifier_acts(tok) or tok.lemma_.lower() in PURPOSE_PARTICIPLES:
        return None
    return tok.head


def relative_object(tok: Token) -> Token | None:
    """The noun a relative clause with its own subject and no object of its own has as its
    object: "the tariffs *Reagan ordered* on Japanese goods", "an offer *Moscow spurned*"."""
    if tok.dep_ != "relcl" or tok.head.pos_ not in {"NOUN", "PROPN"}:
        return None
    subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ in RELATIVE:
        return None
    # no "that", "which" or "where": "an assurance *that* it would not drill" is what was
    # assured, "Doha, *where* they met envoys" where it was done
    if any(
        c.dep_ in {"dobj", "ccomp", "xcomp", "dative"}
        or c.lower_ in RELATIVE
        or c.tag_ in {"WDT", "WP", "WRB"}
        for c in tok.children
    ):
        return None
    return tok.head


# Participles that say what a thing is for, not what was done to it: "duties *aimed* at …",
# "measures *designed* to …".
PURPOSE_PARTICIPLES = frozenset({"aim", "design", "intend", "mean", "gear", "calculate"})


def _generic(noun: Token | None) -> bool:
    """A bare plural: things of a kind, not one of them ("*agreements* reached by …")."""
    if noun is None or noun.tag_ != "NNS":
        return False
    return not any(c.dep_ in {"det", "poss", "nummod"} for c in noun.children)


def _subject_words(tok: Token) -> set[str]:
    subj = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if not subj and tok.dep_ == "acl" and _modifier_acts(tok):
        subj = [tok.head]  # "tariffs *targeting* Canada": the noun the participle modifies
    # "the ship" is the ship named before, with its escort ("a Turkish ship, escorted by
    # warships, … the ship would not go into international waters")
    subj += [a for s in subj if (a := craft_antecedent(s)) is not None]
    heads = subj + [e for s in [tok, *subj] for e in escorts(s)]
    return phrase_words(heads) - _weapon_modifiers(heads)


def _weapon_modifiers(heads: list[Token]) -> set[str]:
    """Weapons that only name the kind of a doer that is no weapon: "a guided *missile*
    destroyer began escorting tankers" is no missile attack."""
    weapons = load_vocab().synsets.get("weapon", frozenset())
    out: set[str] = set()
    for h in heads:
        if h.lemma_.lower() in weapons or h.lower_ in weapons:
            continue
        for c in h.children:
            if c.dep_ in {"compound", "amod"} and (
                c.lower_ in weapons or c.lemma_.lower() in weapons
            ):
                out |= {c.lower_, c.lemma_.lower()}
    return out


def _modifier_acts(tok: Token) -> bool:
    """A verb attached to a noun whose noun does what it says: an active participle ("tariffs
    *targeting* Canada"), a finite past the parser hung on the subject ("A Turkish ship, …,
    *left* for the Aegean"), a verb of going ("warships *headed* for the Aegean")."""
    if tok.tag_ in {"VBG", "VBD"}:
        return True
    return tok.tag_ == "VBN" and moves(tok)


ESCORT_VERBS = frozenset({"escort", "accompany", "protect", "shadow", "guard", "flank"})


def escorts(tok: Token) -> list[Token]:
    """Who escorts a subject or its act ("a research ship, *escorted by warships*, sailed"):
    a vessel that moves under military escort moves as a military unit."""
    out: list[Token] = []
    named = [c for c in tok.children if c.dep_ == "appos"]  # "the ship *Sismik 1*, escorted …"
    for c in [*tok.children, *(a for n in named for a in n.children)]:
        if c.dep_ in {"acl", "advcl"} and c.lemma_.lower() in ESCORT_VERBS:
            for a in c.children:
                if a.dep_ == "agent":
                    out += [p for p in a.children if p.dep_ == "pobj"]
    return out


def noun_entry(tok: Token, v: Vocab) -> tuple[str, NounEntry] | None:
    """The event-noun entry of ``tok``, two-word names first ("hunger strike")."""
    if tok.pos_ not in {"NOUN", "PROPN"}:
        return None
    lemma, low = tok.lemma_.lower(), tok.lower_
    mods = [c for c in tok.children if c.dep_ in {"compound", "amod"}]
    for c in mods:
        for name in (f"{c.lower_} {low}", f"{c.lower_} {lemma}"):
            if name in v.nouns:
                return name, v.nouns[name]
    for name in (low, lemma):
        if name in v.nouns:
            return name, v.nouns[name]
    if v.word("carriers", lemma) or v.word("carriers", low):
        for c in mods:  # "a mediation mission", "an aid effort"
            if c.dep_ == "compound" and c.lower_ in v.nouns:
                return c.lower_, v.nouns[c.lower_]
    return None


# Verbs of arriving: a merchant craft that arrives somewhere pays no visit.
ARRIVING = frozenset({"arrive", "dock", "reach", "land", "berth", "anchor"})
# Verbs of fighting that may take an ill, not an enemy, as their object (``fought_ills``).
FIGHTING = frozenset({"fight", "battle", "combat", "tackle", "confront", "counter"})


def _no_act(tok: Token, v: Vocab) -> bool:
    """Verbs in a sense that is no act between parties: a fixed phrase ("*as opposed* to"), a
    ship "*flying* the American flag", a ship "*sinking*" of itself (not "was sunk by")."""
    lemma = tok.lemma_.lower()
    if lemma == "oppose" and tok.i > 0 and tok.doc[tok.i - 1].lower_ == "as":
        return True
    objects = {c.lemma_.lower() for c in tok.children if c.dep_ == "dobj"}
    if lemma == "fly" and objects & set(v.words["flag_words"]):
        return True
    if lemma == "execute" and objects & set(v.words["executed_things"]):
        return True  # "execute block trades": carried out, no one killed
    if lemma == "meet" and objects & set(v.words["met_things"]):
        return True  # "failed to meet its targets", "meet any escalation with …": no meeting
    if lemma == "order" and objects & set(v.words["ordered_inquiries"]):
        return True  # "*ordered a review* of U.S. Embassy security": a directive, no purchase
    if lemma in FIGHTING and objects & set(v.words["fought_ills"]):
        return True  # "firefighters *battled blazes* in Canada", "fight inflation": no attack
    if lemma == "leave" and any(c.dep_ in {"oprd", "acomp"} for c in tok.children):
        return True  # "*leaving* the UK open to …": a state of things, no withdrawal
    if lemma == "leave" and objects & set(v.words["left_things"]):
        return True  # "has *left the final decision* … up to President Reagan": handed over
    if lemma == "leave" and _journey_leg(tok):
        return True  # "Shultz *left* Moscow on Monday", "the tanker *left* Dubai": a journey
    if lemma in {"beat", "top", "hit"} and objects & set(v.words["contested"]):
        return True  # "Trump's offer *beat out* a rival bid": a contest, no assault
    if lemma == "accord" and any(c.dep_ == "prep" and c.lower_ == "to" for c in tok.children):
        return True  # "*according to* rights groups": who says so, no act
    named = phrase_words(object_heads(tok))
    if named & v.words["press_events"]:
        return True  # "held a *press conference* in Luxembourg": telling the press, no talks
    if lemma == "monitor" and "media" in v.kinds_of(named):
        return True  # "Tehran Radio, *monitored* by the BBC": a broadcast listened to
    passive = any(c.dep_ in {"auxpass", "agent"} for c in tok.children)
    moving = v.kinds_of(_subject_words(tok)) if moves(tok) else set()
    if moving & {"migrants", "freight"}:
        # "a wave of Somalis arrived in Kenya", "a shipment of U.S. wheat arrived in Moscow":
        # people or goods moving, no visit
        return True
    if "merchant_craft" in moving and lemma in ARRIVING:
        return True  # "the Iranian vessel arrived in eastern China": a call in port, no visit
    return v.word("unaccusative_verbs", lemma) and not objects and not passive


def _journey_leg(verb: Token) -> bool:
    """A person or a craft leaving a place, a leg of a journey, not a withdrawal: "Secretary of
    State George Shultz *left Moscow* on Monday", "the Kuwaiti tanker *left Dubai*".
    Troops, a state or a member leaving a country or a body withdraw ("U.S. troops left
    Lebanon", "Britain left the European Union")."""
    places = [c for c in verb.children if c.dep_ == "dobj" and c.ent_type_ in {"GPE", "LOC", "FAC"}]
    if not places:
        return False
    subject = subject_token(verb)
    if subject is None:
        return False
    return subject.ent_type_ == "PERSON" or subject.lemma_.lower() in CRAFT


def _held(verb: Token, noun: Token, v: Vocab) -> bool:
    """A standing arrangement or relation someone has ("Iraq and China *have* barter deals
    with Brazil", "has close ties with"), not an act; "had talks" is one."""
    lemma = verb.lemma_.lower()
    if lemma not in {"have", "hold"}:
        return False
    words = {noun.lemma_.lower(), noun.lower_}
    if lemma == "hold":  # "it also *holds contracts* in Turkmenistan"; "held talks" is an act
        return bool(words & set(v.kinds["agreement"]))
    standing = set(v.kinds["agreement"]) | set(v.words["relation_nouns"]) | STANDING_STAKES
    return bool(words & standing)


# What one has as a stake rather than does: "companies … *have* substantial investments in
# Venezuela's mining sector".
STANDING_STAKES = frozenset({"investment", "investments", "stake", "stakes", "holding", "holdings"})


def _standing(noun: Token, v: Vocab) -> bool:
    """An agreement named as a thing that exists, not one being made: no verb or noun of
    making (``making_verbs``, ``making_nouns``) governs it or modifies it. "The Paris
    Agreement called for …", "under the provisions of the semiconductor agreement",
    "compliance with a U.S.-Japan pact"; but "the pact *reached* on Friday", "*signed* an
    accord", "the *signing* of a memorandum", and one the text dates ("*last week's*
    accord")."""
    agreements = v.kinds["agreement"]
    if noun.pos_ not in {"NOUN", "PROPN"} or not {noun.lemma_.lower(), noun.lower_} & agreements:
        return False
    head = noun
    while head.dep_ == "conj" and head.head is not head:
        head = head.head  # "an accord and a protocol were signed"
    governor = head.head
    if head.dep_ == "pobj" and governor.dep_ == "prep":
        governor = governor.head  # "the signing *of* an accord", "entered *into* a pact"
    if v.word("making_verbs", governor.lemma_.lower()) or v.word("making_nouns", governor.lower_):
        return False
    # "a memorandum of understanding *signed* with ASEAN": the making may hang on its "of"
    named = [noun, *(p for c in noun.children if c.lower_ == "of" for p in c.children)]
    return not any(
        (c.dep_ in {"acl", "amod", "relcl"} and v.word("making_verbs", c.lemma_.lower()))
        or (c.dep_ == "poss" and c.ent_type_ in {"DATE", "TIME"})  # "last week's accord"
        for n in named
        for c in n.children
    )


# Verbs that make or change a war, not merely name it: "*launched* the war", "*declared* war",
# "*went to* war", "*stepped up* the war" (which code on their own as well).
WAR_MAKING = frozenset(
    {"wage", "launch", "declare", "start", "begin", "open", "go", "enter", "join", "escalate",
     "widen", "spread", "extend", "resume", "renew", "step", "intensify", "unleash", "provoke"}
)  # fmt: skip


# Words that make "trade" or "trading" after "in" a market's session: "fell in *early Tokyo*
# trade", "in *thin* trading", "in *New York* trade".
SESSION_WORDS = frozenset(
    {"early", "late", "morning", "afternoon", "midday", "overnight", "thin", "light", "quiet",
     "active", "heavy", "brisk", "busy", "nervous", "volatile", "slow", "moderate", "good",
     "fair", "dull", "steady", "initial", "opening", "closing", "final", "later", "earlier",
     "day", "session", "market", "floor", "spot", "futures", "options", "kerb", "interbank"}
)  # fmt: skip


def _market_session(noun: Token) -> bool:
    """ "Trade" or "trading" after "in" or "during" with a market's time, pace or city and no
    party ("the bond fell to 96.08 *in early Tokyo trade*"): a session of a market, no trade
    between states ("an increase in trade *between* Japan and the U.S." is left alone)."""
    if noun.lower_ not in {"trade", "trading"} or noun.dep_ != "pobj":
        return False
    if noun.head.lower_ not in {"in", "during"}:
        return False
    if any(c.dep_ == "prep" and c.lower_ in {"between", "with", "among"} for c in noun.children):
        return False
    return any(
        c.lower_ in SESSION_WORDS or (c.dep_ == "compound" and c.ent_type_ in {"GPE", "LOC"})
        for c in noun.children
        if c.dep_ in {"amod", "compound", "nmod", "advmod"}
    )


# Relations between a pair named as a thing that is, and verbs that make or change them.
RELATION_NOUNS = frozenset(
    {"cooperation", "partnership", "alliance", "friendship", "relationship", "relations", "ties"}
)
RELATION_MAKING = frozenset(
    {"establish", "restore", "resume", "normalize", "normalise", "upgrade", "strengthen",
     "deepen", "expand", "improve", "enhance", "boost", "develop", "build", "renew", "bolster",
     "intensify", "widen", "broaden", "promote", "increase", "step", "launch", "begin", "start",
     "cut", "sever", "break", "suspend", "downgrade", "freeze", "end"}
)  # fmt: skip


def _standing_relation(noun: Token, v: Vocab) -> bool:
    """A pair's relation named as a thing that is ("the curbs complicated *U.S.-Japanese
    economic cooperation*", "symbols of *Turkish-American cooperation*", "the hallmark of the
    *Philippines-China partnership*"), not made or changed by its verb ("agreed to boost
    Sino-Japanese cooperation" is left to the verb): no act of the day."""
    if noun.pos_ != "NOUN" or noun.lower_ not in RELATION_NOUNS:
        return False
    mods = [c for c in noun.children if c.dep_ in {"amod", "compound", "nmod"}]
    if not any(any(g.text == "-" for g in m.children) for m in mods):
        return False  # a pair named with a hyphen: "U.S.-Japanese"
    governor = noun.head
    if noun.dep_ == "pobj" and governor.dep_ == "prep":
        governor = governor.head
    lemma = governor.lemma_.lower()
    return not (lemma in RELATION_MAKING or v.word("making_verbs", lemma))


def _standing_war(noun: Token) -> bool:
    """A war named as a thing that goes on, not an act of the day: "*the Iran-Iraq war*", "a
    supply of oil increasingly threatened by *the Iranian-Iraqi war*", "a book on *the
    Iran-Iraq war*". A definite war that no verb of making governs; "launched a war", "went to
    war" and a war with no article ("Iraq and Iran are at war") are left to the other rules."""
    if noun.pos_ != "NOUN" or noun.lower_ not in {"war", "wars"}:
        return False
    if not any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in noun.children):
        return False
    governor = noun.head
    if noun.dep_ == "pobj" and governor.dep_ in {"prep", "agent"}:
        governor = governor.head
    return governor.lemma_.lower() not in WAR_MAKING


def offer_noun(tok: Token, v: Vocab) -> bool:
    """An offer or a proposal named as a thing (``offer_nouns``). It is the act of making it
    only when the text gives it a time of its own (:func:`_dated_noun`): "Gorbachev's new
    offer *Saturday*", "Gorbachev's *weekend* proposal", "*last year's* U.S. offer", "a new
    Soviet offer … announced *last Saturday*". Otherwise it is a standing offer that a clause
    talks about ("the proposal responds to …"); the verb that makes, answers or renews it
    codes on its own."""
    return tok.pos_ in {"NOUN", "PROPN"} and v.word("offer_nouns", tok.lemma_.lower())


def _dated_noun(noun: Token) -> bool:
    """A time expression hangs on the noun, or on a participle that describes it ("an offer
    *announced* … last Saturday")."""

    def timed(tok: Token) -> bool:
        return tok.ent_type_ in {"DATE", "TIME"} and tok.dep_ in TIME_DEPS

    for c in noun.children:
        if timed(c) or any(timed(g) for g in c.children if c.dep_ == "poss"):
            return True
        described = c.dep_ == "acl" and c.tag_ == "VBN"
        if described and any(timed(g) or any(timed(x) for x in g.children) for g in c.children):
            return True
    return False


# Dependents by which a time expression dates a noun: "offer *Saturday*", "*weekend* proposal",
# "*last year's* offer", "announced *last Saturday*".
TIME_DEPS = frozenset({"npadvmod", "compound", "poss", "nmod", "tmod", "pobj", "amod"})


def _noun_code(tok: Token, entry: NounEntry, v: Vocab) -> str | None:
    if entry.objects:
        of = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children]
        kinds = v.kinds_of(phrase_words([p for p in of if p.dep_ == "pobj"]))
        for kind, code in entry.objects:
            if kind in kinds:
                return code
    return entry.code


def _frame_code(tok: Token, frames: tuple[Frame, ...], v: Vocab) -> Pred | None:
    """Subject kinds, then object kinds, then a light verb's event noun, then defaults."""
    heads = object_heads(tok)
    subj_kinds = v.kinds_of(_subject_words(tok))
    # what is given, not to whom: "handed *Soviet arms negotiators* a draft treaty"
    given = [h for h in heads if h.dep_ not in {"dative", "iobj"}]
    # "sent the survey ship into the Aegean, *flanked by warships*": the escort goes too
    kinds = v.kinds_of(phrase_words(given + [e for h in [tok, *given] for e in escorts(h)]))
    mutual = tok.lemma_.lower() in v.words["reciprocal_verbs"]
    # "U.S. troops *left Lebanon*": a place left is where they withdrew from, no move to it
    departed = tok.lemma_.lower() == "leave" and any(c.dep_ == "dobj" for c in tok.children)
    for f in frames:
        for kind, code in f.subjects:
            if kind in subj_kinds and not (departed and code.startswith("15")):
                return Pred(tok, code, f.reciprocal or mutual, f.to, f.place)
    # a journey's origin is no object: "arrived *from a meeting* with X" (the meeting codes)
    journey = [h for h in heads if not _origin(h)]
    journey_kinds = v.kinds_of(phrase_words(journey))
    for f in frames:
        for kind, code in f.objects:
            if kind in (journey_kinds if f.place else kinds):
                if code.startswith("07") and kind in SHOWN_FORCE and _into(tok):
                    code = "150"  # warships sent into a sea: a show of force, not a gift
                used = journey if f.place else heads
                if code.startswith("11"):
                    # what one disapproves of is an act of its own: "voiced anger *at the U.S.
                    # expulsion* of Soviet diplomats"
                    used = [h for h in used if h.dep_ != "pobj"]
                return Pred(tok, code, f.reciprocal or mutual, f.to, f.place, consumed=used)
    for f in frames:
        if not f.light:
            continue
        for h in heads:
            if _held(tok, h, v) or _recipient_phrase(tok, h):
                continue
            found = noun_entry(h, v)
            noun_code = _noun_code(h, found[1], v) if found is not None else None
            if found is not None and noun_code:
                return Pred(tok, noun_code, found[1].reciprocal, f.to, f.place, h, [h])
    preps = {c.lower_ for c in tok.children if c.dep_ == "prep"}
    after = tok.nbor() if tok.i + 1 < len(tok.doc) else None
    if after is not None and after.dep_ == "mark" and after.lower_ in {"for", "to"}:
        preps.add(after.lower_)  # "left *for* the Aegean to press …" parsed as "for X to"
    direct = any(c.dep_ in {"dobj", "dative", "iobj"} for c in tok.children)
    for f in frames:
        if f.code:
            if direct and f.intransitive:
                continue  # "Samsung demonstrated a phone", "rallied support": no protest
            if not direct and _elsewhere(preps, f, frames):
                continue  # "left *for* Washington": a destination, so travel, not withdrawal
            code = v.verb_codes.get(tok.lemma_.lower(), f.code)
            code = code if code[:2] == f.code[:2] else f.code
            return Pred(tok, code, f.reciprocal or mutual, f.to, f.place, consumed=heads)
    place = next((f for f in frames if f.place), None)
    if place is not None and place.place and not _carried(tok):
        return Pred(tok, place.place, False, place.to, place.place)
    return None


def _recipient_phrase(verb: Token, noun: Token) -> bool:
    """The object of "to" on a light verb that has a direct object of its own says whom or
    what the act is for, never the act: "had already made a decision on the response *to
    Friday's attack*" (the parser hangs "to" on "made") is no attack."""
    direct = any(c.dep_ == "dobj" for c in verb.children)
    return direct and noun.dep_ == "pobj" and noun.head.lower_ == "to" and noun.head.head == verb


def _carried(tok: Token) -> bool:
    """A verb of going with a direct object that is no place: what is carried or led, not
    where one went ("tankers *flying* the U.S. flag", "*headed* the delegation"; but "*left*
    Moscow")."""
    if tok.lemma_.lower() == "return":
        return False  # "return it to Chinese control": handed back, its own act
    objects = [c for c in tok.children if c.dep_ in {"dobj", "dative", "iobj"}]
    return any(c.ent_type_ not in {"GPE", "LOC", "FAC"} for c in objects)


# Kinds of object that, sent into an area rather than to a recipient, show force.
SHOWN_FORCE = frozenset({"arms", "military_units"})


def _into(tok: Token) -> bool:
    """The verb sends its object into or towards an area, to no recipient."""
    preps = {c.lower_ for c in tok.children if c.dep_ == "prep"}
    return bool(preps & {"into", "towards", "toward"}) and "to" not in preps


def _origin(tok: Token) -> bool:
    """The object of "from" or "after" on a verb: where or what one comes from."""
    return tok.dep_ == "pobj" and tok.head.lower_ in {"from", "after"}


def _elsewhere(preps: set[str], frame: Frame, frames: tuple[Frame, ...]) -> bool:
    """The verb's prepositions name none of ``frame``'s recipients but another frame's: the
    verb is used in that other sense."""
    if not preps or preps & set(frame.to):
        return False
    return any(preps & set(g.to) for g in frames if g is not frame)


def _pattern_code(tok: Token, block: str, v: Vocab) -> str | None:
    """The most specific PETRARCH pattern of the verb's block that the parse matches."""
    post = phrase_words(object_heads(tok))
    post |= {f"@{c.lower_}" for c in tok.children if c.dep_ == "prep"}
    post |= {c.lower_ for c in tok.children if c.dep_ in {"prt", "advmod"}}
    pre = _subject_words(tok)
    best: tuple[int, str] | None = None
    for p in v.patterns.get(block, ()):
        fits = all(_phrase_in(ph, post, v) for ph in p.post)
        fits = fits and all(_phrase_in(ph, pre, v) for ph in p.pre)
        if fits and (best is None or p.size > best[0]):
            best = (p.size, p.code)
    return best[1] if best else None


def _phrase_in(phrase: tuple[str, ...], words: set[str], v: Vocab) -> bool:
    for w in phrase:
        if w.startswith("&"):
            if not (v.synsets.get(w[1:], frozenset()) & words):
                return False
        elif w not in words:
            return False
    return True


def verb_pred(tok: Token, v: Vocab) -> Pred | None:
    """The act a verb codes: its frames first, else the PETRARCH dictionary.

    An intent verb with an infinitive ("decided to …", "seeks to …") only wraps that act;
    it codes on its own only when its own code is an intent (03: "agreed to …").
    """
    wraps = any(c.dep_ == "xcomp" for c in tok.children)
    lemma = tok.lemma_.lower()
    if wraps and v.word("modal_verbs", lemma):
        return None
    if v.word("threat_verbs", lemma) and any(c.dep_ == "ccomp" for c in tok.children):
        return None  # "warned that the deficit would hamper growth": a report, not a threat
    if any(c.dep_ == "oprd" for c in tok.children) and v.word("naming_verbs", lemma):
        return None  # "called the decision a blatant case of …": naming, not an act
    if v.word("verbal_attack_verbs", lemma) and _in_words(tok, v):
        return Pred(tok, "111", consumed=object_heads(tok))  # "attacked X *for* criticising"
    pred = _verb_pred(tok, v)
    if pred is None:
        return _obligation(tok, v)
    if wraps and v.word("intent_verbs", tok.lemma_.lower()) and pred.code[:2] != "03":
        return None
    return pred


def _in_words(tok: Token, v: Vocab) -> bool:
    """A verb of force used of words: blaming someone *for* something ("attacked the
    newspaper for criticising him"), said while saying ("attacked British imperialists,
    *saying* …"), aimed at what can only be criticised ("attacked OECD *forecasts*", "the
    *decision* by Britain's highest court"), or done by critics ("attacked *by critics*")."""
    if any(c.dep_ == "prep" and c.lower_ == "for" for c in tok.children):
        return True
    if any(c.dep_ == "advcl" and v.word("report_verbs", c.lemma_.lower()) for c in tok.children):
        return True
    targets = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]
    doers = [p for a in tok.children if a.dep_ == "agent" for p in a.children]
    doers += [c for c in tok.children if c.dep_ == "nsubj"]
    return bool(
        v.kinds_of(phrase_words(targets)) & {"criticised"}
        or v.kinds_of(phrase_words(doers)) & {"critics"}
    )


def _obligation(tok: Token, v: Vocab) -> Pred | None:
    """ "X said Y must …": an act we have no code for still makes a demand (code 100)."""
    if tok.dep_ != "ccomp" or not v.word("report_verbs", tok.head.lemma_.lower()):
        return None
    if any(c.dep_ == "aux" and c.lower_ in {"must", "should", "ought"} for c in tok.children):
        return Pred(tok, "100")
    return None


def _verb_pred(tok: Token, v: Vocab) -> Pred | None:
    for name in lookup_names(tok):
        frames = v.frames.get(name)
        if frames:
            pred = _frame_code(tok, frames, v)
            if pred is not None and pred.reciprocal and _generic(patient_noun(tok)):
                return None  # "agreements reached by Indonesia, Venezuela and Brazil": each its own
            if pred is not None:
                return pred
        entry = v.petrarch_verbs.get(name)
        if entry is not None:
            code = _pattern_code(tok, entry[0], v) or (None if frames else entry[1])
            if code is not None:
                recip = name in v.words["reciprocal_verbs"]
                return Pred(tok, code, recip, (), None, consumed=object_heads(tok))
        if frames:
            return None
    return None


def noun_pred(tok: Token, v: Vocab) -> Pred | None:
    found = noun_entry(tok, v)
    if found is None:
        return None
    mods = [c for c in tok.children if c.dep_ in {"compound", "amod"}]
    if any(v.word("figurative", c.lemma_.lower() or c.lower_) for c in mods):
        return None  # "a trade war", "the Cold War": no act of force
    code = _noun_code(tok, found[1], v)
    if code and found[0] in {"strike", "strikes"} and _walkout(tok, v):
        code = "143"
    return Pred(tok, code, found[1].reciprocal) if code else None


def _walkout(tok: Token, v: Vocab) -> bool:
    """A strike of workers, a refusal to work (CAMEO 143), not a military strike: "an
    11-day-old strike *by Brazilian seamen*", "*dock* strikes", "went *on* strike". Told by
    who strikes (``strikers``) or how the strike is held (``striking_verbs``)."""
    if tok.dep_ == "pobj" and tok.head.lower_ == "on":
        return True  # "workers *on* strike", "went *on* strike"
    named = [c for c in tok.children if c.dep_ in {"compound", "amod", "poss"}]
    named += prep_objects(tok, ("by", "of"))
    if v.kinds_of(phrase_words(named)) & {"strikers"}:
        return True
    governor = tok.head if tok.dep_ in {"dobj", "nsubjpass"} else None
    return governor is not None and v.word("striking_verbs", governor.lemma_.lower())


def find_preds(sent: Span, v: Vocab) -> list[Pred]:
    """Every coded act of a sentence; event nouns a verb took as its object are left out.

    The object of a preposition is a noun whatever its tag: "were *on alert*" is retagged."""
    for t in sent:
        if t.dep_ == "pobj" and t.pos_ == "ADJ" and t.lower_ in v.nouns:
            t.pos_ = "NOUN"
    verbs = [p for t in sent if _verbal(t) and (p := verb_pred(t, v))]
    verbs = [p for p in verbs if p.tok.lemma_ not in {"be", "have"} or p.noun is not None]
    consumed = {t.i for p in verbs for t in p.consumed}  # "execute *trades*": no act at all
    # an offer the text dates or puts forward is an act of its own, whatever answers it later:
    # "*last year's* U.S. offer … was rejected", "*announced* a new offer"
    made = {t.i for t in sent if offer_noun(t, v) and (_dated_noun(t) or _presented(t))}
    consumed -= {t.i for p in verbs if p.code[:2] != "03" for t in p.consumed if t.i in made}
    verbs = [p for p in verbs if not _no_act(p.tok, v)]
    held = {t.i for t in sent if t.dep_ == "dobj" and _held(t.head, t, v)}
    held |= {t.i for t in sent if _standing(t, v) or (offer_noun(t, v) and t.i not in made)}
    held |= {t.i for t in sent if _standing_war(t) or _market_session(t)}
    held |= {t.i for t in sent if _standing_relation(t, v)}
    nouns = [p for t in sent if t.i not in consumed | held and (p := noun_pred(t, v))]
    preds = verbs + nouns
    coded = {p.tok.i for p in preds}
    return [p for p in preds if not _wraps_coded(p.tok, coded, v)]


# Verbs that make a plan known: the plan's content is coded, not the telling.
ANNOUNCING = frozenset({"announce", "unveil", "reveal", "disclose", "declare", "outline"})
# Verbs that put an offer on the table: the offer they take is the act of making it.
PRESENTING = ANNOUNCING | {"present", "submit", "table", "lodge"}


def _presented(noun: Token) -> bool:
    """An offer that a verb of making known puts forward: "Moscow *announced* a new offer to
    Washington", "a new offer *was unveiled* by Gorbachev", "*tabled* a proposal"."""
    return noun.dep_ in {"dobj", "nsubjpass"} and noun.head.lemma_.lower() in PRESENTING


def _verbal(tok: Token) -> bool:
    """Verbs, and participles tagged as adjectives ("is *opposed* to")."""
    return tok.pos_ in {"VERB", "AUX"} or (tok.pos_ == "ADJ" and tok.tag_ == "VBN")


def _wraps_coded(tok: Token, coded: set[int], v: Vocab) -> bool:
    """A wrapper verb ("threatened to …", "urged X to …") whose wrapped act is coded."""
    lemma = tok.lemma_.lower()
    if lemma in ANNOUNCING and any(
        c.dep_ == "dobj" and v.word("intent_nouns", c.lower_) and _wraps_coded(c, coded, v)
        for c in tok.children
    ):
        # "Washington *announced* plans to put tariffs on …": the plan is the act (an
        # agreement signed, an effort made are acts of their own)
        return True
    wrapper = (
        v.word("intent_verbs", lemma)
        or v.word("refusal_verbs", lemma)
        or v.word("threat_verbs", lemma)
        or lemma in v.request_verbs
        or v.word("intent_nouns", tok.lower_)
        or v.word("refusal_nouns", tok.lower_)
        or v.word("threat_nouns", tok.lower_)
    )
    if not wrapper:
        return False
    # A clause ("agreed *that* disputes should be resolved") is wrapped by demands only.
    deps = {"xcomp", "acl", "ccomp"} if lemma in v.request_verbs else {"xcomp", "acl"}
    for c in tok.children:
        if c.dep_ in deps and (c.i in coded or any(cc.i in coded for cc in conjuncts(c))):
            return True
    return False


# -- who acts, who receives ---------------------------------------------------------------


def subject_token(tok: Token, depth: int = 0) -> Token | None:
    """The head of the phrase that acts in ``tok``'s clause, through control and coordination.

    "Syria says *it* is willing to withdraw" (xcomp of an adjective), "Russia was one of the
    first countries to give aid" (an infinitive on the attribute of a copula), "…, killing
    20 people" (a participle takes the main clause's subject).
    """
    if depth > 8:
        return None
    for c in tok.children:
        if c.dep_ in {"nsubj", "csubj"}:
            if c.lower_ in RELATIVE and tok.dep_ == "relcl":
                return tok.head
            return c
        if c.dep_ == "nsubjpass":
            return None
    for c in tok.children:
        if c.dep_ == "aux":
            # "Iran is "flagrantly" defying …", parsed with *Iran* on the auxiliary
            hung = next((s for s in c.children if s.dep_ == "nsubj"), None)
            if hung is not None:
                return hung
    head, dep = tok.head, tok.dep_
    if head == tok:
        return None
    if dep == "xcomp":
        raised = next((c for c in head.children if c.dep_ == "nsubjpass"), None)
        if raised is not None:
            return raised  # "India is expected to visit …", "X was asked to …"
        obj = next((c for c in head.children if c.dep_ in {"dobj", "dative"}), None)
        if obj is None and head.lemma_.lower() in load_vocab().request_verbs:
            on = [c for c in head.children if c.dep_ == "prep" and c.lower_ in {"on", "upon"}]
            obj = next((p for c in on for p in c.children if p.dep_ == "pobj"), None)
        if obj is not None and head.lemma_.lower() not in {"offer", "promise"}:
            return obj  # "urged Iraq to allow …", "called on Iraq to allow …": Iraq allows
        return subject_token(head, depth + 1)
    if dep == "pcomp" and head.lower_ == "for" and head.dep_ == "prep":
        judge = head.head  # "condemned Thailand *for sending* Uyghurs back": Thailand sent
        judged = next((c for c in judge.children if c.dep_ == "dobj"), None)
        if judged is not None and load_vocab().word("judging_verbs", judge.lemma_.lower()):
            return judged
    if dep == "pcomp" and head.lower_ == "of" and _undertaken(head.head):
        # "the administration *took the step of offering* the Soviets wheat": it offered
        return subject_token(head.head.head, depth + 1)
    if dep in {"conj", "acomp", "advcl", "pcomp", "ccomp"} or (dep == "prep" and depth == 0):
        return subject_token(head, depth + 1)
    if dep == "prep":
        return subject_token(head, depth + 1)
    if dep == "acl" and tok.tag_ == "VBN" and not _takes_object(tok) and not _modifier_acts(tok):
        return None  # "a report *monitored* in London": the noun is the patient, not the agent
    if dep == "acl" and head.dep_ == "pobj" and head.head.dep_ == "agent":
        escorted = head.head.head  # "a ship escorted by warships *headed* for": the ship goes
        if escorted.lemma_.lower() in ESCORT_VERBS and escorted.dep_ == "acl":
            return escorted.head
    if dep == "acl" and _intended(tok, head):
        # "Washington announced *plans to put* tariffs on …", "a decision *by the Reagan
        # administration* to place tariffs": the one who plans does it
        doer = prep_objects(head, ("for",)) or prep_objects(head, ("by",))
        if doer:  # "an agreement *for MMC* to sell", "a decision *by the administration* to"
            return doer[0]
        owned = any(c.dep_ == "poss" for c in head.children) or bool(prep_objects(head, ("of",)))
        made = load_vocab().word("authoring_verbs", head.head.lemma_.lower())
        if not owned and head.dep_ == "dobj" and made:
            return subject_token(head.head, depth + 1)
    if dep in {"relcl", "acl"}:
        noun = head
        while noun.dep_ in {"pobj", "prep"} and noun.head != noun:
            noun = noun.head
        if noun.dep_ in {"attr", "appos"}:
            return subject_token(noun.head, depth + 1)
        return head
    return None


def _undertaken(noun: Token) -> bool:
    """A noun that its verb's subject takes on: "*took* the unusual step", "*made* the
    decision", "*had* the honour"; a gerund "of" it is the subject's act."""
    return noun.dep_ == "dobj" and noun.head.lemma_.lower() in {"take", "make", "have"}


def _intended(verb: Token, noun: Token) -> bool:
    """An infinitive on a noun of intent ("plans *to put*", "a decision *to place*")."""
    return infinitive(verb) and load_vocab().word("intent_nouns", noun.lower_)


def _takes_object(tok: Token) -> bool:
    """A participle with a direct object (its own or a conjunct's) is active, whatever its
    tag: "groups *donated* and delivered $50,000 worth of goods"."""
    return any(c.dep_ == "dobj" for t in [tok, *conjuncts(tok)] for c in t.children)


def agent_of(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ == "agent":
            return next((p for p in c.children if p.dep_ == "pobj"), None)
    return None


def is_passive(tok: Token) -> bool:
    if any(c.dep_ in {"nsubjpass", "auxpass"} for c in tok.children):
        return True
    # "*Asked* about the decision, Yeutter said …": a participle that opens the sentence
    # with no subject or auxiliary of its own is passive; the main subject is the one asked
    bare = not any(c.dep_ in {"nsubj", "aux"} for c in tok.children)
    standing = tok.dep_ == "advcl" and tok.head.lemma_.lower() in {"stand", "remain"}
    if tok.tag_ == "VBN" and (tok.dep_ in {"acomp", "oprd"} or standing) and bare:
        # "two soldiers *stand accused* of the bombing": accused by someone unnamed
        return load_vocab().word("allege_verbs", tok.lemma_.lower())
    return tok.tag_ == "VBN" and tok.dep_ == "advcl" and bare and tok.i < tok.head.i


STATIVE = frozenset({"engage", "involve", "oppose", "commit", "dedicate"})
# Things whose modifier names who made them, when a participle says they were made: "the
# *U.S.* sanctions imposed last week", "*Iraq's* plan put forward on Monday". A ship's or a
# town's modifier is whose it is ("the *Kuwaiti* tanker hit on Friday"), not who acted.
MADE_KINDS = frozenset({"sanctions", "duties", "demand"})
CLAUSE_PREPS = frozenset({"in", "during", "with", "for", "at", "into", "on"})


def verb_sources(tok: Token, index: ActorIndex, ctx: Context) -> list[Ref]:
    by = agent_of(tok) if tok.dep_ == "acl" and tok.tag_ == "VBN" else None
    if by is not None:  # "a message *sent* last week *by Turkish Prime Minister Turgut Ozal*"
        return index.np_actors(by, ctx)
    patient = patient_noun(tok)
    if patient is not None and load_vocab().kinds_of(phrase_words([patient])) & MADE_KINDS:
        return index.modifiers(patient)  # "the *U.S.* sanctions imposed last week"
    if is_passive(tok):
        agent = agent_of(tok)
        if agent is None and tok.lemma_ in STATIVE:  # "Serb forces were engaged in …"
            patient = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
            return index.np_actors(patient, ctx) if patient is not None else []
        return index.np_actors(agent, ctx) if agent is not None else []
    subj = subject_token(tok)
    return index.np_actors(subj, ctx) if subj is not None else []


def prep_objects(tok: Token, preps: tuple[str, ...]) -> list[Token]:
    return [
        p
        for c in tok.children
        if c.dep_ == "prep" and c.lower_ in preps
        for p in c.children
        if p.dep_ == "pobj"
    ]


def verb_targets(pred: Pred, index: ActorIndex, ctx: Context) -> list[Ref]:
    """Objects, a passive's subject, recipient prepositions (the frame's, else the usual
    ones) and, for demands, the subject of the demanded clause ("demanded that *Israel* …")."""
    tok = pred.tok
    heads = [c for c in tok.children if c.dep_ in {"dobj", "dative", "iobj"}]
    if not (tok.lemma_ in STATIVE and agent_of(tok) is None):
        heads += [c for c in tok.children if c.dep_ == "nsubjpass"]
    preps = pred.to or DEFAULT_TO
    if pred.noun is not None:  # "held talks *on Iraq*": what the talks were about
        preps = _party_preps(pred.noun, preps)
    heads += prep_objects(tok, preps)
    patient = patient_noun(tok)
    if patient is not None:  # "the sanctions *against Libya* imposed by Washington"
        heads += prep_objects(patient, pred.to or DEFAULT_TO)
    elif (told := relative_object(tok)) is not None:
        heads.append(told)  # "the Kuwaiti tankers the U.S. escorted", "an offer Moscow spurned"
    if tok.lemma_.lower() in load_vocab().request_verbs:
        for c in tok.children:
            if c.dep_ == "ccomp":
                heads += [s for s in c.children if s.dep_ in {"nsubj", "nsubjpass"}]
    if pred.noun is not None:
        heads += prep_objects(pred.noun, _party_preps(pred.noun, NOUN_PREPS))
    if not heads and load_vocab().word("refusal_verbs", tok.lemma_.lower()):
        # a refusal kept as an act of its own wraps an act with no code: whom that act would
        # reach is whom the refusal answers ("refused to respond to a demand from the US")
        for c in tok.children:
            if c.dep_ == "xcomp":
                return verb_targets(Pred(c, pred.code), index, ctx)
    # "discussed *the tension between X and Y*": the object is the topic, not a party
    topical = load_vocab().word("topic_verbs", tok.lemma_.lower())  # of a relation only
    # the patient itself, not searched deeper: its participle's agent is the doer
    refs: list[Ref] = index.np_actors(patient, ctx, places=True) if patient is not None else []
    if pred.code.startswith("07"):
        # aid told in a participle goes to a body of a state ("Somali forces *backed* by
        # Djiboutian soldiers"), not to a team, a firm or a thing named with a state ("a team
        # of Canadian veterinarians *funded* by …", "747s *financed* by U.S. Dollar loans")
        refs = [r for r in refs if r.sector in STATE_BODIES]
    located: list[Ref] = []
    # "held *talks* on Iraq", "mediated talks *between Iran and Iraq*": the talks' parties
    # come with "with" or "between", not with "on"
    heads += [
        p
        for h in heads
        if h.dep_ == "dobj" and _talks(h)
        for p in prep_objects(h, ("with", "between", "among"))
    ]
    for h in heads:
        # a topic is not searched for parties: "discussed *the tension* between …", "shared
        # *concerns* over …", "held *talks* on …"
        topic = h.dep_ == "dobj" and ((topical and _relation(h)) or _told(h) or _talks(h))
        deep = not topic
        found = index.np_actors(h, ctx, deep=deep, places=True)
        locative = h.dep_ == "pobj" and h.head.lower_ in WHERE_PREPS
        (located if locative else refs).extend(found)
    # "go *to the International Court* in The Hague": with a recipient named, a place after
    # "in" or "at" says where the act happens, not to whom
    refs += [r for r in located if r.kind != "place"] if refs else located
    if pred.place is not None and any(r.kind != "place" for r in refs):
        # "flew to Geneva for talks *with Iraq*": a journey's party named, its destination is
        # only where they meet
        refs = [r for r in refs if r.kind != "place"]
    if not refs and patient is not None and offer_noun(patient, load_vocab()):
        refs = _answerers(patient, index, ctx)
    return unique(refs)


def _answerers(offer: Token, index: ActorIndex, ctx: Context) -> list[Ref]:
    """Whom an offer was made to, when they answer it: "Iran rejected a ceasefire proposal
    *made* by Iraq" was made to Iran."""
    answer = offer.head
    if offer.dep_ != "dobj" or not any(
        load_vocab().word("answer_verbs", name) for name in lookup_names(answer)
    ):
        return []
    return [r for r in verb_sources(answer, index, ctx) if r.kind != "place"]


def noun_sources(tok: Token, index: ActorIndex, ctx: Context, clause: bool) -> list[Ref]:
    """ "*Russia's* support", "a visit *by Lavrov*", "*Russian* aid", "the lifting of a
    *Russian* arms ban"; with ``clause``, else the subject of the clause the noun stands in
    ("*The United States* speeded up the withdrawal of forces from Panama")."""
    offer = offer_noun(tok, load_vocab())
    for c in tok.children:
        if c.dep_ == "poss" and not (offer and c.ent_type_ in {"DATE", "TIME"}):
            return index.np_actors(c, ctx)  # an offer's date is not its owner: "last year's"
    giver = _giver(tok)
    if giver is not None:
        return index.np_actors(giver, ctx)
    by = prep_objects(tok, ("by",))
    for c in tok.children if offer else ():  # "an offer *announced by* Gorbachev"
        if c.dep_ == "acl" and c.tag_ == "VBN":
            by += [p for a in c.children if a.dep_ == "agent" for p in a.children]
    if by:
        return index.np_actors(by[0], ctx)
    found = index.modifiers(tok)
    if found:
        return unique(found)
    for p in [] if _force_noun(tok) else prep_objects(tok, ("of",)):
        found = index.modifiers(p)  # not "the bombing *of a French* base": what was hit
        if found:
            return unique(found)
    if not clause or tok.lower_ in load_vocab().needs_actor:
        return []
    posture = _posture_holder(tok, index, ctx)
    if posture is not None:
        return posture
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ in CLAUSE_PREPS:
        head = head.head
    elif tok.dep_ == "pobj" and head.lower_ in {"from", "to"} and moves(head.head):
        # "Akiman, who arrived *from a meeting* with Papandreou", "drove *to a meeting* with …"
        head = head.head
    elif tok.dep_ not in {"dobj", "nsubjpass"}:
        return []
    if head.pos_ in {"VERB", "AUX"} and head.lemma_ != "be":
        return verb_sources(head, index, ctx)
    return []


def _force_noun(tok: Token) -> bool:
    """An act of force named by a noun: its "of" phrase is what was hit, not who hit ("the
    bombing *of a French military base*"), unlike "the lifting *of a Russian* arms ban"."""
    found = noun_entry(tok, load_vocab())
    return found is not None and (found[1].code or "")[:2] in {"18", "19", "20"}


def _giver(tok: Token) -> Token | None:
    """Who gave what the clause's subject received: the "from" phrase of a verb of receiving
    with the noun as its object ("Pakistan *received* aid *from Russia*", "*extracted*
    promises *from* Japan")."""
    verb = tok.head
    if tok.dep_ != "dobj" or not load_vocab().word("receipt_verbs", verb.lemma_.lower()):
        return None
    found = prep_objects(verb, ("from",)) or prep_objects(tok, ("from",))
    return found[0] if found else None


def moves(tok: Token) -> bool:
    """A verb of going (``motion_verbs``)."""
    return load_vocab().word("motion_verbs", tok.lemma_.lower())


def _posture_holder(tok: Token, index: ActorIndex, ctx: Context) -> list[Ref] | None:
    """Who is put on alert or mobilised: the subject of "X were put *on alert*", "X are in a
    state *of alert*" (a state of readiness is held by its subject, not done by an agent).
    None when ``tok`` is no such noun."""
    found = noun_entry(tok, load_vocab())
    if found is None or not (found[1].code or "").startswith("15"):
        return None
    holder = posture_subject(tok)
    return index.np_actors(holder, ctx) if holder is not None else []


def posture_subject(tok: Token) -> Token | None:
    """The subject of the clause a state-of-readiness noun stands in ("*the army* is in a
    state of alert"), when no agent puts it there."""
    cur = tok
    for _ in range(5):  # up through "on", "in a state of"
        if cur.pos_ in {"VERB", "AUX"} or cur.head == cur:
            break
        cur = cur.head
    if cur.pos_ not in {"VERB", "AUX"} or agent_of(cur) is not None:
        return None
    return next((c for c in cur.children if c.dep_ in {"nsubjpass", "nsubj"}), None)


def noun_targets(tok: Token, index: ActorIndex, ctx: Context, force: bool = False) -> list[Ref]:
    """Recipients of an event noun. "A meeting *in Athens*" says where, not with whom: a place
    after "in" counts only for force ("Iran's offensive *in northeast Iraq*")."""
    if _giver(tok) is not None:  # "Pakistan received aid from Russia": the receiver
        return [s for s in verb_sources(tok.head, index, ctx) if not s.code.startswith("PER:")]
    heads = prep_objects(tok, _party_preps(tok, NOUN_TARGET_PREPS))
    for p in prep_objects(tok, ("of",)):
        heads += prep_objects(p, ("on", "against", "to", "for", "from"))
    refs: list[Ref] = []
    for h in heads:
        refs += index.np_actors(h, ctx, deep=True, places=force or not _where(h))
    return unique(refs)


def between(tok: Token, index: ActorIndex, ctx: Context) -> list[Ref]:
    """ "talks *between Russia and Pakistan*": the parties, for mutual acts."""
    refs: list[Ref] = []
    for p in prep_objects(tok, ("between", "among", "amongst")):
        refs += index.np_actors(p, ctx)
    return unique(refs)


def domestic_object(pred: Pred, v: Vocab, itself: bool = True) -> bool:
    """The act falls on people or institutions at home: no foreign recipient named, and the
    object is the opposition, protesters, a curfew, a strike … With ``itself`` False an act
    noun does not count as its own object (an air *strike* is no labour strike)."""
    tok = pred.noun if pred.noun is not None else pred.tok
    heads = object_heads(tok) if tok.pos_ in {"VERB", "AUX"} else ([tok] if itself else [])
    if tok.pos_ not in {"VERB", "AUX"}:
        heads += [p for c in tok.children if c.dep_ == "prep" for p in c.children]
    # the object's own words (its head, the words compounded with it, an "of" or "from"
    # phrase: "opposition leaders", "a state of emergency", "demands from rebels"), not every
    # word below it ("the Qutaiba front", "people" in a relative clause)
    words: set[str] = set()
    for h in heads:
        words.add(h.lemma_.lower())
        for c in h.children:
            if c.dep_ in {"compound", "amod"}:
                words.add(c.lemma_.lower())
            elif c.dep_ == "prep" and c.lower_ in {"of", "from", "by", "among"}:
                words |= {p.lemma_.lower() for p in c.children if p.dep_ == "pobj"}
    return bool(words & v.kinds["domestic"])


def nearest_actor(tok: Token, index: ActorIndex, skip: set[str], threat: bool) -> Ref | None:
    """The closest actor or place below ``tok`` outside its subject: who benefits when no
    object names one ("sent material *to help defend Saudi Arabia*", "*after the floods in
    Pakistan*, Russia offered help"). Another state than the source's wins over its own.
    Conditions are searched for threats only ("… *if the United States* goes ahead")."""
    queue = deque((c, 1) for c in tok.children if _searchable(c, threat) and not _about(c))
    own: Ref | None = None
    while queue:
        t, depth = queue.popleft()
        if t.dep_ == "poss" and t.head.lemma_.lower() in OTHER_SIDE:
            continue  # "to *Iran's* enemies": not Iran
        ref = index.resolved(t) or index.place(t)
        if ref is not None:
            if ref.code not in skip:
                return ref
            own = own or ref
        topic = t.dep_ == "dobj" and load_vocab().word("topic_verbs", t.head.lemma_.lower())
        topic = topic and _relation(t)
        if depth < 5 and not topic:  # "met to discuss *the tension between X and Y*"
            queue.extend(
                (c, depth + 1) for c in t.children if _searchable(c, threat) and not _about(c)
            )
    return own


STATE_BODIES = frozenset({"GOV", "MIL", "COP", "SPY", "ELI"})


def _about(prep: Token) -> bool:
    """The topic of talks: "a meeting *on Afghanistan*", "held talks *on Iraq*". (What one
    expresses concern *about* may be whom it is aimed at: no rule for "about" in general.)"""
    if prep.dep_ != "prep" or prep.lower_ not in TOPIC_PREPS:
        return False
    held = [c for c in prep.head.children if c.dep_ == "dobj"]  # "held *talks* on Iraq"
    return any(_talks(t) for t in [prep.head, *held])


NOUN_PREPS = ("to", "with", "on", "against", "between", "for")
NOUN_TARGET_PREPS = ("to", "with", "on", "against", "for", "toward", "towards", "in")


def _party_preps(noun: Token, preps: tuple[str, ...]) -> tuple[str, ...]:
    """The prepositions that name a party of an event noun. Talks and meetings are held
    *with* someone and *on* or *for* something: "talks *on Iraq*", "a Security Council meeting
    *on Afghanistan*" are about Iraq and Afghanistan, not with them."""
    if _talks(noun):
        return tuple(p for p in preps if p in {"with", "between", "among"})
    return preps


def _talks(noun: Token) -> bool:
    return bool(load_vocab().kinds_of(phrase_words([noun])) & {"talks"})


def _told(obj: Token) -> bool:
    """An object that is something told or felt, whose "on", "over" or "about" phrase is its
    topic: "shared *concerns* over China's expansion", "shared *evidence* … about contacts
    between al Qaeda and Iraq" are shared with someone, not with China or Iraq."""
    if obj.dep_ != "dobj":
        return False
    words = {obj.lemma_.lower(), obj.lower_}
    v = load_vocab()
    return bool(v.kinds_of(words) & {"information"}) or bool(words & set(v.words["told_nouns"]))


def _relation(noun: Token) -> bool:
    """A noun naming a relation between others ("the *tension* between Greece and Turkey",
    "the Gulf *conflict*"): discussed, its parties are a topic, not partners. A plan or a
    deal discussed involves the states it names ("discussed plans to lease U.S. tankers")."""
    return noun.lemma_.lower() in load_vocab().words["relation_nouns"]


def _where(tok: Token) -> bool:
    """A place that says where something happened ("monitored *in London*"), not whom it
    touched: no recipient."""
    return tok.dep_ == "pobj" and tok.head.lower_ in WHERE_PREPS


def _searchable(tok: Token, threat: bool) -> bool:
    if tok.dep_ == "advcl" and not threat:
        marks = {c.lower_ for c in tok.children if c.dep_ == "mark"}
        if marks & load_vocab().words["conditionals"]:
            return False
        named = any(
            c.dep_ in {"nsubj", "nsubjpass"}
            and not is_pronoun(c)
            and not any(t.tag_ in {"WDT", "WP"} for t in c.subtree)  # "most *of which* goes"
            for c in tok.children
        )
        if named and not infinitive(tok) and verb_pred(tok, load_vocab()) is not None:
            # "*When Iraq attacked Iran*, the U.S. sent warships": the parties of another
            # actor's act, not "when *they* blew themselves up in Tel Aviv" nor "as *the
            # country* grapples with renewed violence"
            return False
    if threat and tok.dep_ in {"nsubj", "nsubjpass"} and tok.head.dep_ == "advcl":
        return True
    return tok.dep_ in SEARCH_DEPS
