"""Is a coded act something an actor did or said, or only something the text supposes?

:func:`read` climbs from an act's predicate to the words that govern it and returns a
:class:`Reading`:

* wrappers that make the act a speech act of its own: intent ("pledged to build", "is ready
  to", "will give"), refusal ("refused to deploy", "will not accept"), threat ("threatened to
  impose"), request ("urged Iraq to", "demanded that Israel …", "X said Y must …");
* who speaks: the subject of a report verb ("Syria *says* it is willing …");
* what makes it no event at all: the writer's modals ("Pakistan should …", "could bring"),
  hedges ("reportedly", "is expected to"), conditions ("if …"), questions and negation.

The coder (:mod:`dyadwatch.extract.coder`) turns the reading and the act's code into an event
or a statement.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from dyadwatch.extract.vocab import Vocab

TOPICAL = frozenset({"regarding", "about", "concerning", "on", "over", "towards", "toward"})
NOMINAL_DEPS = frozenset({"pobj", "dobj", "attr", "nsubj", "nsubjpass", "oprd", "appos"})
MAX_CLIMB = 10
# Words that deny an act happened ("never attacked", "*seldom* criticized China").
NEGATIONS = frozenset({"never", "no", "seldom", "rarely", "hardly", "scarcely"})


@dataclass(slots=True)
class Reading:
    """How the text presents one act."""

    kind: str = "fact"
    """fact, intent, refusal, threat or request."""
    wrapper: Token | None = None
    """The wrapping word: "pledged", "ready", "refused", "threatened", "urged" …"""
    requestee: Token | None = None
    """Head of the phrase a request is addressed to ("urged *Iraq* to …", "that *Libya* must")."""
    request_code: str | None = None
    speaker: Token | None = None
    """The report verb whose subject speaks ("Syria *says* it is willing …")."""
    negated: bool = False
    modal: str | None = None
    """The writer's modality: recommendation or speculation (from a modal auxiliary)."""
    obligation: bool = False
    """A deontic modal ("must", "should", "has to") governs the act."""
    future: bool = False
    hedged: bool = False
    hedged_intent: bool = False
    conditional: bool = False
    conditioned: bool = False
    """The act's clause holds a condition ("*If this happens*, Turkey will not buy …")."""
    condition: Token | None = None
    """The verb of that condition ("… unless Greece *did* the same")."""
    stopped: bool = False
    """A stop verb governs the act ("has *stopped* importing")."""
    purpose: bool = False
    """The act is the purpose of another ("sent troops *to help* …")."""


def _reduced_relative(adv: Token, verb: Token) -> bool:
    """A hedge with its own infinitive, after the verb and right after a noun, tells of that
    noun, not of the verb: "Shultz arrived in Moscow for talks with Soviet leaders *likely to
    focus* on arms"; the parser hangs it on the verb."""
    before = adv.doc[adv.i - 1] if adv.i > 0 else None
    return (
        adv.i > verb.i
        and before is not None
        and before.pos_ in {"NOUN", "PROPN"}
        and any(c.dep_ == "xcomp" for c in adv.children)
    )


def _markers(tok: Token, r: Reading, v: Vocab) -> None:
    """Negation, auxiliaries and hedges attached to one predicate."""
    for c in tok.children:
        low = c.lower_
        if c.dep_ == "neg" or (c.dep_ in {"advmod", "det"} and low in NEGATIONS):
            r.negated = True
        elif (
            c.dep_ == "advmod"
            and low in {"longer", "more"}
            and any(g.lower_ == "no" for g in c.children)
        ):
            r.negated = True  # "will *no longer* recognize Farmajo"
        elif c.dep_ == "aux":
            if low in v.modals and r.modal is None and _inferred(c, tok):
                r.modal = "speculation"  # "*must have given* the orders": a guess, no demand
            elif low in v.modals and r.modal is None:
                r.modal = v.modals[low]
                r.obligation = r.obligation or v.word("obligation", low)
            if v.word("future", low):
                r.future = True
        elif c.dep_ == "advmod" and v.word("hedges", low) and not _reduced_relative(c, tok):
            r.hedged = True
        elif c.dep_ == "mark" and tok.dep_ == "advcl" and v.word("conditionals", low):
            r.conditional = True
        elif c.dep_ == "mark" and (low == "whether" or _open_if(c, tok, v)):
            # "the question of whether Reagan gave approval", "did not remember *if* he had
            # approved the arms sales": asked, not told
            r.conditional = True
        elif c.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ in {"if", "unless"} for m in c.children
        ):
            # "asking the U.S. *if* they could take them" is a question put, not a condition
            r.conditioned = not (
                tok.lemma_.lower() in v.request_verbs or v.word("report_verbs", tok.lemma_.lower())
            )
            r.condition = c if r.conditioned and r.condition is None else r.condition
        elif c.dep_ in {"dobj", "nsubj", "nsubjpass"} and (
            v.word("nothing_words", low)
            or any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)
        ):
            r.negated = True  # "buy nothing from Brazil", "sold no arms"


def _inferred(modal: Token, verb: Token) -> bool:
    """A modal of obligation before "have" and a past participle infers what was done ("Gbagbo's
    government *must have given* the orders", "should have known"): nothing is asked."""
    perfect = any(c.dep_ == "aux" and c.lower_ == "have" and c.i > modal.i for c in verb.children)
    return perfect and verb.tag_ == "VBN"


def _open_if(mark: Token, clause: Token, v: Vocab) -> bool:
    """ "If" opening an object clause asks ("did not remember *if* he had approved …"), except
    after a verb of asking, which makes the clause a request ("asked *if* the U.S. would sell
    it arms")."""
    if mark.lower_ != "if" or clause.dep_ != "ccomp":
        return False
    return clause.head.lemma_.lower() not in v.request_verbs


def _object(tok: Token) -> Token | None:
    """Whom a request is made of: the object ("urged *Iraq* to"), or after "on"/"upon"
    ("called *on Greece* to")."""
    for c in tok.children:
        if c.dep_ in {"dobj", "dative", "iobj"}:
            return c
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in {"on", "upon"}:
            return next((p for p in c.children if p.dep_ == "pobj"), None)
    return None


def _xcomp_wrapper(parent: Token, child: Token, r: Reading, v: Vocab) -> None:
    """``parent`` governs ``child`` as "parent to child": which kind of wrapper is it?"""
    w = parent.lemma_.lower()
    low = parent.lower_
    if w in {"have", "be"} and any(c.lower_ == "yet" for c in parent.children):
        r.modal = "pending"  # "has yet to decide", "is yet to ratify": not done so far
        return
    if v.word("modal_verbs", w) and any(c.lower_ == "to" for c in child.children):
        r.obligation = True  # "Pakistan needs to …", "has to …": as "should"
        if r.modal is None:
            r.modal = "recommendation"
        return
    if v.word("possibility_words", w) or v.word("possibility_words", low):
        r.hedged = True  # "it makes sense to", "would be pleased to", "the chance to"
        return
    if w in AVOIDED:
        r.hedged = True  # "hoped to *avoid having to* resolve the dispute": neither done nor owed
        return
    if v.word("permission_verbs", w):
        r.purpose = True  # "powers which allow X to V": permitted, not done
        return
    if v.word("stop_verbs", w) and child.tag_ == "VBG":
        r.stopped, r.wrapper = True, parent  # "has stopped importing"
        return
    if v.word("schedule_words", low) or (v.word("schedule_words", w) and _passive(parent)):
        r.modal = "scheduled"  # "was due to meet", "is scheduled to visit": not yet done
        return
    if parent.pos_ == "ADJ" or parent.tag_ == "JJ":
        if v.word("refusal_adjectives", w) or v.word("refusal_adjectives", low):
            r.kind, r.wrapper = "refusal", parent
        elif v.word("intent_adjectives", w) or v.word("intent_adjectives", low):
            r.kind, r.wrapper = "intent", parent
            r.hedged_intent = v.word("hedged_intent", w)
        return
    if parent.pos_ in {"NOUN", "PROPN"}:
        reduced = not any(
            c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass"} for c in child.children
        )
        if child.tag_ == "VBN" and reduced and _making(child, v):
            return  # "a proposal *made* on Monday": the making of the noun, not what it plans
        if said_by_noun(child, v):
            r.speaker = parent  # "a statement by Ozal *that* the vessel would not enter …"
        elif v.word("refusal_nouns", low):
            r.kind, r.wrapper = "refusal", parent
        elif v.word("threat_nouns", low):
            r.kind, r.wrapper = "threat", parent
        elif v.word("intent_nouns", low):
            r.kind, r.wrapper = "intent", parent
        elif _that_clause(child) and v.word("denial_verbs", parent.head.lemma_.lower()):
            r.modal = "denied"  # "denied published reports that Weinberger sought …"
        elif v.word("hedge_nouns", low) and _that_clause(child):
            r.hedged = True  # "fears that Iran would attack"
        elif v.word("request_nouns", low) and _that_clause(child):
            # "its demand that Israel ease restrictions": asked of Israel, not done by it
            r.kind, r.wrapper, r.requestee = "request", parent, _own_subject_of(child)
            r.request_code = v.request_verbs.get(parent.lemma_.lower(), "100")
        elif infinitive(child):
            r.purpose = True  # "a request to …", "the right to …": asked for, not done
        return
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in parent.children)
    if v.word("hedge_verbs", w) and passive:
        r.hedged = True  # "is expected to", "is said to", "is believed to"
    elif v.word("threat_verbs", w):
        r.kind, r.wrapper = "threat", parent
    elif v.word("refusal_verbs", w):
        r.kind, r.wrapper = "refusal", parent
    elif w in v.request_verbs and _object(parent) is not None:
        r.kind, r.wrapper, r.requestee = "request", parent, _object(parent)
        r.request_code = v.request_verbs[w]
    elif v.word("intent_verbs", w):
        r.kind, r.wrapper = "intent", parent
        r.hedged_intent = v.word("hedged_intent", w)
    elif w == "go" and any(
        c.lower_ in {"is", "are", "was", "were", "'s", "'re"} for c in parent.children
    ):
        r.future = True  # "is going to"
    elif is_to(child):
        r.future = True  # "India and Russia *are to* work together", "Airbus *is to* sell"


def is_to(clause: Token) -> bool:
    """The infinitive of "X *is to* V", a plan of X's; not "it is hard to predict" or "it is
    time to stop" (a pronoun or expletive subject, or an adjective or a noun before the
    infinitive)."""
    copula = clause.head
    if clause.dep_ != "xcomp" or copula.lower_ not in {"is", "are", "'s", "'re"}:
        return False
    if copula.lemma_ != "be" or not infinitive(clause):
        return False
    if any(c.dep_ in {"acomp", "attr", "expl"} and c.i < clause.i for c in copula.children):
        return False  # "it is *hard* to predict", "it is *time* to stop"
    subject = next((c for c in copula.children if c.dep_ == "nsubj"), None)
    return subject is not None and subject.lower_ not in {"it", "this", "that", "there"}


def _that_clause(clause: Token) -> bool:
    """A finite clause with a subject of its own: "(a demand) *that Israel ease* …"."""
    return _own_subject_of(clause) is not None and not infinitive(clause)


def infinitive(verb: Token) -> bool:
    """A verb with "to" before it: "plans *to put*", "a way *to get*"."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _own_subject_of(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)


def said_by_noun(clause: Token, v: Vocab) -> bool:
    """``clause`` is the "that" clause of a noun of speech (``report_nouns``): "a *statement*
    by Ozal that the vessel *would* not enter …" says what its author said."""
    that = any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
    return that and clause.dep_ == "acl" and v.word("report_nouns", clause.head.lower_)


def _passive(tok: Token) -> bool:
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in tok.children)


def _ccomp_wrapper(parent: Token, child: Token, r: Reading, v: Vocab) -> bool:
    """``parent`` governs the clause ``child`` ("said that …"); True: stop climbing."""
    w = parent.lemma_.lower()
    subj = _own_subject_of(child)
    # what is asked is asked, whatever it is: "demanded that its partners *refuse to*
    # recognize …" is Greece's demand, not its partners' refusal
    asked = r.kind in {"fact", "refusal", "intent"}
    if w in v.request_verbs and not v.word("report_verbs", w) and asked:
        r.kind, r.wrapper, r.requestee = "request", parent, subj
        r.request_code = v.request_verbs[w]
        return True
    if w in {"demand", "insist", "urge", "ask", "request"} and asked:
        r.kind, r.wrapper, r.requestee = "request", parent, subj
        r.request_code = v.request_verbs.get(w, "100")
        return True
    if v.word("denial_verbs", w):
        r.modal = "denied"  # "denied that it had sent troops": not asserted, denied
        return True
    if v.word("report_verbs", w):
        if any(c.dep_ == "neg" or c.lower_ in NEGATIONS for c in parent.children):
            r.hedged = True  # "has *not commented* on speculation it would offer …": unsaid
            return True
        r.speaker = parent
        if w in {"believe", "think", "expect", "hope", "fear", "predict", "suspect"}:
            r.hedged = True
        return True
    if v.word("hedge_verbs", w):
        r.hedged = True
        return True
    return False


def read(pred: Token, v: Vocab) -> Reading:
    """The reading of the act whose predicate is ``pred`` (see module doc)."""
    r = Reading()
    if pred.pos_ in {"NOUN", "PROPN"} and any(
        c.dep_ == "amod" and v.word("possibility_words", c.lower_) for c in pred.children
    ):
        r.hedged = True  # "a *possible* clash", "a *potential* attack"
    cur = pred
    contrast = False
    for _ in range(MAX_CLIMB):
        negated = r.negated
        _markers(cur, r, v)
        if contrast:
            r.negated = negated  # "seldom criticized China *and instead* accepted …": not denied
            contrast = False
        parent = cur.head
        if parent == cur:
            # "*To what extent* the U.S. will defend its ally …, was not made clear", parsed
            # with "defend" as the root: a question put, not an act
            r.conditional = r.conditional or _fronted_wh(cur)
            break
        dep = cur.dep_
        if dep == "conj":
            contrast = _contrasted(cur, parent)
            cur = parent
            continue
        if dep == "csubj" and _indirect_question(cur):
            r.conditional = True  # "*to what extent* the U.S. will defend … was not made clear"
            break
        if (
            dep in {"xcomp", "acomp"}
            or (dep == "acl" and parent.pos_ in {"NOUN", "PROPN"})
            or _wanted(cur, parent)
        ):
            if r.kind == "fact":
                _xcomp_wrapper(parent, cur, r, v)
            elif v.word("hedge_verbs", parent.lemma_.lower()) and _passive(parent):
                r.hedged = True  # "Iran *is expected to* refuse to negotiate": foreseen
            elif v.word("hedge_nouns", parent.lower_) and _that_clause(cur):
                # "no *signs that* they are interested in talking": a supposed intent, not one
                r.hedged, r.kind, r.wrapper = True, "fact", None
            cur = parent
            continue
        if dep == "ccomp":
            if _indirect_question(cur, when=False) and _asking(parent, cur):
                r.conditional = True  # "it is not clear *how* the U.S. will defend its ally"
                break
            if _ccomp_wrapper(parent, cur, r, v):
                break
            cur = parent
            continue
        if dep == "advcl" and _indirect_question(cur) and _uncertain(parent, cur):
            r.conditional = True  # "it is not clear *when* Iraq will attack": asked, not told
            break
        if dep == "advcl":
            if infinitive(cur):
                r.purpose = True
            elif _shares_mood(cur, parent, v):
                cur = parent
                continue
            break
        if dep == "pcomp" and v.word("allege_verbs", parent.head.lemma_.lower()):
            r.hedged = True  # "accused the United States *of restoring* …": alleged
            break
        if dep == "pcomp" and parent.lower_ in TOPICAL:
            r.hedged = True  # "pragmatic *regarding building* relations": a topic, not an act
            break
        if dep == "pcomp" and parent.lower_ in CLAUSE_PREPS and _own_subject(cur):
            break  # "as Greek warships headed for …": a clause of its own
        nominal = pred.pos_ in {"NOUN", "PROPN"} and dep in NOMINAL_DEPS
        if ((nominal and dep == "pobj") or dep == "pcomp") and parent.lower_ == "without":
            r.negated = True  # "to do this *without another meeting*", "without consulting"
            break
        interest = parent.head if dep == "pcomp" and parent.lower_ == "in" else None
        if interest is not None and v.word("intent_adjectives", interest.lower_):
            if r.kind == "fact":
                r.kind, r.wrapper = "intent", interest  # "was *interested in* purchasing corn"
            cur = interest  # on up: "no signs that the North Koreans are interested in …"
            continue
        topic = dep == "pobj" and parent.lower_ in TOPICAL and parent.head.pos_ in {"NOUN", "PROPN"}
        bare = not any(c.dep_ in {"det", "poss"} for c in cur.children)
        if nominal and topic and cur is pred and bare:
            # "a conference *on Japanese investment*", "talks *on* trade": a topic; a particular
            # act is not ("a dispute over *Japan's* refusal to open its market")
            r.hedged = True
            break
        if nominal and dep == "dobj" and v.word("expectation_verbs", parent.lemma_.lower()):
            r.hedged = True  # "Iran *fears* a U.S. attack", "*expects* talks": not yet done
            break
        since = parent.lower_ in SINCE_PREPS and (dep == "pobj" or parent.dep_ == "prep")
        if nominal and since:
            break  # "would continue *following* proposals by both": what came before is a fact
        if nominal or dep in {"prep", "pcomp"}:
            cur = parent  # a noun act takes the modality of the clause it stands in
            continue
        break
    return r


def _contrasted(conj: Token, head: Token) -> bool:
    """A conjunct set against its head ("did not attack *but* threatened", "seldom criticized
    China *and instead* accepted …"), or one with an auxiliary of its own ("will not allow
    Iran to … *and has offered* its warships"), does not share the head's negation."""
    between = [c for c in head.children if c.dep_ == "cc" and head.i < c.i < conj.i]
    if any(c.lower_ in CONTRASTIVE for c in between):
        return True
    own_aux = any(c.dep_ in {"aux", "auxpass"} and c.i < conj.i for c in conj.children)
    return own_aux or any(c.dep_ == "advmod" and c.lower_ == "instead" for c in conj.children)


CONTRASTIVE = frozenset({"but", "yet"})


def _indirect_question(clause: Token, when: bool = True) -> bool:
    """A clause that is a question put: "*how* Washington will respond", "*to what extent*
    the U.S. will defend its ally" (a wh-word before its verb; "when" and "where" only with
    ``when``)."""
    return any(c.i < clause.i and _wh_phrase(c, when) for c in clause.children)


# Words that leave a question open: "it is *unclear* how …", "it is not *known* when …".
UNCERTAIN = frozenset(
    {"clear", "unclear", "known", "unknown", "certain", "uncertain", "sure", "unsure",
     "decided", "undecided", "obvious", "evident"}
)  # fmt: skip


def _uncertain(verb: Token, clause: Token) -> bool:
    """ "*It* is not *clear* when …": an expletive subject, a word of (un)certainty and the
    question after it. A "when" clause before it, or after "the position was made clear",
    tells a time."""
    expletive = any(c.dep_ in {"nsubj", "expl"} and c.lower_ == "it" for c in verb.children)
    return expletive and any(
        c.dep_ in {"acomp", "oprd"} and c.lower_ in UNCERTAIN and c.i < clause.i
        for c in verb.children
    )


def _fronted_wh(verb: Token) -> bool:
    """A phrase with a wh-word before the verb and its subject, in a clause that is no question
    of its own (a question mark is read elsewhere): the clause is an indirect question."""
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None:
        return False
    return any(
        c.dep_ in {"prep", "advmod"} and c.i < subject.i and _wh_phrase(c, when=False)
        for c in verb.children
    )


def _asking(verb: Token, clause: Token) -> bool:
    """A verb that leaves the wh-clause it governs open: one of asking or weighing ("asked
    *how* …", "discussed *how* to refer the issue to the court"), a negated one ("did not
    specify *which* supercomputer"), or "it is not clear". Not "to mark *what* Baghdad has
    hailed as …" nor "explained *how* Iraq attacked the tankers"."""
    if verb.lemma_.lower() in ASKING_VERBS:
        return True
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    return _uncertain(verb, clause)


# Verbs whose wh-clause is a question put: "asked how", "wondered whether", "to decide which".
ASKING_VERBS = frozenset(
    {"ask", "wonder", "inquire", "enquire", "question", "discuss", "debate", "consider",
     "decide", "determine", "study", "examine", "weigh"}
)  # fmt: skip
# Wh-adverbs that also join a clause of time or place ("*when* ministers established the
# Uruguay round, they set up …"): no question by themselves before a verb.
WHEN_WORDS = frozenset({"when", "where", "while", "whenever", "wherever"})


def _wh_phrase(phrase: Token, when: bool = True) -> bool:
    """A phrase that asks ("how", "to what extent"), not one holding a relative clause ("in
    talks *that* concluded last Friday"); without ``when``, not one of time or place either."""
    for t in phrase.subtree:
        if t.tag_ not in {"WDT", "WP", "WRB", "WP$"} or (not when and t.lower_ in WHEN_WORDS):
            continue
        path: list[str] = []
        cur = t
        while cur != phrase and len(path) < 6:
            path.append(cur.dep_)
            cur = cur.head
        if cur == phrase and not {"relcl", "acl", "advcl", "ccomp"} & set(path):
            return True
    return False


def _shares_mood(clause: Token, verb: Token, v: Vocab) -> bool:
    """A participle clause after a verb of the future or of a modal shares its mood: "Japan
    will likely increase cooperation with NATO, *deepening* security agreements", "they may
    impose sanctions, *cutting* foreign aid". A participle after a plain past tells a fact
    ("attacked the town, *killing* five")."""
    if clause.tag_ != "VBG" or clause.i < verb.i or _own_subject(clause):
        return False
    return any(
        c.dep_ == "aux" and (c.lower_ in v.modals or v.word("future", c.lower_))
        for c in verb.children
    )


def _making(verb: Token, v: Vocab) -> bool:
    """A verb that makes, puts forward or concludes what it has as object ("a proposal *made*
    on Monday", "the agreement *signed* yesterday"), not one of purpose ("efforts *aimed* at
    starting discussions")."""
    w = verb.lemma_.lower()
    return v.word("authoring_verbs", w) or v.word("making_verbs", w)


def _wanted(clause: Token, noun: Token) -> bool:
    """An infinitive the parser hangs on a noun as a relative clause, which says what is
    wanted, like one parsed as the noun's complement: "a way *to get* France to leave", "it's
    time *to stop* Israel's attacks". One that ranks its noun tells a fact: "the first state
    *to recognize* Kosovo"."""
    if clause.dep_ != "relcl" or noun.pos_ not in {"NOUN", "PROPN"}:
        return False
    if not infinitive(clause):
        return False
    return not any(c.tag_ in {"JJS", "RBS"} or c.lower_ in RANKS for c in noun.children)


RANKS = frozenset({"first", "last", "only", "second", "third", "next", "latest", "sole"})


# Prepositions that open a clause with its own subject, told as its own fact: "*as* Greek
# warships headed for the Aegean", "*after* Turkey sent a ship", "*with* Cavusoglu warning".
CLAUSE_PREPS = frozenset(
    {"as", "after", "before", "while", "since", "until", "till", "with", "amid", "because"}
)


# Verbs whose complement is not done: "*avoided* attacking", "to *avoid* having to resolve".
AVOIDED = frozenset({"avoid", "avert", "evade", "escape"})


# Prepositions that name an event as past, whatever the mood of the clause they stand in: "talks
# would continue *following* proposals by both", "may retaliate *after* the attack".
SINCE_PREPS = frozenset({"after", "following", "since", "amid"})


def _own_subject(verb: Token) -> bool:
    """A finite clause: the verb has a subject of its own (not one it shares with the clause
    above, as "by sending troops" does)."""
    return any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in verb.children)


def is_question(sent_text: str) -> bool:
    return sent_text.rstrip().rstrip("\"'”’)").endswith("?")
