"""Writing several record files as one change: all of them, or none.

``atomic.write_text`` makes one file old-or-new; a command that changes a
claims YAML and a ``.bib`` file needs both to change together, or the claims
cite keys that no reference holds.  A :class:`Transaction`:

1. stages every new file beside its target (``.NAME.XXXXXXXX.tmp``, flushed to
   disk), so a read-only folder or a full disk fails here, before any record
   changed, with an error naming the real file;
2. runs the caller's checks on the staged texts;
3. writes a journal (``.claimtrack/transaction.json``) naming every staged file
   and its target, then renames them into place, then deletes the journal.

A process killed during step 3 leaves the journal: the next claimtrack command
finishes the renames (:func:`recover`), so the project ends up all new.  Killed
before the journal exists, it leaves only stray temporary files, which the next
writer deletes: the project stays all old.  Writers hold the project lock
(:mod:`claimtrack.lock`) around the whole read-modify-write.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .errors import InputError

JOURNAL = "transaction.json"
# The temporary files of atomic.write_text and of staging: ".NAME." + mkstemp's 8 characters + ".tmp".
TEMP_NAME = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")
# Test hook for the fault suite: kill this process (SIGKILL) just before the Nth step of a commit.
_KILL_AT_ENV = "CLAIMTRACK_FAULT_KILL_AT_STEP"


def journal_path(root: Path) -> Path:
    from .derived import DIRNAME

    return Path(root) / DIRNAME / JOURNAL


def _rel(root: Path, path: Path) -> str:
    try:
        return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return str(path)


def os_error(exc: OSError, path: Path, root: Optional[Path] = None) -> InputError:
    """An OSError met while writing ``path``, told about ``path``, never about a temporary file."""
    reason = (exc.strerror or str(exc)).lower()
    if isinstance(exc, PermissionError) or exc.errno in (13, 30):  # EACCES, EROFS
        folder = _rel(root, path.parent) if root else str(path.parent)
        reason = f"cannot write: {reason} (is {folder}/ read-only?)"
    elif exc.errno in (27, 28, 122):  # EFBIG, ENOSPC, EDQUOT
        reason = f"cannot write: {reason} (the disk is full, or a file size limit was reached)"
    else:
        reason = f"cannot write: {reason}"
    shown = _rel(root, path) if root else str(path)
    return InputError(f"{reason}; nothing was changed", shown)


@dataclass
class _Staged:
    temp: Path
    target: Path
    text: str


@dataclass
class Transaction:
    """Files staged for one all-or-nothing change of a project's records."""

    root: Path
    staged: dict[Path, _Staged] = field(default_factory=dict)
    deletions: list[Path] = field(default_factory=list)
    checks: list[Callable[[], None]] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)  # targets replaced or deleted by commit

    def write(self, path: Path, text: str) -> bool:
        """Stage ``text`` for ``path``; False (nothing staged) if the file already holds it."""
        path = Path(path)
        with suppress(FileNotFoundError, UnicodeDecodeError, IsADirectoryError):
            if path.read_text(encoding="utf-8") == text:
                return False
        if path in self.staged:
            self.staged.pop(path).temp.unlink(missing_ok=True)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        except OSError as exc:
            raise os_error(exc, path, self.root) from None
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
            os.chmod(temp, mode)
        except OSError as exc:
            Path(temp).unlink(missing_ok=True)
            raise os_error(exc, path, self.root) from None
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        self.staged[path] = _Staged(Path(temp), path, text)
        return True

    def delete(self, path: Path) -> None:
        self.deletions.append(Path(path))

    def check(self, func: Callable[[], None]) -> None:
        """Run ``func`` after staging, before anything is renamed; it raises InputError to abort."""
        self.checks.append(func)

    def staged_text(self, path: Path) -> Optional[str]:
        item = self.staged.get(Path(path))
        return item.text if item else None

    @property
    def empty(self) -> bool:
        return not self.staged and not self.deletions

    def commit(self) -> None:
        for check in self.checks:
            check()
        if self.empty:
            return
        from .atomic import write_text
        from .derived import derived_dir

        derived_dir(self.root)
        journal = journal_path(self.root)
        entries = [
            {"temp": _rel(self.root, s.temp), "target": _rel(self.root, s.target)}
            for s in self.staged.values()
        ]
        entries += [{"delete": _rel(self.root, p)} for p in self.deletions]
        try:
            write_text(journal, json.dumps({"version": 1, "steps": entries}, indent=1) + "\n")
        except OSError as exc:
            raise os_error(exc, journal, self.root) from None
        _apply(self.root, entries)
        self.written = [s.target for s in self.staged.values()] + list(self.deletions)
        self.staged.clear()
        journal.unlink(missing_ok=True)

    def abort(self) -> None:
        for item in self.staged.values():
            item.temp.unlink(missing_ok=True)
        self.staged.clear()
        self.deletions.clear()


_steps_done = 0


def _fault_point() -> None:
    """The fault suite's kill switch (an environment variable; unset in real use)."""
    global _steps_done
    at = os.environ.get(_KILL_AT_ENV)
    if at is None:
        return
    _steps_done += 1
    if _steps_done == int(at):
        import signal

        os.kill(os.getpid(), signal.SIGKILL)


def _apply(root: Path, entries: list[dict[str, str]]) -> None:
    """Rename every staged file into place and delete what goes; safe to repeat after a crash."""
    folders: set[Path] = set()
    for entry in entries:
        _fault_point()
        if "delete" in entry:
            target = root / entry["delete"]
            target.unlink(missing_ok=True)
        else:
            temp, target = root / entry["temp"], root / entry["target"]
            if not temp.exists():  # renamed before a crash
                continue
            os.replace(temp, target)
        folders.add(target.parent)
    for folder in folders:  # make the renames durable, not only atomic
        with suppress(OSError):
            fd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)


@contextmanager
def transaction(root: Path) -> Iterator[Transaction]:
    """Stage writes in the block; commit them when it ends, or discard them if it raises."""
    txn = Transaction(Path(root))
    try:
        yield txn
        txn.commit()
    finally:
        txn.abort()


# -- recovery ------------------------------------------------------------------


def recover(root: Path, folders: list[Path]) -> bool:
    """Finish a commit a killed writer left half done; delete stray temporary files.

    Call with the project lock held.  Returns True if a commit was finished.
    """
    root = Path(root)
    finished = False
    journal = journal_path(root)
    if journal.exists():
        try:
            entries = json.loads(journal.read_text("utf-8"))["steps"]
        except (ValueError, KeyError, TypeError, OSError):
            entries = None  # torn journal: the commit never started (it is written atomically)
        if entries is not None:
            _apply(root, entries)
            finished = True
        journal.unlink(missing_ok=True)
    for folder in folders:
        for temp in _temp_files(folder):
            temp.unlink(missing_ok=True)
    return finished


def _temp_files(folder: Path) -> Iterator[Path]:
    if not folder.is_dir():
        return
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if TEMP_NAME.match(name):
                yield Path(dirpath) / name


def recover_if_abandoned(root: Path) -> None:
    """For readers: finish a commit whose writer died, without ever waiting for a live one."""
    if not journal_path(root).exists():
        return
    from filelock import FileLock, Timeout

    from .lock import lock_file

    lock = FileLock(str(lock_file(root)))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        return  # a live writer is committing; it will finish
    try:
        recover(root, [])
    finally:
        lock.release()
