"""When an event happened, read from its own words, never guessed from the story's date alone.

:class:`EventDater` dates one coded act of a parsed document, in this order:

1. **clause**: a time expression of the event's own clause ("met *on Friday*", "the invasion
   *in 1979*", "said *yesterday* it had licensed …"): one that modifies the act, the word that
   wraps it ("pledged") or the report verb of its speaker ("Greece *said yesterday* it would
   defend …"). A date inside a name or a noun phrase is not the event's ("the *1976* Berne
   Agreement", "a *1956* convention"), except for a relative clause on that noun, which tells
   what happened then ("the 1976 accord *under which both sides agreed*"), and for the event
   an act took part in ("occupied *in the 1948 war*", "*after the 2010 floods*"). Relative
   expressions ("yesterday", "last June", "a year ago", "on February 22") come resolved
   against the story's date by :mod:`dyadwatch.extract.dates` and keep ``derived``.
2. **narrative**: the time a paragraph opens with ("*In the 1970s*, many students went …"),
   for the past-tense acts after it in that paragraph; the time a sentence opens with on its
   main verb, for the past-tense acts of its other clauses ("*Last summer* the administration
   took the step of offering … but were embarrassed when Moscow spurned the proposal"), and
   the last time told in the few sentences before, for a past act whose clause says "then"
   ("… last summer, when the USSR baulked at its offer. The Soviets rejected the U.S. offer
   *then*").
   An answer in the past tense to an offer the text dates ("*last year's* U.S. offer …
   was rejected"), with no time of its own, takes the offer's time.
3. **none**: background — an act in the past perfect outside reported speech, one the text
   places in an unspecified past ("has *in the past* rejected", "*previously*", "*long*"), or
   a past act in a relative clause — has no date (precision ``unknown``).
4. **story**: any other act is the story's news and takes the story's date (its dateline or
   metadata date, else the document's estimated date), marked derived; **prior** when it is
   reported in the past perfect ("the ministry said it *had received* an assurance"): the
   story's date is then only the latest it can have happened.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from dyadwatch.extract.factuality import infinitive, is_to, said_by_noun
from dyadwatch.extract.vocab import load_vocab
from dyadwatch.model import DateEstimate, EventPrecision, TimeExpr

# Dependencies by which a time expression modifies a noun rather than a clause.
NOUN_MODIFIER_DEPS = frozenset({"nummod", "compound", "amod", "nmod", "poss", "appos", "quantmod"})
# Words that put an act in an unspecified past ("has in the past rejected", "had long sought").
BACKGROUND_WORDS = frozenset(
    {"previously", "formerly", "once", "long", "historically", "traditionally"}
)
BACKGROUND_PHRASES = (
    "in the past",
    "for years",
    "for decades",
    "in recent years",
    "over the years",
)
# Words by which a clause is dated by another event ("after the 2010 floods", "following the
# earthquake in 2005", "in the wake of", "since the 1999 coup").
ANCHORS = frozenset({"after", "following", "since", "during", "amid", "before", "wake"})
# Subordinators that set an act before or after another: its time is not the story's.
SEQUENCE_MARKS = frozenset({"after", "before", "since", "until", "once"})
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "parataxis"})
OPENING_REACH = 2
"""How many tokens may stand before the time that opens a sentence ("But last summer …")."""
MAX_CLIMB = 8


@dataclass(frozen=True, slots=True)
class EventDate:
    """An event's date, its precision, whether it is derived and how it was found."""

    value: str | None
    precision: EventPrecision
    derived: bool
    basis: str
    """clause, relative, narrative, story, prior or none (see module doc)."""


class EventDater:
    """Dates the events of one parsed document (see module doc)."""

    def __init__(self, sdoc: Doc, exprs: list[TimeExpr], estimate: DateEstimate | None) -> None:
        self.doc = sdoc
        self.estimate = estimate
        self.exprs: list[tuple[TimeExpr, Span]] = []
        for e in exprs:
            span = sdoc.char_span(e.start, e.end, alignment_mode="expand")
            if span is not None and len(span):
                self.exprs.append((e, span))

    # -- the steps ------------------------------------------------------------------------

    def date(self, trigger: Token, wrapper: Token | None = None) -> EventDate:
        """The date of the act whose predicate is ``trigger`` (see module doc)."""
        heads = self._heads(trigger, wrapper)
        own = self._own(heads, trigger, _planned(trigger, wrapper))
        if own is not None:
            basis = "relative" if own.derived else "clause"
            return EventDate(own.value, own.precision, own.derived, basis)
        answered = self._answered_date(trigger)
        if answered is not None:  # "*last year's* U.S. offer … was rejected"
            return EventDate(answered.value, answered.precision, True, "narrative")
        if self._unspecified_past(trigger, heads):
            return EventDate(None, "unknown", True, "none")
        if _past(trigger) and _sequenced(_verb(trigger)):
            return EventDate(None, "unknown", True, "none")
        if _past(trigger) and _then(heads):
            before = self._previous_time(trigger)
            if before is not None:  # "The Soviets rejected the U.S. offer *then*"
                return EventDate(before.value, before.precision, True, "narrative")
        if _past(trigger) and not self._reported(trigger):
            narrative = self._opening(trigger) or self.narrative(trigger)
            if narrative is not None:
                return EventDate(narrative.value, narrative.precision, True, "narrative")
            if _background(trigger):
                return EventDate(None, "unknown", True, "none")
        est = self.estimate
        if est is not None and est.date:
            basis = "prior" if _perfect(trigger) else "story"
            return EventDate(est.date, est.precision, True, basis)
        return EventDate(None, "unknown", True, "none")

    def _heads(self, trigger: Token, wrapper: Token | None) -> list[Token]:
        """The words whose time is the event's: the act, its wrapper, the participle that
        describes an event noun ("the pact *reached* on Friday") and the verb it hangs on
        ("held *talks*"), the report verb of its speaker, and their conjuncts."""
        heads = [trigger]
        if wrapper is not None:
            heads.append(wrapper)
        if trigger.pos_ in {"NOUN", "PROPN"}:
            # "a proposal *made* on Monday", "the talks *held* in Geneva last week", "talks
            # *that concluded last Friday*" (a relative clause whose subject is the noun)
            heads += [c for c in trigger.children if c.dep_ == "acl" and c.tag_ == "VBN"]
            heads += [c for c in trigger.children if c.dep_ == "relcl" and _of_itself(c)]
        if trigger.pos_ in {"NOUN", "PROPN"} and trigger.dep_ in {"dobj", "nsubj", "nsubjpass"}:
            heads.append(trigger.head)
        governor = _governor(heads[-1])
        if governor is not None:  # "Russia was one of the first countries *to give* aid"
            heads.append(governor)
        speaker = _speaker(heads[-1])
        if speaker is not None:
            heads.append(speaker)
        for h in list(heads):
            # "met on Monday and signed …"; a noun the parser joined to a verb is no second
            # act of its clause ("the legislation was passed in the wake of the May 17th
            # attack … and Reagan's *decision* to protect …")
            if h.dep_ == "conj" and h.head.pos_ in {"VERB", "AUX"} and h.pos_ in {"VERB", "AUX"}:
                heads.append(h.head)
        return heads

    def _own(self, heads: list[Token], trigger: Token, planned: bool = False) -> TimeExpr | None:
        """The nearest time expression of the event's own clause (see module doc). For an act
        ``planned``, the time of the act itself is when it is to happen, not when it was said
        ("announced *last Friday* that *on April 17* he would raise tariffs": the threat was
        made last Friday)."""
        speaker = _speaker(heads[0]) or (_speaker(heads[1]) if len(heads) > 1 else None)
        best: tuple[tuple[int, int], TimeExpr] | None = None
        lo, hi = _sentence(trigger)
        for expr, span in self.exprs:
            if span.start < lo or span.end > hi:
                continue
            head = self._attaches(span, heads)
            if planned and head == trigger:
                continue
            if head is not None:
                # the act's own words before its speaker's: "said on Monday that U.S. forces
                # launched a strike late Sunday" happened on Sunday
                key = (int(head == speaker), abs(span.start - head.i))
                if best is None or key < best[0]:
                    best = (key, expr)
        if best is None and trigger.dep_ == "relcl":
            return self._antecedent_date(trigger.head)
        return best[1] if best else None

    def _attaches(self, span: Span, heads: list[Token]) -> Token | None:
        """Whether a time expression modifies one of ``heads``: directly or through a
        preposition ("held *in 2016*"), or through an event that anchors the clause ("*after
        the 2010 floods*"), never as a modifier of a noun ("the *1976* Berne Agreement") nor
        from another verb's clause."""
        if any(h.i in range(span.start, span.end) for h in heads):
            return None
        tok = span.root
        nouns = anchored = False
        for _ in range(MAX_CLIMB):
            head = tok.head
            if head == tok:
                return None
            if head.lower_ == "since" and _ranked_clause(head.head):
                return None  # "the largest deployment … *since 1985*": a benchmark, not when
            if head in heads:
                return head if anchored or not nouns else None
            if head.lower_ in ANCHORS or (head.lower_ == "in" and _named_event(span, tok)):
                anchored = True
            elif head.lower_ == "at" and _event_noun(tok):
                anchored = True  # "*At a meeting* in Paris *last month*, six nations agreed …"
            elif head.pos_ in {"VERB", "AUX"} or tok.dep_ in CLAUSE_DEPS:
                return None  # the clause of another verb
            elif head.pos_ in {"NOUN", "PROPN"} or tok.dep_ in NOUN_MODIFIER_DEPS:
                nouns = True
            tok = head
        return None

    def _answered_date(self, trigger: Token) -> TimeExpr | None:
        """The time of the offer that a past answer with no time of its own answers, when the
        text dates the offer: "*Last year's* U.S. offer of subsidized wheat was rejected",
        "Iran rejected a proposal made by Iraq *on Monday*". The answer came no earlier; a
        story that does not date it tells it as part of the offer's story, not as its news.
        An answer in the present perfect ("has rejected") is recent, and keeps its own rule."""
        v = load_vocab()
        if not v.word("answer_verbs", trigger.lemma_.lower()) or not _past(trigger):
            return None
        if _perfect(trigger):
            return None
        for noun in trigger.children:
            if noun.dep_ not in {"dobj", "nsubjpass"} or not v.word(
                "offer_nouns", noun.lemma_.lower()
            ):
                continue
            made = [c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"]
            when = self._own([noun, *made], noun)
            if when is not None:
                return when
        return None

    def _antecedent_date(self, noun: Token) -> TimeExpr | None:
        """The date a relative clause hangs on ("since late *2014*, when the two countries
        signed …"), or a date modifying its noun ("the *1976* accord under which both sides
        agreed")."""
        for expr, span in self.exprs:
            if span.start <= noun.i < span.end:
                return expr
            if span.root.head == noun and span.root.dep_ in NOUN_MODIFIER_DEPS:
                return expr
        return None

    def narrative(self, tok: Token) -> TimeExpr | None:
        """The time the paragraph's narrative has reached before ``tok``'s sentence: the last
        time expression fronted in an earlier sentence of it ("In 1985, …", "After the 2010
        floods, …")."""
        para = _paragraph_start(self.doc, tok)
        lo, _hi = _sentence(tok)
        found: TimeExpr | None = None
        for expr, span in self.exprs:
            if para <= span.start < lo and _fronted(span) and _near(self.doc, span.start, lo):
                found = expr
        return found

    def _previous_time(self, trigger: Token) -> TimeExpr | None:
        """The last time expression of the sentences just before ``trigger``'s (at most
        :data:`NARRATIVE_REACH` sentence starts back): the time "then" points back to ("… last
        summer, when the USSR baulked at its offer. The Soviets rejected the U.S. offer *then*
        …")."""
        lo, _hi = _sentence(trigger)
        found = [e for e, span in self.exprs if span.end <= lo and _near(self.doc, span.start, lo)]
        return found[-1] if found else None

    def _opening(self, trigger: Token) -> TimeExpr | None:
        """The time the trigger's own sentence opens with, on its main verb: "*Last summer* the
        administration took the step of offering … but were embarrassed when Moscow spurned
        the proposal" tells the whole sentence's past acts then."""
        lo, hi = _sentence(trigger)
        for expr, span in self.exprs:
            if not lo <= span.start <= lo + OPENING_REACH or span.end > hi:
                continue
            tok = span.root
            while tok.dep_ in {"pobj", "prep"} and tok.head is not tok:
                tok = tok.head  # "*In 1986* the administration …"
            if tok.head.dep_ == "ROOT" and tok.head.pos_ in {"VERB", "AUX"}:
                return expr
        return None

    def _reported(self, trigger: Token) -> bool:
        """The act is reported speech of the story or a speech act itself: news."""
        v = load_vocab()
        tok = _verb(trigger)
        if v.word("report_verbs", tok.lemma_.lower()):
            return True
        return _speaker(tok) is not None

    def _unspecified_past(self, trigger: Token, heads: list[Token]) -> bool:
        """The clause places the act in an unspecified past: "has *in the past* rejected",
        "had *previously* agreed", "have *long* demanded"."""
        words = [t for h in heads for t in h.children if t.dep_ in {"advmod", "prep", "npadvmod"}]
        if any(
            t.lower_ in BACKGROUND_WORDS
            and t.dep_ == "advmod"
            and t.doc[t.i - 1].lower_ != "before"
            for t in words
        ):
            return True  # "has long demanded", not "before long"
        phrases = [" ".join(x.lower_ for x in t.subtree) for t in words if t.dep_ == "prep"]
        return any(p in BACKGROUND_PHRASES for p in phrases)


def _then(heads: list[Token]) -> bool:
    """The act's clause says "then", pointing back to a time told before."""
    return any(c.dep_ == "advmod" and c.lower_ == "then" for h in heads for c in h.children)


def _planned(trigger: Token, wrapper: Token | None) -> bool:
    """The act is said to come: a future auxiliary on it ("he *would* raise tariffs"), or an
    intent or a threat that wraps it ("plans *to impose*", "threatened *to raise*")."""
    v = load_vocab()
    future = (
        v.word("future", c.lower_) or c.lower_ == "would"
        for c in trigger.children
        if c.dep_ == "aux"
    )
    if any(future):  # "would" too: "announced that he *would* raise …"
        return True
    if is_to(trigger):
        return True  # "Straw *is to* visit Thailand this week": this week is the visit's
    if wrapper is None or wrapper == trigger:
        return False
    w, low = wrapper.lemma_.lower(), wrapper.lower_
    return any(
        v.word(kind, w) or v.word(kind, low)
        for kind in ("intent_verbs", "intent_nouns", "threat_verbs", "threat_nouns")
    )


def _background(trigger: Token) -> bool:
    """A past act told as background: in the past perfect, or in a relative clause."""
    verb = _verb(trigger)
    return _perfect(trigger) or verb.dep_ == "relcl" or trigger.dep_ == "relcl"


def _ranked_clause(tok: Token) -> bool:
    """``tok`` or a noun it governs is ranked (:func:`_ranked`): "made *the largest*
    deployment", "met for *the first* time"."""
    nouns = [c for c in tok.children if c.dep_ in {"dobj", "attr", "nsubj", "nsubjpass"}]
    nouns += [
        p
        for c in tok.children
        if c.dep_ == "prep" and c.lower_ != "since"
        for p in c.children
        if p.dep_ == "pobj"
    ]
    return _ranked(tok) or any(_ranked(n) for n in nouns)


def _ranked(tok: Token) -> bool:
    """A word ranked against others: a superlative or "first", "only" ("the *largest*
    deployment", "its *first* visit", "the *most* serious clash")."""
    return any(
        c.tag_ in {"JJS", "RBS"}
        or c.lower_ in {"first", "only"}
        or any(g.tag_ == "RBS" for g in c.children)
        for c in tok.children
        if c.dep_ in {"amod", "advmod", "nummod"}
    )


def _perfect(trigger: Token) -> bool:
    """The act is told in the past perfect ("had been moved", "had received")."""
    return any(c.dep_ == "aux" and c.lower_ == "had" for c in _verb(trigger).children)


def _sequenced(verb: Token) -> bool:
    """The act's clause sets it before or after another ("*after* Petrobras threatened to
    cancel the contract, the Saudis changed their minds"): its time is not the story's."""
    return verb.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in SEQUENCE_MARKS for c in verb.children
    )


NARRATIVE_REACH = 3
"""Sentences a fronted time carries over: texts whose paragraphs were flattened into one run
on, and a narrative rarely keeps one time for long."""


def _near(doc: Doc, start: int, lo: int) -> bool:
    """At most :data:`NARRATIVE_REACH` sentence starts lie between token ``start`` and ``lo``."""
    from dyadwatch.extract.people import sentence_bounds

    starts = sentence_bounds(doc)[0]
    return len({starts[i] for i in range(start, lo)}) <= NARRATIVE_REACH


def _fronted(span: Span) -> bool:
    """A time expression that opens its sentence, in a phrase closed by a comma: "In 1985,",
    "After the 2010 floods,"."""
    start, _end = _sentence(span[0])
    if span.start - start > 4:
        return False
    doc = span.doc
    j = span.end
    while j < len(doc) and j - span.end < 6 and doc[j].text != ",":
        if doc[j].pos_ in {"VERB", "AUX"}:
            return False
        j += 1
    return j < len(doc) and doc[j].text == ","


def _of_itself(clause: Token) -> bool:
    """A relative clause whose subject is the relative pronoun: it tells of its noun ("talks
    *that* concluded", "the raid, *which* took place on Monday")."""
    return any(
        c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in {"that", "which"} for c in clause.children
    )


def _event_noun(tok: Token) -> bool:
    """A noun of an event one takes part in ("meeting", "talks", "summit", "conference")."""
    v = load_vocab()
    words = {tok.lower_, tok.lemma_.lower()}
    return bool(words & (set(v.kinds["talks"]) | {"conference", "conferences"}))


def _governor(tok: Token) -> Token | None:
    """The finite verb a subjectless infinitive, participle or gerund belongs to ("was one of
    the first countries *to give* aid", "urged Turkey *to accept*", "*took* the step *of
    offering*"): it carries the clause's time."""
    if any(c.dep_ in {"nsubj", "nsubjpass"} for c in tok.children):
        return None
    to = infinitive(tok)
    cur = tok
    for _ in range(5):
        deps = {"acl", "xcomp", "attr", "pobj", "prep", "pcomp", "advcl", "dobj"}
        if cur.dep_ not in deps and not (cur.dep_ == "relcl" and to):
            return None
        if cur.dep_ == "pcomp" and cur.head.lower_ != "of":
            return None  # "opened the door *to rescheduling*": not yet its time
        cur = cur.head
        if cur.pos_ in {"VERB", "AUX"} and any(
            c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in cur.children
        ):
            return cur
    return None


def _speaker(tok: Token) -> Token | None:
    """The report verb whose reported clause holds ``tok`` ("Greece *said* it would …"), or
    the noun of speech ("a *statement* last night that the vessel would not …")."""
    v = load_vocab()
    cur = tok
    for _ in range(MAX_CLIMB):
        if cur.head == cur:
            return None
        if cur.dep_ in {"ccomp", "parataxis"} and v.word("report_verbs", cur.head.lemma_.lower()):
            return cur.head
        if said_by_noun(cur, v):
            return cur.head
        if cur.dep_ not in {"xcomp", "conj", "ccomp", "advcl", "aux", "acomp"}:
            return None
        cur = cur.head
    return None


def _verb(tok: Token) -> Token:
    """The finite verb whose clause holds ``tok``: itself, the verb an event noun hangs on,
    the verb an infinitive completes ("threatened *to cancel*")."""
    cur = tok
    for _ in range(4):
        if (cur.pos_ in {"VERB", "AUX"} and cur.dep_ != "xcomp") or cur.head == cur:
            return cur
        cur = cur.head
    return cur


def _past(trigger: Token) -> bool:
    """Whether the act is told in a past tense (simple past, past perfect, past participle
    in a passive or a relative clause)."""
    verb = _verb(trigger)
    if verb.tag_ == "VBD":
        return True
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if any(a.tag_ == "VBD" for a in auxes):
        return True
    return verb.tag_ == "VBN" and not any(a.lower_ in {"has", "have", "will"} for a in auxes)


def _sentence(tok: Token) -> tuple[int, int]:
    from dyadwatch.extract.people import sentence_bounds

    starts, ends = sentence_bounds(tok.doc)
    return starts[tok.i], ends[tok.i]


def _paragraph_start(doc: Doc, tok: Token) -> int:
    """Token offset where ``tok``'s paragraph starts (after the last line break)."""
    i = tok.i
    while i > 0:
        prev = doc[i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            return i
        i -= 1
    return 0


__all__ = ["EventDate", "EventDater"]


def _named_event(span: Span, tok: Token) -> bool:
    """The date names an event the act took place in ("occupied *in the 1948 war*"), not a
    document ("as set out in the 1976 agreement"); a date beside the event ("in the first
    attack *this month*") says only when that event was."""
    root = span.root
    if root.head != tok or root.dep_ not in NOUN_MODIFIER_DEPS:
        return False
    v = load_vocab()
    words = {tok.lemma_.lower(), tok.lower_}
    return bool(words & v.nouns.keys()) and not words & set(v.kinds["agreement"])
