"""Articles with an author-year (Harvard) bibliography and no footnote markers.

Typically scraped from a web page: site boilerplate before and after the
article (a date line in the site's language among it), the title repeated,
an author block, headings as short lines, authors named in the prose
("According to Waltz"), and the bibliography at the end.
"""

from __future__ import annotations

import re
from typing import Any, Optional

from ..model import RefType
from ..sites import SITES
from .dates import english_date, russian_date
from .document import BibDraft, Document, Paragraph, Sections
from .markdown import Block, blocks

_ENTRY = re.compile(
    r"^(?P<who>[^()“\"]{2,160}?)\s*\((?P<year>(?:19|20)\d\d)[a-z]?\)\.?\s*(?P<rest>.+)$", re.S
)
_ORG_ENTRY = re.compile(r"^(?P<who>[A-Z][^.“\"()]{1,80})\.\s+(?P<rest>[“\"].+)$", re.S)
_QUOTED = re.compile(r"^[“\"](?P<title>.+?)[”\"]\s*[.,]?\s*(?P<rest>.*)$", re.S)
_AVAILABLE = re.compile(r"Available (?:at|from)\s*:?\s*(?P<url>\S+?)[.,]?(?:\s|$)", re.I)
_ACCESSED = re.compile(r"\(?\s*(?:Accessed|Retrieved)(?: on)?\s*:?\s*(?P<date>[^)]+?)\s*\)?\.?\s*$", re.I)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def detect(text: str) -> bool:
    return len(_bibliography_span(blocks(text))[1]) >= 3


def _is_entry(text: str) -> bool:
    return bool(_ENTRY.match(text) or (_ORG_ENTRY.match(text) and "Available" in text))


def _bibliography_span(all_blocks: list[Block]) -> tuple[int, list[Block]]:
    """The last run of bibliography entries: (index of its first block, blocks)."""
    end = len(all_blocks)
    while end > 0 and not _is_entry(all_blocks[end - 1].text.strip()):
        end -= 1
    start = end
    while start > 0 and _is_entry(all_blocks[start - 1].text.strip()):
        start -= 1
    return start, all_blocks[start:end]


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def _is_heading(block: Block) -> bool:
    text = block.text.strip()
    return (
        "\n" not in text
        and len(text.split()) <= 12
        and text[:1].isupper()
        and not re.search(r"[.,;:]$", text)
    )


def parse(text: str) -> Document:
    doc = Document(report={"title": None, "authors": []})
    all_blocks = blocks(text)
    bib_start, entries = _bibliography_span(all_blocks)
    body_blocks = all_blocks[:bib_start]
    # Site boilerplate in the site's own script, before and after the article.
    boilerplate = [b for b in all_blocks if _CYRILLIC.search(b.text)]
    for block in boilerplate:
        date = russian_date(block.text)
        if date:
            doc.report["date"] = date
    body_blocks = [b for b in body_blocks if not _CYRILLIC.search(b.text)]
    start = _front(doc, body_blocks)
    sections = Sections()
    for block in body_blocks[start:]:
        if _is_heading(block):
            sections.enter(2, block.text.strip())
            continue
        doc.paragraphs.append(
            Paragraph(block.text.strip(), block.line, block.end_line, sections.current,
                      list(range(block.line, block.end_line + 1)))
        )  # fmt: skip
    doc.bibliography = [_entry(block) for block in entries]
    return doc


def _front(doc: Document, body_blocks: list[Block]) -> int:
    """Title, author; return the index of the first body block."""
    if not body_blocks:
        return 0
    title = " ".join(body_blocks[0].text.split())
    doc.report["title"] = title
    last_title = 0
    for index, block in enumerate(body_blocks[:12]):
        if _norm(block.text) == _norm(title):
            last_title = index
    for block in body_blocks[1:last_title]:
        if _norm(block.text) != _norm(title):
            doc.report["authors"] = [block.text.split("\n", 1)[0].strip()]
            break
    return last_title + 1


def _people(who: str) -> tuple[list[str], list[str], Optional[str]]:
    """Authors as "Family, Given", their surnames, or an organisation."""
    who = who.strip()
    others = bool(re.search(r"\bet al\.?$", who))
    who = re.sub(r",?\s*et al\.?$", "", who).strip()
    people, surnames = [], []
    for person in [p.strip() for p in who.split(";") if p.strip()]:
        if "," in person:
            family, given = (s.strip() for s in person.split(",", 1))
        else:
            family, given = person, ""
        if family.isupper() and len(family) > 1:
            family = "-".join(part.capitalize() for part in family.split("-"))
        people.append(f"{family}, {given}".strip(", "))
        surnames.append(family)
    if len(people) == 1 and "," not in who:
        name = who.rstrip(".")
        return [], [name], name  # "Jam News": an organisation
    if others:
        people.append("others")
    return people, surnames, None


def _entry(block: Block) -> BibDraft:
    text = " ".join(block.text.split())
    fields: dict[str, Any] = {}
    match = _ENTRY.match(text) or _ORG_ENTRY.match(text)
    assert match is not None  # only blocks that matched become entries
    people, surnames, organization = _people(match.group("who"))
    fields["authors"] = people
    if organization:
        fields["organization"] = organization
    if "year" in match.groupdict() and match.group("year"):
        fields["date"] = match.group("year")
    rest = match.group("rest").strip()
    accessed = _ACCESSED.search(rest)
    if accessed:
        fields["urldate"] = english_date(accessed.group("date"))
        rest = rest[: accessed.start()].strip()
    available = _AVAILABLE.search(rest)
    if available:
        fields["url"] = available.group("url").rstrip(".,")
        rest = rest[: available.start()].strip()
    quoted = _QUOTED.match(rest)
    if quoted:
        fields["title"] = quoted.group("title").strip().rstrip(".,")
        details = quoted.group("rest")
    else:  # a book: Title. Place: Publisher.
        title, _, details = rest.partition(". ")
        fields["title"] = title.strip()
    _details(details.strip().rstrip("."), fields)
    if not fields.get("date"):
        fields["date"] = english_date(fields.get("title") or "")
    fields["language"] = "en"
    return BibDraft(block.line, text, fields, surnames)


def _details(details: str, fields: dict[str, Any]) -> None:
    """Container, volume:issue, pages, or place: publisher."""
    place = re.match(r"^(?P<location>[A-Z][\w .-]+):\s*(?P<publisher>.+)$", details)
    if place and not fields.get("url"):
        fields.update(location=place.group("location"), publisher=place.group("publisher"), type=RefType.BOOK)
        return
    parts = [p.strip() for p in re.split(r",\s*", details) if p.strip(" .")]
    if parts:
        fields["container"] = parts[0].strip(" .")
    for part in parts[1:]:
        pages = re.match(r"^pp?\.\s*(\S+)$", part)
        volume = re.match(r"^(\d+)(?::(\d+))?$", part)
        if pages:
            fields["pages"] = pages.group(1)
        elif volume:
            fields["volume"] = volume.group(1)
            if volume.group(2):
                fields["issue"] = volume.group(2)
    container = fields.get("container", "")
    known = next((s for s in SITES.values() if s.name.lower() == container.lower()), None)
    if fields.get("volume") or fields.get("pages"):
        fields["type"] = RefType.ARTICLE
    elif re.search(r"\b(?:Center|Centre|Institute|Foundation)\b", container):
        fields["type"] = RefType.REPORT
    elif known:
        fields["type"] = known.type
    elif re.search(r"\b(?:news|reuters|times|daily)\b", container, re.I):
        fields["type"] = RefType.NEWS
    else:
        fields["type"] = RefType.WEBPAGE if fields.get("url") else RefType.ARTICLE
