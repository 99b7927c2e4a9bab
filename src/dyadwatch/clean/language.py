"""The language of a text, and the paragraphs of a page written in another one.

py3langid (a naive Bayes model over byte n-grams, shipped inside its wheel) is asked to
choose among the languages a news crawl brings back (:data:`LANGUAGES`). Its full set of
languages includes labels such as Nigerian Pidgin or "no linguistic content", and those
capture the numeric tables of wire stories.

A text counts as another language only when the identifier is sure (probability at least
:data:`SURE`, over at least :data:`MIN_LETTERS` letters) and the text has almost none of the
function words all English prose is full of. Otherwise it counts as English and goes through
English extraction.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

#: Languages a crawl of world news brings back (ISO 639-1).
LANGUAGES = (
    "en", "de", "fr", "es", "it", "pt", "nl", "sv", "da", "no", "fi", "is", "et", "lv", "lt",
    "pl", "cs", "sk", "sl", "hr", "sr", "bs", "bg", "mk", "ro", "hu", "el", "sq", "ru", "uk",
    "be", "ka", "hy", "az", "kk", "tr", "ar", "fa", "ur", "he", "hi", "bn", "pa", "ta", "te",
    "mr", "ne", "si", "zh", "ja", "ko", "vi", "th", "id", "ms", "tl", "sw", "am", "ha", "so",
    "af", "ca", "eu", "gl", "cy", "ga", "mt", "lb", "eo", "la",
)  # fmt: skip
#: Probability from which a text counts as another language than English.
SURE = 0.95
#: Letters a text needs before its language is judged at all.
MIN_LETTERS = 40
#: Letters a paragraph needs before it is judged on its own.
PARAGRAPH_LETTERS = 80
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]+")
#: Words frequent in any English prose and rare in other languages' prose.
#: Not "was", "will", "is" or "of": German and Dutch words too.
ENGLISH = frozenset(
    [
        "the",
        "and",
        "to",
        "that",
        "with",
        "for",
        "said",
        "by",
        "would",
        "has",
        "have",
        "which",
        "were",
        "are",
        "from",
        "this",
        "its",
        "their",
    ]
)
#: English prose has about one word in six from :data:`ENGLISH`. A text with fewer than
#: this share is not English, whatever else it is; with more, it is English with foreign
#: names in it (a company's or a party's), however sure the identifier is.
ENGLISH_SHARE = 0.05


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(list(LANGUAGES))
    return ident


def letters(text: str) -> int:
    return len(_LETTER.findall(text))


def english_share(text: str) -> float:
    """The share of the lower-case words of ``text`` that are :data:`ENGLISH` function
    words. Capitalised words are left out: a list of foreign names is not foreign prose."""
    words = [w for w in _WORD.findall(text) if w[0].islower()]
    return sum(w in ENGLISH for w in words) / len(words) if words else 0.0


def identify(text: str) -> tuple[str, float]:
    """(language, probability): another language only when sure, else English with the
    probability the identifier gives English."""
    if letters(text) < MIN_LETTERS:
        return "en", 0.0
    ranked = _identifier().rank(text)
    best, p = ranked[0]
    if best != "en" and p >= SURE and english_share(text) < ENGLISH_SHARE:
        return str(best), float(p)
    return "en", float(dict(ranked).get("en", 0.0))


def foreign_paragraphs(paragraphs: list[str]) -> dict[int, tuple[str, float]]:
    """The paragraphs (by index) of an English page that are surely in another language."""
    out = {}
    for i, para in enumerate(paragraphs):
        # identify() keeps any text with enough English function words as English: that
        # test is cheap, and most paragraphs of an English page pass it.
        if letters(para) < PARAGRAPH_LETTERS or english_share(para) >= ENGLISH_SHARE:
            continue
        lang, p = identify(para)
        if lang != "en":
            out[i] = (lang, p)
    return out
