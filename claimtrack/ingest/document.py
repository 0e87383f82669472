"""The shape every input format is parsed into before claims are built."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Optional

from ..model import CitationMode, CitationStyle
from .markdown import SENTINEL_CLOSE, SENTINEL_OPEN, Block


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
    label: Optional[str] = None  # "3" in a numbered list
    families: list[str] = field(default_factory=list)  # family names (or organisation) in order
    year: Optional[str] = None  # as cited: "2019a"
    key: Optional[str] = None  # a LaTeX \bibitem's (or .bbl entry's) own key, cited by \cite{key}
    cited_as: Optional[str] = None  # how a narrative \citet{key} names it: "Smith et al."


@dataclass
class CiteDraft:
    """A citation as written in the text, before its reference has a project key.

    ``key`` is the document's citekey (citekey style); ``entry`` the index of
    the list entry in ``Document.bibliography`` (numbered and author-date), or
    None when the text cites an entry the list lacks.
    """

    style: CitationStyle
    key: Optional[str] = None
    entry: Optional[int] = None
    mode: CitationMode = CitationMode.NORMAL
    locator: Optional[str] = None
    prefix: Optional[str] = None
    suffix: Optional[str] = None
    label: Optional[str] = None


def sentinel(label: str) -> str:
    """Text that the sentence splitter records as a marker with this label, at this place."""
    return f"{SENTINEL_OPEN}{label}{SENTINEL_CLOSE}"


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
    # In-text citations by the label of the sentinel that replaced them in the text.
    citations: dict[str, list[CiteDraft]] = field(default_factory=dict)
    cite_keys: dict[str, str] = field(default_factory=dict)  # document citekey -> project key
    note_cites: dict[str, list[str]] = field(default_factory=dict)  # footnote label -> citation labels in it
    missing_bibliographies: list[Any] = field(default_factory=list)  # paths the metadata names, not found
    # Works the document itself holds as CSL-JSON (a Word reference manager's fields,
    # ``references:`` in front matter): a bibliography with no file of its own.
    inline_references: list[dict[str, Any]] = field(default_factory=list)
    bbl: Optional[Any] = None  # a LaTeX .bbl read in place of the .bib files the document names


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
