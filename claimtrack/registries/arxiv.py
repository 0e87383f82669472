"""The arXiv API (``/query?id_list=...``): an Atom feed, one ``<entry>`` per e-print.

Shape (https://info.arxiv.org/help/api/user-manual.html): ``<feed>`` with
``opensearch:totalResults`` and ``<entry>`` elements holding ``<id>``
(http://arxiv.org/abs/2103.00020v1), ``<title>``, ``<published>``,
``<author><name>``, and in the arxiv namespace ``doi``, ``journal_ref`` and
``comment``.  An unknown id gives an empty feed; a malformed one an entry
titled "Error".  A withdrawn e-print keeps its id; its comment or abstract
says it was withdrawn.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Optional

from .identifiers import arxiv_base
from .records import Work
from .text import plain, year_of
from .transport import Transport

REGISTRY = "arxiv"
NS = {"atom": "http://www.w3.org/2005/Atom", "arxiv": "http://arxiv.org/schemas/atom"}
_WITHDRAWN = re.compile(
    r"\b(?:this (?:paper|article|submission) (?:has been|is) withdrawn|withdrawn by the authors?)\b", re.I
)


class FeedError(ValueError):
    """The answer is not an arXiv Atom feed."""


def _text(entry: ET.Element, path: str) -> str:
    node = entry.find(path, NS)
    return plain(node.text) if node is not None and node.text else ""


def _family(name: str) -> str:
    parts = name.split()
    return parts[-1] if parts else ""


def parse_feed(xml: bytes) -> list[Work]:
    if b"<!DOCTYPE" in xml[:2000] or b"<!ENTITY" in xml:
        raise FeedError("a DTD in the feed (refused)")
    try:
        root = ET.fromstring(xml)
    except ET.ParseError as exc:
        raise FeedError(f"not XML: {exc}") from None
    works = []
    for entry in root.findall("atom:entry", NS):
        ident = _text(entry, "atom:id")
        title = _text(entry, "atom:title")
        if "/api/errors" in ident or title == "Error":
            continue
        arxiv_id = arxiv_base(ident.rsplit("/abs/", 1)[-1]) if "/abs/" in ident else None
        comment = _text(entry, "arxiv:comment")
        summary = _text(entry, "atom:summary")
        withdrawn = _WITHDRAWN.search(comment) or _WITHDRAWN.search(summary[:400])
        doi = _text(entry, "arxiv:doi").lower() or None
        works.append(
            Work(
                registry=REGISTRY,
                title=title,
                authors=[_family(_text(a, "atom:name")) for a in entry.findall("atom:author", NS)],
                year=year_of(_text(entry, "atom:published")),
                container=_text(entry, "arxiv:journal_ref") or "arXiv",
                doi=doi,
                arxiv=arxiv_id,
                type="preprint",
                url=f"https://arxiv.org/abs/{arxiv_id}" if arxiv_id else ident or None,
                retraction=f"withdrawn e-print: {comment or summary[:120]}" if withdrawn else None,
            )
        )
    return works


async def by_id(http: Transport, arxiv_id: str) -> Optional[Work]:
    response = await http.get(REGISTRY, "/query", {"id_list": arxiv_id, "max_results": "1"})
    if response is None:
        return None
    works = parse_feed(response.content)
    wanted = arxiv_base(arxiv_id)
    return next((w for w in works if w.arxiv == wanted), None)
