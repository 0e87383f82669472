"""Markdown pieces every ingest format needs: blocks, plain text, links.

markdown-it-py does the inline parsing (emphasis, escapes, entities, links);
we keep the block level ourselves because footnoted reports converted from
PDF break the rules a Markdown block parser relies on, and we need the line
number of everything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from markdown_it import MarkdownIt

# Footnote markers are swapped for these before inline parsing so that they
# survive it and their offsets in the plain text can be recovered.
_OPEN, _CLOSE = "\ue000", "\ue001"
SENTINEL_OPEN, SENTINEL_CLOSE = _OPEN, _CLOSE
_SENTINEL = re.compile(f"{_OPEN}([^{_CLOSE}]*){_CLOSE}")
SENTINEL = _SENTINEL  # group 1 = the marker's label


@dataclass
class Block:
    """A run of non-blank lines."""

    text: str
    line: int  # 1-based first line
    end_line: int

    @property
    def first_line(self) -> str:
        return self.text.split("\n", 1)[0]


def blocks(text: str) -> list[Block]:
    result: list[Block] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            if not current:
                start = number
            current.append(line)
        elif current:
            result.append(Block("\n".join(current), start, number - 1))
            current = []
    if current:
        result.append(Block("\n".join(current), start, start + len(current) - 1))
    return result


@lru_cache(maxsize=1)
def _md() -> MarkdownIt:
    md = MarkdownIt("commonmark")
    # The link target as written is the truth: do not percent-encode it again.
    md.normalizeLink = lambda url: url  # type: ignore[method-assign]
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


@dataclass
class Inline:
    """The plain text of a piece of Markdown, with its markers and links."""

    text: str
    markers: list[tuple[str, int]] = field(default_factory=list)  # (label, offset in text)
    links: list[tuple[str, str]] = field(default_factory=list)  # (visible text, target)
    emphasis: list[tuple[int, int]] = field(default_factory=list)  # spans of *...* in text


def protect_markers(markdown: str, pattern: re.Pattern[str]) -> str:
    """Replace each marker matched by ``pattern`` (group 1 = label) with a sentinel."""
    return pattern.sub(lambda m: f"{_OPEN}{m.group(1)}{_CLOSE}", markdown)


def to_inline(markdown: str) -> Inline:
    """Plain text of inline Markdown; sentinels become recorded markers."""
    tokens = _md().parseInline(markdown)
    out: list[str] = []
    links: list[tuple[str, str]] = []
    emphasis: list[tuple[int, int]] = []
    link_stack: list[tuple[str, int]] = []
    em_stack: list[int] = []
    for token in tokens[0].children or []:
        kind = token.type
        if kind in ("text", "code_inline"):
            out.append(token.content)
        elif kind in ("softbreak", "hardbreak"):
            out.append(" ")
        elif kind == "link_open":
            link_stack.append((str(token.attrs.get("href", "")), len("".join(out))))
        elif kind == "link_close" and link_stack:
            href, start = link_stack.pop()
            links.append(("".join(out)[start:], href))
        elif kind in ("em_open", "strong_open"):
            em_stack.append(len("".join(out)))
        elif kind in ("em_close", "strong_close") and em_stack:
            emphasis.append((em_stack.pop(), len("".join(out))))
        elif kind == "image":
            out.append(token.content)
        # html_inline and the rest carry no text of the report
    raw = "".join(out)
    # Recover the sentinels' offsets while removing them.
    text_parts: list[str] = []
    markers: list[tuple[str, int]] = []
    shift: list[tuple[int, int]] = []  # (position in raw, removed so far)
    pos = removed = 0
    for match in _SENTINEL.finditer(raw):
        text_parts.append(raw[pos : match.start()])
        markers.append((match.group(1), match.start() - removed))
        removed += match.end() - match.start()
        shift.append((match.end(), removed))
        pos = match.end()
    text_parts.append(raw[pos:])

    def adjust(offset: int) -> int:
        cut = 0
        for end, total in shift:
            if end <= offset:
                cut = total
        return offset - cut

    emphasis = sorted((adjust(a), adjust(b)) for a, b in emphasis)
    return Inline("".join(text_parts), markers, links, emphasis)


@lru_cache(maxsize=4096)  # ingest asks again for the same report lines when it places each sentence
def plain(markdown: str) -> str:
    """Plain text of inline Markdown, white space collapsed."""
    return " ".join(to_inline(markdown).text.split())


_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def heading(block: Block) -> tuple[int, str] | None:
    """(level, text) if the block is a heading: ATX, or a lone bold/italic line ending in : or ?."""
    if "\n" in block.text.strip():
        return None
    line = block.text.strip()
    match = _HEADING.match(line)
    if match:
        title = re.sub(r"\s*\{[#.][^{}]*\}$", "", match.group(2))  # pandoc attributes: {#id .unnumbered}
        return len(match.group(1)), plain(title).strip(" :")
    # A pseudo-heading from a PDF: a short line entirely in bold/italics.
    if re.fullmatch(r"(\*{1,3}|_{1,3})[^*_]{2,80}\1", line) and not line.strip("*_ ").endswith("."):
        return 4, plain(line).strip(" :")
    return None
