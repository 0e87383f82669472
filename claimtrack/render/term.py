"""Styled, wrapped lines for the terminal, without rich.

The lookups print a handful of short lines and must start in a few
milliseconds; importing rich costs more than the lookup itself (35 ms here).
This writer does the little they need, by the rule of
:mod:`claimtrack.render.console`: on a terminal, SGR colour (not with
``NO_COLOR``), word wrapping to the window's width under an indent, a line cut
with an ellipsis; anywhere else (a file, a pipe, ``TERM=dumb``) plain text,
one line per logical line, never wrapped, without trailing spaces.
"""

from __future__ import annotations

import os
import sys
from typing import TextIO

# The SGR parameters of the styles the renderers use (rich's numbering, so
# "bold yellow" is ESC[1;33m as before).
_SGR = {"bold": "1", "dim": "2", "red": "31", "green": "32", "yellow": "33", "blue": "34", "cyan": "36"}

Part = tuple[str, str] | str  # (text, style) or unstyled text


# Off a terminal nothing is wrapped or cut (the width of render/console.py's plain console).
UNBOUNDED = 1_000_000


def is_terminal(stream: TextIO) -> bool:
    """As :func:`claimtrack.render.console.is_terminal` (which imports rich)."""
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        tty = False
    return tty and os.environ.get("TERM") != "dumb"


def _width(stream: TextIO) -> int:
    if not is_terminal(stream):
        return UNBOUNDED
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, OSError, ValueError):
        return 80


def _sgr(style: str) -> str:
    codes = [_SGR[word] for word in style.split() if word in _SGR]
    return f"\x1b[{';'.join(codes)}m" if codes else ""


class Term:
    """Prints lines of styled parts, wrapped under an indent."""

    def __init__(self, file: TextIO | None = None, *, colour: bool | None = None, width: int | None = None):
        self.file = file if file is not None else sys.stdout
        if colour is None:
            colour = is_terminal(self.file) and "NO_COLOR" not in os.environ
        self.colour = colour
        self.width = width or _width(self.file)

    def blank(self) -> None:
        self.file.write("\n")

    def line(self, *parts: Part, indent: int = 0, cut: bool = False, fold: bool = False) -> None:
        """One logical line: wrapped at word boundaries (``fold``: anywhere), or ``cut`` with "…"."""
        spans = [(p, "") if isinstance(p, str) else p for p in parts]
        text = "".join(t for t, _ in spans)
        styles: list[str] = []
        for chunk, style in spans:
            styles.extend([style] * len(chunk))
        room = max(self.width - indent, 1)
        out = []
        for start, end in _breaks(text, room, cut=cut, fold=fold):
            if cut and end - start > room:
                body = self._styled(text, styles, start, start + room - 1) + self._paint("…", styles[end - 1])
            else:
                body = self._styled(text, styles, start, end)
            out.append(" " * indent + body if body else "")
        self.file.write("\n".join(out) + "\n")

    def _paint(self, text: str, style: str) -> str:
        sgr = _sgr(style) if self.colour and style else ""
        return f"{sgr}{text}\x1b[0m" if sgr else text

    def _styled(self, text: str, styles: list[str], start: int, end: int) -> str:
        out, run_start = [], start
        for i in range(start + 1, end + 1):
            if i == end or styles[i] != styles[run_start]:
                out.append(self._paint(text[run_start:i], styles[run_start]))
                run_start = i
        return "".join(out)


def _breaks(text: str, room: int, *, cut: bool, fold: bool) -> list[tuple[int, int]]:
    """(start, end) of each output line: explicit newlines kept, long lines wrapped."""
    lines: list[tuple[int, int]] = []
    pos = 0
    for piece in text.split("\n"):
        lines.extend(_wrap(text, pos, pos + len(piece), room, cut=cut, fold=fold))
        pos += len(piece) + 1
    return lines


def _wrap(text: str, start: int, end: int, room: int, *, cut: bool, fold: bool) -> list[tuple[int, int]]:
    # trailing spaces never count against the width
    while end > start and text[end - 1] == " ":
        end -= 1
    if end - start <= room or cut:
        return [(start, end)]
    result = []
    while end - start > room:
        split = -1 if fold else text.rfind(" ", start, start + room + 1)
        if split <= start:  # one word longer than the line: fold it
            result.append((start, start + room))
            start += room
        else:
            stop = split
            while stop > start and text[stop - 1] == " ":
                stop -= 1
            result.append((start, stop))
            start = split + 1
        while start < end and text[start] == " ":
            start += 1
    if start < end:
        result.append((start, end))
    return result
