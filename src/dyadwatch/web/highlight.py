"""A document's text cut into pieces for the document page, each with the spans covering it.

Actor mentions, coded events and figures overlap (a mention sits inside an event's
sentence), so the text is cut at every span boundary and each piece lists what covers it.
Pieces where a span or sentence starts carry an anchor (``c<offset>``, ``ev-<id>``,
``fig-<id>``) so that a quote elsewhere can link to its place.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Piece:
    text: str
    start: int
    classes: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)


def _spans(doc: dict[str, Any]) -> list[tuple[int, int, str, str, str | None]]:
    """(start, end, class, note, anchor) of every span of the document."""
    out: list[tuple[int, int, str, str, str | None]] = []
    for m in doc["mentions"]:
        who = m["name"] or m["actor_id"]
        out.append((m["start"], m["end"], "actor", f"actor: {who} ({m['actor_id']})", None))
    for e in doc["events"]:
        pair = f"{e['source']} → {e['target'] or '?'}"
        note = f"event {e['plover']}: {pair}{', ' + e['date'] if e['date'] else ''}"
        out.append((e["start"], e["end"], "event", note, f"ev-{e['event_id']}"))
    for f in doc["figures"]:
        unit = f["currency"] or f["unit"] or ""
        note = f"figure {f['measure']}: {f['value']:g} {unit}".rstrip()
        out.append((f["start"], f["end"], "figure", note, f"fig-{f['claim_id']}"))
    for s in doc.get("sentences", []):
        out.append((s["start"], s["end"], "", "", None))
    return out


def segments(doc: dict[str, Any], mark: tuple[int, int] | None = None) -> list[Piece]:
    """The text of ``doc`` (as :func:`dyadwatch.report.browse.document` returns it) in pieces;
    ``mark`` is a span to show as the one a link pointed at (a quote, a search match)."""
    text: str = doc["text"]
    n = len(text)
    found = _spans(doc)
    if mark is not None:
        found.append((mark[0], mark[1], "marked", "the passage the link points to", None))
    spans = [
        (max(0, min(s, n)), max(0, min(e, n)), cls, note, anchor)
        for s, e, cls, note, anchor in found
        if max(0, min(s, n)) < max(0, min(e, n))
    ]
    cuts = sorted({0, n} | {s[0] for s in spans} | {s[1] for s in spans})
    starts = {s[0] for s in spans}
    pieces = []
    for a, b in itertools.pairwise(cuts):
        piece = Piece(text[a:b], a)
        if a in starts:
            piece.anchors.append(f"c{a}")
        for s, e, cls, note, anchor in spans:
            if s <= a and b <= e and cls:
                if cls not in piece.classes:
                    piece.classes.append(cls)
                piece.notes.append(note)
            if s == a and anchor:
                piece.anchors.append(anchor)
        pieces.append(piece)
    return pieces
