"""Answers kept per snapshot: a snapshot never changes, so an answer computed from it stays
right until the next one is swapped in.

The memo is bounded (entries and bytes, least recently used out first). When several
requests ask the same question at once, one computes and the others wait for its answer,
so a page that takes seconds to build (a big dyad's dossier) is built once, not once per
request. A question whose computation fails is not kept: each asker gets the error.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

#: Answers kept per snapshot, and their total size.
MAX_ENTRIES = 4096
MAX_BYTES = 256 * 1024 * 1024


class Memo:
    """The answers of one snapshot, by question."""

    def __init__(self, max_entries: int = MAX_ENTRIES, max_bytes: int = MAX_BYTES) -> None:
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self._lock = threading.Lock()
        self._kept: OrderedDict[Hashable, bytes] = OrderedDict()
        self._pending: dict[Hashable, threading.Event] = {}
        self.size = 0
        self.hits = self.misses = 0

    def get(self, key: Hashable, make: Callable[[], bytes]) -> bytes:
        """The answer to ``key``, computed by ``make`` unless kept or being computed."""
        with self._lock:
            kept = self._kept.get(key)
            if kept is not None:
                self._kept.move_to_end(key)
                self.hits += 1
                return kept
            waiting = self._pending.get(key)
            if waiting is None:
                self._pending[key] = threading.Event()
        if waiting is not None:
            waiting.wait()
            with self._lock:
                kept = self._kept.get(key)
            if kept is not None:
                self.hits += 1
                return kept
            return make()  # the first asker failed: compute again to give this one the error
        try:
            value = make()
            with self._lock:
                self.misses += 1
                self._keep(key, value)
        finally:
            with self._lock:
                self._pending.pop(key).set()
        return value

    def peek(self, key: Hashable) -> bytes | None:
        """The kept answer to ``key``, if any (never computes)."""
        with self._lock:
            kept = self._kept.get(key)
            if kept is not None:
                self._kept.move_to_end(key)
                self.hits += 1
            return kept

    def put(self, key: Hashable, value: bytes) -> None:
        """Keep an answer computed elsewhere."""
        with self._lock:
            if key not in self._kept:
                self.misses += 1
                self._keep(key, value)

    def _keep(self, key: Hashable, value: bytes) -> None:
        if len(value) > self.max_bytes // 4:
            return  # one answer may not push out most of the others
        self._kept[key] = value
        self.size += len(value)
        while len(self._kept) > self.max_entries or self.size > self.max_bytes:
            _, old = self._kept.popitem(last=False)
            self.size -= len(old)
