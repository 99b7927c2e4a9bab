"""The read-only JSON API and the dashboard pages, through FastAPI's test client.

The store is the hand-filled one the dossier tests use (``fill_store``): four documents,
one of them a spun copy, with events, fused events, figures, a contradiction and irritants.
Each route must give what the shared library function gives, page through everything once,
refuse bad parameters with a 4xx and a message, and never answer 500, whatever it is sent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dyadwatch.report import browse
from dyadwatch.store import Store
from dyadwatch.store import queries as q
from dyadwatch.web.app import CSP, create_app
from tests.test_dossier_data import fill_store

DYAD = "PAK-RUS"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "s.duckdb"
    with fill_store(path) as store:
        store.update_search_index()
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db, poll=0.2), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture()
def store(db: Path) -> Iterator[Store]:
    with Store(db, read_only=True) as s:
        yield s


def get(client: TestClient, url: str, **params: Any) -> Any:
    r = client.get(url, params=params)
    assert r.status_code == 200, r.text
    return r.json()


def test_dyads_are_ranked_as_the_cli_ranks_them(client: TestClient, store: Store) -> None:
    rows = get(client, "/api/dyads")
    assert rows == browse.dyad_overview(store, 50)
    assert rows[0]["dyad"] == DYAD and rows[0]["fused"] > 0
    assert [r["fused"] for r in rows] == sorted((r["fused"] for r in rows), reverse=True)


def test_a_dyad_summary_counts_what_the_store_holds(client: TestClient, store: Store) -> None:
    summary = get(client, "/api/dyads/russia-pakistan")  # names and order do not matter
    fused = q.dyad_fused_events(store, DYAD)
    assert summary["dyad"] == DYAD
    assert summary["fused_events"] == len(fused) > 0
    assert sum(summary["categories"].values()) == len(fused)
    assert summary["documents"] == 4
    assert summary["contradictions"] == len(q.dyad_contradictions(store, DYAD))
    series = get(client, f"/api/dyads/{DYAD}/index")
    assert [r["period"] for r in series] == sorted(r["period"] for r in series)
    assert summary["latest_index"]["period"] == series[-1]["period"]


def test_pages_of_events_cover_every_event_once_in_date_order(
    client: TestClient, store: Store
) -> None:
    seen: list[dict[str, Any]] = []
    cursor = None
    for _ in range(50):
        params: dict[str, Any] = {"limit": 1} | ({"cursor": cursor} if cursor else {})
        page = get(client, f"/api/dyads/{DYAD}/events", **params)
        assert len(page["events"]) <= 1
        seen += page["events"]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    ids = [e["fused_id"] for e in seen]
    assert len(ids) == len(set(ids)) == len(q.dyad_fused_events(store, DYAD)) > 1
    keys = [e["date"] or "9999" for e in seen]
    assert keys == sorted(keys)


def test_event_filters_keep_only_what_they_ask_for(client: TestClient) -> None:
    every = get(client, f"/api/dyads/{DYAD}/events", limit=500)["events"]
    category = every[0]["plover"]
    only = get(client, f"/api/dyads/{DYAD}/events", category=category.lower())["events"]
    assert only and all(e["plover"] == category for e in only)
    assert len(only) == sum(e["plover"] == category for e in every)
    dated = sorted(e["date"] for e in every if e["date"])
    first_year = dated[0][:4]
    inside = get(client, f"/api/dyads/{DYAD}/events", since=first_year, until=first_year)
    assert inside["events"] and all(e["date"][:4] == first_year for e in inside["events"])
    most = max(e["num_sources"] for e in every)
    top = get(client, f"/api/dyads/{DYAD}/events", min_sources=most)["events"]
    assert top and all(e["num_sources"] == most for e in top)


def test_an_event_comes_with_the_quotes_of_its_reports(client: TestClient, store: Store) -> None:
    first = get(client, f"/api/dyads/{DYAD}/events", min_sources=1)["events"][0]
    event = get(client, f"/api/events/{first['fused_id']}")
    assert len(event["evidence"]) == len(event["event_ids"]) > 0
    texts = store.document_texts()
    for ev in event["evidence"]:
        assert texts[ev["doc_id"]][ev["start"] : ev["end"]] == ev["quote"]
        assert ev["group_id"]
    missing = client.get("/api/events/no-such-event")
    assert missing.status_code == 404 and "no fused event" in missing.json()["error"]


def test_figures_irritants_and_sources_quote_their_documents(
    client: TestClient, store: Store
) -> None:
    texts = store.document_texts()
    figs = get(client, f"/api/dyads/{DYAD}/figures")
    assert figs["claims"] and figs["contradictions"]
    claim_ids = {c["claim_id"] for c in figs["claims"]}
    assert {i for c in figs["contradictions"] for i in c["claim_ids"]} <= claim_ids
    irritants = get(client, f"/api/dyads/{DYAD}/irritants")
    assert irritants
    for row in irritants:
        for ev in row["evidence"]:
            assert texts[ev["doc_id"]][ev["start"] : ev["end"]] == ev["quote"] != ""
    sources = get(client, f"/api/dyads/{DYAD}/sources")
    assert sources["total"] == len(sources["documents"]) == 4
    assert any(e["kind"] == "spun" for e in sources["lineage"])
    assert get(client, f"/api/dyads/{DYAD}/sources", limit=1, offset=3)["documents"]


def test_a_document_has_its_spans_and_removed_lines(client: TestClient) -> None:
    doc = get(client, "/api/documents/d-orig")
    text = doc["text"]
    assert doc["mentions"] and doc["events"]
    for m in doc["mentions"]:
        assert text[m["start"] : m["end"]] == m["text"]
    for e in doc["events"]:
        assert 0 <= e["start"] < e["end"] <= len(text)
    assert client.get("/api/documents/nope").status_code == 404


def test_search_finds_a_phrase_and_gives_its_span(client: TestClient, store: Store) -> None:
    texts = store.document_texts()
    found = get(client, "/api/search", q='"arms embargo"')
    assert found["total"] == 1
    hit = found["hits"][0]
    assert texts[hit["doc_id"]][hit["start"] : hit["end"]].lower() == "arms embargo"
    assert hit["match"].lower() == "arms embargo"
    words = get(client, "/api/search", q="embargo Russia")  # every word, any order
    assert {h["doc_id"] for h in words["hits"]} == {
        d for d, t in texts.items() if "embargo" in t.lower() and "russia" in t.lower()
    }
    assert get(client, "/api/search", q="zyxwvut")["total"] == 0


def test_bad_parameters_get_a_4xx_with_a_message(client: TestClient) -> None:
    cases = {
        f"/api/dyads/{DYAD}/events?cursor=not-a-cursor": 400,
        f"/api/dyads/{DYAD}/events?since=last+week": 400,
        f"/api/dyads/{DYAD}/events?limit=0": 422,
        f"/api/dyads/{DYAD}/events?limit=x": 422,
        "/api/dyads/PAK": 400,
        "/api/dyads/PAK-PAK": 400,
        "/api/dyads/PAK-Atlantis": 404,
        "/api/search?q=%20%20": 400,
        "/api/search": 422,
    }
    for url, status in cases.items():
        r = client.get(url)
        assert r.status_code == status, (url, r.text)
        assert r.json()["error"], url


def test_parameters_never_reach_sql_as_text(client: TestClient, db: Path) -> None:
    hostile = "'; DROP TABLE events; --"
    r = client.get(f"/api/dyads/{DYAD}/events", params={"category": hostile, "domain": hostile})
    assert r.status_code == 200 and r.json()["events"] == []
    assert client.get("/api/search", params={"q": hostile}).status_code == 200
    assert client.get(f"/api/events/{hostile}").status_code == 404
    with Store(db, read_only=True) as s:
        assert s.scalar("SELECT count(*) FROM events") > 0


def test_every_answer_carries_the_security_headers(client: TestClient) -> None:
    for url in ("/", f"/dyad/{DYAD}", "/api/dyads", "/doc/d-orig", "/search?q=x", "/nope"):
        r = client.get(url)
        assert r.headers["content-security-policy"] == CSP, url
        assert r.headers["x-content-type-options"] == "nosniff"
    assert "script-src 'self'" in CSP and "unsafe" not in CSP


def test_pages_escape_article_text(client: TestClient) -> None:
    page = client.get("/doc/d-indep").text  # its title is "Pak Russia Relations <and> ..."
    assert "Relations &lt;and&gt; contemporary" in page
    assert "<and>" not in page
    dyad = client.get(f"/dyad/{DYAD}").text
    assert "<and>" not in dyad and "&lt;and&gt;" in dyad
    assert not re.search(r"<script>(?!\s*$)", dyad)  # scripts load from /static only
    assert '<script src="/static/dossier.js"></script>' in dyad


def test_the_dashboard_pages_load(client: TestClient) -> None:
    home = client.get("/")
    assert home.status_code == 200 and f'href="/dyad/{DYAD}"' in home.text
    dyad = client.get(f"/dyad/{DYAD}")
    assert dyad.status_code == 200 and dyad.text.count("<svg") >= 3
    assert 'href="/doc/d-orig' in dyad.text  # sources open in the document view
    doc = client.get("/doc/d-orig").text
    assert 'class="actor"' in doc and "event" in doc
    found = client.get("/search", params={"q": '"arms embargo"'}).text
    assert "<mark>arms embargo</mark>" in found
    first = client.get(f"/api/dyads/{DYAD}/events").json()["events"][0]
    assert client.get(f"/event/{first['fused_id']}").status_code == 200
    docs = client.get("/docs").text
    for route in client.get("/openapi.json").json()["paths"]:
        assert route in docs
    missing = client.get("/dyad/PAK-Atlantis")
    assert missing.status_code == 404 and "unknown country" in missing.text


def test_the_dyad_page_maps_its_events(client: TestClient, store: Store) -> None:
    """The dossier's map, drawn on the server: a point per place, its events in its tooltip,
    a link to the entry on the same page (which opens to its quotes); the event page says
    where the event happened."""
    dyad = client.get(f"/dyad/{DYAD}").text
    figure = dyad[dyad.index('<figure class="chart" id="chart-map">') :]
    svg = figure[: figure.index("</svg>")]
    links = re.findall(r'<a xlink:href="#([^"]+)"><title>([^<]*)</title>', svg)
    fused = q.dyad_fused_events(store, DYAD)
    places = {f["place_name"]: f["fused_id"] for f in fused if f["place_name"]}
    assert len(links) == len(places) == 2
    for anchor, tip in links:
        assert f'<details id="{anchor}" class="entry fused">' in dyad
        assert tip.split(":")[0] in places
    assert "2014-06 · RETREAT · Russia → Pakistan: lifted the arms embargo" in links[0][1]
    assert "//" not in re.sub(r'xmlns(:\w+)?="[^"]*"', "", svg)
    assert "· in Moscow ·" in client.get(f"/event/{places['Moscow']}").text


ROUTES = [
    "/api/dyads/{dyad}",
    "/api/dyads/{dyad}/events",
    "/api/dyads/{dyad}/figures",
    "/api/dyads/{dyad}/sources",
    "/api/events/{dyad}",
    "/api/documents/{dyad}",
    "/api/search",
    "/dyad/{dyad}",
    "/doc/{dyad}",
    "/search",
]
PARAMS = ["since", "until", "category", "domain", "cursor", "q", "min_sources", "limit", "offset"]
noise = st.text(st.characters(codec="utf-8", exclude_characters="/?#%"), max_size=40)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    route=st.sampled_from(ROUTES),
    dyad=noise | st.sampled_from([DYAD, "PAK-IND", "russia-pakistan"]),
    params=st.dictionaries(
        st.sampled_from(PARAMS),
        noise | st.integers(-(10**12), 10**12).map(str),
        max_size=4,
    ),
)
def test_no_parameter_makes_the_server_fail(
    client: TestClient, route: str, dyad: str, params: dict[str, str]
) -> None:
    url = route.format(dyad=quote(dyad.strip() or "x", safe=""))
    r = client.get(url, params=params)
    assert r.status_code < 500, (url, params, r.text[:300])
    if r.status_code >= 400 and url.startswith("/api/"):
        assert r.json()["error"]
