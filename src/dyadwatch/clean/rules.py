"""The boilerplate rules as data: phrase classes, thresholds and word lists, loaded once.

The rules live in ``ontology/boilerplate.toml``; this module only reads and compiles them.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal

Scope = Literal["anywhere", "edge", "cutoff", "section"]
_SCOPES: frozenset[str] = frozenset({"anywhere", "edge", "cutoff", "section"})


@dataclass(frozen=True, slots=True)
class PhraseClass:
    """A class of furniture phrases: what a user reads as the reason, and where it applies."""

    reason: str
    scope: Scope
    max_chars: int
    closes_article: bool
    patterns: tuple[re.Pattern[str], ...]
    combined: re.Pattern[str]
    """The patterns as one alternation: one scan of a line instead of one per pattern."""

    def matches(self, core: str) -> bool:
        """Whether a line's core text belongs to this class."""
        return len(core) <= self.max_chars and self.combined.search(core) is not None


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Numeric limits of the line filter (see the comments in the TOML file)."""

    good_min_chars: int
    good_min_stopword_ratio: float
    sentence_min_words: int
    sentence_min_stopword_ratio: float
    max_url_density: float
    nav_max_words: int
    title_max_chars: int
    title_max_words: int
    repeat_min_count: int
    repeat_max_chars: int
    foreign_doc_stopword_ratio: float
    wrap_min_lines: int
    wrap_min_width: int
    wrap_max_width: int
    html_fast_min_chars: int


@dataclass(frozen=True, slots=True)
class Rules:
    """Everything the line filter needs to know that is not code."""

    thresholds: Thresholds
    classes: tuple[PhraseClass, ...]
    stopwords: frozenset[str]
    bio_verbs: frozenset[str]
    bio_predicate: re.Pattern[str]
    bio_max_chars: int

    def phrase_class(self, core: str) -> PhraseClass | None:
        """The first phrase class a line's core text belongs to, if any."""
        for phrase in self.classes:
            if phrase.matches(core):
                return phrase
        return None


def _compile_class(raw: dict[str, Any]) -> PhraseClass:
    scope = str(raw["scope"])
    if scope not in _SCOPES:
        raise ValueError(
            f"boilerplate class {raw.get('reason')!r} has scope {scope!r}; "
            f"use one of {sorted(_SCOPES)}"
        )
    flags = 0 if raw.get("case_sensitive", False) else re.IGNORECASE
    patterns = tuple(re.compile(p, flags) for p in raw["patterns"])
    combined = re.compile("|".join(f"(?:{p.pattern})" for p in patterns), flags)
    return PhraseClass(
        reason=str(raw["reason"]),
        scope=scope,  # type: ignore[arg-type]  # checked against _SCOPES above
        max_chars=int(raw.get("max_chars", 300)),
        closes_article=bool(raw.get("closes_article", False)),
        patterns=patterns,
        combined=combined,
    )


def parse_rules(data: dict[str, Any]) -> Rules:
    """Build :class:`Rules` from the parsed TOML document."""
    classes = tuple(_compile_class(c) for c in data["classes"])
    words = {w.casefold() for lang in data["stopwords"].values() for w in lang}
    return Rules(
        thresholds=Thresholds(**data["thresholds"]),
        classes=classes,
        stopwords=frozenset(words),
        bio_verbs=frozenset(data["bio"]["verbs"]),
        bio_predicate=re.compile(data["bio"]["predicate"]),
        bio_max_chars=int(data["bio"]["max_chars"]),
    )


@cache
def load_rules() -> Rules:
    """The packaged rules (``dyadwatch/ontology/boilerplate.toml``), read once per process."""
    path = resources.files("dyadwatch").joinpath("ontology", "boilerplate.toml")
    text = path.read_text("utf-8")
    return parse_rules(tomllib.loads(text))
