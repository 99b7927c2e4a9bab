"""What an amount measures, read from the parse of its sentence (extract.measure)."""

from __future__ import annotations

import pytest

from dyadwatch.extract.figures import _measure, find_figures
from dyadwatch.extract.pipeline import code_sentence

from .conftest import benchmark, shared_path


def measures(text: str) -> list[str]:
    return [c.measure for c in code_sentence(text).claims if c.unit == "currency"]


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        # the verb that takes the amount
        ("Norway will lend Kenya 40 mln dlrs to build new roads.", "aid"),
        ("Canada agreed to sell its stake to a Mexican firm for 300 mln dlrs.", "deal_value"),
        ("India said it would invest up to $5bn in Iranian gas projects.", "investment"),
        # what stands at the level
        ("Brazil's exports to China exceeded 12 billion dlrs last year.", "trade_volume"),
        ("Ghana's deficit with Nigeria rose to 800 mln dlrs in 1986.", "trade_volume"),
        ("Egypt's budget deficit with aid from Saudi Arabia was $3bn.", "other"),
        # the noun it is the amount of, or what is worth it
        ("Peru rescheduled 2 billion dlrs of debt owed to Spain under the accord.", "other"),
        ("Chile signed a deal with Argentina worth 500 mln dlrs.", "deal_value"),
        ("Japan extended a 24 billion yen loan to Bangladesh.", "aid"),
        ("The World Bank put the amount of aid Haiti needs from Cuba at $2bn.", "aid"),
    ],
)
def test_the_parse_says_what_an_amount_measures(text: str, measure: str) -> None:
    assert measures(text) == [measure]


def test_the_parse_overrules_the_nearest_keyword() -> None:
    # "deal" stands next to the amount, but the amount is of debt
    text = "Kenya signed a deal with France to reschedule 900 mln dlrs of official debt."
    [fig] = find_figures(text)
    assert _measure(text, fig, 0, len(text)) == "deal_value"
    assert measures(text) == ["other"]


def test_measures_on_wire_sentences() -> None:
    """The hand-annotated amounts of tests/data/measures_wire.json: on the part drawn after
    the rules were frozen, the parse measures 0.71 of them right where the nearest keyword
    measures 0.64 (0.69 for the frozen first version; the part read while writing the rules:
    0.89 against 0.74)."""
    shared_path("corpus", "news", "reuters21578", "articles.jsonl.gz")
    module = benchmark("measures_wire")
    parts = module.score()
    fresh = parts["fresh"]
    assert (fresh.amounts, parts["dev"].amounts) == (45, 70)
    assert fresh.parse_accuracy >= 0.68, fresh.misses
    assert fresh.by_parse > fresh.by_keyword, fresh.misses
