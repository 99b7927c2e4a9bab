"""Integrity of the hand-written world table of office holders (ontology/office_holders_world.csv).

Reads only the data files (standard library csv), none of dyadwatch's code: every row parses,
codes and dates are well formed, a single-holder office never has two overlapping terms, no row
repeats a term of office_holders.csv, and every country has a head of state or government.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

ONTOLOGY = Path(__file__).resolve().parents[1] / "src" / "dyadwatch" / "ontology"
WORLD = ONTOLOGY / "office_holders_world.csv"
COLUMNS = ["name", "iso3", "role", "start", "end", "aliases"]

# Every role the file may use, with the office it stands for. Offices marked single-holder below
# have one holder at a time per country; collegial ones (a presidency of three, two Captains
# Regent) are listed but not checked for overlap.
ROLE_OFFICE = {
    # heads of state
    "President": "head_of_state",
    "King": "head_of_state",
    "Queen": "head_of_state",
    "Emir": "head_of_state",
    "Sultan": "head_of_state",
    "Emperor": "head_of_state",
    "Grand Duke": "head_of_state",
    "Prince": "head_of_state",
    "Pope": "head_of_state",
    "Head of State": "head_of_state",
    "Chairman of the Presidential Council": "head_of_state",
    "Chairman of the Presidential Leadership Council": "head_of_state",
    "Chairman of the Sovereignty Council": "head_of_state",
    "Chairman of the Transitional Military Council": "head_of_state",
    "Chairman of the Transitional Presidential Council": "head_of_state",
    "President of the General National Congress": "head_of_state",
    "President of the Presidium of the Supreme People's Assembly": "head_of_state",
    "Supreme Leader": "supreme_leader",
    "Chairman of the State Administration Council": "junta_leader",
    "President of the Supreme Political Council": "rival_head_of_state",
    "Member of the Presidency": "collegial_head_of_state",
    "Captain Regent": "collegial_head_of_state",
    "Co-Prince": "collegial_head_of_state",
    "Co-President": "collegial_head_of_state",
    # heads of government
    "Prime Minister": "head_of_government",
    "Premier": "head_of_government",
    "Chancellor": "head_of_government",
    "Taoiseach": "head_of_government",
    "Head of Government": "head_of_government",
    "Chairman of the Council of Ministers": "head_of_government",
    "Chairman of the Cabinet of Ministers": "head_of_government",
    "President of the Council of Ministers": "head_of_government",
    "State Counsellor": "head_of_government",
    "Minister of State": "head_of_government",
    "Cardinal Secretary of State": "head_of_government",
    "Chief Executive": "head_of_government",
    "Chief Adviser": "head_of_government",
    # foreign affairs
    "Foreign Minister": "foreign",
    "Secretary of State": "foreign",
    "External Affairs Minister": "foreign",
    "Foreign Secretary": "foreign",
    "Adviser on Foreign Affairs": "foreign",
    "Secretary of State for Foreign Affairs": "foreign",
    "Secretary for Relations with States": "foreign",
    # defence
    "Defence Minister": "defence",
    "Defence Secretary": "defence",
    "Secretary of Defense": "defence",
    # finance
    "Finance Minister": "finance",
    "Treasury Secretary": "finance",
    "Treasury Minister": "finance",
    "Treasurer": "finance",
    "Chancellor of the Exchequer": "finance",
    "Finance Adviser": "finance",
    "Finance Secretary": "finance",
    # economy (the finance ministry in some countries, the trade ministry in others)
    "Economy Minister": "economy",
    "Economy Secretary": "economy",
    # trade
    "Trade Minister": "trade",
    "Trade Secretary": "trade",
    "Trade Representative": "trade",
    "Commerce Minister": "trade",
    "Commerce Adviser": "trade",
    "Commerce and Industry Minister": "trade",
    "Industry and Trade Minister": "trade",
    "Trade and Industry Minister": "trade",
    "Foreign Trade Minister": "trade",
    "Economic Development Minister": "trade",
    "Enterprises Minister": "trade",
    "Development Minister": "trade",
    "Industry, Trade and Tourism Minister": "trade",
    "Development, Industry and Trade Minister": "trade",
    "Economy, Trade and Industry Minister": "trade",
    "Trade, Industry and Energy Minister": "trade",
    "International Trade and Industry Minister": "trade",
    "Industry, Trade and Investment Minister": "trade",
    "Investment and Foreign Trade Minister": "trade",
    "Commerce Secretary": "commerce",
    # others
    "General Secretary of the Communist Party": "party_leader",
    "Vice President": "vice_president",
    "Deputy Chairman of the Sovereignty Council": "deputy_head_of_state",
    "Ambassador to the United States": "ambassador_us",
    "Ambassador to the United Nations": "ambassador_un",
}
COLLEGIAL = {"collegial_head_of_state"}
HEAD = {
    "head_of_state",
    "supreme_leader",
    "junta_leader",
    "collegial_head_of_state",
    "head_of_government",
}
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _read(path: Path) -> list[dict[str, str]]:
    lines = [
        ln
        for ln in path.read_text(encoding="utf-8").splitlines()
        if ln.strip() and not ln.startswith("#")
    ]
    reader = csv.reader(lines)
    assert next(reader) == COLUMNS, f"{path.name}: header must be {','.join(COLUMNS)}"
    rows = []
    for n, fields in enumerate(reader, start=2):
        assert len(fields) == len(COLUMNS), f"{path.name} data line {n}: {fields}"
        rows.append(dict(zip(COLUMNS, (f.strip() for f in fields), strict=True)))
    return rows


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _overlap(a: dict[str, str], b: dict[str, str]) -> bool:
    """Terms as half-open intervals: one may end on the day the next begins."""
    a0, a1 = _day(a["start"]), _day(a["end"]) or date.max
    b0, b1 = _day(b["start"]), _day(b["end"]) or date.max
    assert a0 and b0
    return a0 < b1 and b0 < a1


@pytest.fixture(scope="module")
def world() -> list[dict[str, str]]:
    return _read(WORLD)


@pytest.fixture(scope="module")
def older() -> list[dict[str, str]]:
    return _read(ONTOLOGY / "office_holders.csv")


@pytest.fixture(scope="module")
def iso3_codes() -> set[str]:
    lines = [
        ln
        for ln in (ONTOLOGY / "countries.csv").read_text(encoding="utf-8").splitlines()
        if ln.strip() and not ln.startswith("#")
    ]
    return {r["iso3"] for r in csv.DictReader(lines)}


def test_header_comment_says_what_the_file_is() -> None:
    head = WORLD.read_text(encoding="utf-8").splitlines()[0]
    assert head.startswith("#")


def test_rows_parse(world: list[dict[str, str]]) -> None:
    assert len(world) > 1000
    problems = []
    for r in world:
        aliases = r["aliases"].split("|") if r["aliases"] else []
        if not r["name"] or r["role"] not in ROLE_OFFICE:
            problems.append(f"no name or unknown role: {r}")
        if not DATE.fullmatch(r["start"]) or (r["end"] and not DATE.fullmatch(r["end"])):
            problems.append(f"dates must be YYYY-MM-DD: {r}")
        else:
            try:
                _day(r["start"]), _day(r["end"])
            except ValueError:
                problems.append(f"not a calendar date: {r}")
        if not all(a.strip() for a in aliases) or r["name"] in aliases:
            problems.append(f"empty alias or alias repeating the name: {r}")
    assert not problems, "\n".join(problems)


def test_iso3_codes(world: list[dict[str, str]], iso3_codes: set[str]) -> None:
    for r in world:
        assert re.fullmatch(r"[A-Z]{3}", r["iso3"]), r
        assert r["iso3"] in iso3_codes, r


def test_start_not_after_end(world: list[dict[str, str]]) -> None:
    for r in world:
        if r["end"]:
            assert r["start"] <= r["end"], r


def test_no_duplicate_rows(world: list[dict[str, str]]) -> None:
    seen: set[tuple[str, str, str, str]] = set()
    for r in world:
        key = (r["name"], r["iso3"], r["role"], r["start"])
        assert key not in seen, f"duplicate row: {r}"
        seen.add(key)


def test_single_holder_offices_do_not_overlap(world: list[dict[str, str]]) -> None:
    by_office: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for r in world:
        office = ROLE_OFFICE[r["role"]]
        if office not in COLLEGIAL:
            by_office[(r["iso3"], office)].append(r)
    clashes = []
    for terms in by_office.values():
        terms.sort(key=lambda r: r["start"])
        for i, a in enumerate(terms):
            clashes += [(a, b) for b in terms[i + 1 :] if _overlap(a, b)]
    assert not clashes, "\n".join(f"{a}\n  overlaps {b}" for a, b in clashes)


def test_no_clash_with_office_holders_csv(
    world: list[dict[str, str]], older: list[dict[str, str]]
) -> None:
    """No term of office_holders.csv is repeated, and none overlaps a new one for its office."""
    problems = []
    for r in world:
        office = ROLE_OFFICE[r["role"]]
        for o in older:
            if o["iso3"] != r["iso3"] or not _overlap(r, o):
                continue
            if o["name"] == r["name"] and o["role"] == r["role"]:
                problems.append(("repeats", r, o))
            elif office not in COLLEGIAL and ROLE_OFFICE.get(o["role"]) == office:
                problems.append(("overlaps", r, o))
    assert not problems, "\n".join(f"{k}: {r}\n  {o}" for k, r, o in problems)


def test_every_country_has_a_head(
    world: list[dict[str, str]], older: list[dict[str, str]], iso3_codes: set[str]
) -> None:
    covered = {r["iso3"] for r in world if ROLE_OFFICE[r["role"]] in HEAD}
    covered |= {r["iso3"] for r in older if ROLE_OFFICE.get(r["role"]) in HEAD}
    assert sorted(iso3_codes - covered) == []
