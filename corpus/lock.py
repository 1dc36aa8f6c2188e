"""One writer at a time in a data folder: the ingest lock.

An ingest writes units and builds an index; two at once deleted each other's builds and
left ``CURRENT`` naming a deleted one. Every writer (``run_ingest``, ``build_index``) holds an
exclusive ``fcntl.flock`` on ``<index folder>/ingest.lock`` for its whole run. The kernel
drops the lock when the process dies, so a killed ingest never leaves the folder locked.

The lock is re-entrant within a process (``qa.build.ingest_and_index`` holds it and calls
``run_ingest`` and ``build_index``, which take it again), and while it is held no other process can be writing a build: that
is what lets garbage collection delete every build it does not keep.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

LOCK_FILE = "ingest.lock"


class IngestBusy(RuntimeError):
    """Another process holds the ingest lock; the message is Indonesian."""

    def __init__(self, folder: Path, holder: str):
        who = f" ({holder})" if holder else ""
        super().__init__(
            f"ingest lain sedang berjalan pada folder data {folder}{who}; ingest ini tidak dijalankan "
            "agar indeks tidak rusak. Tunggu sampai selesai, atau ulangi dengan --wait untuk menunggu otomatis"
        )


_held: dict[Path, tuple[int, int]] = {}  # lock file -> (fd, depth) in this process
_guard = threading.RLock()


def held(folder: Path) -> bool:
    """Whether this process holds the ingest lock of ``folder``."""
    return (Path(folder).resolve() / LOCK_FILE) in _held


@contextlib.contextmanager
def ingest_lock(folder: Path, wait: bool = False, poll: float = 0.2) -> Iterator[None]:
    """Hold the ingest lock of ``folder`` (the index folder) for the block.

    Raises :class:`IngestBusy` at once when another process holds it, unless ``wait``: then
    waits for it, however long the other run takes.
    """
    folder = Path(folder).resolve()
    path = folder / LOCK_FILE
    with _guard:
        if path in _held:
            fd, depth = _held[path]
            _held[path] = (fd, depth + 1)
            reentered = True
        else:
            reentered = False
    if not reentered:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if not wait:
                        raise IngestBusy(folder.parent, _holder(path)) from None
                    time.sleep(poll)
            os.ftruncate(fd, 0)
            os.write(fd, f"pid {os.getpid()}, mulai {time.strftime('%Y-%m-%d %H:%M:%S')}".encode())
        except BaseException:
            os.close(fd)
            raise
        with _guard:
            _held[path] = (fd, 1)
    try:
        yield
    finally:
        with _guard:
            fd, depth = _held[path]
            if depth > 1:
                _held[path] = (fd, depth - 1)
            else:
                del _held[path]
                os.close(fd)  # closing the last descriptor releases the flock


def _holder(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8").strip()
    except OSError:
        return ""
