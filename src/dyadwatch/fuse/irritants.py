"""Irritants: third parties and issues that sources present as obstacles in a dyad's relations.

:func:`find_irritants` reads the actor stage's sentences and mentions: in a sentence about a
dyad (or following one in its paragraph) an obstacle cue ("thorn in the side", "point of
contention", "hamper", "do little to please", "sanctions against" …) marks the third parties
the sentence names and the issues it names ("sanctions", "recognition", "arms supplies",
"Kashmir" …). Cues and issues are data (``ontology/irritants.toml``) written for ordinary
English; spun wording is read through the spin lexicon's originals as well (``reuse.spin.
unspin``), so the cue lists need no spinner synonyms. The rules are described in
docs/fuse.md, "Fusion".
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from dyadwatch.fuse.common import is_state
from dyadwatch.fuse.config import FuseConfig
from dyadwatch.fuse.data import irritant_rules
from dyadwatch.fuse.index import main_dyads
from dyadwatch.model import Actor, Irritant, Mention, Sentence
from dyadwatch.reuse.spin import Unspun, unspin

Evidence = tuple[str, int, int, str]
IrritantKind = Literal["party", "issue"]

# What may stand between a party and a weak cue: "Indian concerns", "India's deep concerns",
# "India expressed concern"; and after it: "the concerns of India", "opposition from Delhi".
_BEFORE = re.compile(r"(?:['’]s?)?\s*(?:[\w-]+\s+)?")
_AFTER = re.compile(r"\s+(?:of|from|in|among|within|by)\s+(?:the\s+)?(?:[\w-]+\s+)?", re.I)


def find_irritants(
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    actors: Mapping[str, Actor],
    texts: Mapping[str, str],
    cfg: FuseConfig,
) -> list[Irritant]:
    """Third parties (``kind="party"``) and issues (``kind="issue"``) presented as obstacles.

    ``texts`` maps document ids to their cleaned text (the text every span refers to). A
    party is a state outside the dyad (a person or organisation counts for its state) or an
    IGO. Each irritant carries the sentences that say so as (doc_id, start, end, quote); the
    list is sorted by dyad, then by the number of documents that say so.
    """
    mains = main_dyads(sentences, cfg)
    sents: dict[str, list[Sentence]] = defaultdict(list)
    for s in sentences:
        sents[s.doc_id].append(s)
    ments: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        ments[m.doc_id].append(m)
    found: dict[tuple[str, str, IrritantKind], list[Evidence]] = defaultdict(list)
    for doc_id in sorted(sents):
        text = texts.get(doc_id)
        if text is None:
            continue
        main = set(mains.get(doc_id, []))
        for dyad, label, kind, ev in _doc_irritants(
            text, sorted(sents[doc_id], key=lambda s: s.start), ments[doc_id], actors, main
        ):
            if ev not in found[(dyad, label, kind)]:
                found[(dyad, label, kind)].append(ev)
    out = [
        Irritant(dyad=dyad, party_or_issue=label, evidence=sorted(ev), kind=kind)
        for (dyad, label, kind), ev in found.items()
    ]
    return sorted(out, key=lambda i: (i.dyad, -len({e[0] for e in i.evidence}), i.party_or_issue))


def _doc_irritants(
    text: str,
    sentences: list[Sentence],
    mentions: list[Mention],
    actors: Mapping[str, Actor],
    main: set[str],
) -> list[tuple[str, str, IrritantKind, Evidence]]:
    out: list[tuple[str, str, IrritantKind, Evidence]] = []
    context: Sentence | None = None
    for s in sentences:
        if context is not None and "\n" in text[context.end : s.start]:
            context = None  # a new paragraph
        dyads = _dyads_spoken_of(s, context, main)
        if s.dyads:
            context = s
        if not dyads:
            continue
        inside = [m for m in mentions if s.start <= m.start and m.end <= s.end]
        marks = _marked(text, s, inside, actors)
        if marks is None:
            continue
        ev: Evidence = (s.doc_id, s.start, s.end, text[s.start : s.end])
        for dyad in dyads:
            marked = marks.for_dyad(set(dyad.split("-")))
            if marked is not None:
                out += [(dyad, p, "party", ev) for p in sorted(marked[0])]
                out += [(dyad, i, "issue", ev) for i in marked[1]]
    return out


def _dyads_spoken_of(s: Sentence, context: Sentence | None, main: set[str]) -> list[str]:
    """The dyads a sentence speaks about: its own that are among the document's main dyads;
    else the main dyads of the sentence before it in the paragraph; else its only dyad."""
    own = [d for d in s.dyads if d in main]
    if own:
        return own
    before = [d for d in context.dyads if d in main] if context is not None else []
    if before:
        return before
    return list(s.dyads) if len(s.dyads) == 1 else []


def _party(m: Mention, actors: Mapping[str, Actor]) -> str | None:
    """The state (ISO alpha-3) or IGO a mention stands for."""
    actor = actors.get(m.actor_id)
    if actor is None:
        return m.actor_id if is_state(m.actor_id) else None
    if actor.kind in ("country", "igo"):
        return actor.actor_id
    return actor.country


@dataclass(frozen=True, slots=True)
class _Marks:
    """What the cues of one sentence mark."""

    general: bool
    """A strong cue, or a weak cue that belongs to a party: it counts for every dyad."""
    parties: frozenset[str]
    targets: frozenset[str]
    """Targets of targeted cues ("sanctions against Russia"): never parties themselves."""
    by_target: frozenset[str]
    """Parties marked for the dyads that hold a target."""
    issues: tuple[str, ...]

    def for_dyad(self, members: set[str]) -> tuple[set[str], tuple[str, ...]] | None:
        """The parties (outside the dyad) and issues marked for one dyad, or None."""
        targeted = bool(self.targets & members)
        if not (self.general or targeted):
            return None
        parties = set(self.parties) | (set(self.by_target) if targeted else set())
        return parties - members - self.targets, self.issues


def _marked(
    text: str, s: Sentence, mentions: list[Mention], actors: Mapping[str, Actor]
) -> _Marks | None:
    """What a sentence's cues mark; None when it holds no cue.

    A strong cue marks every party the sentence names; a weak cue ("concerns") only the party
    it belongs to, and counts at all only when it belongs to someone; a targeted cue
    ("sanctions against") counts for the dyads that hold its target.
    """
    rules = irritant_rules()
    quote = text[s.start : s.end]
    views = _views(quote)
    named = [(m, p) for m in mentions if (p := _party(m, actors)) is not None]
    everyone = frozenset(p for _, p in named)
    targets = frozenset(
        p
        for view in views
        for t in rules.targeted.finditer(view.text)
        for m, p in named
        if 0 <= m.start - (s.start + view.source(t.end(), end=True)) <= 2
    )
    if any(rules.strong.search(view.text) for view in views):
        general, parties = True, everyone
    else:
        parties = frozenset(
            p
            for view in views
            for w in rules.weak.finditer(view.text)
            for m, p in named
            if _owns(
                text,
                m,
                s.start + view.source(w.start()),
                s.start + view.source(w.end(), end=True),
            )
        )
        general = bool(parties)
    if not general and not targets:
        return None
    issues = tuple(
        label for label, pattern in rules.issues if any(pattern.search(view.text) for view in views)
    )
    return _Marks(general, parties, targets, everyone if targets else frozenset(), issues)


def _views(quote: str) -> list[Unspun]:
    """The sentence as written and, when it holds spinner phrases, in the wording they
    replaced ("bolster" → "support", see reuse.spin.unspin): cues
    are written for ordinary English, and a spun copy should say what its source said."""
    unspun = unspin(quote)
    return [Unspun(quote)] if unspun.text == quote else [Unspun(quote), unspun]


def _owns(text: str, m: Mention, start: int, end: int) -> bool:
    """True when mention ``m`` stands right before or right after the cue at start:end."""
    if m.end <= start:
        gap = text[m.end : start]
        return len(gap) <= 25 and _BEFORE.fullmatch(gap) is not None
    if m.start >= end:
        gap = text[end : m.start]
        return len(gap) <= 25 and _AFTER.fullmatch(gap) is not None
    return False
