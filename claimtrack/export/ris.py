"""RIS export in the tag layout Zotero's RIS importer reads.

``TY`` ELEC, NEWS, JOUR, BOOK or RPRT; ``AU`` "Family, Given" (a corporate
author as one name); ``T2`` the site, paper or journal; ``PY`` the year and
``DA`` the full date as ``YYYY/MM/DD``; ``Y2`` the access date; ``PB`` the
publisher (a report's institution); ``SN`` ISBN or report number; the
translation of a foreign title and an archived copy as ``N1`` notes.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Reference, RefType
from .biblatex import issuer
from .latex import curly_quotes

TYPES = {
    RefType.WEBPAGE: "ELEC",
    RefType.NEWS: "NEWS",
    RefType.ARTICLE: "JOUR",
    RefType.BOOK: "BOOK",
    RefType.REPORT: "RPRT",
}
TRANSLATION_NOTE = "English title: "
ARCHIVE_NOTE = "Archived at "


def ris_date(value: str) -> str:
    """ "2020-10" -> "2020/10": RIS dates use slashes, as precise as known."""
    return value.replace("-", "/")


def _line(tag: str, value: str) -> str:
    return f"{tag}  - {' '.join(value.split())}"


def tags(ref: Reference) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = [("TY", TYPES[ref.type])]
    # "others" is BibTeX's "et al."; RIS has no such marker, only names
    people = [author for author in ref.authors if author != "others"]
    # an unsigned newspaper article is credited to the paper, as in the other formats
    corporate = ref.organization or (ref.container if ref.type is RefType.NEWS else None)
    authors = people or ([corporate] if corporate else [])
    out += [("AU", author) for author in authors]
    if ref.title:
        out.append(("TI", curly_quotes(ref.title)))  # as in the other formats
    container = ref.container
    if ref.type is RefType.REPORT:
        publisher = issuer(ref)
        container = None
    else:
        publisher = ref.publisher
    if container:
        out.append(("T2", container))
    if ref.date:
        out.append(("PY", ref.date[:4]))
        out.append(("DA", ris_date(ref.date)))
    if ref.volume:
        out.append(("VL", ref.volume))
    if ref.issue:
        out.append(("IS", ref.issue))
    if ref.pages:
        first, _, last = ref.pages.replace("–", "-").replace("--", "-").partition("-")
        out.append(("SP", first.strip()))
        if last:
            out.append(("EP", last.strip()))
    if publisher:
        out.append(("PB", publisher))
    if ref.location:
        out.append(("CY", ref.location))
    if ref.number and ref.type is RefType.REPORT:
        out.append(("SN", ref.number))
    elif ref.isbn:
        out.append(("SN", ref.isbn))
    if ref.doi:
        out.append(("DO", ref.doi))
    if ref.url:
        out.append(("UR", ref.url))
    if ref.urldate:
        out.append(("Y2", ris_date(ref.urldate)))
    if ref.language:
        out.append(("LA", ref.language))
    if ref.title_translation:
        out.append(("N1", TRANSLATION_NOTE + curly_quotes(ref.title_translation)))
    if ref.archive_url:
        out.append(("N1", ARCHIVE_NOTE + ref.archive_url))
    if ref.note:
        out.append(("N1", ref.note))
    out.append(("ID", ref.key))
    return out


def entry(ref: Reference) -> str:
    if ref.entry_type:  # imported: its own type and every field RIS has a tag for
        from ..bib import ris

        return ris.entry(ref)
    return "\n".join(_line(tag, value) for tag, value in tags(ref)) + "\nER  - \n"


def dumps(refs: Iterable[Reference]) -> str:
    return "\n".join(entry(ref) for ref in refs)
