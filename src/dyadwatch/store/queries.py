"""Read queries the report and the CLI ask of the store."""

from __future__ import annotations

import json
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
    tables = (
        "documents", "rejects", "actors", "mentions", "sentences", "events", "statements",
        "claims", "fused_events", "contradictions", "lineage", "irritants",
    )  # fmt: skip
    for table in tables:
        out[table] = int(store.scalar(f"SELECT count(*) FROM {table}") or 0)
    out["sources"] = int(store.scalar("SELECT count(DISTINCT group_id) FROM lineage_groups") or 0)
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


def _members(store: Store, table: str, key: str, order: str) -> list[dict[str, Any]]:
    """Groups of documents in ``table`` (keyed by ``key``) with their ids and titles."""
    return store.query(
        f"SELECT t.{key}, list(t.doc_id ORDER BY d.path) AS docs,"
        " list(coalesce(d.title, d.path) ORDER BY d.path) AS titles"
        f" FROM {table} t JOIN documents d USING (doc_id) GROUP BY t.{key} ORDER BY {order}"
    )


def lineage_groups(store: Store) -> list[dict[str, Any]]:
    """Lineage groups with their member documents (ids and titles), largest first."""
    return _members(store, "lineage_groups", "group_id", "len(docs) DESC, group_id")


def near_duplicate_clusters(store: Store) -> list[dict[str, Any]]:
    return _members(store, "clusters", "cluster_id", "cluster_id")


def reuse_signals(store: Store) -> list[dict[str, Any]]:
    return store.query(
        "SELECT r.*, coalesce(d.title, d.path) AS title FROM reuse_signals r"
        " JOIN documents d USING (doc_id) ORDER BY r.spin_score DESC, r.doc_id"
    )


# -- the dossier: events, figures, irritants, index and sources of one dyad -----------------

#: The country of an event end: an actor's country, or the code itself for a state.
_COUNTRY = "coalesce({a}.country, CASE WHEN length({col}) = 3 THEN {col} END)"


def dyad_filter(source: str, target: str) -> str:
    """SQL joins and a condition keeping rows whose two ends are the two states of a dyad."""
    sc = _COUNTRY.format(a="sa", col=source)
    tc = _COUNTRY.format(a="ta", col=target)
    return (
        f" LEFT JOIN actors sa ON sa.actor_id = {source}"
        f" LEFT JOIN actors ta ON ta.actor_id = {target}"
        f" WHERE least({sc}, {tc}) || '-' || greatest({sc}, {tc}) = ?"
    )


def dyad_fused_events(store: Store, dyad: str) -> list[dict[str, Any]]:
    """Fused events between the two states of ``dyad``, in date order (undated last)."""
    return store.query(
        "SELECT f.* FROM fused_events f"
        + dyad_filter("f.source", "f.target")
        + " ORDER BY f.date NULLS LAST, f.num_sources DESC, f.fused_id",
        [dyad],
    )


def dyad_events(store: Store, dyad: str) -> list[dict[str, Any]]:
    """Coded event mentions between the two states of ``dyad``, in date order."""
    return store.query(
        "SELECT e.* FROM events e"
        + dyad_filter("e.source", "e.target")
        + ' ORDER BY e.date NULLS LAST, e.doc_id, e."start", e.event_id',
        [dyad],
    )


def events_by_id(store: Store, event_ids: list[str]) -> list[dict[str, Any]]:
    """Event mentions by id, with the document order they appear in."""
    return store.query(
        'SELECT * FROM events WHERE list_contains(?, event_id) ORDER BY doc_id, "start", event_id',
        [event_ids],
    )


def dyad_statements(store: Store, dyad: str) -> list[dict[str, Any]]:
    """Non-factual statements (speculation, recommendation …) between the two states."""
    return store.query(
        "SELECT s.* FROM statements s"
        + dyad_filter("s.source", "s.target")
        + ' ORDER BY s.modality, s.doc_id, s."start"',
        [dyad],
    )


def dyad_claims(store: Store, dyad: str) -> list[dict[str, Any]]:
    """Figures cited about ``dyad``: those whose sentence names the pair, those a
    contradiction of the pair compares, and those with no pair of their own in a document
    whose sentences name this pair most (``inferred`` is true for these)."""
    return store.query(
        "WITH s AS (SELECT doc_id, unnest(dyads) AS dyad FROM sentences),"
        " n AS (SELECT doc_id, dyad, row_number() OVER (PARTITION BY doc_id"
        " ORDER BY count(*) DESC, dyad) AS rank FROM s GROUP BY doc_id, dyad),"
        " main AS (SELECT doc_id, dyad FROM n WHERE rank = 1)"
        " SELECT c.*, c.dyad IS NULL AS inferred FROM claims c LEFT JOIN main m USING (doc_id)"
        " WHERE c.dyad = ? OR (c.dyad IS NULL AND m.dyad = ?)"
        " OR c.claim_id IN (SELECT unnest(claim_ids) FROM contradictions WHERE dyad = ?)"
        ' ORDER BY c.measure, c.period NULLS LAST, c.value, c.doc_id, c."start", c.claim_id',
        [dyad, dyad, dyad],
    )


def dyad_contradictions(store: Store, dyad: str) -> list[dict[str, Any]]:
    return store.query(
        "SELECT * FROM contradictions WHERE dyad = ? ORDER BY measure, period, contradiction_id",
        [dyad],
    )


def dyad_index(store: Store, dyad: str) -> list[dict[str, Any]]:
    """The dyad's cooperation index by period, oldest first."""
    return store.query("SELECT * FROM dyad_index WHERE dyad = ? ORDER BY period", [dyad])


def dyad_irritants(store: Store, dyad: str) -> list[dict[str, Any]]:
    """Irritants of ``dyad``, the most attested first (evidence is parsed from JSON)."""
    rows = store.query(
        "SELECT party_or_issue, kind, evidence FROM irritants WHERE dyad = ?"
        " ORDER BY json_array_length(evidence) DESC, party_or_issue",
        [dyad],
    )
    for row in rows:
        row["evidence"] = [tuple(e) for e in json.loads(row["evidence"] or "[]")]
    return rows


def documents_meta(store: Store, doc_ids: list[str]) -> list[dict[str, Any]]:
    """Documents with their estimated date, lineage group and reuse signals, by path."""
    return store.query(
        "SELECT d.doc_id, d.title, d.path, d.site, d.url, d.source_id, d.date,"
        " dd.date AS est_date, dd.evidence AS date_evidence,"
        " coalesce(g.group_id, 'doc:' || d.doc_id) AS group_id,"
        " r.spin_score, r.mt_score, r.evidence AS signals"
        " FROM documents d LEFT JOIN doc_dates dd USING (doc_id)"
        " LEFT JOIN lineage_groups g USING (doc_id)"
        " LEFT JOIN reuse_signals r USING (doc_id)"
        " WHERE list_contains(?, d.doc_id) ORDER BY d.path, d.doc_id",
        [doc_ids],
    )


def lineage_near(store: Store, doc_ids: list[str]) -> list[dict[str, Any]]:
    """Derivation edges with either end among ``doc_ids``."""
    return store.query(
        "SELECT * FROM lineage WHERE list_contains(?, derived_doc) OR list_contains(?, source_doc)"
        " ORDER BY derived_doc, source_doc",
        [doc_ids, doc_ids],
    )


def actor_links(store: Store, dyad: str) -> list[dict[str, Any]]:
    """Pairs of actors named together in a sentence about ``dyad``, with how often."""
    return store.query(
        'WITH m AS (SELECT DISTINCT s.doc_id, s."start" AS s_start, m.actor_id'
        " FROM sentences s JOIN mentions m ON m.doc_id = s.doc_id"
        ' AND m."start" >= s."start" AND m."end" <= s."end"'
        " WHERE list_contains(s.dyads, ?))"
        " SELECT a.actor_id AS a, b.actor_id AS b, count(*) AS sentences"
        " FROM m a JOIN m b ON a.doc_id = b.doc_id AND a.s_start = b.s_start"
        " AND a.actor_id < b.actor_id GROUP BY ALL ORDER BY sentences DESC, a, b",
        [dyad],
    )


def _per_dyad(name: str, count: str, table: str) -> str:
    """A CTE counting the rows of an event table per dyad of their two ends' states."""
    sc = _COUNTRY.format(a="sa", col="t.source")
    tc = _COUNTRY.format(a="ta", col="t.target")
    return (
        f" {name} AS (SELECT least(sc, tc) || '-' || greatest(sc, tc) AS dyad,"
        f" count(*) AS {count} FROM (SELECT {sc} AS sc, {tc} AS tc FROM {table} t"
        " LEFT JOIN actors sa ON sa.actor_id = t.source"
        " LEFT JOIN actors ta ON ta.actor_id = t.target) GROUP BY ALL),"
    )


def dyad_activity(store: Store, limit: int = 50) -> list[dict[str, Any]]:
    """Every dyad with its activity: fused events, event mentions, sentences, documents,
    independent sources (lineage groups) and the latest index; busiest first."""
    return store.query(
        "WITH s AS (SELECT doc_id, unnest(dyads) AS dyad FROM sentences),"
        " sd AS (SELECT s.dyad, count(*) AS sentences, count(DISTINCT s.doc_id) AS documents,"
        " count(DISTINCT coalesce(g.group_id, s.doc_id)) AS sources"
        " FROM s LEFT JOIN lineage_groups g USING (doc_id) GROUP BY s.dyad),"
        + _per_dyad("fe", "fused", "fused_events")
        + _per_dyad("ev", "events", "events")
        + " ix AS (SELECT dyad, arg_max(coop_index, period) AS coop_index,"
        " max(period) AS period FROM dyad_index GROUP BY dyad)"
        " SELECT sd.dyad, coalesce(fe.fused, 0) AS fused, coalesce(ev.events, 0) AS events,"
        " sd.sentences, sd.documents, sd.sources, ix.coop_index, ix.period"
        " FROM sd LEFT JOIN fe USING (dyad) LEFT JOIN ev USING (dyad) LEFT JOIN ix USING (dyad)"
        " ORDER BY fused DESC, events DESC, sentences DESC, sd.dyad LIMIT ?",
        [limit],
    )


def actor_names(store: Store, actor_ids: list[str]) -> dict[str, str]:
    """Canonical names of actors by id."""
    rows = store.query(
        "SELECT actor_id, name FROM actors WHERE list_contains(?, actor_id)", [actor_ids]
    )
    return {r["actor_id"]: r["name"] for r in rows}


# -- alerts ----------------------------------------------------------------------------------


def alert_contradictions(store: Store, kinds: tuple[str, ...]) -> list[dict[str, Any]]:
    """Contradictions of the given kinds, with their claim ids and note."""
    return store.query(
        "SELECT kind, dyad, measure, period, claim_ids, note FROM contradictions"
        " WHERE list_contains(?, kind) ORDER BY contradiction_id",
        [list(kinds)],
    )


def latest_index(store: Store) -> list[dict[str, Any]]:
    """Each dyad's latest period and that period's index."""
    return store.query(
        "SELECT dyad, max(period) AS period, arg_max(coop_index, period) AS coop_index"
        " FROM dyad_index GROUP BY dyad ORDER BY dyad"
    )


def irritant_names(store: Store) -> list[dict[str, Any]]:
    """Every (dyad, party or issue) named as an irritant."""
    return store.query(
        "SELECT DISTINCT dyad, party_or_issue FROM irritants ORDER BY dyad, party_or_issue"
    )


def dyad_categories(store: Store) -> list[dict[str, Any]]:
    """Every (dyad, PLOVER category) pair with at least one fused event between the pair."""
    sc = _COUNTRY.format(a="sa", col="f.source")
    tc = _COUNTRY.format(a="ta", col="f.target")
    return store.query(
        f"SELECT DISTINCT least({sc}, {tc}) || '-' || greatest({sc}, {tc}) AS dyad, f.plover"
        " FROM fused_events f LEFT JOIN actors sa ON sa.actor_id = f.source"
        " LEFT JOIN actors ta ON ta.actor_id = f.target"
        f" WHERE {sc} IS NOT NULL AND {tc} IS NOT NULL AND {sc} <> {tc} ORDER BY 1, 2"
    )


def languages(store: Store) -> list[dict[str, Any]]:
    """Documents per language, English first, then the most frequent."""
    return store.query(
        "SELECT l AS lang, count(*) AS documents"
        " FROM (SELECT coalesce(lang, 'en') AS l FROM documents)"
        " GROUP BY l ORDER BY l <> 'en', documents DESC, l"
    )
