"""Spin and machine-translation signals of one document, without its source.

**Spin.** Article spinners swap words and stock phrases for thesaurus entries: "recently" →
"as of late", "however" → "be that as it may", "energy" → "vitality". The words they put in
are ordinary English, but a spinner uses some of them far more often than writers do. The
*spin lexicon* (``data/spin_lexicon.tsv``) holds such phrases with a weight, the log-odds of
the phrase as a spinner's substitute against its rate in clean text, and the word it most
often replaced. It is learned by :func:`learn_lexicon` from the substitutions the aligner
finds between clean paragraphs and their spun copies in the development split of the labelled
reuse data, against clean Wikipedia and news text (``python benchmarks/reuse.py
--build-lexicon``), never from the demo corpus.

A document's spin score is a one-sided test: the summed weight of the distinct lexicon
phrases it holds against what clean text of its length holds (mean and variance per word,
measured on the same clean text when the lexicon is learned). One phrase, however often
repeated, is never enough: a topic word repeats, a spinner's swaps vary.

:func:`unspin` maps spun wording back through the lexicon ("its acknowledgment of Kosovo" →
"its recognition of Kosovo"), so that rules written for ordinary English also read spun text.

**Machine translation.** Traces that translation leaves and edited English does not: the
conventions of the source language carried over (a decimal comma, an ordinal or an
abbreviation full stop, foreign quotation marks or spacing before punctuation), pieces left
untranslated, and tokens the engine failed to join back (a space before a comma, a stray full
stop). Each kind found is a line of evidence.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from dyadwatch.model import ReuseSignal
from dyadwatch.reuse.text import stopwords, word_spans, words

LEXICON_FILE = "spin_lexicon.tsv"
SPIN_Z = 4.0
"""Standard deviations above clean text at which the spin score reaches 0.5 (the flag)."""
SPIN_MIN_PHRASES = 2
"""Fewer distinct spinner phrases than this give a spin score of 0."""
SPIN_MIN_WORDS = 100
"""Shorter texts are judged as if they were this long: one sentence proves nothing."""


@dataclass(frozen=True, slots=True)
class SpinLexicon:
    """Spinner phrases (lower-case, 1–3 words): weights, the words they replace, and what
    clean text holds of them (summed weight of distinct phrases per word: mean, variance).

    A lexicon built by hand may leave ``originals`` empty; its defaults say that clean text
    holds none of its phrases."""

    weights: dict[str, float]
    originals: dict[str, str] = field(default_factory=dict)
    clean_mean: float = 0.0
    clean_var: float = 0.01
    max_words: int = field(init=False, default=1, compare=False)
    """Words in the longest phrase."""

    def __post_init__(self) -> None:
        longest = max((p.count(" ") + 1 for p in self.weights), default=1)
        object.__setattr__(self, "max_words", longest)

    @property
    def heads(self) -> frozenset[str]:
        """First words of the phrases: only there can a phrase start."""
        return frozenset(p.split(" ", 1)[0] for p in self.weights)


@cache
def load_lexicon() -> SpinLexicon:
    """The lexicon shipped in ``reuse/data`` (``phrase<TAB>weight<TAB>original``; ``@name``
    lines carry the clean-text statistics; ``#`` comments)."""
    text = resources.files("dyadwatch.reuse").joinpath("data", LEXICON_FILE).read_text("utf-8")
    return parse_lexicon(text)


def parse_lexicon(text: str) -> SpinLexicon:
    """A lexicon from the text of a lexicon file (see :func:`format_lexicon`)."""
    weights: dict[str, float] = {}
    originals: dict[str, str] = {}
    params: dict[str, float] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        phrase, value, *rest = line.split("\t")
        if phrase.startswith("@"):
            params[phrase[1:]] = float(value)
            continue
        weights[phrase] = float(value)
        if rest and rest[0]:
            originals[phrase] = rest[0]
    return SpinLexicon(
        weights,
        originals,
        params.get("clean_mean", 0.0),
        params.get("clean_var", 0.01),
    )


def format_lexicon(lexicon: SpinLexicon, header: Iterable[str] = ()) -> str:
    """The text of a lexicon file: ``#`` header lines, the statistics, one phrase a line."""
    lines = [f"# {h}" if h else "#" for h in header]
    lines += [f"@clean_mean\t{lexicon.clean_mean:.6g}", f"@clean_var\t{lexicon.clean_var:.6g}"]
    lines.append("# phrase\tweight\toriginal")
    ranked = sorted(lexicon.weights.items(), key=lambda x: (-x[1], x[0]))
    lines += [f"{p}\t{w}\t{lexicon.originals.get(p, '')}" for p, w in ranked]
    return "\n".join(lines) + "\n"


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


def spin_z(hits: Iterable[str], n_words: int, lexicon: SpinLexicon) -> float:
    """How far the distinct phrases ``hits`` stand above clean text of ``n_words`` words, in
    standard deviations (the length floored at :data:`SPIN_MIN_WORDS`)."""
    n = max(n_words, SPIN_MIN_WORDS)
    mass = sum(lexicon.weights[p] for p in set(hits))
    spread = math.sqrt(max(lexicon.clean_var, 1e-9) * n)
    return (mass - lexicon.clean_mean * n) / spread


def spin_score(text: str, lexicon: SpinLexicon | None = None) -> tuple[float, list[str]]:
    """A score in [0, 1) and the phrases behind it, heaviest first.

    ``1 − 2^(−z / SPIN_Z)`` for ``z`` from :func:`spin_z` (0 when ``z ≤ 0``), so the score is
    0.5 where the distinct phrases stand :data:`SPIN_Z` standard deviations above clean text;
    0 with fewer than :data:`SPIN_MIN_PHRASES` distinct phrases.
    """
    lex = lexicon or load_lexicon()
    hits, n_words = spin_hits(text, lex)
    if not n_words or not hits:
        return 0.0, []
    ranked = sorted(hits, key=lambda p: (-lex.weights[p], p))
    evidence = [f'spinner phrase "{p}" ×{hits[p]}' for p in ranked[:12]]
    if len(hits) < SPIN_MIN_PHRASES:
        return 0.0, evidence
    z = spin_z(hits, n_words, lex)
    score = 1.0 - 2.0 ** (-max(z, 0.0) / SPIN_Z)
    return round(score, 4), evidence


# -- unspinning -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Unspun:
    """A text with its spinner phrases put back into ordinary wording, and the way back.

    ``text`` is the new text; :meth:`source` maps an offset into it to the offset of the same
    place in the original (a replaced phrase maps to its start, or its end with ``end=True``).
    """

    text: str
    new_starts: tuple[int, ...] = ()
    new_ends: tuple[int, ...] = ()
    old_starts: tuple[int, ...] = ()
    old_ends: tuple[int, ...] = ()

    def source(self, pos: int, end: bool = False) -> int:
        find = bisect.bisect_left if end else bisect.bisect_right
        k = find(self.new_starts, pos) - 1
        if k < 0:
            return pos
        if pos < self.new_ends[k] or (end and pos == self.new_ends[k]):
            return self.old_ends[k] if end else self.old_starts[k]
        return self.old_ends[k] + (pos - self.new_ends[k])


def unspin(text: str, lexicon: SpinLexicon | None = None) -> Unspun:
    """``text`` with every lexicon phrase that has an original replaced by it (longest phrase
    first; the capital of a replaced first letter is kept)."""
    lex = lexicon or load_lexicon()
    if not lex.originals:
        return Unspun(text)
    spans = word_spans(text)
    tokens = [t for t, _, _ in spans]
    pieces: list[str] = []
    new_s: list[int] = []
    new_e: list[int] = []
    old_s: list[int] = []
    old_e: list[int] = []
    last = length = k = 0
    while k < len(tokens):
        found = None
        for n in range(min(lex.max_words, len(tokens) - k), 0, -1):
            gram = " ".join(tokens[k : k + n])
            if gram in lex.originals:
                found = (n, lex.originals[gram])
                break
        if found is None:
            k += 1
            continue
        n, original = found
        start, end = spans[k][1], spans[k + n - 1][2]
        if text[start].isupper():
            original = original[:1].upper() + original[1:]
        pieces.append(text[last:start])
        length += start - last
        new_s.append(length)
        pieces.append(original)
        length += len(original)
        new_e.append(length)
        old_s.append(start)
        old_e.append(end)
        last = end
        k += n
    if not new_s:
        return Unspun(text)
    pieces.append(text[last:])
    return Unspun("".join(pieces), tuple(new_s), tuple(new_e), tuple(old_s), tuple(old_e))


# -- machine translation --------------------------------------------------------------------

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_SCALES = "million|billion|thousand|trillion|mln|bln|bn"
# A kind of trace, its weight, and the patterns that find it. Each pattern is a convention of
# the source language carried into English, a piece left untranslated, or a token the engine
# did not join back; none is fitted to one text.
MT_TRACES: tuple[tuple[str, float, re.Pattern[str]], ...] = (
    (
        # German, Nordic and Slavic ordinals: "am 15. März" → "on 15. March", "im 65. Jahr" →
        # "in the 65. year". After "the", or before a lower-case word or a month, the number
        # cannot end a sentence.
        "ordinal written with a full stop",
        1.0,
        re.compile(
            rf"\bthe \d{{1,3}}\. \w"
            rf"|\b(?:of|on|in|at|since|until|from|by|to) \d{{1,3}}\. (?:[a-z]|(?:{_MONTHS})\b)"
        ),
    ),
    (
        # "12 млн. долл." / "12 Mio. EUR" → "12 million. EUR": the abbreviation's full stop
        # survives before a lower-case word or a currency code (not one that opens a new
        # sentence with its amount: "USD 1 billion. USD 81 million was moved")
        "scale word with the source's abbreviation stop",
        1.0,
        re.compile(rf"\d (?:{_SCALES})\. (?:[a-z]|[A-Z]{{3}}\b(?! \d))"),
    ),
    (
        # a comma before one or two digits and a scale or percent is a decimal separator
        "decimal comma",
        1.0,
        re.compile(
            rf"(?<![\d,.])\d{{1,3}},\d{{1,2}}(?!\d)"
            rf"(?:\s?(?:%|per ?cent\b|percent\b|pct\b)|\s(?:{_SCALES})\b)",
            re.IGNORECASE,
        ),
    ),
    # „German“, «French or Russian» quotation marks around a quotation
    ("foreign quotation marks", 1.0, re.compile(r"[„«‹][^„«‹»›\n]{1,300}?[“”»›]")),
    (
        # function words of other languages between two lower-case English words (names such
        # as "Brown Boveri und Cie" have capitals around them)
        "untranslated function word",
        1.0,
        re.compile(
            r"(?<=[a-z][a-z] )(?:und|oder|nicht|mit|für|avec|dans|sont|pero|muy|también|não)"
            r"(?= [a-z]{2,}\b)"
        ),
    ),
    (
        # tokens the engine split and did not join back: two punctuation marks with only a
        # space between them ("the plan, i. e. , the pipeline", "talks. . The"); a
        # spaced ellipsis (". . .") is a house style, not a trace
        "punctuation split from its word",
        1.0,
        re.compile(r"(?<!\. )(?<!\.)[.!?] [.,;](?! ?\.)"),
    ),
)
MT_MIN_KINDS = 2
"""Fewer distinct kinds of trace than this give a machine-translation score of 0."""
MT_WORDS = 1000
"""Evidence is counted per this many words (shorter texts count as this long)."""


def mt_score(text: str) -> tuple[float, list[str]]:
    """A score in [0, 1) from traces of machine translation, with the matches as evidence.

    ``1 − 2^(−rate / 2)`` where ``rate`` is the weight of the traces found (a kind counts at
    most three times) per :data:`MT_WORDS` words; 0 unless at least :data:`MT_MIN_KINDS`
    kinds are found: one kind alone has innocent causes (a German company name, one typo).
    """
    evidence: list[str] = []
    mass = 0.0
    kinds = 0
    for name, weight, pattern in MT_TRACES:
        found = [_whole_words(text, m.start(), m.end()) for m in pattern.finditer(text)]
        if found:
            kinds += 1
            mass += weight * min(len(found), 3)
            quoted = ", ".join(f'"{f.strip()}"' for f in found[:3])
            evidence.append(f"machine translation: {name} ×{len(found)} ({quoted})")
    if kinds < MT_MIN_KINDS:
        return 0.0, evidence
    rate = mass * MT_WORDS / max(len(words(text)), MT_WORDS)
    return round(1.0 - 2.0 ** (-rate / 2.0), 4), evidence


def _whole_words(text: str, start: int, end: int) -> str:
    """The match widened to the words it cuts into, for the evidence ("the 65. Year")."""
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return text[start:end]


def reuse_signal(doc_id: str, text: str, lexicon: SpinLexicon | None = None) -> ReuseSignal:
    """Spin and machine-translation scores of one document, with their evidence."""
    spin, spin_ev = spin_score(text, lexicon)
    mt, mt_ev = mt_score(text)
    return ReuseSignal(doc_id=doc_id, spin_score=spin, mt_score=mt, evidence=spin_ev + mt_ev)


# -- learning the lexicon -------------------------------------------------------------------


def _ngrams(tokens: list[str], n_max: int) -> Iterable[tuple[int, str]]:
    for n in range(1, n_max + 1):
        for k in range(len(tokens) - n + 1):
            yield n, " ".join(tokens[k : k + n])


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


def one_for_one(substitutions: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """The substitutions, plus the word pairs of those that swap as many words as they take
    ("vitality goliath" → "energy giant" also gives "vitality" → "energy")."""
    out = []
    for original, spun in substitutions:
        out.append((original, spun))
        a, b = original.split(), spun.split()
        if len(a) == len(b) > 1:
            out += [(x, y) for x, y in zip(a, b, strict=True) if x != y]
    return out


def clean_statistics(texts: Iterable[str], lexicon: SpinLexicon) -> tuple[float, float]:
    """Mean and variance per word of the summed weight of distinct lexicon phrases per text
    (a Poisson approximation: both grow with the length of the text)."""
    first = second = 0.0
    n_words = 0
    for text in texts:
        hits, n = spin_hits(text, lexicon)
        n_words += n
        first += sum(lexicon.weights[p] for p in hits)
        second += sum(lexicon.weights[p] ** 2 for p in hits)
    return first / max(n_words, 1), second / max(n_words, 1)


def learn_lexicon(
    substitutions: Iterable[tuple[str, str]],
    spun_texts: Iterable[str],
    clean_texts: Iterable[str],
    background: Callable[[str], float] | None = None,
    min_count: int = 2,
    min_weight: float = 1.0,
) -> SpinLexicon:
    """Spinner phrases from ``(original, spun)`` substitutions, with log-odds weights, the
    wording each most often replaced (counting the word pairs of one-for-one swaps, see
    :func:`one_for_one`), and the clean-text statistics of the result.

    Candidates are the phrases a spinner put in (the ``spun`` side of substitutions, seen at
    least ``min_count`` times). A phrase's weight
    compares its count in the spun texts with what clean text of the same length would hold:
    its count in ``clean_texts`` plus ``background(phrase)`` (a frequency per word in general
    English, e.g. from wordfreq) times their length, so that common words ("give", "job") are
    not taken for tells.
    """
    stop = stopwords()
    clean_list = list(clean_texts)
    pairs = [(o, s) for o, s in substitutions if s and s != o and len(s.split()) <= 3]
    as_sub = Counter(s for _, s in pairs)
    wanted = {
        p
        for p, c in as_sub.items()
        if c >= min_count and not (" " not in p and (p in stop or any(ch.isdigit() for ch in p)))
    }
    spun, n_spun = _count(spun_texts, wanted)
    clean, n_clean = _count(clean_list, wanted)
    scale = n_spun / max(n_clean, 1)
    weights = {}
    for phrase in sorted(wanted):
        prior = background(phrase) * n_clean if background else 0.0
        expected = scale * (clean[phrase] + prior)
        weight = math.log((spun[phrase] + 0.5) / (expected + 0.5))
        if weight >= min_weight:
            weights[phrase] = round(weight, 3)
    replaced: dict[str, Counter[str]] = defaultdict(Counter)
    for original, spun_phrase in one_for_one(pairs):
        if spun_phrase in weights and original.lower() != spun_phrase:
            replaced[spun_phrase][original.lower()] += 1
    originals = {p: min(c, key=lambda o: (-c[o], o)) for p, c in replaced.items()}
    lexicon = SpinLexicon(weights, originals)
    mean, var = clean_statistics(clean_list, lexicon)
    return SpinLexicon(weights, originals, round(mean, 6), round(var, 6))
