"""Rendering a dossier to self-contained HTML or Markdown with Jinja2 templates."""

from __future__ import annotations

import re
from functools import cache

import jinja2

from dyadwatch.report.dossier import Dossier

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|<>#])")


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
    return env


def render(dossier: Dossier, fmt: str = "html") -> str:
    """The dossier as one self-contained HTML page or a Markdown document."""
    name = {"html": "dossier.html.j2", "md": "dossier.md.j2"}[fmt]
    return _env().get_template(name).render(d=dossier)
