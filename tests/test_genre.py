"""Sport stories: judged by extract.genre, no events coded in them (docs/extract.md)."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from dyadwatch.config import Config
from dyadwatch.extract.genre import SPORT_THRESHOLD, sport_probability
from dyadwatch.extract.pipeline import Extractor
from dyadwatch.model import Document
from dyadwatch.store import Store

from .conftest import REPO, shared_path

MATCH_REPORT = (
    "France beat Ireland 24-19 in the Six Nations at the Stade de France on Saturday. "
    "The visitors led at half-time after a try from their winger, but France's fly-half "
    "kicked three penalties in the second half. Ireland's coach said his squad would "
    "recover before the championship match against England at Twickenham next weekend, "
    "where a victory would keep their title hopes alive."
)
TALKS_REPORT = (
    "France accused Ireland on Saturday of violating the fishing agreement the two "
    "governments signed last year. The French foreign minister said Dublin had allowed "
    "its trawlers into French waters, and the Irish government rejected the charge. "
    "Officials of both countries will meet in Brussels next week to discuss the dispute."
)


def test_a_match_report_is_sport_and_a_diplomatic_one_is_not() -> None:
    assert sport_probability(MATCH_REPORT) >= SPORT_THRESHOLD
    assert sport_probability(TALKS_REPORT) < 0.5


def test_no_events_are_coded_in_a_sport_story(tmp_path: object) -> None:
    docs = [
        Document(doc_id=name, source_id=name, path=name, text=text, date="2004-02-14")
        for name, text in (("match", MATCH_REPORT), ("talks", TALKS_REPORT))
    ]
    found = {r.doc_id: r for r in Extractor(Config()).pipe(docs)}
    match, talks = found["match"], found["talks"]
    assert match.sport is not None and match.sport >= SPORT_THRESHOLD
    assert not match.events and not match.statements
    assert {m.actor_id for m in match.actors.mentions} >= {"FRA", "IRL"}  # actors stay
    assert talks.sport is None
    assert ("FRA", "IRL", "ACCUSE") in {(e.source, e.target, e.plover) for e in talks.events}
    with Store(str(tmp_path) + "/s.duckdb") as store:
        store.add_documents(docs)
        store.add_extractions([match, talks], "test")
        rows = store.con.execute("SELECT doc_id FROM sport_stories").fetchall()
    assert rows == [("match",)]


def test_the_detector_out_of_fold() -> None:
    """Two folds over the BBC stories (sections as labels) and Reuters-21578 (no sport):
    out of fold, precision 0.984 / 0.987 and recall 0.918 / 0.934 on BBC sport stories, and
    no Reuters or VOA story flagged (docs/benchmarks.md, "Sport stories")."""
    shared_path("corpus", "news", "bbc_news_2225", "articles.jsonl.gz")
    pytest.importorskip("sklearn")
    spec = importlib.util.spec_from_file_location(
        "train_sport", REPO / "scripts" / "train_sport_model.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["train_sport"] = module
    spec.loader.exec_module(module)
    folds = module.out_of_fold(*module.corpus())
    for f in folds:
        assert f["found"] / (f["found"] + f["others_flagged"]) >= 0.97, f
        assert f["found"] / f["sport"] >= 0.90, f
        assert f["reuters_flagged"] <= 2 and f["voa_flagged"] == 0, f
