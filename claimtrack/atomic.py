"""Atomic file writes: a reader sees the old file or the new one, never half."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_text(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` atomically; return False if it was unchanged."""
    path = Path(path)
    try:
        if path.read_text(encoding="utf-8") == text:
            return False
    except (FileNotFoundError, UnicodeDecodeError):
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def write_output(path: Path, text: str) -> None:
    """A command's ``-o FILE``: written atomically, and only into a folder that exists.

    A mistyped ``-o /nonexistent/dir/x.bib`` is an error, not a new folder tree.
    """
    from .errors import UsageError

    path = Path(path)
    if path.is_dir():
        raise UsageError(f"-o {path}: is a directory; give a file name")
    if not path.parent.is_dir():
        raise UsageError(f"-o {path}: no such directory: {path.parent}")
    write_text(path, text)
