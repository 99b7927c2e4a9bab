"""End to end on the demo corpus: files in, a store and a dossier out (issue 3)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dyadwatch.cli import app
from dyadwatch.store import Store
from tests.conftest import EXAMPLES

FURNITURE = re.compile(
    r"^(Leave a (Reply|Comment)|Comments are closed\.|Subscribe to Newsletter|Login|Lost Password"
    r"|Image Credit:.*|Ref: https?://.*|Your email address will not be published.*"
    r"|Remember me Lost your password\?|You may also like.*|Welcome! Login in to your account)$"
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The demo corpus plus three bad files, analysed once for the whole module."""
    root = tmp_path_factory.mktemp("e2e")
    corpus = root / "corpus"
    shutil.copytree(EXAMPLES, corpus, ignore=shutil.ignore_patterns("README.md"))
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "junk.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (corpus / "dump.jsonl").write_text(
        json.dumps(
            {
                "id": "x1",
                "title": "Finland aid",
                "text": "Finland will give Tanzania a "
                "grant of 5 million euros for schools, the Finnish foreign ministry said.",
            }
        )
        + "\n{not json\n",
        encoding="utf-8",
    )
    db = root / "demo.duckdb"
    result = CliRunner().invoke(app, ["analyze", str(corpus), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return corpus, db


def test_every_file_is_stored_or_rejected_with_a_reason(demo: tuple[Path, Path]) -> None:
    _, db = demo
    with Store(db, read_only=True) as store:
        assert store.scalar("SELECT count(*) FROM documents") == 6
        rejects = store.query("SELECT path, line, reason FROM rejects ORDER BY path")
    by_file = {Path(r["path"]).name: r for r in rejects}
    assert set(by_file) == {"dump.jsonl", "empty.txt", "junk.txt"}
    assert by_file["dump.jsonl"]["line"] == 2
    assert all(r["reason"] for r in rejects)


def test_boilerplate_is_removed_and_the_body_kept(demo: tuple[Path, Path]) -> None:
    _, db = demo
    with Store(db, read_only=True) as store:
        docs = store.query("SELECT path, text FROM documents WHERE path LIKE '%.txt'")
        removed = [r["text"] for r in store.query("SELECT text FROM removed_lines")]
    assert any(FURNITURE.match(line.strip()) for line in removed)
    for doc in docs:
        lines = [ln.strip() for ln in doc["text"].splitlines()]
        assert not [ln for ln in lines if FURNITURE.match(ln)], doc["path"]
        raw = Path(doc["path"]).read_text(encoding="utf-8")
        body = [p.strip() for p in raw.splitlines() if len(p.strip()) >= 200]
        text = " ".join(doc["text"].split())
        for paragraph in body:
            if re.search(r"newsletter|donate", paragraph, re.I):
                continue
            assert " ".join(paragraph.split()) in text, (doc["path"], paragraph[:60])


@pytest.mark.parametrize(
    ("pattern", "kind", "country"),
    [
        ("Russia", "country", "RUS"),
        ("Pakistan", "country", "PAK"),
        ("India", "country", "IND"),
        ("United States", "country", "USA"),
        ("Armenia", "country", "ARM"),
        ("Azerbaijan", "country", "AZE"),
        ("Afghanistan", "country", "AFG"),
        ("China", "country", "CHN"),
        ("Putin", "person", "RUS"),
        ("Lavrov", "person", "RUS"),
        ("Imran Khan", "person", "PAK"),
        ("Arif Alvi", "person", "PAK"),
        ("Shanghai Cooperation Organi", "igo", None),
        ("Gazprom", "org", "RUS"),
    ],
)
def test_actors_are_resolved_with_their_country(
    demo: tuple[Path, Path], pattern: str, kind: str, country: str | None
) -> None:
    _, db = demo
    with Store(db, read_only=True) as store:
        rows = store.query(
            "SELECT DISTINCT a.actor_id, a.kind, a.country FROM actors a"
            " JOIN mentions m USING (actor_id) WHERE a.name ILIKE ? OR m.text ILIKE ?",
            [f"%{pattern}%", f"%{pattern}%"],
        )
    assert any(r["kind"] == kind and r["country"] == country for r in rows), rows


def test_every_span_quotes_its_text(demo: tuple[Path, Path]) -> None:
    _, db = demo
    with Store(db, read_only=True) as store:
        bad = store.scalar(
            "SELECT count(*) FROM mentions m JOIN documents d USING (doc_id)"
            ' WHERE substr(d.text, m."start" + 1, m."end" - m."start") <> m.text'
        )
        sentences = store.scalar(
            "SELECT count(*) FROM sentences WHERE list_contains(dyads, 'PAK-RUS')"
        )
    assert bad == 0
    assert sentences > 20


def test_rerun_changes_nothing(demo: tuple[Path, Path]) -> None:
    corpus, db = demo
    tables = ("documents", "rejects", "removed_lines", "actors", "mentions", "sentences")
    with Store(db, read_only=True) as store:
        before = {t: store.scalar(f"SELECT count(*) FROM {t}") for t in tables}
    result = CliRunner().invoke(app, ["analyze", str(corpus), "--db", str(db)])
    assert result.exit_code == 0, result.output
    with Store(db, read_only=True) as store:
        after = {t: store.scalar(f"SELECT count(*) FROM {t}") for t in tables}
    assert after == before


def test_report_and_export_from_the_command_line(demo: tuple[Path, Path], tmp_path: Path) -> None:
    _, db = demo
    runner = CliRunner()
    out = tmp_path / "dossier.html"
    result = runner.invoke(app, ["report", "pakistan", "Russia", "--db", str(db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    for year in ("1948", "2005", "2014", "2016"):
        assert f'id="y-{year}"' in html
    exported = runner.invoke(app, ["export", "actors", "--db", str(db), "--format", "csv"])
    assert exported.exit_code == 0
    assert (
        exported.stdout.splitlines()[0] == "actor_id,name,kind,country,role,sector,seen_in,role_in"
    )
    listed = runner.invoke(app, ["rejects", "--db", str(db)])
    assert "dump.jsonl:2" in listed.stdout


def test_reuse_finds_who_copied_whom(demo: tuple[Path, Path]) -> None:
    """001 reuses the spun text of 000 paragraph by paragraph: it derives from 000."""
    _, db = demo
    with Store(db, read_only=True) as store:
        edges = store.query(
            "SELECT a.path AS derived, b.path AS source FROM lineage l"
            " JOIN documents a ON a.doc_id = l.derived_doc"
            " JOIN documents b ON b.doc_id = l.source_doc"
        )
        groups = store.scalar("SELECT count(DISTINCT group_id) FROM lineage_groups")
        docs = store.scalar("SELECT count(*) FROM documents")
    pairs = {(Path(e["derived"]).name[:3], Path(e["source"]).name[:3]) for e in edges}
    assert ("001", "000") in pairs
    assert groups < docs
    listing = CliRunner().invoke(app, ["reuse", "--db", str(db)])
    assert listing.exit_code == 0
    assert "│" in listing.stdout and "[" in listing.stdout


def test_a_document_the_extract_stage_fails_on_is_rejected_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fault of the stage on one document (say, a parse deeper than the recursion limit)
    is recorded as a reject of stage "extract", with its file and why; the other documents
    are analysed, and a second run neither retries nor records it again."""
    from dyadwatch.extract.pipeline import Engine

    real = Engine.extract

    def faulty(self: Engine, doc, sdoc, plan, stats):  # type: ignore[no-untyped-def]
        if "Ruritania" in doc.text:
            raise RecursionError("maximum recursion depth exceeded")
        return real(self, doc, sdoc, plan, stats)

    monkeypatch.setattr(Engine, "extract", faulty)
    corpus = tmp_path / "two.jsonl"
    stories = [
        {"id": "ok", "text": "Finland will give Tanzania a grant for schools, officials said."},
        {"id": "bad", "text": "Ruritania and Finland signed a trade accord on Monday in Oslo."},
    ]
    corpus.write_text("".join(json.dumps(s) + "\n" for s in stories), encoding="utf-8")
    db = tmp_path / "two.duckdb"
    for run in range(2):
        args = ["analyze", str(corpus), "--db", str(db), "--processes", "1"]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
        if run == 0:
            assert "rejected    1  extraction failed" in result.output
    with Store(db, read_only=True) as store:
        rejects = store.query("SELECT path, reason, stage FROM rejects")
        analysed = store.scalar("SELECT count(*) FROM events WHERE quote LIKE '%Tanzania%'")
    assert [(Path(r["path"]).name, r["stage"]) for r in rejects] == [("two.jsonl", "extract")]
    assert "RecursionError" in rejects[0]["reason"]
    assert analysed >= 1
