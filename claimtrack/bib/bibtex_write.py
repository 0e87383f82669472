"""Classic BibTeX export of imported references: lossy by design, but with the types BibTeX has.

``@inproceedings``, ``@incollection``, ``@phdthesis``, ``@techreport``...
(``types.TO_BIBTEX``); biblatex's fields renamed to BibTeX's (journaltitle ->
journal, location -> address, institution -> school for a thesis), the date
as ``year``/``month``, the title with its subtitle, names in BibTeX's own
form (a capitalised particle braced into the family name: BibTeX has no
extended format).  Fields plain BibTeX styles do not know are left out, as
are ``crossref``/``xdata`` (already resolved: BibTeX would need the parent
after the child).  A type missing a field its style requires becomes
``@misc`` so that ``bibtex`` runs without errors.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Reference
from . import dates, types
from .entry import NAMES, TITLE, entry_type_of, list_items, to_fields
from .latex import escape, protect_case
from .names import format_names

_MONTHS = dates.MONTHS
# biblatex field -> BibTeX field, for those plain/alpha/abbrv and the usual styles read
_RENAME = {"journaltitle": "journal", "location": "address", "annotation": "annote"}
_KEEP = {
    "author", "editor", "title", "booktitle", "journal", "series", "edition", "publisher", "address",
    "volume", "number", "pages", "chapter", "type", "institution", "school", "organization", "howpublished",
    "note", "doi", "isbn", "issn", "url", "key", "annote", "abstract", "keywords",
}  # fmt: skip
# fields each classic type requires in plain.bst (else bibtex warns; a missing one makes it @misc)
_REQUIRED = {
    "article": ("author", "title", "journal", "year"), "book": ("title", "publisher", "year"),
    "inbook": ("title", "publisher", "year"), "incollection": ("author", "title", "booktitle", "publisher", "year"),
    "inproceedings": ("author", "title", "booktitle", "year"), "manual": ("title",),
    "mastersthesis": ("author", "title", "school", "year"), "phdthesis": ("author", "title", "school", "year"),
    "proceedings": ("title", "year"), "techreport": ("author", "title", "institution", "year"),
    "unpublished": ("author", "title", "note"), "booklet": ("title",),
}  # fmt: skip
_ORDER = ["author", "editor", "title", "booktitle", "journal", "series", "edition", "chapter", "howpublished",
          "institution", "school", "organization", "publisher", "address", "volume", "number", "type", "pages",
          "year", "month", "doi", "isbn", "issn", "url", "note", "key"]  # fmt: skip


def _join_title(title: str | None, subtitle: str | None) -> str | None:
    if not title:
        return None
    return protect_case(f"{title}: {subtitle}" if subtitle and title[-1] not in "?!.:" else
                        f"{title} {subtitle}" if subtitle else title)  # fmt: skip


def entry(ref: Reference) -> str:
    from ..export.biblatex import Macro, format_entry

    entry_type, _ = entry_type_of(ref)
    fields = {name: (value, kind) for name, value, kind in to_fields(ref)}
    classic = types.to_bibtex(entry_type, str(fields.get("type", ("",))[0]))
    values: dict[str, str] = {}
    for name, (value, kind) in fields.items():
        name = _RENAME.get(name, name)
        if name not in _KEEP or name == "title":
            continue
        if kind == NAMES:
            values[name] = format_names(value, escape, extended=False)  # type: ignore[arg-type]
        elif name in ("url", "doi"):
            values[name] = str(value)
        elif name in ("publisher", "address", "institution", "organization"):
            values[name] = " and ".join(
                escape(item)
                for item in list_items("{" + str(value) + "}" if name not in ref.fields else str(value))
            )
        elif kind == TITLE:
            values[name] = protect_case(str(value))
        else:
            values[name] = escape(str(value))
    title = _join_title(ref.title, ref.fields.get("subtitle"))
    if title:
        values["title"] = title
    if entry_type == "thesis":
        values.pop("type", None)  # the type chose @phdthesis or @mastersthesis
        if "institution" in values:
            values["school"] = values.pop("institution")
    elif entry_type == "report" and str(fields.get("type", ("",))[0]).lower() == "techreport":
        values.pop("type", None)
    if classic in ("inproceedings", "incollection", "inbook") and ref.container and "booktitle" not in values:
        values["booktitle"] = protect_case(ref.container)
    if "pages" in values:
        values["pages"] = values["pages"].replace("–", "--")
    start = dates.start(ref.date or ref.fields.get("date"))
    if start:
        values["year"] = start[:4]
        if len(start) >= 7:
            values["month"] = Macro(_MONTHS[int(start[5:7]) - 1])
    elif ref.fields.get("year"):
        values["year"] = escape(ref.fields["year"])
    if ref.urldate:
        values["note"] = ". ".join(filter(None, [values.get("note"), "Accessed " + ref.urldate]))
    if classic in _REQUIRED and any(name not in values for name in _REQUIRED[classic]):
        classic = "misc"  # requires nothing: bibtex runs without "empty field" warnings
    if "author" not in values and "editor" not in values:
        values["key"] = escape(ref.container or ref.title or ref.key)
    ordered = [(name, values[name]) for name in _ORDER if name in values]
    return format_entry(classic, ref.key, ordered)


def dumps(refs: Iterable[Reference]) -> str:
    return "\n".join(entry(ref) for ref in refs)
