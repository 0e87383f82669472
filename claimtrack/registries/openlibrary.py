"""Open Library's Books API (``/api/books?bibkeys=ISBN:...&jscmd=data&format=json``),
and its edition records (``/isbn/{isbn}.json``) when the Books API has nothing.

Shape (https://openlibrary.org/dev/docs/api/books): an object keyed by the
bibkey asked for, ``{"ISBN:9780262033848": {"title", "subtitle", "authors":
[{"name", "url"}], "publishers": [{"name"}], "publish_date", "identifiers":
{"isbn_10": [...], "isbn_13": [...]}}}``; ``{}`` when the ISBN is unknown.
"""

from __future__ import annotations

from typing import Any, Optional

from .records import Work
from .text import plain, year_of
from .transport import Transport, payload

REGISTRY = "openlibrary"


def _family(name: str) -> str:
    name = plain(name)
    if "," in name:
        return name.split(",", 1)[0].strip()
    parts = name.split()
    return parts[-1] if parts else ""


def work(book: dict[str, Any], isbn: str) -> Work:
    publishers = [plain(p.get("name")) for p in book.get("publishers") or [] if isinstance(p, dict)]
    ids = book.get("identifiers") or {}
    return Work(
        registry=REGISTRY,
        title=plain(book.get("title")),
        subtitle=plain(book.get("subtitle")) or None,
        authors=[n for n in (_family(a.get("name", "")) for a in book.get("authors") or []) if n],
        year=year_of(book.get("publish_date")),
        container=publishers[0] if publishers else None,
        isbn=[*ids.get("isbn_13", []), *ids.get("isbn_10", [])] or [isbn],
        type="book",
        url=book.get("url"),
    )


def edition(data: dict[str, Any], isbn: str) -> Work:
    """A work from an edition record (``/isbn/{isbn}.json``): authors are only keys there."""
    return Work(
        registry=REGISTRY,
        title=plain(data.get("title")),
        subtitle=plain(data.get("subtitle")) or None,
        year=year_of(data.get("publish_date")),
        container=plain((data.get("publishers") or [None])[0]) or None,
        isbn=[*data.get("isbn_13", []), *data.get("isbn_10", [])] or [isbn],
        type="book",
        url=data.get("key"),
    )


async def by_isbn(http: Transport, isbn: str) -> Optional[Work]:
    """The book with this ISBN: the Books API (with author names), else the edition record."""
    key = f"ISBN:{isbn}"
    response = await http.get(REGISTRY, "/api/books", {"bibkeys": key, "jscmd": "data", "format": "json"})
    book = payload(REGISTRY, response).get(key) if response is not None else None
    if isinstance(book, dict):
        return work(book, isbn)
    response = await http.get(REGISTRY, f"/isbn/{isbn}.json")
    if response is None:
        return None
    data = payload(REGISTRY, response)
    return edition(data, isbn) if data.get("title") else None
