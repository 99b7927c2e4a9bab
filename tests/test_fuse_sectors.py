"""The dyad picture is state-to-state: acts between parts of two societies stay out of it."""

from __future__ import annotations

from dyadwatch.fuse import FuseConfig, FuseInput, fuse_all
from dyadwatch.model import Event


def _event(
    event_id: str, quote: str, plover: str, cameo: str, sectors: tuple[str | None, ...]
) -> Event:
    return Event(
        event_id=event_id, doc_id="d1", start=0, end=len(quote), quote=quote, source="RUS",
        target="PAK", plover=plover, cameo_root=cameo, quad_class=1, goldstein=1.0,
        date="2010-05-01", date_precision="day", source_sector=sectors[0],
        target_sector=sectors[1],
    )  # fmt: skip


def _fuse(events: list[Event], cfg: FuseConfig | None = None) -> list[list[str]]:
    data = FuseInput(
        events=events, claims=[], sentences=[], mentions=[], actors={}, texts={},
        groups={"d1": "g1"}, doc_dates={},
    )  # fmt: skip
    return sorted(f.event_ids for f in fuse_all(data, cfg).fused)


def test_a_deal_between_two_companies_is_not_fused_by_default() -> None:
    """Issue 9: stored with its sectors, left out of dyad views unless asked for."""
    deal = _event("e1", "Gazprom signed a supply deal with Pakistan State Oil.", "COOPERATE",
                  "06", ("BUS", "BUS"))  # fmt: skip
    visit = _event("e2", "Lavrov visited Islamabad.", "CONSULT", "04", ("GOV", None))
    assert _fuse([deal, visit]) == [["e2"]]
    assert _fuse([deal, visit], FuseConfig(society_acts=True)) == [["e1"], ["e2"]]


def test_a_company_dealing_with_a_state_is_part_of_the_picture() -> None:
    deal = _event("e3", "Gazprom signed a deal with Pakistan's ministry.", "COOPERATE", "06",
                  ("BUS", "GOV"))  # fmt: skip
    assert _fuse([deal]) == [["e3"]]
