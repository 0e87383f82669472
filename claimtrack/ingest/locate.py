"""Where each paragraph and note of a parsed document is in its file.

pandoc's AST carries no source positions, so a paragraph is found by its first
words, searched forward through the file's lines whatever the markup around
them (HTML tags, LaTeX commands); a Markdown note by its ``[^label]:`` line.
Files without lines (DOCX, ODT, EPUB, PDF) number paragraphs in reading order.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Optional

from .document import Document


def place(doc: Document, source: Optional[str]) -> list[str]:
    """Give paragraphs and footnotes their lines; return the report lines claims are located in.

    A text source: the line where the paragraph's first words are (searched
    forward through the file).  A binary one (DOCX, ODT, EPUB, PDF): a line is a
    paragraph, numbered in reading order, then one per footnote.
    """
    if source is None:
        lines = [p.markdown for p in doc.paragraphs] + [f.markdown for f in doc.footnotes]
        for number, paragraph in enumerate(doc.paragraphs, start=1):
            paragraph.line = paragraph.end_line = number
            paragraph.lines = [number]
        for number, note in enumerate(doc.footnotes, start=len(doc.paragraphs) + 1):
            note.line = number
        return lines
    lines = source.split("\n")
    finder = _LineFinder(lines)
    for paragraph in doc.paragraphs:
        start = finder.find(paragraph.markdown, finder.cursor)
        end = max(start, finder.find(paragraph.markdown, start, last=True, move=False))
        paragraph.line, paragraph.end_line = start, end
        paragraph.lines = list(range(start, end + 1))
    written: dict[str, int] = {}  # Markdown definitions: where "[^label]:" is
    for number, text in enumerate(lines, start=1):
        match = _DEFINITION.match(text)
        if match:
            written.setdefault(match.group(1), number)
    for note in doc.footnotes:
        note.line = written.get(note.label) or finder.find(note.markdown, 1, move=False)
    return lines


_DEFINITION = re.compile(r"^\s*\[\^([^\]\s]+)\]:")


class _LineFinder:
    """Finds text in source lines by its words, whatever the markup around them."""

    def __init__(self, lines: list[str]) -> None:
        self.words = [_words(re.sub(r"<[^>]*>|\\[a-zA-Z]+", " ", line)) for line in lines]
        self.cursor = 1
        self.where: dict[str, list[int]] = {}  # word -> the lines holding it, in order
        for number, row in enumerate(self.words, start=1):
            for word in dict.fromkeys(row):
                self.where.setdefault(word, []).append(number)

    def find(self, markdown: str, start: int, *, last: bool = False, move: bool = True) -> int:
        words = _words(_PLAIN_MD.sub(" ", markdown))
        probe = words[-3:] if last else words[:3]
        found = self._search(probe, start) if probe else 0
        if not found and len(probe) > 1:
            found = self._search(probe[-1:] if last else probe[:1], start)
        found = found or start
        if move:
            self.cursor = found
        return found

    def _search(self, probe: list[str], start: int) -> int:
        size = len(probe)
        candidates = self.where.get(probe[0], [])
        for number in candidates[bisect_left(candidates, max(start, 1)) :]:
            row = self.words[number - 1]
            if any(row[i : i + size] == probe for i in range(len(row) - size + 1)):
                return number
        return 0


_PLAIN_MD = re.compile(r"\]\([^)]*\)|<https?://[^>]*>|\[\^[^\]]*\]")


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.casefold())
