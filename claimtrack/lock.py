"""The project's write lock: one writer at a time, readers never wait.

Every command that changes records (ingest, refs import, links archive --write,
review edits, enrichment, refs check --write) holds this lock around its whole
read-modify-write, so two writers cannot interleave.  Readers do not take it:
every file is replaced atomically (``atomic.write_text``), so a reader sees the
old file or the new one.  The lock file lives in the derived ``.claimtrack/``
folder (never committed); ``filelock`` uses an OS-level lock, released by the
kernel if the process dies, so a killed writer never leaves a stale lock.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Optional

from filelock import FileLock, Timeout

from .errors import InputError

DEFAULT_TIMEOUT = 60.0  # seconds a second writer waits before giving up


def lock_file(root: Path) -> Path:
    from .derived import derived_dir

    return derived_dir(Path(root)) / "write.lock"


# Locks this process holds, by lock file, with how deep: a writer that calls another
# writer (ingest importing a document's bibliography) must not wait for itself.
_HELD: dict[str, int] = {}


@contextmanager
def project_lock(root: Path, *, timeout: Optional[float] = None, quiet: bool = False) -> Iterator[None]:
    """Hold the project's write lock; a second writer waits, then fails with exit 2.

    Re-entrant within one process: an inner writer runs under the outer one's lock.
    """
    path = lock_file(root)
    key = str(path.resolve())
    if _HELD.get(key):
        _HELD[key] += 1
        try:
            yield
        finally:
            _HELD[key] -= 1
        return
    lock = FileLock(str(path))
    wait = DEFAULT_TIMEOUT if timeout is None else timeout
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if not quiet:
            print(
                "claimtrack: another claimtrack command is writing to this project; waiting "
                f"(up to {wait:g} s)...",
                file=sys.stderr,
            )
        _wait_for(lock, path, wait)
    _claim(path)
    _HELD[key] = 1
    try:
        yield
    finally:
        _HELD.pop(key, None)
        lock.release()


def _owner(path: Path) -> Path:
    return path.with_name(path.name + ".owner")


def _claim(path: Path) -> None:
    """Say who holds the lock now, so that waiters can tell a queue moving from a stuck writer."""
    import os
    import time
    from contextlib import suppress

    with suppress(OSError):  # only a hint for waiters
        _owner(path).write_text(f"{os.getpid()} {time.time_ns()}\n", "utf-8")


def _wait_for(lock: FileLock, path: Path, wait: float) -> None:
    """Wait until no single writer has held the lock for ``wait`` seconds, then give up.

    The clock restarts whenever the lock changes hands: several writers
    queued behind each other all get their turn, however long the queue.
    """
    import time

    def holder() -> str:
        try:
            return _owner(path).read_text("utf-8")
        except OSError:
            return ""

    seen, deadline = holder(), time.monotonic() + wait
    while True:
        try:
            lock.acquire(timeout=max(0.0, min(1.0, deadline - time.monotonic())))
            return
        except Timeout:
            now_holder = holder()
            if now_holder != seen:
                seen, deadline = now_holder, time.monotonic() + wait
            elif time.monotonic() >= deadline:
                raise InputError(
                    f"another claimtrack command held the write lock for over {wait:g} s; try again",
                    path,
                ) from None
