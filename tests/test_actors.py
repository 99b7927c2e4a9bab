"""Actors: the gazetteer (ontology/) and the spaCy actor extractor (extract/actors.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyadwatch.config import Config
from dyadwatch.extract.actors import ActorExtractor, extract_actors
from dyadwatch.extract.gazetteer import COMPONENT
from dyadwatch.model import DocActors, Document
from dyadwatch.ontology import fold, load_gazetteer, resolve_country

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "pak-rus"
ONTOLOGY = Path(__file__).resolve().parents[1] / "src" / "dyadwatch" / "ontology"


@pytest.fixture(scope="module")
def extractor() -> ActorExtractor:
    return ActorExtractor(Config())


def run(extractor: ActorExtractor, text: str, date: str | None = None) -> DocActors:
    doc = Document(doc_id="t", source_id="t", path="t.txt", text=text, date=date)
    result = extractor(doc)
    for m in result.mentions:
        assert text[m.start : m.end] == m.text
    return result


def mentions(result: DocActors) -> list[tuple[str, str, str]]:
    return [(m.text, m.actor_id, m.how) for m in result.mentions]


def actor(result: DocActors, actor_id: str) -> tuple[str | None, str | None]:
    a = next(a for a in result.actors if a.actor_id == actor_id)
    return a.country, a.role


# --- the gazetteer ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("Pakistan", "PAK"),
        ("russia", "RUS"),
        ("RUS", "RUS"),
        ("rus", "RUS"),
        ("United States", "USA"),
        ("USA", "USA"),
        ("US", "USA"),
        ("PK", "PAK"),
        ("UK", "GBR"),
        ("Russian Federation", "RUS"),
        ("Türkiye", "TUR"),
        ("Turkey", "TUR"),
        ("Ivory Coast", "CIV"),
        ("Soviet Union", "RUS"),
        ("Tanzania", "TZA"),
        ("Kazakhstan", "KAZ"),
        ("Azeri", "AZE"),
    ],
)
def test_resolve_country(name: str, iso3: str) -> None:
    assert resolve_country(name) == iso3


@pytest.mark.parametrize("name", ["", "  ", "Atlantis", "XX", "the West"])
def test_resolve_country_unknown(name: str) -> None:
    assert resolve_country(name) is None


def test_gazetteer_covers_every_un_member() -> None:
    g = load_gazetteer()
    members = [c for c in g.countries.values() if c.un_member]
    assert len(members) == 193
    named = {a.target for a in g.aliases.values() if a.kind == "country" and a.how == "name"}
    assert {c.iso3 for c in members} <= named
    for c in members:  # the capital names the state, unless it is the state's name or ambiguous
        alias = g.aliases[fold(c.capital)]
        assert (alias.target, alias.how) in {(c.iso3, "capital"), (c.iso3, "name"), ("", "block")}


def test_a_soviet_official_coded_by_his_republic_was_soviet_before_its_independence() -> None:
    people = load_gazetteer().people
    # coded only as Georgian elite before 1992: the Soviet foreign minister in 1987
    shevardnadze = people["PER:eduard_shevardnadze"]
    assert shevardnadze.country_on("1987-04-13") == "RUS"
    assert shevardnadze.country_on("1995-06-01") == "GEO"
    # an office of the republic itself before independence keeps the republic
    assert people["PER:askar_akayev"].country_on("1991-06-01") == "KGZ"


def test_data_files_stay_small() -> None:
    # The people of every era (about 17,500 dated officials) are most of it: a few MB at most.
    total = sum(p.stat().st_size for p in ONTOLOGY.iterdir() if p.suffix in {".csv", ".json"})
    assert total < 3_000_000


# --- countries ----------------------------------------------------------------------------


def test_capitals_and_seats_are_metonyms(extractor: ActorExtractor) -> None:
    r = run(extractor, "Moscow and Islamabad agreed, while New Delhi and the White House waited.")
    assert mentions(r) == [
        ("Moscow", "RUS", "capital"),
        ("Islamabad", "PAK", "capital"),
        ("New Delhi", "IND", "capital"),
        ("White House", "USA", "seat"),
    ]
    r = run(extractor, "The Kremlin said Beijing would host the talks.")
    assert mentions(r) == [("Kremlin", "RUS", "seat"), ("Beijing", "CHN", "capital")]


def test_demonyms(extractor: ActorExtractor) -> None:
    r = run(extractor, "Pakistani and Russian troops met Azeri and Belarusian officials.")
    assert [(t, a) for t, a, _ in mentions(r)] == [
        ("Pakistani", "PAK"),
        ("Russian", "RUS"),
        ("Azeri", "AZE"),
        ("Belarusian", "BLR"),
    ]
    assert {h for _, _, h in mentions(r)} == {"demonym"}


def test_hyphenated_compounds(extractor: ActorExtractor) -> None:
    text = (
        "Pak-Russia ties, Pakistan-Russia talks, an Urdu-Russian dictionary, "
        "Soviet-Pakistan relations and an Indo-Pak dialogue."
    )
    r = run(extractor, text)
    assert [(t, a) for t, a, _ in mentions(r)] == [
        ("Pak", "PAK"),
        ("Russia", "RUS"),
        ("Pakistan", "PAK"),
        ("Russia", "RUS"),
        ("Urdu", "PAK"),
        ("Russian", "RUS"),
        ("Soviet", "RUS"),
        ("Pakistan", "PAK"),
        ("Indo", "IND"),
        ("Pak", "PAK"),
    ]


def test_combining_forms_need_a_partner(extractor: ActorExtractor) -> None:
    r = run(extractor, "The Indo-Pacific strategy and Urdu poetry, unlike Sino-Indian trade.")
    assert [(t, a) for t, a, _ in mentions(r)] == [("Sino", "CHN"), ("Indian", "IND")]


@pytest.mark.parametrize(
    "text",
    [
        "Let us hope the talks go well.",
        "LET US KNOW WHAT YOU THINK.",
        "Markets in Latin America and the Indian Ocean rim rallied.",
        "They ate turkey and bought china plates.",
    ],
)
def test_words_that_are_not_states(extractor: ActorExtractor, text: str) -> None:
    assert run(extractor, text).mentions == []


def test_short_forms(extractor: ActorExtractor) -> None:
    r = run(extractor, "US troops left; U.S.-Pakistan talks resumed and the UK and USA agreed.")
    assert [(t, a) for t, a, _ in mentions(r)] == [
        ("US", "USA"),
        ("U.S.", "USA"),
        ("Pakistan", "PAK"),
        ("UK", "GBR"),
        ("USA", "USA"),
    ]


def test_states_outside_the_demo(extractor: ActorExtractor) -> None:
    r = run(extractor, "Finland and Tanzania signed a trade deal with Kazakhstan in Astana.")
    assert [a for _, a, _ in mentions(r)] == ["FIN", "TZA", "KAZ"]  # Astana is the venue
    assert r.sentences[0].dyads == ["FIN-KAZ", "FIN-TZA", "KAZ-TZA"]


def test_historical_states_map_to_successors(extractor: ActorExtractor) -> None:
    r = run(extractor, "The Soviet Union invaded Afghanistan; the USSR withdrew in 1989.")
    assert mentions(r) == [
        ("Soviet Union", "RUS", "historical"),
        ("Afghanistan", "AFG", "name"),
        ("USSR", "RUS", "historical"),
    ]


def test_cities_are_not_states(extractor: ActorExtractor) -> None:
    r = run(extractor, "A pipeline will link Karachi to Lahore, far from Moscow.")
    assert mentions(r) == [("Moscow", "RUS", "capital")]


# --- people -------------------------------------------------------------------------------


def test_role_and_state_before_the_name(extractor: ActorExtractor) -> None:
    r = run(extractor, "Russian Foreign Minister Sergey Lavrov landed in Islamabad.")
    assert actor(r, "PER:sergey_lavrov") == ("RUS", "Foreign Minister")
    r = run(extractor, "Pakistan's President Arif Alvi spoke first.")
    assert actor(r, "PER:arif_alvi") == ("PAK", "President")


def test_names_the_gazetteer_does_not_know(extractor: ActorExtractor) -> None:
    r = run(extractor, "India's envoy to Russia, Pavan Kumar Rao, said the deal would hold.")
    assert actor(r, "PER:pavan_kumar_rao") == ("IND", "Envoy")
    r = run(extractor, "Russian Ambassador Ivan Petrovsky opened the exhibition.")
    assert actor(r, "PER:ivan_petrovsky") == ("RUS", "Ambassador")
    r = run(
        extractor, "Tanzanian Foreign Minister Amani Mushi met Ambassador Juho Virtanen of Finland."
    )
    assert actor(r, "PER:amani_mushi") == ("TZA", "Foreign Minister")
    assert actor(r, "PER:juho_virtanen") == ("FIN", "Ambassador")


def test_counterpart_gives_a_state_but_no_title(extractor: ActorExtractor) -> None:
    r = run(extractor, "Alvi held talks with his Azeri partner, Ilham Aliyev, on Monday.")
    country, _role = actor(r, "PER:ilham_aliyev")
    assert country == "AZE"


def test_apposition_after_the_name(extractor: ActorExtractor) -> None:
    r = run(extractor, "Maria Ostrova, Ukraine's deputy foreign minister, arrived in Warsaw.")
    assert actor(r, "PER:maria_ostrova") == ("UKR", "Deputy Foreign Minister")


def test_office_holders_need_no_state_in_the_text(extractor: ActorExtractor) -> None:
    r = run(extractor, "President Vladimir Putin and Prime Minister Narendra Modi met.")
    assert actor(r, "PER:vladimir_putin")[0] == "RUS"
    assert actor(r, "PER:narendra_modi")[0] == "IND"
    assert r.sentences[0].dyads == ["IND-RUS"]


def test_office_holder_role_follows_the_date(extractor: ActorExtractor) -> None:
    r = run(extractor, "Vladimir Putin spoke.", date="2010-06-01")
    assert actor(r, "PER:vladimir_putin") == ("RUS", "Prime Minister")


def test_surname_refers_back_within_the_document(extractor: ActorExtractor) -> None:
    text = (
        "Pakistan's envoy to Moscow, Ahmed Raza Qureshi, met traders. "
        "Later Qureshi said exports would grow. Putin did not comment."
    )
    r = run(extractor, text)
    qureshi = [m for m in r.mentions if m.actor_id == "PER:ahmed_raza_qureshi"]
    assert [m.text for m in qureshi] == ["Ahmed Raza Qureshi", "Qureshi"]
    assert actor(r, "PER:ahmed_raza_qureshi") == ("PAK", "Envoy")
    assert r.sentences[1].dyads == []
    assert any(m.text == "Putin" and m.actor_id == "PER:vladimir_putin" for m in r.mentions)


def test_surname_with_a_title_picks_the_fitting_person(extractor: ActorExtractor) -> None:
    text = (
        "The Pakistani diplomat to Russia, Tariq Mahmood Khan, spoke. "
        "Prime Minister Imran Khan agreed. Ambassador Khan then left for Moscow."
    )
    r = run(extractor, text)
    last = [m for m in r.mentions if m.text == "Khan"][-1]
    assert last.actor_id == "PER:tariq_mahmood_khan"
    assert r.sentences[2].dyads == ["PAK-RUS"]


# --- organisations and sentences -----------------------------------------------------------


def test_organisations(extractor: ActorExtractor) -> None:
    text = (
        "Gazprom signed a memorandum with Pakistan's Ministry of Petroleum. "
        "The Shanghai Cooperation Organization (SCO), NATO and the Nuclear Suppliers Group watched."
    )
    r = run(extractor, text)
    assert actor(r, "ORG:gazprom") == ("RUS", None)
    organ = next(a for a in r.actors if a.actor_id.startswith("ORG:pak_"))
    assert organ.country == "PAK" and organ.kind == "org"
    igos = [m.actor_id for m in r.mentions if m.how == "igo"]
    assert igos == ["IGO:SCO", "IGO:SCO", "IGO:NATO", "IGO:NSG"]
    assert r.sentences[0].dyads == ["PAK-RUS"]
    assert r.sentences[1].dyads == []


def test_sentences_and_dyads(extractor: ActorExtractor) -> None:
    text = "Pakistan and Russia signed a deal with China. Nothing else happened."
    r = run(extractor, text)
    assert [text[s.start : s.end] for s in r.sentences] == [
        "Pakistan and Russia signed a deal with China.",
        "Nothing else happened.",
    ]
    assert r.sentences[0].dyads == ["CHN-PAK", "CHN-RUS", "PAK-RUS"]
    assert r.sentences[1].dyads == []


def test_extract_actors_on_a_blank_pipeline() -> None:
    """The pure function needs only the gazetteer component: no NER, no parser."""
    nlp = spacy.blank("en")
    nlp.add_pipe(COMPONENT)
    text = "Kazakhstan and Finland met Pakistani envoys in Moscow, and Moscow agreed."
    doc = Document(doc_id="b", source_id="b", path="b", text=text)
    r = extract_actors(doc, nlp(text))
    # the first Moscow is where they met (a place), the second acts (the state)
    assert [m.actor_id for m in r.mentions] == ["KAZ", "FIN", "PAK", "RUS"]
    assert r.mentions[-1].start == text.rindex("Moscow")
    assert len(r.sentences) == 1 and r.sentences[0].dyads[0] == "FIN-KAZ"


FRAGMENTS = [
    "Pakistan and Russia met.",
    "Let us see.",
    "The Kremlin spoke.",
    "Indo-Pak talks stalled.",
    "President Vladimir Putin left.",
    "US troops stayed.",
    " ",
    "\n\n",
    "Gazprom’s deal with Islamabad’s",
    "Khan",
]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=8))
def test_every_span_quotes_its_text(extractor: ActorExtractor, parts: list[str]) -> None:
    text = " ".join(parts)
    r = run(extractor, text)
    assert all(r.doc_id == m.doc_id for m in r.mentions)
    assert {m.actor_id for m in r.mentions} == {a.actor_id for a in r.actors}
    for s in r.sentences:
        assert s.dyads == sorted(s.dyads)


# --- the demo corpus -----------------------------------------------------------------------


def test_demo_corpus(extractor: ActorExtractor) -> None:
    paths = sorted(EXAMPLES.glob("*.txt"))
    docs = [
        Document(doc_id=p.stem, source_id=p.stem, path=str(p), text=p.read_text(encoding="utf-8"))
        for p in paths
    ]
    assert len(docs) == 5
    actors = {}
    for doc, result in zip(docs, extractor.pipe(docs), strict=True):
        assert result.doc_id == doc.doc_id
        for m in result.mentions:
            assert doc.text[m.start : m.end] == m.text
        actors.update({a.actor_id: a for a in result.actors})
    for iso3 in ["RUS", "PAK", "IND", "USA", "ARM", "AZE", "AFG", "CHN"]:
        assert actors[iso3].kind == "country"
    expected = {
        "PER:vladimir_putin": "RUS",
        "PER:sergey_lavrov": "RUS",
        "PER:imran_khan": "PAK",
        "PER:arif_alvi": "PAK",
        "ORG:gazprom": "RUS",
    }
    for actor_id, iso3 in expected.items():
        assert actors[actor_id].country == iso3
    assert actors["IGO:SCO"].kind == "igo"


# --- places are places (issue 9) ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "place", "actor_ids"),
    [
        # a location, where something happened
        ("A radio report monitored in London said Iraq had fired missiles.", "London", ["IRQ"]),
        # part of a treaty's name
        ("Turkey accused Greece of breaching the 1976 Berne Agreement.", "Berne", ["TUR", "GRC"]),
        # a summit named after its venue
        ("India and Pakistan met at the Tashkent summit.", "Tashkent", ["IND", "PAK"]),
        # the seat of a court
        ("Greece went to the International Court of Justice in The Hague.", "Hague", None),
        # a dateline
        ("ANKARA, March 29 - Turkey said it would send the ship.", "ANKARA", ["TUR"]),
        # a nationality glued to a participle describes, it does not act
        ("Athens took control of a Canadian-led consortium.", "Canadian", ["GRC"]),
    ],
)
def test_places_name_no_actor(
    extractor: ActorExtractor, text: str, place: str, actor_ids: list[str] | None
) -> None:
    r = run(extractor, text)
    assert all(place not in m.text for m in r.mentions)
    if actor_ids is not None:
        assert [m.actor_id for m in r.mentions if len(m.actor_id) == 3] == actor_ids


@pytest.mark.parametrize(
    ("text", "capital", "iso3"),
    [
        ("Moscow said it would not send troops.", "Moscow", "RUS"),
        ("Washington announced new tariffs on Japan.", "Washington", "USA"),
        ("The Ankara government recalled its envoy.", "Ankara", "TUR"),
        ("Tokyo's reply reached the embassy.", "Tokyo", "JPN"),
    ],
)
def test_capitals_act_as_subjects_and_owners(
    extractor: ActorExtractor, text: str, capital: str, iso3: str
) -> None:
    r = run(extractor, text)
    assert (capital, iso3) in [(m.text, m.actor_id) for m in r.mentions]


# --- people of any era, by the text's date (issue 9) --------------------------------------


def person(r: DocActors, name: str) -> tuple[str | None, str | None]:
    """(country, sector) of the mention named ``name``."""
    m = next(m for m in r.mentions if m.text == name)
    a = next(a for a in r.actors if a.actor_id == m.actor_id)
    return a.country, m.sector


@pytest.mark.parametrize(
    ("text", "date", "name", "country", "sector"),
    [
        ("President Ronald Reagan vetoed the bill.", "1987-03-02", "Ronald Reagan", "USA", "GOV"),
        ("Reagan said he would veto the bill.", "1987-03-02", "Reagan", "USA", "GOV"),
        ("Margaret Thatcher flew to Moscow.", "1987-03-28", "Margaret Thatcher", "GBR", "GOV"),
        ("Margaret Thatcher spoke in Leeds.", "1995-05-01", "Margaret Thatcher", "GBR", "ELI"),
        # the text's title beats the dictionaries' "elite" code of the time
        ("Prime Minister Turgut Ozal left London.", "1987-03-28", "Turgut Ozal", "TUR", "GOV"),
        # and its state, where the dictionaries give only a later one
        ("Soviet Foreign Minister Eduard Shevardnadze met Shultz.", "1987-04-13",
         "Eduard Shevardnadze", "RUS", "GOV"),
    ],
)  # fmt: skip
def test_office_holders_of_any_era(
    extractor: ActorExtractor, text: str, date: str, name: str, country: str, sector: str
) -> None:
    assert person(run(extractor, text, date), name) == (country, sector)


def test_namesakes_are_told_apart_by_date(extractor: ActorExtractor) -> None:
    text = "George Bush spoke to reporters."
    r87, r05 = run(extractor, text, "1987-06-01"), run(extractor, text, "2005-06-01")
    assert r87.mentions[0].actor_id != r05.mentions[0].actor_id
    assert person(r87, "George Bush") == person(r05, "George Bush") == ("USA", "GOV")


def test_two_people_in_one_phrase(extractor: ActorExtractor) -> None:
    r = run(extractor, "Yasuhiro Nakasone and President Reagan met in Washington.", "1987-04-30")
    assert [person(r, n) for n in ("Yasuhiro Nakasone", "Reagan")] == [
        ("JPN", "GOV"),
        ("USA", "GOV"),
    ]


def test_a_monarch_is_not_found_by_surname(extractor: ActorExtractor) -> None:
    r = run(extractor, "King Hussein arrived for talks.", "1987-03-02")
    assert person(r, "Hussein")[0] != "IRQ"  # not Saddam Hussein


@pytest.mark.parametrize(
    ("text", "name", "country", "sector"),
    [
        ("Turkey's ambassador in Athens, Nazmi Akiman, met officials.", "Nazmi Akiman",
         "TUR", "GOV"),
        ("He met Greek Foreign Affairs Undersecretary Yannis Kapsis.", "Yannis Kapsis",
         "GRC", "GOV"),
        ("General Guven Ergenc, Secretary General of the Turkish General Staff, spoke.",
         "Guven Ergenc", "TUR", "MIL"),
        ("The United Nations Secretary General Javier Perez spoke.", "Javier Perez",
         "IGO:UN", "GOV"),
        # after a closing quote the small model takes the name for a work's title
        ('"The army is on alert," Egyptian General Mahmoud Farouk told a news conference.',
         "Mahmoud Farouk", "EGY", "MIL"),
    ],
)  # fmt: skip
def test_country_and_sector_from_the_title(
    extractor: ActorExtractor, text: str, name: str, country: str, sector: str
) -> None:
    assert person(run(extractor, text, "1987-03-02"), name) == (country, sector)


def test_a_surname_alone_is_the_person_named_before(extractor: ActorExtractor) -> None:
    text = "Japanese trade negotiator Makoto Kuroda arrived. Later Kuroda told reporters."
    r = run(extractor, text, "1987-04-01")
    kuroda = [m for m in r.mentions if "Kuroda" in m.text]
    assert len(kuroda) == 2 and len({m.actor_id for m in kuroda}) == 1
    assert person(r, "Makoto Kuroda")[0] == "JPN"


# --- sectors and kinds (issue 9) -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "word", "sector"),
    [
        ("Greek warships sailed towards the islands.", "Greek", "MIL"),
        ("Greek and Turkish warships sailed towards the islands.", "Turkish", "MIL"),
        ("The navy of Pakistan held drills.", "Pakistan", "MIL"),
        ("Japanese chipmakers cut prices.", "Japanese", "BUS"),
        ("Opposition groups in Zimbabwe protested.", "Zimbabwe", "OPP"),
        ("Greece said it would not give up its rights.", "Greece", None),
    ],
)
def test_sector_from_the_noun_a_state_modifies(
    extractor: ActorExtractor, text: str, word: str, sector: str | None
) -> None:
    r = run(extractor, text)
    assert next(m.sector for m in r.mentions if m.text == word) == sector


@pytest.mark.parametrize(
    ("text", "name", "kind", "prefix"),
    [
        ("Hezbollah fired rockets at Israel.", "Hezbollah", "armed_group", "NSA:"),
        ("Amnesty International criticised Sudan.", "Amnesty International", "ngo", "NGO:"),
        ("NATO ambassadors met today.", "NATO", "igo", "IGO:"),
    ],
)
def test_non_state_actors_are_kinds_of_their_own(
    extractor: ActorExtractor, text: str, name: str, kind: str, prefix: str
) -> None:
    r = run(extractor, text)
    m = next(m for m in r.mentions if m.text == name)
    a = next(a for a in r.actors if a.actor_id == m.actor_id)
    assert a.kind == kind and a.actor_id.startswith(prefix)
    assert all(name not in s for sent in r.sentences for s in sent.dyads)
