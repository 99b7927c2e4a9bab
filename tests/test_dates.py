"""Dates: absolute and relative expressions, the undated-document estimate, date_for_span."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dyadwatch.extract.dates import (
    date_for_span,
    estimate_document_date,
    find_time_expressions,
    resolve_document_dates,
)
from dyadwatch.model import DateEstimate, Document, Sentence, TimeExpr

from .conftest import EXAMPLES

REF = DateEstimate("d", "2020-05-17", "day", "source metadata")


def doc_of(text: str, date: str | None = None) -> Document:
    return Document(doc_id="d", source_id="d", path="d.txt", text=text, date=date)


def exprs_of(text: str, ref: DateEstimate | None = REF) -> list[TimeExpr]:
    return find_time_expressions(doc_of(text), ref)


@pytest.mark.parametrize(
    ("text", "quote", "value", "precision"),
    [
        ("It happened on 12 June 2014 in Moscow.", "12 June 2014", "2014-06-12", "day"),
        ("It happened on June 12, 2014.", "June 12, 2014", "2014-06-12", "day"),
        ("Signed on the 5th of January, 2014.", "5th of January, 2014", "2014-01-05", "day"),
        ("Dated 2014-06-12 in the file.", "2014-06-12", "2014-06-12", "day"),
        ("Dated 13/06/2014 in the file.", "13/06/2014", "2014-06-13", "day"),
        ("Ties improved in June 2014 when the ban ended.", "June 2014", "2014-06", "month"),
        ("Talks resumed in Sept. 2019.", "Sept. 2019", "2019-09", "month"),
        ("The first joint exercise was held in 2016.", "2016", "2016", "year"),
        ("Trade got better since 2009.", "2009", "2009", "year"),
        ("The AMAN-2021 exercise is planned.", "AMAN-2021", "2021", "year"),
        ("Trade rose in the first five months of 2018.", "2018", "2018", "year"),
        ("Relations expanded since late 2014, when they signed.", "2014", "2014", "year"),
        ("By mid-2014 the embargo was gone.", "2014", "2014", "year"),
        ("Exercises 2020 began.", "2020", "2020", "year"),
        ("Students went there in the 1970s.", "1970s", "1970s", "decade"),
        ("That was the style of the seventies.", "seventies", "1970s", "decade"),
        ("Growth in the 2000s was fast.", "2000s", "2000s", "decade"),
    ],
)
def test_absolute_formats(text: str, quote: str, value: str, precision: str) -> None:
    found = exprs_of(text)
    assert [(e.text, e.value, e.precision, e.derived) for e in found] == [
        (quote, value, precision, False)
    ]


def test_decade_pair_takes_the_first_century() -> None:
    found = exprs_of("In the 1970s and 80s, many students went to Moscow.")
    assert [(e.text, e.value, e.precision) for e in found] == [
        ("1970s", "1970s", "decade"),
        ("80s", "1980s", "decade"),
    ]


def test_year_ranges_give_both_years() -> None:
    found = exprs_of("Relations were wary from 1990-2010 and in FY 2014-15.")
    assert [e.value for e in found] == ["1990", "2010", "2014"]


@pytest.mark.parametrize(
    "text",
    [
        "The plant cost $2014 million to build.",
        "Russia funds the CASA-1000 power project.",
        "a 1,100-kilometer gas pipeline",
        "delivery of the S-400 air defence system",
        "in the 65. Year of diplomatic relations",
        "It sent 2000 troops to the border.",
        "See resolution No. 1948 of the council.",
        "It cost Rs 2014 per unit.",
        "source: http://example.com/2014/05/story",
        "It is 2014.5 kilometres long.",
        "A 2000-strong force arrived.",
    ],
)
def test_numbers_that_are_not_years(text: str) -> None:
    assert exprs_of(text) == []


@pytest.mark.parametrize(
    ("text", "quote", "value", "precision"),
    [
        ("Trade doubled last year.", "last year", "2019", "year"),
        ("Talks were held this month.", "this month", "2020-05", "month"),
        ("He said so a month ago.", "a month ago", "2020-04", "month"),
        ("It was unthinkable 10 years prior.", "10 years prior", "2010", "year"),
        ("It was unthinkable 10 years ago.", "10 years ago", "2010", "year"),
        ("The drill happened simply a year ago.", "a year ago", "2019", "year"),
        ("A couple of years ago they met.", "A couple of years ago", "2018", "year"),
        ("The exercise comes next year.", "next year", "2021", "year"),
        ("Pakistan has recently asked for help.", "recently", "2020-05", "month"),
        ("As of late, the two have set aside disputes.", "of late", "2020-05", "month"),
        ("In recent years, ties grew.", "In recent years", "2020", "year"),
        ("He arrived yesterday.", "yesterday", "2020-05-16", "day"),
        ("They met two weeks ago.", "two weeks ago", "2020-05", "month"),
        ("The minister spoke on Monday.", "Monday", "2020-05-11", "day"),
        ("They meet next Tuesday.", "next Tuesday", "2020-05-19", "day"),
        ("Much changed over the last decade.", "last decade", "2010s", "decade"),
        # issue 9: a month without a year, a month and day without a year, parts of a day
        ("They met last June.", "last June", "2019-06", "month"),
        ("The talks began on February 22.", "February 22", "2020-02-22", "day"),
        ("On December 30 he left.", "December 30", "2019-12-30", "day"),
        ("Shots were fired last night.", "last night", "2020-05-16", "day"),
        ("Talks resumed this morning.", "this morning", "2020-05-17", "day"),
        ("Friday's request was withdrawn.", "Friday", "2020-05-15", "day"),
        ("He had arrived the day before.", "the day before", "2020-05-16", "day"),
        # seasons: the year of the season's middle month (winter's is January)
        ("Moscow spurned the offer last summer.", "last summer", "2019", "year"),
        ("Last winter the talks stalled.", "Last winter", "2020", "year"),
        ("They meet again next spring.", "next spring", "2021", "year"),
        # a weekend is its Saturday (the reference, 17 May 2020, is a Sunday)
        ("The weekend proposal was welcomed.", "weekend", "2020-05-16", "day"),
        ("They meet next weekend.", "next weekend", "2020-05-23", "day"),
    ],
)
def test_relative_kinds(text: str, quote: str, value: str, precision: str) -> None:
    found = exprs_of(text)
    assert [(e.text, e.value, e.precision, e.derived) for e in found] == [
        (quote, value, precision, True)
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [("Talks were held this month.", "2020"), ("He said so a month ago.", "2020")],
)
def test_relative_is_never_finer_than_its_reference(text: str, value: str) -> None:
    ref = DateEstimate("d", "2020", "year", "estimated")
    assert [(e.value, e.precision) for e in exprs_of(text, ref)] == [(value, "year")]


def test_relatives_need_a_reference() -> None:
    text = "Trade doubled last year, as in 2016."
    assert [e.text for e in exprs_of(text, None)] == ["2016"]
    dated = find_time_expressions(doc_of(text, date="2019-03-02"), None)
    assert [(e.text, e.value) for e in dated] == [("last year", "2018"), ("2016", "2016")]


def test_anaphoric_phrases_count_from_the_date_before_them() -> None:
    text = "Ahead of the 2006 World Cup, sales rose; five years earlier they fell. Two years later."
    found = [(e.text, e.value, e.derived) for e in exprs_of(text)]
    assert found == [("2006", "2006", False), ("five years earlier", "2001", True)]


def test_anaphoric_phrase_alone_counts_from_the_reference() -> None:
    assert [e.value for e in exprs_of("It was unthinkable 10 years earlier.")] == ["2010"]


def test_relative_phrase_with_of_is_not_relative() -> None:
    assert [e.text for e in exprs_of("in the last month of 2019")] == ["2019"]


def test_metadata_date_wins() -> None:
    est = estimate_document_date(doc_of("In 1990 things changed.", date="2021-02-03"), [])
    assert (est.date, est.precision, est.evidence) == ("2021-02-03", "day", "source metadata")


def test_estimate_from_content_with_anchor_and_evidence() -> None:
    text = (
        "Ambassador Ganich spoke at the Friendship exercises 2020 in Tarbela. "
        "The AMAN-2021 in Russia-Pakistan next year would be a landmark. "
        "Trade has grown since 2009."
    )
    doc = doc_of(text)
    est = estimate_document_date(doc, find_time_expressions(doc, None))
    assert (est.doc_id, est.date, est.precision) == ("d", "2020", "year")
    assert "latest year named is 2020 (" in est.evidence
    assert "'AMAN-2021 … next year' suggests 2020" in est.evidence


def test_estimate_month_from_this_month() -> None:
    doc = doc_of("This month, in June 2014, the embargo was lifted.")
    est = estimate_document_date(doc, find_time_expressions(doc, None))
    assert (est.date, est.precision) == ("2014-06", "month")


def test_estimate_ignores_targets() -> None:
    doc = doc_of("In 2015 they agreed to double trade by 2030.")
    est = estimate_document_date(doc, find_time_expressions(doc, None))
    assert est.date == "2015"


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("The plant will open in 2008. Sales rose in 2004.", "2004"),
        ("Growth is forecast at 5% for 2006; it was 4% in 2004.", "2004"),
        ("London's 2012 Olympic bid was launched in 2003.", "2003"),
        ("The AMAN-2021 drill was held; ties grew in 2016.", "2016"),
    ],
)
def test_estimate_skips_years_spoken_of_as_ahead(text: str, year: str) -> None:
    doc = doc_of(text)
    assert estimate_document_date(doc, find_time_expressions(doc, None)).date == year


def test_estimate_from_years_ahead_only() -> None:
    doc = doc_of("The new terminal will open in 2008.")
    est = estimate_document_date(doc, find_time_expressions(doc, None))
    assert est.date == "2008" and "only years ahead are named" in est.evidence


def test_estimate_does_not_anchor_across_a_connective() -> None:
    doc = doc_of("Trade has doubled since 2009 and is growing this year.")
    est = estimate_document_date(doc, find_time_expressions(doc, None))
    assert est.date == "2009" and "suggests" not in est.evidence


def test_estimate_uses_world_event_cues() -> None:
    doc = doc_of("The COVID-19 pandemic hurt trade, which had peaked in 2014.")
    est = estimate_document_date(doc, find_time_expressions(doc, None))
    assert est.date == "2020"
    assert "COVID-19" in est.evidence and "2014" in est.evidence


def test_estimate_uses_office_holders_but_not_former_ones() -> None:
    doc = doc_of("Russian President Vladimir Putin met them, as in 1998.")
    assert estimate_document_date(doc, find_time_expressions(doc, None)).date == "2000"
    doc = doc_of("Then President Vladimir Putin met them, as in 1998.")
    assert estimate_document_date(doc, find_time_expressions(doc, None)).date == "1998"


def test_estimate_without_any_cue() -> None:
    est = estimate_document_date(doc_of("Relations are warm."), [])
    assert est.date == "" and est.evidence


def test_resolve_document_dates_resolves_relatives_against_the_estimate() -> None:
    est, exprs = resolve_document_dates(doc_of("In 2019 they met. The next round is next year."))
    assert est.date == "2019"
    assert [(e.text, e.value, e.derived) for e in exprs] == [
        ("2019", "2019", False),
        ("next year", "2020", True),
    ]


def test_date_for_span_prefers_same_clause_then_nearest() -> None:
    text = "In 2009 trade rose; in 2014 the ban ended and talks began in June 2015."
    exprs = exprs_of(text)
    sentence = Sentence("d", 0, len(text))
    ban = text.index("the ban ended")
    got = date_for_span(ban, ban + len("the ban ended"), exprs, sentence, text=text)
    assert got is not None and got.value == "2014"
    rose = text.index("trade rose")
    got = date_for_span(rose, rose + len("trade rose"), exprs, sentence, text=text)
    assert got is not None and got.value == "2009"


def test_date_for_span_falls_back_to_none() -> None:
    text = "In 2009 trade rose. Then the ban ended."
    exprs = exprs_of(text)
    second = Sentence("d", text.index("Then"), len(text))
    assert date_for_span(second.start, second.end, exprs, second) is None
    assert date_for_span(text.index("trade"), len(text), exprs, None) is None


FRAGMENTS = [
    "in 1948",
    "June 2014",
    "on 12 June 2014",
    "the 1970s and 80s",
    "AMAN-2021",
    "last year",
    "a month ago",
    "10 years prior",
    "recently",
    "$2014 million",
    "CASA-1000",
    "1,100-kilometer",
    "S-400",
    "65. Year",
    "on Monday",
    "2014-15",
    ",",
    ".",
    "trade",
    "\n",
]


@settings(deadline=None, max_examples=200)
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=8), max_size=25))
def test_every_expression_quotes_its_span(parts: list[str]) -> None:
    text = " ".join(parts)
    for ref in (REF, None):
        exprs = exprs_of(text, ref)
        for e in exprs:
            assert text[e.start : e.end] == e.text
        assert all(a.end <= b.start for a, b in pairwise(exprs))
    est = estimate_document_date(doc_of(text), exprs_of(text, None))
    assert est.precision in ("day", "month", "year", "decade")


def test_demo_corpus_years_and_estimates() -> None:
    values: set[str] = set()
    for path in sorted(EXAMPLES.glob("*.txt")):
        est, exprs = resolve_document_dates(doc_of(path.read_text("utf-8")))
        assert "2018" <= est.date <= "2021", (path.name, est)
        values.update(e.value for e in exprs if not e.derived)
    assert {"1948", "2005", "2010", "2014", "2016"} <= values
    assert {"2014-06", "1970s", "1980s", "2021"} <= values
