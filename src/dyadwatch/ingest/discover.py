"""Turn what the user named (files, directories, glob patterns) into the files to read."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator, Sequence
from typing import Literal

from dyadwatch.errors import NoInput
from dyadwatch.model import Reject

__all__ = ["SUPPORTED", "Kind", "discover", "kind_of", "suffix_of"]

Kind = Literal["text", "html", "jsonl", "warc", "feed", "xml"]
"""What a file holds, by its extension; ``xml`` is read when it turns out to be a feed."""

_KINDS: dict[str, Kind] = {
    ".txt": "text",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".warc": "warc",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "xml",
}
SUPPORTED: tuple[str, ...] = (*_KINDS, *(f"{ext}.gz" for ext in _KINDS))
"""The extensions read, each also gzip-compressed (``.jsonl.gz``, ``.warc.gz`` …)."""

_GLOB_CHARS = frozenset("*?[")


def kind_of(path: str) -> tuple[Kind, bool] | None:
    """The kind of file ``path`` names and whether it is gzip-compressed, or None if unknown."""
    name = os.path.basename(path).lower()
    compressed = name.endswith(".gz")
    if compressed:
        name = name[: -len(".gz")]
    kind = _KINDS.get(os.path.splitext(name)[1])
    return None if kind is None else (kind, compressed)


def suffix_of(path: str) -> str:
    """The extension as a user would name it: ``.xyz``, ``.tar.gz``, or '' for none."""
    name = os.path.basename(path).lower()
    stem, ext = os.path.splitext(name)
    if ext == ".gz":
        ext = os.path.splitext(stem)[1] + ext
    return ext


def discover(targets: Sequence[str]) -> Iterator[str | Reject]:
    """The files to read under ``targets`` (files, directories, glob patterns), in order.

    A file named explicitly is always yielded, so that the reader can say why it cannot read
    it. Directories are walked recursively, and glob matches filtered, keeping only the
    extensions in ``SUPPORTED`` and skipping hidden files and folders. A target that does not
    exist, or matches nothing readable, becomes a Reject. Each file is yielded once.
    """
    if isinstance(targets, str):
        targets = [targets]
    if not targets:
        raise NoInput(
            "no input given: name a file, a directory or a glob pattern such as 'news/*.jsonl'"
        )
    return _discover(list(targets))


def _discover(targets: list[str]) -> Iterator[str | Reject]:
    seen: set[str] = set()
    for target in targets:
        for item in _expand(os.path.expanduser(target)):
            if isinstance(item, Reject):
                yield item
                continue
            key = os.path.realpath(item)
            if key not in seen:
                seen.add(key)
                yield item


def _expand(target: str) -> Iterator[str | Reject]:
    if os.path.isfile(target):
        yield target
    elif os.path.isdir(target):
        found = list(_walk(target))
        if not found:
            yield Reject(target, f"no supported files in directory (looked for {_looked_for()})")
        yield from found
    elif _GLOB_CHARS & set(target):
        yield from _glob(target)
    elif os.path.lexists(target):
        yield Reject(target, "not a file or a directory")
    else:
        yield Reject(target, "no such file or directory")


def _glob(pattern: str) -> Iterator[str | Reject]:
    matches = sorted(glob.glob(pattern, recursive=True))
    if not matches:
        yield Reject(pattern, "no files match this pattern")
        return
    found: list[str] = []
    for match in matches:
        if os.path.isdir(match):
            found.extend(_walk(match))
        elif os.path.isfile(match) and kind_of(match) is not None:
            found.append(match)
    if not found:
        yield Reject(
            pattern,
            f"pattern matches {len(matches)} path(s) but no supported files "
            f"(looked for {_looked_for()})",
        )
    yield from found


def _walk(folder: str) -> Iterator[str]:
    """Supported, non-hidden files under ``folder``, sorted, without following symlinked dirs."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = os.path.join(root, name)
            if not name.startswith(".") and kind_of(name) is not None and os.path.isfile(path):
                yield path


def _looked_for() -> str:
    return ", ".join(_KINDS) + ", each optionally .gz"
