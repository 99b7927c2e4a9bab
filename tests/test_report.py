"""The dyad dossier, on a store filled by hand."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from dyadwatch.model import Actor, DocActors, DocExtraction, Document, Event, Mention, Sentence
from dyadwatch.report import build_dossier, render, store_summary
from dyadwatch.report.chronology import PLACE_FIELDS
from dyadwatch.store import Store

TEXT = (
    "Relations began in 1948. "
    "In 2014 Moscow lifted its arms embargo on Islamabad. "
    "Lavrov met the Pakistani minister. "
    "Kazakhstan and Finland signed nothing."
)


def _fill(store: Store) -> None:
    doc = Document("d1", "src-1", "a.txt", TEXT, title="Ties <b>old</b> & new")
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^.]+\.\s?", TEXT)]
    spans = [(s, e - (1 if TEXT[e - 1] == " " else 0)) for s, e in spans]
    moscow, islamabad = TEXT.index("Moscow"), TEXT.index("Islamabad")
    lavrov, pakistani = TEXT.index("Lavrov"), TEXT.index("Pakistani")
    store.add_documents([doc])
    result = DocActors(
        "d1",
        actors=[
            Actor("RUS", "Russia", "country", "RUS"),
            Actor("PAK", "Pakistan", "country", "PAK"),
            Actor("PER:sergey_lavrov", "Sergey Lavrov", "person", "RUS", "Foreign Minister"),
        ],
        mentions=[
            Mention("d1", moscow, moscow + 6, "Moscow", "RUS", "capital"),
            Mention("d1", islamabad, islamabad + 9, "Islamabad", "PAK", "capital"),
            Mention("d1", lavrov, lavrov + 6, "Lavrov", "PER:sergey_lavrov", "person"),
            Mention("d1", pakistani, pakistani + 9, "Pakistani", "PAK", "demonym"),
        ],
        sentences=[
            Sentence("d1", spans[0][0], spans[0][1], []),
            Sentence("d1", spans[1][0], spans[1][1], ["PAK-RUS"]),
            Sentence("d1", spans[2][0], spans[2][1], ["PAK-RUS"]),
            Sentence("d1", spans[3][0], spans[3][1], ["FIN-KAZ"]),
        ],
    )
    store.add_actor_results([result], "v1")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "r.duckdb")
    _fill(s)
    return s


def test_dossier_files_statements_by_year_with_their_quotes(store: Store) -> None:
    d = build_dossier(store, "RUS", "PAK")
    assert d.dyad == "PAK-RUS"
    assert [year for year, _ in d.by_year] == ["2014"]
    (st,) = d.by_year[0][1]
    assert (
        TEXT[st.start : st.end]
        == st.quote
        == "In 2014 Moscow lifted its arms embargo on Islamabad."
    )
    assert [s.quote for s in d.undated] == ["Lavrov met the Pakistani minister."]
    assert {a["actor_id"] for a in d.actors} == {"RUS", "PAK", "PER:sergey_lavrov"}
    assert [s.doc_id for s in d.sources] == ["d1"]


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.external: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(str(a["id"]))
        if tag == "a" and a.get("href"):
            self.hrefs.append(str(a["href"]))
        for key in ("src", "href"):
            value = a.get(key) or ""
            if value.startswith(("http:", "https:", "//")):
                self.external.append(value)


def test_html_links_every_statement_to_its_quote_and_loads_nothing(store: Store) -> None:
    html = render(build_dossier(store, "PAK", "RUS"), "html")
    parser = _Collector()
    parser.feed(html)
    assert parser.hrefs, "statements must link to their evidence"
    assert all(h.startswith("#") and h[1:] in parser.ids for h in parser.hrefs)
    assert parser.external == []
    assert "Ties &lt;b&gt;old&lt;/b&gt; &amp; new" in html  # titles are escaped


def test_markdown_has_the_same_statements(store: Store) -> None:
    md = render(build_dossier(store, "PAK", "RUS"), "md")
    assert "### 2014" in md
    assert "In 2014 Moscow lifted its arms embargo on Islamabad." in md
    assert "| Sergey Lavrov (`PER:sergey_lavrov`) | person | RUS | Foreign Minister |" in md


EMPTY_LINES = [
    "No dated statement about this pair.",
    "No index for this pair yet: the fuse stage has not scored it.",
    "No figure about this pair in the sources.",
    "No irritant found for this pair.",
    "No speculation, recommendation or prediction recorded for this pair.",
    "No actor named in sentences about this pair.",
    "No source speaks of this pair.",
]


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_a_dyad_nobody_speaks_of_gives_an_empty_dossier(store: Store, fmt: str) -> None:
    d = build_dossier(store, "PAK", "FIN")
    assert d.statements == [] and d.sources == [] and d.charts == {}
    page = render(d, fmt)
    for line in EMPTY_LINES:
        assert line in page


def test_sections_without_their_tables_say_so_in_one_line(store: Store) -> None:
    """Sentences and actors only (no events, figures, fusion): the chronology falls back to
    the years the sentences name, and the other sections say they are empty."""
    d = build_dossier(store, "PAK", "RUS")
    assert d.chronology.basis == "sentences"
    assert [y for y, _ in d.chronology.years] == ["2014"]
    html = render(d, "html")
    assert 'id="y-2014"' in html and "No event is coded for this pair yet" in html
    for line in EMPTY_LINES[1:5]:
        assert line in html


def test_summary_counts_and_ranks_dyads(store: Store) -> None:
    text = store_summary(store)
    assert "documents: 1 stored, 0 rejected" in text
    assert re.search(r"PAK-RUS\s+2 / 1", text)


def test_a_sentence_without_actors_continues_the_one_before(tmp_path: Path) -> None:
    text = (
        "Russia lifted its ban on Pakistan in 2014. The first joint drill was held in 2016."
        "\nIt rained in 2017."
    )
    cut1, cut2 = text.index(" The"), text.index("\nIt")
    with Store(tmp_path / "c.duckdb") as store:
        store.add_documents([Document("d2", "s", "b.txt", text)])
        store.add_actor_results(
            [
                DocActors(
                    "d2",
                    sentences=[
                        Sentence("d2", 0, cut1, ["PAK-RUS"]),
                        Sentence("d2", cut1 + 1, cut2, []),
                        Sentence("d2", cut2 + 1, len(text), []),
                    ],
                )
            ],
            "v1",
        )
        d = build_dossier(store, "PAK", "RUS")
    assert [y for y, _ in d.by_year] == ["2014", "2016"]
    assert [s.inherited for s in d.statements] == [False, True]


def test_an_event_nothing_dates_is_shown_undated(tmp_path: Path) -> None:
    """Issue 9: background with no date of its own is "undated", not the story's year."""
    from dyadwatch.config import Config
    from dyadwatch.run.local import analyze

    story = {
        "id": "w1",
        "date": "1987-03-27",
        "text": "Iran said today it attacked Iraq.\n\nIraq had bombed Iran.",
    }
    path = tmp_path / "wire.jsonl"
    path.write_text(json.dumps(story), encoding="utf-8")
    with Store(tmp_path / "u.duckdb") as store:
        analyze([str(path)], store, Config(n_process=1))
        d = build_dossier(store, "IRN", "IRQ")
        md = render(d, "md")
    assert [e.label for e in d.chronology.undated] == ["Iraq → Iran: Iraq had bombed Iran"]
    undated = md[md.index("### Undated") : md.index("## Index over time")]
    assert "Iraq had bombed Iran" in undated and "1987" not in undated.split("\n")[2]


REPORTS = {
    "r1": "Russian and Pakistani officials held talks in Moscow in 2019.",
    "r2": "Russia and Pakistan held talks in 2019. Russia sold helicopters to Pakistan in 2019.",
}


def _reports(path: Path, placed: bool) -> Store:
    """Event mentions without fusion: two reports of the 2019 talks, one naming Moscow (when
    ``placed``), and a sale no report places."""
    store = Store(path)
    store.add_documents([Document(d, d, f"{d}.txt", t) for d, t in REPORTS.items()])
    moscow = ("G:524901", "Moscow", "city", "RUS", 55.752, 37.6178, "city") if placed else ()

    def event(eid: str, doc: str, n: int, plover: str, *where: object) -> Event:
        text = REPORTS[doc]
        start = 0 if n == 0 else text.index(". ") + 2
        end = text.index(".", start) + 1
        place: dict[str, Any] = dict(zip(PLACE_FIELDS, where, strict=False))
        return Event(eid, doc, start, end, text[start:end], "RUS", "PAK", plover, "04", 1, 1.0,
                     date="2019", date_precision="year", **place)  # fmt: skip

    extraction = [DocExtraction(d, DocActors(d)) for d in REPORTS]
    extraction[0].events = [event("e1", "r1", 0, "CONSULT", *moscow)]
    extraction[1].events = [event("e2", "r2", 0, "CONSULT"), event("e3", "r2", 1, "AID")]
    store.add_extractions(extraction, "v1")
    return store


def test_event_mentions_shown_together_take_the_place_one_of_them_gives(tmp_path: Path) -> None:
    with _reports(tmp_path / "p.duckdb", placed=True) as store:
        d = build_dossier(store, "PAK", "RUS")
    assert d.chronology.basis == "events"
    talks, sale = [e for e in d.chronology.entries if e.kind == "event"]
    assert (talks.plover, talks.mentions, talks.where, talks.place_lat) == (
        "CONSULT", 2, "in Moscow", 55.752)  # fmt: skip
    assert (sale.plover, sale.place_id, sale.where) == ("AID", None, "")
    chart = d.charts["map"]
    assert list(chart.tips) == [f"#{talks.anchor}"]
    assert "Moscow: 1 event" in chart.tips[f"#{talks.anchor}"]
    assert chart.alt.startswith("1 of 2 events placed, at 1 place; busiest: Moscow (1).")
    assert 'id="chart-map"' in render(d, "html")


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_no_map_without_a_place(tmp_path: Path, store: Store, fmt: str) -> None:
    with _reports(tmp_path / "n.duckdb", placed=False) as events:
        unplaced = build_dossier(events, "PAK", "RUS")
    sentences = build_dossier(store, "PAK", "RUS")  # no event at all
    for d in (unplaced, sentences):
        assert "map" not in d.charts and d.chronology.places == []
        page = render(d, fmt, assets="x_files")
        assert "chart-map" not in page and "Map of events" not in page
    assert "timeline" in unplaced.charts
