"""Normalised words of a text, each with its place in the original.

Quotes are compared word by word after folding what typography changes and
meaning does not: compatibility forms (ligatures, full-width digits), curly and
straight quote marks, dashes, spacing and case.  Each word keeps the span of
the original text it came from, so evidence is shown in the source's own
wording.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from typing import Optional

_FOLD = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u2039\u203a\u0060\u00b4", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
        "\u00ad": "",
    }
)
WORD = re.compile(r"\w+", re.U)


def fold(text: str) -> str:
    """Text with typography folded: compatibility forms, quote marks, dashes, case."""
    return unicodedata.normalize("NFKC", text).translate(_FOLD).lower()


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _folded_with_map(text: str) -> tuple[str, Optional[list[int]]]:
    """The folded text, and for each of its characters the index in ``text`` (None: the same)."""
    folded = fold(text)
    if len(folded) == len(text):
        return folded, None
    # Some character folds to more or fewer ("…" to "...", a soft hyphen to nothing): map
    # the ASCII runs in bulk and only the other characters one by one.
    chars: list[str] = []
    where: list[int] = []
    last = 0
    for run in _NON_ASCII.finditer(text):
        start = run.start()
        if start > last:
            chars.append(text[last:start].translate(_FOLD).lower())
            where.extend(range(last, start))
        for offset, char in enumerate(run.group()):
            piece = fold(char)
            chars.append(piece)
            where.extend([start + offset] * len(piece))
        last = run.end()
    if last < len(text):
        chars.append(text[last:].translate(_FOLD).lower())
        where.extend(range(last, len(text)))
    return "".join(chars), where


def words(text: str) -> list[str]:
    return WORD.findall(fold(text))


@dataclass
class Doc:
    """A text as normalised words, their spans in the original, and a searchable join."""

    text: str
    words: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)

    @classmethod
    def of(cls, text: str) -> Doc:
        folded, where = _folded_with_map(text)
        doc = cls(text=text)
        for match in WORD.finditer(folded):
            start, end = match.span()
            if where is not None:
                start, end = where[start], where[end - 1] + 1
            doc.words.append(match.group())
            doc.spans.append((start, end))
        return doc

    @cached_property
    def joined(self) -> str:
        """`` w1 w2 w3 ``: a word sequence is found with one substring search."""
        return " " + " ".join(self.words) + " "

    @cached_property
    def _starts(self) -> list[int]:
        starts, position = [], 1
        for word in self.words:
            starts.append(position)
            position += len(word) + 1
        return starts

    def word_at(self, offset: int) -> int:
        """The index of the word at character ``offset`` of ``joined``."""
        return max(0, bisect_right(self._starts, offset) - 1)

    def find(self, phrase: list[str], start_word: int = 0) -> Optional[int]:
        """The index of the first word of ``phrase`` found at or after ``start_word``."""
        if not phrase:
            return None
        needle = " " + " ".join(phrase) + " "
        begin = self._starts[start_word] - 1 if start_word < len(self.words) else len(self.joined)
        at = self.joined.find(needle, begin)
        return None if at < 0 else self.word_at(at + 1)

    def original(self, first: int, last: int) -> str:
        """The original text from word ``first`` to word ``last`` (inclusive)."""
        if not self.words:
            return ""
        first, last = max(0, first), min(len(self.words) - 1, last)
        return " ".join(self.text[self.spans[first][0] : self.spans[last][1]].split())

    @cached_property
    def _squashed(self) -> tuple[str, list[int]]:
        starts, position = [], 0
        for word in self.words:
            starts.append(position)
            position += len(word)
        return "".join(self.words), starts

    def find_squashed(self, phrase: list[str]) -> Optional[tuple[int, int]]:
        """(first, last) words whose letters, spaces aside, are ``phrase``'s ("U.S." = "US")."""
        squashed, starts = self._squashed
        needle = "".join(phrase)
        at = squashed.find(needle)
        while at >= 0:
            first = bisect_right(starts, at) - 1
            end = at + len(needle)
            last = bisect_right(starts, end - 1) - 1
            # Only whole words: the match must start and end on word boundaries.
            if starts[first] == at and starts[last] + len(self.words[last]) == end:
                return first, last
            at = squashed.find(needle, at + 1)
        return None
