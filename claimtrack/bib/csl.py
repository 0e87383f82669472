"""CSL-JSON and CSL-YAML: read (``refs import``) and written for imported references.

Writing follows citeproc's reading of biblatex (pandoc's ``BibTeX.hs``), so
pandoc's own ``-f biblatex -t csljson`` and our export agree field by field:
the title is "Title: Subtitle. Addon"; ``container-title`` the journal or
book; ``collection-title`` the series; ``publisher`` the school,
institution, organization and publisher joined by "; "; names in parts with
the particle dropping (``dropping-particle``) unless ``useprefix``; dates
as ``date-parts`` (ranges as two), approximate ones with ``circa``.
Reading maps CSL variables back onto biblatex fields (``types.FROM_CSL``).
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any, Optional

from ..errors import InputError
from ..model import Name, Reference
from . import dates, types
from .datamodel import LIST_FIELDS
from .entry import (
    ARTICLE_LIKE,
    CHAPTER_LIKE,
    author_names,
    container_field,
    entry_type_of,
    list_items,
    to_reference,
)

# biblatex's localisation keys in ``type`` and ``series``, as its english.lbx prints them (so does pandoc)
_GENRES = {
    "phdthesis": "PhD thesis",
    "mathesis": "Master’s thesis",
    "candthesis": "Candidate thesis",
    "techreport": "technical report",
    "resreport": "research report",
    "software": "computer software",
    "datacd": "CD-ROM",
    "audiocd": "audio CD",
    "patent": "patent",
    "patentau": "Australian patent",
    "patentde": "German patent",
    "patenteu": "European patent",
    "patentfr": "French patent",
    "patentuk": "British patent",
    "patentus": "U.S. patent",
    "patreq": "patent request",
    "patreqau": "Australian patent request",
    "patreqde": "German patent request",
    "patreqeu": "European patent request",
    "patreqfr": "French patent request",
    "patrequk": "British patent request",
    "patrequs": "U.S. patent request",
}
_SERIES = {"newseries": "new series", "oldseries": "old series"}  # fmt: skip


def _series(value: Optional[str]) -> Optional[str]:
    """``series = {3}`` in a journal is "3rd series"; ``newseries`` is "new series" (biblatex's keys)."""
    if not value:
        return None
    if value.isdigit():
        n = int(value)
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"{n}{suffix} series"
    return _SERIES.get(value.lower(), value)


_NAME_ROLES = {
    "author": "author",
    "editor": "editor",
    "translator": "translator",
    "bookauthor": "container-author",
}
_EPRINT_URLS = {"arxiv": "https://arxiv.org/abs/", "jstor": "https://www.jstor.org/stable/",
                "pubmed": "https://www.ncbi.nlm.nih.gov/pubmed/", "googlebooks": "https://books.google.com?id="}  # fmt: skip


def _join(*parts: Optional[str], sep: str) -> Optional[str]:
    """pandoc's concatWith: "a: b", but no second mark after one the text already ends with."""
    out = ""
    for part in parts:
        if not part:
            continue
        if not out:
            out = part
        elif out[-1] in "!?.,:;":
            out += " " + part
        else:
            out += sep + " " + part
    return out or None


def csl_name(name: Name) -> dict[str, str]:
    if name.literal is not None:
        return {"literal": name.literal}
    out: dict[str, str] = {}
    if name.family:
        out["family"] = name.family
    if name.given:
        out["given"] = name.given
    if name.prefix:
        out["non-dropping-particle" if name.useprefix else "dropping-particle"] = name.prefix
    if name.suffix:
        out["suffix"] = name.suffix
    return out


def date_value(value: str) -> dict[str, Any]:
    """An EDTF date as CSL: ``date-parts`` (two for a range), ``circa`` when approximate; else ``raw``."""
    parts = []
    for point in value.split("/"):
        start = dates.start(point) if point not in ("", "..") else None
        if start:
            parts.append([int(p) for p in start.split("-")])
    if not parts:
        return {"raw": value}
    out: dict[str, Any] = {"date-parts": parts}
    if "~" in value or "%" in value:
        out["circa"] = True
    return out


def _list_text(value: Optional[str]) -> Optional[str]:
    return "; ".join(list_items(value)) if value else None


def item(ref: Reference) -> dict[str, Any]:
    """A CSL-JSON item for an imported reference (entry_type set)."""
    entry_type, subtype = entry_type_of(ref)
    f = dict(ref.fields)
    container_src = ref.container_field or container_field(entry_type)
    if ref.container and container_src not in ref.fields:
        # a list field (institution, organization) read as one item stays one, " and " or not
        f[container_src] = "{" + ref.container + "}" if container_src in LIST_FIELDS else ref.container
    for name, value in (("publisher", ref.publisher), ("location", ref.location)):
        if value and name not in f:
            f[name] = "{" + value + "}"
    data: dict[str, Any] = {"id": ref.key, "type": types.to_csl(entry_type, subtype)}
    genre = f.get("type")
    if genre:
        data["genre"] = _GENRES.get(genre.lower(), genre)
    people = {"author": author_names(ref), **{k: v for k, v in ref.names.items() if k != "author"}}
    if f.get("editortype") == "director" and people.get("editor"):
        people["director"] = people.pop("editor")
    for role, csl_role in {**_NAME_ROLES, "director": "director"}.items():
        if people.get(role):
            data[csl_role] = [csl_name(n) for n in people[role] if n.literal != "others"]
    chapterlike, periodical = entry_type in CHAPTER_LIKE, entry_type == "periodical"
    has_main = bool(f.get("maintitle"))
    if periodical:
        data["title"] = _join(_join(f.get("issuetitle"), f.get("issuesubtitle"), sep=":"), None, sep=".")
        data["container-title"] = _join(
            _join(ref.title, f.get("subtitle"), sep=":"), f.get("titleaddon"), sep="."
        )
    elif has_main and not chapterlike:
        data["title"] = _join(
            _join(f.get("maintitle"), f.get("mainsubtitle"), sep=":"), f.get("maintitleaddon"), sep="."
        )
        data["volume-title"] = _join(
            _join(ref.title, f.get("subtitle"), sep=":"), f.get("titleaddon"), sep="."
        )
    else:
        data["title"] = _join(_join(ref.title, f.get("subtitle"), sep=":"), f.get("titleaddon"), sep=".")
    if chapterlike and (f.get("maintitle") or f.get("booktitle")):
        if has_main:
            data["container-title"] = _join(
                _join(f.get("maintitle"), f.get("mainsubtitle"), sep=":"), f.get("maintitleaddon"), sep="."
            )
            data["volume-title"] = _join(
                _join(f.get("booktitle"), f.get("booksubtitle"), sep=":"), f.get("booktitleaddon"), sep="."
            )
        else:
            data["container-title"] = _join(
                _join(f.get("booktitle"), f.get("booksubtitle"), sep=":"), f.get("booktitleaddon"), sep="."
            )
    elif not periodical and f.get("journaltitle"):
        data["container-title"] = _join(
            _join(f.get("journaltitle"), f.get("journalsubtitle"), sep=":"),
            f.get("journaltitleaddon"),
            sep=".",
        )
    number = f.get("number") or (ref.issue if entry_type in ARTICLE_LIKE else ref.number)
    if entry_type in ("book", "collection", "proceedings", "reference", "mvbook", "mvcollection",
                      "mvproceedings", "mvreference", "bookinbook", "suppbook", "suppcollection") or chapterlike:  # fmt: skip
        data["collection-number"] = number
    elif entry_type in ARTICLE_LIKE:
        data["issue"] = _join(number, f.get("issue"), sep=",")
    else:
        data["number"] = number
    volume = ref.volume
    if f.get("part"):
        volume = f"{volume}.{f['part']}" if volume else f["part"]
    url = ref.url
    eprinttype = (f.get("eprinttype") or "").lower()
    if not url and f.get("eprint") and eprinttype in _EPRINT_URLS:
        url = _EPRINT_URLS[eprinttype] + f["eprint"]
    publisher = "; ".join(
        item for name in ("institution", "organization", "howpublished", "publisher") if f.get(name)
        for item in (list_items(f[name]) if name != "howpublished" else [f[name]])
    )  # fmt: skip
    plain = {
        "collection-title": _series(f.get("series")) if entry_type in ARTICLE_LIKE else f.get("series"), "edition": f.get("edition"), "volume": volume,
        "number-of-volumes": f.get("volumes"), "chapter-number": f.get("chapter"), "version": f.get("version"),
        "page": ref.pages.replace("--", "–") if ref.pages else None, "number-of-pages": f.get("pagetotal"),
        "publisher": publisher or None, "publisher-place": _list_text(f.get("location")),
        "original-publisher": f.get("origpublisher"), "original-publisher-place": _list_text(f.get("origlocation")),
        "event-place": f.get("venue"), "event": f.get("eventtitle"), "original-title": f.get("origtitle"),
        "title-short": f.get("shorttitle"), "container-title-short": f.get("shortjournal"),
        "URL": url, "DOI": ref.doi, "ISBN": ref.isbn, "ISSN": f.get("issn"), "PMID": f.get("pmid"),
        "call-number": f.get("library"), "abstract": f.get("abstract"), "keyword": f.get("keywords"),
        "annote": f.get("annotation"), "status": f.get("pubstate"), "language": ref.language,
        "note": _join(ref.note, f.get("addendum"), sep="."),
    }  # fmt: skip
    data.update({k: v for k, v in plain.items() if v})
    data = {k: v for k, v in data.items() if v}
    for csl_name_, field in (("issued", "date"), ("accessed", "urldate"), ("original-date", "origdate"),
                             ("event-date", "eventdate")):  # fmt: skip
        value = f.get(field) or getattr(ref, field, None) if field in ("date", "urldate") else f.get(field)
        if value:
            data[csl_name_] = date_value(value)
    if "year" in f and "issued" not in data:
        data["issued"] = {"literal": f["year"]}
    data["custom"] = {"citekey": ref.key}
    return data


# -- reading -----------------------------------------------------------------

_PLAIN_IN = {
    "title": "title", "collection-title": "series", "edition": "edition", "volume": "volume",
    "number-of-volumes": "volumes", "chapter-number": "chapter", "version": "version", "page": "pages",
    "number-of-pages": "pagetotal", "publisher": "publisher", "publisher-place": "location",
    "original-title": "origtitle", "event": "eventtitle", "event-place": "venue", "title-short": "shorttitle",
    "container-title-short": "shortjournal", "URL": "url", "DOI": "doi", "ISBN": "isbn", "ISSN": "issn",
    "abstract": "abstract", "keyword": "keywords", "annote": "annotation", "note": "note", "genre": "type",
    "language": "langid", "call-number": "library", "status": "pubstate",
}  # fmt: skip
_DATES_IN = {"issued": "date", "accessed": "urldate", "original-date": "origdate", "event-date": "eventdate"}
_ROLES_IN = {"author": "author", "editor": "editor", "translator": "translator", "container-author": "bookauthor",
             "director": "editor"}  # fmt: skip


def _edtf(value: Any) -> Optional[str]:
    if isinstance(value, (date, datetime)):  # CSL-YAML: YAML reads 2021-03-04 as a date
        return value.date().isoformat() if isinstance(value, datetime) else value.isoformat()
    if isinstance(value, int):
        value = str(value)
    if isinstance(value, str):
        value = value.replace("\\~", "~").strip()  # pandoc's YAML escapes "~" as Markdown
        return value if dates.is_valid(value) else None
    if not isinstance(value, dict):
        return None
    parts = value.get("date-parts")
    if parts:
        points = [
            "-".join(f"{int(p):02d}" if i else f"{int(p):04d}" for i, p in enumerate(point))
            for point in parts
            if point
        ]
        text = "/".join(points)
        if value.get("circa"):
            text += "~"
        return text if dates.is_valid(text) else None
    raw = value.get("raw") or value.get("literal")
    return _edtf(str(raw).replace(" ", "")) if raw else None


def _name(value: Any) -> Name:
    if isinstance(value, str):
        return Name(literal=value)
    if value.get("literal"):
        return Name(literal=str(value["literal"]))
    particle = value.get("non-dropping-particle") or value.get("dropping-particle")
    return Name(
        family=value.get("family") or None, given=value.get("given") or None,
        prefix=particle or None, suffix=value.get("suffix") or None,
        useprefix=True if value.get("non-dropping-particle") else None,
    )  # fmt: skip


def reference(data: dict[str, Any], path: Path, line: Optional[int], problems: list) -> Reference:
    csl_type = str(data.get("type") or "document")
    entry_type, subtype = types.FROM_CSL.get(csl_type, ("misc", None))
    raw: list[tuple[str, str]] = []
    for key, name in _PLAIN_IN.items():
        value = data.get(key)
        if value not in (None, "", []):
            raw.append((name, str(value) if not isinstance(value, list) else ", ".join(map(str, value))))
    container = data.get("container-title")
    if container:
        raw.append(("booktitle" if entry_type in CHAPTER_LIKE else "journaltitle", str(container)))
    if data.get("issue") or data.get("number") or data.get("collection-number"):
        raw.append(("number", str(data.get("issue") or data.get("number") or data.get("collection-number"))))
    if subtype:
        raw.append(("entrysubtype", subtype))
    for key, name in _DATES_IN.items():
        if key in data:
            value = _edtf(data[key])
            if value:
                raw.append((name, value))
            else:
                problems.append(
                    (line or 0, str(data.get("id", "?")), f"field {name} dropped: not a date: {data[key]!r}")
                )
    parsed: dict[str, list[Name]] = {}
    for key, role in _ROLES_IN.items():
        if isinstance(data.get(key), list) and role not in parsed:
            parsed[role] = [_name(n) for n in data[key] if isinstance(n, (dict, str))]
    custom = data.get("custom") if isinstance(data.get("custom"), dict) else {}
    key = str(data.get("citation-key") or custom.get("citekey") or data.get("id") or "")
    raw = [(name, re.sub(r"</?(i|b|sup|sub|span)[^>]*>", "", value)) for name, value in raw]
    return to_reference(entry_type, key, raw, lambda v: " ".join(v.split()), file=str(path), line=line,
                        parsed_names=parsed)  # fmt: skip


def read(text: str, path: Path, *, yaml: bool = False) -> tuple[list[Reference], list[tuple[int, str, str]]]:
    """The references of a CSL-JSON (or CSL-YAML) file, and warnings as (line, key, message)."""
    if yaml:
        import yaml as pyyaml

        try:
            loaded = pyyaml.safe_load(text)
        except pyyaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            raise InputError("malformed YAML", path, mark.line + 1 if mark else None) from None
        if isinstance(loaded, dict):
            loaded = loaded.get("references")
    else:
        try:
            loaded = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"malformed JSON: {exc.msg}", path, exc.lineno) from None
        if isinstance(loaded, dict) and "items" in loaded:
            loaded = loaded["items"]
        elif isinstance(loaded, dict):
            loaded = [loaded]
    if not isinstance(loaded, list) or not all(isinstance(x, dict) for x in loaded):
        raise InputError("not CSL: expected a list of items with an id and a type", path)
    problems: list[tuple[int, str, str]] = []
    refs = []
    for data in loaded:
        key = str(data.get("id", ""))
        match = (
            re.search(r'(?m)^\s*-?\s*"?id"?\s*:\s*"?' + re.escape(key) + r'"?\s*,?$', text) if key else None
        )
        line = text[: match.start()].count("\n") + 1 if match else None
        refs.append(reference(data, path, line, problems))
    return refs, problems
