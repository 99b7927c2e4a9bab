"""HTML and Markdown dossiers per dyad, built from the store."""

from dyadwatch.report.dossier import Dossier, build_dossier, store_summary
from dyadwatch.report.render import render

__all__ = ["Dossier", "build_dossier", "render", "store_summary"]
