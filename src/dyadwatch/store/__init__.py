"""DuckDB schema and queries: the one module that touches the database file."""

from dyadwatch.store.db import EXPORT_FORMATS, EXPORTABLE, Store

__all__ = ["EXPORTABLE", "EXPORT_FORMATS", "Store"]
