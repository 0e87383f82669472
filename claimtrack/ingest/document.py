"""The shape every input format is parsed into before claims are built."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Optional

from .markdown import Block


@dataclass
class Paragraph:
    """Body text, possibly joined from pieces split by a page break."""

    markdown: str
    line: int
    end_line: int
    section: Optional[str]
    lines: list[int] = field(default_factory=list)  # every source line it spans

    def join(self, block: Block) -> None:
        self.markdown = f"{self.markdown.rstrip()} {block.text.strip()}"
        self.end_line = block.end_line
        self.lines.extend(range(block.line, block.end_line + 1))


@dataclass
class FootnoteDef:
    label: str
    line: int
    markdown: str


@dataclass
class BibDraft:
    """An author-year bibliography entry, parsed."""

    line: int
    text: str
    fields: dict[str, Any]
    surnames: list[str]


@dataclass
class Document:
    report: dict[str, Any]  # Report fields, except id/source/sha256
    paragraphs: list[Paragraph] = field(default_factory=list)
    footnotes: list[FootnoteDef] = field(default_factory=list)
    marker: Optional[re.Pattern[str]] = None  # group 1 = footnote label
    bibliography: list[BibDraft] = field(default_factory=list)
    # The document's own metadata as plain values (pandoc's meta, YAML front matter):
    # ``bibliography`` among others, for the citation readers to find the .bib.
    meta: dict[str, Any] = field(default_factory=dict)


class Sections:
    """The current section: the last main heading, with a sub-heading after " › "."""

    def __init__(self) -> None:
        self.main: Optional[str] = None
        self.sub: Optional[str] = None

    def enter(self, level: int, title: str) -> None:
        if level <= 2:
            self.main, self.sub = title, None
        else:
            self.sub = title

    @property
    def current(self) -> Optional[str]:
        if self.sub and self.main:
            return f"{self.main} › {self.sub}"
        return self.sub or self.main


_CLOSED = re.compile(r"[.!?…](?:[”\"’'»)\]]+)?$")
_TRAILING_MARKUP = re.compile(r"(?:<sup>[^<]*</sup>|\[\^[^\]]+\]|[*_\s])+$")
LIST_ITEM = re.compile(r"^\s*(?:\d{1,2}[.)]|[-*+])\s+")


def is_open(markdown: str) -> bool:
    """True if the text stops mid-sentence (a page break cut it)."""
    text = _TRAILING_MARKUP.sub("", markdown.rstrip())
    return bool(text) and not _CLOSED.search(text)
