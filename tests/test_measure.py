"""What an amount measures, read from the parse of its sentence (extract.measure)."""

from __future__ import annotations

import pytest

from dyadwatch.config import Config
from dyadwatch.extract.figures import _measure, find_figures
from dyadwatch.extract.pipeline import Extractor, code_sentence
from dyadwatch.model import Document

from .conftest import EXAMPLES, benchmark, shared_path


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
        # "exchange" is trade only on its own: not currency, nor a swap
        ("Taiwan's foreign exchange reserves with the U.S. rose to 51.7 billion dlrs.", "other"),
        ("Japan will get 200 mln dlrs from Brazil in exchange for a stake in its bank.", "other"),
        ("Two-sided exchange between Pakistan and Russia rose to $520 million.", "trade_volume"),
    ],
)
def test_the_parse_says_what_an_amount_measures(text: str, measure: str) -> None:
    assert measures(text) == [measure]


def test_the_parse_overrules_the_nearest_keyword() -> None:
    # "deal" stands next to the amount, but the amount is of debt
    text = "Kenya signed a deal with France to reschedule 900 mln dlrs of official debt."
    [fig] = find_figures(text)
    assert _measure(text, fig, 0, len(text))[0] == "deal_value"
    assert measures(text) == ["other"]


def test_measures_on_wire_sentences() -> None:
    """The hand-annotated amounts of tests/data/measures_wire.json: on the part drawn after
    the rules were frozen, the parse measures 0.73 of them right where the nearest keyword
    measures 0.67 (0.71 before a later keyword fix of a class seen among them, 0.69 for the
    frozen first version; the part read while writing the rules: 0.89 against 0.74). The
    gate stays below the figure measured wholly out of sample."""
    shared_path("corpus", "news", "reuters21578", "articles.jsonl.gz")
    module = benchmark("measures_wire")
    parts = module.score()
    fresh = parts["fresh"]
    assert (fresh.amounts, parts["dev"].amounts) == (45, 70)
    assert fresh.parse_accuracy >= 0.68, fresh.misses
    assert fresh.by_parse > fresh.by_keyword, fresh.misses


def test_the_demo_corpus_figures_measure_what_the_docs_say() -> None:
    # docs/extract.md, "Measure, dyad, period and quote": through the whole extract stage
    docs = [
        Document(doc_id=p.stem, source_id=p.stem, path=str(p), text=p.read_text(encoding="utf-8"))
        for p in sorted(EXAMPLES.glob("*.txt"))
    ]
    found = {(c.value, c.measure) for r in Extractor(Config()).pipe(docs) for c in r.claims}
    assert found >= {
        (270e6, "trade_volume"),
        (520e6, "trade_volume"),
        (500e6, "project_cost"),
        (82.0, "trade_growth"),
        (450e6, "trade_volume"),  # "has increased by 82 percent … and stood at $450 million"
        (10e9, "deal_value"),
    }


def test_a_second_verb_without_a_subject_takes_the_first_ones() -> None:
    text = "Trade between Chile and Peru rose 5 pct last year and reached $2 billion."
    assert measures(text) == ["trade_volume"]


@pytest.mark.parametrize(
    ("text", "one_sided"),
    [
        ("Japan's trade surplus hit a record 83 billion dlrs in 1986, U.S. officials said.", True),
        ("Mexico's foreign debt stood at 100 billion dlrs at the end of 1986, U.S. officials said.",
         True),
        ("Japan's trade surplus with the United States rose to 58.6 billion dlrs in 1986.", False),
        ("Britain's exports to Nigeria exceeded 550 mln stg in 1986.", False),
        # the amount's own "to" names no partner
        ("South Korea's exports rose 35 pct to 9.34 billion dlrs, U.S. officials said.", True),
        ("Japan and Korea agreed that bilateral trade should reach 30 billion dlrs.", False),
    ],
)  # fmt: skip
def test_one_states_own_total_is_no_figure_of_a_dyad(text: str, one_sided: bool) -> None:
    [claim] = [c for c in code_sentence(text).claims if c.unit == "currency"]
    assert claim.one_sided is one_sided


@pytest.mark.parametrize(
    ("text", "referent"),
    [
        # the nouns of the phrase the amount is of, not the amount's own words
        ("Japan barred U.S. firms from the eight billion dlr Kansai airport project.",
         "kansai airport project"),
        ("Peru rescheduled 2 billion dlrs of debt owed to Spain under the accord.", "debt"),
        # the verb that takes it
        ("Canada agreed to sell its stake to Mexico for 300 mln dlrs.", "sell"),
        ("Norway will lend Kenya 40 mln dlrs to build new roads.", "lend"),
        # a word that only carries an amount names no referent; its "of" phrase does
        ("Japan put the value of its aid to Kenya at 40 mln dlrs.", "aid"),
    ],
)  # fmt: skip
def test_the_parse_says_what_an_amount_is_of(text: str, referent: str) -> None:
    [claim] = [c for c in code_sentence(text).claims if c.unit == "currency"]
    assert claim.referent == referent


def test_an_amount_in_a_sentence_not_parsed_is_of_its_measures_keyword() -> None:
    # no actor, so the sentence is not parsed: the keyword that gave the measure
    [claim] = code_sentence("Bilateral trade stood at $450 million last year.").claims
    assert (claim.measure, claim.referent) == ("trade_volume", "bilateral trade")
