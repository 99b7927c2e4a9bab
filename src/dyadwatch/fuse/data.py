"""The data behind the fuse stage, loaded once from ``ontology/``.

``fusion.toml`` (which PLOVER categories may be one event, words that do not count as shared
wording, recurrence words), ``domains.toml`` (keywords of the seven domains) and
``irritants.toml`` (obstacle cues and issue nouns). The rules are in docs/fuse.md.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any


def _toml(name: str) -> dict[str, Any]:
    text = resources.files("dyadwatch.ontology").joinpath(name).read_text("utf-8")
    return tomllib.loads(text)


def _any(patterns: list[str]) -> re.Pattern[str]:
    """One case-insensitive pattern matching any of ``patterns``."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.I)


@dataclass(frozen=True, slots=True)
class FusionRules:
    symmetric: frozenset[str]
    compatible: frozenset[frozenset[str]]
    aliases: dict[str, str]
    ignore: frozenset[str]
    recurrence: re.Pattern[str]
    not_the_act: frozenset[str] = frozenset()
    """Words that never make two acts' own phrases alike (times, verbs of trying)."""
    synonyms: dict[str, str] = field(default_factory=dict)
    """Word → the first word of its class of words that name one thing ("proposal" → "offer")."""

    def category(self, plover: str) -> str:
        """The current PLOVER name of ``plover`` (0.5 names such as DEMAND are mapped)."""
        name = plover.upper()
        return self.aliases.get(name, name)


@dataclass(frozen=True, slots=True)
class Domain:
    name: str
    keywords: re.Pattern[str]
    default: frozenset[str]


@dataclass(frozen=True, slots=True)
class IrritantRules:
    strong: re.Pattern[str]
    targeted: re.Pattern[str]
    weak: re.Pattern[str]
    issues: tuple[tuple[str, re.Pattern[str]], ...]


@cache
def fusion_rules() -> FusionRules:
    raw = _toml("fusion.toml")
    plover, wording = raw["plover"], raw["wording"]
    return FusionRules(
        symmetric=frozenset(str(c) for c in plover["symmetric"]),
        compatible=frozenset(frozenset(str(c) for c in pair) for pair in plover["compatible"]),
        aliases={str(k): str(v) for k, v in plover["aliases"].items()},
        ignore=frozenset(str(w) for w in wording["ignore"]),
        recurrence=re.compile(r"\b(?:" + "|".join(wording["recurrence"]) + r")\b", re.I),
        not_the_act=frozenset(str(w) for w in wording["not_the_act"]),
        synonyms={str(w): str(group[0]) for group in wording["synonyms"] for w in group},
    )


@cache
def domains() -> tuple[Domain, ...]:
    raw = _toml("domains.toml")
    return tuple(
        Domain(
            name=str(d["name"]),
            keywords=re.compile(r"\b(?:" + "|".join(d["keywords"]) + r")\b", re.I),
            default=frozenset(str(c) for c in d["default"]),
        )
        for d in raw["domain"]
    )


@cache
def irritant_rules() -> IrritantRules:
    raw = _toml("irritants.toml")
    cues: dict[str, list[str]] = {"strong": [], "targeted": [], "weak": []}
    for cue in raw["cue"]:
        cues[str(cue["strength"])].extend(str(p) for p in cue["patterns"])
    issues = tuple((str(i["label"]), _any([str(p) for p in i["patterns"]])) for i in raw["issue"])
    return IrritantRules(
        strong=_any(cues["strong"]),
        targeted=_any(cues["targeted"]),
        weak=_any(cues["weak"]),
        issues=issues,
    )
