"""The extract stage: documents in, one :class:`~dyadwatch.model.DocExtraction` each out.

One pass per document finds actors, events, statements, time expressions, figures and the
document's date. The trained pipeline runs only where it is needed:

1. every document is tokenized, split into sentences by rule (punctuation, line breaks) and
   matched against the gazetteer: cheap;
2. only sentences that hold an actor or a title, sentences right after one that refer back
   to it ("It is also prepared to …", "The first joint exercise was held …"), sentences
   that name a pair of states ("warships of both countries"), and sentences that name again
   a craft an earlier parsed sentence named ("*the tanker* was hit …") go through the
   tagger, parser and NER (``nlp.pipe`` over those sentences alone);
3. the parsed and the unparsed stretches are joined back into one ``Doc`` with the
   document's exact text; the actor stage runs on it, then the event coder on the parsed
   sentences, and the dates and figures modules on the text.

With ``Config.n_process > 1`` whole batches of documents go to worker processes (each loads
the pipeline once), so the gazetteer, coder and dates work is spread as well as the parsing.
"""

from __future__ import annotations

import contextlib
import functools
import multiprocessing
import signal
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from itertools import islice, pairwise
from typing import TYPE_CHECKING, Any

from dyadwatch.config import Config
from dyadwatch.extract.actors import breaks_line, extract_actors, load_spacy
from dyadwatch.extract.arguments import CRAFT, DEFINITE, PAIR_FORMS
from dyadwatch.extract.dates import resolve_document_dates
from dyadwatch.extract.events import Observer, code_document
from dyadwatch.extract.figures import extract_claims
from dyadwatch.extract.gazetteer import ACTORS_KEY, ROLES_KEY, GazetteerMatcher
from dyadwatch.extract.genre import SPORT_THRESHOLD, sport_probability
from dyadwatch.extract.people import doc_sentences, surname_index
from dyadwatch.extract.places import find_places
from dyadwatch.extract.repair import repair
from dyadwatch.model import DocActors, DocExtraction, Document, Event, Statement
from dyadwatch.ontology import fold, load_gazetteer

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

ENDS = frozenset({".", "!", "?", "…"})
# Passed as keywords: spaCy's type stub of ``Doc.from_docs`` lacks ``exclude``.
FROM_DOCS: dict[str, Any] = {"ensure_whitespace": False, "exclude": ["tensor", "user_data"]}
CLOSERS = frozenset({'"', "'", "”", "’", ")", "]", "»"})
REFERRING = frozenset(
    {"it", "its", "they", "their", "them", "he", "his", "she", "her", "both", "two", "joint",
     "bilateral", "mutual", "latter", "former"}
)  # fmt: skip


@dataclass(slots=True)
class ExtractStats:
    """Counters of the extract stage (summed over worker processes)."""

    documents: int = 0
    sentences: int = 0
    parsed: int = 0
    """Sentences that went through the tagger, parser and NER."""
    events: int = 0
    statements: int = 0
    mentions: int = 0
    sport: int = 0
    """Stories judged to be about sport, in which no events are coded."""
    seconds: float = 0.0

    def add(self, other: ExtractStats) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def as_dict(self) -> dict[str, float]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@functools.cache
def load_nlp(model: str) -> Language:
    """The trained pipeline (with the lemmatizer, without the gazetteer), once per process."""
    return load_spacy(model)


@dataclass(slots=True)
class _Chunk:
    """A stretch of a document: ``[start, end)`` characters, parsed or not, its sentences."""

    start: int
    end: int
    parse: bool
    sentences: list[tuple[int, int]]
    """Token ranges (of the gate's ``Doc``) of its rule-split sentences."""


class Engine:
    """The loaded pipeline of one process and the per-document work of the stage."""

    def __init__(self, model: str) -> None:
        self.nlp = load_nlp(model)
        self.gazetteer = GazetteerMatcher(self.nlp, load_gazetteer())
        self.surnames = frozenset(surname_index(load_gazetteer()))
        self.names = frozenset(load_gazetteer().namesakes)
        self.observe: Observer | None = None
        """Sees every parsed sentence before it is coded (training scripts)."""

    # -- gate ---------------------------------------------------------------------------

    def chunks(self, text: str) -> tuple[Doc, list[_Chunk]]:
        """The document cut into stretches to parse and stretches to leave (see module doc)."""
        tdoc = self.gazetteer(self.nlp.make_doc(text))
        bounds = _sentence_bounds(tdoc)
        counts = [0] * len(bounds)
        starts = [s for s, _ in bounds]
        for span in [*tdoc.spans[ACTORS_KEY], *tdoc.spans[ROLES_KEY]]:
            counts[_which(starts, span.start)] += 1
        for tok in tdoc:  # a known person's name ("Andreas Papandreou", "Papandreou told")
            if not (tok.is_title and tok.is_alpha):
                continue
            key = tok.lower_ if tok.text.isascii() else fold(tok.text)
            if key not in self.surnames:
                continue
            k = _which(starts, tok.i)
            initial = tok.i == bounds[k][0]
            named = tok.i > 0 and f"{tdoc[tok.i - 1].lower_} {key}" in self.names
            if named or (initial and _speaks(tdoc, tok.i)):  # "Papandreou told …"
                counts[k] += 1
        out: list[_Chunk] = []
        craft: set[str] = set()  # groups of craft that parsed sentences named
        for k, (s, e) in enumerate(bounds):
            prev = k > 0 and counts[k - 1] > 0 and not _paragraph(tdoc, bounds[k - 1][1], s)
            refers = any(t.lower_ in REFERRING for t in tdoc[s:e])
            parse = counts[k] > 0 or (prev and refers) or (refers and _names_pair(tdoc, s, e))
            parse = parse or _names_craft_again(tdoc, s, e, craft)
            if parse:
                craft |= {g for t in tdoc[s:e] if (g := CRAFT.get(t.lower_.rstrip("s")))}
            lo = tdoc[s].idx
            hi = tdoc[e].idx if e < len(tdoc) else len(text)
            if out and out[-1].parse == parse:
                out[-1].end = hi
                out[-1].sentences.append((s, e))
            else:
                out.append(_Chunk(lo, hi, parse, [(s, e)]))
        return tdoc, out

    # -- one batch ----------------------------------------------------------------------

    def run(
        self, docs: list[Document], batch_size: int
    ) -> tuple[list[DocExtraction], ExtractStats]:
        from spacy.tokens import Doc

        t0 = time.perf_counter()
        stats = ExtractStats()
        foreign = {d.doc_id for d in docs if d.lang != "en"}
        if foreign:  # the English model cannot read them: nothing is extracted from them
            results, stats = self.run([d for d in docs if d.doc_id not in foreign], batch_size)
            by_id = {r.doc_id: r for r in results}
            empty = {i: DocExtraction(i, DocActors(i)) for i in foreign}
            return [by_id.get(d.doc_id) or empty[d.doc_id] for d in docs], stats
        gated = [self.chunks(d.text) for d in docs]
        texts = [
            d.text[c.start : c.end]
            for d, (_, cs) in zip(docs, gated, strict=True)
            for c in cs
            if c.parse
        ]
        parsed = iter(self.nlp.pipe(texts, batch_size=batch_size))
        out = []
        for doc, (tdoc, plan) in zip(docs, gated, strict=True):
            parts = [next(parsed) if c.parse else self._flat(tdoc, c) for c in plan]
            merged = Doc.from_docs(parts, **FROM_DOCS)
            if merged is None or not _same_text(merged, doc.text):
                merged, plan = self.nlp(doc.text), [_Chunk(0, len(doc.text), True, [])]
            repair(merged)
            try:
                out.append(self.extract(doc, merged, plan, stats))
            except Exception as exc:  # one document's fault must not stop the batch
                why = f"extraction failed: {type(exc).__name__}: {str(exc)[:200]}"
                out.append(DocExtraction(doc.doc_id, DocActors(doc.doc_id), failed=why))
        stats.seconds = time.perf_counter() - t0
        return out, stats

    def _flat(self, tdoc: Doc, chunk: _Chunk) -> Doc:
        """An unparsed stretch as a ``Doc`` whose sentences are flat trees (first token heads)."""
        from spacy.tokens import Doc

        first, last = chunk.sentences[0][0], chunk.sentences[-1][1]
        heads = list(range(last - first))
        deps = ["ROOT"] * (last - first)
        for s, e in chunk.sentences:
            for i in range(s + 1, e):
                heads[i - first], deps[i - first] = s - first, "dep"
        toks = tdoc[first:last]
        words = [t.text for t in toks]
        spaces = [bool(t.whitespace_) for t in toks]
        return Doc(self.nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps)

    def extract(
        self, doc: Document, sdoc: Doc, plan: list[_Chunk], stats: ExtractStats
    ) -> DocExtraction:
        """Everything the stage finds in one document, from its joined ``Doc``."""
        self.gazetteer(sdoc)
        estimate, exprs = resolve_document_dates(doc)
        actors = extract_actors(doc, sdoc, estimate.date or None)
        parsed = [s for s in doc_sentences(sdoc) if _inside(s, plan)]
        places = find_places(doc, sdoc, actors)
        sport = sport_probability(doc.text)
        events: list[Event] = []
        statements: list[Statement] = []
        if sport >= SPORT_THRESHOLD:  # teams and players, not states (extract/genre.py)
            stats.sport += 1
        else:
            events, statements = code_document(
                doc, sdoc, actors, parsed, exprs, estimate, self.observe, places
            )
        claims = extract_claims(doc, actors.sentences, exprs, parsed)
        stats.documents += 1
        stats.sentences += len(actors.sentences)
        stats.parsed += len(parsed)
        stats.events += len(events)
        stats.statements += len(statements)
        stats.mentions += len(actors.mentions)
        return DocExtraction(
            doc_id=doc.doc_id,
            actors=actors,
            events=events,
            statements=statements,
            times=exprs,
            claims=claims,
            date=estimate,
            places=[f.mention for f in places],
            sport=sport if sport >= SPORT_THRESHOLD else None,
        )


SPEECH = frozenset({"said", "says", "told", "added", "announced", "urged", "warned", ",", "'s"})


def _speaks(tdoc: Doc, i: int) -> bool:
    """A sentence-initial capitalised word is a name when a verb of speech or a comma
    follows it ("Papandreou told …", "Ozal, in London, …"), not merely by its capital."""
    return i + 1 < len(tdoc) and tdoc[i + 1].lower_ in SPEECH


def _names_craft_again(tdoc: Doc, start: int, end: int, named: set[str]) -> bool:
    """ "The tanker", "this vessel": a definite craft of a group a parsed sentence named."""
    return any(
        a.lower_ in DEFINITE and CRAFT.get(b.lower_) in named for a, b in pairwise(tdoc[start:end])
    )


def _names_pair(tdoc: Doc, start: int, end: int) -> bool:
    """ "both countries", "the two nations": the story's pair, in any paragraph."""
    return any(
        a.lower_ in {"both", "two"} and b.lower_ in PAIR_FORMS for a, b in pairwise(tdoc[start:end])
    )


def _same_text(sdoc: Doc, text: str) -> bool:
    """The joined ``Doc`` spans the document's text (``Doc.text`` rebuilds it: costly)."""
    if not len(sdoc):
        return not text
    last = sdoc[-1]
    return last.idx + len(last.text_with_ws) == len(text) and sdoc[0].idx == 0


def _which(starts: list[int], tok: int) -> int:
    """Index of the sentence (by start token) holding token ``tok``."""
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= tok:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _paragraph(tdoc: Doc, prev_end: int, start: int) -> bool:
    """A blank line or a line break lies between two sentences."""
    return any("\n" in t.text or "\n" in t.whitespace_ for t in tdoc[max(prev_end - 1, 0) : start])


def _sentence_bounds(tdoc: Doc) -> list[tuple[int, int]]:
    """Token ranges of sentences by rule: after . ! ? (and closing quotes), at line breaks."""
    if not len(tdoc):
        return []
    starts = [0]
    for i, (prev, tok) in enumerate(pairwise(tdoc), start=1):
        ended = prev.text in ENDS or (prev.text in CLOSERS and i > 1 and tdoc[i - 2].text in ENDS)
        opens = tok.text not in CLOSERS and tok.text not in ENDS and not tok.text[:1].islower()
        if breaks_line(prev, tok) or (ended and opens):
            starts.append(i)
    starts = sorted(set(starts))
    return [(s, e) for s, e in zip(starts, [*starts[1:], len(tdoc)], strict=True) if e > s]


def _inside(sent: Span, plan: list[_Chunk]) -> bool:
    return any(c.parse and c.start <= sent.start_char and sent.end_char <= c.end for c in plan)


# -- the stage ----------------------------------------------------------------------------

_ENGINE: Engine | None = None


@contextlib.contextmanager
def _quiet_children() -> Iterator[None]:
    """Workers start with Ctrl-C blocked (a blocked signal stays blocked in the child, from
    its first instruction), so only the parent reacts to it: it stops the pool and says so.

    A Ctrl-C that comes while the workers start is held, not lost: it is raised as
    ``KeyboardInterrupt`` once they have started."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    before = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    masks = hasattr(signal, "pthread_sigmask")
    if masks:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        if masks:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        signal.signal(signal.SIGINT, before)
    if caught:
        raise KeyboardInterrupt


def _init_worker(model: str) -> None:
    global _ENGINE
    # Ctrl-C reaches the whole process group: the parent stops the pool, workers say nothing.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _ENGINE = Engine(model)


def _work(args: tuple[list[Document], int]) -> tuple[list[DocExtraction], ExtractStats]:
    assert _ENGINE is not None, "worker not initialised"
    return _ENGINE.run(*args)


def _batches(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(docs)
    while batch := list(islice(it, size)):
        yield batch


class Extractor:
    """The extract stage: ``pipe(documents)`` yields one :class:`DocExtraction` per document.

    Actors, events, statements, time expressions, figures and the document date in one pass;
    ``stats`` sums the stage's counters over every call.
    """

    def __init__(self, cfg: Config, engine: Engine | None = None) -> None:
        """``engine``: a pipeline already loaded in this process (a long-lived worker keeps
        one across calls instead of loading the model each time)."""
        self.cfg = cfg
        self.stats = ExtractStats()
        self._engine: Engine | None = engine

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = Engine(self.cfg.spacy_model)
        return self._engine

    def pipe(self, docs: Iterable[Document]) -> Iterator[DocExtraction]:
        """Extract every document, in order. Worker processes are used only when there are
        batches for more than one of them: each must load the model first (seconds), so a
        handful of documents goes faster in this process."""
        size = max(1, self.cfg.batch_size)
        docs = list(docs)
        workers = min(self.cfg.n_process, -(-len(docs) // size))
        if workers <= 1:
            for batch in _batches(docs, size):
                results, stats = self.engine.run(batch, size)
                self.stats.add(stats)
                yield from results
            return
        ctx = multiprocessing.get_context("spawn")
        pool = None
        try:
            with _quiet_children():
                pool = ctx.Pool(workers, initializer=_init_worker, initargs=(self.cfg.spacy_model,))
        except KeyboardInterrupt:
            if pool is not None:
                pool.terminate()  # the workers started; the Ctrl-C held meanwhile stops them
            raise
        with pool:
            jobs = ((batch, size) for batch in _batches(docs, size))
            for results, stats in pool.imap(_work, jobs):
                self.stats.add(stats)
                yield from results

    def __call__(self, doc: Document) -> DocExtraction:
        return next(self.pipe([doc]))


def code_sentence(
    text: str, cfg: Config | None = None, date: str | None = None, dateline: str | None = None
) -> DocExtraction:
    """Everything the stage finds in one piece of text (a sentence or a few): for tests and
    the benchmark. Uses the process's loaded pipeline."""
    doc = Document(doc_id="s", source_id="s", path="s", text=text, date=date, dateline=dateline)
    engine = _engine_for((cfg or Config()).spacy_model)
    results, _ = engine.run([doc], 1)
    return results[0]


@functools.cache
def _engine_for(model: str) -> Engine:
    return Engine(model)


def shared_engine(model: str) -> Engine:
    """The pipeline of ``model`` loaded once per process."""
    return _engine_for(model)


__all__ = ["Engine", "ExtractStats", "Extractor", "code_sentence", "load_nlp", "shared_engine"]
