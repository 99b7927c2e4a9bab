"""Spin and machine-translation signals of one document, without its source.

**Spin.** Article spinners swap words and stock phrases for thesaurus entries: "recently" →
"as of late", "however" → "be that as it may", "energy" → "vitality". The words they put in
are ordinary English, but a spinner uses some of them far more often than writers do. The
*spin lexicon* (``data/spin_lexicon.tsv``) holds such phrases with a weight, the log-odds of
the phrase as a spinner's substitute against its rate in the clean originals. It is learned
by :func:`learn_lexicon` from the substitutions the aligner finds between clean paragraphs
and their spun copies in the development split of the labelled reuse data (``python
benchmarks/reuse.py --build-lexicon``), never from the demo corpus. A document's spin score
rises with the weighted rate of lexicon hits per 100 words.

**Machine translation.** Surface traces that translation engines leave and writers rarely do:
an ordinal written the German/French way inside a sentence ("the 65. Year"), a unit cut off
from its number by a full stop ("580 million. USD"), an abbreviation torn apart ("G. ,"),
stray full stops (". ."), untranslated function words ("und", "avec", "para"). Each match
becomes a line of evidence.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from dyadwatch.model import ReuseSignal
from dyadwatch.reuse.text import stopwords, words

LEXICON_FILE = "spin_lexicon.tsv"


@dataclass(frozen=True, slots=True)
class SpinLexicon:
    """Spinner phrases (lower-case, 1–3 words) and their weights."""

    weights: dict[str, float]

    @property
    def max_words(self) -> int:
        return max((p.count(" ") + 1 for p in self.weights), default=1)

    @property
    def heads(self) -> frozenset[str]:
        """First words of the phrases: only there can a phrase start."""
        return frozenset(p.split(" ", 1)[0] for p in self.weights)


@cache
def load_lexicon() -> SpinLexicon:
    """The lexicon shipped in ``reuse/data`` (``phrase<TAB>weight``, ``#`` comments)."""
    text = resources.files("dyadwatch.reuse").joinpath("data", LEXICON_FILE).read_text("utf-8")
    weights: dict[str, float] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        phrase, weight, *_ = line.split("\t")
        weights[phrase] = float(weight)
    return SpinLexicon(weights)


def _ngrams(tokens: list[str], n_max: int) -> Iterable[tuple[int, str]]:
    for n in range(1, n_max + 1):
        for k in range(len(tokens) - n + 1):
            yield n, " ".join(tokens[k : k + n])


def spin_hits(text: str, lexicon: SpinLexicon) -> tuple[Counter[str], int]:
    """Lexicon phrases found in ``text`` (count each) and the number of words."""
    tokens = words(text)
    heads = lexicon.heads
    hits: Counter[str] = Counter()
    for k, tok in enumerate(tokens):
        if tok not in heads:
            continue
        for n in range(1, lexicon.max_words + 1):
            gram = " ".join(tokens[k : k + n])
            if gram in lexicon.weights:
                hits[gram] += 1
    return hits, len(tokens)


def spin_score(text: str, lexicon: SpinLexicon | None = None) -> tuple[float, list[str]]:
    """A score in [0, 1) and the phrases behind it, heaviest first.

    ``1 − exp(−rate / 2)`` where ``rate`` is the summed weight of hits per 100 words; a
    phrase counts at most three times so one repeated word cannot carry a document.
    """
    lex = lexicon or load_lexicon()
    hits, n_words = spin_hits(text, lex)
    if not n_words:
        return 0.0, []
    mass = {p: lex.weights[p] * min(c, 3) for p, c in hits.items()}
    rate = 100.0 * sum(mass.values()) / max(n_words, 50)
    score = 1.0 - math.exp(-rate / 2.0)
    ranked = sorted(mass, key=lambda p: (-mass[p], p))
    evidence = [f'spinner phrase "{p}" ×{hits[p]}' for p in ranked[:12]]
    return round(score, 4), evidence


# -- machine translation --------------------------------------------------------------------

_MT_PATTERNS: tuple[tuple[str, re.Pattern[str], float], ...] = (
    ("ordinal with a full stop", re.compile(r"\b(?:the|of|on|in) \d{1,3}\. [A-Z][a-z]+"), 1.0),
    (
        "unit cut from its number",
        re.compile(
            r"\d(?: (?:million|billion|thousand|Mio|Mrd))?\. (?:USD|EUR|US dollars|dollars|euros)\b"
        ),
        1.0,
    ),
    ("torn abbreviation", re.compile(r"(?<![\w.])[A-Z]\. [,;]"), 1.0),
    ("stray full stops", re.compile(r"[.!?] \.(?:\s|$)|^\. \.", re.M), 0.5),
    ("space before a comma", re.compile(r"\w \,(?= )"), 0.25),
    (
        "untranslated function word",
        re.compile(r"(?<![A-Z][a-z] )\b(?:und|nicht|mit|für|avec|pour|dans|sont|para|pero|muy)\b"),
        0.5,
    ),
)


def mt_score(text: str) -> tuple[float, list[str]]:
    """A score in [0, 1) from traces of machine translation, with the matches as evidence."""
    evidence: list[str] = []
    mass = 0.0
    for name, pattern, weight in _MT_PATTERNS:
        found = [m.group() for m in pattern.finditer(text)]
        if found:
            mass += weight * min(len(found), 3)
            quoted = ", ".join(f'"{f.strip()}"' for f in found[:3])
            evidence.append(f"machine translation: {name} ×{len(found)} ({quoted})")
    n_words = max(len(words(text)), 100)
    return round(1.0 - math.exp(-mass * 300.0 / n_words), 4), evidence


def reuse_signal(doc_id: str, text: str, lexicon: SpinLexicon | None = None) -> ReuseSignal:
    """Spin and machine-translation scores of one document, with their evidence."""
    spin, spin_ev = spin_score(text, lexicon)
    mt, mt_ev = mt_score(text)
    return ReuseSignal(doc_id=doc_id, spin_score=spin, mt_score=mt, evidence=spin_ev + mt_ev)


# -- learning the lexicon -------------------------------------------------------------------


def _count(texts: Iterable[str], wanted: set[str]) -> tuple[Counter[str], int]:
    counts: Counter[str] = Counter()
    n_words = 0
    for text in texts:
        tokens = words(text)
        n_words += len(tokens)
        for _, gram in _ngrams(tokens, 3):
            if gram in wanted:
                counts[gram] += 1
    return counts, n_words


def learn_lexicon(
    substitutions: Iterable[tuple[str, str]],
    spun_texts: Iterable[str],
    clean_texts: Iterable[str],
    background: Callable[[str], float] | None = None,
    min_count: int = 2,
    min_weight: float = 1.0,
) -> dict[str, float]:
    """Spinner phrases from ``(original, spun)`` substitutions, with log-odds weights.

    Candidates are the phrases a spinner put in (the ``spun`` side of substitutions, seen at
    least ``min_count`` times). A phrase's weight compares its count in the spun texts with
    what clean text of the same length would hold: its count in ``clean_texts`` plus
    ``background(phrase)`` (a frequency per word in general English, e.g. from wordfreq)
    times their length, so that common words ("give", "job") are not taken for tells.
    """
    stop = stopwords()
    as_sub = Counter(s for o, s in substitutions if s and s != o and len(s.split()) <= 3)
    wanted = {
        p
        for p, c in as_sub.items()
        if c >= min_count and not (" " not in p and (p in stop or any(ch.isdigit() for ch in p)))
    }
    spun, n_spun = _count(spun_texts, wanted)
    clean, n_clean = _count(clean_texts, wanted)
    scale = n_spun / max(n_clean, 1)
    out = {}
    for phrase in sorted(wanted):
        prior = background(phrase) * n_clean if background else 0.0
        expected = scale * (clean[phrase] + prior)
        weight = math.log((spun[phrase] + 0.5) / (expected + 0.5))
        if weight >= min_weight:
            out[phrase] = round(weight, 3)
    return out
