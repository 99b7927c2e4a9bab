"""Actors and event dates: dyadwatch against two hand-annotated gold sets.

The gold sets live in the repository and hold no article text, only ids, offsets, names as
written and the expected values:

* ``tests/data/actor_gold.jsonl``: sentences of Reuters-21578 (1987) and BBC (2004-05)
  stories, each with every actor mention it holds (country as ISO alpha-3, CAMEO sector,
  kind) and the words that must not become an actor there (places, treaty names, datelines,
  ethnic and language words);
* ``tests/data/date_gold.jsonl``: events of Reuters and BBC stories with the date the event
  happened, tagged with the way a reader finds that date (``path``): a date in the event's
  clause, a relative date against the story date, the narrative time of the paragraph,
  undated background (no date), or the story's own news (the dateline day).

``tests/data/actor_date_gold.md`` gives the annotation conventions.

Each gold item names a record of the shared corpora (``../shared/corpus/news/``) and the
character offsets of its sentence in the record's ``text`` field; the SHA-1 of that slice
guards against a changed corpus. The record goes through the path ``dyadwatch analyze`` takes
for a JSONL line (``ingest.parse_jsonl`` then ``clean.clean_document``) and through the whole
extract stage (``Extractor(Config()).pipe``). Cleaning unwraps hard line breaks, so a gold
sentence is found in the cleaned text by whitespace-normalised matching, and every gold offset
is carried over through that alignment.

Actors, per gold mention: the extracted mention that overlaps the gold name (else the gold
description around it, ``phrase``, given as offsets) is its match; a mention that overlaps a
word listed in ``not_actors`` is a place made an actor, whatever else it overlaps. The match
is scored for country, sector (the first three letters of a CAMEO code; a ``sector``
attribute on the mention or the actor, when dyadwatch has one) and kind. State attribution
counts a mention for its state (an ISO alpha-3 code; an IGO affiliation is no state): recall
over gold mentions with one definite state, precision over every state dyadwatch gives a
mention in a gold sentence (extra mentions and places included; mentions inside a gold
description or listed as ``optional`` are not counted either way).

Dates, per gold event: the extracted events whose span holds the trigger and whose trigger
words include the gold trigger's words or are included in them ("held … meeting" matches a
trigger "held"). A date is right when it equals the gold value at the gold precision
("1987-03-02" at month precision is "1987-03"; a coarser date is wrong); for a gold date of
precision ``unknown`` every such event must have no date or precision ``unknown``. Gold
events that dyadwatch does not code at all are counted apart, and so are those only a
statement holds.

    python benchmarks/actors_dates.py            # about a minute on one core

Prints the tables, writes ``benchmarks/results/actors_dates.md`` and exits 0; exits quietly
when the shared data is absent.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
import time
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = REPO.parent / "shared"
NEWS = SHARED / "corpus" / "news"
CORPORA = {
    "reuters21578": NEWS / "reuters21578" / "articles.jsonl.gz",
    "bbc_news_2225": NEWS / "bbc_news_2225" / "articles.jsonl.gz",
    "voa": NEWS / "voa" / "voa_stories.jsonl",
}
ACTOR_GOLD = REPO / "tests" / "data" / "actor_gold.jsonl"
DATE_GOLD = REPO / "tests" / "data" / "date_gold.jsonl"
RESULTS = HERE / "results" / "actors_dates.md"

ACTOR_CASES = (
    "capital_actor",
    "place",
    "office_holder",
    "role_country",
    "surname",
    "sector",
    "org",
    "two_people",
    "non_actor",
)
DATE_PATHS = ("clause", "relative", "narrative", "background", "story")
# Codes one body goes by, in the gold and in dyadwatch's ontology.
IGO_ALIASES = {
    "IGO:EEC": {"IGO:EEC", "IGO:EC", "IGO:ECOM", "IGO:EU"},
    "IGO:EU": {"IGO:EU", "IGO:EC", "IGO:ECOM", "IGO:EEC"},
    "IGO:UNSC": {"IGO:UNSC", "IGO:UN"},
    "IGO:WARSAW": {"IGO:WARSAW", "IGO:WP"},
}
_WORD = re.compile(r"[\w'-]+")
_ISO3 = re.compile(r"[A-Z]{3}")


# --- gold and corpus -------------------------------------------------------------------------


def shared_available() -> bool:
    """True when the shared corpora the gold sets point into are present."""
    return all(CORPORA[name].exists() for name in ("reuters21578", "bbc_news_2225"))


def load_gold(path: Path) -> list[dict[str, Any]]:
    """The gold items of a JSON Lines file, in order."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _open(path: Path) -> TextIO:
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8")
    return path.open(encoding="utf-8")


def load_records(wanted: dict[str, set[str]]) -> dict[tuple[str, str], dict[str, Any]]:
    """The corpus records named by ``wanted`` (corpus -> ids), keyed by (corpus, id)."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for corpus, ids in wanted.items():
        with _open(CORPORA[corpus]) as handle:
            for line in handle:
                record = json.loads(line)
                if str(record.get("id")) in ids:
                    found[(corpus, str(record["id"]))] = record
    return found


def build_document(record: dict[str, Any], corpus: str) -> Any:
    """The cleaned ``Document`` ``dyadwatch analyze`` makes of this JSONL record."""
    from dyadwatch.clean import clean_document
    from dyadwatch.config import Config
    from dyadwatch.ingest.readers import parse_jsonl
    from dyadwatch.model import Reject

    cfg = Config()
    line = json.dumps(record, ensure_ascii=False).encode("utf-8")
    (raw,) = list(parse_jsonl(str(CORPORA[corpus]), line, cfg))
    if isinstance(raw, Reject):
        raise ValueError(f"{record.get('id')}: rejected by ingest: {raw.reason}")
    doc = clean_document(raw, cfg)
    if isinstance(doc, Reject):
        raise ValueError(f"{record.get('id')}: rejected by clean: {doc.reason}")
    return doc


def extract_all(docs: list[Any]) -> list[Any]:
    """The extract stage over ``docs``, one ``DocExtraction`` each, in order."""
    from dyadwatch.config import Config
    from dyadwatch.extract.pipeline import Extractor

    return list(Extractor(Config()).pipe(docs))


# --- alignment -------------------------------------------------------------------------------


def squash(text: str) -> tuple[str, list[int]]:
    """``text`` with every whitespace run made one space, and the source index of each char."""
    out: list[str] = []
    where: list[int] = []
    for i, char in enumerate(text):
        if char.isspace():
            if out and out[-1] == " ":
                continue
            out.append(" ")
        else:
            out.append(char)
        where.append(i)
    return "".join(out), where


@dataclass(slots=True)
class Aligned:
    """A gold sentence found in a cleaned document."""

    sentence: str
    """The gold sentence, whitespace-normalised."""
    doc_index: list[int]
    """For each character of ``sentence``, its offset in the cleaned text."""
    raw_to_squashed: list[int]
    """For each character of the raw gold sentence, its index in ``sentence``."""

    @property
    def start(self) -> int:
        return self.doc_index[0]

    @property
    def end(self) -> int:
        return self.doc_index[-1] + 1

    def find(self, text: str, nth: int = 0) -> tuple[int, int] | None:
        """The cleaned-text span of the ``nth`` whole-word occurrence of ``text``."""
        needle = " ".join(text.split())
        hits = [
            m.start()
            for m in re.finditer(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", self.sentence)
        ]
        if nth >= len(hits):
            return None
        pos = hits[nth]
        return self.doc_index[pos], self.doc_index[pos + len(needle) - 1] + 1

    def find_all(self, text: str) -> list[tuple[int, int]]:
        spans = []
        nth = 0
        while (span := self.find(text, nth)) is not None:
            spans.append(span)
            nth += 1
        return spans

    def raw_offset(self, offset: int) -> int:
        """The cleaned-text offset of a character of the raw sentence."""
        return self.doc_index[self.raw_to_squashed[offset]]


def align(raw_sentence: str, doc_text: str) -> Aligned | None:
    """Find ``raw_sentence`` in ``doc_text`` up to whitespace; None when it is not there."""
    full, raw_where = squash(raw_sentence)
    lead = len(full) - len(full.lstrip())
    needle = full.strip()
    if not needle:
        return None
    doc_sq, doc_where = squash(doc_text)
    pos = doc_sq.find(needle)
    if pos < 0:
        return None
    to_sq = [
        min(max(bisect_right(raw_where, i) - 1 - lead, 0), len(needle) - 1)
        for i in range(len(raw_sentence))
    ]
    return Aligned(needle, doc_where[pos : pos + len(needle)], to_sq)


# --- corpus preparation ----------------------------------------------------------------------


@dataclass(slots=True)
class Prepared:
    """Gold items with their records, cleaned documents and extractions."""

    actor_items: list[dict[str, Any]]
    date_items: list[dict[str, Any]]
    docs: dict[tuple[str, str], Any] = field(default_factory=dict)
    extractions: dict[tuple[str, str], Any] = field(default_factory=dict)
    records: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0


def prepare(
    actor_gold: Path = ACTOR_GOLD, date_gold: Path = DATE_GOLD, limit: int | None = None
) -> Prepared:
    """Read both gold sets, their records and run the extract stage once per story."""
    actor_items = load_gold(actor_gold)[:limit]
    date_items = load_gold(date_gold)[:limit]
    wanted: dict[str, set[str]] = defaultdict(set)
    for item in (*actor_items, *date_items):
        wanted[item["corpus"]].add(str(item["doc_id"]))
    prep = Prepared(actor_items, date_items)
    prep.records = load_records(wanted)
    keys = sorted(prep.records)
    docs = []
    for key in keys:
        try:
            docs.append(build_document(prep.records[key], key[0]))
        except ValueError as exc:
            prep.problems.append(str(exc))
            docs.append(None)
    kept = [(key, doc) for key, doc in zip(keys, docs, strict=True) if doc is not None]
    started = time.perf_counter()
    results = extract_all([doc for _, doc in kept])
    prep.seconds = time.perf_counter() - started
    for (key, doc), result in zip(kept, results, strict=True):
        prep.docs[key] = doc
        prep.extractions[key] = result
    return prep


def _locate(prep: Prepared, item: dict[str, Any]) -> tuple[Any, Any, Aligned] | str:
    """(document, extraction, alignment) of a gold item, or the reason it cannot be scored."""
    key = (item["corpus"], str(item["doc_id"]))
    record = prep.records.get(key)
    if record is None:
        return "record not in the corpus"
    raw = record["text"][item["start"] : item["end"]]
    if hashlib.sha1(raw.encode("utf-8")).hexdigest() != item["sha1"]:
        return "sha1 mismatch: the corpus text differs from the annotated one"
    if key not in prep.docs:
        return "record rejected by ingest or clean"
    aligned = align(raw, prep.docs[key].text)
    if aligned is None:
        return "sentence not found in the cleaned text"
    return prep.docs[key], prep.extractions[key], aligned


# --- actors ----------------------------------------------------------------------------------


def _as_set(value: Any) -> set[Any]:
    return set(value) if isinstance(value, list) else {value}


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _primary(sector: Any) -> str | None:
    return str(sector)[:3].upper() if sector else None


def _igo_match(gold_code: str, actor_id: str) -> bool:
    return actor_id.upper() in IGO_ALIASES.get(gold_code, {gold_code})


@dataclass(slots=True)
class MentionResult:
    """One gold mention scored."""

    case: str
    text: str
    doc_id: str
    gold: dict[str, Any]
    found: bool = False
    predicted_text: str | None = None
    country: str | None = None
    sector: str | None = None
    kind: str | None = None
    actor_id: str | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def definite_state(self) -> str | None:
        countries = _as_set(self.gold["country"])
        if None in countries or len(countries) != 1:
            return None
        return str(next(iter(countries)))


@dataclass(slots=True)
class ActorReport:
    """Everything the actor scoring found, for tables and floors."""

    mentions: list[MentionResult] = field(default_factory=list)
    sentences: Counter[str] = field(default_factory=Counter)
    not_actor_total: Counter[str] = field(default_factory=Counter)
    not_actor_errors: list[tuple[str, str, str, str | None]] = field(default_factory=list)
    spurious: list[tuple[str, str, str, str | None]] = field(default_factory=list)
    unscored: list[str] = field(default_factory=list)
    state_tp: int = 0
    state_fp: int = 0
    state_gold: int = 0

    @property
    def state_precision(self) -> float:
        return _ratio(self.state_tp, self.state_tp + self.state_fp)

    @property
    def state_recall(self) -> float:
        return _ratio(self.state_tp, self.state_gold)

    @property
    def state_f1(self) -> float:
        p, r = self.state_precision, self.state_recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def share(self, what: str, case: str | None = None) -> float:
        """The share of gold mentions (of ``case``) right on country, sector, kind or found."""
        rows = [m for m in self.mentions if case is None or m.case == case]
        return _ratio(sum(what not in _failed(m) for m in rows), len(rows))

    @property
    def not_actor_rate(self) -> float:
        """The share of not-actor words dyadwatch made an actor (lower is better)."""
        return _ratio(len(self.not_actor_errors), sum(self.not_actor_total.values()))


def _failed(m: MentionResult) -> set[str]:
    failed = set()
    if not m.found:
        failed |= {"found", "country", "sector", "kind"}
    for error in m.errors:
        failed.add(
            {
                "wrong state": "country",
                "no state": "country",
                "state for a stateless actor": "country",
                "wrong sector": "sector",
                "no sector": "sector",
                "wrong kind": "kind",
            }.get(error, error)
        )
    return failed


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _predicted(extraction: Any, span: tuple[int, int]) -> list[tuple[tuple[int, int], Any, Any]]:
    actors = {a.actor_id: a for a in extraction.actors.actors}
    out = []
    for mention in extraction.actors.mentions:
        mspan = (mention.start, mention.end)
        if _overlap(mspan, span):
            out.append((mspan, mention, actors.get(mention.actor_id)))
    return out


def _state_of(mention: Any, actor: Any) -> str | None:
    """The ISO alpha-3 state a mention counts for; an IGO affiliation is no state."""
    country = mention.actor_id if actor is None else actor.country
    if country is None and actor is not None and actor.kind == "country":
        country = actor.actor_id
    return str(country) if country and _ISO3.fullmatch(str(country)) else None


def _sector_of(mention: Any, actor: Any) -> str | None:
    return getattr(mention, "sector", None) or getattr(actor, "sector", None)


def score_actors(prep: Prepared) -> ActorReport:
    """Score every gold sentence of the actor set."""
    report = ActorReport()
    for item in prep.actor_items:
        located = _locate(prep, item)
        if isinstance(located, str):
            report.unscored.append(f"{item['doc_id']}@{item['start']}: {located}")
            continue
        _doc, extraction, aligned = located
        report.sentences[item["case"]] += 1
        _score_sentence(item, extraction, aligned, report)
    return report


def _score_sentence(
    item: dict[str, Any], extraction: Any, aligned: Aligned, report: ActorReport
) -> None:
    case, doc_id = item["case"], str(item["doc_id"])
    golds: list[tuple[dict[str, Any], tuple[int, int], tuple[int, int]]] = []
    for gold in item["mentions"]:
        span = aligned.find(gold["text"], gold.get("nth", 0))
        if span is None:
            report.unscored.append(f"{doc_id}@{item['start']}: mention {gold['text']!r} not found")
            continue
        phrase = span
        if gold.get("phrase"):
            first, last = gold["phrase"][0] - item["start"], gold["phrase"][1] - 1 - item["start"]
            phrase = (aligned.raw_offset(first), aligned.raw_offset(last) + 1)
        golds.append((gold, span, phrase))
    own_spans = {span for _, span, _ in golds}
    places = [
        (word, span)
        for word in item.get("not_actors", [])
        for span in aligned.find_all(word)
        if span not in own_spans
    ]
    optional = [
        span
        for word in item.get("optional", [])
        for span in aligned.find_all(word)
        if span not in own_spans
    ]
    predicted = _predicted(extraction, (aligned.start, aligned.end))

    # Words that must not be actors: any mention over them is an error and matches nothing.
    blocked: set[int] = set()
    for word, span in places:
        report.not_actor_total[case] += 1
        hits = [(i, p) for i, p in enumerate(predicted) if _overlap(p[0], span)]
        for i, _ in hits:
            blocked.add(i)
        if hits:
            _, (_, mention, actor) = hits[0]
            state = _state_of(mention, actor)
            report.not_actor_errors.append((case, word, mention.actor_id, state))
            if state:
                report.state_fp += 1

    # Greedy matching: overlap with the name first, then with the description.
    pairs = []
    for g, (_, span, phrase) in enumerate(golds):
        for p, (pspan, _, _) in enumerate(predicted):
            if p in blocked:
                continue
            if (size := _overlap(span, pspan)) > 0:
                pairs.append((0, -size, g, p))
            elif (size := _overlap(phrase, pspan)) > 0:
                pairs.append((1, -size, g, p))
    match: dict[int, int] = {}
    used: set[int] = set()
    for _, _, g, p in sorted(pairs):
        if g not in match and p not in used:
            match[g] = p
            used.add(p)

    for g, (gold, span, _phrase) in enumerate(golds):
        result = MentionResult(case, gold["text"], doc_id, gold)
        report.mentions.append(result)
        states = _as_set(gold["country"])
        if result.definite_state:
            report.state_gold += 1
        if g not in match:
            taken = any(_overlap(span, predicted[p][0]) for p in used)
            result.errors.append("merged with another actor" if taken else "missed")
            continue
        _, mention, actor = predicted[match[g]]
        result.found = True
        result.predicted_text = mention.text
        result.actor_id = mention.actor_id
        result.country = _state_of(mention, actor)
        result.sector = _sector_of(mention, actor)
        result.kind = actor.kind if actor is not None else None
        if result.country is not None:
            if result.country in states:
                report.state_tp += 1
            else:
                report.state_fp += 1
        if result.country not in states:
            if result.country is None:
                result.errors.append("no state")
            elif states == {None}:
                result.errors.append("state for a stateless actor")
            else:
                result.errors.append("wrong state")
        if _primary(result.sector) not in {_primary(s) for s in _as_set(gold["sector"])}:
            result.errors.append("no sector" if result.sector is None else "wrong sector")
        if result.kind not in _as_set(gold["kind"]):
            result.errors.append("wrong kind")
        code = gold.get("code", "")
        if gold["kind"] == "igo" and code and not _igo_match(code, mention.actor_id):
            result.errors.append("wrong organisation")

    # Mentions no gold mention, description or optional word accounts for.
    covered = [phrase for _, _, phrase in golds] + [span for _, span, _ in golds] + optional
    for p, (pspan, mention, actor) in enumerate(predicted):
        if p in used or p in blocked or any(_overlap(pspan, c) for c in covered):
            continue
        state = _state_of(mention, actor)
        report.spurious.append((case, mention.text, mention.actor_id, state))
        if state:
            report.state_fp += 1


# --- dates -----------------------------------------------------------------------------------


def at_precision(value: str | None, precision: str) -> str | None:
    """``value`` cut to ``precision``; None when it is coarser than that."""
    if not value:
        return None
    if precision == "decade":
        if re.fullmatch(r"\d{3}0s", value):
            return value
        return value[:3] + "0s" if value[:4].isdigit() else None
    if value.endswith("s"):
        return None
    size = {"day": 10, "month": 7, "year": 4}[precision]
    return value[:size] if len(value) >= size else None


def _words(text: str | None) -> set[str]:
    return {w.lower() for w in _WORD.findall(text or "")}


def _trigger_matches(gold: str, found: str | None) -> bool:
    a, b = _words(gold), _words(found)
    return bool(a and b) and (a <= b or b <= a)


@dataclass(slots=True)
class DateResult:
    """One gold event scored."""

    path: str
    doc_id: str
    trigger: str
    gold: str | None
    precision: str
    coded: bool = False
    statement: bool = False
    right: bool = False
    found: list[tuple[str | None, str | None, bool]] = field(default_factory=list)
    diagnosis: str = ""


@dataclass(slots=True)
class DateReport:
    """Everything the date scoring found."""

    events: list[DateResult] = field(default_factory=list)
    unscored: list[str] = field(default_factory=list)

    def accuracy(self, path: str | None = None, *, coded_only: bool = False) -> float:
        rows = [
            e
            for e in self.events
            if (path is None or e.path == path) and (e.coded or not coded_only)
        ]
        return _ratio(sum(e.right for e in rows), len(rows))

    def coverage(self, path: str | None = None) -> float:
        rows = [e for e in self.events if path is None or e.path == path]
        return _ratio(sum(e.coded for e in rows), len(rows))


def _date_is_right(gold: str | None, precision: str, date: str | None, found_prec: Any) -> bool:
    if precision == "unknown":
        return date is None or found_prec == "unknown"
    return at_precision(date, precision) == gold


def _diagnose(result: DateResult, doc: Any, item: dict[str, Any]) -> str:
    dates = [d for d, _, _ in result.found]
    if result.right:
        return ""
    if result.precision == "unknown":
        if doc.date and doc.date in dates:
            return "undated background got the story date"
        return "undated background got a date"
    if all(d is None for d in dates):
        return "no date"
    if result.path == "story" and doc.date and doc.date != result.gold and doc.date in dates:
        return "story date from the date field, not the dateline"
    if doc.date and doc.date in dates and doc.date != result.gold:
        return "fell back to the story date"
    if any(d and at_precision(d, result.precision) is None for d in dates):
        return "coarser than the gold date"
    return "wrong date"


def score_dates(prep: Prepared) -> DateReport:
    """Score every gold event of the date set."""
    report = DateReport()
    for item in prep.date_items:
        located = _locate(prep, item)
        if isinstance(located, str):
            report.unscored.append(f"{item['doc_id']}@{item['trigger_start']}: {located}")
            continue
        doc, extraction, aligned = located
        result = DateResult(
            item["path"], str(item["doc_id"]), item["trigger"], item["date"], item["precision"]
        )
        report.events.append(result)
        at = aligned.raw_offset(item["trigger_start"] - item["start"])
        events = [
            e
            for e in extraction.events
            if e.start <= at < e.end and _trigger_matches(item["trigger"], e.trigger)
        ]
        result.statement = any(s.start <= at < s.end for s in extraction.statements)
        if not events:
            result.diagnosis = "not coded" + (" (a statement holds it)" if result.statement else "")
            continue
        result.coded = True
        result.found = [(e.date, e.date_precision, e.date_derived) for e in events]
        result.right = all(
            _date_is_right(item["date"], item["precision"], e.date, e.date_precision)
            for e in events
        )
        result.diagnosis = _diagnose(result, doc, item)
    return report


# --- report ----------------------------------------------------------------------------------


@dataclass(slots=True)
class Summary:
    """The headline figures (the test floors refer to these)."""

    actor_sentences: int
    actor_mentions: int
    mentions_found: float
    country_right: float
    sector_right: float
    kind_right: float
    state_precision: float
    state_recall: float
    not_actor_rate: float
    date_events: int
    date_coded: float
    date_right: float
    date_right_coded: float
    date_right_by_path: dict[str, float]


def summarise(actors: ActorReport, dates: DateReport) -> Summary:
    return Summary(
        actor_sentences=sum(actors.sentences.values()),
        actor_mentions=len(actors.mentions),
        mentions_found=actors.share("found"),
        country_right=actors.share("country"),
        sector_right=actors.share("sector"),
        kind_right=actors.share("kind"),
        state_precision=actors.state_precision,
        state_recall=actors.state_recall,
        not_actor_rate=actors.not_actor_rate,
        date_events=len(dates.events),
        date_coded=dates.coverage(),
        date_right=dates.accuracy(),
        date_right_coded=dates.accuracy(coded_only=True),
        date_right_by_path={path: dates.accuracy(path) for path in DATE_PATHS},
    )


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def _table(header: list[str], rows: Iterable[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def render(prep: Prepared, actors: ActorReport, dates: DateReport) -> str:
    """The Markdown report."""
    s = summarise(actors, dates)
    out = ["# Actors and event dates against hand-annotated gold", ""]
    out += [
        "`python benchmarks/actors_dates.py`: the gold sets `tests/data/actor_gold.jsonl` and "
        "`tests/data/date_gold.jsonl` (conventions in `tests/data/actor_date_gold.md`), "
        f"{len(prep.docs)} stories of Reuters-21578 and BBC News through ingest, clean and the "
        f"whole extract stage ({prep.seconds:.0f} s).",
        "",
        "## Actors",
        "",
        f"{s.actor_sentences} sentences, {s.actor_mentions} gold mentions. State attribution "
        f"(a mention counts for its state): precision {_pct(s.state_precision)}, recall "
        f"{_pct(s.state_recall)}, F1 {_pct(actors.state_f1)}. Places, treaty names and other "
        f"words that must not be actors made actors: {len(actors.not_actor_errors)} of "
        f"{sum(actors.not_actor_total.values())} ({_pct(s.not_actor_rate)}); mentions no gold "
        f"mention accounts for: {len(actors.spurious)}.",
        "",
    ]
    rows = []
    for case in (*ACTOR_CASES, None):
        ms = [m for m in actors.mentions if case is None or m.case == case]
        if not ms:
            continue
        places = (
            sum(actors.not_actor_total.values()) if case is None else actors.not_actor_total[case]
        )
        wrong = len([e for e in actors.not_actor_errors if case is None or e[0] == case])
        rows.append(
            [
                case or "**all**",
                str(sum(actors.sentences.values()) if case is None else actors.sentences[case]),
                str(len(ms)),
                _pct(actors.share("found", case)),
                _pct(actors.share("country", case)),
                _pct(actors.share("sector", case)),
                _pct(actors.share("kind", case)),
                f"{wrong}/{places}",
            ]
        )
    out += _table(
        ["case", "sentences", "mentions", "found", "country", "sector", "kind", "places as actors"],
        rows,
    )
    out += ["", "Error classes (gold mentions; one mention can have several):", ""]
    classes: Counter[str] = Counter()
    examples: dict[str, str] = {}
    for m in actors.mentions:
        for error in m.errors:
            classes[error] += 1
            examples.setdefault(
                error,
                f"{m.text!r} ({m.doc_id}): gold {m.gold['country']}/{m.gold['sector']}/"
                f"{m.gold['kind']}, got {m.actor_id} {m.country}/{m.sector}/{m.kind}",
            )
    for case, word, actor_id, state in actors.not_actor_errors:
        classes["place or non-actor made an actor"] += 1
        examples.setdefault(
            "place or non-actor made an actor", f"{word!r} ({case}) -> {actor_id} ({state})"
        )
    for case, text, actor_id, _state in actors.spurious:
        classes["mention outside the gold"] += 1
        examples.setdefault("mention outside the gold", f"{text!r} ({case}) -> {actor_id}")
    out += _table(
        ["error", "count", "example"],
        ([k, str(v), examples[k]] for k, v in classes.most_common()),
    )
    out += ["", "## Dates", ""]
    out += [
        f"{s.date_events} gold events. Coded by dyadwatch: {_pct(s.date_coded)}. Date right: "
        f"{_pct(s.date_right)} of all gold events, {_pct(s.date_right_coded)} of those coded.",
        "",
    ]
    rows = []
    for path in (*DATE_PATHS, None):
        es = [e for e in dates.events if path is None or e.path == path]
        if not es:
            continue
        coded = [e for e in es if e.coded]
        rows.append(
            [
                path or "**all**",
                str(len(es)),
                str(len(coded)),
                str(len(es) - len(coded)),
                str(sum(e.right for e in es)),
                _pct(dates.accuracy(path, coded_only=True)),
                _pct(dates.accuracy(path)),
            ]
        )
    out += _table(
        ["path", "events", "coded", "not coded", "date right", "right of coded", "right of all"],
        rows,
    )
    out += ["", "Wrong or missing dates:", ""]
    out += _table(
        ["path", "story", "trigger", "gold", "dyadwatch", "diagnosis"],
        (
            [
                e.path,
                e.doc_id,
                e.trigger,
                f"{e.gold} ({e.precision})",
                ", ".join(f"{d} ({p})" for d, p, _ in e.found) or "-",
                e.diagnosis,
            ]
            for e in dates.events
            if not e.right
        ),
    )
    unscored = actors.unscored + dates.unscored + prep.problems
    if unscored:
        out += ["", "Not scored:", ""] + [f"- {u}" for u in unscored]
    return "\n".join(out) + "\n"


def run(write: bool = True, limit: int | None = None) -> tuple[Summary, str]:
    """Score both gold sets; write the Markdown report when ``write``."""
    prep = prepare(limit=limit)
    actors = score_actors(prep)
    dates = score_dates(prep)
    text = render(prep, actors, dates)
    if write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(text, encoding="utf-8")
    return summarise(actors, dates), text


def main(argv: Iterator[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, help="score only the first N items of each set")
    parser.add_argument("--no-write", action="store_true", help="do not write the results file")
    args = parser.parse_args(list(argv) if argv is not None else None)
    if not shared_available():
        print(f"shared corpora not found under {NEWS}: nothing to score")
        return 0
    _, text = run(write=not args.no_write, limit=args.limit)
    print(text)
    if not args.no_write:
        print(f"written to {RESULTS.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
