"""Which copy derives from which, and the groups of documents that are not independent.

For each pair of documents that share passages, the direction is decided by the first rule
that applies, and ``LineageEdge.reason`` says which:

1. **dates**: the earlier document is the source;
2. **spun phrases kept**: the less spun document keeps spinner phrases that stand in the same
   aligned spans of the more spun one: a partial (or partly un-spun) copy of the spun text,
   so it derives from it (a spinner does not invent the same odd phrases twice);
3. **spun copy**: otherwise the more spun side (spinner phrases in its substitutions, then
   its document spin score) is a spun copy of the cleaner one;
4. **containment**: no date and no spin: the document whose text is most covered by the
   shared passages is taken as the copy (weak: said so in the reason);
5. **unknown**: copies of the same extent, no date, no spin: the first by id is taken as
   the source, and the reason says the direction is unknown.

Lineage groups are the connected components of "shares reuse with" (union-find); every
document gets one, so sources can be counted per group.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from dyadwatch.model import ClusterMember, Document, LineageEdge, Passage, ReuseKind, ReuseSignal
from dyadwatch.reuse.align import passage_rank
from dyadwatch.reuse.spin import SpinLexicon, spin_hits


class UnionFind:
    """Disjoint sets over ``0..n-1`` with path halving."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def components(
    ids: Sequence[str], links: Sequence[tuple[int, int]], prefix: str
) -> list[ClusterMember]:
    """Members of the connected components, each named ``prefix`` + its smallest doc id."""
    uf = UnionFind(len(ids))
    for a, b in links:
        uf.union(a, b)
    roots: dict[int, list[int]] = {}
    for k in range(len(ids)):
        roots.setdefault(uf.find(k), []).append(k)
    out: list[ClusterMember] = []
    for members in roots.values():
        name = prefix + min(ids[k] for k in members)
        out.extend(ClusterMember(name, ids[k]) for k in members)
    return sorted(out, key=lambda m: (m.cluster_id, m.doc_id))


@dataclass(frozen=True, slots=True)
class _PairView:
    doc: Document
    spans: list[tuple[int, int]]
    signal: ReuseSignal


def dominant_kind(passages: Sequence[Passage]) -> ReuseKind:
    """The kind covering most text, ties to the more literal kind."""
    weight: Counter[ReuseKind] = Counter()
    for p in passages:
        weight[p.kind] += (p.end_a - p.start_a) + (p.end_b - p.start_b)
    return max(weight, key=lambda k: (weight[k], passage_rank(k)))


def _phrases(view: _PairView, lexicon: SpinLexicon) -> Counter[str]:
    found: Counter[str] = Counter()
    for start, end in view.spans:
        hits, _ = spin_hits(view.doc.text[start:end], lexicon)
        found.update(hits)
    return found


def _coverage(view: _PairView) -> float:
    covered = sum(end - start for start, end in view.spans)
    return covered / max(len(view.doc.text.strip()), 1)


def _sub_mass(passages: Sequence[Passage], lexicon: SpinLexicon) -> tuple[float, float]:
    """Spinner-phrase weight on each side of the substitutions of spun passages."""
    left = right = 0.0
    for p in passages:
        for a, b in p.substitutions:
            left += lexicon.weights.get(a, 0.0)
            right += lexicon.weights.get(b, 0.0)
    return left, right


def direct(
    a: _PairView, b: _PairView, passages: Sequence[Passage], lexicon: SpinLexicon
) -> tuple[Document, Document, str]:
    """``(source, derived, reason)`` for two documents sharing ``passages`` (a-side = ``a``)."""
    da, db = a.doc, b.doc
    if da.date and db.date and da.date != db.date:
        src, dst = (da, db) if da.date < db.date else (db, da)
        return src, dst, f"dates: {src.doc_id} ({src.date}) precedes {dst.doc_id} ({dst.date})"
    spun = [p for p in passages if p.kind == "spun"]
    mass_a, mass_b = _sub_mass(spun, lexicon)
    key_a = (mass_a, a.signal.spin_score)
    key_b = (mass_b, b.signal.spin_score)
    if spun or max(a.signal.spin_score, b.signal.spin_score) > 0:
        more, less = (a, b) if key_a >= key_b else (b, a)
        kept = _phrases(more, lexicon) & _phrases(less, lexicon)
        added = _phrases(more, lexicon) - _phrases(less, lexicon)
        kept_mass = sum(lexicon.weights[p] for p in kept)
        added_mass = sum(lexicon.weights[p] for p in added)
        if len(kept) >= 2 and kept_mass >= added_mass:
            shown = ", ".join(f'"{p}"' for p in sorted(kept, key=lambda p: -lexicon.weights[p])[:4])
            return (
                more.doc,
                less.doc,
                (
                    f"spun phrases kept: {less.doc.doc_id} keeps {len(kept)} spinner phrases of "
                    f"{more.doc.doc_id} in the shared passages ({shown}); no dates"
                ),
            )
        if spun and (more.signal.spin_score > less.signal.spin_score or max(mass_a, mass_b) > 0):
            subs = [f'"{x}" → "{y}"' for p in spun for x, y in p.substitutions][:3]
            if more is a:
                subs = [f'"{y}" → "{x}"' for p in spun for x, y in p.substitutions][:3]
            return (
                less.doc,
                more.doc,
                (
                    f"spun copy: {more.doc.doc_id} (spin {more.signal.spin_score:.2f}) swaps words "
                    f"of {less.doc.doc_id} (spin {less.signal.spin_score:.2f}), e.g. "
                    f"{'; '.join(subs)}; no dates"
                ),
            )
    cov_a, cov_b = _coverage(a), _coverage(b)
    if abs(cov_a - cov_b) > 0.05:
        src, dst, cov = (da, db, cov_b) if cov_b > cov_a else (db, da, cov_a)
        return (
            src,
            dst,
            (
                f"containment (weak): {cov:.0%} of {dst.doc_id} is text shared with {src.doc_id}, "
                "so it is taken as the copy; no dates or spin evidence"
            ),
        )
    src, dst = (da, db) if da.doc_id <= db.doc_id else (db, da)
    return (
        src,
        dst,
        (
            "direction unknown: no dates, no spin evidence and the same share of each text is "
            "shared; the first by id is taken as the source"
        ),
    )


def lineage_edge(
    a: Document,
    b: Document,
    passages: list[Passage],
    signals: Mapping[str, ReuseSignal],
    lexicon: SpinLexicon,
) -> tuple[LineageEdge, list[Passage]]:
    """The edge between two documents and their passages oriented source (a) → derived (b)."""
    va = _PairView(a, [(p.start_a, p.end_a) for p in passages], signals[a.doc_id])
    vb = _PairView(b, [(p.start_b, p.end_b) for p in passages], signals[b.doc_id])
    src, dst, reason = direct(va, vb, passages, lexicon)
    kind = dominant_kind(passages)
    oriented = passages if src is a else [_flip(p) for p in passages]
    return LineageEdge(
        derived_doc=dst.doc_id, source_doc=src.doc_id, kind=kind, reason=reason
    ), oriented


def _flip(p: Passage) -> Passage:
    return Passage(
        doc_a=p.doc_b,
        start_a=p.start_b,
        end_a=p.end_b,
        doc_b=p.doc_a,
        start_b=p.start_a,
        end_b=p.end_a,
        kind=p.kind,
        similarity=p.similarity,
        substitutions=[(y, x) for x, y in p.substitutions],
    )
