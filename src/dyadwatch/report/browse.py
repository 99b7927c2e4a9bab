"""Read views of the store for browsing: one function per question a user asks.

The command line (``dyadwatch dyad``, ``events``, ``event``, ``document``, ``search``) and
the web API call these same functions, so an answer is computed in one place. Each returns
plain data (dicts, lists, numbers, strings) ready for JSON. Every parameter goes to SQL as a
bound value, never as text; bad values raise :class:`~dyadwatch.errors.BadQuery` and unknown
ids :class:`~dyadwatch.errors.NotFound`, each with a message saying what was wrong.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from typing import Any

from dyadwatch.errors import BadQuery, NotFound, StoreError
from dyadwatch.model import dyad_key
from dyadwatch.report.compare import dyad_overview
from dyadwatch.report.findings import build_index
from dyadwatch.store import Store
from dyadwatch.store import queries as q

__all__ = [
    "MAX_PAGE",
    "document",
    "dyad_overview",
    "dyad_summary",
    "event_detail",
    "figures",
    "fused_events",
    "index_series",
    "irritants",
    "resolve_dyad",
    "search",
    "sources",
]

#: The most rows one page of a listing returns.
MAX_PAGE = 500
#: A period bound: a year, a month or a day.
_PERIOD = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
#: Sorts undated events after every dated one.
_UNDATED = "9999-99-99"
#: Characters of text shown on each side of a search hit.
SNIPPET = 90


def resolve_dyad(text: str) -> str:
    """The dyad key (``PAK-RUS``) of ``"PAK-RUS"``, ``"rus-pak"`` or ``"Pakistan-Russia"``."""
    from dyadwatch.ontology import resolve_country

    parts = [p for p in re.split(r"[-–,/ ]+", text.strip()) if p]
    if len(parts) != 2:
        raise BadQuery(f"a dyad is two countries such as PAK-RUS, not {text[:60]!r}")
    codes = [resolve_country(p) for p in parts]
    for part, code in zip(parts, codes, strict=True):
        if code is None:
            raise NotFound(f"unknown country {part[:40]!r}: give an ISO alpha-3 code (PAK)")
    a, b = (str(c) for c in codes)
    if a == b:
        raise BadQuery(f"a dyad needs two different countries, not {a} twice")
    return dyad_key(a, b)


def _limit(limit: int) -> int:
    if not 1 <= limit <= MAX_PAGE:
        raise BadQuery(f"limit must be between 1 and {MAX_PAGE}, not {limit}")
    return limit


def _period(value: str | None, name: str) -> str | None:
    if value is None or value == "":
        return None
    if not _PERIOD.fullmatch(value):
        raise BadQuery(f"{name} must be a year, month or day (1987, 1987-03, 1987-03-15)")
    return value


def dyad_summary(store: Store, dyad: str) -> dict[str, Any]:
    """What the store holds about one dyad: counts, date span, categories, latest index."""
    from dyadwatch.ontology import country_name

    a, b = dyad.split("-")
    events = q.dyad_fused_events(store, dyad)
    docs = store.query(
        "SELECT count(DISTINCT s.doc_id) AS documents, count(*) AS sentences,"
        " count(DISTINCT coalesce(g.group_id, s.doc_id)) AS sources"
        " FROM sentences s LEFT JOIN lineage_groups g USING (doc_id)"
        " WHERE list_contains(s.dyads, ?)",
        [dyad],
    )[0]
    dates = sorted(e["date"] for e in events if e["date"])
    categories: dict[str, int] = {}
    for e in events:
        categories[e["plover"]] = categories.get(e["plover"], 0) + 1
    index = q.dyad_index(store, dyad)
    latest = index[-1] if index else None
    return {
        "dyad": dyad,
        "a": a,
        "b": b,
        "name_a": country_name(a),
        "name_b": country_name(b),
        "fused_events": len(events),
        "event_mentions": sum(int(e["num_mentions"]) for e in events),
        "documents": int(docs["documents"]),
        "sentences": int(docs["sentences"]),
        "sources": int(docs["sources"]),
        "first_date": dates[0] if dates else None,
        "last_date": dates[-1] if dates else None,
        "categories": dict(sorted(categories.items(), key=lambda kv: (-kv[1], kv[0]))),
        "latest_index": (
            {"period": latest["period"], "coop_index": latest["coop_index"]} if latest else None
        ),
        "contradictions": len(q.dyad_contradictions(store, dyad)),
        "irritants": len(q.dyad_irritants(store, dyad)),
    }


def index_series(store: Store, dyad: str) -> list[dict[str, Any]]:
    """The dyad's cooperation index by period, oldest first, as the dossier tabulates it."""
    return [
        {
            "period": r.period,
            "coop_index": r.coop_index,
            "tone": r.tone,
            "events": r.events,
            "sources": r.sources,
            "by_domain": r.domains,
            "by_plover": r.plovers,
        }
        for r in build_index(q.dyad_index(store, dyad))
    ]


def _encode_cursor(key: str, fused_id: str) -> str:
    raw = json.dumps([key, fused_id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor: str) -> tuple[str, str]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        key, fused_id = json.loads(raw)
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        raise BadQuery("cursor is not one this server gave: use next_cursor as returned") from None
    if not isinstance(key, str) or not isinstance(fused_id, str):
        raise BadQuery("cursor is not one this server gave: use next_cursor as returned")
    return key, fused_id


def fused_events(
    store: Store,
    dyad: str,
    *,
    since: str | None = None,
    until: str | None = None,
    category: str | None = None,
    domain: str | None = None,
    min_sources: int = 0,
    cursor: str | None = None,
    limit: int = 50,
) -> dict[str, Any]:
    """One page of the dyad's fused events in date order (undated last), filtered.

    ``since`` and ``until`` bound the date (a year, month or day, both ends included);
    ``category`` is a PLOVER category, ``domain`` an event domain. The answer's
    ``next_cursor`` fetches the following page; it is None on the last one."""
    limit = _limit(limit)
    since, until = _period(since, "since"), _period(until, "until")
    if min_sources < 0:
        raise BadQuery(f"min_sources must be 0 or more, not {min_sources}")
    where: list[str] = []
    params: list[Any] = [dyad]
    if since:
        where.append("f.date >= ?")
        params.append(since)
    if until:
        where.append("left(f.date, ?) <= ?")
        params += [len(until), until]
    if category:
        where.append("f.plover = ?")
        params.append(category.upper())
    if domain:
        where.append("f.domain = ?")
        params.append(domain.lower())
    if min_sources:
        where.append("f.num_sources >= ?")
        params.append(min_sources)
    if cursor:
        key, last = _decode_cursor(cursor)
        where.append("(coalesce(f.date, ?) > ? OR (coalesce(f.date, ?) = ? AND f.fused_id > ?))")
        params += [_UNDATED, key, _UNDATED, key, last]
    sql = (
        "SELECT f.*, sa.name AS source_name, ta.name AS target_name FROM fused_events f"
        + q.dyad_filter("f.source", "f.target")
        + "".join(f" AND {w}" for w in where)
        + f" ORDER BY coalesce(f.date, '{_UNDATED}'), f.fused_id LIMIT ?"
    )
    rows = store.query(sql, [*params, limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    nxt = _encode_cursor(rows[-1]["date"] or _UNDATED, rows[-1]["fused_id"]) if more else None
    return {"dyad": dyad, "events": rows, "next_cursor": nxt}


def event_detail(store: Store, fused_id: str) -> dict[str, Any]:
    """One fused event with every report of it: document, span, quote and lineage group."""
    rows = store.query(
        "SELECT f.*, sa.name AS source_name, ta.name AS target_name FROM fused_events f"
        " LEFT JOIN actors sa ON sa.actor_id = f.source"
        " LEFT JOIN actors ta ON ta.actor_id = f.target WHERE f.fused_id = ?",
        [fused_id],
    )
    if not rows:
        raise NotFound(f"no fused event {fused_id[:80]!r} in the store")
    event = rows[0]
    event["evidence"] = store.query(
        'SELECT e.event_id, e.doc_id, e."start", e."end", e.quote, e.plover, e.date,'
        " e.date_precision, e.date_basis, e.trigger, e.coded_by, d.title, d.site, d.url,"
        " d.path, d.date AS doc_date, coalesce(g.group_id, 'doc:' || d.doc_id) AS group_id"
        " FROM events e JOIN documents d USING (doc_id)"
        " LEFT JOIN lineage_groups g USING (doc_id)"
        ' WHERE list_contains(?, e.event_id) ORDER BY d.path, e.doc_id, e."start"',
        [event["event_ids"]],
    )
    return event


def figures(store: Store, dyad: str) -> dict[str, Any]:
    """The figures cited about the dyad and the comparisons the fuse stage made of them."""
    return {
        "dyad": dyad,
        "claims": q.dyad_claims(store, dyad),
        "contradictions": q.dyad_contradictions(store, dyad),
    }


def _spans(store: Store, spans: list[tuple[str, int, int]]) -> list[dict[str, Any]]:
    texts = store.document_texts(sorted({s[0] for s in spans}))
    return [
        {"doc_id": d, "start": s, "end": e, "quote": texts.get(d, "")[s:e]} for d, s, e in spans
    ]


def irritants(store: Store, dyad: str) -> list[dict[str, Any]]:
    """The dyad's irritants, the most attested first, each with its quoted evidence."""
    rows = q.dyad_irritants(store, dyad)
    for row in rows:
        row["evidence"] = _spans(store, [(e[0], int(e[1]), int(e[2])) for e in row["evidence"]])
    return rows


def sources(store: Store, dyad: str, *, limit: int = 100, offset: int = 0) -> dict[str, Any]:
    """The documents that speak of the dyad, with lineage group and reuse signals, and the
    derivation edges (who copied whom) that touch them."""
    limit = _limit(limit)
    if offset < 0:
        raise BadQuery(f"offset must be 0 or more, not {offset}")
    ids = [
        r["doc_id"]
        for r in store.query(
            "SELECT DISTINCT s.doc_id, d.path FROM sentences s JOIN documents d USING (doc_id)"
            " WHERE list_contains(s.dyads, ?) ORDER BY d.path, s.doc_id",
            [dyad],
        )
    ]
    page = ids[offset : offset + limit]
    return {
        "dyad": dyad,
        "total": len(ids),
        "documents": q.documents_meta(store, page),
        "lineage": q.lineage_near(store, page),
    }


def document(store: Store, doc_id: str) -> dict[str, Any]:
    """A document: its metadata, cleaned text, the spans found in it (actor mentions, events,
    figures, sentences naming a pair) and the boilerplate lines cleaning removed."""
    meta = q.documents_meta(store, [doc_id])
    if not meta:
        raise NotFound(f"no document {doc_id[:80]!r} in the store")
    doc = meta[0]
    doc["text"] = store.document_texts([doc_id]).get(doc_id, "")
    doc["mentions"] = store.query(
        'SELECT m."start", m."end", m.text, m.actor_id, a.name, a.kind, a.country'
        " FROM mentions m LEFT JOIN actors a USING (actor_id)"
        ' WHERE m.doc_id = ? ORDER BY m."start"',
        [doc_id],
    )
    doc["events"] = store.query(
        'SELECT event_id, "start", "end", plover, source, target, date, trigger'
        ' FROM events WHERE doc_id = ? ORDER BY "start", event_id',
        [doc_id],
    )
    doc["figures"] = store.query(
        'SELECT claim_id, "start", "end", value, currency, unit, measure, period, bound'
        ' FROM claims WHERE doc_id = ? ORDER BY "start", claim_id',
        [doc_id],
    )
    doc["sentences"] = store.query(
        'SELECT "start", "end", dyads FROM sentences WHERE doc_id = ? ORDER BY "start"', [doc_id]
    )
    doc["removed"] = store.query(
        "SELECT seq, text, reason FROM removed_lines WHERE doc_id = ? ORDER BY seq", [doc_id]
    )
    return doc


def search(store: Store, text: str, *, limit: int = 20, offset: int = 0) -> dict[str, Any]:
    """Documents holding every term of ``text``, best first (BM25 over the search index).

    A query in double quotes must appear as a phrase; otherwise documents holding the words
    as a phrase rank first. A hit holding the phrase has its character span (``start``,
    ``end``) and the text around it (``before``, ``match``, ``after``); other hits show the
    document's opening."""
    limit = _limit(limit)
    if offset < 0:
        raise BadQuery(f"offset must be 0 or more, not {offset}")
    query = " ".join(text.split())
    phrase_only = len(query) > 1 and query.startswith('"') and query.endswith('"')
    phrase = query.strip('"').lower()
    terms = sorted(set(re.findall(r"[^\W_]+", phrase)))
    if not terms:
        raise BadQuery("the search needs at least one word")
    if len(terms) > 32:
        raise BadQuery("the search takes at most 32 distinct words")
    if not store.scalar("SELECT count(*) FROM search_docs") and store.scalar(
        "SELECT count(*) FROM documents"
    ):
        raise StoreError("the store has no search index yet: run 'dyadwatch analyze' again")
    page = (limit, offset)
    rows = store.query(
        "WITH n AS (SELECT count(*) AS docs, avg(terms) AS avgdl FROM search_docs),"
        " df AS (SELECT term, count(*) AS df FROM search_terms"
        " WHERE list_contains(?, term) GROUP BY term),"
        " hits AS (SELECT t.doc_id, count(*) AS matched,"
        " sum(ln(1 + (n.docs - df.df + 0.5) / (df.df + 0.5))"
        " * t.tf * 2.2 / (t.tf + 1.2 * (0.25 + 0.75 * s.terms / n.avgdl))) AS score"
        " FROM search_terms t JOIN df USING (term) JOIN search_docs s USING (doc_id), n"
        " WHERE list_contains(?, t.term) GROUP BY t.doc_id),"
        " ranked AS (SELECT h.doc_id, h.score, strpos(lower(d.text), ?) AS pos,"
        " d.title, d.date, d.site, d.path, d.text FROM hits h JOIN documents d USING (doc_id)"
        " WHERE h.matched = ?)"
        " SELECT doc_id, score, pos, title, date, site, path,"
        " substr(text, greatest(1, pos - ?), 2 * ? + ?) AS around, count(*) OVER () AS total"
        " FROM ranked WHERE pos > 0 OR NOT ?"
        " ORDER BY pos > 0 DESC, score DESC, doc_id LIMIT ? OFFSET ?",
        [terms, terms, phrase, len(terms), SNIPPET, SNIPPET, len(phrase), phrase_only, *page],
    )
    total = int(rows[0]["total"]) if rows else 0
    hits = []
    for r in rows:
        at = int(r.pop("pos")) - 1
        r.pop("total")
        around = r.pop("around") or ""
        if at >= 0:
            r["start"], r["end"] = at, at + len(phrase)
            cut = at - max(0, at - SNIPPET)
            r["before"], r["match"] = around[:cut], around[cut : cut + len(phrase)]
            r["after"] = around[cut + len(phrase) :]
        else:
            r["start"] = r["end"] = None
            r["before"], r["match"], r["after"] = around[: 2 * SNIPPET], "", ""
        r["phrase"] = at >= 0
        hits.append(r)
    return {"query": query, "terms": terms, "total": total, "hits": hits}
