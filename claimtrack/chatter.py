"""How much a command says on stderr besides its output and its errors: ``--quiet`` / ``--verbose``.

Three levels, set once by the top-level options before the command runs:
quiet (errors and the output asked for only: no notes such as "wrote 12
references to refs.bib", no progress bars), normal, and verbose (also where the
project root and its settings were found).  Errors are always printed.  Kept
free of typer, rich and pydantic: the quick path imports it.
"""

from __future__ import annotations

import os
import sys

QUIET, NORMAL, VERBOSE = 0, 1, 2
_level = NORMAL


def set_level(level: int) -> None:
    global _level
    _level = level


def level() -> int:
    return _level


def note(message: str) -> None:
    """An informational line (not an error, not the output): hidden by --quiet."""
    if _level >= NORMAL:
        print(f"claimtrack: {message}", file=sys.stderr)


def detail(message: str) -> None:
    """A line only --verbose shows."""
    if _level >= VERBOSE:
        print(f"claimtrack: {message}", file=sys.stderr)


def progress_wanted() -> bool:
    """A progress bar: on a terminal, outside CI, without NO_COLOR, unless --quiet."""
    try:
        tty = sys.stderr.isatty()
    except (AttributeError, ValueError):
        tty = False
    return _level >= NORMAL and tty and not os.environ.get("CI") and "NO_COLOR" not in os.environ
