"""Reading a store while another process writes it: private snapshots, swapped whole.

DuckDB lets one process write a database file, and a process that holds the file open, even
read-only, keeps a writer out. A server that reads the store a user is adding to with
``dyadwatch analyze`` therefore never opens that file for long. It reads a private copy
(a snapshot) and, when the file has changed and no writer holds it, copies it again and swaps
the new copy in:

1. The file's identity, size and modification time (and its write-ahead log's, if any) say
   whether it changed since the last copy.
2. A shared POSIX lock, the kind DuckDB takes for a reader, is tried without waiting. While
   ``analyze`` runs it holds an exclusive lock, the try fails, and the old snapshot stays in
   service. Once it succeeds no writer can start until the copy is done (a writer that
   starts meanwhile waits for the lock, see :data:`dyadwatch.store.db.WRITER_WAIT`), so the
   copy is of a closed, consistent database.
3. The copy is opened read-only, checked, and swapped in under a lock. Requests hold the
   snapshot they started with until they end; the last one out closes a retired snapshot
   and deletes its files.

Old data is served until a run ends; the new data from the first refresh after it.
"""

from __future__ import annotations

import fcntl
import itertools
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from dyadwatch.errors import StoreError
from dyadwatch.store.db import Store

#: Seconds between checks for a changed store.
POLL = 1.0

Stamp = tuple[int, ...]


@dataclass(eq=False)
class Snapshot:
    """One private, read-only copy of the store and the requests reading it."""

    number: int
    files: list[Path]
    stamp: Stamp
    con: duckdb.DuckDBPyConnection
    users: int = 0
    retired: bool = False

    def close(self) -> None:
        self.con.close()
        for f in self.files:
            f.unlink(missing_ok=True)


def _stamp(path: Path) -> Stamp | None:
    """What changes when the file (or its write-ahead log) is written; None if absent."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    wal = Path(f"{path}.wal")
    ws = wal.stat() if wal.exists() else None
    return (st.st_ino, st.st_size, st.st_mtime_ns) + (
        (ws.st_size, ws.st_mtime_ns) if ws else (0, 0)
    )


class Snapshots:
    """The snapshot in service for one store file, refreshed when the file changes."""

    def __init__(
        self, path: str | Path, workdir: str | Path | None = None, *, threads: int = 1
    ) -> None:
        """``threads`` is DuckDB's parallelism per query: a server answers many small
        queries at once, better each on one thread than all contending for every core."""
        self.path = Path(path)
        self.threads = threads
        if not self.path.exists():
            raise StoreError(
                f"no database at {self.path}: run 'dyadwatch analyze PATH --db {self.path}' first"
            )
        self._own_dir = workdir is None
        self.workdir = Path(workdir or tempfile.mkdtemp(prefix="dyadwatch-snapshots-"))
        self.workdir.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._numbers = itertools.count(1)
        self._current: Snapshot | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.swaps = 0
        """How many snapshots have been taken."""

    # -- taking snapshots ---------------------------------------------------------------

    def refresh(self) -> bool:
        """Take a new snapshot if the store changed and no writer holds it; True if taken."""
        stamp = _stamp(self.path)
        current = self._current
        if stamp is None or (current is not None and current.stamp == stamp):
            return False
        number = next(self._numbers)
        target = self.workdir / f"snapshot-{number}.duckdb"
        files = [target, Path(f"{target}.wal")]
        try:
            with open(self.path, "rb") as fh:
                try:
                    fcntl.lockf(fh, fcntl.LOCK_SH | fcntl.LOCK_NB)
                except OSError:
                    return False  # a writer holds the store: keep the snapshot in service
                try:
                    stamp = _stamp(self.path) or stamp
                    shutil.copyfile(self.path, target)
                    wal = Path(f"{self.path}.wal")
                    if wal.exists():
                        shutil.copyfile(wal, files[1])
                finally:
                    fcntl.lockf(fh, fcntl.LOCK_UN)
            if files[1].exists():  # a run that died left a log: replay it into the copy
                duckdb.connect(str(target)).close()
            con = duckdb.connect(str(target), read_only=True, config={"threads": self.threads})
            con.execute("SELECT count(*) FROM documents").fetchone()
        except (OSError, duckdb.Error):
            for f in files:
                f.unlink(missing_ok=True)
            return False
        self._swap(Snapshot(number, files, stamp, con))
        return True

    def _swap(self, snap: Snapshot) -> None:
        with self._lock:
            old, self._current = self._current, snap
            self.swaps += 1
            if old is not None:
                old.retired = True
                if old.users == 0:
                    old.close()

    def wait_first(self, timeout: float | None = None) -> None:
        """Block until a first snapshot is taken (a writer may hold the store at start)."""
        waited = 0.0
        while not self.refresh() and self._current is None:
            if timeout is not None and waited >= timeout:
                raise StoreError(
                    f"{self.path} stayed locked by a writer for {timeout:.0f} s: try again"
                    " when its run ends"
                )
            if self._stop.wait(0.2):
                raise StoreError("stopped before a first snapshot was taken")
            waited += 0.2

    # -- reading ------------------------------------------------------------------------

    @contextmanager
    def reader(self) -> Iterator[tuple[Store, Snapshot]]:
        """A store reading the snapshot in service, held until the block ends."""
        with self._lock:
            snap = self._current
            if snap is None:
                raise StoreError(f"no snapshot of {self.path} yet")
            snap.users += 1
            cursor = snap.con.cursor()
        try:
            yield Store.on(cursor, str(self.path)), snap
        finally:
            cursor.close()
            with self._lock:
                snap.users -= 1
                if snap.retired and snap.users == 0:
                    snap.close()

    # -- the refresh thread -------------------------------------------------------------

    def start(self, interval: float = POLL) -> None:
        """Check for a changed store every ``interval`` seconds in a background thread."""

        def loop() -> None:
            while not self._stop.wait(interval):
                self.refresh()

        self._thread = threading.Thread(target=loop, name="dyadwatch-snapshots", daemon=True)
        self._thread.start()

    def close(self) -> None:
        """Stop refreshing, close the snapshot in service and delete the copies."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        with self._lock:
            snap, self._current = self._current, None
            if snap is not None:
                snap.retired = True
                if snap.users == 0:
                    snap.close()
        if self._own_dir:
            shutil.rmtree(self.workdir, ignore_errors=True)
        elif not any(self.workdir.iterdir()):
            os.rmdir(self.workdir)
