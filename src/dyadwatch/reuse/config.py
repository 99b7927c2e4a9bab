"""The typed settings of the reuse stage; ``str()`` names every parameter."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any


def _check(ok: bool, message: str) -> None:
    if not ok:
        raise ValueError(message)


def _describe(obj: Any) -> str:
    parts = []
    for f in fields(obj):
        value = getattr(obj, f.name)
        parts.append(
            f"{f.name}={_describe(value) if hasattr(value, '__dataclass_fields__') else value!r}"
        )
    return f"{type(obj).__name__}({', '.join(parts)})"


@dataclass(frozen=True, slots=True)
class AlignConfig:
    """Thresholds of the sentence aligner (picked on the dev split, see docs/reuse.md)."""

    min_tokens: int = 5
    """Sentences shorter than this (in words) are not aligned."""
    short_tokens: int = 20
    """Evidence this short (words on the shorter side) must pass the ``*_short`` thresholds."""
    long_tokens: int = 40
    """Evidence this long passes the ``*_long`` thresholds; in between they fall linearly."""
    near_verbatim_short: float = 0.9
    """Token ratio from which a short pair is near-verbatim."""
    near_verbatim_long: float = 0.8
    spun_skeleton_short: float = 1.0
    """Skeleton ratio (matched words + short swaps) from which a short pair may be spun."""
    spun_skeleton_long: float = 0.7
    spun_min_token_ratio: float = 0.3
    spun_min_anchor: float = 0.2
    spun_max_indel: float = 0.04
    """A pair that passes as spun but inserts or deletes more words than this is a paraphrase."""
    paraphrase: float = 0.5
    """Token ratio and anchor both at least this over a long run: a paraphrase."""
    tokens_per_conflict: int = 25
    """One conflict (a different figure or name) is tolerated per this many words."""
    weak_skeleton: float = 0.6
    """A sentence pair this close in skeleton (or anchor) may join a run of aligned pairs."""
    weak_anchor: float = 0.3
    gap: int = 1
    """Aligned pairs at most this many sentences apart (in both texts) form one run."""
    link_min_words: int = 25
    """Two texts are linked when their passages hold this many words …"""
    link_min_coverage: float = 0.5
    """… or cover this share of the shorter text."""
    max_candidates_per_sentence: int = 5
    min_feature_overlap: float = 0.1

    def __post_init__(self) -> None:
        for name in ("near_verbatim_short", "near_verbatim_long", "spun_skeleton_short"):
            value = getattr(self, name)
            _check(0 < value <= 1, f"AlignConfig.{name} must be in (0, 1], got {value!r}")
        _check(self.min_tokens >= 1, "AlignConfig.min_tokens must be ≥ 1 (try 5)")

    def __str__(self) -> str:
        return _describe(self)


@dataclass(frozen=True, slots=True)
class ReuseConfig:
    """Settings of :func:`dyadwatch.reuse.find_reuse`."""

    threshold: float = 0.5
    """Jaccard similarity of word shingles from which two documents are near-duplicates."""
    num_perm: int = 128
    """MinHash signature length (bins of one-permutation hashing); a power of two."""
    shingle: int = 5
    """Words per shingle for near-duplicate detection."""
    seed: int = 1
    shingle_sample: int = 4
    """One word shingle in this many (chosen by hash) goes into the inverted index."""
    skeleton_gram: int = 6
    """Length of the skeleton n-grams (function words, names, numbers) that pair spun texts."""
    max_df: int = 32
    """Skeleton n-grams found in more documents than this are too common to pair anything."""
    min_shared: int = 3
    """Skeleton n-grams two documents must share to be aligned."""
    max_pairs_per_doc: int = 50
    """At most this many candidate partners per document are aligned (the best-sharing)."""
    spin_threshold: float = 0.5
    """Spin score from which a document is flagged as spun (see docs/reuse.md)."""
    mt_threshold: float = 0.5
    align: AlignConfig = field(default_factory=AlignConfig)

    def __post_init__(self) -> None:
        _check(
            0 < self.threshold < 1,
            f"ReuseConfig.threshold is a Jaccard similarity in (0, 1), got {self.threshold!r}; "
            "try ReuseConfig(threshold=0.5)",
        )
        _check(
            self.num_perm >= 8 and self.num_perm & (self.num_perm - 1) == 0,
            f"ReuseConfig.num_perm must be a power of two ≥ 8, got {self.num_perm!r}; "
            "try num_perm=128",
        )
        _check(self.shingle >= 1, f"ReuseConfig.shingle must be ≥ 1, got {self.shingle!r}")
        _check(self.skeleton_gram >= 2, "ReuseConfig.skeleton_gram must be ≥ 2 (try 6)")
        _check(self.max_df >= 2, "ReuseConfig.max_df must be ≥ 2 (try 32)")
        _check(self.min_shared >= 1, "ReuseConfig.min_shared must be ≥ 1 (try 3)")

    def __str__(self) -> str:
        return _describe(self)
