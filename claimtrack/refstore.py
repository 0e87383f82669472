"""References on disk: BibTeX files in ``references/``, via bibtexparser v2.

The stored entries use biblatex field names so the files read naturally and
diff well; values are plain Unicode (LaTeX escaping is the exporter's job).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Optional

import bibtexparser
from bibtexparser import model as bib
from bibtexparser.writer import BibtexFormat

from . import atomic
from .errors import InputError
from .langs import from_babel, to_babel
from .model import Reference, RefType
from .textfile import read_text

# bibtexparser also logs each failed block; we report it ourselves, once, as one line.
logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)

# (model type) -> (entry type, entrysubtype)
_ENTRY_TYPES = {
    RefType.WEBPAGE: ("online", None),
    RefType.NEWS: ("article", "newspaper"),
    RefType.ARTICLE: ("article", None),
    RefType.BOOK: ("book", None),
    RefType.REPORT: ("report", None),
}
# The field that holds the container (site, paper, journal) for each type.
_CONTAINER_FIELD = {
    RefType.WEBPAGE: "organization",
    RefType.NEWS: "journaltitle",
    RefType.ARTICLE: "journaltitle",
    RefType.BOOK: "series",
    RefType.REPORT: "institution",
}
# model attribute -> bib field, for the fields that map one to one
_PLAIN = {
    "title": "title",
    "title_translation": "titletranslation",
    "publisher": "publisher",
    "location": "location",
    "volume": "volume",
    "pages": "pages",
    "date": "date",
    "url": "url",
    "doi": "doi",
    "isbn": "isbn",
    "urldate": "urldate",
    "archive_url": "archiveurl",
    "note": "note",
}
_ORDER = [
    "author", "title", "titletranslation", "journaltitle", "organization", "institution",
    "series", "publisher", "location", "volume", "number", "type", "pages", "date",
    "url", "urldate", "doi", "isbn", "langid", "archiveurl", "note",
]  # fmt: skip


def _balanced(value: str) -> str:
    """Drop braces that would unbalance the entry; they carry no meaning here."""
    depth = 0
    for char in value:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            break
    if depth != 0:
        value = value.replace("{", "").replace("}", "")
    return " ".join(value.split())


def to_entry(ref: Reference) -> bib.Entry:
    entry_type, subtype = _ENTRY_TYPES[ref.type]
    fields: dict[str, str] = {}
    names = [_balanced(a) for a in ref.authors]
    if ref.organization and not names:
        names = ["{" + _balanced(ref.organization) + "}"]
    if names:
        fields["author"] = " and ".join(names)
    if ref.container:
        fields[_CONTAINER_FIELD[ref.type]] = ref.container
    if ref.type in (RefType.ARTICLE, RefType.NEWS):
        if ref.issue:
            fields["number"] = ref.issue
    elif ref.number:
        fields["number"] = ref.number
    if ref.language:
        fields["langid"] = to_babel(ref.language) or ref.language
    for attr, name in _PLAIN.items():
        value = getattr(ref, attr)
        if value:
            fields[name] = value
    if subtype:
        fields["entrysubtype"] = subtype
    ordered = sorted(fields, key=lambda k: _ORDER.index(k) if k in _ORDER else len(_ORDER))
    return bib.Entry(
        entry_type,
        ref.key,
        [bib.Field(k, fields[k] if k in ("url", "archiveurl") else _balanced(fields[k])) for k in ordered],
    )


def _ref_type(entry: bib.Entry) -> RefType:
    kind = entry.entry_type.lower()
    subtype = entry.fields_dict.get("entrysubtype")
    if kind == "article":
        return RefType.NEWS if subtype and subtype.value == "newspaper" else RefType.ARTICLE
    return {
        "online": RefType.WEBPAGE, "www": RefType.WEBPAGE, "misc": RefType.WEBPAGE,
        "book": RefType.BOOK, "report": RefType.REPORT, "techreport": RefType.REPORT,
    }.get(kind, RefType.WEBPAGE)  # fmt: skip


def from_entry(entry: bib.Entry, path: Optional[Path] = None) -> Reference:
    values = {f.key.lower(): str(f.value).strip() for f in entry.fields}
    ref_type = _ref_type(entry)
    data: dict[str, object] = {"key": entry.key, "type": ref_type}
    author = values.get("author", "")
    if author.startswith("{") and author.endswith("}") and " and " not in author:
        data["organization"] = author[1:-1]
    elif author:
        data["authors"] = [a.strip() for a in author.split(" and ") if a.strip()]
    container = values.get(_CONTAINER_FIELD[ref_type])
    if container:
        data["container"] = container
    if values.get("number"):
        data["issue" if ref_type in (RefType.ARTICLE, RefType.NEWS) else "number"] = values["number"]
    if values.get("langid"):
        data["language"] = from_babel(values["langid"])
    for attr, name in _PLAIN.items():
        if values.get(name):
            data[attr] = values[name]
    data["file"] = str(path) if path else None
    data["line"] = (entry.start_line or 0) + 1
    return Reference.model_validate(data)


def parse(text: str, path: Path) -> list[Reference]:
    library = bibtexparser.parse_string(text)
    if library.failed_blocks:
        block = library.failed_blocks[0]
        raise InputError(f"malformed BibTeX: {_failure_reason(block)}", path, (block.start_line or 0) + 1)
    refs = []
    for entry in library.entries:
        try:
            refs.append(from_entry(entry, path))
        except ValueError as exc:
            msg = str(exc).splitlines()
            detail = msg[2].strip() if len(msg) > 2 else msg[0]
            raise InputError(f"entry {entry.key}: {detail}", path, (entry.start_line or 0) + 1) from None
    return refs


def _failure_reason(block: bib.ParsingFailedBlock) -> str:
    if isinstance(block, bib.DuplicateBlockKeyBlock):
        return f"duplicate citekey {block.key!r}"
    if isinstance(block, bib.DuplicateFieldKeyBlock):
        return f"a field appears twice in entry {getattr(block, 'key', '')!r}".replace(" ''", "")
    reason = getattr(block.error, "abort_reason", "") or str(block.error or "")
    return " ".join(reason.split()) or "malformed entry"


def read(path: Path) -> list[Reference]:
    return parse(read_text(path, allow_empty=True), path)


def dumps(refs: Iterable[Reference]) -> str:
    library = bibtexparser.Library([to_entry(r) for r in refs])
    fmt = BibtexFormat()
    fmt.indent = "  "
    fmt.block_separator = "\n"
    fmt.trailing_comma = True
    return bibtexparser.write_string(library, bibtex_format=fmt).strip() + "\n"


def write(path: Path, refs: Iterable[Reference]) -> bool:
    return atomic.write_text(path, dumps(refs))
