"""References on disk: BibTeX files in ``references/``, via bibtexparser v2.

The stored entries use biblatex field names so the files read naturally and
diff well; values are plain Unicode (LaTeX escaping is the exporter's job).
A reference ingest made is written as it always was; an imported one with
its exact entry type, every name in parts, every biblatex field, and the
fields biblatex does not know exactly as the source had them.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Optional

import bibtexparser
from bibtexparser import model as bib
from bibtexparser.writer import BibtexFormat

from .. import atomic
from ..errors import InputError
from ..langs import to_babel
from ..model import Reference, RefType
from ..textfile import read_text
from .datamodel import LIST_FIELDS
from .entry import NAMES, RAW, VERBATIM, list_items, to_fields, to_reference
from .names import format_names

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
    if ref.entry_type:
        return _generic_entry(ref)
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
    out = [bib.Field(k, fields[k] if k in ("url", "archiveurl") else _balanced(fields[k])) for k in ordered]
    # what a person added by hand, or a merge brought: kept, after the fields ingest writes
    out += [bib.Field(role, format_names(people)) for role, people in ref.names.items() if role != "author"]
    out += [bib.Field(name, _balanced(value)) for name, value in ref.fields.items() if name not in fields]
    out += [bib.Field(name, value) for name, value in ref.extra.items() if name not in fields]
    return bib.Entry(entry_type, ref.key, out)


def _generic_entry(ref: Reference) -> bib.Entry:
    out = []
    for name, value, kind in to_fields(ref):
        if kind == NAMES:
            text = format_names(value)  # type: ignore[arg-type]
        elif kind in (VERBATIM, RAW):
            text = str(value)
        elif name in LIST_FIELDS and name in ref.fields:
            text = " and ".join("{" + _balanced(item) + "}" for item in list_items(str(value)))
        else:
            text = _balanced(str(value))
        out.append(bib.Field(name, text))
    return bib.Entry(str(ref.entry_type), ref.key, out)


def _stored_items(value: str) -> list[str]:
    """A list field as stored: several items are each braced (``{A} and {B}``); no brace, one item."""
    return list_items(value) if "{" in value else [value]


def _unbrace(value: str) -> str:
    return value.replace("{", "").replace("}", "")


def from_entry(entry: bib.Entry, path: Optional[Path] = None) -> Reference:
    raw = [(f.key, str(f.value)) for f in entry.fields]
    ref = to_reference(
        entry.entry_type, entry.key, raw, lambda value: " ".join(value.split()),
        file=str(path) if path else None, line=(entry.start_line or 0) + 1, decode_names=_unbrace,
        split_items=_stored_items,
    )  # fmt: skip
    return _as_ingested(ref)


def _as_ingested(ref: Reference) -> Reference:
    """A reference in exactly the shape ingest writes is read back as one (no ``entry_type``)."""
    legacy = {t: kind for kind, (t, _) in _ENTRY_TYPES.items() if kind is not RefType.NEWS}
    fields = dict(ref.fields)
    if ref.entry_type == "article" and fields.get("entrysubtype") == "newspaper":
        fields.pop("entrysubtype")
    if ref.entry_type not in legacy or fields or ref.names or ref.extra or ref.container_field:
        return ref
    return ref.model_copy(update={"entry_type": None, "fields": {}})


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
