"""From coded predicates to acts: who did what to whom, and whether it happened.

:func:`code_acts` takes the coded predicates of one parsed sentence
(:func:`~dyadwatch.extract.coder.find_preds`), reads how the text presents each one
(:func:`~dyadwatch.extract.factuality.read`), applies the reading (:func:`decide`: an actor's
intent, refusal, threat or request is a speech act of its own; the writer's supposition is a
statement) and pairs sources with targets (:func:`pairs`: mutual acts both ways, implied
recipients, domestic acts). The rules are described in docs/extract.md, "Events".
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import permutations

from spacy.tokens import Span, Token

from dyadwatch.extract.actors import agent_sector
from dyadwatch.extract.arguments import WHERE_PREPS, ActorIndex, Context, Ref, is_pronoun, unique
from dyadwatch.extract.coder import (
    COOPERATIVE,
    JOINT,
    VERBAL_CONFLICT,
    Coded,
    Pred,
    agent_of,
    between,
    domestic_object,
    find_preds,
    is_passive,
    lookup_names,
    moves,
    nearest_actor,
    noun_entry,
    noun_sources,
    noun_targets,
    offer_noun,
    posture_subject,
    prep_objects,
    subject_token,
    verb_sources,
    verb_targets,
)
from dyadwatch.extract.factuality import NEGATIONS, Reading, is_question, read
from dyadwatch.extract.learned import model_preds
from dyadwatch.extract.vocab import Vocab, load_vocab
from dyadwatch.ontology import load_gazetteer

LOCATIVE = ("in", "throughout", "across", "at", "outside", "near")
SYMMETRIC_CONSULT = frozenset({"040", "041", "044", "046"})


@dataclass(slots=True)
class Act:
    """One predicate's decision: its code, actors and (for statements) modality."""

    code: str
    sources: list[Ref]
    targets: list[Ref]
    modality: str | None = None
    fixed: bool = False
    """The text names the recipient (a demand's addressee): look for no other."""


def _speakers(r: Reading, index: ActorIndex, ctx: Context) -> list[Ref]:
    """Who speaks: the subject of "said", the author of "a statement *by Ozal* that …"."""
    if r.speaker is None:
        return []
    if r.speaker.pos_ in {"NOUN", "PROPN"}:
        return noun_sources(r.speaker, index, ctx, False)
    return verb_sources(r.speaker, index, ctx)


def _request(act: Act, r: Reading, index: ActorIndex, ctx: Context, v: Vocab) -> Act:
    """ "X urged Y to …", "X demanded that Y …": a request from X to Y."""
    if r.negated:
        return Act(act.code, act.sources, act.targets, "negated")
    base = r.request_code or "100"
    code = v.derived("request", act.code, base) if base.startswith("10") else base
    wrapper = r.wrapper
    if wrapper is not None and wrapper.pos_ in {"NOUN", "PROPN"}:
        # "*the ILO*'s demand that …", "the ILO reiterated its demand that …"
        sources = noun_sources(wrapper, index, ctx, True)
    else:
        requester = subject_token(wrapper) if wrapper is not None else None
        sources = index.np_actors(requester, ctx) if requester is not None else []
        if requester is None:
            sources = _speakers(r, index, ctx)
    if r.requestee is not None:
        return Act(code, sources, index.np_actors(r.requestee, ctx), fixed=True)
    return Act(code, sources, act.targets)


def _wrapped(
    act: Act, r: Reading, tok: Token, index: ActorIndex, ctx: Context, v: Vocab
) -> Act | None:
    """Threats, requests and refusals that wrap the act."""
    root = act.code[:2]
    if (
        r.kind in {"threat", "refusal"}
        and r.modal in SUPPOSED
        and not _own_word(act, r, index, ctx)
    ):
        # "the United States *should* also threaten to mine Iran", an analyst said; "Iran
        # *could* refuse to …": a threat or a refusal someone supposes, not one made
        return Act(act.code, act.sources, act.targets, r.modal)
    spoken_intent = r.modal is not None and r.speaker is not None
    refused = r.kind == "refusal" or (
        r.negated and (r.kind == "intent" or r.future or spoken_intent)
    )
    if r.hedged and (r.kind == "threat" or refused):
        # "Iran *is expected to* refuse to negotiate", "Reagan *was expected to* assure Chirac
        # that he will not agree …": a refusal or a threat foreseen, not made
        return Act(act.code, act.sources, act.targets, "hedged")
    if r.kind == "threat":
        if r.negated:
            return Act(act.code, act.sources, act.targets, "negated")
        code = act.code if root == "13" else v.derived("threat", act.code, "130")
        return Act(code, act.sources, act.targets)
    if r.kind == "request":
        return _request(act, r, index, ctx, v)
    if refused:
        if root in COOPERATIVE:
            return Act(v.derived("refusal", act.code, "120"), act.sources, act.targets)
        if root in RESTRAINED and r.kind != "refusal":
            restraint = _restraint(act, r, tok, index, ctx)
            if restraint is not None:
                return restraint
        return Act(act.code, act.sources, act.targets, "negated")
    return None


# The writer's or another's modality that leaves a wrapped act supposed (event_vocab.toml,
# [modality] modals).
SUPPOSED = frozenset({"recommendation", "speculation"})


def _own_word(act: Act, r: Reading, index: ActorIndex, ctx: Context) -> bool:
    """The act's doers are the ones who say it ("Iran said it *would* refuse …")."""
    said = {s.code for s in _speakers(r, index, ctx)}
    return bool(said) and bool(act.sources) and {s.code for s in act.sources} <= said


# Shows and uses of force: an actor's own word that it will not use or move force is a
# stated intent to de-escalate (CAMEO 0356).
RESTRAINED = frozenset({"15", "18", "19", "20"})


def _restraint(act: Act, r: Reading, tok: Token, index: ActorIndex, ctx: Context) -> Act | None:
    """ "Ozal said the ship would not go into international waters unless Greece did the
    same", "Japan will not retaliate against the United States": the actor's own pledge not to
    use force, to the state it would be used on, or to the one its condition names. Another
    actor's guess that someone will not attack is no pledge (None), nor is a force word under
    another negated verb ("will not *tolerate* attacks")."""
    if r.hedged or not (r.future or r.modal is not None):
        return None  # "had not intended to hurt …" looks back: no pledge
    negation = any(c.dep_ == "neg" or c.lower_ in NEGATIONS for c in tok.children)
    if tok.pos_ not in {"VERB", "AUX"} or not negation:
        return None
    speakers = _speakers(r, index, ctx)
    if speakers and not {s.code for s in act.sources} <= {s.code for s in speakers}:
        return None
    sources = act.sources or speakers
    own = {s.code for s in sources}
    targets = [t for t in _condition_party(r, index, ctx) or act.targets if t.code not in own]
    if not sources or not targets:
        return None
    return Act("0356", sources, targets)


def _condition_party(r: Reading, index: ActorIndex, ctx: Context) -> list[Ref]:
    """The subject of the condition an act stands on ("… unless *Greece* did the same")."""
    if r.condition is None:
        return []
    subj = subject_token(r.condition)
    return index.np_actors(subj, ctx) if subj is not None else []


def _spoken(
    act: Act, r: Reading, subj: Token | None, index: ActorIndex, ctx: Context, noun: bool
) -> Act | None:
    """Modal acts in an actor's own speech: "X said Y must …" is X's request to Y; "X said
    it would …" is X's intent; "X said Y could …" and "X said a trade war *would* do harm"
    (an act nobody is named to do) stay X's supposition."""
    speakers = _speakers(r, index, ctx)
    if not speakers or r.modal is None:
        return None
    if r.hedged:  # "Iran *believes* it will sign an accord": no word given
        return Act(act.code, act.sources, act.targets, "hedged")
    said = {s.code for s in speakers}
    own = not act.sources or {s.code for s in act.sources} <= said
    v = load_vocab()
    if r.obligation and act.sources and (not own or _asked_of_state(act, subj, speakers)):
        return Act(v.derived("request", act.code, "100"), speakers, act.sources)
    if noun and not act.sources:
        return Act(act.code, act.sources, act.targets, r.modal)
    if own and (subj is None or is_pronoun(subj) or act.sources):
        return intent(Act(act.code, act.sources or speakers, act.targets), v)
    return Act(act.code, act.sources, act.targets, r.modal)


def _asked_of_state(act: Act, subj: Token | None, speakers: list[Ref]) -> bool:
    """ "*A Nigerian activist* said *authorities* should declare a state of emergency": what
    someone outside a state's apparatus says it must do is asked of it, though both are of one
    state; an official's "the government must …" stays the state's own word."""
    if subj is None or is_pronoun(subj):
        return False
    apparatus = any(s.sector in OWN_FORCES for s in act.sources)
    return apparatus and all(s.sector not in OWN_FORCES for s in speakers)


def announced(c: Coded, index: ActorIndex, ctx: Context) -> Coded | None:
    """An act still to come that its own actor announces ("President Reagan announced he is
    sending Shultz to Moscow for talks next month") is the announcer's stated intent (AGREE to
    meet, THREATEN to use force: :func:`intent`), made when it was announced; the report verb
    is returned as the trigger to date it by. None when someone else tells of it ("officials
    said the talks will take place next month" is only scheduled)."""
    if c.source is None:
        return None
    r = read(c.trigger, load_vocab())
    if r.speaker is None or r.kind != "fact" or r.negated or r.hedged or r.conditional:
        return None
    if c.source.code not in {s.code for s in _speakers(r, index, ctx)}:
        return None
    act = intent(Act(c.code, [c.source], [c.target] if c.target else []), load_vocab())
    return Coded(c.source, c.target, act.code, r.speaker, None, None, c.learned)


def intent(act: Act, v: Vocab) -> Act:
    """A stated intent: to cooperate is AGREE (03), to use force or sanctions THREATEN (13);
    intended verbal conflict (demands, accusations, refusals) and a statement to come ("Japan
    will explain economic measures to the G-7") keep their own code."""
    root = act.code[:2]
    if root in COOPERATIVE:
        return Act(v.derived("intent", act.code, "030"), act.sources, act.targets)
    if root in VERBAL_CONFLICT or root == "01":
        return act
    return Act(v.derived("threat", act.code, "130"), act.sources, act.targets)


def decide(
    act: Act, r: Reading, pred: Pred, question: bool, index: ActorIndex, ctx: Context
) -> Act | None:
    """How the reading turns the act: an event, a statement, or nothing (purpose clauses)."""
    v = load_vocab()
    if r.conditional:
        return Act(act.code, act.sources, act.targets, "conditional")
    if r.stopped:
        # the stopping is the act, told as any act is: "on condition that Iran *stop*
        # attacking" is supposed, "urged Iran to stop attacking" asked
        stopped = _stopped(act, v)
        if stopped is None:
            return None
        act = stopped
    decided = _decide(act, r, pred, question, index, ctx, v)
    conditioned = decided is not None and r.conditioned and decided.modality is None
    if decided is not None and conditioned and decided.code[:2] not in {"03", "13"}:
        # "If this happens, Turkey will not buy …": only offers and threats stand on a
        # condition ("willing to send material … if it is attacked")
        return Act(decided.code, decided.sources, decided.targets, "conditional")
    return decided


# What stopping an act is: cutting talks, ties, trade or aid is a sanction (CAMEO 16x),
# stopping force a de-escalation (087).
STOPPED = {"04": "164", "05": "161", "06": "163", "07": "162", "03": "160", "08": "160"}


def _stopped(act: Act, v: Vocab) -> Act | None:
    """ "has stopped importing meat from Zimbabwe", "halted talks", "ceased shelling"."""
    root = act.code[:2]
    if root in STOPPED:
        return Act(STOPPED[root], act.sources, act.targets)
    if root in {"18", "19", "20"}:
        return Act("087", act.sources, act.targets)
    return None


def _decide(
    act: Act, r: Reading, pred: Pred, question: bool, index: ActorIndex, ctx: Context, v: Vocab
) -> Act | None:
    """:func:`decide` for an act that is neither conditional nor stopped."""
    if question and r.speaker is None:
        return Act(act.code, act.sources, act.targets, "question")
    if r.purpose and r.kind == "fact":
        return None
    wrapped = _wrapped(act, r, pred.tok, index, ctx, v)
    if wrapped is not None:
        return wrapped
    noun = pred.tok.pos_ in {"NOUN", "PROPN"}
    spoken = _spoken(act, r, subject_token(pred.tok), index, ctx, noun)
    if spoken is not None:
        return spoken
    if r.hedged or r.hedged_intent:
        return Act(act.code, act.sources, act.targets, "hedged")
    if r.modal is not None and (r.kind == "fact" or r.modal in {"denied", "scheduled"}):
        # "Thailand denied it was planning to repatriate …": a denied intent is no intent;
        # nor does a timetable under a wish make one ("seeking to avoid ostracism by Arab
        # states *due to* meet at a summit")
        return Act(act.code, act.sources, act.targets, r.modal)
    if r.kind == "intent" and act.code[:2] in DECIDED and _decision(r.wrapper, v):
        return act
    if r.kind == "intent" or r.future:
        return intent(act, v)
    if r.negated:
        if act.code[:2] in {"03", "05"}:
            return Act(v.derived("refusal", act.code, "120"), act.sources, act.targets)
        return Act(act.code, act.sources, act.targets, "negated")
    return act


# A decision to sanction is the sanction, decided: "Reagan's April 17 decision to impose 100
# pct tariffs" (PETRARCH-2's DECIDE codes LIMIT and BAR as 160, as our verb "decided to impose"
# is already). A decision to do anything else stays a stated intent (its DECIDE TO_WITHDRAW is
# 0356, an intent to de-escalate).
DECIDED = frozenset({"16"})


def _decision(wrapper: Token | None, v: Vocab) -> bool:
    return wrapper is not None and v.word("decision_nouns", wrapper.lemma_.lower())


def arguments(pred: Pred, index: ActorIndex, ctx: Context) -> tuple[list[Ref], list[Ref]]:
    """Sources and targets of a predicate. A crowd with no state of its own ("up to 100
    ethnic Albanians", "students") acts for the state where it acts ("demonstrated *in
    Serbia*")."""
    tok = pred.tok
    if tok.pos_ in {"NOUN", "PROPN"}:
        force = pred.code[:2] in {"15", "17", "18", "19", "20"}
        return noun_sources(tok, index, ctx, True), noun_targets(tok, index, ctx, force)
    sources = [s for s in verb_sources(tok, index, ctx) if not s.code.startswith("PER:")]
    if not sources and pred.code[:2] == "03" and is_passive(tok) and agent_of(tok) is None:
        # "it had been assured Athens would not start prospecting": who promises is who
        # will (not) act
        sources = [
            s for c in tok.children if c.dep_ == "ccomp" for s in _clause_subject(c, index, ctx)
        ]
    if not sources and pred.code.startswith("15"):
        # "Greek forces were put on alert": whoever is put on alert holds the posture
        patient = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        if patient is not None and not any(c.dep_ == "agent" for c in tok.children):
            sources = index.np_actors(patient, ctx)
    answered = _answered_offer(pred, index, ctx) if not sources else None
    if answered is not None:
        return answered
    noun = pred.noun
    if not sources and noun is not None and noun.dep_ == "nsubjpass" and agent_of(tok) is None:
        # "Kuwait's request for U.S. protection *was made* in December": the light verb's
        # passive subject is the act, made by its own owner
        owners = noun_sources(noun, index, ctx, False)  # a state's or a body of states'
        sources = [s for s in owners if len(s.code) == 3 or s.code.startswith("IGO:")]
    if not sources:
        sources = _located(pred, index, ctx)
    targets = [t for t in verb_targets(pred, index, ctx) if t not in sources]
    return unique(sources), targets


def _answered_offer(
    pred: Pred, index: ActorIndex, ctx: Context
) -> tuple[list[Ref], list[Ref]] | None:
    """An offer answered in the passive with no agent ("last year's U.S. offer of wheat *to
    the Soviets* was rejected"): its recipient answered it, to the one who made it."""
    tok = pred.tok
    v = load_vocab()
    if not is_passive(tok) or agent_of(tok) is not None:
        return None
    if not any(v.word("answer_verbs", name) for name in lookup_names(tok)):
        return None
    offer = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    if offer is None or not offer_noun(offer, v):
        return None
    makers = noun_sources(offer, index, ctx, False)
    takers = [r for p in prep_objects(offer, ("to",)) for r in index.np_actors(p, ctx)]
    if not makers or not takers:
        return None
    return unique(takers), [m for m in unique(makers) if m not in takers]


def _addressees(r: Reading, sources: list[Ref], index: ActorIndex, ctx: Context) -> list[Ref]:
    """Whom an offer was made to, when another party answers it: the subject of "accepted",
    "took up", "rejected" with the offer as object ("Turkey rejected *Greece's offer* to go
    to the court": Greece's offer to Turkey, not to the court)."""
    v = load_vocab()
    offer = r.wrapper
    if r.kind != "intent" or offer is None or not v.word("offer_nouns", offer.lemma_.lower()):
        return []
    verb = offer.head
    if offer.dep_ not in {"dobj", "nsubjpass"} or not any(
        v.word("answer_verbs", name) for name in lookup_names(verb)
    ):
        return []
    own = {s.code for s in sources}
    return [a for a in verb_sources(verb, index, ctx) if a.code not in own and a.kind != "place"]


def _clause_subject(clause: Token, index: ActorIndex, ctx: Context) -> list[Ref]:
    subj = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    return index.np_actors(subj, ctx) if subj is not None else []


def _located(pred: Pred, index: ActorIndex, ctx: Context) -> list[Ref]:
    """A crowd with no state of its own acts for the state where it acts."""
    subj = subject_token(pred.tok)
    if subj is None:
        return []
    v = load_vocab()
    words = {subj.lemma_.lower(), subj.lower_}
    crowd = bool(words & (v.kinds["crowd"] | v.kinds["domestic"])) or index.raw(subj) is not None
    if not crowd:
        return []
    anchors = [pred.tok, *([pred.noun] if pred.noun is not None else [])]
    anchors += [c for c in pred.tok.children if c.dep_ == "dobj"]
    found: list[Ref] = []
    for anchor in anchors:
        for c in anchor.children:
            if c.dep_ == "prep" and c.lower_ in LOCATIVE:
                for p in c.children:
                    found += index.np_actors(p, ctx, places=True)
    return found


def _venue(pred: Pred, plover: str, near: Ref) -> bool:
    """A place after "in", "at" … is a meeting's venue, not its counterpart; a journey's is
    ("arrived *in Moscow*" is a visit to Moscow)."""
    if plover != "CONSULT" or near.kind != "place" or moves(pred.tok):
        return False
    head = pred.tok.doc[near.end - 1]
    while head.dep_ in {"compound", "amod", "nmod"} and head.head is not head:
        head = head.head  # "in *the U.S. market*"
    act = {pred.tok.i, *([pred.noun.i] if pred.noun is not None else [])}
    return head.i not in act and head.dep_ == "pobj" and head.head.lower_ in WHERE_PREPS


def _implied(pred: Pred) -> bool:
    """A mutual act whose event noun is the subject of its clause ("The first joint military
    exercise *was held* in 2016"): its parties may be the previous sentence's pair."""
    noun = pred.noun if pred.noun is not None else pred.tok
    if noun.pos_ not in {"NOUN", "PROPN"}:
        return False
    return _mutual(pred) and noun.dep_ in {"nsubj", "nsubjpass"}


def _mutual(pred: Pred) -> bool:
    """Mutual by its word ("talks", "sign", "agree"), its modifier ("joint exercise") or, unless
    it accuses, rejects or threatens, its object ("delayed *their meeting*")."""
    noun = pred.noun if pred.noun is not None else pred.tok
    if pred.reciprocal or any(c.lower_ in JOINT for c in noun.children):
        return True
    if pred.code[:2] in {"11", "12", "13"}:
        return False  # "Ireland and France *opposed the deal*": a stand on it, not done together
    v = load_vocab()
    objects = [c for c in pred.tok.children if c.dep_ == "dobj"]
    return any((e := noun_entry(o, v)) is not None and e[1].reciprocal for o in objects)


def pairs(
    act: Act, pred: Pred, plover: str, index: ActorIndex, ctx: Context, alone: bool
) -> list[tuple[Ref, Ref | None]]:
    """Source-target pairs of an act (see module doc)."""
    sources = unique(act.sources)
    targets = [t for t in unique(act.targets) if t not in sources]  # one mention, one role
    anchor = pred.noun if pred.noun is not None else pred.tok
    parties = between(anchor, index, ctx)
    mutual = _mutual(pred)
    if not sources and len(parties) >= 2 and mutual:
        return list(permutations(parties, 2))
    if not sources and not targets and alone and ctx.pair is not None and _implied(pred):
        return list(permutations(ctx.pair, 2))  # implied: "The first joint exercise was held"
    if not sources:
        return []
    # "Iran and Iraq held talks *in Geneva*": a place named beside two parties is their venue
    outsiders = {t.code for t in targets if t.kind != "place"} - {s.code for s in sources}
    if len(sources) >= 2 and mutual and not outsiders:
        return list(permutations(sources, 2))
    if not targets and not act.fixed:
        targets = [p for p in parties if p.code not in {s.code for s in sources}]
    if not targets and not act.fixed:
        near = nearest_actor(pred.tok, index, {s.code for s in sources}, plover == "THREATEN")
        if near is not None and _venue(pred, plover, near):
            near = None  # "officials met in Paris": where they met, not whom
        targets = [near] if near is not None and near not in sources else []
    if plover in POSTURE:  # forces moved about their own land aim at no one there
        mine = {s.code for s in sources}
        targets = [t for t in targets if not (t.kind == "place" and t.code in mine)]
    # an act of force is never domestic by its own noun: an air strike is no labour strike
    domestic = plover == "PROTEST" or domestic_object(pred, load_vocab(), plover != "ASSAULT")
    if not targets and domestic and not mutual and plover not in OUTWARD:
        return [(s, s) for s in sources if len(s.code) == 3]  # "lifted the curfew" …
    armed = all(s.sector == "MIL" for s in sources)
    if not targets and plover in POSTURE and armed and len({s.code for s in sources}) >= 2:
        return [(s, t) for s, t in permutations(sources, 2) if s.code != t.code]
    stand_down = act.code.startswith(STAND_DOWN) and (armed or _forces_moved(pred))
    # an offer told as a thing with no recipient named ("Gorbachev's new offer Saturday") was
    # put to the other side of the story's pair
    offered = offer_noun(pred.tok, load_vocab())
    aimed = plover in POSTURE or act.code.startswith(YIELD_REFUSED) or stand_down or offered
    if not targets and not act.fixed and aimed and ctx.story is not None:
        return [(s, rival) for s in sources if (rival := _rival(s, ctx.story)) is not None]
    if not targets:
        return [(s, None) for s in sources]
    out: list[tuple[Ref, Ref | None]] = []
    for s in sources:
        others = [t for t in targets if t.code != s.code]
        for t in others or targets:
            if s is t or (len(sources) > 1 and s.code == t.code):
                continue
            own = domestic and plover not in OUTWARD
            if s.code == t.code and (len(s.code) != 3 or not (own or _domestic_pair(s, t))):
                continue  # a state acts on itself only in a domestic act; other actors never
            out.append((s, t))
            if mutual and plover == "CONSULT" and act.code in SYMMETRIC_CONSULT:
                out.append((t, s))  # PLOVER: all participants of a consultation are sources
    return out


# A show of force or a threat with no recipient in its sentence is aimed by each of several
# armed forces at the others ("Greek and Turkish warships headed for …"), by one source at the
# other state of the story's pair ("the air force, navy and army are on alert").
POSTURE = frozenset({"MOBILIZE", "THREATEN"})
# A refusal to yield (CAMEO 124: give up, back down, compromise) always answers an adversary:
# one that names no other party is aimed at the other state of the story's pair ("Greece is
# not prepared to give up even a trace of its sovereignty rights").
YIELD_REFUSED = "124"
# Standing forces down (CAMEO 087: ceasefire, easing a blockade, demobilising, pulling back)
# answers the adversary they faced: with no recipient named, the other state of the pair
# ("Turkey pulled warships back from close escort of its survey ship").
STAND_DOWN = "087"


def _forces_moved(pred: Pred) -> bool:
    """The act moves armed forces: its subject or object names troops or military units."""
    v = load_vocab()
    heads = [c for c in pred.tok.children if c.dep_ in {"nsubj", "nsubjpass", "dobj"}]
    words = {w for h in heads for w in (h.lemma_.lower(), h.lower_)}
    return bool(words & (v.kinds["troops"] | v.kinds["military_units"]))


def _rival(source: Ref, story: tuple[str, str]) -> Ref | None:
    """The other state of the story's pair, for a source that is one of them."""
    if source.code not in story:
        return None
    other = story[1] if source.code == story[0] else story[0]
    return Ref(other, other, "country", source.start, source.start, "story")


# Categories a state does not direct at itself merely because domestic words stand near
# them: its forces on the move, its cabinet in session.
OUTWARD = frozenset({"MOBILIZE", "CONSULT", "COOPERATE", "AID"})


# Sectors of a state's own society, which its government can act on (and they on it); an act
# between two parts of the state apparatus (GOV, MIL, SPY, ELI) or a state and its own
# officials is no event.
STATE_SECTORS = frozenset({"GOV", "MIL", "SPY", "ELI"})


def _domestic_pair(s: Ref, t: Ref) -> bool:
    """Two actors of one state in a domestic event: one of them outside its apparatus
    ("opposition leader Mitsotakis urged Papandreou", "police arrested protesters")."""
    sectors = {s.sector, t.sector}
    return s.sector != t.sector and bool(sectors - STATE_SECTORS - {None})


# What a wrongdoing verb needs to be one: "broke *the accord*", "failed *to* honour …".
BREAK_OBJECTS = frozenset(
    {"agreement", "accord", "pact", "treaty", "ceasefire", "truce", "promise", "pledge",
     "law", "rule", "rules", "commitment", "commitments", "obligation", "obligations",
     "resolution", "embargo", "sanctions", "understanding", "deal", "arrangement"}
)  # fmt: skip


def reported_accusations(
    sent: Span, index: ActorIndex, ctx: Context
) -> tuple[list[Coded], set[int]]:
    """An actor's report that another did wrong ("Erdem said Greek activities *contravened*
    the accord", "Tokyo said Washington had *failed* to live up to the pact", "… had *not
    lived up* to the agreement") is the speaker's
    accusation (ACCUSE, 112) of the wrongdoer, dated by the report; the wrongdoing itself is
    the speaker's claim, not an event the text asserts. Returns the accusations and the
    offsets of the wrongdoing verbs reported (coded as no act of their own). A wrong done by
    "it" ("They say *it* violates Thailand's obligations": an act or a decision, not a state)
    accuses no one."""
    v = load_vocab()
    out: list[Coded] = []
    charged: set[int] = set()
    for tok in sent:
        if tok.pos_ != "VERB":
            continue
        broken = v.word("violation_verbs", tok.lemma_.lower()) and _wrongdoing(tok)
        unkept = _not_kept(tok, v)
        if not broken and not unkept:
            continue
        r = read(tok, v)
        # "Y has *not* lived up to the pact": the negation is the charge, not a denial of it
        if r.speaker is None or (r.negated and not unkept) or r.conditional or r.kind != "fact":
            continue
        speakers = [s for s in _speakers(r, index, ctx) if s.kind != "place"]
        doer = subject_token(tok)
        if doer is not None and doer.lower_ in {"it", "this", "that"}:
            charged.add(tok.i)
            continue
        wrongdoers = [w for w in verb_sources(tok, index, ctx) if w.kind != "place"]
        for s in speakers:
            for w in wrongdoers:
                if s.code != w.code:
                    out.append(Coded(s, w, "112", r.speaker, None, None))
                    charged.add(tok.i)
    return out, charged


def reported_rejections(sent: Span, index: ActorIndex, ctx: Context) -> list[Coded]:
    """An actor's report that a proposal or a condition is unacceptable ("Eralp told reporters
    this was *unacceptable* because of preconditions Athens had attached") is the speaker's
    rejection (REJECT, 120) of the other party: an actor named in that clause, else the other
    state of the story's pair."""
    v = load_vocab()
    out: list[Coded] = []
    for tok in sent:
        if tok.dep_ != "acomp" or not v.word("rejection_adjectives", tok.lower_):
            continue
        r = read(tok, v)
        if r.speaker is None or r.negated or r.conditional or r.modal or r.kind != "fact":
            continue
        speakers = [s for s in _speakers(r, index, ctx) if s.kind != "place"]
        said = {s.code for s in speakers}
        clause = range(tok.head.left_edge.i, tok.head.right_edge.i + 1)
        others = [x for x in index.refs if x.start in clause and x.code not in said]
        for s in speakers:
            rival = _rival(s, ctx.story) if ctx.story is not None else None
            for t in unique(others) or ([rival] if rival is not None else []):
                out.append(Coded(s, t, "120", r.speaker, None, None))
    return out


def _victims_speaking(act: Act, r: Reading, index: ActorIndex, ctx: Context) -> dict[str, Ref]:
    """The speakers of a reported use of force who are on its receiving side ("Iran said
    Iraqi jets bombed Iranian cities"): the attack is their claim, not a fact the text asserts,
    and is coded as their accusation of the attacker (ACCUSE, 112). By code of the state; the
    claim stands only when no other state's speaker vouches for it."""
    if r.speaker is None or act.modality is not None or act.code[:2] not in FORCE:
        return {}
    return {s.code: s for s in _speakers(r, index, ctx) if len(s.code) == 3}


def _accidental(tok: Token, v: Vocab) -> bool:
    """The text calls the act an accident ("was *accidentally* hit by shells"): its victim's
    report of it blames no one."""
    return any(c.dep_ == "advmod" and v.word("accident_words", c.lower_) for c in tok.children)


# Uses of force (CAMEO 18–20) and coercion of persons and property (17).
FORCE = frozenset({"17", "18", "19", "20"})


def _not_kept(tok: Token, v: Vocab) -> bool:
    """A pledge or an accord not kept: a verb of keeping (``keeping_verbs``) negated, "lived
    up to" with its particle, the others with an accord or a pledge as object ("has not
    *lived up to* the agreement", "did not *honour* its commitments")."""
    lemma = tok.lemma_.lower()
    if not v.word("keeping_verbs", lemma) or not any(c.dep_ == "neg" for c in tok.children):
        return False
    if lemma == "live":
        return any(c.dep_ in {"prt", "prep"} and c.lower_ == "up" for c in tok.children)
    objects = [p for c in tok.children if c.dep_ == "prep" for p in c.children]
    objects += [c for c in tok.children if c.dep_ == "dobj"]
    return any(o.lemma_.lower() in BREAK_OBJECTS for o in objects)


def _wrongdoing(tok: Token) -> bool:
    """ "violated", "contravened" on their own; "broke" and "ignored" with an accord or a law
    as object; "failed" with an infinitive ("failed to live up to")."""
    lemma = tok.lemma_.lower()
    if lemma == "fail":
        return any(c.dep_ == "xcomp" for c in tok.children)
    if lemma in {"break", "ignore", "disregard"}:
        objects = [c for c in tok.children if c.dep_ == "dobj"]
        return any(o.lemma_.lower() in BREAK_OBJECTS for o in objects)
    return True


def _description(tok: Token) -> bool:
    """A relative clause in the simple present describes its noun, it reports no act: "the
    Taliban faction *that controls* Afghanistan", "a group which *supports* the rebels"."""
    return (
        tok.dep_ == "relcl"
        and tok.tag_ in {"VBZ", "VBP"}
        and not any(c.dep_ == "aux" for c in tok.children)
    )


def _statistic(tok: Token, v: Vocab) -> bool:
    """Trade as a figure or a habit, not an act: "trade between X and Y *is growing*", "trade
    *hit* $1.1 billion", "Argentina *exports* much of its beef to …" (a simple present)."""
    trade = v.kinds["trade"]
    if tok.pos_ in {"NOUN", "PROPN"}:
        if tok.lemma_.lower() not in trade and tok.lower_ not in trade:
            return False
        return tok.dep_ in {"nsubj", "nsubjpass"} and v.word(
            "change_verbs", tok.head.lemma_.lower()
        )
    habitual = tok.tag_ in {"VBZ", "VBP"} and not any(c.dep_ == "aux" for c in tok.children)
    trading = tok.lemma_.lower() in {"export", "import", "buy", "sell", "trade", "supply"}
    return habitual and trading and not _quoted(tok)  # a quote narrates in the present


def _quoted(tok: Token) -> bool:
    """Whether ``tok`` stands inside a quotation of its sentence (an odd number of quotation
    marks before it)."""
    lo = next((t.i for t in tok.sent if True), tok.i)
    marks = sum(1 for t in tok.doc[lo : tok.i] if t.text in {'"', "“", "”", "``", "''"})
    return marks % 2 == 1


def _terms_of_accord(tok: Token, v: Vocab) -> bool:
    """A relative clause telling what an accord says ("the 1976 Berne Agreement *under which
    both sides agreed* to preserve the status quo"): the accord's terms, not a new act."""
    verb = tok if tok.pos_ in {"VERB", "AUX"} else tok.head
    while verb.dep_ in {"xcomp", "conj"} and verb.head is not verb:
        verb = verb.head  # "under which they agreed *to cooperate*"
    if verb.dep_ != "relcl":
        return False
    noun = verb.head
    return noun.lemma_.lower() in v.kinds["agreement"] or noun.lower_ in v.kinds["agreement"]


# Sectors of a state's apparatus that speak for it in its own people's words.
OWN_FORCES = frozenset({"MIL", "GOV", "COP", "SPY"})


def _speakers_own(pred: Pred, r: Reading, index: ActorIndex, ctx: Context) -> list[Ref]:
    """In a state's report about "the army", "the navy and air force", "the government", with
    no state named, they are the speaker's own ("*The air force, navy and army* are in a
    state of alert," the Turkish general said)."""
    if r.speaker is None:
        return []
    nominal = pred.tok.pos_ in {"NOUN", "PROPN"}
    head = posture_subject(pred.tok) if nominal else subject_token(pred.tok)
    if head is None or index.np_actors(head, ctx):
        return []
    sector = agent_sector(load_gazetteer(), head)
    if sector not in OWN_FORCES:
        return []
    states = [s for s in _speakers(r, index, ctx) if len(s.code) == 3]
    return [Ref(s.code, s.code, "country", head.i, head.i + 1, "agent", sector) for s in states[:1]]


def _stateless(ref: Ref | None) -> bool:
    """A person whose state nothing in the text tells (``PER:…``): most such names on the
    wire are firms, clubs or places taken for people ("Borussia Dortmund", "Wadi Rum"), and
    the rest cannot be placed in a dyad."""
    return ref is not None and ref.code.startswith("PER:")


def code_acts(sent: Span, index: ActorIndex, ctx: Context) -> list[Coded]:
    """Every coded act of a parsed sentence, one per (source, target) pair."""
    v = load_vocab()
    question = is_question(sent.text)
    alone = not index.within(sent.start, sent.end)
    out: list[Coded] = []
    seen: set[tuple[str, str | None, str, int]] = set()
    accused, charged = reported_accusations(sent, index, ctx)
    out += accused + reported_rejections(sent, index, ctx)
    preds = find_preds(sent, v)
    coded = charged | {p.tok.i for p in preds} | {t.i for p in preds for t in p.consumed}
    preds += model_preds(sent, coded, index, ctx, v)  # verbs no dictionary lists
    for pred in preds:
        if pred.tok.i in charged:
            continue  # "X said Y violated …": X's accusation, not a fact the text asserts
        if _terms_of_accord(pred.tok, v) or _statistic(pred.tok, v) or _description(pred.tok):
            continue
        r = read(pred.tok, v)
        sources, targets = arguments(pred, index, ctx)
        if not sources:
            sources = _speakers_own(pred, r, index, ctx)
        targets = _addressees(r, sources, index, ctx) or targets
        fixed = pred.place is not None  # a journey's destination is named, or none
        act = decide(Act(pred.code, sources, targets, fixed=fixed), r, pred, question, index, ctx)
        if act is None:
            continue
        coding = v.coding(act.code)
        if coding is None or coding.plover is None:
            continue
        victims = {} if _accidental(pred.tok, v) else _victims_speaking(act, r, index, ctx)
        for s, t in pairs(act, pred, coding.plover, index, ctx, alone):
            if t is None and act.modality is None:
                continue  # an event is dyadic: no recipient, no event
            if act.modality is None and (_stateless(s) or _stateless(t)):
                continue  # "talks with Borussia Dortmund": a party no state stands behind
            # only the victim's side speaks: a third party's word ("US witnesses said") vouches
            alone_said = t is not None and set(victims) == {t.code} and s.code != t.code
            accuser = victims.get(t.code) if t is not None and alone_said else None
            if accuser is not None and r.speaker is not None:
                # the victim's claim: the accuser's act, dated by the report
                s, t = accuser, s
                c = Coded(s, t, "112", r.speaker, None, None)
            else:
                c = Coded(s, t, act.code, pred.tok, r.wrapper, act.modality, pred.learned)
            key = (s.code, t.code if t else None, c.code[:2], c.trigger.i)
            if key not in seen:
                seen.add(key)
                out.append(c)
    return out
