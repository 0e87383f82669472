"""One biblatex entry (type, key, named fields) <-> a ``Reference``: the mapping every reader and writer shares.

Readers hand over raw field values and a ``decode`` function (LaTeX for an
imported file, none for ``references/*.bib``, which holds Unicode); writers
get the fields back in a fixed order, each with its kind, and escape them as
their format needs.  A field biblatex knows goes to a model attribute or to
``Reference.fields``; one it does not know is kept verbatim in ``extra``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Optional

from ..langs import from_babel, to_babel
from ..model import Name, Reference
from . import dates, names, types
from .datamodel import (
    DATE_FIELDS,
    FIELD_ALIASES,
    KEY_VERBATIM,
    KNOWN_FIELDS,
    LIST_FIELDS,
    NAME_FIELDS,
    TYPE_ALIASES,
    VERBATIM_FIELDS,
)

Decode = Callable[[str], str]
ARTICLE_LIKE = frozenset({"article", "periodical", "suppperiodical", "review"})
CHAPTER_LIKE = frozenset({"inbook", "incollection", "inproceedings", "inreference", "bookinbook", "suppbook", "suppcollection"})  # fmt: skip
# Where ``Reference.container`` lives for each type (online/book/report: as ingest has always stored them).
_DEFAULT_CONTAINER = {"online": "organization", "book": "series", "report": "institution"}
# Fields of our own (not biblatex's), read back into model attributes.
OWN_FIELDS = {"titletranslation": "title_translation", "archiveurl": "archive_url"}
_URL_COMMAND = re.compile(r"^\\url\{(.*)\}$", re.S)
_DOI_PREFIX = re.compile(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", re.I)


def container_field(entry_type: str) -> str:
    if entry_type in CHAPTER_LIKE:
        return "booktitle"
    return _DEFAULT_CONTAINER.get(entry_type, "journaltitle")


@dataclass
class Problem:
    """A field that could not be read: dropped, and said as a warning."""

    field: str
    reason: str
    line: Optional[int] = None


def list_value(items: list[str]) -> str:
    """A literal list as one string: items joined by " and ", an item containing " and " braced."""
    return " and ".join("{" + item + "}" if re.search(r"\sand\s", item) else item for item in items)


def list_items(value: str) -> list[str]:
    return [
        item[1:-1] if item.startswith("{") and item.endswith("}") else item
        for item in names.split_list(value)
    ]


def _verbatim(raw: str) -> str:
    raw = " ".join(raw.split())
    match = _URL_COMMAND.match(raw)
    return match.group(1) if match else raw


def to_reference(
    entry_type: str,
    key: str,
    raw_fields: list[tuple[str, str]],
    decode: Decode,
    *,
    problems: Optional[list[Problem]] = None,
    file: Optional[str] = None,
    line: Optional[int] = None,
    lines: Optional[dict[str, int]] = None,
    decode_names: Optional[Decode] = None,
    parsed_names: Optional[dict[str, list[Name]]] = None,
    split_items: Callable[[str], list[str]] = list_items,
) -> Reference:
    """A Reference from an entry's raw fields; unreadable optional fields go to ``problems``."""
    problems = problems if problems is not None else []
    lines = lines or {}
    entry_type = entry_type.lower()
    entry_type, implied_type = TYPE_ALIASES.get(entry_type, (entry_type, None))
    present = {name.lower() for name, _ in raw_fields}
    fields: dict[str, str] = {}
    extra: dict[str, str] = {}
    name_lists: dict[str, list[Name]] = dict(parsed_names or {})
    for original, raw in raw_fields:
        name = original.lower()
        alias = FIELD_ALIASES.get(name)
        if alias and alias not in present and alias not in fields:
            name = alias
        elif alias:  # ``address`` beside ``location``: both kept, the old one verbatim
            extra[original.lower()] = raw
            continue
        if name in NAME_FIELDS:
            try:
                parsed = [names.parse_name(item, decode_names or decode) for item in names.split_list(raw)]
            except ValueError as exc:
                problems.append(Problem(name, str(exc), lines.get(original)))
                continue
            if parsed:
                name_lists[name] = parsed
        elif name in OWN_FIELDS or name in VERBATIM_FIELDS or name in KEY_VERBATIM or name in DATE_FIELDS:
            # a date's "~" means approximate, not a space: never LaTeX-decoded
            fields[name] = _verbatim(raw)
        elif name in LIST_FIELDS:
            fields[name] = list_value([decode(item) for item in split_items(raw)])
        elif name in KNOWN_FIELDS:
            fields[name] = decode(raw)
        else:
            extra[name] = raw
    addendum = next((raw for name, raw in raw_fields if name.lower() == "addendum"), "")
    archived = re.fullmatch(r"Archived at \\url\{(.+)\}", addendum.strip())
    if archived and "archiveurl" not in fields:
        fields.pop("addendum", None)
        fields["archiveurl"] = archived.group(1).replace("\\%", "%").replace("\\#", "#")
    if implied_type and "type" not in fields:
        fields["type"] = implied_type
    _dates(fields, problems, lines)
    return _assemble(entry_type, key, fields, extra, name_lists, file, line)


def _dates(fields: dict[str, str], problems: list[Problem], lines: dict[str, int]) -> None:
    for name in DATE_FIELDS:
        value = fields.get(name)
        if value is not None and not dates.is_valid(value):
            del fields[name]
            problems.append(Problem(name, f"not a date: {value!r}", lines.get(name)))
    if "year" in fields and "date" not in fields:
        year = fields.pop("year")
        month, day = fields.pop("month", None), fields.pop("day", None)
        value = dates.from_parts(year, month, day)
        if value is None:
            fields["year"] = year  # "n.d.", "forthcoming": kept as written; biblatex prints it
        else:
            fields["date"] = value
            if month and dates.month_number(month) is None:
                problems.append(Problem("month", f"not a month: {month!r}", lines.get("month")))


def _assemble(
    entry_type: str,
    key: str,
    fields: dict[str, str],
    extra: dict[str, str],
    name_lists: dict[str, list[Name]],
    file: Optional[str],
    line: Optional[int],
) -> Reference:
    subtype = fields.get("entrysubtype")
    data: dict[str, object] = {
        "key": key,
        "type": types.coarse(entry_type, subtype),
        "entry_type": entry_type,
        "file": file,
        "line": line,
    }
    authors = name_lists.get("author", [])
    if len(authors) == 1 and authors[0].literal is not None:
        data["organization"] = authors[0].literal
    elif authors:
        data["authors"] = [name.display for name in authors]
    usual = container_field(entry_type)
    source = next((f for f in (usual, "journaltitle", "booktitle") if fields.get(f)), None)
    if source:
        data["container"] = _take(fields, source)
        if source != usual:
            data["container_field"] = source
    simple = {"title": "title", "publisher": "publisher", "location": "location", "volume": "volume",
              "pages": "pages", "url": "url", "isbn": "isbn", "note": "note",
              "title_translation": "titletranslation", "archive_url": "archiveurl"}  # fmt: skip
    for attr, name in simple.items():
        if fields.get(name):
            data[attr] = _take(fields, name)
    if fields.get("doi"):
        data["doi"] = _DOI_PREFIX.sub("", fields.pop("doi"))
    if fields.get("number"):
        data["issue" if entry_type in ARTICLE_LIKE else "number"] = fields.pop("number")
    for name in ("date", "urldate"):
        value = fields.get(name)
        start = dates.start(value)
        if start and dates.is_valid(start):
            data[name] = start
            if start == value:
                del fields[name]  # else the full value (a range, a time) stays in fields
    if fields.get("langid"):
        data["language"] = from_babel(fields["langid"])
        if to_babel(str(data["language"])) == fields["langid"]:
            del fields["langid"]
    elif fields.get("language") and from_babel(fields["language"].lower()) != fields["language"].lower():
        data["language"] = from_babel(fields["language"].lower())  # "English": the work's language
    # classic BibTeX keeps the URL in howpublished (or note) for styles without a url field
    if not data.get("url"):
        for name in ("howpublished", "note"):
            if re.fullmatch(r"https?://\S+", data.get(name) or fields.get(name) or ""):
                data["url"] = data.get(name) or fields.get(name)
                break
    accessed = re.search(
        r"\b(?:Accessed|Retrieved)(?: on)?:? (\d{4}-\d{2}-\d{2})\b", str(data.get("note") or "")
    )
    if accessed and not data.get("urldate"):
        data["urldate"] = accessed.group(1)
    data["names"] = {role: people for role, people in name_lists.items() if not _plain_authors(role, people)}
    data["fields"] = fields
    data["extra"] = extra
    return Reference.model_validate(data)


def _take(fields: dict[str, str], name: str) -> str:
    """A field's value for a model attribute; a list of several items also stays in ``fields`` as written."""
    value = fields[name]
    if name not in LIST_FIELDS:
        return fields.pop(name)
    items = list_items(value)
    if len(items) == 1:
        del fields[name]
    return " and ".join(items)


def _plain_authors(role: str, people: list[Name]) -> bool:
    """An author list ``authors``/``organization`` says exactly: no need to keep it twice."""
    if role != "author":
        return False
    if len(people) == 1 and people[0].literal is not None:
        return people[0].literal != "others"
    return all(
        person.literal == "others" or person.literal is None and not person.prefix and not person.suffix and person.useprefix is None
        and person.family and "," not in person.family and "," not in (person.given or "")
        for person in people
    )  # fmt: skip


# -- writing ---------------------------------------------------------------

# kinds a writer escapes differently
NAMES, VERBATIM, TITLE, TEXT, RAW = "names", "verbatim", "title", "text", "raw"
_ORDER = [
    "author", "editor", "translator", "title", "subtitle", "titleaddon", "titletranslation", "booktitle",
    "booksubtitle", "maintitle", "mainsubtitle", "journaltitle", "journalsubtitle", "organization",
    "institution", "series", "edition", "publisher", "location", "volume", "number", "issue", "type", "pages",
    "date", "url", "urldate", "doi", "isbn", "issn", "langid", "entrysubtype", "archiveurl", "note", "addendum",
]  # fmt: skip


def author_names(ref: Reference) -> list[Name]:
    if ref.names.get("author"):
        return ref.names["author"]
    if ref.authors:
        return [names.from_display(author) for author in ref.authors]
    return [Name(literal=ref.organization)] if ref.organization else []


def entry_type_of(ref: Reference) -> tuple[str, Optional[str]]:
    """(biblatex type, entrysubtype) of a reference, made by ingest or imported."""
    if ref.entry_type:
        return ref.entry_type, ref.fields.get("entrysubtype")
    return types.FROM_COARSE[ref.type]


def to_fields(ref: Reference) -> list[tuple[str, object, str]]:
    """Every field of ``ref`` as (biblatex name, value, kind), in a fixed order; values are Unicode."""
    entry_type, subtype = entry_type_of(ref)
    out: dict[str, tuple[object, str]] = {}
    people = author_names(ref)
    if people:
        out["author"] = (people, NAMES)
    for role, lst in ref.names.items():
        if role != "author" and lst:
            out[role] = (lst, NAMES)
    if ref.title:
        out["title"] = (ref.title, TITLE)
    if ref.title_translation:
        out["titletranslation"] = (ref.title_translation, TITLE)
    if ref.container:
        out[ref.container_field or container_field(entry_type)] = (ref.container, TEXT)
    simple = {"publisher": ref.publisher, "location": ref.location, "volume": ref.volume, "pages": ref.pages,
              "isbn": ref.isbn, "note": ref.note}  # fmt: skip
    for name, value in simple.items():
        if value:
            out[name] = (value, TEXT)
    number = ref.issue if entry_type in ARTICLE_LIKE else ref.number
    if number:
        out["number"] = (number, TEXT)
    for name, value in (("date", ref.date), ("urldate", ref.urldate)):
        if value:
            out[name] = (value, VERBATIM)
    for name, value in (("url", ref.url), ("doi", ref.doi), ("archiveurl", ref.archive_url)):
        if value:
            out[name] = (value, VERBATIM)
    if ref.language:
        out["langid"] = (to_babel(ref.language) or ref.language, TEXT)
    if subtype:
        out["entrysubtype"] = (subtype, TEXT)
    for name, value in ref.fields.items():
        kind = (
            VERBATIM
            if name in VERBATIM_FIELDS or name in DATE_FIELDS or name in KEY_VERBATIM
            else TITLE
            if name in _TITLES
            else TEXT
        )
        out[name] = (value, kind)
    ordered = sorted(out, key=lambda n: _ORDER.index(n) if n in _ORDER else len(_ORDER))
    result = [(name, *out[name]) for name in ordered]
    result += [(name, value, RAW) for name, value in ref.extra.items() if name not in out]
    return result


_TITLES = frozenset({"subtitle", "titleaddon", "booktitle", "booksubtitle", "maintitle", "mainsubtitle",
                     "eventtitle", "origtitle", "shorttitle", "issuetitle"})  # fmt: skip
