"""biblatex export, for biber and pandoc.

``@online`` for web pages, ``@article`` (``entrysubtype = {newspaper}`` for
press), ``@book``, ``@report``.  Dates only as precise as known, ISO
``urldate``, raw ``url``, corporate authors braced as one name, ``langid`` as
a babel name, an English translation of a foreign title in ``titleaddon`` and
an archived copy in ``addendum``.  Every field but the URL is LaTeX-escaped.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..langs import to_babel
from ..model import Reference, RefType
from .latex import escape, protect_case

ENTRY_TYPES = {
    RefType.WEBPAGE: "online",
    RefType.NEWS: "article",
    RefType.ARTICLE: "article",
    RefType.BOOK: "book",
    RefType.REPORT: "report",
}
# The biblatex field for the site, paper, journal or issuing body.
CONTAINER_FIELD = {
    RefType.WEBPAGE: "organization",
    RefType.NEWS: "journaltitle",
    RefType.ARTICLE: "journaltitle",
    RefType.BOOK: "series",
    RefType.REPORT: "institution",
}
# biblatex list fields: " and " separates items, so a name containing it is braced whole
LIST_FIELDS = {"organization", "institution", "publisher", "location"}
# The fields biber's default data model accepts on each type, of those we write;
# any other goes into ``note`` with a label, rather than draw a warning.
VALID = {
    "online": {"organization"},
    "article": {"journaltitle", "volume", "number", "pages", "entrysubtype"},
    "book": {"series", "publisher", "location", "volume", "number", "pages", "isbn"},
    "report": {"institution", "location", "number", "type", "pages"},
}
_COMMON = {"author", "title", "titleaddon", "date", "url", "urldate", "doi", "langid", "note", "addendum"}
# (the import reads these back: see bib/own_export._labelled_notes)
LABELS = {
    "publisher": "Publisher: ", "location": "Place: ", "volume": "Vol. ", "number": "No. ",
    "pages": "pp. ", "isbn": "ISBN ", "organization": "Organization: ", "institution": "Institution: ",
    "series": "Series: ",
}  # fmt: skip
REPORT_TYPE = "Report"  # biblatex requires ``type`` on @report
ARCHIVED_PREFIX = "Archived at "


def name_list(ref: Reference) -> str | None:
    """``author``: persons as "Family, Given", or one braced corporate name.

    An unsigned newspaper article is credited to the paper: biblatex's data
    model requires an author on @article, and Chicago puts the paper first.
    """
    if ref.authors:
        return " and ".join(escape(a) for a in ref.authors)
    corporate = ref.organization or (ref.container if ref.type is RefType.NEWS else None)
    return "{" + escape(corporate) + "}" if corporate else None


def issuer(ref: Reference) -> str | None:
    """Who issued a report: its institution, else its publisher, else the body its authors wrote for."""
    return ref.container or ref.publisher or (ref.organization if ref.authors else None)


def fields(ref: Reference) -> list[tuple[str, str]]:
    """The entry's fields in a fixed order, values ready to write between braces."""
    out: list[tuple[str, str]] = []

    def add(name: str, value: str | None, *, raw: bool = False) -> None:
        if value:
            out.append((name, value if raw else list_item(name, escape(value))))

    add("author", name_list(ref), raw=True)
    if ref.title:
        out.append(("title", protect_case(ref.title)))
    if ref.title_translation:
        out.append(("titleaddon", "[" + protect_case(ref.title_translation) + "]"))
    container = issuer(ref) if ref.type is RefType.REPORT else ref.container
    add(CONTAINER_FIELD[ref.type], container)
    if ref.publisher != container:
        add("publisher", ref.publisher)
    add("location", ref.location)
    add("volume", ref.volume)
    add("number", ref.issue if ref.type in (RefType.ARTICLE, RefType.NEWS) else ref.number)
    if ref.type is RefType.REPORT:
        add("type", REPORT_TYPE)
    add("pages", ref.pages.replace("–", "--") if ref.pages else None)
    add("date", ref.date, raw=True)
    add("url", ref.url, raw=True)
    add("urldate", ref.urldate, raw=True)
    add("doi", ref.doi, raw=True)
    add("isbn", ref.isbn)
    add("langid", to_babel(ref.language))
    if ref.type is RefType.NEWS:
        add("entrysubtype", "newspaper")
    valid = VALID[ENTRY_TYPES[ref.type]] | _COMMON
    extra = [LABELS.get(name, name + ": ") + value for name, value in out if name not in valid]
    out = [(name, value) for name, value in out if name in valid]
    notes = ([escape(ref.note)] if ref.note else []) + extra
    if notes:
        out.append(("note", "; ".join(notes)))
    if ref.archive_url:
        add("addendum", ARCHIVED_PREFIX + url_command(ref.archive_url), raw=True)
    return out


def list_item(name: str, value: str) -> str:
    """One item of a biblatex list field, braced if " and " would split it."""
    return "{" + value + "}" if name in LIST_FIELDS and " and " in f" {value} " else value


def url_command(url: str) -> str:
    """``\\url{...}`` inside another field: ``%`` and ``#`` would end or break the argument there."""
    return "\\url{" + url.replace("%", "\\%").replace("#", "\\#") + "}"


class Macro(str):
    """A field value written bare, as a BibTeX string macro (``month = oct``)."""


def format_entry(entry_type: str, key: str, entry_fields: list[tuple[str, str]]) -> str:
    width = max((len(name) for name, _ in entry_fields), default=0)
    body = "".join(
        f"  {name:<{width}} = {value if isinstance(value, Macro) else '{' + value + '}'},\n"
        for name, value in entry_fields
    )
    return f"@{entry_type}{{{key},\n{body}}}\n"


def entry(ref: Reference) -> str:
    if ref.entry_type:  # imported: every type and field as the source had them
        from ..bib import biblatex_write

        return biblatex_write.entry(ref)
    return format_entry(ENTRY_TYPES[ref.type], ref.key, fields(ref))


def dumps(refs: Iterable[Reference]) -> str:
    return "\n".join(entry(ref) for ref in refs)
