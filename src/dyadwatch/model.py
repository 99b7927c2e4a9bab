"""The records that flow through dyadwatch, stage to stage.

Records refer to each other by id, never by object. Every span is a pair of character
offsets into ``Document.text`` (the cleaned text), so ``doc.text[start:end] == quote``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Format = Literal["text", "html"]
ActorKind = Literal["country", "person", "org", "igo"]


@dataclass(slots=True)
class RawDocument:
    """One article as a reader found it, before cleaning."""

    path: str
    content: str
    fmt: Format
    line: int | None = None
    """Record number inside a container file (JSONL line, WARC record, feed entry), 1-based."""
    source_id: str | None = None
    """The source's own id (JSONL ``id``), else its URL; the runner falls back to the path."""
    title: str | None = None
    url: str | None = None
    date: str | None = None
    """ISO 8601 date (``YYYY-MM-DD``) where the source gives one."""
    site: str | None = None


@dataclass(slots=True)
class Reject:
    """An input that could not become a document, with a plain reason."""

    path: str
    reason: str
    line: int | None = None
    stage: str = "ingest"


@dataclass(slots=True)
class RemovedLine:
    """A line the cleaner dropped from a document, and why."""

    doc_id: str
    text: str
    reason: str


@dataclass(slots=True)
class Document:
    """A cleaned article. ``text`` is what every span in the store refers to."""

    doc_id: str
    source_id: str
    path: str
    text: str
    title: str | None = None
    date: str | None = None
    site: str | None = None
    url: str | None = None
    fmt: Format = "text"
    removed: list[RemovedLine] = field(default_factory=list)


@dataclass(slots=True)
class Actor:
    """A canonical actor: a state (ISO alpha-3), a person, an organisation or an IGO."""

    actor_id: str
    """ISO alpha-3 for states; ``PER:…``, ``ORG:…``, ``IGO:…`` otherwise."""
    name: str
    kind: ActorKind
    country: str | None = None
    """ISO alpha-3 of the state the actor belongs to or stands for (None for IGOs)."""
    role: str | None = None


@dataclass(slots=True)
class Mention:
    """A span of a document that names an actor."""

    doc_id: str
    start: int
    end: int
    text: str
    actor_id: str
    how: str = "name"
    """How the span names the actor: name, capital, demonym, seat, historical, person, org, igo."""


@dataclass(slots=True)
class Sentence:
    """A sentence of a document and the dyads (country pairs) it speaks about."""

    doc_id: str
    start: int
    end: int
    dyads: list[str] = field(default_factory=list)
    """Sorted ``AAA-BBB`` pairs of ISO alpha-3 codes, each pair sorted too."""


@dataclass(slots=True)
class DocActors:
    """What the actor stage found in one document."""

    doc_id: str
    actors: list[Actor] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)


def dyad_key(a: str, b: str) -> str:
    """The canonical name of the dyad of two ISO alpha-3 codes: sorted, joined by '-'."""
    x, y = sorted((a.upper(), b.upper()))
    return f"{x}-{y}"
