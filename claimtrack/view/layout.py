"""The report's text laid out as it was written, with each claim placed in it.

The report is parsed again with the reader that ingested it (the records hold
which), so headings, paragraphs and list items come back in order.  Each claim
is then found in its paragraph's plain text by its stored text, the context
around it (``location.prefix``) settling repeats.  Placing is layout only:
which claims exist and what they cite come from the records.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Union

from ..ingest import read_document
from ..ingest.document import LIST_ITEM, Document
from ..ingest.markdown import protect_markers, to_inline
from ..model import Claim, ClaimFile


@dataclass
class Marker:
    label: str


@dataclass
class Span:
    """A claim's text, with the markers inside it."""

    claim: str  # claim id
    pieces: list[Union[str, Marker]]


Piece = Union[str, Marker, Span]


@dataclass
class Block:
    kind: str  # "heading", "paragraph" or "item"
    level: int = 0  # headings: 2 or 3
    text: str = ""  # headings
    pieces: list[Piece] = field(default_factory=list)
    claims: list[str] = field(default_factory=list)  # ids placed in this block


@dataclass
class Layout:
    blocks: list[Block]
    unplaced: list[str]  # claims whose text is no longer found (stale records, detached)


def layout(root: Path, claim_file: ClaimFile) -> Layout:
    _, _, doc = read_document(root / claim_file.report.source, claim_file.report.format)
    return lay_out(doc, claim_file.claims)


def lay_out(doc: Document, claims: list[Claim]) -> Layout:
    by_paragraph: dict[int, list[Claim]] = defaultdict(list)
    for claim in claims:
        if not claim.detached:
            by_paragraph[claim.location.paragraph].append(claim)
    blocks: list[Block] = []
    placed: set[str] = set()
    main: Optional[str] = None
    sub: Optional[str] = None
    for index, paragraph in enumerate(doc.paragraphs):
        new_main, _, new_sub = (paragraph.section or "").partition(" › ")
        if new_main and new_main != main:
            blocks.append(Block("heading", level=2, text=new_main))
            main, sub = new_main, None
        if new_sub and new_sub != sub:
            blocks.append(Block("heading", level=3, text=new_sub))
        sub = new_sub or None
        source = protect_markers(paragraph.markdown, doc.marker) if doc.marker else paragraph.markdown
        inline = to_inline(source)
        spans = _place(inline.text, by_paragraph.get(index, []))
        placed.update(claim for _, _, claim in spans)
        kind = "item" if LIST_ITEM.match(paragraph.markdown) else "paragraph"
        blocks.append(
            Block(kind, pieces=_pieces(inline.text, spans, inline.markers), claims=[c for _, _, c in spans])
        )
    unplaced = [c.id for c in claims if c.id not in placed]
    return Layout(blocks, unplaced)


def _place(text: str, claims: list[Claim]) -> list[tuple[int, int, str]]:
    """(start, end, claim id) of each claim found in ``text``, in order, never overlapping."""
    spans: list[tuple[int, int, str]] = []
    for claim in claims:
        found = _find(text, claim)
        if found is not None and not any(s < found + len(claim.text) and found < e for s, e, _ in spans):
            spans.append((found, found + len(claim.text), claim.id))
    return sorted(spans)


def _find(text: str, claim: Claim) -> Optional[int]:
    starts, at = [], text.find(claim.text)
    while at >= 0:
        starts.append(at)
        at = text.find(claim.text, at + 1)
    if len(starts) <= 1:
        return starts[0] if starts else None
    prefix = claim.location.prefix

    def fits(start: int) -> int:
        before = " ".join(text[:start].split())
        return len(prefix) if before.endswith(prefix) else 0

    return max(starts, key=fits)


def _pieces(text: str, spans: list[tuple[int, int, str]], markers: list[tuple[str, int]]) -> list[Piece]:
    """Text, markers and claim spans in reading order; a marker closing a claim stays in it."""
    pieces: list[Piece] = []
    pending = sorted(markers, key=lambda m: m[1])
    pos = 0

    def take(until: int, inclusive: bool, into: list[Union[str, Marker]]) -> None:
        nonlocal pos
        while pending and (pending[0][1] < until or (inclusive and pending[0][1] == until)):
            label, offset = pending.pop(0)
            if offset > pos:
                into.append(text[pos:offset])
                pos = offset
            into.append(Marker(label))
        if until > pos:
            into.append(text[pos:until])
            pos = until

    for start, end, claim in spans:
        outside: list[Union[str, Marker]] = []
        take(start, False, outside)
        pieces.extend(outside)
        inside: list[Union[str, Marker]] = []
        take(end, True, inside)
        pieces.append(Span(claim, inside))
    rest: list[Union[str, Marker]] = []
    take(len(text), True, rest)
    pieces.extend(rest)
    return pieces
