"""Reuse shown to a person: clusters, lineage and aligned passages side by side."""

from __future__ import annotations

import textwrap
from typing import Any

from dyadwatch.reuse.align import opcodes_of
from dyadwatch.store import Store
from dyadwatch.store import queries as q

WIDTH = 56


def mark_differences(a: str, b: str) -> tuple[str, str]:
    """Both texts with the words that differ between them in [brackets]."""
    wa, wb = a.split(), b.split()
    left: list[str] = []
    right: list[str] = []
    for op, a0, a1, b0, b1 in opcodes_of(wa, wb):
        if op == "equal":
            left += wa[a0:a1]
            right += wb[b0:b1]
            continue
        if a1 > a0:
            left.append("[" + " ".join(wa[a0:a1]) + "]")
        if b1 > b0:
            right.append("[" + " ".join(wb[b0:b1]) + "]")
    return " ".join(left), " ".join(right)


def side_by_side(a: str, b: str, width: int = WIDTH) -> list[str]:
    """Two texts in two columns of ``width`` characters."""
    left = textwrap.wrap(a, width) or [""]
    right = textwrap.wrap(b, width) or [""]
    rows = max(len(left), len(right))
    left += [""] * (rows - len(left))
    right += [""] * (rows - len(right))
    return [f"{x:<{width}} │ {y}" for x, y in zip(left, right, strict=True)]


def _passage_lines(p: dict[str, Any], source: str) -> list[str]:
    # Show the source on the left, the derived copy on the right.
    flip = p["doc_a"] != source
    a_text, b_text = (p["text_b"], p["text_a"]) if flip else (p["text_a"], p["text_b"])
    a_span = (p["start_b"], p["end_b"]) if flip else (p["start_a"], p["end_a"])
    b_span = (p["start_a"], p["end_a"]) if flip else (p["start_b"], p["end_b"])
    head = f"  {p['kind']} (similarity {p['similarity']:.2f}) source chars {a_span[0]}–{a_span[1]}"
    head += f" → copy chars {b_span[0]}–{b_span[1]}"
    lines = [head]
    left, right = mark_differences(a_text, b_text)
    lines += ["  " + row for row in side_by_side(left, right)]
    return lines


def reuse_listing(store: Store, passages: bool = True) -> str:
    """The reuse picture of the store as plain text for a terminal."""
    out: list[str] = []
    clusters = q.near_duplicate_clusters(store)
    out.append(f"near-duplicate clusters: {len(clusters)}")
    for c in clusters:
        out.append(f"  {c['cluster_id']}: " + "; ".join(c["titles"]))
    edges = q.lineage_edges(store)
    out.append(f"\nlineage (derived ← source): {len(edges)}")
    for e in edges:
        out.append(
            f"\n{e['derived_title'] or e['derived_path']} [{e['derived_doc']}]\n"
            f"  ← {e['source_title'] or e['source_path']} [{e['source_doc']}]\n"
            f"  {e['kind']}: {e['reason']}"
        )
        if passages:
            for p in q.passages_between(store, e["derived_doc"], e["source_doc"]):
                out += _passage_lines(p, e["source_doc"])
    groups = q.lineage_groups(store)
    out.append(f"\nindependent sources (lineage groups): {len(groups)}")
    for g in groups:
        out.append(f"  {g['group_id']}: " + "; ".join(g["titles"]))
    flagged = [s for s in q.reuse_signals(store) if s["spin_score"] >= 0.5 or s["mt_score"] >= 0.5]
    out.append(f"\ndocuments that read as spun or machine-translated: {len(flagged)}")
    for s in flagged:
        out.append(
            f"  {s['title']}: spin {s['spin_score']:.2f}, MT {s['mt_score']:.2f}; "
            + "; ".join(s["evidence"][:4])
        )
    return "\n".join(out)
