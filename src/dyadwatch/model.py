"""The records that flow through dyadwatch, stage to stage.

Records refer to each other by id, never by object. Every span is a pair of character
offsets into ``Document.text`` (the cleaned text), so ``doc.text[start:end] == quote``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Format = Literal["text", "html"]
ActorKind = Literal["country", "person", "org", "igo", "ngo", "armed_group"]


@dataclass(slots=True)
class RawDocument:
    """One article as a reader found it, before cleaning."""

    path: str
    content: str
    fmt: Format
    line: int | None = None
    """Record number inside a container file (JSONL line, WARC record, feed entry), 1-based."""
    source_id: str | None = None
    """The source's own id (JSONL ``id``), else its URL; the runner falls back to the path."""
    title: str | None = None
    url: str | None = None
    date: str | None = None
    """ISO 8601 date (``YYYY-MM-DD``) where the source gives one."""
    site: str | None = None
    dateline: str | None = None
    """The story's dateline when the source gives it apart from the text ("ANKARA, March 2")."""


@dataclass(slots=True)
class Reject:
    """An input that could not become a document, with a plain reason."""

    path: str
    reason: str
    line: int | None = None
    stage: str = "ingest"


@dataclass(slots=True)
class RemovedLine:
    """A line the cleaner dropped from a document, and why."""

    doc_id: str
    text: str
    reason: str


@dataclass(slots=True)
class Document:
    """A cleaned article. ``text`` is what every span in the store refers to."""

    doc_id: str
    source_id: str
    path: str
    text: str
    title: str | None = None
    date: str | None = None
    site: str | None = None
    url: str | None = None
    fmt: Format = "text"
    removed: list[RemovedLine] = field(default_factory=list)
    lang: str = "en"
    """ISO 639-1 language of the text; English unless the identifier was sure of another."""
    lang_conf: float = 0.0
    """The identifier's probability for ``lang`` (0 when the text was too short to judge)."""
    dateline: str | None = None
    """The dateline the source gives apart from the text (a JSONL ``dateline`` field)."""


@dataclass(slots=True)
class Actor:
    """A canonical actor: a state (ISO alpha-3), a person, an organisation or an IGO."""

    actor_id: str
    """ISO alpha-3 for states; ``PER:…``, ``ORG:…``, ``IGO:…``, ``NGO:…`` (non-governmental
    organisations) and ``NSA:…`` (armed non-state groups) otherwise."""
    name: str
    kind: ActorKind
    country: str | None = None
    """ISO alpha-3 of the state the actor belongs to or stands for (None for IGOs)."""
    role: str | None = None
    sector: str | None = None
    """CAMEO agent sector: GOV, MIL, BUS, MED, LEG, JUD, COP, OPP, REB, ELI (a former
    official) …; None for a state itself. A person's is that of the office held on the date of
    the first text that names them (each mention keeps its own, see ``Mention.sector``)."""


@dataclass(slots=True)
class Mention:
    """A span of a document that names an actor."""

    doc_id: str
    start: int
    end: int
    text: str
    actor_id: str
    how: str = "name"
    """How the span names the actor: name, capital, demonym, seat, historical, person, org, igo,
    ngo, armed_group."""
    sector: str | None = None
    """The part of the state the mention names, read from the words around it: "Greek
    *warships*" MIL, "the *Turkish* Foreign Ministry" GOV, a person's office on the text's date;
    None when the mention names the state itself ("Greece said")."""


@dataclass(slots=True)
class Sentence:
    """A sentence of a document and the dyads (country pairs) it speaks about."""

    doc_id: str
    start: int
    end: int
    dyads: list[str] = field(default_factory=list)
    """Sorted ``AAA-BBB`` pairs of ISO alpha-3 codes, each pair sorted too."""


@dataclass(slots=True)
class DocActors:
    """What the actor stage found in one document."""

    doc_id: str
    actors: list[Actor] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)


def dyad_key(a: str, b: str) -> str:
    """The canonical name of the dyad of two ISO alpha-3 codes: sorted, joined by '-'."""
    x, y = sorted((a.upper(), b.upper()))
    return f"{x}-{y}"


# -- reuse ----------------------------------------------------------------------------------

ReuseKind = Literal["verbatim", "near_verbatim", "spun", "paraphrase", "translated"]


@dataclass(slots=True)
class ClusterMember:
    """A document's place in a cluster of near-duplicate documents."""

    cluster_id: str
    doc_id: str


@dataclass(slots=True)
class Passage:
    """Two aligned spans, one in each document, that share text."""

    doc_a: str
    start_a: int
    end_a: int
    doc_b: str
    start_b: int
    end_b: int
    kind: ReuseKind
    similarity: float
    substitutions: list[tuple[str, str]] = field(default_factory=list)
    """For spun and paraphrased pairs: (word or phrase in a, what b put in its place)."""


@dataclass(slots=True)
class LineageEdge:
    """``derived_doc`` derives from ``source_doc``; ``reason`` says how that was decided."""

    derived_doc: str
    source_doc: str
    kind: ReuseKind
    reason: str


@dataclass(slots=True)
class ReuseSignal:
    """Per-document evidence of spinning or machine translation, with or without a source."""

    doc_id: str
    spin_score: float
    mt_score: float
    evidence: list[str] = field(default_factory=list)


@dataclass(slots=True)
class PairResult:
    """What aligning one candidate pair of documents gave: nothing (``edge`` None), or the
    lineage edge and the passages oriented source → derived. It depends on the two documents
    alone, so a store keeps it for the next run."""

    doc_a: str
    doc_b: str
    edge: LineageEdge | None = None
    passages: list[Passage] = field(default_factory=list)


@dataclass(slots=True)
class ReuseResult:
    """What the reuse stage found over a set of documents."""

    clusters: list[ClusterMember] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    lineage: list[LineageEdge] = field(default_factory=list)
    groups: list[ClusterMember] = field(default_factory=list)
    """Lineage groups: documents that are not independent of each other share a group id."""
    signals: list[ReuseSignal] = field(default_factory=list)


# -- events, dates and figures -------------------------------------------------------------

Precision = Literal["day", "month", "year", "decade"]
FigureRole = Literal["level", "start", "change"]
EventPrecision = Literal["day", "month", "year", "decade", "unknown"]
#: How finely a place locates an event, finest first.
PLACE_PRECISIONS = ("site", "city", "region", "country")
#: The columns that say where an event happened, on ``Event`` and ``FusedEvent`` alike.
PLACE_FIELDS = (
    "place_id", "place_name", "place_kind", "place_country", "place_lat", "place_lon",
    "place_precision",
)  # fmt: skip


@dataclass(slots=True)
class TimeExpr:
    """A date or time expression in a document, resolved to a calendar value."""

    doc_id: str
    start: int
    end: int
    text: str
    value: str
    """ISO form at its precision: ``2014-06-01``, ``2014-06``, ``2014`` or ``1970s``."""
    precision: Precision
    derived: bool = False
    """True when resolved against the document date (relative: "last year") or estimated."""


@dataclass(slots=True)
class DateEstimate:
    """A document's date when the source gives none: the estimate and the evidence for it."""

    doc_id: str
    date: str
    precision: Precision
    evidence: str


@dataclass(slots=True)
class Event:
    """Who did what to whom, when: one coded event mention with its evidence."""

    event_id: str
    doc_id: str
    start: int
    end: int
    quote: str
    source: str
    """ISO alpha-3 for states; an actor id otherwise."""
    target: str | None
    plover: str
    cameo_root: str
    """Two-digit CAMEO root code, "01" to "20"."""
    quad_class: int
    goldstein: float
    mode: str | None = None
    date: str | None = None
    """When the event happened, as its own words date it (see ``date_basis``); None when
    nothing dates it (``date_precision`` "unknown")."""
    date_precision: EventPrecision | None = None
    date_derived: bool = False
    """True when the date is not written in the event's own words: a relative expression
    ("yesterday"), the paragraph's narrative time or the story's date."""
    trigger: str | None = None
    source_sector: str | None = None
    """CAMEO agent sector of the source (GOV, MIL, BUS …); None for the state itself."""
    target_sector: str | None = None
    source_actor: str | None = None
    """The actor id behind ``source`` (a person, an organisation, or the state itself)."""
    target_actor: str | None = None
    date_basis: str | None = None
    """How the date was found: clause (a date in the event's own clause), relative (a relative
    expression resolved against the story date), narrative (the paragraph's time), story (the
    story's own date, for its news), prior (the story's date as the latest day of an act
    reported in the past perfect), none (nothing dates it)."""
    coded_by: str = "rules"
    """What chose the category: "rules" (the dictionaries) or "model" (the learned second
    opinion, for a verb no dictionary lists; see docs/extract.md)."""
    place_id: str | None = None
    """Where the event happened: the gazetteer entry (``G:`` + GeoNames id, ``R:`` + ISO 3166-2
    code, ``W:`` a water body); None when the text does not say."""
    place_name: str | None = None
    place_kind: str | None = None
    """country, region, city, water or site."""
    place_country: str | None = None
    """ISO alpha-3 of the state the place lies in (water bodies: the states on its shores,
    joined by "|")."""
    place_lat: float | None = None
    place_lon: float | None = None
    place_precision: str | None = None
    """How finely the place locates the event: site, city, region, country (None: no place)."""
    place_basis: str | None = None
    """How the place was found: ``clause`` (named in the event's own clause) or ``dateline``
    (the story's dateline, for an event of the dateline's state)."""
    place_start: int | None = None
    place_end: int | None = None
    """Character span of the place name the place was read from."""


@dataclass(slots=True)
class PlaceMention:
    """A place named in a document, resolved to a gazetteer entry, with the other entries
    of the same name that the document's context ruled out."""

    doc_id: str
    start: int
    end: int
    text: str
    place_id: str
    name: str
    kind: str
    """country, region, city, water or site."""
    country: str
    """ISO alpha-3 (water bodies: the states on its shores, joined by "|")."""
    lat: float
    lon: float
    use: str
    """How the text uses it: ``location`` (where something is or happens), ``dateline``,
    ``venue`` (part of a name: "the Tashkent summit") or ``place``."""
    alternatives: list[str] = field(default_factory=list)
    """The other entries of the name, best first, as ``id|name|country``."""


@dataclass(slots=True)
class Statement:
    """A non-factual statement about a dyad (speculation, recommendation, question, hedge)."""

    doc_id: str
    start: int
    end: int
    quote: str
    source: str | None
    target: str | None
    plover: str | None
    modality: str
    """recommendation, speculation, prediction, question, hedged, negated, denied, scheduled …"""


@dataclass(slots=True)
class Claim:
    """A figure a source cites (trade volume, deal value …) with unit, period and quote."""

    claim_id: str
    doc_id: str
    start: int
    end: int
    quote: str
    value: float
    currency: str | None
    value_usd: float | None
    measure: str
    """What it measures: trade_volume, trade_growth, investment, project_cost, deal_value, aid,
    other; for a count, what it counts (incidents, ships, munitions, troops, casualties …); for
    a quantity of goods, its unit (tonnes, barrels, barrels_per_day, bushels …)."""
    dyad: str | None = None
    period: str | None = None
    unit: str | None = None
    """currency, percent, count or quantity (of goods)."""
    bound: str | None = None
    """How the source bounds the figure: ``lower`` ("more than", "over", "in excess of", "at
    least"), ``upper`` ("less than", "under", "up to", "nearly"), ``about`` ("about",
    "around", "an estimated"), ``range`` ("$10-12 billion": ``value`` is its lower end), or
    None: the figure as an exact amount."""
    role: FigureRole = "level"
    """What the figure is in its sentence: ``start``, where a change began ("rose from $270
    million to $520 million"); ``change``, the size of a change ("increased by $270
    million", money and counts only); else ``level``."""
    one_sided: bool = False
    """The parse of its sentence says the amount is one state's own total: its trade surplus
    or deficit, its exports or imports, its reserves or debt, with no partner named ("Tokyo's
    trade surplus, which hit 83 billion dlrs"). Such a figure is no figure of a dyad, even in
    a sentence that names one."""
    referent: str | None = None
    """What the figure is an amount of, as the text words it: the lemmas of the nouns of the
    phrase the parse says it measures ("kansai airport" in "the eight billion dlr Kansai
    airport"), else of the verb that takes it ("sell"); in a sentence that is not parsed, the
    keyword that gave its measure ("bilateral trade"). None when neither names one."""


@dataclass(slots=True)
class DocExtraction:
    """Everything the extract stage found in one document."""

    doc_id: str
    actors: DocActors
    events: list[Event] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    date: DateEstimate | None = None
    places: list[PlaceMention] = field(default_factory=list)
    sport: float | None = None
    """The probability that the story is about sport, when it is judged one (no events or
    statements are coded in it); None otherwise."""
    failed: str | None = None
    """Why the stage could not read the document (a fault of the stage, not of the text);
    nothing else is set. The run records it as a reject of stage "extract"."""


# -- fusion and the dyad picture -----------------------------------------------------------


@dataclass(slots=True)
class FusedEvent:
    """One real-world event: every mention of it across sentences and documents."""

    fused_id: str
    date: str | None
    date_precision: Precision | None
    source: str
    target: str | None
    plover: str
    cameo_root: str
    goldstein: float
    num_mentions: int
    num_articles: int
    num_sources: int
    """Independent lineage groups among the articles: a reprint adds a mention, not a source."""
    event_ids: list[str] = field(default_factory=list)
    quad_class: int = 0
    domain: str | None = None
    """diplomacy, defence, energy, trade, aid, culture, security."""
    summary: str | None = None
    """A short label for the chronology, e.g. the trigger phrase of the best mention."""
    num_outlets: int = 0
    """Distinct outlets among the articles: sites or agencies (a document's ``site``, else its
    URL's host); an article with neither counts as an outlet of its own."""
    date_basis: str | None = None
    """How the mention whose date the fused event takes was dated (``Event.date_basis``):
    ``relative`` marks a date worked out from "last week", "yesterday" …"""
    place_id: str | None = None
    """The best-supported place of its mentions (``Event.place_id``): the one most mentions
    give, the finer one on a tie; None when no mention has a place."""
    place_name: str | None = None
    place_kind: str | None = None
    place_country: str | None = None
    place_lat: float | None = None
    place_lon: float | None = None
    place_precision: str | None = None


@dataclass(slots=True)
class Contradiction:
    """Claims about one measure, dyad and period that disagree, or a difference of period."""

    contradiction_id: str
    measure: str
    dyad: str | None
    period: str | None
    claim_ids: list[str]
    kind: Literal[
        "contradiction", "different_period", "different_date", "copy_distortion", "different_bound"
    ]
    note: str


@dataclass(slots=True)
class DyadIndexRow:
    """The cooperation/conflict picture of one dyad in one period."""

    dyad: str
    period: str
    coop_index: float
    events: int
    sources: int
    by_domain: dict[str, int] = field(default_factory=dict)
    by_plover: dict[str, int] = field(default_factory=dict)


@dataclass(slots=True)
class Irritant:
    """A third party or issue that sources present as an obstacle in a dyad's relations."""

    dyad: str
    party_or_issue: str
    evidence: list[tuple[str, int, int, str]] = field(default_factory=list)
    """(doc_id, start, end, quote) of each sentence that says so."""
    kind: Literal["party", "issue"] = "party"


@dataclass(slots=True)
class FusionScope:
    """The parts of the fusion that :func:`dyadwatch.fuse.fuse_changed` recomputed: the
    stored rows of these parts are stale and are replaced by its result; the others stand."""

    blocks: set[tuple[str, str]] = field(default_factory=set)
    """Pairs of actors (sorted) whose fused events were fused again."""
    events: set[str] = field(default_factory=set)
    """The events of those blocks (``different_date`` rows cite them)."""
    index_dyads: set[str] = field(default_factory=set)
    """Dyads whose index rows were computed again."""
    dyads: set[str] = field(default_factory=set)
    """Dyads whose figure contradictions and irritants were computed again."""
    kept_edges: set[frozenset[str]] = field(default_factory=set)
    """Lineage edges (as document pairs) whose copy distortions were not computed again."""


@dataclass(slots=True)
class FusionResult:
    """What the fuse stage found over the whole store."""

    fused: list[FusedEvent] = field(default_factory=list)
    contradictions: list[Contradiction] = field(default_factory=list)
    index: list[DyadIndexRow] = field(default_factory=list)
    irritants: list[Irritant] = field(default_factory=list)
