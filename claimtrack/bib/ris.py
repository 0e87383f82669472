"""RIS: read (Zotero, Mendeley, EndNote exports) and written for imported references.

Tags follow Zotero's RIS translator: ``TY`` from the CSL type
(``types.TO_RIS``), ``AU``/``A2``/``A3`` authors, editors, series editors
("Family, Given"), ``TI`` title (with subtitle), ``T2`` journal or book,
``T3`` series, ``PY`` year and ``DA`` the full date (``YYYY/MM/DD``),
``Y2`` access date, ``VL``/``IS``/``SP``/``EP``, ``PB``, ``CY``, ``ET``
edition, ``SN`` ISBN or ISSN, ``DO``, ``UR``, ``LA``, ``N1`` notes, ``AB``,
``KW`` one keyword each, ``M3`` the type (genre), ``ID`` the citekey.
Reading uses rispy and maps the tags to CSL variables, then through
``csl.reference`` onto the model, so every format lands the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Optional

from ..errors import InputError
from ..model import Name, Reference
from . import csl, types


def _name(name: Name) -> str:
    if name.literal is not None:
        return name.literal
    family = " ".join(p for p in (name.prefix, name.family) if p)
    parts = [family, name.given or "", name.suffix or ""]
    return ", ".join(p for p in parts if p) if name.given or name.suffix else family


def tags(ref: Reference) -> list[tuple[str, str]]:
    item = csl.item(ref)
    out: list[tuple[str, str]] = [("TY", types.TO_RIS.get(item["type"], "GEN"))]
    people = {"author": "AU", "editor": "A2", "translator": "A4", "container-author": "A2"}
    from .entry import author_names

    for role, tag in people.items():
        names = (
            author_names(ref)
            if role == "author"
            else ref.names.get({"container-author": "bookauthor"}.get(role, role), [])
        )
        out += [(tag, _name(n)) for n in names if n.literal != "others"]
    simple = [("TI", "title"), ("T2", "container-title"), ("T3", "collection-title"), ("ET", "edition"),
              ("VL", "volume"), ("IS", "issue"), ("PB", "publisher"), ("CY", "publisher-place"),
              ("M3", "genre"), ("DO", "DOI"), ("UR", "URL"), ("LA", "language"), ("AB", "abstract"),
              ("N1", "note")]  # fmt: skip
    for tag, var in simple:
        if item.get(var):
            out.append((tag, str(item[var])))
    issued = (item.get("issued") or {}).get("date-parts")
    if issued:
        first = issued[0]
        out.append(("PY", f"{first[0]:04d}"))
        out.append(("DA", "/".join(f"{p:02d}" if i else f"{p:04d}" for i, p in enumerate(first))))
    accessed = (item.get("accessed") or {}).get("date-parts")
    if accessed:
        out.append(("Y2", "/".join(f"{p:02d}" if i else f"{p:04d}" for i, p in enumerate(accessed[0]))))
    if item.get("page"):
        first, _, last = str(item["page"]).replace("–", "-").partition("-")
        out.append(("SP", first.strip()))
        if last:
            out.append(("EP", last.strip()))
    for var in ("ISBN", "ISSN"):
        if item.get(var):
            out.append(("SN", str(item[var])))
    for keyword in re.split(r"\s*[,;]\s*", str(item.get("keyword") or "")):
        if keyword:
            out.append(("KW", keyword))
    out.append(("ID", ref.key))
    return out


def entry(ref: Reference) -> str:
    return "\n".join(f"{tag}  - {' '.join(value.split())}" for tag, value in tags(ref)) + "\nER  - \n"


def dumps(refs: Iterable[Reference]) -> str:
    return "\n".join(entry(ref) for ref in refs)


# -- reading -----------------------------------------------------------------


def _date(value: Optional[str]) -> Optional[str]:
    """RIS dates: ``2020/10/05/``, ``2020///``, ``2020-10-05``, ``2020``."""
    if not value:
        return None
    parts = [p for p in re.split(r"[/-]", str(value).strip()) if p.strip()]
    if not parts or not re.fullmatch(r"\d{4}", parts[0].strip()):
        return None
    out = parts[0].strip()
    for part in parts[1:3]:
        if not part.strip().isdigit():
            break
        out += f"-{int(part):02d}"
    return out


def _person(value: str) -> dict[str, str]:
    family, sep, rest = value.partition(",")
    if not sep:
        return {"literal": value.strip()}
    given, _, suffix = rest.partition(",")
    out = {"family": family.strip(), "given": given.strip()}
    if suffix.strip():
        out["suffix"] = suffix.strip()
    return out


def to_csl(record: dict[str, Any]) -> dict[str, Any]:
    ty = str(record.get("type_of_reference") or "GEN").upper()
    data: dict[str, Any] = {"type": types.FROM_RIS.get(ty, "document"), "id": record.get("id") or ""}
    authors = (record.get("authors") or []) + (record.get("first_authors") or [])
    if authors:
        data["author"] = [_person(a) for a in authors]
    if record.get("secondary_authors"):
        data["editor"] = [_person(a) for a in record["secondary_authors"]]
    title = record.get("title") or record.get("primary_title")
    container = record.get("secondary_title") or record.get("journal_name") or record.get("alternate_title3")
    series = record.get("tertiary_title")
    start, end = record.get("start_page"), record.get("end_page")
    urls = record.get("urls") or []
    notes = record.get("notes") or []
    sn = str(record.get("issn") or "")
    plain = {
        "title": title, "container-title": container, "collection-title": series,
        "volume": record.get("volume"), "issue": record.get("number"), "publisher": record.get("publisher"),
        "publisher-place": record.get("place_published"), "edition": record.get("edition"),
        "genre": record.get("type_of_work"), "DOI": record.get("doi"), "URL": urls[0] if urls else None,
        "language": record.get("language"), "abstract": record.get("abstract"),
        "note": "\n".join(notes) if notes else None,
        "page": f"{start}–{end}" if start and end else start,
        "keyword": ", ".join(record.get("keywords") or []) or None,
        "ISBN" if re.fullmatch(r"[\d\- ]{10,17}[\dXx]", sn) and len(re.sub(r"\D", "", sn)) >= 10 else "ISSN": sn or None,
    }  # fmt: skip
    data.update({k: v for k, v in plain.items() if v})
    issued = _date(record.get("date")) or _date(record.get("year")) or _date(record.get("publication_year"))
    if issued:
        data["issued"] = issued
    accessed = _date(record.get("access_date"))
    if accessed:
        data["accessed"] = accessed
    return data


def read(text: str, path: Path) -> tuple[list[Reference], list[tuple[int, str, str]]]:
    import rispy

    starts = [text[: m.start()].count("\n") + 1 for m in re.finditer(r"(?m)^TY  - ", text)]
    if not starts:
        raise InputError("not a RIS file: no 'TY  - ' line", path)
    try:
        records = rispy.loads(text, skip_unknown_tags=True)
    except Exception as exc:  # rispy's own errors (no ER line, a tag outside a record): said in our words
        line = next((int(m) for m in re.findall(r"line (\d+)", str(exc))), None)
        raise InputError("malformed RIS (a record without its 'ER  - ' end, or a line outside a record)", path,
                         line) from None  # fmt: skip
    problems: list[tuple[int, str, str]] = []
    refs = []
    for index, record in enumerate(records):
        line = starts[index] if index < len(starts) else None
        data = to_csl(record)
        for name in ("issued", "accessed"):
            if name in data:
                data[name] = {"raw": data[name]}
        refs.append(csl.reference(data, path, line, problems))
    return refs, problems
