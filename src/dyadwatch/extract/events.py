"""Events and statements of a document: coded acts as records with dates and evidence.

:func:`code_document` codes every parsed sentence of a document (:func:`.acts.code_acts`),
carrying pronoun antecedents and "the two countries" from sentence to sentence within a
paragraph, and makes :class:`~dyadwatch.model.Event` and :class:`~dyadwatch.model.Statement`
records dated by the dates module. The rules are described in docs/extract.md, "Events".
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable

from spacy.tokens import Doc, Span

from dyadwatch.extract.acts import announced, code_acts
from dyadwatch.extract.arguments import ActorIndex, Context, sentence_refs, subject_refs, unique
from dyadwatch.extract.coder import Coded
from dyadwatch.extract.dating import EventDate, EventDater
from dyadwatch.extract.places import PRECISION, Found, event_place
from dyadwatch.extract.vocab import Vocab, load_vocab
from dyadwatch.model import (
    DateEstimate,
    DocActors,
    Document,
    Event,
    Statement,
    TimeExpr,
)

Observer = Callable[[Document, Span, ActorIndex, Context], None]

# -- records -------------------------------------------------------------------------------


def event_id(doc_id: str, start: int, end: int, trigger: int, codes: str) -> str:
    """A stable id: a hash of the document, the span, the trigger offset and the codes."""
    key = f"{doc_id}:{start}:{end}:{trigger}:{codes}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _trigger_text(c: Coded) -> str:
    if c.wrapper is None or c.wrapper.i == c.trigger.i:
        return c.trigger.text
    first, last = sorted((c.wrapper, c.trigger), key=lambda t: t.i)
    if last.i - first.i <= 3:
        return first.doc[first.i : last.i + 1].text
    return f"{first.text} … {last.text}"


def _paragraph_break(text: str, prev_end: int, start: int) -> bool:
    return "\n" in text[prev_end:start]


def _records(
    doc: Document,
    sent: Span,
    acts: list[Coded],
    dater: EventDater,
    places: list[Found],
    announce: Callable[[Coded], Coded | None],
) -> tuple[list[Event], list[Statement]]:
    v = load_vocab()
    start, end = sent.start_char, sent.end_char
    body = doc.text[start:end]
    start += len(body) - len(body.lstrip())
    end = start + len(body.strip())
    quote = doc.text[start:end]
    events: list[Event] = []
    statements: list[Statement] = []
    for c in acts:
        coding = v.coding(c.code)
        if coding is None or coding.plover is None:
            continue
        src = c.source.code if c.source else None
        tgt = c.target.code if c.target else None
        if c.modality is not None:
            statements.append(
                Statement(doc.doc_id, start, end, quote, src, tgt, coding.plover, c.modality)
            )
            continue
        if src is None:
            continue
        when = dater.date(c.trigger, c.wrapper)
        if _ahead(when, dater.estimate) and not v.word("said_categories", coding.plover.lower()):
            own = announce(c)  # its actor's announcement of it is an act of that day
            said = dater.date(own.trigger) if own is not None else when
            if own is None or _ahead(said, dater.estimate):
                statements.append(
                    Statement(doc.doc_id, start, end, quote, src, tgt, coding.plover, "scheduled")
                )
                continue
            c, when = own, said
            coding = v.coding(c.code) or coding
        plover = coding.plover
        if plover is None:
            continue
        codes = f"{src}:{tgt}:{plover}:{c.code[:2]}"
        events.append(
            Event(
                event_id=event_id(doc.doc_id, start, end, c.trigger.idx, codes),
                doc_id=doc.doc_id,
                start=start,
                end=end,
                quote=quote,
                source=src,
                target=tgt,
                plover=plover,
                cameo_root=c.code[:2],
                quad_class=coding.quad_class,
                goldstein=coding.goldstein,
                mode=coding.mode,
                date=when.value,
                date_precision=when.precision,
                date_derived=when.derived,
                date_basis=when.basis,
                trigger=_trigger_text(c),
                source_sector=c.source.sector if c.source else None,
                target_sector=c.target.sector if c.target else None,
                source_actor=c.source.actor_id if c.source else None,
                target_actor=c.target.actor_id if c.target else None,
                coded_by="model" if c.learned else "rules",
            )
        )
        _place(events[-1], c, places, v)
    return events, statements


def _place(event: Event, c: Coded, places: list[Found], v: Vocab) -> None:
    """Give the event the place its clause names, else the dateline's (module places)."""
    source = c.source.code if c.source is not None else None
    target = c.target.code if c.target is not None else None
    act = "meeting" if event.plover == "CONSULT" else "other"
    if v.word("target_ground_categories", event.plover.lower()):
        act = "ground"
    found = event_place(c.trigger, c.wrapper, places, source, target, act)
    if found is None:
        return
    f, basis = found
    m = f.mention
    event.place_id, event.place_name, event.place_kind = m.place_id, m.name, m.kind
    event.place_country, event.place_lat, event.place_lon = m.country, m.lat, m.lon
    event.place_precision = PRECISION[m.kind]
    event.place_basis, event.place_start, event.place_end = basis, m.start, m.end


def _ahead(when: EventDate, story: DateEstimate | None) -> bool:
    """The act is dated after its story's day: "officials meet tomorrow" has not happened."""
    if story is None or story.precision != "day" or not when.value:
        return False
    day = story.date[:10]
    if when.precision == "day":
        return when.value[:10] > day
    return when.precision == "month" and when.value[:7] > day[:7]


def code_document(
    doc: Document,
    sdoc: Doc,
    actors: DocActors,
    parsed: list[Span],
    exprs: list[TimeExpr],
    estimate: DateEstimate | None,
    observe: Observer | None = None,
    places: list[Found] | None = None,
) -> tuple[list[Event], list[Statement]]:
    """Events and statements of one document from its parsed sentences, in text order.

    ``parsed`` are the sentences of ``sdoc`` that carry a dependency parse (the extractor
    parses only sentences that can hold an event). Pronouns, "the two countries" and implied
    actors look back to the previous parsed sentence of the same paragraph. ``observe``, if
    given, sees each sentence with the coder's state before it is coded (for training).
    ``places`` are the document's resolved place names (:func:`.places.find_places`): each
    event takes the one its clause names, else the dateline's (:func:`.places.event_place`).
    """
    index = ActorIndex(sdoc, actors)
    dater = EventDater(sdoc, exprs, estimate)
    events: list[Event] = []
    statements: list[Statement] = []
    story = story_pair(actors)
    home = next((f.mention.country for f in places or [] if f.mention.use == "dateline"), None)
    ctx = Context(story=story, home=home)
    prev_end = 0
    for sent in parsed:
        if _paragraph_break(doc.text, prev_end, sent.start_char):
            # A new paragraph keeps only its people: wire stories give each sentence a
            # paragraph, and "He said …" goes on about the man just quoted.
            people = [r for r in ctx.previous if r.kind == "person"]
            subject = [r for r in ctx.subject if r.kind == "person"]
            ctx = Context(previous=people, story=story, home=home, subject=subject)
        if observe is not None:
            observe(doc, sent, index, ctx)
        acts = code_acts(sent, index, ctx)
        ev, st = _records(
            doc, sent, acts, dater, places or [], functools.partial(announced, index=index, ctx=ctx)
        )
        events += ev
        statements += st
        _advance(ctx, index, sent)
        prev_end = sent.end_char
    return events, statements


def story_pair(actors: DocActors) -> tuple[str, str] | None:
    """The pair of states a story is about: named together in at least two of its sentences,
    and more often than any other pair."""
    counts: dict[str, int] = {}
    for sent in actors.sentences:
        for dyad in sent.dyads:
            counts[dyad] = counts.get(dyad, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    a, b = ranked[0][0].split("-")
    return a, b


def _advance(ctx: Context, index: ActorIndex, sent: Span) -> None:
    refs = sentence_refs(index, sent)
    if refs:
        ctx.previous = refs
        ctx.subject = subject_refs(index, sent)
    states = unique([r for r in refs if r.kind != "place" and len(r.code) == 3])
    if len(states) == 2:
        ctx.pair = (states[0], states[1])
