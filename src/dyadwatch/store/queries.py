"""Read queries the report and the CLI ask of the store."""

from __future__ import annotations

from typing import Any

from dyadwatch.store.db import Store


def dyad_sentences(store: Store, dyad: str) -> list[dict[str, Any]]:
    """Sentences about ``dyad``, with their quote and their document's metadata.

    A sentence that names no pair of its own ("The first joint exercise was held in 2016.")
    and follows, in the same paragraph, a sentence about the dyad is taken as continuing it;
    such rows have ``inherited`` true.
    """
    return store.query(
        'WITH s AS (SELECT *, lag(dyads) OVER w AS prev_dyads, lag("end") OVER w AS prev_end'
        ' FROM sentences WINDOW w AS (PARTITION BY doc_id ORDER BY "start"))'
        ' SELECT s.doc_id, s."start", s."end",'
        ' substr(d.text, s."start" + 1, s."end" - s."start") AS quote,'
        " NOT list_contains(s.dyads, ?) AS inherited,"
        " d.title, d.date, d.path, d.site, d.source_id"
        " FROM s JOIN documents d USING (doc_id)"
        " WHERE list_contains(s.dyads, ?) OR (len(s.dyads) = 0"
        " AND list_contains(s.prev_dyads, ?)"
        ' AND NOT contains(substr(d.text, s.prev_end + 1, s."start" - s.prev_end), chr(10)))'
        ' ORDER BY d.path, s.doc_id, s."start"',
        [dyad, dyad, dyad],
    )


def dyad_actors(store: Store, dyad: str) -> list[dict[str, Any]]:
    """Actors named in the sentences about ``dyad``, busiest first."""
    return store.query(
        "SELECT a.actor_id, a.name, a.kind, a.country, a.role,"
        " count(*) AS mentions, count(DISTINCT m.doc_id) AS documents"
        " FROM sentences s JOIN mentions m ON m.doc_id = s.doc_id"
        ' AND m."start" >= s."start" AND m."end" <= s."end"'
        " JOIN actors a USING (actor_id)"
        " WHERE list_contains(s.dyads, ?)"
        " GROUP BY ALL ORDER BY mentions DESC, a.actor_id",
        [dyad],
    )


def doc_context(store: Store, doc_id: str, start: int, end: int, width: int = 160) -> str:
    """The text around a span, for showing a quote in its place."""
    lo = max(0, start - width)
    value = store.scalar(
        "SELECT substr(text, ? + 1, ?) FROM documents WHERE doc_id = ?",
        [lo, end + width - lo, doc_id],
    )
    return str(value or "")


def counts(store: Store) -> dict[str, int]:
    """How many rows the main tables hold."""
    out: dict[str, int] = {}
    for table in ("documents", "rejects", "actors", "mentions", "sentences"):
        out[table] = int(store.scalar(f"SELECT count(*) FROM {table}") or 0)
    return out


def top_dyads(store: Store, limit: int = 10) -> list[dict[str, Any]]:
    """Dyads by the number of sentences (and documents) that speak about them."""
    return store.query(
        "SELECT dyad, count(*) AS sentences, count(DISTINCT doc_id) AS documents"
        " FROM (SELECT doc_id, unnest(dyads) AS dyad FROM sentences)"
        " GROUP BY dyad ORDER BY sentences DESC, dyad LIMIT ?",
        [limit],
    )


def actors_by_kind(store: Store) -> dict[str, int]:
    rows = store.query("SELECT kind, count(*) AS n FROM actors GROUP BY kind ORDER BY kind")
    return {r["kind"]: int(r["n"]) for r in rows}


def lineage_edges(store: Store) -> list[dict[str, Any]]:
    """Derivation edges with both documents' titles and paths."""
    return store.query(
        "SELECT l.derived_doc, l.source_doc, l.kind, l.reason,"
        " a.title AS derived_title, a.path AS derived_path,"
        " b.title AS source_title, b.path AS source_path"
        " FROM lineage l JOIN documents a ON a.doc_id = l.derived_doc"
        " JOIN documents b ON b.doc_id = l.source_doc ORDER BY a.path, b.path"
    )


def passages_between(store: Store, doc_a: str, doc_b: str) -> list[dict[str, Any]]:
    """Aligned passages of two documents (in either order), with both quotes."""
    return store.query(
        "SELECT p.*, substr(a.text, p.start_a + 1, p.end_a - p.start_a) AS text_a,"
        " substr(b.text, p.start_b + 1, p.end_b - p.start_b) AS text_b"
        " FROM passages p JOIN documents a ON a.doc_id = p.doc_a"
        " JOIN documents b ON b.doc_id = p.doc_b"
        " WHERE (p.doc_a = ? AND p.doc_b = ?) OR (p.doc_a = ? AND p.doc_b = ?)"
        " ORDER BY p.start_a",
        [doc_a, doc_b, doc_b, doc_a],
    )


def lineage_groups(store: Store) -> list[dict[str, Any]]:
    """Lineage groups with their member documents (ids and titles), largest first."""
    return store.query(
        "SELECT g.group_id, list(g.doc_id ORDER BY d.path) AS docs,"
        " list(coalesce(d.title, d.path) ORDER BY d.path) AS titles"
        " FROM lineage_groups g JOIN documents d USING (doc_id)"
        " GROUP BY g.group_id ORDER BY len(docs) DESC, g.group_id"
    )


def near_duplicate_clusters(store: Store) -> list[dict[str, Any]]:
    return store.query(
        "SELECT c.cluster_id, list(c.doc_id ORDER BY d.path) AS docs,"
        " list(coalesce(d.title, d.path) ORDER BY d.path) AS titles"
        " FROM clusters c JOIN documents d USING (doc_id)"
        " GROUP BY c.cluster_id ORDER BY c.cluster_id"
    )


def reuse_signals(store: Store) -> list[dict[str, Any]]:
    return store.query(
        "SELECT r.*, coalesce(d.title, d.path) AS title FROM reuse_signals r"
        " JOIN documents d USING (doc_id) ORDER BY r.spin_score DESC, r.doc_id"
    )
