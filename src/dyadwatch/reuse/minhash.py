"""A vectorised MinHash signer: one-permutation hashing with optimal densification.

Classic MinHash applies ``num_perm`` hash functions to every shingle (``O(n·k)`` per document;
datasketch does this per document in numpy). One-permutation hashing (Li, Owen & Zhang 2012)
hashes each shingle once, puts it in one of ``k`` bins by its top bits and keeps the minimum
of the low bits per bin (``O(n + k)``). Bins left empty (documents with few shingles) borrow
the value of another bin chosen by a fixed pseudo-random probe sequence, the same for every
document ("optimal densification", Shrivastava 2017), so that two signatures still agree in a
bin with probability equal to the Jaccard similarity of their shingle sets.

All documents of a batch are signed together: one ``np.minimum.at`` over every shingle of the
batch, no Python loop per document.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from dyadwatch.reuse.text import U64, fmix64, shingle_hashes, token_hashes, words

Signatures = npt.NDArray[np.uint32]
EMPTY = np.uint32(0xFFFFFFFF)
"""The value of a bin no shingle fell into; a document with no shingle is all EMPTY."""
_PROBES = 24


class MinHasher:
    """Signs shingle sets with ``num_perm`` bins; ``sign`` takes many documents at once."""

    def __init__(self, num_perm: int = 128, seed: int = 1) -> None:
        if num_perm < 8 or num_perm & (num_perm - 1):
            raise ValueError(
                f"num_perm must be a power of two ≥ 8 (bins of one-permutation hashing), "
                f"got {num_perm}; try num_perm=128"
            )
        self.num_perm = num_perm
        self.seed = seed
        self._shift = np.uint64(64 - num_perm.bit_length() + 1)
        salt = fmix64(np.array([seed * 0x9E3779B97F4A7C15 & ((1 << 64) - 1)], np.uint64))
        self._salt = salt[0]

    def __repr__(self) -> str:
        return f"MinHasher(num_perm={self.num_perm}, seed={self.seed})"

    def sign(self, shingles: U64, offsets: npt.NDArray[np.int64]) -> Signatures:
        """Signatures ``(n_docs, num_perm)`` of documents laid out as by ``shingle_hashes``."""
        n_docs = len(offsets) - 1
        k = self.num_perm
        sig = np.full(n_docs * k, EMPTY, dtype=np.uint32)
        if len(shingles):
            h = fmix64(shingles ^ self._salt)
            bins = (h >> self._shift).astype(np.int64)
            values = (h & np.uint64(0xFFFFFFFF)).astype(np.uint32)
            values[values == EMPTY] -= np.uint32(1)
            doc = np.repeat(np.arange(n_docs, dtype=np.int64), np.diff(offsets))
            np.minimum.at(sig, doc * k + bins, values)
        out = sig.reshape(n_docs, k)
        self._densify(out)
        return out

    def _densify(self, sig: Signatures) -> None:
        """Fill the empty bins of non-empty documents in place.

        Optimal densification (Shrivastava 2017): empty bin ``j`` probes the bins of a fixed
        pseudo-random sequence (the same for every document) and copies the first filled one.
        After ``_PROBES`` misses (documents with a handful of shingles) it copies the nearest
        filled bin to its right plus a constant times the distance (Shrivastava & Li 2014).
        """
        empty = sig == EMPTY
        partly = empty.any(axis=1) & ~empty.all(axis=1)
        rows, bins = np.nonzero(empty & partly[:, None])
        src = sig.copy()
        for t in range(_PROBES):
            if not len(rows):
                return
            donor = self._donor(bins, t)
            ok = ~empty[rows, donor]
            sig[rows[ok], bins[ok]] = src[rows[ok], donor[ok]]
            rows, bins = rows[~ok], bins[~ok]
        if len(rows):
            self._rotate(sig, src, empty, rows, bins)

    def _donor(self, bins: npt.NDArray[np.intp], attempt: int) -> npt.NDArray[np.intp]:
        """The bin that empty bin ``bins`` probes at ``attempt``: the same in every document."""
        code = bins.astype(np.uint64) * np.uint64(_PROBES) + np.uint64(attempt)
        return (fmix64(code ^ self._salt) % np.uint64(self.num_perm)).astype(np.intp)

    def _rotate(
        self,
        sig: Signatures,
        src: Signatures,
        empty: npt.NDArray[np.bool_],
        rows: npt.NDArray[np.intp],
        bins: npt.NDArray[np.intp],
    ) -> None:
        k = self.num_perm
        uniq, inverse = np.unique(rows, return_inverse=True)
        hole = np.concatenate([empty[uniq], empty[uniq]], axis=1)
        nxt = np.where(hole, 2 * k, np.arange(2 * k))
        nxt = np.minimum.accumulate(nxt[:, ::-1], axis=1)[:, ::-1]
        right = nxt[inverse, bins]
        value = src[rows, right % k] + (right - bins).astype(np.uint32) * np.uint32(0x9E3779B1)
        value[value == EMPTY] -= np.uint32(1)
        sig[rows, bins] = value

    def sign_tokens(self, docs: Sequence[list[str]], shingle: int) -> Signatures:
        """Signatures of tokenised documents over word ``shingle``-grams."""
        hashes, offsets = _concat([token_hashes(toks) for toks in docs])
        shingles, sh_offsets = shingle_hashes(hashes, offsets, shingle)
        return self.sign(shingles, sh_offsets)

    def sign_texts(self, texts: Sequence[str], shingle: int) -> Signatures:
        """Signatures of raw texts (see :func:`dyadwatch.reuse.text.words`)."""
        return self.sign_tokens([words(t) for t in texts], shingle)


def _concat(arrays: Sequence[U64]) -> tuple[U64, npt.NDArray[np.int64]]:
    offsets = np.zeros(len(arrays) + 1, np.int64)
    np.cumsum([len(a) for a in arrays], out=offsets[1:])
    flat = np.concatenate(arrays) if arrays else np.zeros(0, np.uint64)
    return flat.astype(np.uint64, copy=False), offsets


def jaccard(a: Signatures, b: Signatures) -> npt.NDArray[np.float64]:
    """Estimated Jaccard similarity of signatures, row by row (0 where one side is empty)."""
    a2, b2 = np.atleast_2d(a), np.atleast_2d(b)
    est: npt.NDArray[np.float64] = (a2 == b2).mean(axis=1)
    est[(a2 == EMPTY).all(axis=1) | (b2 == EMPTY).all(axis=1)] = 0.0
    return est


def exact_jaccard(a: set[int] | frozenset[int], b: set[int] | frozenset[int]) -> float:
    """The exact Jaccard similarity of two shingle sets (for tests and benchmarks)."""
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)
