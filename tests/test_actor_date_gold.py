"""Actors and event dates against the hand-annotated gold sets of ``tests/data/``.

``benchmarks/actors_dates.py`` does the scoring (conventions in
``tests/data/actor_date_gold.md``). The floors below are the figures measured when they were
set: a floor only moves up (and the one ceiling only down) as dyadwatch gets better.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from types import ModuleType
from typing import Any

import pytest

from .conftest import REPO, benchmark, shared_path

ACTOR_GOLD = REPO / "tests" / "data" / "actor_gold.jsonl"
DATE_GOLD = REPO / "tests" / "data" / "date_gold.jsonl"

# Actors: shares of the 547 gold mentions.
FOUND_FLOOR = 0.87
"""Gold mentions dyadwatch marks at all."""
COUNTRY_FLOOR = 0.77
"""Gold mentions given the right state (or rightly none)."""
SECTOR_FLOOR = 0.78
"""Gold mentions given the right CAMEO sector (or rightly none)."""
KIND_FLOOR = 0.80
"""Gold mentions of the right kind (country, person, org, igo, ngo, armed_group)."""
STATE_PRECISION_FLOOR = 0.92
"""Of the states dyadwatch gives mentions in the gold sentences, the share that is right."""
STATE_RECALL_FLOOR = 0.80
"""Of the gold mentions that count for one state, the share dyadwatch gives that state."""
NOT_ACTOR_CEILING = 0.16
"""Share of places and other non-actor words made actors; a ceiling only moves down."""

# Dates: shares of the 90 gold events.
DATE_CODED_FLOOR = 0.59
"""Gold events dyadwatch codes at all."""
DATE_RIGHT_FLOOR = 0.43
"""Gold events coded with the right date."""
DATE_PATH_FLOORS = {
    "clause": 0.33,
    "relative": 0.44,
    "narrative": 0.10,
    "background": 0.40,
    "story": 0.68,
}
"""Gold events coded with the right date, by the way a reader finds the date."""

# Items that must be scored (a few may drop out when cleaning changes a sentence).
ACTOR_SENTENCES_FLOOR = 215
DATE_EVENTS_FLOOR = 88

CASES = {
    "capital_actor",
    "place",
    "office_holder",
    "role_country",
    "surname",
    "sector",
    "org",
    "two_people",
    "non_actor",
}
PATHS = {"clause", "relative", "narrative", "background", "story"}
KINDS = {"country", "person", "org", "igo", "ngo", "armed_group"}
PRECISIONS = {"day": 10, "month": 7, "year": 4}


def _benchmark() -> ModuleType:
    return benchmark("actors_dates")


def _lines(path: Any) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _values(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def test_actor_gold_follows_the_schema() -> None:
    items = _lines(ACTOR_GOLD)
    assert len(items) >= 120
    assert len({item["doc_id"] for item in items}) >= 60
    corpora = Counter(item["corpus"] for item in items)
    assert set(corpora) == {"reuters21578", "bbc_news_2225"}
    assert 0.25 <= corpora["bbc_news_2225"] / len(items) <= 0.45
    cases = Counter(item["case"] for item in items)
    assert set(cases) == CASES and min(cases.values()) >= 12, cases
    for item in items:
        assert item["end"] > item["start"] >= 0 and len(item["sha1"]) == 40
        assert item["why"] and isinstance(item["not_actors"], list)
        for mention in item["mentions"]:
            assert mention["text"].strip()
            assert set(_values(mention["kind"])) <= KINDS, mention
            for country in _values(mention["country"]):
                assert country is None or (len(country) == 3 and country.isupper()), mention
            for sector in _values(mention["sector"]):
                assert sector is None or (len(sector) == 3 and sector.isupper()), mention


def test_date_gold_follows_the_schema() -> None:
    items = _lines(DATE_GOLD)
    assert len(items) >= 60
    paths = Counter(item["path"] for item in items)
    assert set(paths) == PATHS and min(paths.values()) >= 8, paths
    for item in items:
        assert item["start"] <= item["trigger_start"] < item["end"]
        if item["path"] == "background":
            assert item["date"] is None and item["precision"] == "unknown", item
        elif item["precision"] == "decade":
            assert item["date"].endswith("0s"), item
        else:
            assert len(item["date"]) == PRECISIONS[item["precision"]], item
        if item["path"] in {"relative", "story"}:
            assert item["corpus"] != "bbc_news_2225", "BBC stories have no story date"


def test_gold_offsets_match_the_corpus() -> None:
    """Every sentence hash matches its record, and no excluded story slipped in."""
    shared_path("corpus", "news", "reuters21578", "articles.jsonl.gz")
    shared_path("corpus", "news", "bbc_news_2225", "articles.jsonl.gz")
    excluded = json.loads(
        shared_path("benchmarks", "dyad_gold", "reuters_grc_tur_dev.json").read_text()
    )
    bench = _benchmark()
    items = _lines(ACTOR_GOLD) + _lines(DATE_GOLD)
    wanted: dict[str, set[str]] = {}
    for item in items:
        wanted.setdefault(item["corpus"], set()).add(item["doc_id"])
    records = bench.load_records(wanted)
    banned = set(excluded["doc_ids"]) | set(excluded["distractor_doc_ids"])
    for item in items:
        record = records[(item["corpus"], item["doc_id"])]
        raw = record["text"][item["start"] : item["end"]]
        assert hashlib.sha1(raw.encode("utf-8")).hexdigest() == item["sha1"], item["doc_id"]
        assert item["doc_id"] not in banned
        assert not {"usa", "japan"} <= set(record.get("places") or []), item["doc_id"]
        if "trigger" in item:
            at = item["trigger_start"] - item["start"]
            first = item["trigger"].split(" … ")[0]
            assert " ".join(raw[at:].split()).startswith(first), item
        for mention in item.get("mentions", []):
            if "phrase" in mention:
                start, end = mention["phrase"]
                assert item["start"] <= start < end <= item["end"], mention
                phrase = " ".join(record["text"][start:end].split())
                assert mention["text"] in phrase, mention


@pytest.fixture(scope="module")
def summary() -> Any:
    shared_path("corpus", "news", "reuters21578", "articles.jsonl.gz")
    shared_path("corpus", "news", "bbc_news_2225", "articles.jsonl.gz")
    result, _text = _benchmark().run(write=False)
    return result


def test_actors_against_the_gold(summary: Any) -> None:
    assert summary.actor_sentences >= ACTOR_SENTENCES_FLOOR, summary
    assert summary.mentions_found >= FOUND_FLOOR, summary
    assert summary.country_right >= COUNTRY_FLOOR, summary
    assert summary.sector_right >= SECTOR_FLOOR, summary
    assert summary.kind_right >= KIND_FLOOR, summary
    assert summary.state_precision >= STATE_PRECISION_FLOOR, summary
    assert summary.state_recall >= STATE_RECALL_FLOOR, summary
    assert summary.not_actor_rate <= NOT_ACTOR_CEILING, summary


def test_event_dates_against_the_gold(summary: Any) -> None:
    assert summary.date_events >= DATE_EVENTS_FLOOR, summary
    assert summary.date_coded >= DATE_CODED_FLOOR, summary
    assert summary.date_right >= DATE_RIGHT_FLOOR, summary
    for path, floor in DATE_PATH_FLOORS.items():
        assert summary.date_right_by_path[path] >= floor, (path, summary)
