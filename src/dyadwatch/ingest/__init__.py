"""Ingest: turn input files (text, HTML, JSONL, WARC, RSS/Atom) into RawDocuments and Rejects.

``discover`` expands what the user named into files, ``read_file`` reads one file, and
``parse_bytes`` parses bytes already in memory (no file I/O, so it can run on workers).
"""

from dyadwatch.ingest.discover import SUPPORTED, discover
from dyadwatch.ingest.readers import parse_bytes, read_file

__all__ = ["SUPPORTED", "discover", "parse_bytes", "read_file"]
