"""Small pieces the fuse modules share: dates at a precision, content words, lineage groups."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import TypeVar

from dyadwatch.fuse.data import fusion_rules
from dyadwatch.model import EventPrecision, Precision

T = TypeVar("T", bound=Hashable)

RANK: dict[Precision, int] = {"decade": 0, "year": 1, "month": 2, "day": 3}
_WORD = re.compile(r"[^\W_]+(?:['’\-.][^\W_]+)*")
_ISO3 = re.compile(r"[A-Z]{3}")


# -- dates -----------------------------------------------------------------------------------


def precision_of(value: str, precision: EventPrecision | None = None) -> Precision:
    """The precision of an ISO date value: given, else read from its form ("unknown" is only
    given for events without a date, which callers leave out)."""
    if precision is not None and precision != "unknown":
        return precision
    if value.endswith("s"):
        return "decade"
    if len(value) == 10:
        return "day"
    return "month" if len(value) == 7 else "year"


def at_precision(value: str, precision: Precision, to: Precision) -> str:
    """``value`` (at ``precision``) cut to the coarser precision ``to``: 2014-06-12 → 2014."""
    if RANK[to] >= RANK[precision]:
        return value
    if to == "decade":
        return value[:3] + "0s"
    return value[:4] if to == "year" else value[:7]


def coarser(a: Precision, b: Precision) -> Precision:
    return a if RANK[a] <= RANK[b] else b


def same_date(a: str, pa: Precision, b: str, pb: Precision) -> bool:
    """True when two dates are the same at the coarser of their precisions."""
    to = coarser(pa, pb)
    return at_precision(a, pa, to) == at_precision(b, pb, to)


def year_of(value: str, precision: Precision) -> int | None:
    """The year of a date finer than a decade, else None."""
    if precision == "decade" or not value[:4].isdigit():
        return None
    return int(value[:4])


# -- words -----------------------------------------------------------------------------------


def stem(word: str) -> str:
    """A crude stem: "signed", "signing", "signs" → "sign"; "agreement", "agreed" → "agr"."""
    word = word.lower().replace("’", "'").removesuffix("'s")
    for suffix, repl in (("ies", "y"), ("ied", "y")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return word[: -len(suffix)] + repl
    for suffix in ("ment", "ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    while word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


def act_words(quote: str, trigger: str | None, after: int) -> frozenset[str]:
    """Stems of the content words of an act's own phrase: from its trigger's first word to
    ``after`` words past its last ("decision to impose *tariffs on imports of Japanese
    electrical goods*"), the trigger's words left out. Empty when the quote lacks the
    trigger."""
    if not trigger:
        return frozenset()
    words = [w.lower().replace("’", "'") for w in _WORD.findall(quote)]
    parts = [_WORD.findall(part.lower()) for part in trigger.split("…")]
    parts = [p for p in parts if p]
    if not parts:
        return frozenset()
    try:
        first = words.index(parts[0][0])
        last = words.index(parts[-1][-1], first)
    except ValueError:
        return frozenset()
    rules = fusion_rules()
    skip = rules.ignore | rules.not_the_act
    own = {stem(w) for p in parts for w in p}
    span = words[first : last + 1 + after]
    named = (rules.synonyms.get(w, w) for w in span if w not in skip)
    return frozenset(st for w in named if (st := stem(w)) not in own)


def content_words(text: str | None) -> frozenset[str]:
    """Stems of the words of ``text`` that tell one event from another (function words out)."""
    if not text:
        return frozenset()
    ignore = fusion_rules().ignore
    words = (w.lower().replace("’", "'") for w in _WORD.findall(text))
    return frozenset(stem(w) for w in words if w not in ignore)


def name_words(texts: Iterable[str]) -> frozenset[str]:
    """Stems written with a capital in most of their uses past a text's first word: the names
    of states, people and places ("Japanese", "U.S.", "Reagan"), not "tariffs"."""
    capital: dict[str, int] = {}
    seen: dict[str, int] = {}
    ignore = fusion_rules().ignore
    for text in texts:
        for w in _WORD.findall(text)[1:]:
            low = w.lower().replace("’", "'")
            if low in ignore:
                continue
            st = stem(low)
            seen[st] = seen.get(st, 0) + 1
            capital[st] = capital.get(st, 0) + (1 if w[:1].isupper() else 0)
    return frozenset(st for st, n in seen.items() if capital.get(st, 0) * 2 > n)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


# -- records ---------------------------------------------------------------------------------


def lineage(doc_id: str, groups: Mapping[str, str]) -> str:
    """The lineage group of a document; a document absent from ``groups`` is its own group."""
    return groups.get(doc_id) or f"doc:{doc_id}"


def is_state(actor: str | None) -> bool:
    """True for an ISO alpha-3 code (a state), False for other actor ids and None."""
    return actor is not None and _ISO3.fullmatch(actor) is not None


def majority(values: Sequence[T]) -> T:
    """The most frequent value; on a tie the one seen first."""
    counts = Counter(values)
    first = {v: -i for i, v in reversed(list(enumerate(values)))}
    return max(counts, key=lambda v: (counts[v], first[v]))


def sorted_counts(values: Iterable[str]) -> dict[str, int]:
    """Counts of ``values``, most frequent first, then by name."""
    counts = Counter(values)
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
