"""A line-level boilerplate filter for article text that still carries site furniture.

The approach follows jusText and the web-corpus cleaners (C4, Gopher, RefinedWeb, datatrove):
every line gets features (length, function-word density, terminal punctuation, URL density,
capitalisation, navigation separators, repetition) and may belong to a class of furniture
phrases (``ontology/boilerplate.toml``). Long prose lines are *body*; the first and last body
lines split the text into a header zone, the body zone and a footer zone.

* Anywhere: lines of unmistakable furniture classes (comment forms, login widgets, newsletter
  and donation prompts, share buttons, image credits …) go wherever they stand.
* A comment-section marker that follows most of the body text cuts off the rest.
* A related-articles heading takes the short non-sentence lines under it along.
* Header zone: the title is chosen among short title-like lines; navigation above it,
  bylines, dates, tag lists and stray labels of three words or fewer go; sentences (a
  standfirst, a short first paragraph) stay.
* Body zone: everything else stays, so subheadings, pull-quotes and short paragraphs between
  long ones are kept.
* Footer zone: author bios, tag lists, site-title lines, dates and links go; the first
  article-closing piece of furniture (a bio, a comment or newsletter prompt, a tag list …)
  takes everything after it along, and the non-sentence lines just before it (cut-off
  teasers, headlines) go too; sentences that close the article stay.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from dyadwatch.clean.features import Line, iso_date, line_features
from dyadwatch.clean.rules import Rules, Thresholds

_BLOCK_SPLIT = re.compile(r"\n[ \t]*\n")
_LIST_COMMA = re.compile(r"(?<!\d),|,(?!\d)")
_NAME_SUFFIX = re.compile(r"['’]s?$")
_FIRST_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_BIO_START = re.compile(
    r"^(?:(?:Dr|Prof|Mr|Ms|Mrs|Col|Gen|Lt|Maj|Brig|Amb|Sen|Rep)\.?\s+)?"
    r"([A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){1,3})\s+(\w+)\b"
)

COMMENT_SECTION = "comment section after marker"
RELATED_LIST = "related-articles list"
NAVIGATION = "navigation breadcrumb"
SITE_TITLE = "site-title or navigation line"
LINK_LINE = "link or URL line"
REPEATED = "repeated furniture line"
HEADER_FURNITURE = "header furniture before body"
TRAILING_FURNITURE = "trailing furniture after body"
DATE_LINE = "byline or date line"
TAG_LIST = "tag list"
AUTHOR_BIO = "author bio"
# Related-article lists are not among them: tabloids put them between paragraphs.
_CLOSING = frozenset({AUTHOR_BIO, TAG_LIST, SITE_TITLE, COMMENT_SECTION})


@dataclass(slots=True)
class FilterResult:
    """The lines kept (in order), the lines removed with reasons, and what the header held."""

    kept: list[str] = field(default_factory=list)
    removed: list[tuple[str, str]] = field(default_factory=list)
    title: str | None = None
    date: str | None = None


def split_units(text: str, limits: Thresholds) -> list[str]:
    """Lines of the text; a blank-line block of hard-wrapped prose becomes one unit."""
    units: list[str] = []
    for block in _BLOCK_SPLIT.split(text):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if _is_hard_wrapped(lines, limits):
            units.append(" ".join(lines))
        else:
            units.extend(lines)
    return units


def _is_hard_wrapped(lines: list[str], limits: Thresholds) -> bool:
    if len(lines) < limits.wrap_min_lines:
        return False
    widths = [len(line) for line in lines]
    width = max(widths)
    if not limits.wrap_min_width <= width <= limits.wrap_max_width:
        return False
    if any(w < 0.6 * width for w in widths[:-1]):
        return False
    # Wrapped prose continues mid-sentence: many lines start with a lower-case word.
    lower_starts = sum(line[0].islower() or line[0].isdigit() for line in lines[1:])
    return lower_starts >= 0.3 * (len(lines) - 1)


def filter_lines(
    text: str, rules: Rules, known_title: str | None = None, edges: bool = True
) -> FilterResult:
    """Split ``text`` into lines and drop the furniture; see the module docstring.

    ``edges=False`` applies only the zone-free rules (furniture classes, comment cut-off,
    related lists): for text that a main-content extractor has already trimmed.
    """
    units = split_units(text, rules.thresholds)
    return _LineFilter(units, rules, known_title).run(edges)


class _LineFilter:
    """The state of one filtering pass: the lines, their features and the verdicts so far."""

    def __init__(self, units: list[str], rules: Rules, known_title: str | None) -> None:
        self.rules = rules
        self.limits = rules.thresholds
        self.lines = [line_features(i, unit, rules) for i, unit in enumerate(units)]
        self.phrases = [rules.phrase_class(line.core) for line in self.lines]
        self.reasons: list[str | None] = [None] * len(self.lines)
        words = sum(len(line.words) for line in self.lines)
        stops = sum(line.stopwords for line in self.lines)
        self.english = words > 0 and stops / words >= self.limits.foreign_doc_stopword_ratio
        self.counts = Counter(line.core.casefold() for line in self.lines)
        self.known_title = known_title.casefold().strip() if known_title else None
        self.good = [self._is_good(line) for line in self.lines]
        self.bio = self._bios()
        self.result = FilterResult()

    # -- line predicates -------------------------------------------------------------

    def _is_good(self, line: Line) -> bool:
        limits = self.limits
        return (
            line.chars >= limits.good_min_chars
            and (not self.english or line.stop_ratio >= limits.good_min_stopword_ratio)
            and line.url_density <= limits.max_url_density
        )

    def _is_sentence(self, line: Line) -> bool:
        return (
            line.terminal
            and len(line.words) >= self.limits.sentence_min_words
            and (not self.english or line.stop_ratio >= self.limits.sentence_min_stopword_ratio)
        )

    @staticmethod
    def _closes_prose(line: Line) -> bool:
        """A short closing sentence ("Terms were not disclosed.", "No reason was given."):
        capitalised, three words or more, ending with a full stop, ``?`` or ``!``.

        Teasers (cut off with an ellipsis) and headlines (no final stop) are not; the
        function-word test of :meth:`_is_sentence` is not asked, since terse news sentences
        full of names and figures fail it ("Chesebrough said Bass's sales exceeded 170 mln
        dlrs.")."""
        first = line.core[:1]
        return line.terminal and line.alpha_words >= 3 and (first.isupper() or first.isdigit())

    def _is_nav(self, line: Line) -> bool:
        """Title-case words without function words (``Articles Asia Politics & Governance``)."""
        return (
            self.english
            and not line.terminal
            and not line.table_row
            and 2 <= len(line.words) <= self.limits.nav_max_words
            and line.stopwords == 0
            and line.capitalised >= line.alpha_words
        )

    @staticmethod
    def _is_site_title(line: Line) -> bool:
        """Segments joined by separators (``World News – UK – … – OpEd – Eurasia Review``)."""
        return line.separators >= 2 and not line.terminal and not line.table_row

    def _bios(self) -> list[bool]:
        """Which lines read as an author bio (see :meth:`_is_bio`)."""
        total = sum(line.chars for line in self.lines)
        said: set[str] = set()
        before = 0
        out = []
        for i, line in enumerate(self.lines):
            out.append(2 * before >= total and self._is_bio(line, said))
            if self.good[i] or self._is_sentence(line):
                said.update(_NAME_SUFFIX.sub("", w) for w in line.words)
            before += line.chars
        return out

    def _is_bio(self, line: Line, said: set[str]) -> bool:
        """A personal name, a verb of description and what the person is and where (``Jan
        Nowak is a journalist based in Warsaw``, ``… has done his Master's in Defence
        Studies``), of a person the prose before it never names by surname: an article's
        closing sentences speak of people it has introduced, a bio introduces its writer.
        ``said`` holds the words of the sentences before the line."""
        if line.chars > self.rules.bio_max_chars:
            return False
        match = _BIO_START.match(line.core)
        if match is None or match.group(2) not in self.rules.bio_verbs:
            return False
        name = match.group(1).split()
        if any(w.casefold() in self.rules.stopwords for w in name):
            return False
        surname = _NAME_SUFFIX.sub("", re.findall(r"\w+", name[-1])[-1])
        rest = _FIRST_SENTENCE.split(line.core[match.end() :], maxsplit=1)[0]
        return surname not in said and self.rules.bio_predicate.search(rest) is not None

    def _is_body(self, i: int) -> bool:
        return (
            self.good[i] and self.phrases[i] is None and not self.bio[i] and self.reasons[i] is None
        )

    def _is_short_body(self, i: int, line: Line) -> bool:
        return self._is_sentence(line) and self.phrases[i] is None and self.reasons[i] is None

    @staticmethod
    def _is_tag_list(line: Line) -> bool:
        if line.terminal or line.table_row:
            return False
        # a comma between digits groups thousands ("5,050,044"): it separates no items
        items = [item.strip() for item in _LIST_COMMA.split(line.core)]
        return len(items) >= 3 and all(
            item and len(item.split()) <= 4 and (item[0].isupper() or item[0].isdigit())
            for item in items
        )

    def _is_title_like(self, line: Line) -> bool:
        return (
            line.has_letters
            and line.chars <= self.limits.title_max_chars
            and len(line.words) <= self.limits.title_max_words
            and not line.core.endswith(".")
            and not self._is_site_title(line)
            and self.phrases[line.index] is None
        )

    # -- passes ------------------------------------------------------------------------

    def run(self, edges: bool) -> FilterResult:
        self._drop_anywhere()
        self._cut_comment_section()
        self._drop_related_sections()
        body = [i for i in range(len(self.lines)) if self._is_body(i)]
        if not body:  # only short paragraphs: sentences mark the body instead
            body = [i for i, line in enumerate(self.lines) if self._is_short_body(i, line)]
        if edges:
            first = body[0] if body else len(self.lines)
            self._header(first)
            if body:
                self._footer(body[-1] + 1)
        for line, reason in zip(self.lines, self.reasons, strict=True):
            if reason is None:
                self.result.kept.append(line.text)
            else:
                self.result.removed.append((line.text, reason))
        return self.result

    def _drop_anywhere(self) -> None:
        for i, line in enumerate(self.lines):
            phrase = self.phrases[i]
            if not line.has_letters and not any(ch.isdigit() for ch in line.core):
                self.reasons[i] = "punctuation-only line"
            elif phrase is not None and phrase.scope == "anywhere":
                self.reasons[i] = phrase.reason

    def _cut_comment_section(self) -> None:
        """Drop comment-section markers; the first one that follows most of the body text
        (a comment widget near the byline does not) cuts off everything after it."""
        body_chars = [line.chars if self._is_body(line.index) else 0 for line in self.lines]
        total, before = sum(body_chars), 0
        for i, phrase in enumerate(self.phrases):
            before += body_chars[i]
            if phrase is None or phrase.scope != "cutoff" or self.reasons[i] is not None:
                continue
            self.reasons[i] = phrase.reason
            if before > 0 and 2 * before >= total:
                for j in range(i + 1, len(self.lines)):
                    self.reasons[j] = self._own_reason(j, COMMENT_SECTION)
                return

    def _own_reason(self, i: int, default: str) -> str:
        """The reason a line already has or its own phrase class gives, else ``default``."""
        phrase = self.phrases[i]
        return self.reasons[i] or (phrase.reason if phrase is not None else default)

    def _drop_related_sections(self) -> None:
        seen_body = False
        for i, phrase in enumerate(self.phrases):
            seen_body = seen_body or self._is_body(i)
            if phrase is None or phrase.scope != "section" or self.reasons[i] is not None:
                continue
            self.reasons[i] = phrase.reason
            j = i + 1
            while seen_body and j < len(self.lines) and not self._is_body(j):
                if self.reasons[j] is None and self._is_sentence(self.lines[j]):
                    break
                self.reasons[j] = self._own_reason(j, RELATED_LIST)
                j += 1

    def _edge_reason(self, line: Line) -> str | None:
        """Why a line outside the body zone is plainly furniture, if it is."""
        phrase = self.phrases[line.index]
        if phrase is not None:
            return phrase.reason
        if iso_date(line.core) is not None:
            return DATE_LINE
        if self._is_tag_list(line):
            return TAG_LIST
        if self._is_site_title(line):
            return SITE_TITLE
        if line.url_density > self.limits.max_url_density:
            return LINK_LINE
        if (
            self.counts[line.core.casefold()] >= self.limits.repeat_min_count
            and line.chars <= self.limits.repeat_max_chars
        ):
            return REPEATED
        return None

    def _closes_article(self, i: int) -> bool:
        """Whether a dropped line after the body marks the end of the article."""
        phrase = self.phrases[i]
        if phrase is not None:
            return phrase.closes_article or phrase.scope == "cutoff"
        return self.reasons[i] in _CLOSING

    def _header(self, first: int) -> None:
        title = self._choose_title(first)
        for i in range(first):
            line = self.lines[i]
            if self.reasons[i] is not None or i == title:
                continue
            reason = self._edge_reason(line)
            if reason == DATE_LINE and self.result.date is None:
                self.result.date = iso_date(line.core)
            if reason is None and not self._is_sentence(line):
                if (title is None or i < title) and self._is_nav(line):
                    reason = NAVIGATION
                elif len(line.words) <= 3 and not line.terminal:
                    reason = HEADER_FURNITURE
            self.reasons[i] = reason

    def _choose_title(self, first: int) -> int | None:
        best: tuple[int, int] | None = None
        for i in range(first):
            line = self.lines[i]
            if self.reasons[i] is not None or not self._is_title_like(line):
                continue
            score = self._title_score(line)
            if best is None or score > best[0]:
                best = (score, i)
        if best is None:
            return None
        self.result.title = self.lines[best[1]].core
        return best[1]

    def _title_score(self, line: Line) -> int:
        key = line.core.casefold()
        score = 3 if key == self.known_title else 0
        score += 1 if any(w.casefold() in self.rules.stopwords for w in line.words[1:]) else 0
        score += 1 if self.counts[key] >= 2 else 0
        score -= 2 if self._is_nav(line) or iso_date(line.core) else 0
        score += 1 if len(line.words) >= 4 else 0
        score -= 1 if len(line.words) < 2 else 0
        return score

    def _footer(self, start: int) -> None:
        """Drop plain furniture after the body, everything after the first closing line, and
        the weak (non-sentence) lines just before that point or the end of the text."""
        end = len(self.lines)
        for i in range(start, len(self.lines)):
            self.reasons[i] = self.reasons[i] or self._footer_reason(i)
            if self.reasons[i] is not None and self._closes_article(i):
                end = i
                break
        for i in range(end + 1, len(self.lines)):
            self.reasons[i] = self.reasons[i] or self._footer_reason(i) or TRAILING_FURNITURE
        # Short sentences right after the body still belong to it ("Terms were not disclosed.").
        while start < end and self.reasons[start] is None and self._closes_prose(self.lines[start]):
            start += 1
        for i in range(end - 1, start - 1, -1):
            line = self.lines[i]
            if self.reasons[i] is not None:
                continue
            if self._is_sentence(line) or line.table_row:
                break
            self.reasons[i] = TRAILING_FURNITURE

    def _footer_reason(self, i: int) -> str | None:
        if self.bio[i] or self._names_next_bio(i):
            return AUTHOR_BIO
        return self._edge_reason(self.lines[i])

    def _names_next_bio(self, i: int) -> bool:
        """A bare name line (``Jane Doe``) just above the bio that starts with that name."""
        line = self.lines[i]
        if i + 1 >= len(self.lines) or not self.bio[i + 1] or line.terminal:
            return False
        return 2 <= len(line.words) <= 5 and self.lines[i + 1].core.startswith(line.core)
