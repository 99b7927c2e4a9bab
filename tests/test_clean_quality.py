"""Quality gate: the clean stage on the Scrapinghub article-extraction dev pages.

The floor sits just under the score recorded in docs/benchmarks.md (F1 0.967; trafilatura's
default scores 0.958 on the same pages). A floor only moves up.
"""

from __future__ import annotations

from types import ModuleType

from .conftest import benchmark, shared_path

F1_FLOOR = 0.960


def _benchmark() -> ModuleType:
    return benchmark("boilerplate")


def test_clean_stage_f1_on_scrapinghub_dev_pages() -> None:
    shared_path("benchmarks", "boilerplate", "scrapinghub_aeb", "gold.jsonl")
    bench = _benchmark()
    pages = bench.load_pages("scrapinghub_aeb")
    predictions = [bench.dyadwatch_text(page.html) for page in pages]
    scores = bench.score("scrapinghub_aeb", pages, predictions)
    assert scores["f1"] >= F1_FLOOR, scores
