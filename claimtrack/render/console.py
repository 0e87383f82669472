"""Where output goes decides its shape: rich on a terminal, plain text everywhere else.

On a terminal (stdout is a TTY and ``TERM`` is not ``dumb``) output is rich:
colour unless ``NO_COLOR`` is set, tables fitted to the window.  Anything else
(a file, a pipe, ``TERM=dumb``) gets plain text a script or an editor can use:
no escape codes, no wrapping at 80 columns (a URL stays on one line), tables
without borders with one record per line, and no trailing spaces.  Every
command prints through :func:`make_console`, so the rule holds for all of them.
"""

from __future__ import annotations

import os
import sys
from typing import IO, Any, Optional

from rich.console import Console
from rich.table import Table

# Wide enough that nothing a record holds is ever wrapped; lines are trimmed.
_UNBOUNDED = 1_000_000


def is_terminal(stream: Optional[IO[str]] = None) -> bool:
    stream = stream or sys.stdout
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        tty = False
    return tty and os.environ.get("TERM") != "dumb"


def color_wanted(stream: Optional[IO[str]] = None) -> bool:
    return is_terminal(stream) and "NO_COLOR" not in os.environ


class _TrimmedLines:
    """A text stream that drops the spaces rich pads lines with."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        self._pending = ""

    def write(self, text: str) -> int:
        lines = (self._pending + text).split("\n")
        self._pending = lines.pop()
        if lines:
            self._stream.write("".join(line.rstrip() + "\n" for line in lines))
        return len(text)

    def flush(self) -> None:
        if self._pending.strip():
            self._stream.write(self._pending.rstrip())
            self._pending = ""
        self._stream.flush()

    def isatty(self) -> bool:
        return False

    @property
    def encoding(self) -> str:
        return getattr(self._stream, "encoding", "utf-8") or "utf-8"

    def fileno(self) -> int:
        return self._stream.fileno()


def plain_table(table: Table) -> Table:
    """A table for plain output: no borders, no wrapping, one line a row."""
    table.box = None
    table.expand = False
    table.show_edge = False
    table.pad_edge = False
    table.title_justify = "left"
    table.caption_justify = "left"
    for column in table.columns:
        column.no_wrap = True
        column.overflow = "ignore"
        column.max_width = None
        column.ratio = None
    return table


def _longest_word(cell: Any) -> int:
    text = cell.plain if hasattr(cell, "plain") else cell if isinstance(cell, str) else ""
    return max((len(word) for word in text.split()), default=0)


def whole_words(table: Table) -> Table:
    """A terminal table whose cells break only between words: a citekey, id or URL is never cut.

    Each column is at least as wide as its longest word, and never cut with an
    ellipsis; a table that then needs more than the terminal's width is printed
    wider (the terminal wraps the line; a copied URL stays whole).
    """
    for column in table.columns:
        longest = max((_longest_word(cell) for cell in column.cells), default=0)
        if longest:
            column.min_width = max(column.min_width or 0, longest)
            if column.max_width is not None and column.max_width < longest:
                column.max_width = longest
            if column.overflow in ("ellipsis", "crop"):
                column.overflow = "fold"  # only a word longer than the column could fold, and none is
    return table


class TerminalConsole(Console):
    """A console for a terminal: rich, with tables that keep every word whole (see :func:`whole_words`)."""

    def print(self, *objects: Any, **kwargs: Any) -> None:
        for obj in objects:
            if isinstance(obj, Table):
                whole_words(obj)
                # the columns' least widths, their padding (1 each side) and the borders between them
                needed = sum(c.min_width or 1 for c in obj.columns) + 3 * len(obj.columns) + 1
                if needed > self.width:  # overflow rather than cut
                    super().print(obj, **{**kwargs, "width": needed, "crop": False})
                    continue
            super().print(obj, **kwargs)


class PlainConsole(Console):
    """A console for files and pipes (see the module's docstring)."""

    def print(self, *objects: Any, **kwargs: Any) -> None:
        kwargs.setdefault("soft_wrap", True)
        super().print(*(plain_table(o) if isinstance(o, Table) else o for o in objects), **kwargs)
        self.file.flush()


def make_console(stderr: bool = False) -> Console:
    """The console every command prints through: rich on a terminal, plain elsewhere."""
    stream = sys.stderr if stderr else sys.stdout
    if is_terminal(stream):
        return TerminalConsole(stderr=stderr, no_color="NO_COLOR" in os.environ, highlight=False)
    return PlainConsole(
        file=_TrimmedLines(stream),  # type: ignore[arg-type]
        width=_UNBOUNDED,
        no_color=True,
        color_system=None,
        force_terminal=False,
        highlight=False,
        emoji=False,
        markup=True,
    )
