"""The dossier's content on a store filled by hand: chronology, figures, irritants, lineage.

The store mimics the demo corpus in miniature: an op-ed (1), a spun copy of it (2), an
independent article (3) and a machine-translated one (4). ``fill_store`` is shared with the
HTML, Markdown and browser tests.
"""

from __future__ import annotations

import itertools
import re
from itertools import combinations
from pathlib import Path

import pytest

from dyadwatch.model import (
    Actor,
    Claim,
    ClusterMember,
    Contradiction,
    DocActors,
    DocExtraction,
    Document,
    DyadIndexRow,
    Event,
    FusedEvent,
    FusionResult,
    Irritant,
    LineageEdge,
    Mention,
    ReuseResult,
    ReuseSignal,
    Sentence,
    Statement,
)
from dyadwatch.report import build_dossier
from dyadwatch.report.dossier import Dossier
from dyadwatch.store import Store

DOCS = {
    "d-orig": (
        "Can COVID-19 Draw Pakistan and Russia Closer?",
        [
            "Pakistan and Russia established diplomatic relations in 1948.",
            "In 2014 Russia lifted its arms embargo on Pakistan.",
            "Bilateral trade between Pakistan and Russia stood at $270 million in 2019.",
            "Russia's support for India remains a thorn in Pakistan-Russia relations.",
        ],
    ),
    "d-copy": (
        "Russia and Pakistan New Strategy",
        [
            "Pakistan and Russia formalised political relations in 1948.",
            "In 2014 Russia lifted its arms ban on Pakistan.",
            "Two-sided exchange between Pakistan and Russia stood at $270 million in 2019.",
        ],
    ),
    "d-indep": (
        "Pak Russia Relations <and> contemporary scenarios",
        [
            "Russia lifted the embargo on arms supplies to Pakistan in June 2014.",
            "The first joint military exercise of Russia and Pakistan was held in 2016.",
            "Trade between Pakistan and Russia rose to $411.4 million in 2009.",
            "Trade between Pakistan and Russia stood at $450 million in 2018.",
            "Pakistan's refusal to recognise Armenia irritates Moscow.",
        ],
    ),
    "d-mt": (
        "Pakistan-Russia Relationship: Future Prospects",
        [
            "The current trade volume of Russia and Pakistan stands at around 580 million. "
            "USD in 2019.",
            "Pakistan should seek Russian help to join the Nuclear Suppliers Group.",
            "India and Pakistan held talks in 2019.",
        ],
    ),
}
PATHS = {"d-orig": "000.txt", "d-copy": "001.txt", "d-indep": "002.txt", "d-mt": "003.txt"}
COUNTRIES = {"Pakistan": "PAK", "Russia": "RUS", "Moscow": "RUS", "India": "IND", "Armenia": "ARM"}
NAMES = {"PAK": "Pakistan", "RUS": "Russia", "IND": "India", "ARM": "Armenia"}


def text_of(doc_id: str) -> str:
    return " ".join(DOCS[doc_id][1])


def span(doc_id: str, sentence: int) -> tuple[int, int]:
    """The span of a sentence of a document (by number)."""
    text, wanted = text_of(doc_id), DOCS[doc_id][1][sentence]
    start = text.index(wanted)
    return start, start + len(wanted)


def _actors(doc_id: str) -> DocActors:
    text = text_of(doc_id)
    mentions, sentences = [], []
    for i in range(len(DOCS[doc_id][1])):
        start, end = span(doc_id, i)
        found = set()
        for m in re.finditer("|".join(COUNTRIES), text[start:end]):
            code = COUNTRIES[m.group()]
            found.add(code)
            mentions.append(
                Mention(doc_id, start + m.start(), start + m.end(), m.group(), code, "name")
            )
        dyads = sorted(f"{x}-{y}" for x, y in combinations(sorted(found), 2))
        sentences.append(Sentence(doc_id, start, end, dyads))
    actors = [Actor(c, n, "country", c) for c, n in NAMES.items()]
    return DocActors(doc_id, actors, mentions, sentences)


def _event(eid: str, doc_id: str, n: int, source: str, target: str, plover: str,
           goldstein: float, date: str) -> Event:  # fmt: skip
    start, end = span(doc_id, n)
    return Event(eid, doc_id, start, end, text_of(doc_id)[start:end], source, target, plover,
                 "05", 2, goldstein, date=date, date_precision="year")  # fmt: skip


def _claim(cid: str, doc_id: str, n: int, value: float, period: str) -> Claim:
    start, end = span(doc_id, n)
    return Claim(cid, doc_id, start, end, text_of(doc_id)[start:end], value, "USD", value,
                 "trade_volume", "PAK-RUS", period, "currency")  # fmt: skip


EVENTS = [
    _event("e1", "d-orig", 0, "PAK", "RUS", "AGREE", 5.0, "1948"),
    _event("e2", "d-copy", 0, "PAK", "RUS", "AGREE", 5.0, "1948"),
    _event("e3", "d-orig", 1, "RUS", "PAK", "RETREAT", 7.0, "2014"),
    _event("e4", "d-copy", 1, "RUS", "PAK", "RETREAT", 7.0, "2014"),
    _event("e5", "d-indep", 0, "RUS", "PAK", "RETREAT", 7.0, "2014-06"),
    _event("e6", "d-indep", 1, "RUS", "PAK", "COOPERATE", 6.0, "2016"),
]
CLAIMS = [
    _claim("c1", "d-orig", 2, 270e6, "2019"),
    _claim("c2", "d-copy", 2, 270e6, "2019"),
    _claim("c3", "d-indep", 2, 411.4e6, "2009"),
    _claim("c4", "d-indep", 3, 450e6, "2018"),
    _claim("c5", "d-mt", 0, 580e6, "2019"),
]


#: Where the fused events happened: two in Moscow (one point on the map), one in Rawalpindi.
MOSCOW = ("G:524901", "Moscow", "city", "RUS", 55.752, 37.6178, "city")
RAWALPINDI = ("G:1166993", "Rawalpindi", "city", "PAK", 33.5973, 73.0479, "city")
PLACES = {"f1": MOSCOW, "f2": MOSCOW, "f3": RAWALPINDI}


def _fusion() -> FusionResult:
    result = _fusion_records()
    lifted = result.fused[1]
    lifted.date_basis = "relative"  # "last June": a date worked out from the story's date
    lifted.num_outlets = 1  # its three documents come from one outlet
    for f in result.fused:
        (f.place_id, f.place_name, f.place_kind, f.place_country, f.place_lat, f.place_lon,
         f.place_precision) = PLACES[f.fused_id]  # fmt: skip
    return result


def _fusion_records() -> FusionResult:
    def fused(fid: str, date: str, source: str, target: str, plover: str, g: float,
              ids: list[str], sources: int, domain: str, summary: str) -> FusedEvent:  # fmt: skip
        articles = len({e.doc_id for e in EVENTS if e.event_id in ids})
        return FusedEvent(fid, date, "year", source, target, plover, "05", g, len(ids),
                          articles, sources, ids, 2, domain, summary)  # fmt: skip

    orig_india, indep_armenia = span("d-orig", 3), span("d-indep", 4)
    return FusionResult(
        fused=[
            fused(
                "f1",
                "1948",
                "PAK",
                "RUS",
                "AGREE",
                5.0,
                ["e1", "e2"],
                1,
                "diplomacy",
                "established diplomatic relations",
            ),
            fused(
                "f2",
                "2014-06",
                "RUS",
                "PAK",
                "RETREAT",
                7.0,
                ["e3", "e4", "e5"],
                2,
                "defence",
                "lifted the arms embargo",
            ),
            fused(
                "f3",
                "2016",
                "RUS",
                "PAK",
                "COOPERATE",
                6.0,
                ["e6"],
                1,
                "defence",
                "first joint military exercise",
            ),
        ],
        contradictions=[
            Contradiction(
                "x1",
                "trade_volume",
                "PAK-RUS",
                "2019",
                ["c1", "c2", "c5"],
                "contradiction",
                "$270 million and $580 million for 2019",
            ),
            Contradiction(
                "x2",
                "trade_volume",
                "PAK-RUS",
                None,
                ["c3", "c4"],
                "different_period",
                "2009 and 2018 are different periods",
            ),
            Contradiction(
                "x3",
                "trade_volume",
                "PAK-RUS",
                None,
                ["c3", "c5"],
                "copy_distortion",
                "the copy changes the figure",
            ),
        ],
        index=[
            DyadIndexRow("PAK-RUS", "1948", 5.0, 1, 1, {"diplomacy": 1}, {"AGREE": 1}),
            DyadIndexRow("PAK-RUS", "2014", 7.0, 1, 2, {"defence": 1}, {"RETREAT": 1}),
            DyadIndexRow("PAK-RUS", "2016", 6.0, 1, 1, {"defence": 1}, {"COOPERATE": 1}),
            DyadIndexRow("IND-PAK", "2019", 1.0, 1, 1, {"diplomacy": 1}, {"CONSULT": 1}),
        ],
        irritants=[
            Irritant("PAK-RUS", "IND", [("d-orig", *orig_india, "")], "party"),
            Irritant("PAK-RUS", "ARM", [("d-indep", *indep_armenia, "")], "party"),
        ],
    )


def fill_store(path: Path) -> Store:
    """A store with documents, actors, events, claims, statements, lineage and fusion."""
    store = Store(path)
    store.add_documents(
        [Document(d, d, PATHS[d], text_of(d), title=t) for d, (t, _) in DOCS.items()]
    )
    extractions = [DocExtraction(d, _actors(d)) for d in DOCS]
    by_doc = {x.doc_id: x for x in extractions}
    for e in EVENTS:
        by_doc[e.doc_id].events.append(e)
    for c in CLAIMS:
        by_doc[c.doc_id].claims.append(c)
    s, e = span("d-mt", 1)
    by_doc["d-mt"].statements.append(
        Statement("d-mt", s, e, text_of("d-mt")[s:e], "PAK", "RUS", "REQUEST", "recommendation")
    )
    store.add_extractions(extractions, "v1")
    groups = [("g1", "d-orig"), ("g1", "d-copy"), ("g2", "d-indep"), ("g3", "d-mt")]
    store.replace_reuse(
        ReuseResult(
            lineage=[LineageEdge("d-copy", "d-orig", "spun", "spun phrases kept: 2")],
            groups=[ClusterMember(g, d) for g, d in groups],
            signals=[
                ReuseSignal("d-orig", 0.9, 0.0, ['spinner phrase "likewise" ×3']),
                ReuseSignal("d-copy", 0.6, 0.0, ['spinner phrase "presently" ×1']),
                ReuseSignal("d-mt", 0.1, 0.8, ['unit cut from its number ×1 ("580 million. USD")']),
            ],
        ),
        "fp",
    )
    store.replace_fusion(_fusion(), "fp")
    return store


@pytest.fixture(scope="module")
def dossier(tmp_path_factory: pytest.TempPathFactory) -> Dossier:
    with fill_store(tmp_path_factory.mktemp("dd") / "s.duckdb") as store:
        return build_dossier(store, "RUS", "PAK")


def test_sources_are_numbered_by_path_with_their_lineage(dossier: Dossier) -> None:
    assert [s.doc_id for s in dossier.sources] == ["d-orig", "d-copy", "d-indep", "d-mt"]
    orig, copy, indep, mt = dossier.sources
    assert orig.group_label == copy.group_label != indep.group_label != mt.group_label
    assert copy.derived_from == [(1, "spun", "spun phrases kept: 2")]
    assert dossier.edges == [(2, 1, "spun", "spun phrases kept: 2")]
    assert orig.flags == ["spun text (0.90)"] and mt.flags == ["machine-translated (0.80)"]
    assert indep.flags == []


def test_chronology_follows_fused_events_with_reprints_flagged(dossier: Dossier) -> None:
    chrono = dossier.chronology
    assert chrono.basis == "fused"
    fused = [e for e in chrono.entries if e.kind == "fused"]
    assert [(e.date, e.label) for e in fused] == [
        ("1948", "Pakistan → Russia: established diplomatic relations"),
        ("2014-06", "Russia → Pakistan: lifted the arms embargo"),
        ("2016", "Russia → Pakistan: first joint military exercise"),
    ]
    embargo = fused[1]
    assert (embargo.mentions, embargo.articles, embargo.sources) == (3, 3, 2)
    flags = [(c.quote.source, c.reprint_of, c.relation) for c in embargo.cited]
    assert flags == [(1, None, ""), (2, 1, "spun"), (3, None, "")]


def test_dated_sentences_without_an_event_stay_in_the_chronology(dossier: Dossier) -> None:
    years = [y for y, _ in dossier.chronology.years]
    assert years == ["1948", "2009", "2014", "2016", "2018", "2019"]
    (mentions,) = dict(dossier.chronology.years)["2019"]
    assert mentions.kind == "mentions"
    quoted = {c.quote.text for c in mentions.cited}
    assert "India and Pakistan held talks in 2019." not in quoted  # another dyad
    assert DOCS["d-mt"][1][0] in quoted


def test_every_quote_is_the_exact_slice_of_its_document(dossier: Dossier) -> None:
    assert dossier.quotes
    for q in dossier.quotes:
        assert text_of(q.doc_id)[q.start : q.end] == q.text
        assert q.anchor == f"q-{q.doc_id}-{q.start}-{q.end}"


def test_figures_explain_contradictions_and_differences_of_period(dossier: Dossier) -> None:
    (trade,) = dossier.figures
    assert trade.label == "Trade volume"
    assert [(r.amount, r.period, r.quote.source) for r in trade.rows] == [
        ("$411.4 million", "2009", 3),
        ("$450 million", "2018", 3),
        ("$270 million", "2019", 1),
        ("$270 million", "2019", 2),
        ("$580 million", "2019", 4),
    ]
    assert trade.rows[3].repeats == 1  # the spun copy repeats the original's figure
    clash, period, copy = trade.issues
    assert clash.kind == "contradiction" and period.kind == "different_period"
    assert copy.kind == "copy_distortion" and copy.kind_label == "copy distortion"
    assert copy.explanation.startswith("A copy changes its source's figure: $411.4 million")
    assert clash.explanation == (
        "The sources disagree for 2019: $270 million (source 1); $270 million (source 2); "
        "$580 million (source 4)."
    )
    assert period.explanation.startswith("Not a contradiction: the figures refer to different")
    assert "$411.4 million for 2009 (source 3)" in period.explanation
    assert trade.rows[0].marks == [("cx-2", "different period"), ("cx-3", "copy distortion")]


def test_irritants_and_outlook_quote_their_evidence(dossier: Dossier) -> None:
    assert [(i.name, i.kind, i.sources) for i in dossier.irritants] == [
        ("Armenia", "party", 1),
        ("India", "party", 1),
    ]
    (quote,) = [c.quote.text for c in dossier.irritants[1].cited]
    assert quote == DOCS["d-orig"][1][3]
    ((modality, items),) = dossier.outlook
    assert modality == "recommendation" and items[0].who == "Pakistan → Russia"


def test_summary_names_what_matters(dossier: Dossier) -> None:
    facts = dict(dossier.summary.facts)
    assert facts["documents"] == "4" and facts["independent sources"] == "3"
    assert facts["index 2016"] == "+6.0"
    text = " ".join(p.text for p in dossier.summary.points)
    assert "Best attested: Russia → Pakistan: lifted the arms embargo (2014-06, 2 sources)" in text
    assert "1 contradiction, 1 copy distortion, 1 difference of period, date or bound" in text
    assert (
        "latest trade volume disputed for 2019: $270 million (sources 1, 2) against "
        "$580 million (source 4)" in text
    )
    assert "Irritants: Armenia (1 source), India (1 source)" in text
    assert "source 4 machine-translated (0.80)" in text


def test_charts_are_specs_with_inline_data(dossier: Dossier) -> None:
    assert set(dossier.charts) == {"timeline", "map", "index", "actors", "lineage"}
    for chart in dossier.charts.values():
        assert "url" not in str(chart.spec.get("data", {}))
        assert chart.alt
    hrefs = set(dossier.charts["timeline"].tips)
    assert {f"#{e.anchor}" for e in dossier.chronology.entries} == hrefs


def test_entries_carry_the_place_of_their_fused_event(dossier: Dossier) -> None:
    entries = dossier.chronology.entries
    fused = [e for e in entries if e.kind == "fused"]
    assert [(e.anchor, e.place_id, e.place_country, e.place_precision, e.where) for e in fused] == [
        ("ev-1", "G:524901", "RUS", "city", "in Moscow"),
        ("ev-2", "G:524901", "RUS", "city", "in Moscow"),
        ("ev-3", "G:1166993", "PAK", "city", "in Rawalpindi"),
    ]
    assert all(e.place_id is None and e.where == "" for e in entries if e.kind == "mentions")


def test_entries_at_one_place_are_one_point_of_the_map(dossier: Dossier) -> None:
    places = dossier.chronology.places
    assert [(p.name, [e.anchor for e in p.entries], p.sources) for p in places] == [
        ("Moscow", ["ev-1", "ev-2"], 3),
        ("Rawalpindi", ["ev-3"], 1),
    ]
    assert places[0].goldstein == pytest.approx((5.0 * 1 + 7.0 * 2) / 3)
    chart = dossier.charts["map"]
    (points,) = [layer["data"]["values"] for layer in chart.spec["layer"]
                 if layer["mark"]["type"] == "circle"]  # fmt: skip
    assert [(p["name"], p["href"], p["sources"]) for p in points] == [
        ("Moscow", "#ev-1", 3),
        ("Rawalpindi", "#ev-3", 1),
    ]
    assert set(chart.tips) == {"#ev-1", "#ev-3"}
    assert chart.tips["#ev-1"].splitlines() == [
        "Moscow: 2 events",
        "1948 · AGREE · Pakistan → Russia: established diplomatic relations",
        "2014-06 · RETREAT · Russia → Pakistan: lifted the arms embargo",
    ]
    assert chart.alt == (
        "3 of 3 events placed, at 2 places; busiest: Moscow (2), Rawalpindi (1). "
        "Pakistan and Russia are shaded."
    )


def _strings(node: object, key: str = "") -> list[tuple[str, str]]:
    """Every (key, string) of a JSON document, at any depth."""
    if isinstance(node, dict):
        return [pair for k, v in node.items() for pair in _strings(v, str(k))]
    if isinstance(node, list):
        return [pair for v in node for pair in _strings(v, key)]
    return [(key, node)] if isinstance(node, str) else []


def test_the_map_carries_its_world_and_fetches_nothing(dossier: Dossier) -> None:
    spec = dossier.charts["map"].spec
    keys = {k for k, _ in _strings(spec)}
    assert "url" not in keys
    assert [v for k, v in _strings(spec) if "//" in v and k != "$schema"] == []
    shapes = [layer["data"] for layer in spec["layer"] if layer["mark"]["type"] == "geoshape"]
    assert shapes == [{"sphere": True}, {"name": "world"}, {"name": "pair"}]
    assert [f["id"] for f in spec["datasets"]["pair"]] == ["PAK", "RUS"]
    others = {f["id"] for f in spec["datasets"]["world"]}
    assert {"CHN", "KAZ", "IND"} <= others and not others & {"PAK", "RUS", "BRA", "AUS"}
    projection = spec["projection"]
    assert projection["type"] == "equalEarth" and projection["fit"]["geometry"]["coordinates"]


def test_the_map_fits_the_places_and_the_two_states_with_a_margin() -> None:
    from dyadwatch.report import geo

    box = geo.extent([(37.6, 55.8), (73.0, 33.6)], ("PAK", "RUS"))
    # Kaliningrad (19.6° E) to Chukotka (169° W, across the antimeridian: the short way
    # round), Pakistan's south coast (23.7° N) to the Arctic islands, and a margin.
    assert 0 < box.west < 19 and 191 < box.east < 210
    assert 5 < box.south < 23 and box.north == geo.MAX_LAT
    small = geo.extent([(44.4, 33.3)], ())
    assert small.width >= geo.MIN_SPAN and small.south < 33.3 - geo.MIN_SPAN / 2

    # outer rings clockwise and holes counter-clockwise, as d3 draws them, in every outline
    def area(ring: list[list[float]]) -> float:
        return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in itertools.pairwise(ring))

    for shape in geo.outlines().values():
        for outer, *holes in shape.feature["geometry"]["coordinates"]:
            assert area(outer) < 0 and all(area(h) > 0 for h in holes), shape.iso3


def test_an_empty_store_gives_a_dossier_of_empty_sections(tmp_path: Path) -> None:
    with Store(tmp_path / "e.duckdb") as store:
        d = build_dossier(store, "PAK", "RUS")
    assert d.chronology.basis == "none" and d.chronology.entries == []
    assert d.figures == [] and d.irritants == [] and d.index == [] and d.sources == []
    assert d.charts == {}
    assert d.summary.points[0].text == "No stored document speaks of Pakistan and Russia together."
