"""Figures: money and percentages parsed, converted, tied to a measure, a dyad and a period."""

from __future__ import annotations

import gzip
import json
import re
import tomllib
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dyadwatch.extract.dates import find_time_expressions, resolve_document_dates
from dyadwatch.extract.figures import extract_claims, find_figures
from dyadwatch.model import Claim, DateEstimate, Document, Sentence

from .conftest import EXAMPLES, benchmark, shared_path

REF = DateEstimate("d", "2020-05-17", "day", "source metadata")


def doc_of(text: str, doc_id: str = "d") -> Document:
    return Document(doc_id=doc_id, source_id=doc_id, path="d.txt", text=text)


def claims_of(text: str, sentences: list[Sentence] | None = None) -> list[Claim]:
    doc = doc_of(text)
    return extract_claims(doc, sentences or [], find_time_expressions(doc, REF))


def usd_rate(code: str) -> float:
    raw = resources.files("dyadwatch.ontology").joinpath("measures.toml").read_text("utf-8")
    return float(tomllib.loads(raw)["usd_per_unit"][code])


@pytest.mark.parametrize(
    ("text", "quote", "value", "currency", "unit"),
    [
        ("Trade rose to $270 million.", "$270 million", 270e6, "USD", "currency"),
        ("The exchange increased to $520M.", "$520M", 520e6, "USD", "currency"),
        ("It stands at around 580 million USD.", "580 million USD", 580e6, "USD", "currency"),
        ("Trade improved with $411,4 million.", "$411,4 million", 411.4e6, "USD", "currency"),
        ("The plan will resettle 1,4 mln dlrs.", "1,4 mln dlrs", 1.4e6, "USD", "currency"),
        ("Exports reached 2,75 billion euros.", "2,75 billion euros", 2.75e9, "EUR", "currency"),
        ("Trade has increased by 82 percent.", "82 percent", 82.0, None, "percent"),
        ("Exports fell 3.5% and imports 8 per cent.", "3.5%", 3.5, None, "percent"),
        ("The EU gave €5 million in aid.", "€5 million", 5e6, "EUR", "currency"),
        ("Deals worth $10 billion were signed.", "$10 billion", 10e9, "USD", "currency"),
        ("A loan of US$1.5bn was agreed.", "US$1.5bn", 1.5e9, "USD", "currency"),
        ("Deals worth in excess of $10 billion.", "$10 billion", 10e9, "USD", "currency"),
        ("A grant of USD 5 million.", "USD 5 million", 5e6, "USD", "currency"),
        ("A grant of 5 million euros.", "5 million euros", 5e6, "EUR", "currency"),
        ("It costs 1.5 trillion yuan.", "1.5 trillion yuan", 1.5e12, "CNY", "currency"),
        ("A £2.5bn deal.", "£2.5bn", 2.5e9, "GBP", "currency"),
        ("A $5-billion deal.", "$5-billion", 5e9, "USD", "currency"),
        ("Deals worth $10-12 billion.", "$10-12 billion", 10e9, "USD", "currency"),
        (
            "Deals worth between $10 and $12 billion.",
            "$10 and $12 billion",
            10e9,
            "USD",
            "currency",
        ),
        ("It paid $1,250,000 in all.", "$1,250,000", 1.25e6, "USD", "currency"),
        ("It stands to lose 15-20 mln dlrs.", "15-20 mln dlrs", 15e6, "USD", "currency"),
        ("Profits rose 30 pct.", "30 pct", 30.0, None, "percent"),
        ("Pernod is worth 8.2bn euros.", "8.2bn euros", 8.2e9, "EUR", "currency"),
        # currencies of every era, signs after the number, codes with a millions prefix
        ("The bank lent 150 mln marks to Bonn.", "150 mln marks", 150e6, "DEM", "currency"),
        ("Lloyds will offer 300 mln stg.", "300 mln stg", 300e6, "GBP", "currency"),
        ("It paid 2.5 billion Swiss francs.", "2.5 billion Swiss francs", 2.5e9, "CHF", "currency"),
        ("Losses reached 6.5 billion guilders.", "6.5 billion guilders", 6.5e9, "NLG", "currency"),
        ("It borrowed 600 mln Canadian dlrs.", "600 mln Canadian dlrs", 600e6, "CAD", "currency"),
        ("Banknotes of 50 € are common.", "50 €", 50.0, "EUR", "currency"),
        ("They lost 75 USD million in three years.", "75 USD million", 75e6, "USD", "currency"),
        ("Losses in excess of 30 MUSD were reported.", "30 MUSD", 30e6, "USD", "currency"),
        ("Sell Mex$ 10 million forward.", "Mex$ 10 million", 10e6, "MXN", "currency"),
        ("Its GDP is $2.174T.", "$2.174T", 2.174e12, "USD", "currency"),
        ("The fund holds 10 000 dollars.", "10 000 dollars", 10e3, "USD", "currency"),
        # cents and pence, numbers in words, fractions of a scale word
        ("It earned 50 cts a share.", "50 cts", 0.5, "USD", "currency"),
        ("It only cost 3 dollars 50 cents.", "3 dollars 50 cents", 3.5, "USD", "currency"),
        (
            "It cost thirteen dollars and forty-five cents.",
            "thirteen dollars and forty-five cents",
            13.45,
            "USD",
            "currency",
        ),
        (
            "Bonn brings forward a five billion mark tax reform.",
            "five billion mark",
            5e9,
            "DEM",
            "currency",
        ),
        (
            "It costs a quarter million US dollars.",
            "a quarter million US dollars",
            250e3,
            "USD",
            "currency",
        ),
        # hundredths said as a bare number closing the sentence
        ("A ticket now costs 12 dollars 75.", "12 dollars 75", 12.75, "USD", "currency"),
        ("The fee went up to 9 EUR and 40.", "9 EUR and 40", 9.4, "EUR", "currency"),
        ("He paid eleven dollars twenty", "eleven dollars twenty", 11.2, "USD", "currency"),
        # codes glued to the number, codes with a dollar sign, codes in lower case
        ("Shares closed at 210EUR on Friday.", "210EUR", 210.0, "EUR", "currency"),
        ("Bids opened at GBP250 a lot.", "GBP250", 250.0, "GBP", "currency"),
        ("Ottawa set aside CAD$ 40 million.", "CAD$ 40 million", 40e6, "CAD", "currency"),
        ("The club spent aud$12 on each.", "aud$12", 12.0, "AUD", "currency"),
        ("The kit sold for three million eur.", "three million eur", 3e6, "EUR", "currency"),
        # thousands grouped in lakhs and crores
        ("Pakistan paid Rs 2,50,000 in fines.", "Rs 2,50,000", 2.5e5, "PKR", "currency"),
        ("A fine of 1,20,45,000 Indian rupees.", "1,20,45,000 Indian rupees", 12.045e6, "INR",
         "currency"),
    ],
)  # fmt: skip
def test_figure_formats(
    text: str, quote: str, value: float, currency: str | None, unit: str
) -> None:
    fig = find_figures(text)[0]
    assert (fig.text, fig.value, fig.unit) == (quote, pytest.approx(value), unit)
    claim = claims_of(text)[0]
    assert (claim.value, claim.currency, claim.unit) == (pytest.approx(value), currency, unit)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Trade improved with $411,4 million.", [411.4e6]),  # a decimal comma
        ("Trade improved with $1,400 million.", [1400e6]),  # thousands separator
        ("In 2009, 4 million dollars were lent.", [4e6]),  # a list comma, no currency before it
        # wire copy: a comma and a space before a scale word separate the items of a list
        ("It will fall to 48 mln dlrs in 1988, 20 mln dlrs in 1989.", [48e6, 20e6]),
        # a comma and a space inside an amount: a decimal comma with a stray space, or a list
        # ("$300, 4 million people"); neither reading is safe, so none is made
        ("Trade improved with $411, 4 million.", []),
        ("Prices of $300, 4 million people said.", []),
    ],
)
def test_decimal_comma_rule(text: str, values: list[float]) -> None:
    assert [f.value for f in find_figures(text)] == [pytest.approx(v) for v in values]


def test_a_scale_word_and_a_full_stop_end_the_amount() -> None:
    """Issue "No rule made for the demo": "580 million. USD" is not read as dollars; in edited
    news a full stop after a scale word ends the sentence ("for $16bn. MCI exited …")."""
    assert find_figures("It stands at around 580 million. USD figures differ.") == []
    [fig] = find_figures("It was bought for $16bn. MCI exited bankruptcy in April.")
    assert (fig.text, fig.value) == ("$16bn", 16e9)
    # written the way public reports write it: the code starts the next sentence
    brl = find_figures("The local appraisal is BRL 31-56 million. USD figures use a set rate.")
    assert [(f.text, f.currency) for f in brl] == [("BRL 31-56 million", "BRL")]
    usd = find_figures("It lost nearly USD 1 billion. USD 81 million was moved abroad.")
    assert [(f.text, f.value) for f in usd] == [("USD 1 billion", 1e9), ("USD 81 million", 81e6)]


def test_no_wire_amount_is_read_with_a_decimal_comma() -> None:
    """Every amount with a comma in the Reuters stories is a thousands group (in threes, or in
    lakhs: "9,31,000 dlrs") or a list."""
    path = shared_path("corpus", "news", "reuters21578", "articles.jsonl.gz")
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        texts = [json.loads(line).get("text") or "" for line in fh]
    with_comma = [f for t in texts for f in find_figures(t) if "," in f.text]
    assert len(with_comma) > 300
    for fig in with_comma:
        for number in re.findall(r"\d+(?:,\d+)+", fig.text):
            assert re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d{1,2}(?:,\d{2})+,\d{3}", number), fig


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        ("He bought 5,000 pounds of coffee.", []),  # weight
        ("Two won the race.", []),  # a verb after a number in words
        ("Prices rose above the $50 mark.", [("$50", 50.0, "USD")]),  # a threshold
        ("They would save £3bn pounds a year.", [("£3bn", 3e9, "GBP")]),
        ("I will spend by 2008 £60bn more.", [("£60bn", 60e9, "GBP")]),  # a year, then money
        ("Backlog at January 31 747 mln dlrs.", [("747 mln dlrs", 747e6, "USD")]),
        # a fraction counts only right before its scale word
        ("Net rose in the fourth quarter to 88.6 mln dlrs.", [("88.6 mln dlrs", 88.6e6, "USD")]),
        # a list, not dollars and cents
        (
            "Net was 918,000 dlrs 38 cts a share.",
            [("918,000 dlrs", 918e3, "USD"), ("38 cts", 0.38, "USD")],
        ),
    ],
)
def test_currency_words_that_are_not_currency(
    text: str, figures: list[tuple[str, float, str]]
) -> None:
    found = [(f.text, f.value, f.currency) for f in find_figures(text) if f.unit == "currency"]
    assert found == [(t, pytest.approx(v), c) for t, v, c in figures]


@pytest.mark.parametrize(
    ("text", "currency"),
    [
        ("Paris said the deficit was 3 mln francs.", "FRF"),
        ("The Swiss bank lost 3 mln francs.", "CHF"),
        ("The Ankara loan was 500 mln lira.", "TRY"),
        ("The Italian deficit was 500 billion lira.", "ITL"),
        ("Stockholm prices rose 0.13 crowns a litre.", "SEK"),
    ],
)
def test_ambiguous_currency_words_follow_the_places_named(text: str, currency: str) -> None:
    assert claims_of(text)[0].currency == currency


def test_money_on_wire_sentences() -> None:
    """The hand-annotated Reuters and BBC sentences of tests/data/figures_wire.json (drawn and
    annotated after the currency work, never used to write rules): recall 1.00 and precision
    1.00 when recorded (0.90 and 1.00 before that work)."""
    shared_path("corpus", "news", "reuters21578", "articles.jsonl.gz")
    module = benchmark("figures_wire")
    result = module.score()
    assert result.amounts == 50
    assert result.recall >= 0.96, result.misses
    assert result.precision >= 0.96, result.misses


@pytest.mark.parametrize(
    ("text", "value", "measure"),
    [
        ("The U.S. sent six warships to the Gulf.", 6, "ships"),
        ("Kuwait is turning 11 oil tankers over to U.S. firms.", 11, "ships"),
        ("The destroyers fired about 1,000 five-inch shells at the rig.", 1000, "munitions"),
        ("Greece moved 5,000 troops to the border.", 5000, "troops"),
        ("The blast left at least 23 dead.", 23, "casualties"),  # no plural, no agreement
        ("It reported two air space violations.", 2, "incidents"),
        ("It sent thirty-four warships to the Gulf.", 34, "ships"),
        ("It moved three hundred troops to the border.", 300, "troops"),
        # people that a verb of harm governs are casualties, whatever their noun
        ("Shelling killed at least 14 villagers near the border.", 14, "casualties"),
        ("Gunmen killed 12 soldiers at a checkpoint.", 12, "casualties"),
        ("Twenty one protesters were wounded in the capital.", 21, "casualties"),
        ("The draft cuts them to 100 atomic warheads on each side.", 100, "munitions"),
        ("The air force lost 12 aircraft over the border.", 12, "aircraft"),  # no plural
        # a state's name or a model's name between the number and its noun
        ("Iran fired two Silkworm missiles at Kuwait.", 2, "munitions"),
        ("The U.S. will send 31 Abrams tanks to Ukraine.", 31, "vehicles"),
        ("It plans to protect 11 reflagged Kuwaiti tankers.", 11, "ships"),
        ("Chad said it killed 1,269 Libyan soldiers.", 1269, "casualties"),
        ("NATO deployed 316 single-warhead U.S. Pershing-2 and cruise missiles.", 316,
         "munitions"),
        # a model's designation alone: which kind of thing it is stays unknown
        ("Moscow has 270 Soviet triple-warhead SS-20's in Europe.", 270, "models"),
        ("It ordered 20 F-16s.", 20, "models"),
        ("The army lost 500 drones in a month.", 500, "aircraft"),
        ("AMR said it will buy 40 long-range jet aircraft.", 40, "aircraft"),
    ],
)  # fmt: skip
def test_counts_of_things_take_their_noun_as_the_measure(
    text: str, value: float, measure: str
) -> None:
    [c] = [c for c in claims_of(text) if c.unit == "count"]
    assert (c.value, c.measure) == (value, measure)


@pytest.mark.parametrize(
    ("text", "bound"),
    [
        ("Deals worth in excess of $10 billion were signed.", "lower"),
        ("It gave more than $5 million in aid.", "lower"),
        ("Losses of up to $3 million are feared.", "upper"),
        ("Trade was about $450 million.", "about"),
        ("It will cost $10-12 billion.", "range"),
        ("Deals worth $14 billion were announced.", None),
        # where a figure went, not a bound
        ("It revised the shortage up to 300 mln stg from 250 mln.", None),
    ],
)
def test_the_bound_a_source_sets_is_kept(text: str, bound: str | None) -> None:
    assert claims_of(text)[0].bound == bound


def test_two_amounts_joined_by_and_stay_two() -> None:
    assert [f.text for f in find_figures("It paid $450 and $2014 million.")] == [
        "$450",
        "$2014 million",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "14 million people live there.",
        "a 1,100-kilometer gas pipeline",
        "the S-400 air defence system",
        "the CASA-1000 project",
        "a 20 percentage point swing",
        # neither counts of incidents: names, dates, comparisons, a number not counting them
        "Ireland lost the Six Nations clash.",
        "after the 11 September attacks",
        "the May 17 Iraqi missile attack",
        "It will expand its capital base by up to seven times over the years.",
        "He said three times before the meeting that taxes would not rise.",
        "In 1987 attacks on shipping rose.",
        # people not harmed, or a group one of whom was
        "The city of 24 million people voted on Sunday.",
        "One of its eight crew members was killed, a spokesman said.",
        # English words that are also currency codes, in lower case
        "He bought 8 pen sets and gave it 2 try outs.",
        # a model's number, a name, tanks that are no weapons, a span of time between
        "It bought Boeing 747 jets.",
        "Turkey pulled warships back from its Sismik 1 survey ship.",
        "Three Mile Island incident",
        "The fire destroyed 12 storage tanks.",
        "It funds two think tanks.",
        "It lasted six hours before Iranian troops fled.",
        "the equivalent of one tank truck",
    ],
)
def test_not_figures(text: str) -> None:
    assert find_figures(text) == []


@pytest.mark.parametrize(
    ("text", "figure", "value"),
    [
        ("Greece charged Turkish aircraft with 10 other FIR infringements.", "10 other FIR"
         " infringements", 10),
        ("It reported two air space violations in the Aegean.", "two air space violations", 2),
        ("Warplanes infringed the Athens FIR three times.", "three times", 3),
        ("The terminal, attacked about 135 times since August 1985, was hit.", "135 times", 135),
        ("The group launched 1,200 attacks in 2024.", "1,200 attacks", 1200),
    ],
)  # fmt: skip
def test_counts_of_incidents(text: str, figure: str, value: float) -> None:
    [fig] = find_figures(text)
    assert (fig.text, fig.value, fig.unit) == (figure, value, "count")
    doc = Document(doc_id="c", source_id="c", path="c.txt", text=text)
    [claim] = extract_claims(doc, [Sentence("c", 0, len(text), ["GRC-TUR"])], [])
    assert (claim.measure, claim.unit, claim.currency) == ("incidents", "count", None)


@pytest.mark.parametrize(
    ("text", "currency"),
    [
        ("Pakistan will spend Rs 10 billion on the Karachi project.", "PKR"),
        ("India will spend Rs 10 billion on the Mumbai metro.", "INR"),
        ("Rs. 10bn was spent.", "INR"),
    ],
)
def test_ambiguous_rupee_follows_the_places_named(text: str, currency: str) -> None:
    assert claims_of(text)[0].currency == currency


def test_value_usd_converts_with_the_rate_table() -> None:
    euro, rupee, percent = claims_of(
        "The EU gave €5 million. Pakistan spent PKR 10 billion. Trade grew 5 percent."
    )
    assert euro.value_usd == pytest.approx(5e6 * usd_rate("EUR"))
    assert rupee.value_usd == pytest.approx(10e9 * usd_rate("PKR"))
    assert percent.value_usd is None and percent.currency is None


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("The volume of bilateral trade stood at $450 million.", "trade_volume"),
        ("Two-sided exchange nearly doubled from $270 million.", "trade_volume"),
        ("The volume of bilateral trade has increased by 82 percent.", "trade_growth"),
        ("Russia has investments totaling 14 billion USD in Pakistan.", "investment"),
        ("Russia has also funded the power transmission project for $500 million.", "project_cost"),
        ("They are negotiating energy deals worth in excess of $10 billion.", "deal_value"),
        ("Japan pledged $2 billion in aid to Pakistan.", "aid"),
        ("The IMF approved a loan of $6 billion.", "aid"),
        ("The defence budget is $70 billion.", "other"),
        ("Some 60 percent of voters agreed.", "other"),
        ("The trade share is 60 percent.", "other"),
    ],
)
def test_measures(text: str, measure: str) -> None:
    assert claims_of(text)[0].measure == measure


def test_measure_prefers_the_clause_of_the_figure() -> None:
    text = "A pipeline is planned; investments totaling $14 billion were announced."
    assert claims_of(text)[0].measure == "investment"


def test_quote_dyad_and_period_from_sentences() -> None:
    text = (
        "Ties are warm. The volume of bilateral trade has increased by 82 percent in the "
        "first five months of 2018 and stood at $450 million. Deals worth $10 billion loom."
    )
    first = text.index("The volume")
    second = text.index("Deals")
    sentences = [
        Sentence("d", 0, first - 1, []),
        Sentence("d", first, second - 1, ["PAK-RUS"]),
        Sentence("d", second, len(text), []),
    ]
    pct, usd, deal = claims_of(text, sentences)
    for claim in (pct, usd):
        assert (claim.start, claim.end, claim.dyad, claim.period) == (
            first,
            second - 1,
            "PAK-RUS",
            "2018",
        )
        assert claim.quote == text[first : second - 1]
    assert (deal.dyad, deal.period) == (None, None)
    assert pct.claim_id != usd.claim_id


def test_quote_without_sentences_is_found_by_punctuation() -> None:
    text = "Talks ended. , Pakistan has investments totaling $14 billion, it said. Then more."
    (claim,) = claims_of(text)
    assert claim.quote == "Pakistan has investments totaling $14 billion, it said."
    assert text[claim.start : claim.end] == claim.quote


def test_period_from_a_relative_date() -> None:
    (claim,) = claims_of("Bilateral trade reached $5 billion last year.")
    assert claim.period == "2019"


def test_claim_id_is_stable() -> None:
    text = "Trade rose to $270 million."
    a, b = claims_of(text), claims_of(text)
    other = extract_claims(doc_of(text, "other"), [], [])
    assert a[0].claim_id == b[0].claim_id != other[0].claim_id


FRAGMENTS = [
    "$270 million",
    "$520M",
    "around 580 million. USD",
    "$411, 4 million",
    "14 billion. USD",
    "82 percent",
    "€5 million",
    "Rs 10 billion",
    "US$1.5bn",
    "in 2018",
    "trade",
    "investment",
    "Pakistan",
    ".",
    ",",
    "\n",
]


@settings(deadline=None, max_examples=200)
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=8), max_size=25))
def test_every_claim_quotes_its_span(parts: list[str]) -> None:
    text = " ".join(parts)
    for claim in claims_of(text):
        assert text[claim.start : claim.end] == claim.quote
        assert claim.unit in ("currency", "percent")


EXPECTED = [
    ("$270 million", 270e6, "USD"),
    ("$520M", 520e6, "USD"),
    ("82 percent", 82.0, None),
    ("$450 million", 450e6, "USD"),
    ("$10 billion", 10e9, "USD"),
    ("$500 million", 500e6, "USD"),
]


@pytest.mark.parametrize(("quote", "value", "currency"), EXPECTED)
def test_demo_corpus_figures(quote: str, value: float, currency: str | None) -> None:
    found = []
    for path in sorted(EXAMPLES.glob("*.txt")):
        doc = doc_of(path.read_text("utf-8"), path.stem)
        _, exprs = resolve_document_dates(doc)
        for claim in extract_claims(doc, [], exprs):
            assert doc.text[claim.start : claim.end] == claim.quote
            found.append((claim.value, claim.currency, claim.quote))
    assert any(v == pytest.approx(value) and c == currency and quote in q for v, c, q in found), (
        found
    )


def test_values_are_exact_decimals() -> None:
    assert [f.value for f in find_figures("worth 8.2bn euros or $411,4 million")] == [
        8.2e9,
        411.4e6,
    ]


def _doc_examples(section: str) -> list[str]:
    """The python examples of one section of docs/extract.md."""
    text = (EXAMPLES.parents[1] / "docs" / "extract.md").read_text("utf-8")
    body = text.split(f"\n## {section}\n", 1)[1].split("\n## ", 1)[0]
    return [block.split("```", 1)[0] for block in body.split("```python\n")[1:]]


@pytest.mark.parametrize("section", ["Dates", "Figures"])
def test_docs_examples_run(section: str) -> None:
    examples = _doc_examples(section)
    assert examples
    for code in examples:
        exec(compile(code, f"docs/extract.md#{section}", "exec"), {})


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        ("Trade nearly doubled from $270 million to $520 million.", ["start", "level"]),
        ("Trade rose from about $270 million in 2017 to $520 million.", ["start", "level"]),
        ("Their exchange increased by $270 million last year.", ["change"]),
        ("Exports fell by 5 pct to $300 million.", ["level", "level"]),
        ("Trade stood at $520 million, from a low base.", ["level"]),
        ("He came from Moscow with $5 million to spend.", ["level"]),
    ],
)
def test_a_figure_knows_whether_it_is_a_level_a_start_or_a_change(
    text: str, roles: list[str]
) -> None:
    assert [c.role for c in claims_of(text)] == roles


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("The annual revenue is -15€ this year.", [("-15€", -15.0)]),
        ("The company reported ($-99.99) in fees.", [("$-99.99", -99.99)]),
        ("Inflation fell to -2.5 pct in May.", [("-2.5 pct", -2.5)]),
        ("Growth was 10-15 pct, the bank said.", [("10-15 pct", 10.0)]),  # a range: its lower end
        ("Rates ranging from 4.07 to 5.12 pct.", [("4.07 to 5.12 pct", 4.07)]),
        ("Its share rose from 25 to 37 pct.", [("25", 25.0), ("37 pct", 37.0)]),  # a change
        ("The deficit grew from 5 to 7 billion euros.", [("5", 5e9), ("7 billion euros", 7e9)]),
        ("Output fell 0.2 pct from 1985 to 119.3 billion yuan.",
         [("0.2 pct", 0.2), ("119.3 billion yuan", 1.193e11)]),
        ("It cut its debt in 1986 to 900 mln dlrs.", [("900 mln dlrs", 9e8)]),
        ("Its tax rate rose in 1986 to 44.6 pct.", [("44.6 pct", 44.6)]),
        ("The U.S.-$5 billion deal and the deal - $5 billion - went ahead.",
         [("$5 billion", 5e9), ("$5 billion", 5e9)]),
        # accounting brackets after "to be" or a colon; a bracket after an amount converts it
        ("Net income was ($4.20) a share.", [("($4.20)", -4.2)]),
        ("Operating result: (12 mln dlrs).", [("(12 mln dlrs)", -12e6)]),
        ("It will cost 100 mln marks\n(55 mln dlrs) in interest.",
         [("100 mln marks", 1e8), ("55 mln dlrs", 55e6)]),
        # hundredths only close a sentence: not a range, a decimal, a list or a table
        ("Shares were priced between 13 dlrs and 15.", [("13 dlrs", 13.0)]),
        ("It was booked at 22 dlrs and 15.50 was paid.", [("22 dlrs", 22.0)]),
        ("The pound ended at 1.6040 dlrs and\n2.9210 marks.",
         [("1.6040 dlrs", 1.604), ("2.9210 marks", 2.921)]),
    ],
)  # fmt: skip
def test_signs_ranges_and_changes(text: str, want: list[tuple[str, float]]) -> None:
    figures = find_figures(text)
    assert [(f.text, f.value) for f in figures] == want
    assert all(text[f.start : f.end] == f.text for f in figures)


def test_the_start_of_a_change_is_a_start() -> None:
    [start, end] = claims_of("Its share of the venture rose from 25 to 37 pct last year.")
    assert (start.value, start.role, start.bound) == (25.0, "start", None)
    assert (end.value, end.role) == (37.0, "level")


@pytest.mark.parametrize(
    ("text", "value", "measure"),
    [
        ("The USSR baulked at its offer of four mln tonnes of subsidized wheat.", 4e6, "tonnes"),
        ("Moscow agreed to buy at least nine mln tonnes of U.S. grain.", 9e6, "tonnes"),
        ("China bought 500,000 metric tons of U.S. wheat.", 5e5, "tonnes"),
        ("Exports were a million tonnes.", 1e6, "tonnes"),
        ("Output rose to 2.5 mln barrels per day in March.", 2.5e6, "barrels_per_day"),
        ("Libya pumped 850,000 bpd.", 8.5e5, "barrels_per_day"),
        ("Stocks fell 1.5 mln barrels.", 1.5e6, "barrels"),
        ("Sales may reach 2-3 mln tonnes.", 2e6, "tonnes"),
        # a date before a quantity is no range
        ("In the four weeks ended April 17 to 15.91 mln barrels per day", 15.91e6,
         "barrels_per_day"),
    ],
)  # fmt: skip
def test_quantities_of_goods_are_measured_by_their_unit(
    text: str, value: float, measure: str
) -> None:
    [c] = claims_of(text)
    assert (c.unit, c.value, c.measure, c.currency) == ("quantity", value, measure, None)
