"""The FastAPI application: a read-only JSON API under ``/api`` and dashboard pages.

Every route opens the snapshot in service (see :mod:`dyadwatch.store.snapshot`), calls one
function of :mod:`dyadwatch.report.browse` or the dossier builder, the same functions the
command line calls, and returns its answer as JSON or renders it into a page. Parameters
reach SQL only as bound values. Pages escape all article text (Jinja autoescaping), load
nothing from outside the server, and are sent with a Content-Security-Policy that allows
scripts and styles from the server alone.
"""

from __future__ import annotations

import asyncio
import json
import logging
import multiprocessing as mp
import os
import re
import threading
from collections.abc import AsyncIterator, Callable
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import asynccontextmanager
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import anyio
import jinja2
from fastapi import FastAPI, Query, Request, Response
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dyadwatch import __version__
from dyadwatch.errors import BadQuery, DyadwatchError, NotFound, StoreError, UnknownCountry
from dyadwatch.report import browse
from dyadwatch.report.evidence import plural
from dyadwatch.report.render import asset, dossier_context
from dyadwatch.store import Store
from dyadwatch.store.snapshot import POLL, Snapshot, Snapshots
from dyadwatch.web.highlight import segments
from dyadwatch.web.memo import Memo

__all__ = ["CSP", "app_from_env", "create_app"]

log = logging.getLogger("dyadwatch.web")

#: Scripts, styles and images from this server only; no plugin, frame, form target or base
#: elsewhere. Charts are inline SVG, so no script is needed to draw them.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
    " connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
#: Requests a server process works on at once; more wait their turn in order. More threads
#: than this only contend for the interpreter lock and the cores, and stretch every answer.
THREADS = 8
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}

Id = Annotated[str, PathParam(min_length=1, max_length=200)]
DyadParam = Annotated[
    str, PathParam(min_length=3, max_length=120, description="Two countries, e.g. PAK-RUS.")
]


@cache
def _env() -> jinja2.Environment:
    """Templates of the dashboard, falling back to the dossier's (which a page extends)."""
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(
            [
                jinja2.PackageLoader("dyadwatch.web", "templates"),
                jinja2.PackageLoader("dyadwatch.report", "templates"),
            ]
        ),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["plural"] = plural
    return env


def page(template: str, code: int = 200, **context: Any) -> HTMLResponse:
    """A dashboard page rendered from ``template``, sent with HTTP status ``code``."""
    return HTMLResponse(render(template, **context), status_code=code)


def create_app(
    db: str | Path, *, poll: float = POLL, snapshots: str | Path | None = None
) -> FastAPI:
    """The application serving the store at ``db``, re-read every ``poll`` seconds when it
    has changed. ``snapshots`` is the folder for private copies (a temporary one by default)."""
    snaps = Snapshots(db, snapshots)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        anyio.to_thread.current_default_thread_limiter().total_tokens = THREADS
        browse.resolve_dyad("PAK-RUS")  # load the gazetteer now, not in many threads at once
        snaps.wait_first()
        snaps.start(poll)
        log.info("serving %s", snaps.path)
        yield
        BUILDER.close()
        snaps.close()

    app = FastAPI(
        title="dyadwatch",
        version=__version__,
        summary="Relations between countries from news articles, every fact with its quote.",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.snapshots = snaps

    memos: dict[int, Memo] = {}
    memo_lock = threading.Lock()

    def memo_of(snap: Snapshot) -> Memo:
        with memo_lock:
            memo = memos.get(snap.number)
            if memo is None:
                for old in [n for n in memos if n < snap.number]:
                    del memos[old]
                memo = memos[snap.number] = Memo()
            return memo

    def remember(key: tuple[Any, ...], make: Callable[[Store, Snapshot], bytes]) -> bytes:
        """The answer to ``key`` from the snapshot in service, computed once per snapshot."""
        with snaps.reader() as (store, snap):
            return memo_of(snap).get(key, lambda: make(store, snap))

    def read(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Response:
        """``fn(store, *args, **kwargs)`` as a JSON answer."""
        key = (fn.__name__, args, tuple(sorted(kwargs.items())))
        body = remember(key, lambda store, _: _json(fn(store, *args, **kwargs)))
        return Response(body, media_type="application/json")

    app.state.memos = memos
    _errors(app)
    _api(app, read)
    _pages(app, snaps, memo_of, remember)
    return app


def render(template: str, **context: Any) -> str:
    """A dashboard template rendered with ``context``."""
    return _env().get_template(template).render(version=__version__, **context)


def dyad_page_html(snapshot: str, dyad: str) -> bytes:
    """The dashboard's dyad page: the dossier of ``dyad`` read from a snapshot file."""
    from dyadwatch.report import build_dossier

    with Store(snapshot, read_only=True) as store:
        context = dossier_context(build_dossier(store, *dyad.split("-")))
    context["doc_href"] = "/doc/"
    return render("dyad.html.j2", **context).encode()


#: Child processes drawing dyad pages: every core but the one the server runs on.
BUILDERS = max(1, (os.cpu_count() or 2) - 1)


class Builder:
    """Builds dyad pages in child processes.

    Drawing a big dyad's charts takes seconds in vl-convert, which holds the interpreter
    lock while it draws: in the server process every other request would wait behind it.
    Child processes (started on first use, :data:`BUILDERS` of them) draw instead, reading
    the same snapshot file read-only. The route awaits the build without holding one of the
    server's threads, and asks for the same page at once share one build."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        self._running: dict[tuple[int, str], Future[bytes]] = {}

    def submit(self, snap: Snapshot, dyad: str) -> Future[bytes]:
        key = (snap.number, dyad)
        with self._lock:
            running = self._running.get(key)
            if running is not None:
                return running
            if self._pool is None:
                self._pool = ProcessPoolExecutor(BUILDERS, mp_context=mp.get_context("spawn"))
            future = self._pool.submit(dyad_page_html, str(snap.files[0]), dyad)
            self._running[key] = future
        future.add_done_callback(lambda _: self._forget(key))
        return future

    def _forget(self, key: tuple[int, str]) -> None:
        with self._lock:
            self._running.pop(key, None)

    def close(self) -> None:
        with self._lock:
            if self._pool is not None:
                self._pool.shutdown(cancel_futures=True)
                self._pool = None
            self._running.clear()


BUILDER = Builder()


class SecurityHeaders:
    """Adds :data:`HEADERS` to every response (errors and static files included).

    A plain ASGI middleware: it edits the response's start message and passes the body on
    as it comes, in one piece with its headers."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for key, value in HEADERS.items():
                    headers.setdefault(key, value)
            await send(message)

        await self.app(scope, receive, with_headers)


def _span(mark: str | None) -> tuple[int, int] | None:
    """``"START-END"`` (character offsets) as a pair, None when absent."""
    if not mark:
        return None
    found = re.fullmatch(r"(\d{1,9})-(\d{1,9})", mark)
    if found is None or int(found[1]) >= int(found[2]):
        raise BadQuery(f"mark must be START-END with START < END, not {mark[:24]!r}")
    return int(found[1]), int(found[2])


def app_from_env() -> FastAPI:
    """The application of one worker process of ``dyadwatch serve --workers N``: uvicorn
    starts workers from an import string, so the store's path comes in the environment."""
    db = os.environ.get("DYADWATCH_SERVE_DB")
    if not db:
        raise StoreError("DYADWATCH_SERVE_DB is not set: start the server with 'dyadwatch serve'")
    return create_app(db, poll=float(os.environ.get("DYADWATCH_SERVE_POLL", POLL)))


def _json(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, default=str).encode()


def _errors(app: FastAPI) -> None:
    """Errors become 4xx answers with a message: JSON under /api, a page elsewhere."""

    def answer(request: Request, status: int, message: str) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": message}, status_code=status)
        return page("error.html.j2", status, status=status, message=message)

    @app.exception_handler(DyadwatchError)
    async def known(request: Request, exc: DyadwatchError) -> Response:
        if isinstance(exc, NotFound | UnknownCountry):
            status = 404
        elif isinstance(exc, BadQuery):
            status = 400
        else:
            status = 503  # the store cannot answer (no search index yet, …)
        return answer(request, status, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', 'invalid')}"
            for e in exc.errors()
        )
        return answer(request, 422, f"invalid parameter: {problems}")

    app.add_middleware(SecurityHeaders)


def _api(app: FastAPI, read: Callable[..., Any]) -> None:
    """The JSON routes, each one call of a shared library function."""

    @app.get("/api/dyads", tags=["dyads"])
    def dyads(limit: Annotated[int, Query(ge=1, le=browse.MAX_PAGE)] = 50) -> Any:
        """Dyads ranked by activity: fused events, event mentions, sentences, documents,
        independent sources and the latest index (as ``dyadwatch dyads``)."""
        return read(browse.dyad_overview, limit)

    @app.get("/api/dyads/{dyad}", tags=["dyads"])
    def dyad(dyad: DyadParam) -> Any:
        """A dyad's summary: counts, date span, PLOVER categories and latest index."""
        return read(browse.dyad_summary, browse.resolve_dyad(dyad))

    @app.get("/api/dyads/{dyad}/index", tags=["dyads"])
    def index(dyad: DyadParam) -> Any:
        """The dyad's cooperation index by period (Goldstein scale, −10 … +10)."""
        return read(browse.index_series, browse.resolve_dyad(dyad))

    @app.get("/api/dyads/{dyad}/events", tags=["events"])
    def events(
        dyad: DyadParam,
        since: Annotated[str | None, Query(max_length=10, description="1987, 1987-03 …")] = None,
        until: Annotated[str | None, Query(max_length=10, description="Included.")] = None,
        category: Annotated[str | None, Query(max_length=40, description="PLOVER.")] = None,
        domain: Annotated[str | None, Query(max_length=40)] = None,
        min_sources: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
        cursor: Annotated[str | None, Query(max_length=400)] = None,
        limit: Annotated[int, Query(ge=1, le=browse.MAX_PAGE)] = 50,
    ) -> Any:
        """Fused events of the dyad in date order, filtered; ``next_cursor`` pages on."""
        return read(
            browse.fused_events,
            browse.resolve_dyad(dyad),
            since=since,
            until=until,
            category=category,
            domain=domain,
            min_sources=min_sources,
            cursor=cursor,
            limit=limit,
        )

    @app.get("/api/events/{fused_id}", tags=["events"])
    def event(fused_id: Id) -> Any:
        """One fused event with its evidence: document, span, quote and lineage group."""
        return read(browse.event_detail, fused_id)

    @app.get("/api/dyads/{dyad}/figures", tags=["figures"])
    def figures(dyad: DyadParam) -> Any:
        """Figures cited about the dyad, and the contradictions and differences among them."""
        return read(browse.figures, browse.resolve_dyad(dyad))

    @app.get("/api/dyads/{dyad}/irritants", tags=["dyads"])
    def irritants(dyad: DyadParam) -> Any:
        """Irritants of the dyad with their quoted evidence."""
        return read(browse.irritants, browse.resolve_dyad(dyad))

    @app.get("/api/dyads/{dyad}/sources", tags=["sources"])
    def sources(
        dyad: DyadParam,
        limit: Annotated[int, Query(ge=1, le=browse.MAX_PAGE)] = 100,
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    ) -> Any:
        """Documents about the dyad with lineage group and reuse signals, and the derivation
        edges between them."""
        return read(browse.sources, browse.resolve_dyad(dyad), limit=limit, offset=offset)

    @app.get("/api/documents/{doc_id}", tags=["documents"])
    def get_document(doc_id: Id) -> Any:
        """A document's text, its actor, event and figure spans, and its removed lines."""
        return read(browse.document, doc_id)

    @app.get("/api/search", tags=["documents"])
    def search(
        q: Annotated[str, Query(min_length=1, max_length=400, description='Words or "a phrase".')],
        limit: Annotated[int, Query(ge=1, le=browse.MAX_PAGE)] = 20,
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    ) -> Any:
        """Full-text search over the documents (every word must appear; BM25 ranking)."""
        return read(browse.search, q, limit=limit, offset=offset)


def _pages(
    app: FastAPI,
    snaps: Snapshots,
    memo_of: Callable[[Snapshot], Memo],
    remember: Callable[[tuple[Any, ...], Callable[[Store, Snapshot], bytes]], bytes],
) -> None:
    """The dashboard: dyad list, dyad page, event, document, search and the API docs."""
    static = resources.files("dyadwatch.web").joinpath("static")
    app.mount("/static/web", StaticFiles(directory=str(static)), name="static")

    def html(key: tuple[Any, ...], make: Callable[[Store], str]) -> HTMLResponse:
        body = remember(("page", *key), lambda store, _: make(store).encode())
        return HTMLResponse(body)

    @app.get("/static/dossier.css", include_in_schema=False)
    def dossier_css() -> Response:
        return Response(asset("dossier.css"), media_type="text/css")

    @app.get("/static/dossier.js", include_in_schema=False)
    def dossier_js() -> Response:
        return Response(asset("dossier.js"), media_type="text/javascript")

    @app.get("/", include_in_schema=False)
    def home() -> Response:
        return html(
            ("home",), lambda store: render("dyads.html.j2", rows=browse.dyad_overview(store, 200))
        )

    @app.get("/dyad/{dyad}", include_in_schema=False)
    async def dyad_page(dyad: DyadParam) -> Response:
        key = browse.resolve_dyad(dyad)
        with snaps.reader() as (_, snap):
            memo = memo_of(snap)
            body = memo.peek(("page", "dyad", key))
            if body is None:
                body = await asyncio.wrap_future(BUILDER.submit(snap, key))
                memo.put(("page", "dyad", key), body)
        return HTMLResponse(body)

    @app.get("/event/{fused_id}", include_in_schema=False)
    def event_page(fused_id: Id) -> Response:
        return html(
            ("event", fused_id),
            lambda store: render("event.html.j2", e=browse.event_detail(store, fused_id)),
        )

    @app.get("/doc/{doc_id}", include_in_schema=False)
    def document_page(
        doc_id: Id,
        mark: Annotated[str | None, Query(max_length=24, description="START-END to mark.")] = None,
    ) -> Response:
        span = _span(mark)

        def make(store: Store) -> str:
            doc = browse.document(store, doc_id)
            return render("document.html.j2", doc=doc, parts=segments(doc, span))

        return html(("doc", doc_id, span), make)

    @app.get("/search", include_in_schema=False)
    def search_page(
        q: Annotated[str, Query(max_length=400)] = "",
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    ) -> Response:
        def make(store: Store) -> str:
            found = browse.search(store, q, limit=20, offset=offset) if q.strip() else None
            return render("search.html.j2", q=q, found=found, offset=offset)

        return html(("search", q, offset), make)

    @app.get("/docs", include_in_schema=False)
    def api_docs() -> Response:
        return HTMLResponse(render("api.html.j2", spec=app.openapi()))

    @app.get("/healthz", include_in_schema=False)
    def health() -> Response:
        snaps: Snapshots = app.state.snapshots
        return PlainTextResponse(f"ok, snapshot {snaps.swaps}")
