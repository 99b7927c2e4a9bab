"""The event vocabulary and codebooks, loaded once per process from ``ontology/``.

* ``event_vocab.toml`` (hand-written): noun kinds, verb frames, event nouns, wrapper words
  (intent, refusal, threat, request, report) and modality words;
* ``event_patterns.json`` (derived from the PETRARCH-2 CAMEO verb dictionary by
  ``scripts/build_event_patterns.py``): the fallback vocabulary for verbs the frames lack;
* ``cameo_plover.csv``, ``cameo_roots.csv``, ``plover.csv``: CAMEO code → PLOVER category
  and mode; CAMEO root → GDELT quad class and Goldstein score; PLOVER base scores.
"""

from __future__ import annotations

import csv
import functools
import json
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

_PACKAGE = "dyadwatch.ontology"


@dataclass(frozen=True, slots=True)
class Frame:
    """Verbs that share a default code and object rules (see ``event_vocab.toml``)."""

    code: str | None
    objects: tuple[tuple[str, str], ...] = ()
    subjects: tuple[tuple[str, str], ...] = ()
    reciprocal: bool = False
    light: bool = False
    to: tuple[str, ...] = ()
    place: str | None = None
    """Code when a recipient preposition names a place of a state ("arrived in Amman")."""
    intransitive: bool = False
    """The default code holds only without a direct object ("demonstrated against" is a
    protest, "demonstrated a phone" a showing)."""


@dataclass(frozen=True, slots=True)
class NounEntry:
    """An event noun: its code, whether it is mutual, and codes by the kind of its object."""

    code: str | None
    reciprocal: bool = False
    objects: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Pattern:
    """A PETRARCH pattern: phrases before and after the verb, and the code they give."""

    pre: tuple[tuple[str, ...], ...]
    post: tuple[tuple[str, ...], ...]
    code: str

    @property
    def size(self) -> int:
        return sum(len(p) for p in (*self.pre, *self.post))


@dataclass(frozen=True, slots=True)
class Coding:
    """What a CAMEO code means in PLOVER and GDELT terms."""

    code: str
    plover: str | None
    mode: str | None
    quad_class: int
    goldstein: float


@dataclass(slots=True)
class Vocab:
    """Everything the coder looks up; see :func:`load_vocab`."""

    kinds: dict[str, frozenset[str]] = field(default_factory=dict)
    frames: dict[str, tuple[Frame, ...]] = field(default_factory=dict)
    verb_codes: dict[str, str] = field(default_factory=dict)
    nouns: dict[str, NounEntry] = field(default_factory=dict)
    needs_actor: frozenset[str] = frozenset()
    words: dict[str, frozenset[str]] = field(default_factory=dict)
    """Word lists by name: intent_verbs, report_verbs, negators, hedges, future …"""
    request_verbs: dict[str, str] = field(default_factory=dict)
    modals: dict[str, str] = field(default_factory=dict)
    derive: dict[str, dict[str, str]] = field(default_factory=dict)
    petrarch_verbs: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    """Lemma → (verb block, code or None)."""
    patterns: dict[str, tuple[Pattern, ...]] = field(default_factory=dict)
    synsets: dict[str, frozenset[str]] = field(default_factory=dict)
    cameo_plover: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    roots: dict[str, tuple[int, float]] = field(default_factory=dict)
    plover_scores: dict[str, float] = field(default_factory=dict)
    needs_recipient: frozenset[str] = frozenset()
    """PLOVER categories that require a recipient (COOPERATE, AID, SANCTION)."""

    def word(self, name: str, text: str) -> bool:
        """``text`` is in the word list ``name``."""
        return text in self.words.get(name, frozenset())

    def kinds_of(self, words: Iterable[str]) -> set[str]:
        """The noun kinds any of ``words`` (lemmas or lower-case forms) belongs to."""
        bag = set(words)
        return {k for k, members in self.kinds.items() if bag & members}

    def coding(self, code: str) -> Coding | None:
        """PLOVER category, mode, quad class and Goldstein score of a CAMEO code."""
        root = code[:2]
        if root not in self.roots:
            return None
        plover: str | None = None
        mode: str | None = None
        for n in range(len(code), 1, -1):
            if code[:n] in self.cameo_plover:
                plover, mode = self.cameo_plover[code[:n]]
                break
        quad, goldstein = self.roots[root]
        return Coding(code, plover, mode, quad, goldstein)

    def derived(self, table: str, code: str, default: str) -> str:
        """The wrapper code for a wrapped act (``[derive]`` tables), by longest code prefix."""
        rules = self.derive.get(table, {})
        for n in range(len(code), 1, -1):
            if code[:n] in rules:
                return rules[code[:n]]
        return default


def _text(name: str) -> str:
    return resources.files(_PACKAGE).joinpath(name).read_text(encoding="utf-8")


def _csv_rows(name: str) -> Iterator[dict[str, str]]:
    lines = [ln for ln in _text(name).splitlines() if ln.strip() and not ln.startswith("#")]
    for row in csv.DictReader(lines):
        yield {k: (v or "").strip() for k, v in row.items()}


def _pairs(items: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """``["aid=070", …]`` → ``(("aid", "070"), …)`` in order."""
    out = []
    for item in items:
        key, _, value = item.partition("=")
        out.append((key.strip(), value.strip()))
    return tuple(out)


def _expand(words: Iterable[str], synsets: dict[str, frozenset[str]]) -> frozenset[str]:
    """Words with every ``&synset`` replaced by its members."""
    out: set[str] = set()
    for w in words:
        if w.startswith("&"):
            out |= synsets.get(w[1:], frozenset())
        else:
            out.add(w.lower())
    return frozenset(out)


def _load_frames(v: Vocab, data: dict[str, Any]) -> None:
    frames: dict[str, list[Frame]] = {}
    for f in data["frames"]:
        frame = Frame(
            code=f.get("code") or None,
            objects=_pairs(f.get("objects", [])),
            subjects=_pairs(f.get("subjects", [])),
            reciprocal=bool(f.get("reciprocal", False)),
            light=bool(f.get("light", False)),
            to=tuple(f.get("to", [])),
            place=f.get("place"),
            intransitive=bool(f.get("intransitive", False)),
        )
        for verb in f["verbs"]:
            frames.setdefault(verb, []).append(frame)
    v.frames = {k: tuple(fs) for k, fs in frames.items()}
    v.verb_codes = dict(data.get("verb_codes", {}))
    reciprocal = set(data.get("reciprocal_verbs", {}).get("words", []))
    v.words["reciprocal_verbs"] = frozenset(reciprocal)


def _load_nouns(v: Vocab, data: dict[str, Any]) -> None:
    for noun, entry in data["nouns"].items():
        if isinstance(entry, str):
            v.nouns[noun] = NounEntry(entry)
        else:
            v.nouns[noun] = NounEntry(
                entry.get("code") or None,
                bool(entry.get("reciprocal", False)),
                _pairs(entry.get("objects", [])),
            )
    v.needs_actor = frozenset(data.get("noun_rules", {}).get("needs_actor", []))
    v.words["carriers"] = frozenset(data.get("noun_rules", {}).get("carriers", []))
    v.words["figurative"] = frozenset(data.get("noun_rules", {}).get("figurative", []))


def _load_petrarch(v: Vocab, fixes: dict[str, Any]) -> None:
    data = json.loads(_text("event_patterns.json"))
    drop = _pairs(fixes.get("drop_synset_words", []))
    v.synsets = {
        k: frozenset(w for w in ws if (k, w) not in drop) for k, ws in data["synsets"].items()
    }
    ignore = set(fixes.get("ignore_verbs", []))
    v.words["ignored_verbs"] = frozenset(ignore)
    for name, entry in data["verbs"].items():
        block, _, code = entry.partition("|")
        if name not in ignore:
            v.petrarch_verbs[name] = (block, code or None)
    v.patterns = {
        block: tuple(_pattern(p) for p in pats) for block, pats in data["patterns"].items()
    }


def _pattern(text: str) -> Pattern:
    """``"pre>post>code"``: phrases split by ``;``, words by spaces."""
    pre, post, code = text.split(">")

    def side(s: str) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(p.split()) for p in s.split(";") if p.strip())

    return Pattern(side(pre), side(post), code)


def _load_codebooks(v: Vocab) -> None:
    for r in _csv_rows("cameo_plover.csv"):
        v.cameo_plover[r["code"]] = (r["plover"] or None, r["mode"] or None)
    for r in _csv_rows("cameo_roots.csv"):
        v.roots[r["root"]] = (int(r["quad_class"]), float(r["goldstein"]))
    needs = set()
    for r in _csv_rows("plover.csv"):
        v.plover_scores[r["category"]] = float(r["score"])
        if r["requires_recipient"] == "1":
            needs.add(r["category"])
    v.needs_recipient = frozenset(needs)


@functools.cache
def load_vocab() -> Vocab:
    """Read every event data file once per process."""
    data = tomllib.loads(_text("event_vocab.toml"))
    v = Vocab()
    _load_petrarch(v, data.get("petrarch", {}))
    v.kinds = {k: _expand(ws, v.synsets) for k, ws in data["kinds"].items()}
    _load_frames(v, data)
    _load_nouns(v, data)
    wrappers = data["wrappers"]
    for name, words in [*wrappers.items(), *data["modality"].items()]:
        if name in {"request_verbs", "modals"}:
            continue
        v.words[name] = frozenset(words)
    v.request_verbs = dict(_pairs(wrappers["request_verbs"]))
    v.modals = dict(_pairs(data["modality"]["modals"]))
    v.derive = {name: dict(_pairs(rules)) for name, rules in data["derive"].items()}
    _load_codebooks(v)
    return v
