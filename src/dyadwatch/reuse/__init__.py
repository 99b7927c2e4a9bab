"""Reuse stage: near-duplicates, aligned passages, spin signals and lineage of documents.

The entry point is :func:`find_reuse` with a :class:`ReuseConfig`; the building blocks
(:class:`MinHasher`, :class:`LSHIndex`, :func:`align`, :func:`spin_score`) are exported for
benchmarks and other callers. Pure functions: no files, no database.
"""

from dyadwatch.reuse.align import PairScore, align, linked, score_tokens
from dyadwatch.reuse.config import AlignConfig, ReuseConfig
from dyadwatch.reuse.lsh import LSHIndex, optimal_params, shared_feature_pairs
from dyadwatch.reuse.minhash import MinHasher, exact_jaccard, jaccard
from dyadwatch.reuse.spin import (
    SpinLexicon,
    Unspun,
    format_lexicon,
    learn_lexicon,
    load_lexicon,
    mt_score,
    spin_score,
    unspin,
)
from dyadwatch.reuse.stage import (
    Features,
    ReuseStats,
    align_pairs,
    assemble,
    candidate_pairs,
    document_features,
    find_reuse,
)
from dyadwatch.reuse.text import TokenBatch, shingle_hashes, tokenize_batch

__all__ = [
    "AlignConfig",
    "Features",
    "LSHIndex",
    "MinHasher",
    "PairScore",
    "ReuseConfig",
    "ReuseStats",
    "SpinLexicon",
    "TokenBatch",
    "Unspun",
    "align",
    "align_pairs",
    "assemble",
    "candidate_pairs",
    "document_features",
    "exact_jaccard",
    "find_reuse",
    "format_lexicon",
    "jaccard",
    "learn_lexicon",
    "linked",
    "load_lexicon",
    "mt_score",
    "optimal_params",
    "score_tokens",
    "shared_feature_pairs",
    "shingle_hashes",
    "spin_score",
    "tokenize_batch",
    "unspin",
]
