"""Is an imported reference one we already have, and what does it add?

Identity, strongest first: DOI, ISBN, normalised URL, then title + year +
first author's family name (the title alone when a source has no author,
as web pages often do).  A merge never overwrites: the existing reference
only gains the fields, names and verbatim extras it lacked.
"""

from __future__ import annotations

import re
from typing import Optional

from ..model import Reference
from ..urls import normalize
from .entry import author_names


def _title_key(ref: Reference) -> Optional[str]:
    if not ref.title:
        return None
    words = re.findall(r"\w+", ref.title.casefold())
    return " ".join(words) if len(words) >= 2 else None


def _first_family(ref: Reference) -> str:
    people = author_names(ref)
    if not people:
        return ""
    first = people[0]
    return (first.literal or first.family or "").casefold()


def _isbn(value: str) -> str:
    return re.sub(r"[^0-9Xx]", "", value).upper()


def identities(ref: Reference) -> list[tuple[str, str]]:
    out = []
    if ref.doi:
        out.append(("DOI", ref.doi.lower()))
    if ref.isbn and ref.entry_type not in ("incollection", "inbook", "inproceedings", "inreference"):
        # a chapter shares its book's ISBN: not an identity of the chapter
        out.append(("ISBN", _isbn(ref.isbn)))
    if ref.url:
        out.append(("URL", normalize(ref.url)))
    title = _title_key(ref)
    if title:
        out.append(("title", f"{title}|{(ref.date or '')[:4]}|{_first_family(ref)}"))
    return out


class Index:
    """The project's references by identity."""

    def __init__(self) -> None:
        self._known: dict[tuple[str, str], Reference] = {}

    def add(self, ref: Reference) -> None:
        for identity in identities(ref):
            self._known.setdefault(identity, ref)

    def find(self, ref: Reference) -> Optional[tuple[str, Reference]]:
        for by, value in identities(ref):
            if (by, value) in self._known:
                return by, self._known[(by, value)]
        return None


_NOT_FILLED = ("key", "type", "file", "line", "entry_type", "container_field", "names", "fields", "extra")
_FILLABLE = [name for name in Reference.model_fields if name not in _NOT_FILLED]


def fill(existing: Reference, new: Reference) -> list[str]:
    """Give ``existing`` what it lacks from ``new``; never overwrite.  The names of what it gained."""
    filled = []
    for name in _FILLABLE:
        if not getattr(existing, name) and getattr(new, name):
            if name in ("authors", "organization") and (existing.authors or existing.organization):
                continue
            if name == "container" and new.container_field and existing.entry_type:
                continue  # it came from another field than the one ``existing`` would write it to
            setattr(existing, name, getattr(new, name))
            filled.append(name)
    for attr in ("names", "fields", "extra"):
        have, offer = getattr(existing, attr), getattr(new, attr)
        gained = {k: v for k, v in offer.items() if k not in have and not (attr == "names" and k == "author")}
        if gained:
            setattr(existing, attr, {**have, **gained})
            filled += sorted(gained)
    return filled
