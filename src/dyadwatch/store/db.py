"""The DuckDB store: the only module that reads or writes the database file."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import IO, Any, TypeVar

import duckdb

from dyadwatch.errors import StoreError, UnknownTable
from dyadwatch.model import (
    Actor,
    Claim,
    DocActors,
    DocExtraction,
    Document,
    Event,
    FusionResult,
    FusionScope,
    LineageEdge,
    Mention,
    PairResult,
    Passage,
    Reject,
    ReuseResult,
    ReuseSignal,
    Sentence,
)

T = TypeVar("T")

#: Seconds a writer waits for a lock held by another process before it gives up.
WRITER_WAIT = 30.0
#: A term of the search index: a run of letters or digits, case folded.
TERM = r"[\pL\pN]+"

#: Rows per multi-row INSERT statement.
INSERT_CHUNK = 256

#: Tables a user may export, in the order docs/schema.md lists them.
EXPORTABLE = (
    "documents",
    "rejects",
    "removed_lines",
    "actors",
    "mentions",
    "sentences",
    "events",
    "statements",
    "claims",
    "time_exprs",
    "doc_dates",
    "sport_stories",
    "places",
    "clusters",
    "passages",
    "lineage",
    "lineage_groups",
    "reuse_signals",
    "fused_events",
    "contradictions",
    "dyad_index",
    "irritants",
    "alerts",
    "events_gdelt",
    "runs",
)
EXPORT_FORMATS = ("jsonl", "csv", "parquet")
#: Tables holding the extract stage's output, replaced document by document.
PER_DOCUMENT = (
    "mentions",
    "sentences",
    "events",
    "statements",
    "claims",
    "time_exprs",
    "doc_dates",
    "sport_stories",
    "places",
)


def _index_terms(con: duckdb.DuckDBPyConnection, where: str, params: list[Any]) -> int:
    """Add the documents matching ``where`` to the search index; returns how many."""
    con.execute(
        "CREATE TEMP TABLE fresh AS SELECT doc_id, regexp_extract_all(lower(text), ?)"
        f" AS terms FROM documents WHERE {where}",
        [TERM, *params],
    )
    con.execute(
        "INSERT INTO search_terms SELECT term, doc_id, count(*) FROM"
        " (SELECT doc_id, unnest(terms) AS term FROM fresh) GROUP BY ALL ORDER BY term"
    )
    con.execute("INSERT INTO search_docs SELECT doc_id, len(terms) FROM fresh")
    n = int(con.execute("SELECT count(*) FROM fresh").fetchone()[0])  # type: ignore[index]
    con.execute("DROP TABLE fresh")
    return n


class Store:
    """A dyadwatch database: open it, write records in transactions, query it."""

    def __init__(
        self, path: str | Path, *, read_only: bool = False, wait: float = WRITER_WAIT
    ) -> None:
        """Open (or create) the database at ``path``.

        A writer waits up to ``wait`` seconds for a lock another process holds, such as
        ``dyadwatch serve`` copying the file into a snapshot, before giving up."""
        self.path = str(path)
        if read_only and not Path(self.path).exists():
            raise StoreError(
                f"no database at {self.path}: run 'dyadwatch analyze PATH --db {self.path}' first"
            )
        self.con = _connect(self.path, read_only, wait)
        if not read_only:
            self.con.execute(resources.files("dyadwatch.store").joinpath("schema.sql").read_text())
            _fill_country_codes(self.con)

    def close(self) -> None:
        self.con.close()

    @classmethod
    def on(cls, con: duckdb.DuckDBPyConnection, path: str) -> Store:
        """A store reading through an open connection (one cursor per thread)."""
        store = cls.__new__(cls)
        store.path, store.con = path, con
        return store

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """One atomic write: all of it is committed, or none of it (a crash before the
        commit leaves the store as it was; DuckDB's log replays only committed writes)."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield self.con
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        _fault_point()
        self.con.execute("COMMIT")

    # -- writes ---------------------------------------------------------------------------

    @staticmethod
    def _insert(con: duckdb.DuckDBPyConnection, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Insert ``rows`` with ``sql``, an ``INSERT ... VALUES (?, ...)`` for one row.

        The rows go in as multi-row ``VALUES`` lists of ``INSERT_CHUNK`` rows: DuckDB runs
        ``executemany`` as one statement per row, several times slower on a large batch
        (``benchmarks/store_insert.py``).
        """
        if not rows:
            return
        head, _, row = sql.rpartition(" VALUES ")
        if not head or not row.startswith("("):
            raise ValueError(f"not a one-row INSERT ... VALUES statement: {sql}")
        for at in range(0, len(rows), INSERT_CHUNK):
            chunk = rows[at : at + INSERT_CHUNK]
            values = ", ".join([row] * len(chunk))
            con.execute(f"{head} VALUES {values}", [v for r in chunk for v in r])

    def forget_rejects(self, path: str) -> None:
        """Drop what an earlier run recorded for ``path``, so re-reading it is idempotent."""
        self.con.execute("DELETE FROM rejects WHERE path = ?", [path])

    def add_rejects(self, rejects: Sequence[Reject]) -> None:
        if not rejects:
            return
        with self.transaction() as con:
            self._insert(
                con,
                "INSERT INTO rejects (path, line, reason, stage) VALUES (?, ?, ?, ?)",
                [(r.path, r.line, r.reason, r.stage) for r in rejects],
            )

    def add_documents(self, docs: Sequence[Document]) -> int:
        """Store documents not yet stored; returns how many were new."""
        if not docs:
            return 0
        ids = [d.doc_id for d in docs]
        known = {
            row[0]: row[1]
            for row in self.con.execute(
                "SELECT doc_id, dateline FROM documents WHERE list_contains(?, doc_id)", [ids]
            ).fetchall()
        }
        fresh: dict[str, Document] = {}
        for d in docs:
            if d.doc_id not in known and d.doc_id not in fresh:
                fresh[d.doc_id] = d
        late = [
            (d.dateline, d.doc_id)
            for d in docs
            if d.dateline and d.doc_id in known and known[d.doc_id] is None
        ]
        if late:  # a store made before datelines were kept learns them when the file is read
            with self.transaction() as con:
                con.executemany(
                    "UPDATE documents SET dateline = ? WHERE doc_id = ? AND dateline IS NULL", late
                )
        if not fresh:
            return 0
        with self.transaction() as con:
            self._insert(
                con,
                "INSERT INTO documents (doc_id, source_id, path, title, date, site, url, fmt, text,"
                " lang, lang_conf, dateline) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [_document_row(d) for d in fresh.values()],
            )
            self._insert(
                con,
                "INSERT INTO removed_lines (doc_id, seq, text, reason) VALUES (?, ?, ?, ?)",
                [
                    (d.doc_id, i, r.text, r.reason)
                    for d in fresh.values()
                    for i, r in enumerate(d.removed)
                ],
            )
            _index_terms(con, "list_contains(?, doc_id)", [list(fresh)])
        return len(fresh)

    def update_search_index(self) -> int:
        """Index the terms of every stored document not indexed yet; returns how many.
        :meth:`add_documents` indexes what it stores; this catches up older stores."""
        with self.transaction() as con:
            return _index_terms(con, "doc_id NOT IN (SELECT doc_id FROM search_docs)", [])

    def export_partition(self, folder: str | Path) -> None:
        """Write the extract stage's tables (and the actors they name) as Parquet files in
        ``folder``: the hand-off of a Ray extract task to the store's one writer."""
        Path(folder).mkdir(parents=True, exist_ok=True)
        for table in (*PER_DOCUMENT, "actors", "processed"):
            target = str(Path(folder) / f"{table}.parquet").replace("'", "''")
            self.con.execute(f"COPY {table} TO '{target}' (FORMAT parquet)")

    def load_partition(self, folder: str | Path) -> int:
        """Load a partition written by :meth:`export_partition`, replacing what the store
        held for its documents, as :meth:`add_extractions` does; returns its documents."""
        part = {
            t: str(Path(folder) / f"{t}.parquet") for t in (*PER_DOCUMENT, "actors", "processed")
        }
        with self.transaction() as con:
            ids = [
                r[0]
                for r in con.execute(
                    "SELECT doc_id FROM read_parquet(?) WHERE stage = 'extract'",
                    [part["processed"]],
                ).fetchall()
            ]
            for table in PER_DOCUMENT:
                con.execute(f"DELETE FROM {table} WHERE list_contains(?, doc_id)", [ids])
            con.execute(
                "DELETE FROM processed WHERE stage = 'extract' AND list_contains(?, doc_id)", [ids]
            )
            con.execute(
                "CREATE TEMP TABLE seen AS SELECT actor_id, name, kind, country, sector, seen_in,"
                " role_in, role FROM read_parquet(?)",
                [part["actors"]],
            )
            _merge_actors(con, "seen")
            con.execute(
                "INSERT INTO actors BY NAME SELECT * FROM seen"
                " WHERE actor_id NOT IN (SELECT actor_id FROM actors)"
            )
            con.execute("DROP TABLE seen")
            for table in (*PER_DOCUMENT, "processed"):
                con.execute(
                    f"INSERT INTO {table} BY NAME SELECT * FROM read_parquet(?)", [part[table]]
                )
        return len(ids)

    def watched_files(self) -> dict[str, tuple[int, int]]:
        """Files ``dyadwatch watch`` has read: path → (size, modification time in ns)."""
        rows = self.con.execute("SELECT path, size, mtime_ns FROM watched_files").fetchall()
        return {str(r[0]): (int(r[1]), int(r[2])) for r in rows}

    def mark_watched(self, files: Sequence[tuple[str, int, int]]) -> None:
        """Record files as read, with the size and time they had when reading began."""
        if not files:
            return
        with self.transaction() as con:
            self._insert(
                con,
                "INSERT OR REPLACE INTO watched_files (path, size, mtime_ns) VALUES (?, ?, ?)",
                list(files),
            )

    def read_files(self) -> dict[str, tuple[int, int, str]]:
        """Files ingest has read to the end: path → (size, modification time in ns, the
        reading settings)."""
        rows = self.con.execute("SELECT path, size, mtime_ns, settings FROM read_files")
        return {str(r[0]): (int(r[1]), int(r[2]), str(r[3])) for r in rows.fetchall()}

    def mark_read(self, files: Sequence[tuple[str, int, int, str]]) -> None:
        """Record files as read to the end: (path, size, mtime_ns, settings)."""
        if not files:
            return
        with self.transaction() as con:
            self._insert(
                con,
                "INSERT OR REPLACE INTO read_files (path, size, mtime_ns, settings)"
                " VALUES (?, ?, ?, ?)",
                list(files),
            )

    def add_alerts(self, alerts: Sequence[tuple[str, str, str | None, str, str]]) -> None:
        """Record alerts, (alert_id, kind, dyad, message, detail JSON); one row per id."""
        if not alerts:
            return
        with self.transaction() as con:
            self._insert(
                con,
                "INSERT OR IGNORE INTO alerts (alert_id, kind, dyad, message, detail)"
                " VALUES (?, ?, ?, ?, ?)",
                list(alerts),
            )

    def add_actor_results(self, results: Sequence[DocActors], version: str) -> None:
        """Replace the extract-stage output of each document with just its actors."""
        self.add_extractions([DocExtraction(r.doc_id, r) for r in results], version)

    def add_extractions(self, results: Sequence[DocExtraction], version: str) -> None:
        """Replace the extract-stage output of each document, in one transaction."""
        if not results:
            return
        ids = [r.doc_id for r in results]
        with self.transaction() as con:
            for table in PER_DOCUMENT:
                con.execute(f"DELETE FROM {table} WHERE list_contains(?, doc_id)", [ids])
            con.execute(
                "DELETE FROM processed WHERE stage = 'extract' AND list_contains(?, doc_id)", [ids]
            )
            self._write_actors(con, [r.actors for r in results])
            self._insert(
                con,
                "INSERT INTO events (event_id, doc_id, \"start\", \"end\", quote, source, target,"
                " plover, mode, cameo_root, quad_class, goldstein, date, date_precision,"
                " date_derived, trigger, source_sector, target_sector, source_actor,"
                " target_actor, date_basis, coded_by, place_id, place_name, place_kind,"
                " place_country, place_lat, place_lon, place_precision, place_basis,"
                " place_start, place_end)"
                f" VALUES ({', '.join(['?'] * 32)})",
                [
                    (
                        e.event_id, e.doc_id, e.start, e.end, e.quote, e.source, e.target,
                        e.plover, e.mode, e.cameo_root, e.quad_class, e.goldstein, e.date,
                        e.date_precision, e.date_derived, e.trigger, e.source_sector,
                        e.target_sector, e.source_actor, e.target_actor, e.date_basis,
                        e.coded_by, e.place_id, e.place_name, e.place_kind, e.place_country,
                        e.place_lat, e.place_lon, e.place_precision, e.place_basis,
                        e.place_start, e.place_end,
                    )
                    for r in results
                    for e in r.events
                ],
            )  # fmt: skip
            self._insert(
                con,
                "INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        p.doc_id, p.start, p.end, p.text, p.place_id, p.name, p.kind,
                        p.country, p.lat, p.lon, p.use, p.alternatives,
                    )
                    for r in results
                    for p in r.places
                ],
            )  # fmt: skip
            self._insert(
                con,
                "INSERT INTO statements VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (s.doc_id, s.start, s.end, s.quote, s.source, s.target, s.plover, s.modality)
                    for r in results
                    for s in r.statements
                ],
            )
            self._insert(
                con,
                "INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        c.claim_id, c.doc_id, c.start, c.end, c.quote, c.value, c.currency,
                        c.value_usd, c.measure, c.dyad, c.period, c.unit, c.bound, c.role,
                        c.one_sided, c.referent,
                    )
                    for r in results
                    for c in r.claims
                ],
            )  # fmt: skip
            self._insert(
                con,
                "INSERT INTO time_exprs VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (t.doc_id, t.start, t.end, t.text, t.value, t.precision, t.derived)
                    for r in results
                    for t in r.times
                ],
            )
            self._insert(
                con,
                "INSERT INTO doc_dates VALUES (?, ?, ?, ?)",
                [
                    (r.doc_id, r.date.date, r.date.precision, r.date.evidence)
                    for r in results
                    if r.date is not None
                ],
            )
            self._insert(
                con,
                "INSERT INTO sport_stories VALUES (?, ?)",
                [(r.doc_id, r.sport) for r in results if r.sport is not None],
            )
            self._insert(
                con,
                "INSERT INTO processed (doc_id, stage, version) VALUES (?, 'extract', ?)",
                [(i, version) for i in ids],
            )

    def _write_actors(self, con: duckdb.DuckDBPyConnection, results: Sequence[DocActors]) -> None:
        # An actor's record is what the mention in the first document (by id) says of it,
        # and its role the one the first document giving a role gives: the table does not
        # depend on the order in which documents were written.
        views: dict[str, tuple[str, Actor]] = {}
        roles: dict[str, tuple[str, str]] = {}
        for r in results:
            for a in r.actors:
                if a.actor_id not in views or r.doc_id < views[a.actor_id][0]:
                    views[a.actor_id] = (r.doc_id, a)
                if a.role and (a.actor_id not in roles or r.doc_id < roles[a.actor_id][0]):
                    roles[a.actor_id] = (r.doc_id, a.role)
        known = {
            str(row[0])
            for row in con.execute(
                "SELECT actor_id FROM actors WHERE list_contains(?, actor_id)", [list(views)]
            ).fetchall()
        }
        rows = [
            (a.actor_id, a.name, a.kind, a.country, a.sector, doc, *_role(roles, a.actor_id))
            for doc, a in views.values()
        ]
        self._insert(
            con,
            "INSERT INTO actors (actor_id, name, kind, country, sector, seen_in, role_in, role)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [r for r in rows if r[0] not in known],
        )
        earlier = [r for r in rows if r[0] in known]
        if earlier:
            con.execute(
                "CREATE TEMP TABLE seen (actor_id VARCHAR, name VARCHAR, kind VARCHAR,"
                " country VARCHAR, sector VARCHAR, seen_in VARCHAR, role_in VARCHAR, role VARCHAR)"
            )
            self._insert(con, "INSERT INTO seen VALUES (?, ?, ?, ?, ?, ?, ?, ?)", earlier)
            _merge_actors(con, "seen")
            con.execute("DROP TABLE seen")
        self._insert(
            con,
            'INSERT INTO mentions (doc_id, "start", "end", text, actor_id, how, sector)'
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (m.doc_id, m.start, m.end, m.text, m.actor_id, m.how, m.sector)
                for r in results
                for m in r.mentions
            ],
        )
        self._insert(
            con,
            'INSERT INTO sentences (doc_id, "start", "end", dyads) VALUES (?, ?, ?, ?)',
            [(s.doc_id, s.start, s.end, s.dyads) for r in results for s in r.sentences],
        )

    def corpus_fingerprint(self, settings: str) -> str:
        """A hash of the stored document ids and ``settings``: a corpus-wide stage is current
        when its stored fingerprint equals this."""
        ids = self.scalar("SELECT string_agg(doc_id, ',' ORDER BY doc_id) FROM documents")
        return hashlib.sha256(f"{settings}|{ids or ''}".encode()).hexdigest()[:16]

    def stage_fingerprint(self, stage: str) -> str | None:
        value = self.scalar("SELECT fingerprint FROM stage_state WHERE stage = ?", [stage])
        return str(value) if value is not None else None

    def replace_reuse(self, result: ReuseResult, fingerprint: str) -> None:
        """Replace the whole reuse picture (clusters, passages, lineage, groups, signals).

        Groups and signals, a row per document, are written as the difference from what the
        store holds: a run that adds documents changes few of them."""
        with self.transaction() as con:
            con.execute("INSERT OR REPLACE INTO stage_state VALUES ('reuse', ?)", [fingerprint])
            for table in ("clusters", "passages", "lineage"):
                con.execute(f"DELETE FROM {table}")
            self._insert(
                con,
                "INSERT INTO clusters VALUES (?, ?)",
                [(c.cluster_id, c.doc_id) for c in result.clusters],
            )
            self._insert(
                con,
                "INSERT INTO passages VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        p.doc_a,
                        p.start_a,
                        p.end_a,
                        p.doc_b,
                        p.start_b,
                        p.end_b,
                        p.kind,
                        p.similarity,
                        json.dumps([list(pair) for pair in p.substitutions]),
                    )
                    for p in result.passages
                ],
            )
            self._insert(
                con,
                "INSERT INTO lineage VALUES (?, ?, ?, ?)",
                [(e.derived_doc, e.source_doc, e.kind, e.reason) for e in result.lineage],
            )
            self._sync_by_doc(
                con,
                "lineage_groups",
                "doc_id, group_id",
                {g.doc_id: (g.doc_id, g.cluster_id) for g in result.groups},
                "INSERT INTO lineage_groups (doc_id, group_id) VALUES (?, ?)",
            )
            self._sync_by_doc(
                con,
                "reuse_signals",
                "doc_id, spin_score, mt_score, evidence",
                {
                    r.doc_id: (r.doc_id, r.spin_score, r.mt_score, r.evidence)
                    for r in result.signals
                },
                "INSERT INTO reuse_signals VALUES (?, ?, ?, ?)",
            )

    def _sync_by_doc(
        self,
        con: duckdb.DuckDBPyConnection,
        table: str,
        cols: str,
        want: dict[str, tuple[Any, ...]],
        insert: str,
    ) -> None:
        """Make ``table`` (one row per document, first column ``doc_id``) hold ``want``,
        deleting and inserting only the rows that differ."""
        rows = con.execute(f"SELECT {cols} FROM {table}").fetchall()
        have = {str(r[0]): _hashable(r) for r in rows}
        norm = {d: _hashable(r) for d, r in want.items()}
        stale = [d for d, r in have.items() if norm.get(d) != r]
        con.execute(f"DELETE FROM {table} WHERE list_contains(?, doc_id)", [stale])
        self._insert(con, insert, [want[d] for d in sorted(want) if have.get(d) != norm[d]])

    # -- what the reuse stage keeps between runs ------------------------------------------

    def keep_reuse_cache(self, settings: str) -> None:
        """Keep the reuse stage's per-document features and per-pair results if they were
        made with ``settings``, else drop them."""
        key = hashlib.sha256(settings.encode()).hexdigest()[:16]
        if self.stage_fingerprint("reuse_cache") == key:
            return
        with self.transaction() as con:
            con.execute("DELETE FROM reuse_features")
            con.execute("DELETE FROM reuse_pairs")
            con.execute("INSERT OR REPLACE INTO stage_state VALUES ('reuse_cache', ?)", [key])

    def document_ids(self) -> list[str]:
        """Every stored document id, sorted: an order that does not depend on the files the
        documents came from, nor on when they were added."""
        rows = self.con.execute("SELECT doc_id FROM documents ORDER BY doc_id")
        return [str(r[0]) for r in rows.fetchall()]

    def documents_by_id(self, doc_ids: Sequence[str]) -> list[Document]:
        """The stored documents of ``doc_ids``, in that order (unknown ids are left out)."""
        where, params = _among(doc_ids)
        found = self._documents("SELECT {cols} FROM documents" + where, params)
        by_id = {d.doc_id: d for d in found}
        return [by_id[i] for i in doc_ids if i in by_id]

    def reuse_feature_ids(self) -> set[str]:
        return {str(r[0]) for r in self.con.execute("SELECT doc_id FROM reuse_features").fetchall()}

    def add_reuse_features(self, rows: Sequence[tuple[bytes, bytes, ReuseSignal]]) -> None:
        """Keep each document's (signature, index keys, signal)."""
        with self.transaction() as con:
            self._insert(
                con,
                "INSERT OR REPLACE INTO reuse_features VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (g.doc_id, sig, keys, g.spin_score, g.mt_score, g.evidence)
                    for sig, keys, g in rows
                ],
            )

    def load_reuse_features(
        self, doc_ids: Sequence[str]
    ) -> tuple[list[tuple[bytes, bytes]], list[ReuseSignal]]:
        """The kept (signature, keys) rows and signals of ``doc_ids``, in that order; every
        one of them must have been kept."""
        rows = self.con.execute(
            "SELECT doc_id, signature, keys, spin_score, mt_score, evidence FROM reuse_features"
        ).fetchall()
        by_id = {str(r[0]): r for r in rows}
        missing = [i for i in doc_ids if i not in by_id]
        if missing:
            raise StoreError(f"reuse features missing for {len(missing)} documents")
        picked = [by_id[i] for i in doc_ids]
        return (
            [(bytes(r[1]), bytes(r[2])) for r in picked],
            [ReuseSignal(str(r[0]), float(r[3]), float(r[4]), list(r[5] or [])) for r in picked],
        )

    def add_pair_results(self, results: Sequence[PairResult]) -> None:
        with self.transaction() as con:
            self._insert(
                con,
                "INSERT OR REPLACE INTO reuse_pairs VALUES (?, ?, ?, ?, ?, ?, ?)",
                [_pair_row(r) for r in results],
            )

    def load_pair_results(self) -> dict[tuple[str, str], PairResult]:
        """Every kept pair result, by (doc_a, doc_b)."""
        out: dict[tuple[str, str], PairResult] = {}
        for a, b, derived, source, kind, reason, passages in self.con.execute(
            "SELECT * FROM reuse_pairs"
        ).fetchall():
            if derived is None:
                out[(a, b)] = PairResult(a, b)
                continue
            edge = LineageEdge(derived, source, kind, reason)
            found = [
                Passage(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], [(x, y) for x, y in p[8]])
                for p in json.loads(passages)
            ]
            out[(a, b)] = PairResult(a, b, edge, found)
        return out

    def fusion_basis(self, basis: str) -> tuple[dict[str, str], set[tuple[str, str]]] | None:
        """The lineage groups and edges the stored fusion was computed from, if it was
        computed with ``basis`` (settings and extract versions), else None."""
        if self.stage_fingerprint("fuse_basis") != basis:
            return None
        groups = dict(self.con.execute("SELECT doc_id, group_id FROM fuse_docs").fetchall())
        edges = self.con.execute("SELECT source_doc, derived_doc FROM fuse_edges").fetchall()
        return groups, {(str(a), str(b)) for a, b in edges}

    def replace_fusion(
        self,
        result: FusionResult,
        fingerprint: str,
        basis: str = "",
        groups: dict[str, str] | None = None,
        edges: Sequence[LineageEdge] = (),
    ) -> None:
        """Replace fused events, contradictions, the dyad index and irritants as a whole,
        recording what they were computed from (see :meth:`fusion_basis`)."""
        with self.transaction() as con:
            for table in ("fused_events", "contradictions", "dyad_index", "irritants"):
                con.execute(f"DELETE FROM {table}")
            con.execute("DELETE FROM fuse_docs")
            self._write_fusion(con, result, fingerprint, basis, groups or {}, edges)

    def update_fusion(
        self,
        result: FusionResult,
        scope: FusionScope,
        fingerprint: str,
        basis: str,
        groups: dict[str, str],
        edges: Sequence[LineageEdge],
    ) -> None:
        """Replace the rows of the parts ``scope`` names by ``result`` (a partial fusion,
        :func:`dyadwatch.fuse.fuse_changed`); rows of other parts stand."""
        con = self.con
        stale_fused = [
            str(r[0])
            for r in con.execute("SELECT fused_id, source, target FROM fused_events").fetchall()
            if tuple(sorted((r[1], r[2] or ""))) in scope.blocks
        ]
        claim_doc = dict(self.con.execute("SELECT claim_id, doc_id FROM claims").fetchall())
        stale_contradictions = []
        for cid, kind, dyad, ids in con.execute(
            "SELECT contradiction_id, kind, dyad, claim_ids FROM contradictions"
        ).fetchall():
            if kind == "different_date":
                stale = bool(set(ids) & scope.events)
            elif kind == "copy_distortion":
                stale = frozenset(claim_doc.get(i) for i in ids) not in scope.kept_edges
            else:
                stale = dyad in scope.dyads
            if stale:
                stale_contradictions.append(str(cid))
        with self.transaction() as con:
            con.execute("DELETE FROM fused_events WHERE list_contains(?, fused_id)", [stale_fused])
            con.execute(
                "DELETE FROM contradictions WHERE list_contains(?, contradiction_id)",
                [stale_contradictions],
            )
            con.execute(
                "DELETE FROM dyad_index WHERE list_contains(?, dyad)", [sorted(scope.index_dyads)]
            )
            con.execute("DELETE FROM irritants WHERE list_contains(?, dyad)", [sorted(scope.dyads)])
            before = dict(con.execute("SELECT doc_id, group_id FROM fuse_docs").fetchall())
            moved = [d for d, g in groups.items() if before.get(d) != g]
            con.execute("DELETE FROM fuse_docs WHERE list_contains(?, doc_id)", [moved])
            self._write_fusion(
                con, result, fingerprint, basis, {d: groups[d] for d in moved}, edges
            )

    def _write_fusion(
        self,
        con: duckdb.DuckDBPyConnection,
        result: FusionResult,
        fingerprint: str,
        basis: str,
        groups: dict[str, str],
        edges: Sequence[LineageEdge],
    ) -> None:
        con.execute("INSERT OR REPLACE INTO stage_state VALUES ('fuse', ?)", [fingerprint])
        con.execute("INSERT OR REPLACE INTO stage_state VALUES ('fuse_basis', ?)", [basis])
        self._insert(con, "INSERT INTO fuse_docs VALUES (?, ?)", sorted(groups.items()))
        con.execute("DELETE FROM fuse_edges")
        self._insert(
            con,
            "INSERT INTO fuse_edges VALUES (?, ?)",
            sorted({(e.source_doc, e.derived_doc) for e in edges}),
        )
        self._insert(
            con,
            "INSERT INTO fused_events (fused_id, date, date_precision, source, target, plover,"
            " cameo_root, quad_class, goldstein, num_mentions, num_articles, num_sources,"
            " event_ids, domain, summary, num_outlets, date_basis, place_id, place_name,"
            " place_kind, place_country, place_lat, place_lon, place_precision)"
            f" VALUES ({', '.join(['?'] * 24)})",
            [
                (
                    f.fused_id, f.date, f.date_precision, f.source, f.target, f.plover,
                    f.cameo_root, f.quad_class, f.goldstein, f.num_mentions, f.num_articles,
                    f.num_sources, f.event_ids, f.domain, f.summary, f.num_outlets,
                    f.date_basis, f.place_id, f.place_name, f.place_kind, f.place_country,
                    f.place_lat, f.place_lon, f.place_precision,
                )
                for f in result.fused
            ],
        )  # fmt: skip
        self._insert(
            con,
            "INSERT INTO contradictions VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (c.contradiction_id, c.measure, c.dyad, c.period, c.claim_ids, c.kind, c.note)
                for c in result.contradictions
            ],
        )
        self._insert(
            con,
            "INSERT INTO dyad_index VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    r.dyad, r.period, r.coop_index, r.events, r.sources,
                    json.dumps(r.by_domain), json.dumps(r.by_plover),
                )
                for r in result.index
            ],
        )  # fmt: skip
        self._insert(
            con,
            "INSERT INTO irritants VALUES (?, ?, ?, ?)",
            [
                (i.dyad, i.party_or_issue, i.kind, json.dumps([list(e) for e in i.evidence]))
                for i in result.irritants
            ],
        )

    # -- loading records back, for the corpus-wide stages --------------------------------

    def _records(self, record: Callable[..., T], sql: str, params: Sequence[Any] = ()) -> list[T]:
        """Rows of ``sql`` as records; the columns are in the record's field order."""
        return [record(*row) for row in self.con.execute(sql, list(params)).fetchall()]

    def load_events(self) -> list[Event]:
        return self._records(
            Event,
            'SELECT event_id, doc_id, "start", "end", quote, source, target, plover, cameo_root,'
            " quad_class, goldstein, mode, date, date_precision, date_derived, trigger,"
            " source_sector, target_sector, source_actor, target_actor, date_basis,"
            " coalesce(coded_by, 'rules'), place_id, place_name, place_kind, place_country,"
            " place_lat, place_lon, place_precision, place_basis, place_start, place_end"
            ' FROM events ORDER BY doc_id, "start", event_id',
        )

    def load_claims(
        self, docs: Iterable[str] | None = None, dyads: Iterable[str] = ()
    ) -> list[Claim]:
        """Every claim, or those of ``docs`` and those about ``dyads``."""
        where, params = _among(docs)
        if docs is not None:
            where += " OR dyad IN (SELECT unnest(?::VARCHAR[]))"
            params.append(sorted(dyads))
        return self._records(
            Claim,
            'SELECT claim_id, doc_id, "start", "end", quote, value, currency, value_usd, measure,'
            " dyad, period, unit, bound, coalesce(role, 'level'), coalesce(one_sided, false),"
            " referent"
            f' FROM claims{where} ORDER BY doc_id, "start", claim_id',
            params,
        )

    def load_sentences(self, docs: Iterable[str] | None = None) -> list[Sentence]:
        """Every sentence with its dyads, or those of ``docs``."""
        where, params = _among(docs)
        return self._records(
            Sentence,
            f'SELECT doc_id, "start", "end", dyads FROM sentences{where} ORDER BY doc_id, "start"',
            params,
        )

    def load_mentions(self, docs: Iterable[str] | None = None) -> list[Mention]:
        """Every actor mention, or those of ``docs``."""
        where, params = _among(docs)
        return self._records(
            Mention,
            f'SELECT doc_id, "start", "end", text, actor_id, how, sector FROM mentions{where}'
            ' ORDER BY doc_id, "start"',
            params,
        )

    def docs_naming(self, dyads: Iterable[str]) -> set[str]:
        """The documents with a sentence about one of ``dyads``."""
        rows = self.con.execute(
            "SELECT DISTINCT doc_id FROM sentences WHERE list_has_any(dyads, ?::VARCHAR[])",
            [sorted(dyads)],
        ).fetchall()
        return {str(r[0]) for r in rows}

    def load_actors(self) -> dict[str, Actor]:
        rows = self.con.execute(
            "SELECT actor_id, name, kind, country, role, sector FROM actors"
        ).fetchall()
        return {r[0]: Actor(*r) for r in rows}

    def lineage_group_map(self) -> dict[str, str]:
        """doc_id → lineage group id (documents with no group are their own)."""
        rows = self.con.execute("SELECT doc_id, group_id FROM lineage_groups").fetchall()
        return {r[0]: r[1] for r in rows}

    def load_lineage(self) -> list[LineageEdge]:
        """Every lineage edge: which document derives from which, how and why."""
        return self._records(
            LineageEdge,
            "SELECT derived_doc, source_doc, kind, reason FROM lineage"
            " ORDER BY derived_doc, source_doc",
        )

    def outlet_map(self) -> dict[str, str]:
        """doc_id → the outlet that published it: its site, else its URL's host (without
        "www."), lower-cased; documents with neither are left out."""
        rows = self.con.execute(
            "SELECT doc_id, lower(trim(coalesce(nullif(trim(site), ''),"
            " regexp_replace(regexp_extract(url, '^[a-zA-Z]+://([^/:?#]+)', 1), '^www\\.', ''))))"
            " FROM documents"
        ).fetchall()
        return {str(r[0]): str(r[1]) for r in rows if r[1]}

    def source_dates(self) -> dict[str, str]:
        """doc_id → the date the source gives (metadata), for documents that have one."""
        rows = self.con.execute("SELECT doc_id, date FROM documents WHERE date IS NOT NULL")
        return {str(r[0]): str(r[1]) for r in rows.fetchall()}

    def extract_fingerprint(self) -> str:
        """Which extract-stage versions the stored documents were processed with."""
        rows = self.con.execute(
            "SELECT string_agg(DISTINCT version, ',' ORDER BY version) FROM processed"
            " WHERE stage = 'extract'"
        ).fetchone()
        return str(rows[0]) if rows and rows[0] else ""

    def document_texts(self, doc_ids: list[str] | None = None) -> dict[str, str]:
        """The cleaned text of each document (all of them, or those of ``doc_ids``)."""
        where, params = _among(doc_ids)
        rows = self.con.execute(f"SELECT doc_id, text FROM documents{where}", params)
        return {str(r[0]): str(r[1]) for r in rows.fetchall()}

    def all_documents(self) -> list[Document]:
        """Every stored document (the reuse stage compares them all)."""
        return self._documents("SELECT {cols} FROM documents ORDER BY path, doc_id", [])

    def start_run(self, command: str, config: str) -> str:
        run_id = uuid.uuid4().hex[:12]
        self.con.execute(
            "INSERT INTO runs (run_id, command, started_at, config) VALUES (?, ?, ?, ?)",
            [run_id, command, datetime.now(UTC).replace(tzinfo=None), config],
        )
        return run_id

    def stage_done(self, run_id: str, stage: str) -> None:
        """Record that ``stage`` of the run finished (its writes are committed)."""
        self.con.execute(
            "INSERT INTO run_stages (run_id, stage, finished_at) VALUES (?, ?, ?)",
            [run_id, stage, datetime.now(UTC).replace(tzinfo=None)],
        )

    def finish_run(self, run_id: str, counters: dict[str, Any]) -> None:
        self.con.execute(
            "UPDATE runs SET finished_at = ?, counters = ? WHERE run_id = ?",
            [datetime.now(UTC).replace(tzinfo=None), json.dumps(counters), run_id],
        )

    # -- reads ----------------------------------------------------------------------------

    def documents_needing(self, stage: str, version: str) -> list[Document]:
        """Documents the stage has not yet processed with this version of its settings."""
        return self._documents(
            "SELECT {cols} FROM documents d WHERE NOT EXISTS (SELECT 1 FROM processed p"
            " WHERE p.doc_id = d.doc_id AND p.stage = ? AND p.version = ?) ORDER BY path, doc_id",
            [stage, version],
        )

    def _documents(self, sql: str, params: list[Any]) -> list[Document]:
        cols = (
            "doc_id, source_id, path, text, title, date, site, url, fmt, lang, lang_conf, dateline"
        )
        rows = self.con.execute(sql.format(cols=cols), params).fetchall()
        return [
            Document(
                doc_id=r[0],
                source_id=r[1],
                path=r[2],
                text=r[3],
                title=r[4],
                date=r[5],
                site=r[6],
                url=r[7],
                fmt=r[8],
                lang=r[9] or "en",
                lang_conf=float(r[10] or 0.0),
                dateline=r[11],
            )
            for r in rows
        ]

    def query(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        """Rows of a read query as dicts (column name → value)."""
        cur = self.con.execute(sql, list(params))
        names = [d[0] for d in cur.description or []]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def scalar(self, sql: str, params: Iterable[Any] = ()) -> Any:
        row = self.con.execute(sql, list(params)).fetchone()
        return row[0] if row else None

    def export(self, table: str, fmt: str, out: str | None) -> None:
        """Write a table as JSONL, CSV or Parquet to ``out``, or to stdout when ``out`` is None."""
        if table not in EXPORTABLE:
            raise UnknownTable(f"no table {table!r}; choose one of: {', '.join(EXPORTABLE)}")
        if fmt not in EXPORT_FORMATS:
            raise UnknownTable(f"no format {fmt!r}; choose one of: {', '.join(EXPORT_FORMATS)}")
        options = {"jsonl": "FORMAT json", "csv": "FORMAT csv, HEADER", "parquet": "FORMAT parquet"}
        if out is not None:
            self._copy(table, out, options[fmt])
            return
        with tempfile.TemporaryDirectory() as tmp:
            target = str(Path(tmp) / f"{table}.{fmt}")
            self._copy(table, target, options[fmt])
            with open(target, "rb") as fh:
                stream: IO[bytes] = sys.stdout.buffer
                shutil.copyfileobj(fh, stream)
                stream.flush()

    def _copy(self, table: str, target: str, options: str) -> None:
        order = {
            "documents": "path, doc_id",
            "rejects": "path, line",
            "removed_lines": "doc_id, seq",
            "actors": "actor_id",
            "mentions": 'doc_id, "start"',
            "sentences": 'doc_id, "start"',
            "events": 'doc_id, "start", event_id',
            "statements": 'doc_id, "start"',
            "claims": 'doc_id, "start", claim_id',
            "time_exprs": 'doc_id, "start"',
            "doc_dates": "doc_id",
            "places": 'doc_id, "start", place_id',
            "clusters": "cluster_id, doc_id",
            "passages": "doc_a, start_a, doc_b, start_b",
            "lineage": "derived_doc, source_doc",
            "lineage_groups": "group_id, doc_id",
            "reuse_signals": "doc_id",
            "fused_events": "date, fused_id",
            "contradictions": "measure, contradiction_id",
            "dyad_index": "dyad, period",
            "irritants": "dyad, party_or_issue",
            "alerts": "raised_at, alert_id",
            "events_gdelt": "SQLDATE, GLOBALEVENTID",
            "runs": "started_at",
        }[table]
        escaped = target.replace("'", "''")
        self.con.execute(
            f"COPY (SELECT * FROM {table} ORDER BY {order}) TO '{escaped}' ({options})"
        )


def _fill_country_codes(con: duckdb.DuckDBPyConnection) -> None:
    """States' FIPS codes and names for the GDELT view, from the package's world outline."""
    row = con.execute("SELECT count(*) FROM country_codes").fetchone()
    if row is not None and row[0]:
        return
    world = json.loads(resources.files("dyadwatch.ontology").joinpath("world.json").read_text())
    rows = [(iso3, fips, name) for iso3, (fips, name) in world["codes"].items()]
    con.executemany("INSERT OR IGNORE INTO country_codes VALUES (?, ?, ?)", rows)


def _role(roles: dict[str, tuple[str, str]], actor_id: str) -> tuple[str | None, str | None]:
    """(the document that gave the role, the role), or (None, None)."""
    found = roles.get(actor_id)
    return found if found is not None else (None, None)


def _merge_actors(con: duckdb.DuckDBPyConnection, table: str) -> None:
    """Take from ``table`` (the columns of ``actors``) each record seen in an earlier
    document than the stored one, and each role given by an earlier document."""
    con.execute(
        f"UPDATE actors SET name = t.name, kind = t.kind, country = t.country,"
        f" sector = t.sector, seen_in = t.seen_in FROM {table} t"
        " WHERE actors.actor_id = t.actor_id AND actors.seen_in IS NOT NULL"
        " AND t.seen_in < actors.seen_in"
    )
    con.execute(
        f"UPDATE actors SET role = t.role, role_in = t.role_in FROM {table} t"
        " WHERE actors.actor_id = t.actor_id AND t.role IS NOT NULL AND (actors.role IS NULL"
        " OR (actors.role_in IS NOT NULL AND t.role_in < actors.role_in))"
    )


def _among(docs: Iterable[str] | None) -> tuple[str, list[Any]]:
    """A WHERE clause keeping the rows of ``docs`` (none: every row), and its parameters."""
    if docs is None:
        return "", []
    return " WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [sorted(docs)]


def _hashable(row: Sequence[Any]) -> tuple[Any, ...]:
    return tuple(tuple(v) if isinstance(v, list) else v for v in row)


def _pair_row(r: PairResult) -> tuple[Any, ...]:
    if r.edge is None:
        return (r.doc_a, r.doc_b, None, None, None, None, None)
    passages = [
        [p.doc_a, p.start_a, p.end_a, p.doc_b, p.start_b, p.end_b, p.kind, p.similarity,
         [list(x) for x in p.substitutions]]
        for p in r.passages
    ]  # fmt: skip
    e = r.edge
    return (r.doc_a, r.doc_b, e.derived_doc, e.source_doc, e.kind, e.reason, json.dumps(passages))


def _document_row(d: Document) -> tuple[Any, ...]:
    head = (d.doc_id, d.source_id, d.path, d.title, d.date, d.site, d.url, d.fmt)
    return (*head, d.text, d.lang, d.lang_conf, d.dateline)


#: Crash tests only: the process kills itself (SIGKILL) just before this write's commit,
#: counting the writes of the process from 1 (``tests/test_crash.py``).
_KILL_AT_WRITE = int(os.environ.get("DYADWATCH_KILL_AT_WRITE", "0") or 0)
_writes = 0


def _fault_point() -> None:
    global _writes
    _writes += 1
    if _writes == _KILL_AT_WRITE:
        os.kill(os.getpid(), signal.SIGKILL)


#: DuckDB's buffer pool for a store, unless ``DYADWATCH_MEMORY_LIMIT`` says otherwise
#: ("2GB", "50%"). DuckDB's own default, 80 % of the machine's memory, lets a long ingest
#: keep every block it wrote: 1 GB of articles grew the writer past 1.5 GB. Queries that
#: need more spill to a temporary folder beside the store.
MEMORY_LIMIT = "512MB"


def _connect(path: str, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    """Connect, retrying while another process holds the file's lock (up to ``wait`` s)."""
    deadline = time.monotonic() + wait
    limit = os.environ.get("DYADWATCH_MEMORY_LIMIT") or MEMORY_LIMIT
    while True:
        try:
            return duckdb.connect(path, read_only=read_only, config={"memory_limit": limit})
        except duckdb.Error as exc:
            if "lock" not in str(exc).lower() or time.monotonic() >= deadline:
                raise StoreError(f"cannot open database {path}: {exc}") from exc
        time.sleep(0.2)
