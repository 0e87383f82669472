"""Errors a command can meet, turned into one line on stderr and an exit code.

Free of typer, so that the quick path of the lookups (:mod:`.quickcli`) and
the typer commands share it.  It ends the run with ``SystemExit``, which typer and
click let through unchanged (and ``typer.testing.CliRunner`` records).
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

from .errors import InputError

EXIT_INPUT = 2

F = TypeVar("F", bound=Callable[..., Any])


def error_exit(message: str) -> SystemExit:
    """Print a one-line error to stderr; the SystemExit (code 2) to raise."""
    print(f"claimtrack: error: {message}", file=sys.stderr)
    return SystemExit(EXIT_INPUT)


def handles_errors(func: F) -> F:
    """Turn InputError (and stray OSError) into a one-line message and exit 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except BrokenPipeError:
            # The reader went away (`claimtrack ... | head`): stop quietly, as a
            # program killed by SIGPIPE would.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise SystemExit(141) from None
        except InputError as exc:
            raise error_exit(str(exc)) from None
        except OSError as exc:
            raise error_exit(f"{exc.filename or ''}: {exc.strerror or exc}") from None
        except KeyboardInterrupt:
            print("claimtrack: interrupted", file=sys.stderr)
            raise SystemExit(130) from None

    return wrapper  # type: ignore[return-value]


def index_errors(func: F) -> F:
    """An index that cannot be read or written (disk full, locked too long): one line, exit 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        import sqlite3

        try:
            return func(*args, **kwargs)
        except sqlite3.Error as exc:
            raise InputError(
                f"lookup index: {exc} (it is derived: delete .claimtrack/index.sqlite to rebuild)"
            ) from None

    return wrapper  # type: ignore[return-value]
