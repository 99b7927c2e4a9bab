"""Event fusion: mentions of one real-world event, across sentences and documents, as one event.

:func:`fuse_events` merges coded event mentions by single linkage inside blocks keyed by the
unordered pair of actors, so the work grows with the size of a dyad's busiest year, not with
the square of the corpus. Which categories may be one event, and the words that do not count
as shared wording, are data (``ontology/fusion.toml``); the domain of a fused event comes from
``ontology/domains.toml``. The rules are described in docs/fuse.md, "Fusion".
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from dyadwatch.fuse.common import (
    RANK,
    act_words,
    at_precision,
    coarser,
    content_words,
    jaccard,
    lineage,
    majority,
    name_words,
    precision_of,
    same_date,
    year_of,
)
from dyadwatch.fuse.config import FuseConfig
from dyadwatch.fuse.data import FusionRules, domains, fusion_rules
from dyadwatch.model import PLACE_FIELDS, PLACE_PRECISIONS, Claim, Event, FusedEvent, Precision

_CLAUSE_BREAK = re.compile(r"[;:]|\s[–—-]\s|\n")


@dataclass(frozen=True, slots=True)
class _Item:
    """An event mention with what linking needs, computed once."""

    event: Event
    category: str
    words: frozenset[str]
    specific: frozenset[str]
    """The words that set it apart from the rest of its block."""
    trigger: frozenset[str]
    date: str | None
    precision: Precision | None
    anchored: bool
    """Dated by the text itself (not derived from a relative phrase or the document date)."""
    year: int | None
    recurring: bool
    day: int | None = None
    """The day (an ordinal) of a day-precise date, for :func:`_same_news`."""
    prior: bool = False
    """Told as before its story's date (``date_basis`` "prior"): ``day`` is the latest day."""
    amounts: frozenset[tuple[str, float]] = frozenset()
    """Amounts of money and counts of things its sentence cites (see :func:`_amounts`)."""
    act: frozenset[str] = frozenset()
    """The words of the act's own phrase that set it apart (see :func:`act_words`)."""


def _day(e: Event, precision: Precision | None) -> int | None:
    if precision != "day" or not e.date:
        return None
    try:
        return date.fromisoformat(e.date[:10]).toordinal()
    except ValueError:
        return None


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def fuse_events(
    events: Sequence[Event],
    groups: Mapping[str, str],
    cfg: FuseConfig,
    outlets: Mapping[str, str] | None = None,
    claims: Sequence[Claim] = (),
) -> list[FusedEvent]:
    """Merge mentions of the same real-world event into one :class:`FusedEvent` each.

    ``groups`` maps a document id to its lineage group (from the reuse stage); a document
    absent from it is its own group. ``num_sources`` counts groups, so a reprint adds a
    mention and an article, not a source. ``outlets`` maps a document id to the site or
    agency that published it; ``num_outlets`` counts them (a document absent from it is an
    outlet of its own). ``claims`` are the figures the extract stage read: two mentions whose
    sentences cite the same amount have shared wording. Every event lands in exactly one fused
    event; the result is sorted by date (undated last), then id.
    """
    sites = outlets or {}
    rules = fusion_rules()
    cited = _cited(claims, cfg)
    blocks: dict[tuple[str, str], list[Event]] = defaultdict(list)
    for e in sorted(events, key=lambda e: (e.doc_id, e.start, e.end, e.event_id)):
        a, b = sorted((e.source, e.target or ""))
        blocks[(a, b)].append(e)
    fused = [
        _fused(members, groups, sites, cfg, rules)
        for key in sorted(blocks)
        for members in _cluster_block(_items(blocks[key], cfg, rules, cited), cfg, rules)
    ]
    return sorted(fused, key=lambda f: (f.date is None, f.date or "", f.fused_id))


def fused_id(event_ids: Iterable[str]) -> str:
    """A stable id: the first 16 hex digits of the SHA-256 of the sorted event ids."""
    return hashlib.sha256("\n".join(sorted(event_ids)).encode("utf-8")).hexdigest()[:16]


# -- linking ---------------------------------------------------------------------------------


def _cited(
    claims: Sequence[Claim], cfg: FuseConfig
) -> dict[str, list[tuple[int, int, tuple[str, float]]]]:
    """Per document, the sentences that cite an amount of money, a quantity of goods or a count
    of things (of at least ``cfg.min_cited_count``), and the amount (currency, unit or counted
    measure; value).
    Percentages and counts of incidents are left out: "5 pct" or "three violations" say
    little about which event is told."""
    out: dict[str, list[tuple[int, int, tuple[str, float]]]] = defaultdict(list)
    for c in claims:
        if c.unit == "currency" and c.currency and not c.currency.startswith("?"):
            key = (c.currency, c.value)
        elif c.unit == "quantity" or (
            c.unit == "count" and c.measure != "incidents" and c.value >= cfg.min_cited_count
        ):
            key = (c.measure, c.value)
        else:
            continue
        out[c.doc_id].append((c.start, c.end, key))
    return out


def _amounts(
    e: Event, cited: Mapping[str, list[tuple[int, int, tuple[str, float]]]]
) -> frozenset[tuple[str, float]]:
    return frozenset(k for s, t, k in cited.get(e.doc_id, ()) if s < e.end and e.start < t)


def _items(
    events: list[Event],
    cfg: FuseConfig,
    rules: FusionRules,
    cited: Mapping[str, list[tuple[int, int, tuple[str, float]]]] | None = None,
) -> list[_Item]:
    """Events of one block with their words, and the words that set them apart: those that
    more than ``common_share`` of the block shares (the dyad's own names) left out."""
    words = [content_words(e.quote) for e in events]
    specific = words
    common: set[str] = set()
    if len(events) >= 4:
        df: dict[str, int] = defaultdict(int)
        for ws in words:
            for w in ws:
                df[w] += 1
        common = {w for w, n in df.items() if n > cfg.common_share * len(events)}
        specific = [ws - common for ws in words]
    # an act's own phrase loses only the block's names ("Japanese", "U.S."): the thing done
    # ("tariffs") stays, however often the dyad's news tells of it
    named = common & name_words(e.quote for e in events)
    items = []
    for e, ws, sp in zip(events, words, specific, strict=True):
        precision = precision_of(e.date, e.date_precision) if e.date else None
        items.append(
            _Item(
                event=e,
                category=rules.category(e.plover),
                words=ws,
                specific=sp,
                trigger=content_words(e.trigger),
                date=e.date,
                precision=precision,
                anchored=e.date is not None and (not e.date_derived or _dated_by_words(e)),
                year=year_of(e.date, precision) if e.date and precision else None,
                recurring=rules.recurrence.search(e.quote) is not None,
                day=_day(e, precision),
                prior=e.date_basis == "prior",
                amounts=_amounts(e, cited or {}),
                act=act_words(e.quote, e.trigger, cfg.act_window) - named,
            )
        )
    return items


def _dated_by_words(e: Event) -> bool:
    """A day the text names relative to its story ("last Friday", "yesterday"): as much the
    event's own date as "March 27", once resolved."""
    return e.date_basis == "relative" and e.date_precision == "day"


def _compatible(a: _Item, b: _Item, rules: FusionRules) -> bool:
    """Same or compatible category, and the same direction unless both are symmetric."""
    x, y = a.category, b.category  # already current PLOVER names
    if _two_acts_of_one_sentence(a.event, b.event):
        return False
    if x != y and frozenset((x, y)) not in rules.compatible:
        return False
    if x in rules.symmetric and y in rules.symmetric:
        return True
    return a.event.source == b.event.source and a.event.target == b.event.target


def _two_acts_of_one_sentence(a: Event, b: Event) -> bool:
    """Acts with different triggers in one stretch of text are different events, however
    alike their (shared) wording: "offered help, prompting … underwriting of …" is two."""
    overlap = a.doc_id == b.doc_id and a.start < b.end and b.start < a.end
    return overlap and (a.trigger or "").lower() != (b.trigger or "").lower()


def _similarity(a: _Item, b: _Item, cfg: FuseConfig) -> float | None:
    """A score when the wording is alike enough, else None.

    Alike: the same wording (a Jaccard of all content words of at least ``same_wording``, as
    reprints have); or a Jaccard of the words that set them apart of at least
    ``min_jaccard``; or triggers that share a word and set-apart words, the trigger left out,
    with a Jaccard of at least ``trigger_jaccard`` (a generic trigger such as "cooperation"
    alone is not enough). The score, which ranks clusters, is the Jaccard that qualified plus 0.5
    for a shared trigger word.
    """
    spec = jaccard(a.specific, b.specific)
    shared = a.trigger & b.trigger
    bonus = 0.5 if shared else 0.0
    if spec >= cfg.min_jaccard:
        return spec + bonus
    if a.amounts & b.amounts:
        return spec + bonus + 0.5  # "300 mln dlrs" of tariffs, told again in other words
    if _same_act(a, b, cfg):
        return spec + bonus  # "decision to impose tariffs on …", "threat to impose tariffs on …"
    if _same_wording(a, b, cfg):
        return jaccard(a.words, b.words) + bonus
    if shared and jaccard(a.specific - shared, b.specific - shared) >= cfg.trigger_jaccard:
        return spec + bonus
    return None


def _same_act(a: _Item, b: _Item, cfg: FuseConfig) -> bool:
    """The act's own phrases share ``min_act_words`` words that set them apart, the same
    source acts on the same target (a pledge by one side and an assurance by the other share
    words too), and their dates are near (:func:`_near_in_time`)."""
    if len(a.act & b.act) < cfg.min_act_words:
        return False
    same_way = (a.event.source, a.event.target) == (b.event.source, b.event.target)
    return same_way and _near_in_time(a, b, cfg)


def _near_in_time(a: _Item, b: _Item, cfg: FuseConfig) -> bool:
    """Dates that agree, or days at most ``recall_days`` apart."""
    if a.day is not None and b.day is not None:
        return abs(a.day - b.day) <= cfg.recall_days
    return a.date is not None and b.date is not None and _dates_agree(a, b)


def _same_wording(a: _Item, b: _Item, cfg: FuseConfig) -> bool:
    """A Jaccard of all content words of at least ``same_wording`` (sizes checked first)."""
    small, large = sorted((len(a.words), len(b.words)))
    if not large or small < cfg.same_wording * large:
        return False
    return jaccard(a.words, b.words) >= cfg.same_wording


def _dates_agree(a: _Item, b: _Item) -> bool:
    if a.date is None or b.date is None or a.precision is None or b.precision is None:
        return True
    return same_date(a.date, a.precision, b.date, b.precision)


def _same_news(a: _Item, b: _Item) -> bool:
    """Two reports, in different stories, of an act of one kind by the same source on the same
    target on the same day: one event, as GDELT counts them (a day, a directed pair, an event
    type, a meeting in either direction: :func:`_news_key`). Wire stories tell the day's
    events again and again in other words ("Greek forces were put on alert", "the Greek fleet
    left port")."""
    if a.day is None or a.day != b.day or a.event.doc_id == b.event.doc_id:
        return False
    return _news_key(a) == _news_key(b)


def _link_anchored(a: _Item, b: _Item, cfg: FuseConfig, rules: FusionRules) -> bool:
    """Two mentions dated by their texts: one event when type, date and wording agree.

    The same day needs no wording; different years are allowed only for near-identical
    wording (the same event dated differently by two sources, see ``same_wording`` and
    ``date_conflict_years``).
    """
    if not _compatible(a, b, rules):
        return False
    if _dates_agree(a, b):
        if a.precision == b.precision == "day" and a.category == b.category:
            return True  # one day's news of one kind (kinds only compatible need wording)
        return _similarity(a, b, cfg) is not None
    if a.year is None or b.year is None or a.recurring or b.recurring:
        return False
    return abs(a.year - b.year) <= cfg.date_conflict_years and _same_wording(a, b, cfg)


class _Index:
    """Keys → item positions; a key shared by more than ``cap`` items proposes nothing."""

    def __init__(self, cap: int) -> None:
        self.postings: dict[tuple[str, ...], list[int]] = defaultdict(list)
        self.cap = cap

    def add(self, pos: int, keys: Iterable[tuple[str, ...]]) -> None:
        for k in keys:
            self.postings[k].append(pos)

    def near(self, keys: Iterable[tuple[str, ...]]) -> set[int]:
        out: set[int] = set()
        for k in keys:
            posting = self.postings.get(k)
            if posting is not None and len(posting) <= self.cap:
                out.update(posting)
        return out


def _slot(it: _Item) -> str:
    """The period an anchored item is filed under: its year, or its decade."""
    return str(it.year) if it.year is not None else it.date or ""


def _near_slots(it: _Item, k: int) -> list[str]:
    """Slots whose items may be the same event: years within ``k``, and the decade around."""
    if it.year is not None:
        return [str(it.year + d) for d in range(-k, k + 1)] + [f"{it.year // 10 * 10}s"]
    if it.date and it.date.endswith("s") and it.date[:4].isdigit():
        start = int(it.date[:4])
        return [str(start + i) for i in range(10)] + [it.date]
    return [_slot(it)]


def _word_keys(it: _Item, slot: str = "") -> set[tuple[str, ...]]:
    return {(slot, w) for w in it.words | it.trigger}


def _link_dated(items: list[_Item], uf: _UnionFind, cfg: FuseConfig, rules: FusionRules) -> None:
    """Single linkage of the mentions dated by their own texts, year by year."""
    index = _Index(cfg.max_posting)
    anchored = [p for p, it in enumerate(items) if it.anchored]
    for p in anchored:
        it = items[p]
        keys = _word_keys(it, _slot(it))
        if it.precision == "day" and it.date:
            keys.add(("day", it.date))
        index.add(p, keys)
    for p in anchored:
        it = items[p]
        keys = {k for s in _near_slots(it, cfg.date_conflict_years) for k in _word_keys(it, s)}
        if it.precision == "day" and it.date:
            keys.add(("day", it.date))
        for q in sorted(index.near(keys)):
            if q > p and _link_anchored(it, items[q], cfg, rules):
                uf.union(p, q)


def _link_prior(
    items: list[_Item], uf: _UnionFind, cfg: FuseConfig, rules: FusionRules
) -> set[int]:
    """Each mention told as before its story's day joins the reports, in other stories, of
    the same kind of act by the same source on the same target on the nearest day before,
    within ``prior_days`` (themselves told as before their day or not: "had received an
    assurance" on Monday is the "had been assured" of Sunday's stories). Returns the
    positions of those that joined."""
    by_key: dict[tuple[str, str | None, str], list[int]] = defaultdict(list)
    for p, it in enumerate(items):
        if it.day is not None:
            by_key[(it.event.source, it.event.target, it.category)].append(p)
    placed: set[int] = set()
    for p, it in enumerate(items):
        if not it.prior or it.day is None:
            continue
        day = it.day
        earlier = [
            q
            for q in by_key.get((it.event.source, it.event.target, it.category), [])
            if day - cfg.prior_days <= (items[q].day or 0) < day
            and items[q].event.doc_id != it.event.doc_id
            and _compatible(it, items[q], rules)
        ]
        if not earlier:
            continue
        nearest = max(items[q].day or 0 for q in earlier)
        for q in earlier:
            if items[q].day == nearest:
                uf.union(p, q)
        placed.add(p)
    return placed


def _attach_loose(
    items: list[_Item],
    uf: _UnionFind,
    cfg: FuseConfig,
    rules: FusionRules,
    placed: set[int] | frozenset[int] = frozenset(),
) -> list[int]:
    """Each undated or derived-date mention joins the dated cluster it is most alike; the
    positions of those that join none are returned. Mentions already ``placed`` (see
    :func:`_link_prior`) join none."""
    index = _Index(cfg.max_posting)
    news: dict[tuple[str, str | None, str, int | None], set[int]] = defaultdict(set)
    for p, it in enumerate(items):
        if it.anchored:
            index.add(p, _word_keys(it))
            if it.day is not None:
                news[_news_key(it)].add(p)
    loose = []
    for p, it in enumerate(items):
        if it.anchored or p in placed:
            continue
        best: tuple[float, int] | None = None
        for q in sorted(index.near(_word_keys(it)) | news.get(_news_key(it), set())):
            other = items[q]
            if not _compatible(it, other, rules) or not _recallable(other, it, cfg):
                continue
            score = _similarity(it, other, cfg)
            if score is None and _same_news(it, other):
                score = 0.0  # the same day's news in other words
            if score is not None:
                score += 0.25 if _dates_agree(it, other) else 0.0
                if best is None or score > best[0]:
                    best = (score, q)
        if best is None:
            loose.append(p)
        else:
            uf.union(p, best[1])
    return loose


def _recallable(cluster: _Item, it: _Item, cfg: FuseConfig) -> bool:
    """Whether ``it`` can retell the event of ``cluster``: not dated after the latest day
    ``it`` can have happened, and, for a mention dated only by its story, at most
    ``recall_days`` before that story ("Japan bought 4,000 tonnes of Canadian rapeseed" on the
    8th and on the 21st are two purchases)."""
    if _after_story(cluster, it):
        return False
    if it.event.date_basis != "story" or it.day is None or cluster.day is None:
        return True
    return it.day - cluster.day <= cfg.recall_days


def _after_story(cluster: _Item, it: _Item) -> bool:
    """``cluster`` is dated after the latest day ``it`` can have happened: its story's day,
    or the period a relative expression gave it ("said last week"). A story cannot tell what
    happened after it was written."""
    if it.event.date_basis not in {"story", "prior", "relative"}:
        return False
    mine, theirs = it.precision, cluster.precision
    if not it.date or not cluster.date or mine is None or theirs is None:
        return False
    if coarser(mine, theirs) != mine:
        return False  # the cluster's date is the coarser one: it can hold the item's
    latest = at_precision(it.date, mine, mine)
    return at_precision(cluster.date, theirs, mine) > latest


def _news_key(it: _Item) -> tuple[str, str | None, str, int | None]:
    """A day's act of one kind between a directed pair; a meeting, an agreement or
    cooperation (``symmetric`` in fusion.toml) has no direction: "Shevardnadze met Shultz"
    and "Shultz was holding talks with Shevardnadze" are one day's news."""
    source, target = it.event.source, it.event.target
    if it.category in fusion_rules().symmetric and target is not None and target < source:
        source, target = target, source
    return source, target, it.category, it.day


def _cluster_block(
    items: list[_Item], cfg: FuseConfig, rules: FusionRules
) -> Iterator[list[_Item]]:
    """Single linkage of dated mentions, then undated or derived ones join the best cluster.

    A mention without a date of its own (undated, or derived from "last year" or the document
    date) never links two dated clusters: it joins the one it is most alike, or, failing any,
    other such mentions whose dates (where they have one) agree.
    """
    uf = _UnionFind(len(items))
    _link_dated(items, uf, cfg, rules)
    placed = _link_prior(items, uf, cfg, rules)
    loose = [p for p in _attach_loose(items, uf, cfg, rules, placed) if p not in placed]
    index = _Index(cfg.max_posting)
    for p in loose:
        index.add(p, _word_keys(items[p]))
    news: dict[tuple[str, str | None, str, int | None], list[int]] = defaultdict(list)
    for p in loose:
        if items[p].day is not None:
            news[_news_key(items[p])].append(p)
    for p in loose:
        a = items[p]
        near = index.near(_word_keys(a)) | set(news.get(_news_key(a), []))
        for q in sorted(near):
            b = items[q]
            if q <= p or not _compatible(a, b, rules):
                continue
            if p in placed or q in placed:
                continue  # told as before its story's day: not that day's news
            if _same_news(a, b) or (_dates_agree(a, b) and _similarity(a, b, cfg) is not None):
                uf.union(p, q)
    clusters: dict[int, list[_Item]] = defaultdict(list)
    for p, it in enumerate(items):
        clusters[uf.find(p)].append(it)
    yield from clusters.values()


# -- the fused record ------------------------------------------------------------------------


def _fused(
    members: list[_Item],
    groups: Mapping[str, str],
    outlets: Mapping[str, str],
    cfg: FuseConfig,
    rules: FusionRules,
) -> FusedEvent:
    events = [m.event for m in members]
    source, target = majority([(e.source, e.target) for e in events])
    plover = majority([m.category for m in members])
    typed = [e for e, m in zip(events, members, strict=True) if m.category == plover]
    dating = _dating_event(events, groups)
    where = best_place(events, groups)
    fused = FusedEvent(
        fused_id=fused_id(e.event_id for e in events),
        date=dating.date if dating is not None else None,
        date_precision=_precision(dating),
        source=source,
        target=target,
        plover=plover,
        cameo_root=majority([e.cameo_root for e in typed]),
        goldstein=sum(e.goldstein for e in events) / len(events),
        num_mentions=len({(e.doc_id, e.start, e.end) for e in events}),
        num_articles=len({e.doc_id for e in events}),
        num_sources=len({lineage(e.doc_id, groups) for e in events}),
        event_ids=sorted(e.event_id for e in events),
        quad_class=majority([e.quad_class for e in typed]),
        domain=event_domain(events, plover),
        summary=summary(events, cfg.summary_chars),
        num_outlets=len({outlets.get(e.doc_id) or f"doc:{e.doc_id}" for e in events}),
        date_basis=dating.date_basis if dating is not None else None,
    )
    if where is not None:
        for name in PLACE_FIELDS:
            setattr(fused, name, getattr(where, name))
    return fused


def best_place(events: Sequence[Event], groups: Mapping[str, str]) -> Event | None:
    """The mention whose place a fused event takes: the place given by the most lineage
    groups (a reprint does not add support), then named in the event's own clause rather
    than taken from a dateline, then the finer one, then the first mention."""
    placed = [e for e in events if e.place_id is not None]
    if not placed:
        return None
    support: dict[str, set[str]] = {}
    for e in placed:
        support.setdefault(e.place_id or "", set()).add(lineage(e.doc_id, groups))

    def key(e: Event) -> tuple[int, bool, int]:
        precision = e.place_precision or "country"
        fine = -PLACE_PRECISIONS.index(precision) if precision in PLACE_PRECISIONS else -9
        return (len(support[e.place_id or ""]), e.place_basis == "clause", fine)

    return max(placed, key=key)


def best_date(
    events: Sequence[Event], groups: Mapping[str, str]
) -> tuple[str | None, Precision | None]:
    """The date of a fused event: the best-supported date the texts give themselves.

    Each candidate is scored by the lineage groups whose dates agree with it (at the coarser
    precision), then by precision, then by how often it is given; the earliest wins a tie.
    Derived dates count only when no member has a date of its own.
    """
    best = _dating_event(events, groups)
    return (best.date if best is not None else None), _precision(best)


def _precision(e: Event | None) -> Precision | None:
    return precision_of(e.date or "", e.date_precision) if e is not None else None


def _dating_event(events: Sequence[Event], groups: Mapping[str, str]) -> Event | None:
    """The member whose date :func:`best_date` takes."""
    dated = (
        [e for e in events if e.date and not e.date_derived]
        or [e for e in events if e.date and e.date_basis == "relative"]
        or [e for e in events if e.date]
    )  # a date the text names ("last Friday") before the date of a story that retells it
    if not dated:
        return None
    precs = {e.event_id: precision_of(e.date or "", e.date_precision) for e in dated}

    def score(c: Event) -> tuple[int, int, int]:
        pc = precs[c.event_id]
        agree = {
            lineage(e.doc_id, groups)
            for e in dated
            if same_date(c.date or "", pc, e.date or "", precs[e.event_id])
        }
        same = sum(1 for e in dated if e.date == c.date)
        return len(agree), RANK[pc], same

    return max(sorted(dated, key=lambda e: e.date or ""), key=score)


def event_domain(events: Sequence[Event], plover: str) -> str:
    """The domain whose keywords the triggers (×3) and quotes (×1) name most (domains.toml)."""
    triggers = {e.trigger for e in events if e.trigger}
    quotes = {e.quote for e in events}
    best_name, best_score = "diplomacy", -1
    for d in domains():
        score = 3 * sum(len(d.keywords.findall(t)) for t in triggers)
        score += sum(len(d.keywords.findall(q)) for q in quotes)
        score += 1 if plover in d.default else 0
        if score > best_score:
            best_name, best_score = d.name, score
    return best_name


def summary(events: Sequence[Event], limit: int) -> str:
    """A short label: the shortest clause that holds the most common trigger, cut to ``limit``."""
    triggers = [e.trigger for e in events if e.trigger]
    trigger = majority(triggers) if triggers else None
    options = [
        (len(clause) > limit, len(clause), clause, pos)
        for e in events
        if trigger is not None and e.trigger == trigger
        for clause, pos in _clauses(e.quote, trigger)
    ]
    if not options:  # no trigger, or no quote holds it: the shortest clause of any quote
        options = [(len(c) > limit, len(c), c, 0) for e in events for c, _ in _clauses(e.quote)]
    if not options:
        return ""
    _, _, clause, pos = min(options)
    return _cut(clause, pos, limit)


def _clauses(quote: str, trigger: str | None = None) -> Iterator[tuple[str, int]]:
    """Clauses of ``quote`` (split at ; : dashes), with the trigger's offset in each.

    With a trigger only the clause holding it is given (none when the quote lacks it).
    """
    text = " ".join(quote.split())
    for part in _CLAUSE_BREAK.split(text):
        clause = part.strip(" ,.")
        if not clause:
            continue
        if trigger is None:
            yield clause, 0
            continue
        pos = clause.lower().find(trigger.lower())
        if pos >= 0:
            yield clause, pos


def _cut(clause: str, pos: int, limit: int) -> str:
    """``clause`` cut to ``limit`` characters at word boundaries, keeping offset ``pos`` in."""
    if len(clause) <= limit:
        return clause
    start = max(0, min(pos - limit // 3, len(clause) - limit + 2))
    if start > 0:
        space = clause.find(" ", start, pos)
        start = space + 1 if space >= 0 else start
    end = min(len(clause), start + limit - 2)
    if end < len(clause):
        space = clause.rfind(" ", pos + 1, end)
        end = space if space > 0 else end
    head = "…" if start > 0 else ""
    tail = "…" if end < len(clause) else ""
    return f"{head}{clause[start:end].strip()}{tail}"
