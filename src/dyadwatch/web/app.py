"""The FastAPI application: a read-only JSON API under ``/api`` and dashboard pages.

Every route opens the snapshot in service (see :mod:`dyadwatch.store.snapshot`), calls one
function of :mod:`dyadwatch.report.browse` or the dossier builder, the same functions the
command line calls, and returns its answer as JSON or renders it into a page. Parameters
reach SQL only as bound values. Pages escape all article text (Jinja autoescaping), load
nothing from outside the server, and are sent with a Content-Security-Policy that allows
scripts and styles from the server alone.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import jinja2
from fastapi import FastAPI, Query, Request, Response
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse
from fastapi.staticfiles import StaticFiles

from dyadwatch import __version__
from dyadwatch.errors import BadQuery, DyadwatchError, NotFound, UnknownCountry
from dyadwatch.report import browse
from dyadwatch.report.evidence import plural
from dyadwatch.report.render import asset, dossier_context
from dyadwatch.store import Store
from dyadwatch.store.snapshot import POLL, Snapshot, Snapshots
from dyadwatch.web.highlight import segments

__all__ = ["CSP", "create_app"]

log = logging.getLogger("dyadwatch.web")

#: Scripts, styles and images from this server only; no plugin, frame, form target or base
#: elsewhere. Charts are inline SVG, so no script is needed to draw them.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
    " connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
#: Dossier pages kept per snapshot (a big dyad takes seconds to build).
PAGES_KEPT = 16

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
    html = _env().get_template(template).render(version=__version__, **context)
    return HTMLResponse(html, status_code=code)


def create_app(
    db: str | Path, *, poll: float = POLL, snapshots: str | Path | None = None
) -> FastAPI:
    """The application serving the store at ``db``, re-read every ``poll`` seconds when it
    has changed. ``snapshots`` is the folder for private copies (a temporary one by default)."""
    snaps = Snapshots(db, snapshots)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        snaps.wait_first()
        snaps.start(poll)
        log.info("serving %s", snaps.path)
        yield
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

    @contextmanager
    def reading() -> Iterator[tuple[Store, Snapshot]]:
        with snaps.reader() as (store, snap):
            yield store, snap

    def read(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        with reading() as (store, _):
            return fn(store, *args, **kwargs)

    _errors(app)
    _api(app, read)
    _pages(app, reading, read)
    return app


def _errors(app: FastAPI) -> None:
    """Errors become 4xx answers with a message: JSON under /api, a page elsewhere."""

    def answer(request: Request, status: int, message: str) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": message}, status_code=status)
        return page("error.html.j2", status, status=status, message=message)

    @app.exception_handler(DyadwatchError)
    async def known(request: Request, exc: DyadwatchError) -> Response:
        status = 404 if isinstance(exc, NotFound | UnknownCountry) else 400
        if not isinstance(exc, BadQuery | NotFound | UnknownCountry):
            status = 503
        return answer(request, status, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', 'invalid')}"
            for e in exc.errors()
        )
        return answer(request, 422, f"invalid parameter: {problems}")

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        for key, value in HEADERS.items():
            response.headers.setdefault(key, value)
        return response


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
    reading: Callable[[], Any],
    read: Callable[..., Any],
) -> None:
    """The dashboard: dyad list, dyad page, event, document, search and the API docs."""
    static = resources.files("dyadwatch.web").joinpath("static")
    app.mount("/static/web", StaticFiles(directory=str(static)), name="static")

    @app.get("/static/dossier.css", include_in_schema=False)
    def dossier_css() -> Response:
        return Response(asset("dossier.css"), media_type="text/css")

    @app.get("/static/dossier.js", include_in_schema=False)
    def dossier_js() -> Response:
        return Response(asset("dossier.js"), media_type="text/javascript")

    @app.get("/", include_in_schema=False)
    def home() -> Response:
        rows = read(browse.dyad_overview, 200)
        return page("dyads.html.j2", rows=rows)

    @app.get("/dyad/{dyad}", include_in_schema=False)
    def dyad_page(dyad: DyadParam) -> Response:
        from dyadwatch.report import build_dossier

        key = browse.resolve_dyad(dyad)
        with reading() as (store, snap):
            html = snap.cache.get(("dyad", key))
            if html is None:
                d = build_dossier(store, *key.split("-"))
                context = dossier_context(d)
                context["doc_href"] = "/doc/"
                html = _env().get_template("dyad.html.j2").render(version=__version__, **context)
                pages = [k for k in snap.cache if isinstance(k, tuple) and k[0] == "dyad"]
                if len(pages) >= PAGES_KEPT:
                    snap.cache.pop(pages[0], None)
                snap.cache[("dyad", key)] = html
        return HTMLResponse(html)

    @app.get("/event/{fused_id}", include_in_schema=False)
    def event_page(fused_id: Id) -> Response:
        return page("event.html.j2", e=read(browse.event_detail, fused_id))

    @app.get("/doc/{doc_id}", include_in_schema=False)
    def document_page(doc_id: Id) -> Response:
        doc = read(browse.document, doc_id)
        return page("document.html.j2", doc=doc, parts=segments(doc))

    @app.get("/search", include_in_schema=False)
    def search_page(
        q: Annotated[str, Query(max_length=400)] = "",
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    ) -> Response:
        found = read(browse.search, q, limit=20, offset=offset) if q.strip() else None
        return page("search.html.j2", q=q, found=found, offset=offset)

    @app.get("/docs", include_in_schema=False)
    def api_docs() -> Response:
        return page("api.html.j2", spec=app.openapi())

    @app.get("/healthz", include_in_schema=False)
    def health() -> Response:
        snaps: Snapshots = app.state.snapshots
        return PlainTextResponse(f"ok, snapshot {snaps.swaps}")
