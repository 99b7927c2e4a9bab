"""Text normalisation and the content fingerprint that names a document."""

from __future__ import annotations

import hashlib
import re
import unicodedata

# Invisible characters that carry no text: zero-width space, word joiner, byte-order mark,
# soft hyphen, Mongolian vowel separator. Zero-width (non-)joiners (U+200C/U+200D) are kept:
# they are part of the spelling in Persian, Urdu and Indic scripts and of emoji sequences.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad\u180e"))
# Spaces other than U+0020 inside a line (no-break, thin, ideographic …) become plain spaces.
_ODD_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# C0/C1 control characters other than newline.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")
_BLANK_RUNS = re.compile(r"\n{3,}")
_WHITESPACE = re.compile(r"\s+")


def normalize_text(text: str) -> str:
    """NFC, ``\\n`` line endings, no invisible characters or trailing spaces, ≤ 1 blank line.

    Curly quotes, dashes and other typography are kept as they are.
    """
    text = _LINE_BREAKS.sub("\n", text)
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = _CONTROLS.sub("", _ODD_SPACES.sub(" ", text))
    lines = (line.rstrip() for line in text.split("\n"))
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n")


def fingerprint_text(text: str) -> str:
    """Text as it is hashed for the document id: case-folded, whitespace collapsed."""
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFC", text).casefold()).strip()


def document_id(text: str) -> str:
    """First 16 hex digits of SHA-256 over the fingerprint of the cleaned text."""
    return hashlib.sha256(fingerprint_text(text).encode("utf-8")).hexdigest()[:16]
