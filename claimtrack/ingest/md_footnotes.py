"""Markdown reports with pandoc/GitHub footnotes: ``[^1]`` markers, ``[^1]: ...`` definitions.

A definition's continuation paragraphs are indented (four spaces or a tab).
Optional YAML front matter gives title, author and date.
"""

from __future__ import annotations

import re

import yaml

from .document import Document, FootnoteDef, Paragraph, Sections
from .markdown import blocks, heading
from .reflists import HEADINGS

# In body text (definitions already taken out) "[^8]:" is a marker followed by a colon.
MARKER = re.compile(r"\[\^([^\]\s]+)\]")
DEFINITION = re.compile(r"^\[\^([^\]\s]+)\]:\s?(.*)$")
_INDENTED = re.compile(r"^(?: {4}|\t)")


def detect(text: str) -> bool:
    return any(DEFINITION.match(line) for line in text.split("\n"))


def _front_matter(lines: list[str], doc: Document) -> int:
    """Read YAML front matter; return the number of lines it takes."""
    if not lines or lines[0].strip() != "---":
        return 0
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            try:
                # BaseLoader: every value stays the text written ("2021-13-01" is not a crash)
                meta = yaml.load("\n".join(lines[1:end]), Loader=yaml.BaseLoader) or {}
            except yaml.YAMLError:
                return 0
            if isinstance(meta, dict):
                doc.meta = meta
                authors = meta.get("author") or meta.get("authors") or []
                doc.report["title"] = str(meta["title"]) if meta.get("title") else None
                doc.report["authors"] = [str(a) for a in ([authors] if isinstance(authors, str) else authors)]
                if meta.get("date"):
                    doc.report["date"] = str(meta["date"])[:10]
            return end + 1
    return 0


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_DIV = re.compile(r"^\s*:::")


def _without_code(lines: list[str]) -> list[str]:
    """Fenced code (R/Python chunks of Quarto and R Markdown), div fences and HTML comments
    blanked out, keeping line numbers: none of them is prose."""
    out, fence, comment = [], None, False
    for line in lines:
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)[0] * len(match.group(1))
            out.append("")
        elif fence is not None:
            if _FENCE.match(line) and line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = None
            out.append("")
        elif comment or line.lstrip().startswith("<!--"):
            comment = "-->" not in line
            out.append("")
        elif _DIV.match(line):
            out.append("")
        else:
            out.append(line)
    return out


def parse(text: str) -> Document:
    doc = Document(report={"title": None, "authors": []}, marker=MARKER)
    lines = text.split("\n")
    skip = _front_matter(lines, doc)
    body = _without_code([""] * skip + lines[skip:])
    # Take the definitions out (keeping line numbers), with their indented continuations.
    index = skip
    while index < len(body):
        match = DEFINITION.match(body[index])
        if not match:
            index += 1
            continue
        start, parts = index, [match.group(2)]
        body[index] = ""
        index += 1
        while index < len(body) and (_INDENTED.match(body[index]) or not body[index].strip()):
            if not body[index].strip():
                nxt = next((ln for ln in body[index:] if ln.strip()), "")
                if not _INDENTED.match(nxt):
                    break
            parts.append(body[index].strip())
            body[index] = ""
            index += 1
        markdown = "\n".join(parts).strip()
        markdown = re.sub(r"\n{2,}", "\n\n", markdown)
        doc.footnotes.append(FootnoteDef(match.group(1), start + 1, markdown))
    sections = Sections()
    for block in blocks("\n".join(body)):
        head = heading(block)
        if head:
            if head[0] == 1 and not doc.report.get("title") and not HEADINGS.match(head[1]):
                doc.report["title"] = head[1]
                continue
            sections.enter(*head)
            continue
        stripped = block.text.strip()
        if re.fullmatch(r"(?:-{3,}|\*{3,}|_{3,})", stripped):
            continue
        doc.paragraphs.append(
            Paragraph(stripped, block.line, block.end_line, sections.current,
                      list(range(block.line, block.end_line + 1)))
        )  # fmt: skip
    return doc
