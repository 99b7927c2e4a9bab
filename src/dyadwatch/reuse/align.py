"""Passage alignment: which sentences of one document reuse which of another, and how.

Two documents are cut into sentences. Candidate sentence pairs share content words or
*skeleton* trigrams (function words kept, content words masked), found through a small
inverted index, so spun text that keeps few exact 5-grams is still paired. Each candidate is
aligned word by word (longest common subsequence, rapidfuzz) and measured:

* ``token_ratio``: ``2·matched / (|a| + |b|)`` over word tokens;
* ``skeleton_ratio``: the same, counting a short replaced block (≤ 3 words each side, a
  synonym swap) as kept structure: a spun sentence keeps its skeleton;
* ``anchor``: the share of the shorter sentence's content words matched in order;
* conflicts: numbers that differ, or a proper name swapped for another: spinners and
  copy-editors keep names and figures, two sentences that disagree on them are two reports.

* ``indel``: the share of words inserted or deleted outright: a spinner swaps words one for
  one and keeps their order (≤ 2 % on the dev data, 95th percentile), a paraphrase moves and
  drops them (median 9 %).

A pair is labelled ``verbatim``, ``near_verbatim``, ``spun`` or ``paraphrase`` by thresholds
in :class:`AlignConfig`; pairs next to each other in both documents merge into one
:class:`~dyadwatch.model.Passage`. An isolated pair must pass stricter thresholds than one
inside a run of aligned sentences (seed-and-extend, as plagiarism detectors do).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz.distance import Indel

from dyadwatch.model import Passage, ReuseKind
from dyadwatch.reuse.config import AlignConfig
from dyadwatch.reuse.text import Sentence, sentences, stopwords, words

_RANK: dict[str, int] = {"verbatim": 4, "near_verbatim": 3, "spun": 2, "paraphrase": 1}


@dataclass(frozen=True, slots=True)
class PairScore:
    """How two token sequences align."""

    token_ratio: float
    skeleton_ratio: float
    anchor: float
    conflicts: int
    substitutions: tuple[tuple[str, str], ...]
    """Words or phrases of ``a`` and what ``b`` has in their place (for the record)."""
    swaps: int
    """Short one-for-one swaps (≤ 3 words each side), the count the labels use."""
    indel: float
    """Share of words inserted or deleted outright (not swapped): spinners swap, they
    rarely add or drop words; paraphrases restructure."""
    tokens: int
    """Tokens of the shorter side."""


@dataclass(slots=True)
class _Match:
    a0: int
    a1: int
    b0: int
    b1: int
    score: PairScore
    kind: ReuseKind | None = None


@dataclass(slots=True)
class _Side:
    """One text as the aligner reads it: its sentences, the capitalised words of each, and
    the features :func:`_candidates` pairs sentences by. Never changed once built."""

    sents: list[Sentence]
    proper: list[frozenset[str]] = field(default_factory=list)
    features: list[set[str]] = field(default_factory=list)


def _is_number(token: str) -> bool:
    return any(c.isdigit() for c in token)


Opcode = tuple[str, int, int, int, int]


def opcodes_of(a: Sequence[str], b: Sequence[str]) -> list[Opcode]:
    """Edit operations turning ``a`` into ``b``, in the form ``difflib`` gives them:
    ``equal`` runs of a longest common subsequence (computed by rapidfuzz, bit-parallel),
    and between two runs ``replace`` when both sides have words there, else ``insert`` or
    ``delete``."""
    out: list[Opcode] = []
    i = j = 0
    for op in Indel.opcodes(a, b):
        if op.tag != "equal":
            continue
        if i < op.src_start or j < op.dest_start:
            out.append(
                (_gap(op.src_start - i, op.dest_start - j), i, op.src_start, j, op.dest_start)
            )
        out.append(("equal", op.src_start, op.src_end, op.dest_start, op.dest_end))
        i, j = op.src_end, op.dest_end
    if i < len(a) or j < len(b):
        out.append((_gap(len(a) - i, len(b) - j), i, len(a), j, len(b)))
    return out


def _gap(left: int, right: int) -> str:
    if left and right:
        return "replace"
    return "delete" if left else "insert"


def score_tokens(
    a: tuple[str, ...],
    b: tuple[str, ...],
    proper_a: frozenset[str] = frozenset(),
    proper_b: frozenset[str] = frozenset(),
    *,
    reworded: bool = True,
) -> PairScore:
    """Align two token sequences word by word and measure the alignment.

    ``reworded=False`` leaves out the substitutions found inside longer rewritten stretches:
    they are for the record only, and the search for passages scores many more sentence
    pairs than it keeps.
    """
    stop = stopwords()
    opcodes = opcodes_of(a, b)
    matched = matched_content = swapped = conflicts = indel = 0
    subs: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in opcodes:
        if op in ("insert", "delete"):
            indel += (i2 - i1) + (j2 - j1)
        if op == "equal":
            matched += i2 - i1
            matched_content += sum(1 for t in a[i1:i2] if t not in stop)
        elif op == "replace" and i2 - i1 <= 3 and j2 - j1 <= 3:
            left, right = a[i1:i2], b[j1:j2]
            if _conflict(left, right, proper_a, proper_b):
                conflicts += 1
                continue
            swapped += len(left) + len(right)
            if any(t not in stop for t in left + right):
                subs.append((" ".join(left), " ".join(right)))
        elif any(_is_number(t) for t in a[i1:i2]) and any(_is_number(t) for t in b[j1:j2]):
            conflicts += 1
    swaps = len(subs)
    if reworded:
        subs.extend(s for s in _reworded(a, b, opcodes, stop) if s not in subs)
    total = max(len(a) + len(b), 1)
    content = min(sum(t not in stop for t in a), sum(t not in stop for t in b))
    return PairScore(
        token_ratio=2 * matched / total,
        skeleton_ratio=(2 * matched + swapped) / total,
        anchor=matched_content / max(content, 1),
        conflicts=conflicts,
        substitutions=tuple(subs),
        swaps=swaps,
        indel=indel / total,
        tokens=min(len(a), len(b)),
    )


def _reworded(
    a: tuple[str, ...],
    b: tuple[str, ...],
    opcodes: Sequence[tuple[str, int, int, int, int]],
    stop: frozenset[str],
) -> list[tuple[str, str]]:
    """Substitutions inside longer rewritten stretches, for the record (not the scores).

    A replaced block's last run of content words against the other's ("the staggering
    seismic tremor" / "the devastating earthquake": both end where the text agrees again),
    and "sandwiches" anywhere in unmatched text: the same word before and after a short
    differing middle ("Russian vitality goliath Gazprom" / "Russian energy giant Gazprom").
    """
    out: list[tuple[str, str]] = []
    loose_a: list[tuple[str, ...]] = []
    loose_b: list[tuple[str, ...]] = []
    for op, i1, i2, j1, j2 in opcodes:
        if op == "equal":
            continue
        left, right = a[i1:i2], b[j1:j2]
        loose_a.append(left)
        loose_b.append(right)
        if op == "replace" and max(len(left), len(right)) > 3:
            tail_a, tail_b = _content_tail(left, stop), _content_tail(right, stop)
            if tail_a and tail_b and len(tail_a) <= 3 and len(tail_b) <= 3:
                out.append((" ".join(tail_a), " ".join(tail_b)))
    for left in loose_a:
        for right in loose_b:
            out.extend(_sandwiches(left, right, stop))
    return [s for s in out if not any(c.isdigit() for c in s[0] + s[1]) and s[0] != s[1]]


def _content_tail(tokens: tuple[str, ...], stop: frozenset[str]) -> tuple[str, ...]:
    k = len(tokens)
    while k > 0 and tokens[k - 1] not in stop:
        k -= 1
    return tokens[k:]


def _sandwiches(
    left: tuple[str, ...], right: tuple[str, ...], stop: frozenset[str]
) -> list[tuple[str, str]]:
    where: dict[str, list[int]] = defaultdict(list)
    for j, y in enumerate(right):
        if y not in stop:
            where[y].append(j)
    out = []
    for i, x in enumerate(left):
        for j in where.get(x, ()):
            for m in range(1, 4):
                end = left[i + m + 1 : i + m + 2]
                if not end or end[0] in stop:
                    continue
                for n in range(1, 4):
                    if right[j + n + 1 : j + n + 2] == end:
                        mid_a, mid_b = left[i + 1 : i + 1 + m], right[j + 1 : j + 1 + n]
                        if mid_a != mid_b and not set(mid_a) & set(mid_b):
                            out.append((" ".join(mid_a), " ".join(mid_b)))
    return out


def _conflict(
    left: tuple[str, ...],
    right: tuple[str, ...],
    proper_a: frozenset[str],
    proper_b: frozenset[str],
) -> bool:
    """A figure or a proper name swapped for something else: not a synonym, a different fact."""
    if any(_is_number(t) for t in left + right):
        return True
    return any(t in proper_a for t in left) and any(t in proper_b for t in right)


def _ramp(n: int, short: float, long: float, cfg: AlignConfig) -> float:
    """A threshold that falls from ``short`` to ``long`` as the evidence grows in words."""
    lo, hi = cfg.short_tokens, cfg.long_tokens
    t = min(max((n - lo) / max(hi - lo, 1), 0.0), 1.0)
    return short + (long - short) * t


def label(score: PairScore, cfg: AlignConfig) -> ReuseKind | None:
    """The kind of reuse a scored span pair shows, or None.

    Thresholds fall with the length of the evidence (``score.tokens``): one short sentence
    must be nearly a copy, a run of sentences may be more loosely related.
    """
    n = score.tokens
    if n < cfg.min_tokens or score.conflicts > n // cfg.tokens_per_conflict:
        return None
    if score.token_ratio >= 0.999:
        return "verbatim"
    near = _ramp(n, cfg.near_verbatim_short, cfg.near_verbatim_long, cfg)
    if score.token_ratio >= near and score.swaps <= max(1, n // 15):
        return "near_verbatim"
    if (
        score.skeleton_ratio >= _ramp(n, cfg.spun_skeleton_short, cfg.spun_skeleton_long, cfg)
        and score.token_ratio >= cfg.spun_min_token_ratio
        and score.anchor >= cfg.spun_min_anchor
        and score.swaps >= 2
    ):
        return "spun" if score.indel <= cfg.spun_max_indel else "paraphrase"
    if score.token_ratio >= near:
        return "near_verbatim"
    if n >= cfg.long_tokens and min(score.token_ratio, score.anchor) >= cfg.paraphrase:
        return "paraphrase"
    return None


def _weak(score: PairScore, cfg: AlignConfig) -> bool:
    """Worth keeping as part of a run: its run as a whole is then judged by :func:`label`."""
    return score.tokens >= cfg.min_tokens and (
        score.skeleton_ratio >= cfg.weak_skeleton or score.anchor >= cfg.weak_anchor
    )


@lru_cache(maxsize=1024)
def _side(text: str, cfg: AlignConfig) -> _Side:
    """Cached: the reuse stage aligns each document with up to ``max_pairs_per_doc`` others,
    and its pairs come sorted, so most of a document's pairs follow each other."""
    sents = sentences(text, cfg.min_tokens)
    side = _Side(sents, features=[_features(s.tokens) for s in sents])
    for s in sents:
        names = {
            tok
            for k, (tok, (start, _)) in enumerate(zip(s.tokens, s.spans, strict=True))
            if k > 0 and text[start].isupper()
        }
        side.proper.append(frozenset(names))
    return side


def forget_texts() -> None:
    """Drop the sentences kept for the texts aligned so far (see :func:`_side`): the reuse
    stage calls it once its pairs are aligned, so they do not stay for the rest of a run."""
    _side.cache_clear()


def _features(tokens: tuple[str, ...]) -> set[str]:
    stop = stopwords()
    feats = {t for t in tokens if t not in stop and len(t) > 2}
    skel = [t if t in stop else "_" for t in tokens]
    feats.update(
        " ".join(skel[k : k + 3]) for k in range(len(skel) - 2) if skel[k : k + 3].count("_") < 2
    )
    return feats


def _candidates(a: _Side, b: _Side, cfg: AlignConfig) -> list[tuple[int, int]]:
    """Sentence pairs sharing enough content words or skeleton trigrams (inverted index)."""
    index: dict[str, list[int]] = defaultdict(list)
    feats_b = b.features
    for j, fs in enumerate(feats_b):
        for f in fs:
            index[f].append(j)
    out = []
    for i, fa in enumerate(a.features):
        shared: Counter[int] = Counter()
        for f in fa:
            shared.update(index.get(f, ()))
        # ties broken by position, not by the order of a set (which varies between runs)
        best = sorted(shared.items(), key=lambda item: (-item[1], item[0]))
        for j, n in best[: cfg.max_candidates_per_sentence]:
            if n >= 2 and n / max(1, min(len(fa), len(feats_b[j]))) >= cfg.min_feature_overlap:
                out.append((i, j))
    return out


def _score_range(
    a: _Side, b: _Side, a0: int, a1: int, b0: int, b1: int, *, reworded: bool = False
) -> PairScore:
    ta = tuple(t for s in a.sents[a0:a1] for t in s.tokens)
    tb = tuple(t for s in b.sents[b0:b1] for t in s.tokens)
    pa = frozenset().union(*a.proper[a0:a1])
    pb = frozenset().union(*b.proper[b0:b1])
    return score_tokens(ta, tb, pa, pb, reworded=reworded)


def _key(score: PairScore) -> float:
    return score.token_ratio + 0.5 * score.skeleton_ratio + 0.25 * score.anchor


def _match(a: _Side, b: _Side, cfg: AlignConfig) -> list[_Match]:
    """One-to-one sentence matches, best first, each grown over split or merged sentences."""
    scored = []
    for i, j in _candidates(a, b, cfg):
        sc = _score_range(a, b, i, i + 1, j, j + 1)
        if _weak(sc, cfg):
            scored.append((_key(sc), i, j, sc))
    scored.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_a: set[int] = set()
    used_b: set[int] = set()
    matches: list[_Match] = []
    for _, i, j, sc in scored:
        if i in used_a or j in used_b:
            continue
        m = _grow(a, b, _Match(i, i + 1, j, j + 1, sc), used_a, used_b)
        used_a.update(range(m.a0, m.a1))
        used_b.update(range(m.b0, m.b1))
        matches.append(m)
    return sorted(matches, key=lambda m: (m.a0, m.b0))


def _grow(a: _Side, b: _Side, m: _Match, used_a: set[int], used_b: set[int]) -> _Match:
    """Absorb neighbouring unmatched sentences on one side while that aligns better."""
    for _ in range(24):
        best = m
        for da0, da1, db0, db1 in ((0, 1, 0, 0), (0, 0, 0, 1), (-1, 0, 0, 0), (0, 0, -1, 0)):
            a0, a1, b0, b1 = m.a0 + da0, m.a1 + da1, m.b0 + db0, m.b1 + db1
            if a0 < 0 or b0 < 0 or a1 > len(a.sents) or b1 > len(b.sents):
                continue
            if set(range(a0, a1)) & used_a or set(range(b0, b1)) & used_b:
                continue
            sc = _score_range(a, b, a0, a1, b0, b1)
            if _key(sc) > _key(best.score) + 0.02:
                best = _Match(a0, a1, b0, b1, sc)
        if best is m:
            return m
        m = best
    return m


def _runs(matches: list[_Match], cfg: AlignConfig) -> list[list[_Match]]:
    """Chains of matches that follow each other in both texts (at most ``gap`` apart)."""
    runs: list[list[_Match]] = []
    for m in matches:
        last = runs[-1][-1] if runs else None
        if last is not None and 0 <= m.a0 - last.a1 <= cfg.gap and 0 <= m.b0 - last.b1 <= cfg.gap:
            runs[-1].append(m)
        else:
            runs.append([m])
    return runs


def _run_score(a: _Side, b: _Side, run: list[_Match]) -> PairScore:
    ta = tuple(t for m in run for s in a.sents[m.a0 : m.a1] for t in s.tokens)
    tb = tuple(t for m in run for s in b.sents[m.b0 : m.b1] for t in s.tokens)
    pa = frozenset().union(*(p for m in run for p in a.proper[m.a0 : m.a1]))
    pb = frozenset().union(*(p for m in run for p in b.proper[m.b0 : m.b1]))
    return score_tokens(ta, tb, pa, pb, reworded=False)


def _accepted(a: _Side, b: _Side, cfg: AlignConfig) -> list[list[_Match]]:
    """Runs whose joint alignment is reuse, cut into stretches of one kind each."""
    out: list[list[_Match]] = []
    for run in _runs(_match(a, b, cfg), cfg):
        run_kind = label(_run_score(a, b, run), cfg) if len(run) > 1 else None
        for m in run:
            m.kind = label(m.score, cfg)
        if run_kind is None:
            out.extend([m] for m in run if m.kind is not None)
            continue
        for m in run:
            m.kind = m.kind or run_kind
        for m in run:
            last = out[-1][-1] if out and out[-1][-1] in run else None
            if last is not None and last.kind == m.kind:
                out[-1].append(m)
            else:
                out.append([m])
    return out


def align(
    doc_a: str, text_a: str, doc_b: str, text_b: str, cfg: AlignConfig | None = None
) -> list[Passage]:
    """The passages ``text_b`` shares with ``text_a``; spans are offsets into each text."""
    cfg = cfg or AlignConfig()
    a, b = _side(text_a, cfg), _side(text_b, cfg)
    if not a.sents or not b.sents:
        return []
    return [_passage(doc_a, doc_b, a, b, stretch) for stretch in _accepted(a, b, cfg)]


def _passage(doc_a: str, doc_b: str, a: _Side, b: _Side, run: list[_Match]) -> Passage:
    kind: ReuseKind = run[0].kind or "paraphrase"
    weight = sum(m.score.tokens for m in run)
    similarity = sum(m.score.token_ratio * m.score.tokens for m in run) / max(weight, 1)
    subs: list[tuple[str, str]] = []
    if kind in ("spun", "paraphrase"):  # the word swaps found inside reworded text
        scores = [_score_range(a, b, m.a0, m.a1, m.b0, m.b1, reworded=True) for m in run]
        subs = list(dict.fromkeys(s for sc in scores for s in sc.substitutions))
        span_a = tuple(t for s in a.sents[run[0].a0 : run[-1].a1] for t in s.tokens)
        span_b = tuple(t for s in b.sents[run[0].b0 : run[-1].b1] for t in s.tokens)
        for sub in _sandwiches(span_a, span_b, stopwords()):
            if sub not in subs and not any(c.isdigit() for c in sub[0] + sub[1]):
                subs.append(sub)
    return Passage(
        doc_a=doc_a,
        start_a=a.sents[run[0].a0].start,
        end_a=a.sents[run[-1].a1 - 1].end,
        doc_b=doc_b,
        start_b=b.sents[run[0].b0].start,
        end_b=b.sents[run[-1].b1 - 1].end,
        kind=kind,
        similarity=round(similarity, 4),
        substitutions=subs,
    )


def linked(
    passages: list[Passage], text_a: str, text_b: str, cfg: AlignConfig | None = None
) -> bool:
    """Whether the passages make the two texts copies of each other, not just a shared line.

    They must hold at least ``link_min_words`` words (on the shorter side of each passage)
    or cover at least ``link_min_coverage`` of the shorter text: a boilerplate sentence
    ("Your email address will not be published.") does not make two articles one source.
    """
    cfg = cfg or AlignConfig()
    if not passages:
        return False
    shared = sum(
        min(len(words(text_a[p.start_a : p.end_a])), len(words(text_b[p.start_b : p.end_b])))
        for p in passages
    )
    shorter = min(len(words(text_a)), len(words(text_b)))
    return shared >= cfg.link_min_words or shared >= cfg.link_min_coverage * max(shorter, 1)


def passage_rank(kind: ReuseKind) -> int:
    """How close a kind of reuse is to a literal copy (verbatim 4 … paraphrase 1)."""
    return _RANK.get(kind, 0)
