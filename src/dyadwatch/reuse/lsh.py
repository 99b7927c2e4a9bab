"""Candidate pairs without comparing every pair: banded LSH and a capped inverted index.

Both work on whole arrays: each band (or feature) is sorted once and equal keys form buckets;
a bucket of ``s`` documents yields its ``s·(s−1)/2`` pairs, or only a star of ``s−1`` pairs
when it is larger than ``max_bucket`` (a big cluster of copies stays connected, and the cost
stays linear). The work is ``O(n log n)`` in the number of keys, never ``O(n²)`` in documents.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import numpy.typing as npt

from dyadwatch.reuse.minhash import EMPTY, Signatures
from dyadwatch.reuse.text import U64, fmix64

Pairs = npt.NDArray[np.int64]
"""``(m, 2)`` document indices, ``i < j`` in each row, rows unique and sorted."""


def _area(y: npt.NDArray[np.float64], x: npt.NDArray[np.float64]) -> float:
    """Trapezoid rule (``np.trapezoid`` is numpy ≥ 2 only)."""
    return float(((y[1:] + y[:-1]) * np.diff(x)).sum() / 2)


@cache
def optimal_params(
    threshold: float, num_perm: int, fp_weight: float = 0.5, fn_weight: float = 0.5
) -> tuple[int, int]:
    """Bands and rows that minimise the weighted false positive and negative areas.

    The objective of datasketch's ``MinHashLSH``: a pair of Jaccard ``s`` shares a band with
    probability ``1 − (1 − s^r)^b``; the areas are integrated on a fine grid.
    """
    lo = np.linspace(0.0, threshold, 257)
    hi = np.linspace(threshold, 1.0, 257)
    best, best_err = (1, num_perm), float("inf")
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            fp = _area(1 - (1 - lo**r) ** b, lo)
            fn = _area((1 - hi**r) ** b, hi)
            err = fp_weight * fp + fn_weight * fn
            if err < best_err:
                best, best_err = (b, r), err
    return best


def _bucket_pairs(keys: U64, docs: npt.NDArray[np.int64], max_bucket: int) -> Pairs:
    """All pairs of documents with equal keys (star pairs in buckets over ``max_bucket``)."""
    if len(keys) < 2:
        return np.zeros((0, 2), np.int64)
    order = np.lexsort((docs, keys))
    keys, docs = keys[order], docs[order]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    sizes = np.diff(np.r_[starts, len(keys)])
    big = np.zeros(len(keys), bool)
    big[np.repeat(sizes > max_bucket, sizes)] = True
    out = []
    small_keys, small_docs = keys[~big], docs[~big]
    for d in range(1, min(max_bucket, int(sizes.max()))):
        same = small_keys[d:] == small_keys[:-d]
        if not same.any():
            break
        out.append(np.stack([small_docs[:-d][same], small_docs[d:][same]], axis=1))
    for s in starts[sizes > max_bucket]:
        size = int(sizes[np.searchsorted(starts, s)])
        head = docs[s]
        out.append(np.stack([np.full(size - 1, head), docs[s + 1 : s + size]], axis=1))
    return _normalise(np.concatenate(out) if out else np.zeros((0, 2), np.int64))


def _normalise(pairs: Pairs) -> Pairs:
    """Rows with ``i < j``, no self-pairs, unique and sorted."""
    if not len(pairs):
        return pairs.reshape(0, 2).astype(np.int64)
    pairs = np.sort(pairs.astype(np.int64), axis=1)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    return np.unique(pairs, axis=0)


class LSHIndex:
    """Banded MinHash LSH over a batch of signatures."""

    def __init__(
        self,
        threshold: float,
        num_perm: int,
        params: tuple[int, int] | None = None,
        max_bucket: int = 64,
    ) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self.bands, self.rows = params or optimal_params(threshold, num_perm)
        if self.bands * self.rows > num_perm:
            raise ValueError(
                f"bands × rows = {self.bands}×{self.rows} exceeds num_perm={num_perm}; "
                "pass params=None to pick them from the threshold"
            )
        self.max_bucket = max_bucket

    def __repr__(self) -> str:
        return f"LSHIndex(threshold={self.threshold}, bands={self.bands}, rows={self.rows})"

    def band_keys(self, sigs: Signatures) -> U64:
        """``(n_docs, bands)`` hashes of each band of each signature."""
        n = len(sigs)
        keys = np.zeros((n, self.bands), np.uint64)
        with np.errstate(over="ignore"):
            for band in range(self.bands):
                cols = sigs[:, band * self.rows : (band + 1) * self.rows].astype(np.uint64)
                acc = np.full(n, np.uint64(band + 1), np.uint64)
                for c in range(self.rows):
                    acc = acc * np.uint64(0x100000001B3) + cols[:, c]
                keys[:, band] = fmix64(acc)
        return keys

    def candidate_pairs(self, sigs: Signatures) -> Pairs:
        """Pairs of documents that share at least one band (empty documents never do)."""
        live = np.flatnonzero(~(sigs == EMPTY).all(axis=1)).astype(np.int64)
        keys = self.band_keys(sigs[live])
        found = [_bucket_pairs(keys[:, band], live, self.max_bucket) for band in range(self.bands)]
        return _normalise(np.concatenate(found)) if found else np.zeros((0, 2), np.int64)


def shared_feature_pairs(
    features: U64,
    offsets: npt.NDArray[np.int64],
    max_df: int,
    min_shared: int,
) -> tuple[Pairs, npt.NDArray[np.int64]]:
    """Pairs of documents sharing at least ``min_shared`` features, with the count shared.

    An inverted index: features in more than ``max_df`` documents are dropped (too common to
    say anything), so the pairs generated stay linear in the number of features.
    """
    n_docs = len(offsets) - 1
    docs = np.repeat(np.arange(n_docs, dtype=np.int64), np.diff(offsets))
    if not len(features):
        return np.zeros((0, 2), np.int64), np.zeros(0, np.int64)
    order = np.lexsort((docs, features))  # by feature, then document
    feats, owners = features[order], docs[order]
    first = np.r_[True, (feats[1:] != feats[:-1]) | (owners[1:] != owners[:-1])]
    feats, owners = feats[first], owners[first]
    starts = np.flatnonzero(np.r_[True, feats[1:] != feats[:-1]])
    sizes = np.diff(np.r_[starts, len(feats)])
    keep = np.repeat((sizes >= 2) & (sizes <= max_df), sizes)
    feats, owners = feats[keep], owners[keep]
    del keep, order, docs
    # Within a feature the owners are strictly increasing, so the pair (owners[k],
    # owners[k + d]) is already ordered: it is kept as one int64 code, never as a row pair.
    out = []
    for d in range(1, max_df):
        same = np.flatnonzero(feats[d:] == feats[:-d])
        if not len(same):
            break
        out.append(owners[same] * n_docs + owners[same + d])
    del feats, owners
    if not out:
        return np.zeros((0, 2), np.int64), np.zeros(0, np.int64)
    codes = np.concatenate(out)
    del out
    codes, counts = np.unique(codes, return_counts=True)
    ok = counts >= min_shared
    codes, counts = codes[ok], counts[ok]
    return np.stack([codes // n_docs, codes % n_docs], axis=1), counts.astype(np.int64)
