"""Our own exports read back as the references they came from.

A biblatex file ``claimtrack export`` wrote for references ingest made uses
conventions of its own (the English title in ``titleaddon`` in brackets, an
archived copy in ``addendum``, fields the type lacks in a labelled
``note``, an unsigned article credited to its paper).  ``bibtex_read`` asks
this module for that reading of an entry and keeps it when writing it back
through ``export/biblatex.py`` gives exactly the entry the general writer
would: then the entry is ours, and every other format exports it as before.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Optional

from ..export import biblatex as blx
from ..langs import from_babel
from ..model import Reference, RefType
from .latex import decode as to_unicode
from .names import one_group

_MONTH_NAMES = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_TYPES = {
    "online": RefType.WEBPAGE, "www": RefType.WEBPAGE, "electronic": RefType.WEBPAGE, "misc": RefType.WEBPAGE,
    "webpage": RefType.WEBPAGE, "article": RefType.ARTICLE, "periodical": RefType.ARTICLE,
    "inproceedings": RefType.ARTICLE, "incollection": RefType.ARTICLE, "inbook": RefType.ARTICLE,
    "book": RefType.BOOK, "mvbook": RefType.BOOK, "collection": RefType.BOOK, "booklet": RefType.BOOK,
    "report": RefType.REPORT, "techreport": RefType.REPORT, "thesis": RefType.REPORT,
    "phdthesis": RefType.REPORT, "mastersthesis": RefType.REPORT, "manual": RefType.REPORT,
}  # fmt: skip
# Fields we read; anything else in an entry is reported as dropped.
_KNOWN = {
    "author", "title", "titleaddon", "journaltitle", "journal", "booktitle", "organization", "institution",
    "school", "series", "publisher", "location", "address", "volume", "number", "issue", "type", "pages",
    "date", "year", "month", "url", "urldate", "howpublished", "doi", "isbn", "langid", "language",
    "entrysubtype", "note", "addendum", "archiveurl", "titletranslation",
}  # fmt: skip
_URL_COMMAND = re.compile(r"\\url\{((?:[^{}]|\{[^{}]*\})*)\}")
_ACCESSED = re.compile(r"^(?:Accessed|Retrieved|Last accessed)(?: on)?:?\s+(\d{4}-\d{2}-\d{2})$", re.I)
_ARCHIVED = re.compile(r"^Archived at\s+\\url\{(.+)\}$")


def _split_names(value: str) -> list[str]:
    """Split ``author`` at " and " outside braces."""
    names, depth, start = [], 0, 0
    for match in re.finditer(r"[{}]|\s+and\s+", value):
        token = match.group(0)
        if token == "{":
            depth += 1
        elif token == "}":
            depth -= 1
        elif depth == 0:
            names.append(value[start : match.start()])
            start = match.end()
    names.append(value[start:])
    return [name.strip() for name in names if name.strip()]


def _person(raw: str) -> str:
    """A BibTeX name as "Family, Given"."""
    name = to_unicode(raw)
    if "," in name:
        family, given = (part.strip() for part in name.split(",", 1))
        return f"{family}, {given}" if given else family
    parts = name.split()
    return f"{parts[-1]}, {' '.join(parts[:-1])}" if len(parts) > 1 else name


def _is_corporate(raw: str) -> bool:
    """``{International Crisis Group}``: one braced name, never split into given and family."""
    return one_group(raw)


def _date(values: dict[str, str]) -> Optional[str]:
    """``date`` (a range gives its start) or ``year`` and ``month``; a malformed ``date`` is left to fail."""
    if values.get("date"):
        return to_unicode(values["date"]).split("/")[0].split("T")[0]
    year = to_unicode(values.get("year", ""))
    if not re.fullmatch(r"\d{4}", year):
        return None  # "n.d.", "forthcoming": no date known; the field is reported as dropped
    month = to_unicode(values.get("month", "")).lower()[:3]
    if month.isdigit():
        return f"{year}-{int(month):02d}"
    if month in _MONTH_NAMES:
        return f"{year}-{_MONTH_NAMES.index(month) + 1:02d}"
    return year


def _url_of(value: str) -> str:
    """A URL as written in a field: raw, or inside ``\\url{}`` (which may escape % and #)."""
    match = _URL_COMMAND.search(value)
    url = match.group(1) if match else value
    return url.replace("\\%", "%").replace("\\#", "#").replace("\\_", "_").replace("\\&", "&").strip()


def _notes(raw: str, data: dict[str, object]) -> Optional[str]:
    """Our classic BibTeX export puts URL, archive and access date in ``note``: take them back out."""
    rest = []
    for part in re.split(r"\.\s+(?=\\url\{|Archived at |Accessed )", raw):
        part = part.strip().rstrip(".") if part.strip().endswith("}.") else part.strip()
        archived = _ARCHIVED.match(part)
        if archived:
            data.setdefault("archive_url", _url_of(part))
        elif _ACCESSED.match(to_unicode(part)):
            data.setdefault("urldate", _ACCESSED.match(to_unicode(part)).group(1))
        elif part.startswith("\\url{") and _URL_COMMAND.fullmatch(part):
            data.setdefault("url", _url_of(part))
        elif part:
            rest.append(to_unicode(part))
    return ". ".join(rest) or None


# biblatex field -> model attribute, for the fields our biblatex export moves into note
_LABELLED = {"publisher": "publisher", "location": "location", "volume": "volume", "number": "number",
             "pages": "pages", "isbn": "isbn"}  # fmt: skip


def _labelled_notes(note: str, entry_type: str, data: dict[str, object]) -> Optional[str]:
    """Take back "No. 10" and the like, which our export writes into note for fields the type lacks."""
    parts = note.split("; ")
    valid = blx.VALID[entry_type]
    while len(parts) > 0:
        for name, attr in _LABELLED.items():
            label = blx.LABELS[name]
            if name not in valid and parts[-1].startswith(label) and not data.get(attr):
                data[attr] = parts.pop()[len(label) :]
                break
        else:
            break
    return "; ".join(parts) or None


def _ref_type(entry_type: str, values: dict[str, str]) -> RefType:
    kind = _TYPES.get(entry_type.lower(), RefType.WEBPAGE)
    if kind is RefType.ARTICLE and values.get("entrysubtype", "").strip() == "newspaper":
        return RefType.NEWS
    return kind


def to_reference(
    entry_type: str, key: str, fields: list[tuple[str, str]], path: Path, line: int
) -> Reference:
    """An entry as the reference our export wrote it from; ValueError if it cannot be one."""
    values = {name.lower(): value.strip() for name, value in fields}
    ref_type = _ref_type(entry_type, values)
    text = {name: to_unicode(value) for name, value in values.items() if name not in ("url", "doi")}
    data: dict[str, object] = {"key": key, "type": ref_type}
    container_fields = {
        RefType.WEBPAGE: ("organization", "howpublished"),
        RefType.NEWS: ("journaltitle", "journal"),
        RefType.ARTICLE: ("journaltitle", "journal", "booktitle"),
        RefType.BOOK: ("series",),
        RefType.REPORT: ("institution", "school"),
    }[ref_type]
    container = next((text[f] for f in container_fields if text.get(f) and "\\url" not in values[f]), None)
    if container:
        data["container"] = container
    names = _split_names(values.get("author", ""))
    if len(names) == 1 and _is_corporate(names[0]):
        corporate = to_unicode(names[0])
        # an unsigned article credited to its paper, as our export writes it
        if not (ref_type is RefType.NEWS and corporate == container):
            data["organization"] = corporate
    elif names:
        data["authors"] = [_person(name) for name in names]
    if ref_type is RefType.REPORT and text.get("institution") and data.get("authors") and not container:
        data["organization"] = text["institution"]
    title = text.get("title")
    addon = text.get("titleaddon")
    if addon and addon.startswith("[") and addon.endswith("]"):
        data["title_translation"] = addon[1:-1].strip()
    elif addon:
        title = f"{title}. {addon}" if title else addon
    if text.get("titletranslation"):
        data["title_translation"] = text["titletranslation"]
    if title:
        data["title"] = title
    for attr, names_ in {
        "publisher": ("publisher",),
        "location": ("location", "address"),
        "volume": ("volume",),
        "pages": ("pages",),
        "urldate": ("urldate",),
        "isbn": ("isbn",),
    }.items():
        value = next((text[n] for n in names_ if text.get(n)), None)
        if value:
            data[attr] = value
    if data.get("pages"):
        data["pages"] = str(data["pages"]).replace("--", "–")  # LaTeX's en dash
    number = text.get("number") or text.get("issue")
    if number:
        data["issue" if ref_type in (RefType.ARTICLE, RefType.NEWS) else "number"] = number
    date = _date(values)
    if date:
        data["date"] = date
    if values.get("url"):
        data["url"] = _url_of(values["url"])
    elif "\\url" in values.get("howpublished", ""):
        data["url"] = _url_of(values["howpublished"])
    if values.get("doi"):
        data["doi"] = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:)", "", values["doi"].strip(), flags=re.I)
    language = text.get("langid") or text.get("language")
    if language:
        tag = from_babel(language)
        data["language"] = from_babel(language.lower()) if tag == language else tag  # "English"
    if values.get("archiveurl"):
        data["archive_url"] = _url_of(values["archiveurl"])
    addendum = values.get("addendum", "")
    if addendum.startswith(blx.ARCHIVED_PREFIX) and _URL_COMMAND.search(addendum):
        data.setdefault("archive_url", _url_of(addendum))
        addendum = ""
    notes = [
        n for n in (_notes(values["note"], data) if values.get("note") else None, to_unicode(addendum)) if n
    ]
    if notes:
        data["note"] = ". ".join(notes)
    if data.get("note") and entry_type.lower() in blx.VALID:
        data["note"] = _labelled_notes(str(data["note"]), entry_type.lower(), data)
    data["file"], data["line"] = str(path), line
    if any(name not in _KNOWN for name in values):
        raise ValueError("fields our export never writes")
    return Reference.model_validate(data)
