"""The DuckDB store: idempotent writes, spans that quote exactly, exports that round-trip."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyadwatch.errors import StoreError, UnknownTable
from dyadwatch.model import Actor, DocActors, Document, Mention, Reject, RemovedLine, Sentence
from dyadwatch.store import Store


def _doc(doc_id: str = "d1", text: str = "Moscow welcomed the envoy from Islamabad.") -> Document:
    return Document(
        doc_id=doc_id,
        source_id=f"src-{doc_id}",
        path=f"/tmp/{doc_id}.txt",
        text=text,
        title="A title",
        removed=[RemovedLine(doc_id, "Leave a Reply", "comment-section marker")],
    )


def _actors(doc: Document) -> DocActors:
    return DocActors(
        doc_id=doc.doc_id,
        actors=[
            Actor("RUS", "Russia", "country", "RUS"),
            Actor("PAK", "Pakistan", "country", "PAK"),
        ],
        mentions=[
            Mention(doc.doc_id, 0, 6, "Moscow", "RUS", "capital"),
            Mention(doc.doc_id, 31, 40, "Islamabad", "PAK", "capital"),
        ],
        sentences=[Sentence(doc.doc_id, 0, len(doc.text), ["PAK-RUS"])],
    )


def test_same_document_is_stored_once(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        assert store.add_documents([_doc(), _doc()]) == 1
        assert store.add_documents([_doc()]) == 0
        assert store.scalar("SELECT count(*) FROM documents") == 1
        assert store.scalar("SELECT count(*) FROM removed_lines") == 1


def test_rejects_of_a_file_are_replaced_on_reread(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        store.add_rejects([Reject("a.jsonl", "malformed JSON", line=3)])
        store.forget_rejects("a.jsonl")
        store.add_rejects([Reject("a.jsonl", "malformed JSON", line=3)])
        rows = store.query("SELECT path, line, reason, stage FROM rejects")
    assert rows == [{"path": "a.jsonl", "line": 3, "reason": "malformed JSON", "stage": "ingest"}]


def test_actor_results_replace_earlier_ones(tmp_path: Path) -> None:
    doc = _doc()
    with Store(tmp_path / "s.duckdb") as store:
        store.add_documents([doc])
        store.add_actor_results([_actors(doc)], "v1")
        store.add_actor_results([_actors(doc)], "v1")
        assert store.scalar("SELECT count(*) FROM mentions") == 2
        assert store.scalar("SELECT count(*) FROM actors") == 2
        assert store.documents_needing("extract", "v1") == []
        assert [d.doc_id for d in store.documents_needing("extract", "v2")] == ["d1"]


def test_a_role_learnt_later_fills_a_missing_one(tmp_path: Path) -> None:
    doc = _doc()
    first = DocActors(doc.doc_id, actors=[Actor("PER:x_y", "X Y", "person", "RUS")])
    later = DocActors(doc.doc_id, actors=[Actor("PER:x_y", "X Y", "person", "RUS", "Envoy")])
    with Store(tmp_path / "s.duckdb") as store:
        store.add_documents([doc])
        store.add_actor_results([first], "v1")
        store.add_actor_results([later], "v1")
        assert store.scalar("SELECT role FROM actors WHERE actor_id = 'PER:x_y'") == "Envoy"


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_writes_every_row(tmp_path: Path, fmt: str) -> None:
    doc = _doc()
    out = tmp_path / f"mentions.{fmt}"
    with Store(tmp_path / "s.duckdb") as store:
        store.add_documents([doc])
        store.add_actor_results([_actors(doc)], "v1")
        store.export("mentions", fmt, str(out))
    reader = {"jsonl": "read_json_auto", "csv": "read_csv_auto", "parquet": "read_parquet"}[fmt]
    rows = duckdb.sql(f"SELECT text FROM {reader}('{out}') ORDER BY text").fetchall()
    assert rows == [("Islamabad",), ("Moscow",)]


def test_export_refuses_unknown_table(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store, pytest.raises(UnknownTable, match="DW102"):
        store.export("secrets", "jsonl", None)


def test_read_only_store_must_exist(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="dyadwatch analyze"):
        Store(tmp_path / "missing.duckdb", read_only=True)


text_st = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=80,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=text_st, data=st.data())
def test_sql_spans_quote_what_python_slices(
    tmp_path_factory: pytest.TempPathFactory, text: str, data: st.DataObject
) -> None:
    """Offsets are code points on both sides: SQL substr and Python slicing agree."""
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    db = tmp_path_factory.mktemp("p") / "s.duckdb"
    doc = _doc("dx", text)
    with Store(db) as store:
        store.add_documents([doc])
        got = store.scalar(
            "SELECT substr(text, ? + 1, ? - ?) FROM documents WHERE doc_id = 'dx'",
            [start, end, start],
        )
        exported = tmp_path_factory.mktemp("e") / "docs.jsonl"
        store.export("documents", "jsonl", str(exported))
    assert got == text[start:end]
    row = json.loads(exported.read_text(encoding="utf-8").split("\n")[0])
    assert row["text"] == text


def test_gdelt_export_carries_codes_counts_and_evidence(tmp_path: Path) -> None:
    from dyadwatch.model import DocExtraction, Event, FusedEvent, FusionResult

    text = "Russia lifted the arms embargo on Pakistan in 2014."
    with Store(tmp_path / "g.duckdb") as store:
        store.add_documents([Document("d1", "u1", "p", text, url="https://example.org/a")])
        event = Event("e1", "d1", 0, len(text), text, "RUS", "PAK", "CONCEDE", "07", 2, 3.0)
        event.date, event.date_precision = "2014", "year"
        store.add_extractions([DocExtraction("d1", DocActors("d1"), events=[event])], "v")
        fused = FusedEvent("f1", "2014", "year", "RUS", "PAK", "CONCEDE", "07", 3.0, 3, 2, 1)
        fused.event_ids = ["e1"]
        store.replace_fusion(FusionResult(fused=[fused]), "fp")
        (row,) = store.query("SELECT * FROM events_gdelt")
    assert row["SQLDATE"] == 20140000
    assert (row["Actor1CountryCode"], row["Actor2CountryCode"]) == ("RUS", "PAK")
    assert (row["EventCode"], row["EventRootCode"], row["QuadClass"]) == ("070", "07", 2)
    assert (row["NumMentions"], row["NumArticles"], row["NumSources"]) == (3, 2, 1)
    assert row["SOURCEURL"] == "https://example.org/a"
    assert text[row["SpanStart"] : row["SpanEnd"]] == row["Quote"]


def test_records_survive_a_round_trip(tmp_path: Path) -> None:
    from dyadwatch.model import Claim, DocExtraction, Event

    doc = _doc()
    actors = _actors(doc)
    event = Event("e1", "d1", 0, 6, "Moscow", "RUS", "PAK", "AID", "07", 2, 7.0, "humanitarian")
    event.date, event.date_precision, event.date_derived, event.trigger = (
        "2005",
        "year",
        True,
        "aid",
    )
    claim = Claim("c1", "d1", 0, 10, "Moscow wel", 2.7e8, "USD", 2.7e8, "trade_volume", "PAK-RUS")
    claim.period, claim.unit = "2018", "currency"
    with Store(tmp_path / "t.duckdb") as store:
        store.add_documents([doc])
        store.add_extractions([DocExtraction("d1", actors, events=[event], claims=[claim])], "v1")
        assert store.load_events() == [event]
        assert store.load_claims() == [claim]
        assert store.load_sentences() == actors.sentences
        assert store.load_mentions() == actors.mentions
        assert set(store.load_actors()) == {"RUS", "PAK"}


def test_outlets_are_sites_else_url_hosts(tmp_path: Path) -> None:
    docs = [
        Document("d1", "u1", "p", "One story text.", site=" Reuters "),
        Document("d2", "u2", "p", "Two story text.", url="https://www.VOAnews.com/a/x.html"),
        Document("d3", "u3", "p", "Three story text."),
        Document("d4", "u4", "p", "Four story text.", site="", url="http://bbc.co.uk:80/n?q=1"),
    ]
    with Store(tmp_path / "o.duckdb") as store:
        store.add_documents(docs)
        assert store.outlet_map() == {"d1": "reuters", "d2": "voanews.com", "d4": "bbc.co.uk"}


def test_batches_larger_than_one_statement_keep_every_row(tmp_path: Path) -> None:
    from dyadwatch.store.db import INSERT_CHUNK

    n = 2 * INSERT_CHUNK + 7
    docs = [_doc(f"d{i}", f"Text number {i}.") for i in range(n)]
    sentences = [
        Sentence(f"d{i}", 0, 5, [] if i % 3 == 0 else ["PAK-RUS"] * (i % 4)) for i in range(n)
    ]
    with Store(tmp_path / "s.duckdb") as store:
        assert store.add_documents(docs) == n
        with store.transaction() as con:
            store._insert(
                con,
                'INSERT INTO sentences (doc_id, "start", "end", dyads) VALUES (?, ?, ?, ?)',
                [(s.doc_id, s.start, s.end, s.dyads) for s in sentences],
            )
        stored = {
            r[0]: r[1] for r in store.con.execute("SELECT doc_id, dyads FROM sentences").fetchall()
        }
        assert stored == {s.doc_id: s.dyads for s in sentences}
        assert store.scalar("SELECT count(*) FROM documents WHERE title IS NULL") == 0
        with pytest.raises(ValueError, match="one-row INSERT"), store.transaction() as con:
            store._insert(con, "UPDATE documents SET title = ?", [("x",)])


def test_the_buffer_pool_is_capped_and_the_cap_can_be_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DuckDB would take 80 % of the machine; a store takes MEMORY_LIMIT unless told."""
    from dyadwatch.store import db

    def limit() -> int:
        with Store(tmp_path / "s.duckdb") as store:
            row = store.con.execute(
                "SELECT value FROM duckdb_settings() WHERE name = 'memory_limit'"
            ).fetchone()
        assert row is not None
        number, unit = str(row[0]).split()
        return int(float(number) * {"MiB": 2**20, "GiB": 2**30}[unit])

    monkeypatch.delenv("DYADWATCH_MEMORY_LIMIT", raising=False)
    assert db.MEMORY_LIMIT == "512MB"
    assert limit() == pytest.approx(512e6, rel=0.05)  # DuckDB: MB = 10^6 bytes
    monkeypatch.setenv("DYADWATCH_MEMORY_LIMIT", "2GB")
    assert limit() == pytest.approx(2e9, rel=0.05)
    monkeypatch.setenv("DYADWATCH_MEMORY_LIMIT", "lots")
    with pytest.raises(StoreError, match="cannot open database"):
        limit()
