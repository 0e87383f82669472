"""``refs import``: merge an existing BibTeX or biblatex library into references/.

Entries are read with bibtexparser v2, their LaTeX decoded to plain Unicode
and mapped onto the model (classic BibTeX fields as well as biblatex ones,
including everything our own exports write, so an export imports back
unchanged).  A source already known, by DOI, URL or title, is merged: the
existing reference keeps its key (claims point at it) and only gains the
fields it lacked.  A malformed entry is reported with its line and skipped;
every file is written atomically, and nothing at all if nothing changed.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from pydantic import ValidationError

from . import refstore
from .errors import InputError, UsageError
from .export import biblatex as blx
from .export.latex import to_unicode
from .keys import make_key
from .langs import from_babel
from .model import Reference, RefType
from .textfile import read_text
from .urls import normalize

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


@dataclass
class Skipped:
    line: int
    reason: str


@dataclass
class Merged:
    key: str  # the imported entry's key
    into: str  # the existing reference's key
    by: str  # "DOI", "URL" or "title"
    filled: list[str] = field(default_factory=list)  # fields the existing reference gained


@dataclass
class ImportResult:
    source: str
    target: str
    added: list[str] = field(default_factory=list)
    renamed: list[tuple[str, str]] = field(default_factory=list)  # (key in the file, key given)
    merged: list[Merged] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    dropped_fields: dict[str, int] = field(default_factory=dict)
    written: list[str] = field(default_factory=list)


# -- reading ---------------------------------------------------------------


@contextmanager
def _quiet_parser():
    """bibtexparser logs each failed block; we report them ourselves, one line each."""
    logger = logging.getLogger("bibtexparser")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


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
    raw = raw.strip()
    if not (raw.startswith("{") and raw.endswith("}")):
        return False
    depth = 0
    for index, char in enumerate(raw):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0 and index < len(raw) - 1:
            return False
    return True


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


def to_reference(entry, path: Path) -> tuple[Reference, list[str]]:
    """A parsed entry as a Reference, and the names of the fields dropped; ValueError if invalid."""
    values = {f.key.lower(): str(f.value).strip() for f in entry.fields}
    ref_type = _ref_type(entry.entry_type, values)
    text = {name: to_unicode(value) for name, value in values.items() if name not in ("url", "doi")}
    data: dict[str, object] = {"key": entry.key, "type": ref_type}
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
    if data.get("note") and entry.entry_type.lower() in blx.VALID:
        data["note"] = _labelled_notes(str(data["note"]), entry.entry_type.lower(), data)
    data["file"], data["line"] = str(path), (entry.start_line or 0) + 1
    dropped = sorted(name for name in values if name not in _KNOWN)
    if values.get("year") and not data.get("date"):
        dropped.append("year")
    return Reference.model_validate(data), dropped


def _validation_reason(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err["loc"])
    return f"{where}: {err['msg'].removeprefix('Value error, ')}"


def read_library(path: Path) -> tuple[list[Reference], list[Skipped], Counter]:
    """Every well-formed entry of ``path``; the others as Skipped with their line."""
    import bibtexparser

    text = read_text(path)
    with _quiet_parser():
        try:
            library = bibtexparser.parse_string(text)
        except Exception as exc:  # the parser gives up on the whole file: nothing to import
            raise InputError(f"cannot parse as BibTeX: {exc}", path) from None
    skipped = []
    for block in library.failed_blocks:
        error = getattr(block, "error", None)
        reason = getattr(error, "abort_reason", None) or str(error or "") or "malformed entry"
        if type(block).__name__ == "DuplicateBlockKeyBlock":
            reason = f"duplicate citekey {block.key!r} in this file"
        skipped.append(Skipped((block.start_line or 0) + 1, " ".join(reason.split())))
    refs, dropped = [], Counter()
    for entry in library.entries:
        try:
            ref, unknown = to_reference(entry, path)
        except ValidationError as exc:
            skipped.append(
                Skipped((entry.start_line or 0) + 1, f"entry {entry.key}: {_validation_reason(exc)}")
            )
            continue
        refs.append(ref)
        dropped.update(unknown)
    skipped.sort(key=lambda s: s.line)
    return refs, skipped, dropped


# -- merging ---------------------------------------------------------------


def _title_key(ref: Reference) -> Optional[str]:
    if not ref.title:
        return None
    words = re.findall(r"\w+", ref.title.casefold())
    return " ".join(words) if len(words) >= 2 else None


def _identities(ref: Reference) -> list[tuple[str, str]]:
    out = []
    if ref.doi:
        out.append(("DOI", ref.doi.lower()))
    if ref.url:
        out.append(("URL", normalize(ref.url)))
    title = _title_key(ref)
    if title:
        out.append(("title", f"{title}|{(ref.date or '')[:4]}"))
    return out


_FILLABLE = [name for name in Reference.model_fields if name not in ("key", "type", "file", "line")]


def _fill(existing: Reference, new: Reference) -> list[str]:
    """Give ``existing`` the fields it lacks from ``new``; never overwrite what it has."""
    filled = []
    for name in _FILLABLE:
        if not getattr(existing, name) and getattr(new, name):
            if name in ("authors", "organization") and (existing.authors or existing.organization):
                continue
            setattr(existing, name, getattr(new, name))
            filled.append(name)
    return filled


def import_library(
    project, source: Path, target: Optional[Path] = None, *, dry_run: bool = False
) -> ImportResult:
    """Merge the library at ``source`` into the project's references; write unless ``dry_run``."""
    target = Path(target) if target else project.references_dir / "imported.bib"
    if target.suffix != ".bib":
        raise UsageError("the target must be a .bib file", target)
    if target.resolve().parent != project.references_dir.resolve():
        raise UsageError(f"the target must be a file in {project.relative(project.references_dir)}/", target)
    incoming, skipped, dropped = read_library(source)
    result = ImportResult(source=str(source), target=project.relative(target), skipped=skipped)
    result.dropped_fields = dict(sorted(dropped.items()))

    # every reference by file, copies we may change; the target file may be new
    by_file: dict[str, list[Reference]] = {}
    for ref in project.references.values():
        by_file.setdefault(ref.file or "", []).append(ref.model_copy(deep=True))
    target_name = project.relative(target)
    by_file.setdefault(target_name, [])
    known: dict[tuple[str, str], Reference] = {}
    taken: set[str] = set()
    for refs in by_file.values():
        for ref in refs:
            taken.add(ref.key)
            for identity in _identities(ref):
                known.setdefault(identity, ref)
    changed: set[str] = set()

    for ref in incoming:
        match = next(
            ((by, known[(by, value)]) for by, value in _identities(ref) if (by, value) in known), None
        )
        if match:
            by, existing = match
            filled = _fill(existing, ref)
            result.merged.append(Merged(ref.key, existing.key, by, filled))
            if filled:
                changed.add(existing.file or target_name)
            continue
        original = ref.key
        if ref.key.lower() in {key.lower() for key in taken}:
            ref.key = make_key(
                authors=ref.authors, organization=ref.organization, container=ref.container,
                url=ref.url, date=ref.date, title=ref.title, taken=taken,
            )  # fmt: skip
            result.renamed.append((original, ref.key))
        taken.add(ref.key)
        ref.file = target_name
        by_file[target_name].append(ref)  # not merged with later entries: each is a key the library cites
        result.added.append(ref.key)
        changed.add(target_name)

    if not dry_run:
        from .transaction import transaction

        # every changed file at once (see claimtrack.transaction): all merged, or nothing
        with transaction(project.root) as txn:
            for name in sorted(changed, key=lambda n: n != target_name):
                if txn.write(project.root / name, refstore.dumps(by_file[name])):
                    result.written.append(name)
    return result
