"""HTML and Markdown dossiers per dyad, built from the store, with charts drawn offline."""

from dyadwatch.report.compare import build_comparison, dyad_overview, overview_text
from dyadwatch.report.dossier import Dossier, build_dossier, store_summary
from dyadwatch.report.render import render, write_report

__all__ = [
    "Dossier",
    "build_comparison",
    "build_dossier",
    "dyad_overview",
    "overview_text",
    "render",
    "store_summary",
    "write_report",
]
