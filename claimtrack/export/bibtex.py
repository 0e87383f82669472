"""Classic BibTeX export, for old styles (``plain``, ``alpha``...): the lossy choice.

Old styles know no ``url``, ``urldate`` or ``date``: the URL goes into
``howpublished = {\\url{...}}``, the access date into ``note``, the date into
``year`` and ``month``.  A source missing a field its classic type requires
(``year`` on ``@article``, say) is written as ``@misc``, which requires
nothing, so ``bibtex`` runs without warnings.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Reference, RefType
from .biblatex import Macro, format_entry, issuer, list_item, name_list, url_command
from .latex import escape, protect_case

_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
# type -> (classic entry type, the field holding the container, fields the type requires)
_CLASSIC = {
    RefType.NEWS: ("article", "journal", ("author", "title", "journal", "year")),
    RefType.ARTICLE: ("article", "journal", ("author", "title", "journal", "year")),
    RefType.BOOK: ("book", "series", ("author", "title", "publisher", "year")),
    RefType.REPORT: ("techreport", "institution", ("author", "title", "institution", "year")),
}


def _title(ref: Reference) -> str | None:
    if not ref.title:
        return None
    title = protect_case(ref.title)
    if ref.title_translation:
        title += " [" + protect_case(ref.title_translation) + "]"
    return title


def entry(ref: Reference) -> str:
    if ref.entry_type:  # imported: its own classic type (@inproceedings, @phdthesis...)
        from ..bib import bibtex_write

        return bibtex_write.entry(ref)
    values: dict[str, str] = {}

    def add(name: str, value: str | None, *, raw: bool = False) -> None:
        if value:
            values[name] = value if raw else list_item(name, escape(value))

    add("author", name_list(ref), raw=True)
    add("title", _title(ref), raw=True)
    entry_type, container_field, required = _CLASSIC.get(ref.type, ("misc", "", ()))
    container = issuer(ref) if ref.type is RefType.REPORT else ref.container
    if container_field:
        add(container_field, container)
    if ref.publisher != container:
        add("publisher", ref.publisher)
    add("address", ref.location)
    add("volume", ref.volume)
    add("number", ref.issue if ref.type in (RefType.ARTICLE, RefType.NEWS) else ref.number)
    add("pages", ref.pages.replace("–", "--") if ref.pages else None)
    if ref.date:
        values["year"] = ref.date[:4]
        if len(ref.date) >= 7:
            values["month"] = Macro(_MONTHS[int(ref.date[5:7]) - 1])
    add("doi", ref.doi, raw=True)
    add("isbn", ref.isbn)
    if any(name not in values for name in required):
        entry_type = "misc"  # requires nothing: no "empty year" warnings for undated sources
    notes = []
    if ref.url and entry_type == "misc":
        values["howpublished"] = url_command(ref.url)
    elif ref.url:
        notes.append(url_command(ref.url))
    if entry_type == "misc" and container:
        values.pop(container_field, None)  # @misc has no field for a site or paper: it goes first in note
        notes.insert(0, escape(container))
    if ref.note:
        notes.append(escape(ref.note))
    if ref.archive_url:
        notes.append("Archived at " + url_command(ref.archive_url))
    if ref.urldate:
        notes.append("Accessed " + ref.urldate)
    if notes:
        values["note"] = ". ".join(notes)
    if "author" not in values:
        # what plain and alpha sort and label by when there is no author
        add("key", ref.container or ref.title or ref.key)
    order = ["author", "title", "howpublished", "journal", "series", "institution", "publisher", "address",
             "volume", "number", "pages", "year", "month", "doi", "isbn", "note", "key"]  # fmt: skip
    return format_entry(entry_type, ref.key, [(name, values[name]) for name in order if name in values])


def dumps(refs: Iterable[Reference]) -> str:
    return "\n".join(entry(ref) for ref in refs)
