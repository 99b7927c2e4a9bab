"""Sources and quotes of a dossier: every statement points at a span of a stored document.

The :class:`EvidenceBook` numbers the documents a dossier cites (in path order), knows their
lineage (who copied whom, which lineage group each belongs to) and hands out one
:class:`Quote` per span, so the same sentence cited twice has one anchor.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from dyadwatch.store import Store
from dyadwatch.store import queries as q

CONTEXT = 160
#: Reuse scores from which a document is flagged as spun or machine-translated.
FLAG_AT = 0.5


def plural(n: int, word: str, many: str | None = None) -> str:
    """``1 source``, ``2 sources``; ``many`` for irregular plurals."""
    return f"{n} {word if n == 1 else many or word + 's'}"


@dataclass(slots=True)
class Source:
    """A document the dossier cites, with its lineage and its reuse flags."""

    number: int
    doc_id: str
    title: str
    site: str | None
    date: str | None
    path: str
    source_id: str
    sentences: int = 0
    url: str | None = None
    est_date: str | None = None
    date_evidence: str | None = None
    group: str = ""
    """Lineage group id: documents that are not independent of each other share it."""
    group_label: str = ""
    """Short label of the group (``G1``, ``G2`` …) shared by the sources of one lineage."""
    derived_from: list[tuple[int, str, str]] = field(default_factory=list)
    """(source number, kind, reason) of each document this one derives from."""
    spin_score: float | None = None
    mt_score: float | None = None
    signals: list[str] = field(default_factory=list)

    @property
    def when(self) -> str:
        """The date a reader should see: metadata, else the estimate, else 'undated'."""
        if self.date:
            return self.date
        return f"{self.est_date} (estimated)" if self.est_date else "undated"

    @property
    def flags(self) -> list[str]:
        out = []
        if (self.spin_score or 0) >= FLAG_AT:
            out.append(f"spun text ({self.spin_score:.2f})")
        if (self.mt_score or 0) >= FLAG_AT:
            out.append(f"machine-translated ({self.mt_score:.2f})")
        return out


@dataclass(slots=True)
class Quote:
    """An exact span of a document: ``documents.text[start:end] == text``."""

    anchor: str
    doc_id: str
    start: int
    end: int
    text: str
    source: int
    context_before: str
    context_after: str


@dataclass(slots=True)
class Cited:
    """A quote as one piece of evidence among others for the same statement."""

    quote: Quote
    reprint_of: int | None = None
    """The source number this document repeats (same lineage group), or None if independent."""
    relation: str = ""
    """How it repeats it: a lineage kind (``verbatim``, ``spun`` …) or ``same lineage``."""


class EvidenceBook:
    """Sources numbered in path order, and quotes registered by span."""

    def __init__(self, store: Store, doc_ids: Iterable[str]) -> None:
        ids = sorted(set(doc_ids))
        edges = q.lineage_near(store, ids)
        ends = {e["derived_doc"] for e in edges} | {e["source_doc"] for e in edges}
        ids = sorted(set(ids) | ends)
        self.texts = store.document_texts(ids)
        self.sources: dict[str, Source] = {}
        for n, row in enumerate(q.documents_meta(store, ids), start=1):
            self.sources[row["doc_id"]] = _source(n, row)
        self._label_groups()
        self.edges: list[tuple[int, int, str, str]] = []
        for e in edges:
            derived, source = self.sources[e["derived_doc"]], self.sources[e["source_doc"]]
            derived.derived_from.append((source.number, e["kind"], e["reason"]))
            self.edges.append((derived.number, source.number, e["kind"], e["reason"]))
        self.quotes: dict[str, Quote] = {}

    def _label_groups(self) -> None:
        labels: dict[str, str] = {}
        for s in self.sources.values():
            if s.group not in labels:
                labels[s.group] = f"G{len(labels) + 1}"
            s.group_label = labels[s.group]

    def source(self, doc_id: str) -> Source:
        return self.sources[doc_id]

    def quote(self, doc_id: str, start: int, end: int) -> Quote:
        """The quote of a span, registered once (same span, same anchor)."""
        anchor = f"q-{doc_id}-{start}-{end}"
        found = self.quotes.get(anchor)
        if found is not None:
            return found
        text = self.texts.get(doc_id, "")
        lo, hi = max(0, start - CONTEXT), min(len(text), end + CONTEXT)
        made = Quote(
            anchor=anchor,
            doc_id=doc_id,
            start=start,
            end=end,
            text=text[start:end],
            source=self.sources[doc_id].number,
            context_before=text[lo:start],
            context_after=text[end:hi],
        )
        self.quotes[anchor] = made
        return made

    def cite(self, spans: Iterable[tuple[str, int, int]]) -> list[Cited]:
        """Quotes of several spans backing one statement, each flagged as independent or as a
        repeat of another quote's document (same lineage group)."""
        seen: set[str] = set()
        quotes: list[Quote] = []
        for doc_id, start, end in spans:
            quote = self.quote(doc_id, start, end)
            if quote.anchor not in seen:
                seen.add(quote.anchor)
                quotes.append(quote)
        quotes.sort(key=lambda x: (x.source, x.start))
        return self._flag_reprints(quotes)

    def _flag_reprints(self, quotes: list[Quote]) -> list[Cited]:
        by_group: dict[str, list[Source]] = {}
        for quote in quotes:
            src = self.sources[quote.doc_id]
            members = by_group.setdefault(src.group, [])
            if src not in members:
                members.append(src)
        originals = {group: _original(members) for group, members in by_group.items()}
        out = []
        for quote in quotes:
            src = self.sources[quote.doc_id]
            first = originals[src.group]
            if first is src:
                out.append(Cited(quote))
                continue
            kinds = [k for n, k, _ in src.derived_from if n == first.number]
            out.append(Cited(quote, first.number, kinds[0] if kinds else "same lineage"))
        return out

    def independent(self, doc_ids: Iterable[str]) -> int:
        """How many independent sources (lineage groups) a set of documents is."""
        return len({self.sources[d].group for d in doc_ids})

    def cited_sources(self) -> list[Source]:
        return list(self.sources.values())


def _original(members: list[Source]) -> Source:
    """The document of a lineage group the others repeat: one that derives from none of the
    others present, else the first by number."""
    numbers = {m.number for m in members}
    for m in members:
        if not any(n in numbers for n, _, _ in m.derived_from):
            return m
    return members[0]


def _source(number: int, row: dict[str, Any]) -> Source:
    return Source(
        number=number,
        doc_id=row["doc_id"],
        title=row["title"] or row["path"],
        site=row["site"],
        date=row["date"],
        path=row["path"],
        source_id=row["source_id"],
        url=row["url"],
        est_date=row["est_date"] or None,
        date_evidence=row["date_evidence"],
        group=row["group_id"],
        spin_score=row["spin_score"],
        mt_score=row["mt_score"],
        signals=list(row["signals"] or []),
    )
