"""Rendering a dossier: one self-contained HTML page, Markdown with PNG charts beside it, or
the charts alone as PNG files.

HTML inlines every chart as SVG drawn by vl-convert, so the page loads nothing and reads
without JavaScript; a few lines of inline script only open the chronology entry a link
points to. Markdown refers to PNGs in a folder next to it (``<name>_files/``).
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from dyadwatch.report import charts
from dyadwatch.report.dossier import Dossier
from dyadwatch.report.evidence import plural

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|<>#])")
FORMATS = ("html", "md", "png")
BASIS = {
    "fused": "Events as the fuse stage merged them across sentences and documents.",
    "events": "Coded event mentions (the fuse stage has not run: mentions of one event on one "
    "date by the same actors are shown together).",
    "sentences": "No event is coded for this pair yet: the sentences about it, by the years "
    "they name.",
    "none": "",
}


def _md(text: object) -> str:
    """Escape text for Markdown: no stray markup, no broken table cells or lines."""
    flat = " ".join(str(text).split())
    return _MD_SPECIAL.sub(r"\\\1", flat)


@cache
def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("dyadwatch.report", "templates"),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default=False),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["md"] = _md
    env.filters["plural"] = plural
    return env


def _charts(d: Dossier) -> dict[str, charts.Chart]:
    found = dict(d.charts)
    if d.vs is not None and d.vs.chart is not None:
        found["compare"] = d.vs.chart
    return found


def dossier_context(
    dossier: Dossier, fmt: str = "html", *, assets: str | None = None
) -> dict[str, Any]:
    """What the dossier templates need: the dossier, its charts drawn (inline SVG for HTML,
    PNG paths for Markdown), the sources by number, and the page's own CSS and script.

    The dashboard renders its dyad page from the same context with a template that extends
    the dossier's."""
    found = _charts(dossier)
    if fmt == "html":
        images = {name: charts.to_svg(chart) for name, chart in found.items()}
    else:
        images = {name: f"{assets}/{name}.png" for name in found} if assets else {}
    return {
        "d": dossier,
        "charts": found,
        "images": images,
        "src": {s.number: s for s in dossier.sources},
        "basis": BASIS[dossier.chronology.basis],
        "css": asset("dossier.css"),
        "js": asset("dossier.js"),
        "doc_href": None,
    }


def asset(name: str) -> str:
    """A file shipped beside the dossier templates (its stylesheet and script)."""
    return resources.files("dyadwatch.report").joinpath("templates", name).read_text("utf-8")


def render(dossier: Dossier, fmt: str = "html", *, assets: str | None = None) -> str:
    """The dossier as one self-contained HTML page or a Markdown document.

    For Markdown, ``assets`` is the folder (relative to the document) that holds the chart
    PNGs; without it the charts are left out and a line says how to get them."""
    if fmt not in ("html", "md"):
        raise ValueError(f"cannot render a dossier as {fmt!r}: choose html or md")
    template = {"html": "dossier.html.j2", "md": "dossier.md.j2"}[fmt]
    return _env().get_template(template).render(dossier_context(dossier, fmt, assets=assets))


def write_report(dossier: Dossier, fmt: str, target: Path) -> list[Path]:
    """Write the dossier and return the files written.

    ``html``: one file. ``md``: the document and its charts in ``<stem>_files/`` beside it.
    ``png``: ``target`` is a folder; one PNG per chart, named ``<dyad>-<chart>.png``."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if fmt == "png":
        target.mkdir(parents=True, exist_ok=True)
        return [
            _write_png(target / f"{dossier.dyad}-{name}.png", chart)
            for name, chart in _charts(dossier).items()
        ]
    target.parent.mkdir(parents=True, exist_ok=True)
    written = []
    assets: str | None = None
    if fmt == "md":
        folder = target.with_name(f"{target.stem}_files")
        found = _charts(dossier)
        if found:
            folder.mkdir(exist_ok=True)
            assets = folder.name
            written += [_write_png(folder / f"{n}.png", c) for n, c in found.items()]
    target.write_text(render(dossier, fmt, assets=assets), encoding="utf-8")
    return [target, *written]


def _write_png(path: Path, chart: charts.Chart) -> Path:
    path.write_bytes(charts.to_png(chart))
    return path
