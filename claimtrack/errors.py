"""Errors that reach the user as one line: ``file:line: message``, exit 2."""

from __future__ import annotations

from pathlib import Path
from typing import Optional, Union


class InputError(Exception):
    """Bad input a user can fix: a missing, empty, binary or malformed file."""

    def __init__(
        self,
        message: str,
        path: Optional[Union[str, Path]] = None,
        line: Optional[int] = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        where = self.path or ""
        if where and self.line:
            where += f":{self.line}"
        return f"{where}: {self.message}" if where else self.message


class UsageError(InputError):
    """A command-line usage problem (unknown id, bad option value)."""
