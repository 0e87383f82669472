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


@contextmanager
def project_lock(root: Path, *, timeout: Optional[float] = None, quiet: bool = False) -> Iterator[None]:
    """Hold the project's write lock; a second writer waits, then fails with exit 2."""
    path = lock_file(root)
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
        try:
            lock.acquire(timeout=wait)
        except Timeout:
            raise InputError(
                f"another claimtrack command held the write lock for over {wait:g} s; try again",
                path,
            ) from None
    try:
        yield
    finally:
        lock.release()
