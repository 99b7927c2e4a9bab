"""The clean stage: a RawDocument becomes a Document (cleaned text, metadata, id) or a Reject."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from dyadwatch.clean.html import HtmlText, extract_html
from dyadwatch.clean.language import foreign_paragraphs, identify
from dyadwatch.clean.lines import FilterResult, filter_lines
from dyadwatch.clean.normalize import document_id, normalize_text, unwrap_hard_breaks
from dyadwatch.clean.rules import Rules, load_rules
from dyadwatch.config import Config
from dyadwatch.model import Document, RawDocument, Reject, RemovedLine

STAGE = "clean"
NO_MAIN_TEXT = "HTML page has no main text"


@dataclass(slots=True)
class _Cleaned:
    text: str
    removed: list[tuple[str, str]] = field(default_factory=list)
    title: str | None = None
    date: str | None = None
    site: str | None = None
    url: str | None = None


def clean_document(raw: RawDocument, cfg: Config) -> Document | Reject:
    """Clean one article: main text without site furniture, metadata and a content id.

    HTML goes through trafilatura and then the zone-free line rules; plain text through the
    full line filter. The text is NFC with ``\\n`` line endings and one blank line between
    paragraphs. ``doc_id`` hashes the case-folded, whitespace-collapsed text, so the same
    article read twice gets the same id. Pure: no I/O beyond reading the packaged rules once.
    """
    rules = load_rules()
    if raw.fmt == "html":
        cleaned = _clean_html(raw, rules)
        if cleaned is None:
            return _reject(raw, NO_MAIN_TEXT)
    else:
        cleaned = _clean_text(raw, rules)
    text = cleaned.text
    if not text:
        return _reject(raw, NO_MAIN_TEXT if raw.fmt == "html" else "no text left after cleaning")
    lang, conf = identify(text)
    if lang == "en":
        text, dropped = _without_foreign_paragraphs(text)
        if dropped:
            cleaned.removed += dropped
            lang, conf = identify(text)
    if len(text) < cfg.min_text_chars:
        return _reject(
            raw, f"text shorter than {cfg.min_text_chars} characters after cleaning ({len(text)})"
        )
    if len(text) > cfg.max_text_chars:
        return _reject(
            raw,
            f"text too long: {len(text):,} characters after cleaning, over the limit of"
            f" {cfg.max_text_chars:,} (raise Config.max_text_chars)",
        )
    doc_id = document_id(text)
    url = raw.url or cleaned.url
    return Document(
        doc_id=doc_id,
        source_id=raw.source_id or raw.path,
        path=raw.path,
        text=text,
        title=cleaned.title or raw.title,
        date=cleaned.date or raw.date,
        site=cleaned.site or raw.site or _host(url),
        url=url,
        fmt=raw.fmt,
        removed=[RemovedLine(doc_id, line, reason) for line, reason in cleaned.removed],
        lang=lang,
        lang_conf=conf,
        dateline=raw.dateline,
    )


def _without_foreign_paragraphs(text: str) -> tuple[str, list[tuple[str, str]]]:
    """An English page without its paragraphs in another language (a quoted statement in
    the original, a second-language summary), each recorded as a removed line."""
    paragraphs = text.split("\n\n")
    if len(paragraphs) < 2:
        return text, []
    foreign = foreign_paragraphs(paragraphs)
    if not foreign or len(foreign) == len(paragraphs):
        return text, []
    kept = [p for i, p in enumerate(paragraphs) if i not in foreign]
    dropped = [
        (paragraphs[i], f"paragraph in another language ({lang}, p={p:.2f})")
        for i, (lang, p) in sorted(foreign.items())
    ]
    return "\n\n".join(kept), dropped


def clean_documents(raws: Iterable[RawDocument], cfg: Config) -> Iterator[Document | Reject]:
    """The clean stage over a stream of raw documents."""
    for raw in raws:
        yield clean_document(raw, cfg)


def _clean_text(raw: RawDocument, rules: Rules) -> _Cleaned:
    text = unwrap_hard_breaks(normalize_text(raw.content))
    result = filter_lines(text, rules, known_title=raw.title)
    return _Cleaned(
        text="\n\n".join(result.kept),
        removed=result.removed,
        # The reader's title and date win; the text's own header fills the gaps.
        title=raw.title or result.title,
        date=raw.date or result.date,
        site=raw.site,
    )


def _clean_html(raw: RawDocument, rules: Rules) -> _Cleaned | None:
    """trafilatura (fast; redone with its fallbacks when that finds little), then line rules."""
    page = extract_html(raw.content, raw.url, fast=True)
    result = _filter_html(page, rules)
    if page is None or len(result.text) < rules.thresholds.html_fast_min_chars:
        full = extract_html(raw.content, raw.url, fast=False)
        if full is not None:
            page, result = full, _filter_html(full, rules)
    if page is None:
        return None
    # trafilatura's metadata first; what the reader already had fills the gaps.
    result.title = page.title or raw.title
    result.date = page.date or raw.date
    result.site = page.site or raw.site
    result.url = raw.url or page.url
    return result


def _filter_html(page: HtmlText | None, rules: Rules) -> _Cleaned:
    if page is None:
        return _Cleaned(text="")
    result: FilterResult = filter_lines(page.text, rules, known_title=page.title, edges=False)
    return _Cleaned(text="\n\n".join(result.kept), removed=result.removed)


def _reject(raw: RawDocument, reason: str) -> Reject:
    return Reject(path=raw.path, reason=reason, line=raw.line, stage=STAGE)


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname
    return host.removeprefix("www.") if host else None
