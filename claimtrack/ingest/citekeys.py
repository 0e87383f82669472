"""pandoc citation syntax in paragraph text: ``[see @a, p. 4; @b]``, ``@a [p. 4]``, ``[-@a]``.

This is what pandoc's Markdown reader understands, and what the pandoc front
end writes for the ``Cite`` elements of DOCX, LaTeX (``\\citep{}``,
``\\parencite{}``, ...) and the other formats it reads.  Each citation group
is replaced by a sentinel the sentence splitter places like a footnote
marker; the citations themselves go to ``Document.citations`` under the
sentinel's label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from ..model import CitationMode, CitationStyle
from .document import CiteDraft, Document, sentinel

# A key starts with a letter, digit or _, and may hold :.#$%&-+?<>~/ inside; or is braced.
_KEY = r"(?:\{(?P<bkey>[^{}]+)\}|(?P<key>[\w](?:[\w:.#$%&+?<>~/-]*[\w])?))"
_ITEM = re.compile(rf"^(?P<prefix>.*?)(?<![\w@])(?P<neg>-)?@{_KEY}(?P<suffix>.*)$", re.S)
# [ ... @key ... ] that is not a link text, a footnote, a footnote definition or a link
# definition ("[@x]: https://..."); a colon after it is the sentence's ("as @a [p. 4]: ...").
_GROUP = re.compile(r"(?P<space>[ \t]*)\[(?P<body>[^\[\]\^]*?-?@[^\[\]]*?)\](?![(\[])(?!:\s*(?:<|\w+://))")
# (not bookdown's cross-reference `\@ref(fig:x)`: a key is never followed by "(")
_NARRATIVE = re.compile(rf"(?<![\w@/\\.:=&?#%+-])@{_KEY}(?![\w(])(?:\s*\[(?P<loc>[^\[\]@]+)\])?")
# Quarto and pandoc-crossref references to figures, tables, sections... are not citations.
_CROSSREF = re.compile(r"^(?:fig|tbl|sec|eq|lst|thm|lem|cor|prp|cnj|def|exm|exr|apx|nte|tip)[-:]", re.I)
LOCATOR_TERMS = (
    r"(?:pp?\.|pages?|chap(?:ter)?s?\.?|ch\.|sec(?:tion)?s?\.?|§§?|¶|paras?\.|paragraphs?|"
    r"fig(?:ure)?s?\.?|vols?\.|volumes?|nos?\.|notes?|n\.|lines?|l{1,2}\.|cols?\.|fol\.|art\.|"
    r"books?|bk\.|parts?|pt\.|verses?|v{1,2}\.|op\.|s\.v\.|sub verbo|tables?|tbl\.)"
)
# ", p. 4", ", 33-35", ", chap. 3 and passim": the locator, then the rest of the suffix.
_LOCATOR = re.compile(
    rf"^\s*,?\s*(?P<loc>(?:{LOCATOR_TERMS}\s*)?(?:\d+|[ivxlcdm]+\b)[\w]*(?:\s*(?:[-–—,&]|and)\s*\d+\w*)*)"
    rf"(?P<rest>.*)$",
    re.S | re.I,
)


@dataclass
class Item:
    key: str
    mode: CitationMode
    prefix: Optional[str]
    locator: Optional[str]
    suffix: Optional[str]


def _clean(text: str) -> Optional[str]:
    text = " ".join(text.split()).strip(" ,;")
    return text or None


def split_suffix(suffix: str) -> tuple[Optional[str], Optional[str]]:
    """(locator, rest) of what follows a key: ", p. 4, emphasis added" -> ("p. 4", "emphasis added")."""
    match = _LOCATOR.match(suffix)
    if not match or not suffix.strip(" ,"):
        return None, _clean(suffix)
    return _clean(match.group("loc")), _clean(match.group("rest"))


def parse_group(body: str) -> list[Item]:
    """The items of a bracketed group; [] if any item is not a citation (then it is not one)."""
    items = []
    for part in body.split(";"):
        match = _ITEM.match(part)
        if not match:
            return []
        key = match.group("bkey") or match.group("key")
        if _CROSSREF.match(key):
            return []
        locator, suffix = split_suffix(match.group("suffix"))
        mode = CitationMode.SUPPRESS_AUTHOR if match.group("neg") else CitationMode.NORMAL
        items.append(Item(key, mode, _clean(match.group("prefix")), locator, suffix))
    return items


def _drafts(items: list[Item]) -> list[CiteDraft]:
    return [
        CiteDraft(
            style=CitationStyle.CITEKEY,
            key=i.key,
            mode=i.mode,
            locator=i.locator,
            prefix=i.prefix,
            suffix=i.suffix,
            label=i.key,
        )
        for i in items
    ]


def has_citations(doc: Document) -> bool:
    return any(_bracketed(p.markdown) for p in doc.paragraphs)


def _bracketed(markdown: str) -> bool:
    return any(parse_group(m.group("body")) for m in _GROUP.finditer(markdown))


def apply(doc: Document, names: dict[str, str], narrative: bool) -> int:
    """Replace every citation in the paragraphs by a sentinel; return how many groups.

    ``names`` gives the text a narrative citation stands for (the author's
    family name, as pandoc would print it); ``narrative`` says whether a bare
    ``@key`` is a citation (only when the document has a bibliography: in
    other Markdown, ``@name`` is a mention).
    """
    count = 0

    def group(match: re.Match[str]) -> str:
        nonlocal count
        items = parse_group(match.group("body"))
        if not items:
            return match.group(0)
        count += 1
        label = sentinel_label(doc, _drafts(items))
        return sentinel(label)

    def bare(match: re.Match[str]) -> str:
        nonlocal count
        key = match.group("bkey") or match.group("key")
        if _CROSSREF.match(key) or (key not in names and not narrative):
            return match.group(0)
        count += 1
        locator, suffix = split_suffix(match.group("loc") or "")
        item = Item(key, CitationMode.AUTHOR_IN_TEXT, None, locator, suffix)
        return names.get(key, key) + sentinel(sentinel_label(doc, _drafts([item])))

    for paragraph in doc.paragraphs:
        text = _GROUP.sub(group, paragraph.markdown)
        if narrative or names:
            text = _NARRATIVE.sub(bare, text)
        paragraph.markdown = text
    return count


def without_citations(markdown: str) -> str:
    """The text with its bracketed citekey citations ("[@king2003, p. 41]") taken out: what a
    note says besides the citations ingest reads from it as citekeys."""
    return _GROUP.sub("", markdown)


def sentinel_label(doc: Document, drafts: list[CiteDraft]) -> str:
    label = f"\ue002{len(doc.citations)}"
    doc.citations[label] = drafts
    return label
