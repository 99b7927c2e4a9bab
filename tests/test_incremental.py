"""Adding documents to a store: only the new ones are signed and aligned, only the parts of
the fusion they touch are fused again, and the store ends as a run from scratch leaves it."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from dyadwatch.config import Config
from dyadwatch.model import Document
from dyadwatch.reuse import ReuseConfig, find_reuse
from dyadwatch.run import local
from dyadwatch.store import Store
from tests.conftest import EXAMPLES, SHARED, store_tables

FIRST = ("000_cef093714c63ba06.txt", "002_e20a0d2c1c6fee84.txt", "004_33dea80379439f3f.txt")
LATER = ("001_aabf316c85caf020.txt", "003_20fa93a2c1358c8a.txt")


def _analyze(folder: Path, db: Path) -> local.RunStats:
    with Store(db) as store:
        return local.analyze([str(folder)], store, Config())


def _same_stores(a: Path, b: Path) -> None:
    ours, theirs = store_tables(a), store_tables(b)
    for table in theirs:
        assert ours[table] == theirs[table], f"{table} differs"


def test_adding_documents_leaves_the_store_a_run_from_scratch_leaves(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in FIRST:
        shutil.copy(EXAMPLES / name, folder / name)
    first = _analyze(folder, tmp_path / "grown.duckdb")
    assert first.reuse_signed == 3
    for name in LATER:  # 001 reuses passages of 000: it joins that lineage group
        shutil.copy(EXAMPLES / name, folder / name)
    grown = _analyze(folder, tmp_path / "grown.duckdb")
    scratch = _analyze(folder, tmp_path / "scratch.duckdb")

    assert grown.reuse_signed == 2 and scratch.reuse_signed == 5
    assert grown.reuse_aligned >= 1  # 001 with 000
    assert first.reuse_aligned + grown.reuse_aligned == scratch.reuse_aligned  # each pair once
    tables = store_tables(tmp_path / "scratch.duckdb")
    assert tables["lineage"] and tables["fused_events"] and tables["contradictions"]
    assert tables["dyad_index"] and tables["irritants"]
    _same_stores(tmp_path / "grown.duckdb", tmp_path / "scratch.duckdb")


def test_the_stored_reuse_picture_is_the_in_memory_one(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        local.analyze([str(EXAMPLES)], store, Config())
        docs = sorted(store.all_documents(), key=lambda d: d.doc_id)
        kept = {(r["derived_doc"], r["source_doc"], r["kind"], r["reason"])
                for r in store.query("SELECT * FROM lineage")}  # fmt: skip
        passages = store.scalar("SELECT count(*) FROM passages")
    result = find_reuse(docs, ReuseConfig())
    assert result.lineage and kept == {
        (e.derived_doc, e.source_doc, e.kind, e.reason) for e in result.lineage
    }
    assert passages == len(result.passages)


def test_other_reuse_settings_drop_what_the_store_kept(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        local.analyze([str(EXAMPLES)], store, Config())
        assert store.scalar("SELECT count(*) FROM reuse_features") == 5
        stats = local.RunStats()
        local.find_reuse(store, stats, ReuseConfig(min_shared=4))
        assert stats.reuse_signed == 5  # signed again: the kept features were for other settings
        again = local.RunStats()
        local.find_reuse(store, again, ReuseConfig(min_shared=5))
        assert again.reuse_signed == 5 and store.scalar("SELECT count(*) FROM reuse_pairs") >= 1


def _wire_stories(n: int) -> list[dict[str, str]]:
    path = SHARED / "corpus" / "news" / "reuters21578" / "articles.jsonl.gz"
    if not path.exists():
        pytest.skip(f"{path} is absent")
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if len(row.get("text") or "") > 400:
                out.append({"id": row["id"], "text": row["text"], "date": row.get("date") or ""})
            if len(out) == n:
                break
    return out


@pytest.mark.slow
def test_wire_stories_added_in_three_runs_match_one_run(tmp_path: Path) -> None:
    """600 Reuters stories and 60 reprints of them (a new first line, the last paragraph cut),
    added in three runs, against one run over all of them."""
    stories = _wire_stories(600)
    head = "Reprinted from the wire.\n\n"
    reprints = [
        {"id": f"reprint-{k}", "text": head + s["text"].rsplit("\n\n", 1)[0]}
        for k, s in enumerate(stories[::10])
    ]
    rows = stories + reprints
    folder = tmp_path / "corpus"
    folder.mkdir()
    parts = [rows[:400], rows[400:600] + reprints[:30], reprints[30:]]
    runs = []
    for k, part in enumerate(parts):
        with open(folder / f"part{k}.jsonl", "w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(r) + "\n" for r in part)
        runs.append(_analyze(folder, tmp_path / "grown.duckdb"))
    scratch = _analyze(folder, tmp_path / "scratch.duckdb")
    assert scratch.reuse_links >= 30
    assert all(r.reuse_signed == r.ingested > 0 for r in runs)
    assert runs[-1].reuse_aligned < scratch.reuse_aligned / 2
    _same_stores(tmp_path / "grown.duckdb", tmp_path / "scratch.duckdb")


def test_documents_by_id_keeps_the_order_asked(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        docs = [Document(f"d{k}", f"s{k}", "p", f"text number {k} " * 10) for k in range(3)]
        store.add_documents(docs)
        got = store.documents_by_id(["d2", "nope", "d0"])
        assert [d.doc_id for d in got] == ["d2", "d0"]
        assert store.document_ids() == ["d0", "d1", "d2"]


@pytest.mark.skipif(not Path("/proc/self/clear_refs").exists(), reason="Linux only")
def test_a_run_records_each_stages_peak_memory(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        local.analyze([str(EXAMPLES)], store, Config())
        counters = json.loads(store.scalar("SELECT counters FROM runs"))
    peaks = counters["peak_mb"]
    assert set(peaks) == {"ingest+clean", "reuse", "extract", "fuse"}
    assert all(20 < mb < 4000 for mb in peaks.values())


def test_pairs_aligned_by_worker_processes_are_the_pairs_aligned_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in sorted(EXAMPLES.glob("*.txt")):  # each article and a copy cut short: more pairs
        text = path.read_text(encoding="utf-8")
        (folder / path.name).write_text(text, encoding="utf-8")
        (folder / f"cut_{path.name}").write_text(text[: len(text) * 3 // 4], encoding="utf-8")
    tables = {}
    for n in (1, 2):
        db = tmp_path / f"{n}.duckdb"
        with Store(db) as store:
            local.ingest_only([str(folder)], store, Config())
            monkeypatch.setattr(local, "ALIGN_PARALLEL_AFTER", 0 if n > 1 else 10**9)
            monkeypatch.setattr(local, "ALIGN_CHUNK", 1)  # every pair in a chunk of its own
            stats = local.RunStats()
            local.find_reuse(store, stats, n_process=n)
            assert stats.reuse_aligned >= 6 and stats.reuse_links >= 6
            tables[n] = {
                t: sorted(map(str, store.query(f"SELECT * FROM {t}")))
                for t in ("reuse_pairs", "lineage", "passages", "lineage_groups", "clusters")
            }
    assert tables[1] == tables[2]
