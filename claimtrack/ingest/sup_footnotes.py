"""Reports converted from PDF: ``<sup>N</sup>`` markers, definitions at the page foot.

The definitions of each page sit between the page's text and the next page's,
usually after a ``---`` separator, sometimes without one; a footnote's second
source may follow on a paragraph of its own; the page's last sentence
continues on the next page after the footnotes.
"""

from __future__ import annotations

import re
from typing import Any, Optional

from .document import LIST_ITEM, Document, FootnoteDef, Paragraph, Sections, is_open
from .markdown import Block, blocks, heading, plain

MARKER = re.compile(r"<sup>\s*(\d+)\s*</sup>")
_DEFINITION = re.compile(r"^\s*<sup>\s*(\d+)\s*</sup>\s*")
_SEPARATOR = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
_FRONT_SECTIONS = re.compile(
    r"^(?:contents|table of contents|about the authors?|acknowledg(?:e)?ments|foreword)$", re.I
)
_ISBN = re.compile(r"ISBN[\s:]*((?:97[89][\s-]?)?(?:\d[\s-]?){9}[\dX])")
_COPYRIGHT = re.compile(r"©\s*(.*?),?\s*((?:19|20)\d\d)\s*$")
_PERSON = re.compile(r"^[A-Z][\w'’-]+(?:\s+[A-Z][\w'’.-]+){1,3}$")


def detect(text: str) -> bool:
    return len(_DEFINITION.findall(text)) > 0 or len(MARKER.findall(text)) >= 2


def _is_continuation(block: Block) -> bool:
    """A paragraph inside a footnote block that adds a source to the last footnote."""
    text = block.text.strip()
    return (
        not MARKER.search(text)
        and bool(re.search(r"\bURL\s*:|\]\(https?://|<https?://", text))
        and len(text) < 600
    )


def parse(text: str) -> Document:
    doc = Document(report={"title": None, "authors": []}, marker=MARKER)
    sections = Sections()
    state: dict[str, Any] = {"title_seen": False, "front": True, "skip": False}
    last_body: Optional[Paragraph] = None
    in_footnotes = broken = False
    for block in blocks(text):
        stripped = block.text.strip()
        if _SEPARATOR.match(stripped):
            broken = True
            continue
        definition = _DEFINITION.match(stripped)
        if definition:
            body = stripped[definition.end() :]
            doc.footnotes.append(FootnoteDef(definition.group(1), block.line, body))
            in_footnotes = broken = True
            continue
        if in_footnotes and doc.footnotes and _is_continuation(block):
            doc.footnotes[-1].markdown += "\n\n" + stripped
            continue
        in_footnotes = False
        head = heading(block)
        if head:
            _enter_heading(doc, sections, state, *head)
            last_body, broken = None, False
            continue
        if state["skip"] or (state["front"] and not MARKER.search(stripped)):
            _front_matter(doc, stripped)
            continue
        state["front"] = False
        joins_list = last_body is not None and last_body.markdown.rstrip().endswith(":")
        if last_body and is_open(last_body.markdown) and (broken or joins_list and LIST_ITEM.match(stripped)):
            last_body.join(block)
        else:
            last_body = Paragraph(
                stripped, block.line, block.end_line, sections.current,
                list(range(block.line, block.end_line + 1)),
            )  # fmt: skip
            doc.paragraphs.append(last_body)
        broken = False
    return doc


def _enter_heading(doc: Document, sections: Sections, state: dict[str, Any], level: int, title: str) -> None:
    if not state["title_seen"] and level == 1:
        doc.report["title"] = title
        state["title_seen"] = True
        return
    if _FRONT_SECTIONS.match(title):
        state["skip"] = True
    elif level == 1 or not state["skip"]:
        state["skip"] = state["front"] = False
    sections.enter(level, title)


def _front_matter(doc: Document, text: str) -> None:
    """Authors, ISBN, publisher and year from the title pages."""
    isbn = _ISBN.search(text)
    if isbn:
        doc.report["isbn"] = re.sub(r"\s", "", isbn.group(1))
    copyright_line = _COPYRIGHT.search(plain(text))
    if copyright_line:
        doc.report["publisher"] = copyright_line.group(1).strip(" ,")
        doc.report.setdefault("date", copyright_line.group(2))
    if not doc.report["authors"] and doc.report.get("title"):
        names = [n.strip() for n in re.split(r",|\band\b|\n", plain(text.replace("\n", ","))) if n.strip()]
        if len(names) >= 1 and all(_PERSON.match(n) for n in names) and len(names) <= 12:
            doc.report["authors"] = names
