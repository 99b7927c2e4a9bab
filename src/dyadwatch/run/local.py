"""The local runner: drives the stages over files and writes their output to the store."""

from __future__ import annotations

import hashlib
import itertools
import os
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from dyadwatch import __version__
from dyadwatch.config import Config
from dyadwatch.model import (
    Document,
    Event,
    LineageEdge,
    PairResult,
    RawDocument,
    Reject,
    ReuseSignal,
)
from dyadwatch.store import Store

if TYPE_CHECKING:
    from dyadwatch.fuse import FuseConfig, FuseInput
    from dyadwatch.reuse import ReuseConfig

#: Called as ``progress(description, total)``; returns a function that advances by n.
#: A total of None is a count with no known end (the articles inside the files being read).
ProgressFactory = Callable[[str, int | None], Callable[[int], None]]


def no_progress(description: str, total: int | None) -> Callable[[int], None]:
    return lambda n: None


@dataclass(slots=True)
class RunStats:
    """Counters of one run, per stage: printed at the end and stored with the run."""

    files: int = 0
    unchanged: int = 0
    """Files skipped: the store read them before, unchanged, with the same settings."""
    records: int = 0
    ingested: int = 0
    duplicates: int = 0
    rejected: int = 0
    reject_reasons: Counter[str] = field(default_factory=Counter)
    analysed: int = 0
    other_language: int = 0
    """Documents in another language than English: stored, not extracted."""
    mentions: int = 0
    events: int = 0
    sport: int = 0
    """Stories judged to be about sport: no events are coded in them."""
    reuse_signed: int = 0
    """Documents the reuse stage signed (those it had not seen before)."""
    reuse_aligned: int = 0
    """Candidate pairs the reuse stage aligned (those it had not aligned before)."""
    reuse_links: int = 0
    fused_events: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    peak_mb: dict[str, float] = field(default_factory=dict)
    """Peak resident memory of this process (not its workers) during each stage, where the
    system reports it (Linux)."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "unchanged": self.unchanged,
            "records": self.records,
            "ingested": self.ingested,
            "duplicates": self.duplicates,
            "rejected": self.rejected,
            "reject_reasons": dict(self.reject_reasons),
            "analysed": self.analysed,
            "mentions": self.mentions,
            "events": self.events,
            "sport": self.sport,
            "reuse_signed": self.reuse_signed,
            "reuse_aligned": self.reuse_aligned,
            "reuse_links": self.reuse_links,
            "fused_events": self.fused_events,
            "seconds": {k: round(v, 3) for k, v in self.seconds.items()},
            "peak_mb": {k: round(v, 1) for k, v in self.peak_mb.items()},
        }


@contextmanager
def timed(stats: RunStats, stage: str) -> Iterator[None]:
    """Time a stage, and record this process's peak memory during it."""
    t0 = time.perf_counter()
    _reset_peak()
    try:
        yield
    finally:
        stats.seconds[stage] = stats.seconds.get(stage, 0.0) + time.perf_counter() - t0
        peak = _peak_mb()
        if peak is not None:
            stats.peak_mb[stage] = max(stats.peak_mb.get(stage, 0.0), peak)


def _reset_peak() -> None:
    """Start a new peak-RSS window (Linux: writing 5 to clear_refs resets VmHWM)."""
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
    except OSError:
        pass


def _peak_mb() -> float | None:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _reason_class(reason: str) -> str:
    """The reason without its specifics, for counting (``'x: y'`` → ``'x'``)."""
    return reason.split(":", 1)[0].strip()


#: Records cleaned in the runner's own process before worker processes are worth starting.
PARALLEL_AFTER = 400
#: Records sent to a clean worker at a time.
CLEAN_CHUNK = 64


def ingest(
    targets: Sequence[str],
    store: Store,
    cfg: Config,
    stats: RunStats,
    progress: ProgressFactory = no_progress,
    batch: int = 200,
) -> None:
    """Read, clean and store every article under ``targets``; rejects are stored with reasons.

    A file the store has read to the end before, unchanged since (size and modification
    time) and with the same reading settings, is skipped unless ``cfg.reread``.

    Files are read as streams and stored every ``batch`` documents, so memory stays bounded
    whatever the input's size. Past :data:`PARALLEL_AFTER` records, cleaning is spread over
    ``cfg.n_process`` worker processes, in order.
    """
    from dyadwatch.ingest import discover

    paths: list[str] = []
    rejects: list[Reject] = []
    for found in discover(targets):
        if isinstance(found, Reject):
            rejects.append(found)
        else:
            paths.append(found)
    stamps = {p: file_stamp(p) for p in paths}
    reading = f"{__version__}:{cfg.reading}"  # a new version may clean a file otherwise
    if not cfg.reread:
        known = store.read_files()
        fresh = [p for p in paths if known.get(os.path.realpath(p)) != (*stamps[p], reading)]
        stats.unchanged += len(paths) - len(fresh)
        paths = fresh
    advance = progress("ingest (files)", len(paths))
    count = progress("articles read", None)
    docs: list[Document] = []

    def flush() -> None:
        new = store.add_documents(docs)
        stats.ingested += new
        stats.duplicates += len(docs) - new
        store.add_rejects(rejects)
        for r in rejects:
            stats.rejected += 1
            stats.reject_reasons[_reason_class(r.reason)] += 1
        docs.clear()
        rejects.clear()

    def records() -> Iterator[RawDocument | Reject]:
        from dyadwatch.ingest import read_file

        for path in paths:
            stats.files += 1
            store.forget_rejects(path)
            for rec in read_file(path, cfg):
                if isinstance(rec, RawDocument):
                    stats.records += 1
                count(1)
                yield rec
            advance(1)

    with timed(stats, "ingest+clean"):
        for item in _cleaned(records(), cfg):
            if isinstance(item, Reject):
                rejects.append(item)
            else:
                docs.append(item)
            if len(docs) >= batch:
                flush()
        flush()
        store.update_search_index()
        store.mark_read(
            [(os.path.realpath(p), *stamps[p], reading) for p in paths if stamps[p][0] >= 0]
        )


def file_stamp(path: str) -> tuple[int, int]:
    """(size, modification time in ns) of ``path`` before it is read, which tells whether it
    changed since; (-1, -1) when it cannot be read, so it never counts as unchanged."""
    try:
        st = os.stat(path)
    except OSError:
        return (-1, -1)
    return (st.st_size, st.st_mtime_ns)


def _cleaned(items: Iterator[RawDocument | Reject], cfg: Config) -> Iterator[Document | Reject]:
    """The clean stage over ``items`` in order, Rejects passed through: in this process for a
    small input, then over worker processes with a bounded number of chunks in flight."""
    from dyadwatch.clean import clean_document

    head = items if cfg.n_process <= 1 else itertools.islice(items, PARALLEL_AFTER)
    for item in head:
        yield item if isinstance(item, Reject) else clean_document(item, cfg)
    if cfg.n_process <= 1:
        return
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor

    # spawn: the workers share nothing with this process's open database or threads
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(cfg.n_process, mp_context=context) as pool:
        pending: deque[Future[list[Document | Reject]]] = deque()
        for chunk in _chunks(items, CLEAN_CHUNK):
            pending.append(pool.submit(_clean_chunk, chunk, cfg))
            if len(pending) > 2 * cfg.n_process:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def _chunks(items: Iterator[RawDocument | Reject], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _clean_chunk(chunk: list[RawDocument | Reject], cfg: Config) -> list[Document | Reject]:
    from dyadwatch.clean import clean_document

    return [item if isinstance(item, Reject) else clean_document(item, cfg) for item in chunk]


def record_failures(store: Store, stats: RunStats, failed: Sequence[tuple[str, str]]) -> None:
    """Documents the extract stage failed on, as (path, why): rejects of stage "extract"."""
    store.add_rejects([Reject(path, why, stage="extract") for path, why in failed])
    stats.rejected += len(failed)
    for _, why in failed:
        stats.reject_reasons[_reason_class(why)] += 1


def extract(
    store: Store, cfg: Config, stats: RunStats, progress: ProgressFactory = no_progress
) -> None:
    """Run the extract stage (actors, events, dates, figures) on every stored document it
    has not seen with these settings."""
    from dyadwatch.extract.pipeline import Extractor

    version = f"{__version__}:{cfg}"
    todo = store.documents_needing("extract", version)
    if not todo:
        return
    advance = progress("extract", len(todo))
    stats.other_language += sum(d.lang != "en" for d in todo)
    paths = {d.doc_id: d.path for d in todo}
    with timed(stats, "extract"):
        pending = []
        for result in Extractor(cfg).pipe(todo):
            if result.failed is not None:  # recorded, and the run goes on
                record_failures(store, stats, [(paths[result.doc_id], result.failed)])
            pending.append(result)
            stats.analysed += 1
            stats.mentions += len(result.actors.mentions)
            stats.events += len(result.events)
            stats.sport += result.sport is not None
            advance(1)
            if len(pending) >= cfg.batch_size:
                store.add_extractions(pending, version)
                pending.clear()
        store.add_extractions(pending, version)


#: Documents signed per read from the store, and pairs aligned per read of their texts: the
#: reuse stage never holds the whole corpus's texts.
SIGN_BATCH = 2000
ALIGN_BATCH = 2000


def find_reuse(
    store: Store,
    stats: RunStats,
    cfg: ReuseConfig | None = None,
    progress: ProgressFactory = no_progress,
    n_process: int = 1,
) -> None:
    """Bring the corpus-wide reuse picture up to date when the stored documents have changed.

    The store keeps what depends on one document (its MinHash signature, index keys and
    spin signal) or on one pair (their alignment), so documents added since the last run are
    the only ones signed, and pairs not aligned before the only ones aligned. Candidate
    pairs are chosen over the whole corpus each time, so the result is the one a run from
    scratch gives. Pairs are aligned over ``n_process`` worker processes when there are
    enough of them to repay the workers' start."""
    from dyadwatch.reuse import (
        Features,
        ReuseConfig,
        ReuseStats,
        assemble,
        candidate_pairs,
        document_features,
    )
    from dyadwatch.reuse.spin import load_lexicon, reuse_signal

    cfg = cfg or ReuseConfig()
    settings = f"{__version__}:{cfg}"
    fingerprint = store.corpus_fingerprint(settings)
    if store.stage_fingerprint("reuse") == fingerprint:
        return
    with timed(stats, "reuse"):
        store.keep_reuse_cache(settings)
        lexicon = load_lexicon()
        ids = store.document_ids()
        known = store.reuse_feature_ids()
        unsigned = [i for i in ids if i not in known]
        advance = progress("reuse (sign)", len(unsigned)) if unsigned else no_progress("", 0)
        for at in range(0, len(unsigned), SIGN_BATCH):
            docs = store.documents_by_id(unsigned[at : at + SIGN_BATCH])
            feats = document_features([d.text for d in docs], cfg)
            store.add_reuse_features(
                [
                    (*feats.row(k), reuse_signal(d.doc_id, d.text, lexicon))
                    for k, d in enumerate(docs)
                ]
            )
            advance(len(docs))
        rows, signals = store.load_reuse_features(ids)
        found = ReuseStats(documents=len(ids))
        pairs, dups = candidate_pairs(Features.from_rows(rows, cfg.num_perm), cfg, found)
        del rows
        results = store.load_pair_results()
        todo = [(ids[i], ids[j]) for i, j in pairs if (ids[i], ids[j]) not in results]
        by_id = {g.doc_id: g for g in signals}
        advance = progress("reuse (align)", len(todo)) if todo else no_progress("", 0)
        for fresh in _aligned(store, todo, by_id, cfg, n_process):
            store.add_pair_results(fresh)
            results.update({(r.doc_a, r.doc_b): r for r in fresh})
            advance(len(fresh))
        result = assemble(ids, pairs, dups, results, signals)
        store.replace_reuse(result, fingerprint)
    stats.reuse_signed += len(unsigned)
    stats.reuse_aligned += len(todo)
    stats.reuse_links = len(result.lineage)


#: Pairs to align before worker processes are worth starting, and pairs sent to one at a time.
ALIGN_PARALLEL_AFTER = 1000
ALIGN_CHUNK = 250


def _aligned(
    store: Store,
    todo: Sequence[tuple[str, str]],
    signals: dict[str, ReuseSignal],
    cfg: ReuseConfig,
    n_process: int,
) -> Iterator[list[PairResult]]:
    """The results of aligning ``todo`` (pairs of document ids), in order, a chunk at a time:
    texts are read from the store :data:`ALIGN_BATCH` pairs at a time, and aligned here or,
    past :data:`ALIGN_PARALLEL_AFTER` pairs, over ``n_process`` spawned workers with a
    bounded number of chunks in flight."""
    from dyadwatch.reuse.align import forget_texts

    def chunks() -> Iterator[tuple[list[tuple[Document, Document]], dict[str, ReuseSignal]]]:
        for at in range(0, len(todo), ALIGN_BATCH):
            batch = todo[at : at + ALIGN_BATCH]
            needed = sorted({x for p in batch for x in p})
            texts = {d.doc_id: d for d in store.documents_by_id(needed)}
            for k in range(0, len(batch), ALIGN_CHUNK):
                part = batch[k : k + ALIGN_CHUNK]
                used = {x for p in part for x in p}
                yield [(texts[a], texts[b]) for a, b in part], {i: signals[i] for i in used}

    if n_process <= 1 or len(todo) < ALIGN_PARALLEL_AFTER:
        for pairs, sigs in chunks():
            yield _align_chunk(pairs, sigs, cfg)
        forget_texts()
        return
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor

    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(n_process, mp_context=context) as pool:
        pending: deque[Future[list[PairResult]]] = deque()
        for pairs, sigs in chunks():
            pending.append(pool.submit(_align_chunk, pairs, sigs, cfg))
            if len(pending) > 2 * n_process:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _align_chunk(
    pairs: list[tuple[Document, Document]], signals: dict[str, ReuseSignal], cfg: ReuseConfig
) -> list[PairResult]:
    from dyadwatch.reuse import align_pairs
    from dyadwatch.reuse.spin import load_lexicon

    return align_pairs(pairs, signals, cfg, load_lexicon())


def fuse(store: Store, stats: RunStats, cfg: FuseConfig | None = None) -> None:
    """Bring the corpus-wide fusion up to date when extraction or lineage changed.

    When only documents were added (same settings, same extract versions), only the parts
    of the fusion that the added documents, or documents whose lineage group changed, take
    part in are computed again (:func:`dyadwatch.fuse.fuse_changed`), from the records of
    those parts alone."""
    from dyadwatch.fuse import FuseConfig, fuse_all, fuse_changed

    cfg = cfg or FuseConfig()
    versions = f"{__version__}:{cfg}:{store.extract_fingerprint()}"
    state = f"{__version__}:{cfg}:{store.stage_fingerprint('reuse')}:{store.extract_fingerprint()}"
    fingerprint = store.corpus_fingerprint(state)
    if store.stage_fingerprint("fuse") == fingerprint:
        return
    basis = hashlib.sha256(versions.encode()).hexdigest()[:16]
    with timed(stats, "fuse"):
        groups = store.lineage_group_map()
        edges = store.load_lineage()
        events = store.load_events()
        before = store.fusion_basis(basis)
        if before is None:
            data = _fuse_input(store, events, groups, edges, None)
            result = fuse_all(data, cfg)
            store.replace_fusion(result, fingerprint, basis, groups, edges)
            stats.fused_events = len(result.fused)
            return
        old_groups, old_edges = before
        changed = {d for d, g in groups.items() if old_groups.get(d) != g}
        needed = _fuse_docs(store, cfg, events, changed, edges, old_edges)
        data = _fuse_input(store, events, groups, edges, needed)
        part, scope = fuse_changed(data, cfg, changed, old_edges)
        store.update_fusion(part, scope, fingerprint, basis, groups, edges)
        stats.fused_events = int(store.scalar("SELECT count(*) FROM fused_events"))


def _fuse_docs(
    store: Store,
    cfg: FuseConfig,
    events: list[Event],
    changed: set[str],
    edges: Sequence[LineageEdge],
    old_edges: set[tuple[str, str]],
) -> tuple[set[str], set[str]]:
    """The documents and dyads whose records a partial fusion needs (see
    :func:`dyadwatch.fuse.fuse_changed`)."""
    from dyadwatch.fuse import FuseInput
    from dyadwatch.fuse.stage import (
        block_of,
        fresh_edges,
        kept_edges,
        touched_blocks,
        touched_dyads,
    )

    seed = FuseInput(
        events=events,
        claims=store.load_claims(changed),
        sentences=store.load_sentences(changed),
        mentions=[],
        actors={},
        texts={},
        groups={},
        doc_dates={},
    )
    dyads = touched_dyads(seed, cfg, changed)
    fresh = fresh_edges(edges, kept_edges(edges, old_edges, changed))
    ends = {d for e in fresh for d in (e.source_doc, e.derived_doc)}
    blocks = touched_blocks(events, changed, dyads)
    fused = {e.doc_id for e in events if block_of(e) in blocks}  # the figures they cite
    return changed | ends | fused | store.docs_naming(dyads), dyads


def _fuse_input(
    store: Store,
    events: list[Event],
    groups: dict[str, str],
    edges: list[LineageEdge],
    needed: tuple[set[str], set[str]] | None,
) -> FuseInput:
    """The fuse stage's records beside ``events``: all of them, or (``needed``: documents,
    dyads) the records of those documents, with the claims about those dyads."""
    from dyadwatch.fuse import FuseInput

    docs, dyads = needed if needed is not None else (None, set())
    return FuseInput(
        events=events,
        claims=store.load_claims(docs, dyads),
        sentences=store.load_sentences(docs),
        mentions=store.load_mentions(docs),
        actors=store.load_actors(),
        texts=store.document_texts(None if docs is None else sorted(docs)),
        groups=groups,
        doc_dates=store.source_dates(),
        outlets=store.outlet_map(),
        edges=edges,
    )


def analyze(
    targets: Sequence[str], store: Store, cfg: Config, progress: ProgressFactory = no_progress
) -> RunStats:
    """All stages in order; re-running over the same input changes nothing."""
    stats = RunStats()
    run_id = store.start_run("analyze", str(cfg))
    ingest(targets, store, cfg, stats, progress)
    store.stage_done(run_id, "ingest")
    find_reuse(store, stats, progress=progress, n_process=cfg.n_process)
    store.stage_done(run_id, "reuse")
    extract(store, cfg, stats, progress)
    store.stage_done(run_id, "extract")
    fuse(store, stats)
    store.stage_done(run_id, "fuse")
    store.finish_run(run_id, stats.as_dict())
    return stats


def ingest_only(
    targets: Sequence[str], store: Store, cfg: Config, progress: ProgressFactory = no_progress
) -> RunStats:
    stats = RunStats()
    run_id = store.start_run("ingest", str(cfg))
    ingest(targets, store, cfg, stats, progress)
    store.finish_run(run_id, stats.as_dict())
    return stats
