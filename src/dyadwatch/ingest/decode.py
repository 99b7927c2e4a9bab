"""Bytes to text: tell binary junk from text, then find the character encoding.

The order is: a byte-order mark; strict UTF-8 (valid UTF-8 with non-ASCII bytes is almost
never anything else, and it wins over a wrong ``<meta charset>``, a common web bug); the
charset the caller was told (HTTP header) or the page declares (``<meta charset>``, XML
declaration); then charset-normalizer. Latin-script guesses from charset-normalizer give way
to windows-1252, the commonest legacy web encoding, which it often mistakes for cp1250/cp1257.
"""

from __future__ import annotations

import codecs
import re

__all__ = ["BadText", "binary_reason", "bom_codec", "declared_charset", "to_text"]


class BadText(ValueError):
    """Bytes that are not text a reader can use; ``str()`` is the reject reason."""


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a zip archive (or an Office document)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"\x7fELF", "an executable"),
)

# C0 controls other than tab, newline, vertical tab, form feed and carriage return, plus DEL.
_CONTROL = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_MAX_CONTROL_SHARE = 0.05
_NUL_WINDOW = 8192

_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_SNIFF_BYTES = 4096

# Encodings a page may declare that browsers read as windows-1252 (WHATWG Encoding Standard).
_AS_CP1252 = {"ascii", "latin_1", "iso8859_1", "cp1252"}

# Languages written in windows-1252; charset-normalizer's guesses for these yield to cp1252.
_CP1252_LANGUAGES = {
    "Unknown",
    "English",
    "French",
    "German",
    "Spanish",
    "Italian",
    "Portuguese",
    "Dutch",
    "Danish",
    "Swedish",
    "Norwegian",
    "Finnish",
    "Indonesian",
    "Catalan",
}
_FEW_NON_ASCII = 0.05
_HIGH = bytes(range(0x80, 0x100))


def bom_codec(data: bytes) -> str | None:
    """The codec a byte-order mark at the start of ``data`` names, if there is one."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    return None


def binary_reason(data: bytes) -> str | None:
    """Why ``data`` looks like binary data rather than text, or None if it looks like text."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return f"binary data, not text: looks like {what}"
    if bom_codec(data) in ("utf-16", "utf-32"):
        return None  # NUL bytes are expected there
    if b"\x00" in data[:_NUL_WINDOW]:
        return "binary data, not text: contains NUL bytes (or is UTF-16 without a byte-order mark)"
    if data:
        share = (len(data) - len(data.translate(None, _CONTROL))) / len(data)
        if share > _MAX_CONTROL_SHARE:
            return f"binary data, not text: {share:.0%} of the bytes are control characters"
    return None


def to_text(data: bytes, *, declared: str | None = None, html: bool = False) -> str:
    """Decode ``data``; raise BadText if it is binary or no encoding fits.

    ``declared`` is a charset the transport named (an HTTP ``Content-Type``); with ``html``
    the document's own ``<meta charset>`` or XML declaration is consulted as well.
    """
    reason = binary_reason(data)
    if reason is not None:
        raise BadText(reason)
    bom = bom_codec(data)
    if bom is not None:
        try:
            return data.decode(bom)
        except UnicodeDecodeError as exc:
            raise BadText(
                f"undecodable text: starts with a {bom} byte-order mark but {exc.reason}"
            ) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for name in (declared, declared_charset(data) if html else None):
        text = _try_codec(data, name)
        if text is not None:
            return text
    return _detect(data)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML ``<meta>`` tag or an XML declaration near the start names."""
    head = data[:_SNIFF_BYTES]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii") if match else None


def _try_codec(data: bytes, name: str | None) -> str | None:
    if not name:
        return None
    try:
        codec = codecs.lookup(name).name.replace("-", "_")
    except LookupError:
        return None
    if codec in _AS_CP1252:
        codec = "cp1252"
    if codec.startswith(("utf_16", "utf_32")):
        return None  # a page cannot declare these in ASCII and mean it
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _detect(data: bytes) -> str:
    """charset-normalizer's best guess, corrected towards windows-1252 for Latin text."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise BadText(
            "undecodable text: not UTF-8, and no other character encoding fits these bytes"
        )
    if best.encoding != "cp1252" and _prefer_cp1252(data, best.language, best.encoding):
        text = _try_codec(data, "cp1252")
        if text is not None:
            return text
    return str(best)


def _prefer_cp1252(data: bytes, language: str, encoding: str) -> bool:
    if encoding.startswith(("utf_16", "utf_32")):
        return True  # no BOM and no NUL bytes: a guess from too few bytes
    non_ascii = (len(data) - len(data.translate(None, _HIGH))) / max(len(data), 1)
    return language in _CP1252_LANGUAGES or non_ascii < _FEW_NON_ASCII
