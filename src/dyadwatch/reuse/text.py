"""Words, sentences and stable hashes of text, the common ground of the reuse stage.

Everything here is a pure function of the text. Tokens are lower-cased words (letters and
digits, with inner apostrophes, hyphens and dots kept), curly apostrophes folded to ``'`` and
``an`` folded to ``a``; punctuation is not a token. Hashes are stable across processes
(BLAKE2b of the token, then a polynomial over the window), so signatures can be cached.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
import numpy.typing as npt

U64 = npt.NDArray[np.uint64]

_WORD = re.compile(r"[^\W_]+(?:['’\-.][^\W_]+)*")
# A sentence ends at . ! ? (and any closing quotes or brackets) before white space and a
# word, unless the word before is an abbreviation or an initial; a line break always ends one.
_SENT_END = re.compile(r"(?<=[.!?])[\"”’)\]]*[ \t]+(?=[\"“‘(\[]?\w)|\n+")
_ABBREVIATIONS = frozenset(
    {
        *("mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "col", "lt", "sgt", "capt"),
        *("gov", "sen", "rep", "no", "vs", "etc", "inc", "ltd", "co", "corp", "u.s", "u.k"),
        *("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"),
        *("u.n", "e.g", "i.e"),
    }
)
_POLY = np.uint64(0x100000001B3)


@cache
def wordlist(name: str) -> frozenset[str]:
    """A word list shipped in ``reuse/data`` (one entry a line, ``#`` starts a comment)."""
    text = resources.files("dyadwatch.reuse").joinpath("data", name).read_text("utf-8")
    lines = (line.split("#", 1)[0].strip().lower() for line in text.splitlines())
    return frozenset(line for line in lines if line)


def stopwords() -> frozenset[str]:
    """English function words (``data/stopwords.txt``)."""
    return wordlist("stopwords.txt")


def _norm(word: str) -> str:
    word = word.lower().replace("’", "'")
    return "a" if word == "an" else word


def words(text: str) -> list[str]:
    """The normalised word tokens of ``text`` (fast path, no offsets)."""
    return [_norm(w) for w in _WORD.findall(text)]


def word_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
    """``(token, start, end)`` for each word of ``text[start:end]``, offsets into ``text``."""
    stop = len(text) if end is None else end
    return [(_norm(m.group()), m.start(), m.end()) for m in _WORD.finditer(text, start, stop)]


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a document: its span, its tokens and each token's span."""

    start: int
    end: int
    tokens: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]


def sentences(text: str, min_tokens: int = 1) -> list[Sentence]:
    """The sentences of ``text`` with their word tokens; shorter ones than ``min_tokens`` go."""
    out: list[Sentence] = []
    start = 0
    for cut in _cuts(text):
        _add_sentence(text, start, cut, min_tokens, out)
        start = cut
    _add_sentence(text, start, len(text), min_tokens, out)
    return out


def _cuts(text: str) -> list[int]:
    cuts = []
    for m in _SENT_END.finditer(text):
        if m.group().startswith("\n"):
            cuts.append(m.end())
            continue
        before = text[max(0, m.start() - 8) : m.start()].rstrip('.!?"”’)]')
        last = before.rsplit(None, 1)[-1].lower() if before.split() else ""
        if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
            continue
        if text[m.end() : m.end() + 1].islower() and not last.isalpha():
            continue
        cuts.append(m.end())
    return cuts


def _add_sentence(text: str, start: int, end: int, min_tokens: int, out: list[Sentence]) -> None:
    spans = word_spans(text, start, end)
    if len(spans) < max(min_tokens, 1):
        return
    s, e = spans[0][1], spans[-1][2]
    while e < end and text[e] in '.!?"”’)]':
        e += 1
    out.append(Sentence(s, e, tuple(t for t, _, _ in spans), tuple((a, b) for _, a, b in spans)))


# -- stable hashes --------------------------------------------------------------------------

_TOKEN_HASHES: dict[str, int] = {}
_CACHE_LIMIT = 2_000_000


def token_hash(token: str) -> int:
    """A stable 64-bit hash of one token (BLAKE2b), cached."""
    h = _TOKEN_HASHES.get(token)
    if h is None:
        if len(_TOKEN_HASHES) >= _CACHE_LIMIT:
            _TOKEN_HASHES.clear()
        digest = hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest()
        h = _TOKEN_HASHES[token] = int.from_bytes(digest, "little")
    return h


def token_hashes(tokens: list[str]) -> U64:
    """The stable hashes of ``tokens`` as a uint64 array."""
    cache_get = _TOKEN_HASHES.get
    values = [cache_get(t) for t in tokens]
    if None in values:
        values = [token_hash(t) for t in tokens]
    return np.array(values, dtype=np.uint64)


def fmix64(h: U64) -> U64:
    """MurmurHash3's 64-bit finaliser, element-wise (a bijection that mixes all bits)."""
    with np.errstate(over="ignore"):
        h = h ^ (h >> np.uint64(33))
        h = h * np.uint64(0xFF51AFD7ED558CCD)
        h = h ^ (h >> np.uint64(33))
        h = h * np.uint64(0xC4CEB9FE1A85EC53)
        return h ^ (h >> np.uint64(33))


def shingle_hashes(
    hashes: U64, offsets: npt.NDArray[np.int64], n: int
) -> tuple[U64, npt.NDArray[np.int64]]:
    """Hashes of the word ``n``-grams of many documents at once.

    ``hashes`` are the token hashes of all documents back to back, document ``d`` holding
    ``hashes[offsets[d]:offsets[d+1]]``. Returns ``(shingles, shingle_offsets)`` in the same
    layout. A document shorter than ``n`` tokens (but not empty) gets one shingle of all its
    tokens, so that short texts still have a signature.
    """
    lengths = np.diff(offsets)
    total = len(hashes)
    if total == 0:
        return np.zeros(0, np.uint64), np.zeros(len(offsets), np.int64)
    width = total - n + 1
    acc = np.zeros(max(width, 0), np.uint64)
    with np.errstate(over="ignore"):
        for j in range(n):
            acc = acc * _POLY + hashes[j : j + width]
    starts = np.arange(max(width, 0))
    doc_of = np.searchsorted(offsets, starts, side="right") - 1
    valid = starts + n <= offsets[doc_of + 1] if width > 0 else np.zeros(0, bool)
    shingles = fmix64(acc[valid]) if width > 0 else acc
    per_doc = np.maximum(lengths - n + 1, 0)
    short = np.flatnonzero((lengths > 0) & (lengths < n))
    if len(short):
        shingles, per_doc = _add_short(shingles, per_doc, hashes, offsets, short)
    out_offsets = np.zeros(len(offsets), np.int64)
    np.cumsum(per_doc, out=out_offsets[1:])
    return shingles, out_offsets


def _add_short(
    shingles: U64,
    per_doc: npt.NDArray[np.int64],
    hashes: U64,
    offsets: npt.NDArray[np.int64],
    short: npt.NDArray[np.intp],
) -> tuple[U64, npt.NDArray[np.int64]]:
    """Give each document shorter than the shingle one shingle of all its tokens."""
    extra = np.zeros(len(short), np.uint64)
    with np.errstate(over="ignore"):
        for k, d in enumerate(short):
            acc = np.uint64(0)
            for h in hashes[offsets[d] : offsets[d + 1]]:
                acc = acc * _POLY + h
            extra[k] = acc
    extra = fmix64(extra)
    ends = np.cumsum(per_doc)
    pieces: list[U64] = []
    prev = 0
    for k, d in enumerate(short):
        pieces.extend((shingles[prev : ends[d]], extra[k : k + 1]))
        prev = int(ends[d])
    pieces.append(shingles[prev:])
    per_doc = per_doc.copy()
    per_doc[short] = 1
    return np.concatenate(pieces), per_doc


# -- vectorised tokens for many documents at once -------------------------------------------

_P = 0x100000001B3
_BATCH_BYTES = 1 << 24


@dataclass(frozen=True, slots=True)
class TokenBatch:
    """The word tokens of many documents, hashed in numpy without a Python loop per token.

    Document ``d`` holds tokens ``offsets[d]:offsets[d+1]``. A token is a run of ASCII letters
    or digits or non-ASCII letters, with ``'``, ``’``, ``-`` and ``.`` kept between two such
    characters; general punctuation (U+0080–U+00BF, U+2000–U+203F) separates. Hashes are of
    the lower-cased token and stable across processes.
    """

    hashes: U64
    offsets: npt.NDArray[np.int64]
    capital: npt.NDArray[np.bool_]
    """The token starts with an ASCII capital letter."""
    digit: npt.NDArray[np.bool_]
    """The token starts with a digit."""


def _luts() -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.uint8]]:
    word = np.zeros(256, bool)
    for lo, hi in ((48, 57), (65, 90), (97, 122), (128, 255)):
        word[lo : hi + 1] = True
    lower = np.arange(256, dtype=np.uint8)
    lower[65:91] += 32
    return word, lower


_WORD_LUT, _LOWER_LUT = _luts()


def tokenize_batch(texts: list[str]) -> TokenBatch:
    """Tokens of ``texts`` (see :class:`TokenBatch`), processed in slices of ~16 MB."""
    parts: list[tuple[U64, npt.NDArray[np.int64], npt.NDArray[np.bool_], npt.NDArray[np.bool_]]]
    parts = []
    start = 0
    while start < len(texts):
        size, stop = 0, start
        while stop < len(texts) and (size < _BATCH_BYTES or stop == start):
            size += len(texts[stop]) + 1
            stop += 1
        parts.append(_tokenize_slice([t.encode("utf-8") for t in texts[start:stop]]))
        start = stop
    if not parts:
        return TokenBatch(
            np.zeros(0, np.uint64), np.zeros(1, np.int64), np.zeros(0, bool), np.zeros(0, bool)
        )
    counts = np.concatenate([np.diff(p[1]) for p in parts])
    offsets = np.zeros(len(counts) + 1, np.int64)
    np.cumsum(counts, out=offsets[1:])
    return TokenBatch(
        np.concatenate([p[0] for p in parts]),
        offsets,
        np.concatenate([p[2] for p in parts]),
        np.concatenate([p[3] for p in parts]),
    )


def _word_mask(buf: npt.NDArray[np.uint8]) -> npt.NDArray[np.bool_]:
    """Which bytes of ``buf`` belong to a word token."""
    word = _WORD_LUT[buf]
    n = len(buf)
    # U+2000–U+203F (E2 80 xx) and U+0080–U+00BF (C2 xx) are punctuation, not letters.
    e2 = np.flatnonzero((buf[:-2] == 0xE2) & (buf[1:-1] == 0x80)) if n > 2 else np.zeros(0, np.intp)
    for k in (0, 1, 2):
        word[e2 + k] = False
    c2 = np.flatnonzero(buf[:-1] == 0xC2) if n > 1 else np.zeros(0, np.intp)
    word[c2] = False
    word[c2 + 1] = False
    # ' - . between two word bytes belong to the word; so does ’ (E2 80 99).
    glue = np.zeros(n, bool)
    inner = (buf == 39) | (buf == 45) | (buf == 46)
    glue[1:-1] = inner[1:-1] & word[:-2] & word[2:]
    quote = e2[buf[e2 + 2] == 0x99]
    quote = quote[(quote > 0) & (quote + 3 < n)]
    quote = quote[word[quote - 1] & word[quote + 3]]
    for k in (0, 1, 2):
        glue[quote + k] = True
    return word | glue


def _tokenize_slice(
    encoded: list[bytes],
) -> tuple[U64, npt.NDArray[np.int64], npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    lengths = np.array([len(e) + 1 for e in encoded], np.int64)
    buf = np.frombuffer(b"\x00".join(encoded) + b"\x00", np.uint8)
    word = _word_mask(buf)
    edge = np.diff(np.r_[False, word, False].astype(np.int8))
    starts = np.flatnonzero(edge == 1)
    ends = np.flatnonzero(edge == -1)
    hashes = _hash_runs(_LOWER_LUT[buf], starts, ends)
    doc_starts = np.r_[0, np.cumsum(lengths)]
    per_doc = np.diff(np.searchsorted(starts, doc_starts))
    offsets = np.zeros(len(encoded) + 1, np.int64)
    np.cumsum(per_doc, out=offsets[1:])
    first = buf[starts]
    capital = (first >= 65) & (first <= 90)
    digit = (first >= 48) & (first <= 57)
    return hashes, offsets, capital, digit


_BYTE_MASKS = np.array([(1 << (8 * k)) - 1 for k in range(8)] + [(1 << 64) - 1], np.uint64)


def _hash_runs(
    low: npt.NDArray[np.uint8], starts: npt.NDArray[np.int64], ends: npt.NDArray[np.int64]
) -> U64:
    """Polynomial hash of each byte run ``low[start:end]`` (its first 64 bytes and length).

    Runs are read eight bytes at a time as little-endian words (bytes past the end masked
    out): one gather for every run, then one more per further eight bytes over the runs that
    long, so the work is about the number of bytes / 8.
    """
    lengths = np.minimum(ends - starts, 64)
    padded = np.zeros(len(low) + 72, np.uint8)
    padded[: len(low)] = low
    # Every byte offset seen as the start of a little-endian 64-bit word (unaligned view).
    words64 = np.ndarray((len(low) + 64,), dtype="<u8", buffer=padded.data, strides=(1,))
    acc = words64[starts] & _BYTE_MASKS[np.minimum(lengths, 8)]
    longer = np.flatnonzero(lengths > 8)
    chunk = 1
    with np.errstate(over="ignore"):
        while len(longer):
            left = lengths[longer] - 8 * chunk
            word = words64[starts[longer] + 8 * chunk] & _BYTE_MASKS[np.minimum(left, 8)]
            acc[longer] = acc[longer] * np.uint64(_P) + word
            longer = longer[left > 8]
            chunk += 1
        return fmix64(acc ^ (ends - starts).astype(np.uint64))
