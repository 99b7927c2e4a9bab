"""Text normalisation and the content fingerprint that names a document."""

from __future__ import annotations

import hashlib
import itertools
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


# A hard-wrapped block: most of its lines are of "typewriter" length and break mid-sentence.
_WRAP_MIN, _WRAP_MAX = 40, 100
_TERMINAL = tuple(".!?:;\"'”’)")
# The end of a sentence: . ! or ? (not an ellipsis), possibly inside closing quotes/brackets.
_SENTENCE_END = re.compile(r"(?<!\.\.)[.!?][\"'”’»)\]]*$")


def _indented(line: str) -> bool:
    return line.startswith(("  ", "\t"))


def _is_wrapped(lines: list[str]) -> bool:
    """Most lines that break off mid-sentence have typewriter width, and many lines do.

    Only a line that runs on into the next line of its paragraph (no sentence end, the next
    line not indented) must have wrap width: the last line of a paragraph is as short as its
    last words, and a wire story's first line is short when the dateline was cut from it.
    """
    body = [ln.strip() for ln in lines[:-1]]
    if len(lines) < 3 or not body:
        return False
    inner = [
        ln.strip()
        for ln, nxt in itertools.pairwise(lines)
        if not _indented(nxt) and not _SENTENCE_END.search(ln.rstrip())
    ]
    typewriter = sum(_WRAP_MIN <= len(ln) <= _WRAP_MAX for ln in inner)
    open_ended = sum(not ln.endswith(_TERMINAL) for ln in body)
    return bool(inner) and typewriter >= 0.6 * len(inner) and open_ended >= 0.4 * len(body)


def _unwrap_block(lines: list[str]) -> list[str]:
    """Join the lines of one wrapped block; indentation or a short closed line starts a new
    paragraph, and so does a last line that does not end a sentence after one that does.

    Wrapped prose ends its paragraph with a full stop (or ``?``, ``!``, a closing quote). A
    final line without one, after a line that closed a sentence, is a label set under the
    text (a wire sign-off such as ``REUTER``, a ``-- More`` marker, a dateline or a credit):
    joined to the paragraph it would make the whole paragraph look unfinished.
    """
    width = max(len(ln.strip()) for ln in lines)
    paragraphs: list[list[str]] = []
    prev = ""
    for k, line in enumerate(lines):
        stripped = line.strip()
        indented = _indented(line)
        closed = prev.endswith(_TERMINAL)
        closed_short = closed and len(prev) < 0.75 * width
        trailer = closed and k == len(lines) - 1 and not _SENTENCE_END.search(stripped)
        if not paragraphs or indented or closed_short or trailer:
            paragraphs.append([stripped])
        else:
            paragraphs[-1].append(stripped)
        prev = stripped
    return [_join_lines(p) for p in paragraphs]


_WORD_HYPHEN = re.compile(r"\w-$")


def _join_lines(lines: list[str]) -> str:
    """The lines of one paragraph as one line; a line that ends in a word's hyphen goes on
    without a space ("the Iran-|Iraq war", "anti-|aircraft")."""
    out = lines[0] if lines else ""
    for line in lines[1:]:
        glued = _WORD_HYPHEN.search(out) is not None and line[:1].isalnum()
        out += line if glued else " " + line
    return out


def unwrap_hard_breaks(text: str) -> str:
    """Undo typewriter line wrapping (newswire, e-mail, plain-text archives).

    Blocks between blank lines whose lines mostly have wrap length (40–100 characters) and
    break mid-sentence are joined back into paragraphs; every other block is left as it is,
    so one-paragraph-per-line text and short furniture lines are untouched.
    """
    out: list[str] = []
    for block in text.split("\n\n"):
        lines = [ln for ln in block.split("\n") if ln.strip()]
        if _is_wrapped(lines):
            out.append("\n\n".join(_unwrap_block(lines)))
        else:
            out.append(block)
    return "\n\n".join(out)
