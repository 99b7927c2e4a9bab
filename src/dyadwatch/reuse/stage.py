"""The reuse stage: near-duplicate clusters, aligned passages, lineage and spin signals.

:func:`find_reuse` is the one entry point. Candidate pairs come from two sub-quadratic
generators: MinHash LSH over word shingles (near-duplicates) and an inverted index over
*skeleton* n-grams (function words, names and numbers in order, content words dropped), which
pairs spun and partial copies that share few exact shingles. Only candidate pairs are aligned.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from dyadwatch.model import Document, PairResult, Passage, ReuseResult, ReuseSignal
from dyadwatch.reuse.align import align, forget_texts, linked
from dyadwatch.reuse.config import ReuseConfig
from dyadwatch.reuse.lineage import components, lineage_edge
from dyadwatch.reuse.lsh import LSHIndex, Pairs, shared_feature_pairs
from dyadwatch.reuse.minhash import MinHasher, Signatures, jaccard
from dyadwatch.reuse.spin import SpinLexicon, load_lexicon, reuse_signal
from dyadwatch.reuse.text import U64, TokenBatch, shingle_hashes, stopwords, tokenize_batch


@dataclass(slots=True)
class ReuseStats:
    """Counters of one call of :func:`find_reuse`."""

    documents: int = 0
    lsh_pairs: int = 0
    near_duplicate_pairs: int = 0
    skeleton_pairs: int = 0
    aligned_pairs: int = 0
    linked_pairs: int = 0
    passages: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


def _stop_hashes() -> npt.NDArray[np.uint64]:
    return np.unique(tokenize_batch([" ".join(sorted(stopwords()))]).hashes)


def skeleton_features(tokens: TokenBatch, cfg: ReuseConfig) -> tuple[U64, npt.NDArray[np.int64]]:
    """Skeleton n-grams: function words, capitalised words and numbers in order.

    Content words are dropped, so a spinner's one-for-one synonym swaps leave the skeleton
    as it was. Returned in the layout of :func:`shingle_hashes`.
    """
    kept = np.isin(tokens.hashes, _stop_hashes()) | tokens.capital | tokens.digit
    doc = np.repeat(np.arange(len(tokens.offsets) - 1), np.diff(tokens.offsets))[kept]
    offsets = np.searchsorted(doc, np.arange(len(tokens.offsets)), side="left").astype(np.int64)
    return shingle_hashes(tokens.hashes[kept], offsets, cfg.skeleton_gram)


def _sampled(
    shingles: U64, offsets: npt.NDArray[np.int64], every: int
) -> tuple[U64, npt.NDArray[np.int64]]:
    """The shingles whose hash is 0 modulo ``every`` (the same choice in every document)."""
    keep = shingles % np.uint64(every) == 0
    owner = np.repeat(np.arange(len(offsets) - 1), np.diff(offsets))[keep]
    new = np.searchsorted(owner, np.arange(len(offsets)), side="left").astype(np.int64)
    return shingles[keep], new


def index_features(
    tokens: TokenBatch, shingles: U64, offsets: npt.NDArray[np.int64], cfg: ReuseConfig
) -> tuple[U64, npt.NDArray[np.int64]]:
    """Inverted-index keys of each document: its skeleton n-grams and sampled word shingles."""
    skel, skel_offsets = skeleton_features(tokens, cfg)
    words_, word_offsets = _sampled(shingles, offsets, cfg.shingle_sample)
    per_doc = np.diff(skel_offsets) + np.diff(word_offsets)
    merged = np.empty(int(per_doc.sum()), np.uint64)
    new_offsets = np.r_[0, np.cumsum(per_doc)].astype(np.int64)
    doc_of_skel = np.repeat(np.arange(len(per_doc)), np.diff(skel_offsets))
    pos_skel = new_offsets[doc_of_skel] + (np.arange(len(skel)) - skel_offsets[doc_of_skel])
    merged[pos_skel] = skel ^ np.uint64(0x5555555555555555)
    mask = np.ones(len(merged), bool)
    mask[pos_skel] = False
    merged[mask] = words_
    return merged, new_offsets


@dataclass(slots=True)
class Features:
    """What candidate search needs of each document, computed from its own text alone, so a
    store can keep them and sign only the documents it has not seen: a MinHash signature and
    the inverted-index keys. Document ``d`` is row ``d`` of ``signatures`` and holds
    ``keys[offsets[d]:offsets[d+1]]``."""

    signatures: Signatures
    keys: U64
    offsets: npt.NDArray[np.int64]

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def row(self, d: int) -> tuple[bytes, bytes]:
        """Document ``d`` as bytes: (signature, keys)."""
        keys = self.keys[self.offsets[d] : self.offsets[d + 1]]
        return self.signatures[d].tobytes(), keys.tobytes()

    @classmethod
    def from_rows(cls, rows: Sequence[tuple[bytes, bytes]], num_perm: int) -> Features:
        """The inverse of :meth:`row`, for a run of documents."""
        sigs = np.frombuffer(b"".join(r[0] for r in rows), np.uint32).reshape(len(rows), num_perm)
        keys = [np.frombuffer(r[1], np.uint64) for r in rows]
        offsets = np.zeros(len(rows) + 1, np.int64)
        np.cumsum([len(k) for k in keys], out=offsets[1:])
        flat = np.concatenate(keys) if keys else np.zeros(0, np.uint64)
        return cls(sigs.copy(), flat.astype(np.uint64, copy=False), offsets)


def document_features(texts: Sequence[str], cfg: ReuseConfig) -> Features:
    """:class:`Features` of ``texts``, one row each."""
    tokens = tokenize_batch(list(texts))
    shingles, offsets = shingle_hashes(tokens.hashes, tokens.offsets, cfg.shingle)
    sigs = MinHasher(cfg.num_perm, cfg.seed).sign(shingles, offsets)
    keys, key_offsets = index_features(tokens, shingles, offsets, cfg)
    return Features(sigs, keys, key_offsets)


def _select(
    n_docs: int, pairs: Pairs, strength: npt.NDArray[np.float64], per_doc: int
) -> list[tuple[int, int]]:
    """At most ``per_doc`` partners per document, strongest first."""
    order = np.argsort(-strength, kind="stable")
    taken = np.zeros(n_docs, np.int64)
    out = []
    for i, j in pairs[order].tolist():
        if taken[i] < per_doc and taken[j] < per_doc:
            taken[i] += 1
            taken[j] += 1
            out.append((i, j))
    return sorted(out)


def candidate_pairs(
    features: Features, cfg: ReuseConfig, stats: ReuseStats
) -> tuple[list[tuple[int, int]], Pairs]:
    """Pairs to align (LSH near-duplicates first, then pairs sharing index keys) and the
    verified near-duplicates, as document rows of ``features``."""
    sigs = features.signatures
    lsh = LSHIndex(cfg.threshold, cfg.num_perm).candidate_pairs(sigs)
    est = jaccard(sigs[lsh[:, 0]], sigs[lsh[:, 1]]) if len(lsh) else np.zeros(0)
    dups = lsh[est >= cfg.threshold]
    skel, shared = shared_feature_pairs(features.keys, features.offsets, cfg.max_df, cfg.min_shared)
    stats.lsh_pairs, stats.near_duplicate_pairs, stats.skeleton_pairs = (
        len(lsh),
        len(dups),
        len(skel),
    )
    pairs = np.concatenate([dups, skel]) if len(dups) or len(skel) else np.zeros((0, 2), np.int64)
    strength = np.r_[1e9 + est[est >= cfg.threshold], shared.astype(np.float64)]
    if not len(pairs):
        return [], dups
    codes = pairs[:, 0] * (len(features) + 1) + pairs[:, 1]
    _, first = np.unique(codes, return_index=True)
    pairs, strength = pairs[first], strength[first]
    return _select(len(features), pairs, strength, cfg.max_pairs_per_doc), dups


def align_pairs(
    pairs: Sequence[tuple[Document, Document]],
    signals: Mapping[str, ReuseSignal],
    cfg: ReuseConfig,
    lexicon: SpinLexicon,
) -> list[PairResult]:
    """Align each pair; a linked pair gets its lineage edge (see :mod:`.lineage`)."""
    out = []
    for a, b in pairs:
        found = _align_pair(a, b, cfg)
        if not found:
            out.append(PairResult(a.doc_id, b.doc_id))
            continue
        edge, oriented = lineage_edge(a, b, found, signals, lexicon)
        out.append(PairResult(a.doc_id, b.doc_id, edge, oriented))
    return out


def assemble(
    ids: Sequence[str],
    pairs: Sequence[tuple[int, int]],
    dups: Pairs,
    results: Mapping[tuple[str, str], PairResult],
    signals: Sequence[ReuseSignal],
) -> ReuseResult:
    """The reuse picture from the aligned candidate pairs (``results`` holds every one of
    ``pairs``, by document ids): lineage and passages in pair order, near-duplicate
    clusters, and lineage groups over every link."""
    result = ReuseResult(signals=list(signals))
    links: list[tuple[int, int]] = []
    for i, j in pairs:
        found = results[(ids[i], ids[j])]
        if found.edge is None:
            continue
        links.append((i, j))
        result.lineage.append(found.edge)
        result.passages.extend(found.passages)
    dup_links = [(int(i), int(j)) for i, j in dups]
    in_dups = {ids[k] for pair in dup_links for k in pair}
    result.clusters = [m for m in components(ids, dup_links, "dup:") if m.doc_id in in_dups]
    result.groups = components(ids, links + dup_links, "grp:")
    return result


def find_reuse(
    docs: Sequence[Document], cfg: ReuseConfig | None = None, stats: ReuseStats | None = None
) -> ReuseResult:
    """Near-duplicate clusters, reused passages, lineage, lineage groups and spin signals.

    All in memory; the runner (:mod:`dyadwatch.run.local`) calls the same steps itself so
    that a store keeps each document's :class:`Features` and each pair's result."""
    cfg = cfg or ReuseConfig()
    stats = stats if stats is not None else ReuseStats()
    stats.documents = len(docs)
    ids = [d.doc_id for d in docs]
    clock = time.perf_counter()
    pairs, dups = candidate_pairs(document_features([d.text for d in docs], cfg), cfg, stats)
    stats.seconds["candidates"] = time.perf_counter() - clock

    clock = time.perf_counter()
    lexicon = load_lexicon()
    signals = {d.doc_id: reuse_signal(d.doc_id, d.text, lexicon) for d in docs}
    stats.seconds["signals"] = time.perf_counter() - clock

    clock = time.perf_counter()
    aligned = align_pairs([(docs[i], docs[j]) for i, j in pairs], signals, cfg, lexicon)
    forget_texts()
    stats.aligned_pairs = len(aligned)
    stats.seconds["align"] = time.perf_counter() - clock
    result = assemble(
        ids, pairs, dups, {(r.doc_a, r.doc_b): r for r in aligned}, [signals[i] for i in ids]
    )
    stats.linked_pairs, stats.passages = len(result.lineage), len(result.passages)
    return result


def _align_pair(a: Document, b: Document, cfg: ReuseConfig) -> list[Passage]:
    """The passages of two documents if they make them copies (see :func:`linked`), else []."""
    if a.text == b.text:
        return [Passage(a.doc_id, 0, len(a.text), b.doc_id, 0, len(b.text), "verbatim", 1.0)]
    found = align(a.doc_id, a.text, b.doc_id, b.text, cfg.align)
    return found if linked(found, a.text, b.text, cfg.align) else []
