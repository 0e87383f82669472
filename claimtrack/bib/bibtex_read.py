"""Reading BibTeX and biblatex files: strict about syntax, lenient about one bad field.

bibtexparser v2 splits the file into blocks (entries, ``@string``,
comments) and says where each starts; it is given no middlewares, because
its string resolution does not know ``#`` and its enclosing-removal hides a
missing comma.  Each value is then read here as biber reads it: braced,
quoted and bare pieces joined by ``#``, bare words looked up among the
``@string`` macros.  Anything else after a value (``title = {X} year =
{2020}``: a missing comma) or a block the splitter could not close (an
unbalanced brace) is a syntax error for the whole file, with its line and
entry key.  ``crossref`` and ``xdata`` are then resolved as biber does, and
each entry mapped onto the model by ``entry.to_reference`` (LaTeX decoded by
pylatexenc); a field that cannot be read (``month = {13}``, a bad
``urldate``, an unsplittable name) is dropped with a warning, the entry kept.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import InputError
from ..model import Reference
from . import entry as entry_map
from .datamodel import ENTRY_TYPES, TYPE_ALIASES
from .latex import decode

_MONTH_MACROS = {m: str(i + 1) for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}  # fmt: skip
# Fields a child never inherits from its crossref parent (biber's default inheritance).
_NO_INHERIT = frozenset(
    """ids crossref xref xdata entryset entrysubtype execute label options presort related
    relatedoptions relatedstring relatedtype shorthand shorthandintro sortkey""".split()
)
_BOOKS = {"book", "collection", "reference", "proceedings"}
_MV = {"mvbook", "mvcollection", "mvreference", "mvproceedings"}
_TITLES_AS = {
    "booktitle": {"title": "booktitle", "subtitle": "booksubtitle", "titleaddon": "booktitleaddon"},
    "maintitle": {"title": "maintitle", "subtitle": "mainsubtitle", "titleaddon": "maintitleaddon"},
    "journaltitle": {"title": "journaltitle", "subtitle": "journalsubtitle"},
}
_DROPPED_ON_INHERIT = {"shorttitle", "sorttitle", "indextitle", "indexsorttitle"}


class BibSyntaxError(InputError):
    """The file is not well-formed BibTeX: nothing of it is imported."""


@dataclass
class RawEntry:
    entry_type: str
    key: str
    line: int
    fields: list[tuple[str, str]]  # (name as written, value with strings resolved, braces kept inside)
    raw: str = ""

    def line_of(self, name: str) -> int:
        """The line of field ``name`` (computed only when a message needs it)."""
        return _field_line(self.raw, name, self.line)


@dataclass
class Warning_:
    line: int
    key: str
    message: str


@dataclass
class ReadResult:
    references: list[Reference] = field(default_factory=list)
    warnings: list[Warning_] = field(default_factory=list)
    duplicates: list[tuple[int, str]] = field(default_factory=list)  # (line, key) of a key seen twice
    skipped: list[tuple[int, str, str]] = field(default_factory=list)  # (line, key, why) the model refused


# -- values ----------------------------------------------------------------


class _ValueError(Exception):
    pass


def _read_value(raw: str, strings: dict[str, str]) -> tuple[str, list[str]]:
    """A raw field value (``{..} # macro # ".."``) as text; and the undefined macros it used."""
    pieces, undefined, i, expect_piece = [], [], 0, True
    n = len(raw)
    while i < n:
        char = raw[i]
        if char.isspace():
            i += 1
            continue
        if not expect_piece:
            if char != "#":
                raise _ValueError(raw[i:].strip())
            expect_piece, i = True, i + 1
            continue
        if char == "{":
            end = _match_brace(raw, i)
            pieces.append(raw[i + 1 : end])
            i = end + 1
        elif char == '"':
            end, depth, j = None, 0, i + 1
            while j < n:
                if raw[j] == "{":
                    depth += 1
                elif raw[j] == "}":
                    depth -= 1
                elif raw[j] == '"' and depth == 0 and raw[j - 1] != "\\":
                    end = j
                    break
                j += 1
            if end is None:
                raise _ValueError(raw[i:].strip())
            pieces.append(raw[i + 1 : end])
            i = end + 1
        else:
            match = re.match(r"[^\s#{}\",=]+", raw[i:])
            if not match:
                raise _ValueError(raw[i:].strip())
            word = match.group(0)
            i += len(word)
            if word.isdigit():
                pieces.append(word)
            elif word.lower() in strings:
                pieces.append(strings[word.lower()])
            elif word.lower() in _MONTH_MACROS:
                pieces.append(_MONTH_MACROS[word.lower()])
            else:
                undefined.append(word)
        expect_piece = False
    return "".join(pieces), undefined


def _match_brace(text: str, start: int) -> int:
    depth = 0
    for index in range(start, len(text)):
        char = text[index]
        if char == "\\":
            continue
        if char == "{" and text[index - 1 : index] != "\\":
            depth += 1
        elif char == "}" and text[index - 1 : index] != "\\":
            depth -= 1
            if depth == 0:
                return index
    raise _ValueError(text[start:].strip())


# -- blocks ----------------------------------------------------------------


def _field_line(raw_block: str, name: str, start_line: int) -> int:
    match = re.search(rf"(?im)(?:^|[,\s]){re.escape(name)}\s*=", raw_block)
    return start_line + (raw_block[: match.start()].count("\n") if match else 0)


def _key_of(raw_block: str) -> str:
    match = re.match(r"\s*@\s*\w+\s*[{(]\s*([^,\s]*)", raw_block)
    return match.group(1) if match and match.group(1) else "?"


def split(text: str, path: Path) -> tuple[list[RawEntry], list[tuple[int, str]], list[Warning_]]:
    """The file's entries with every value resolved; BibSyntaxError at the first malformed one.

    A field written twice in one entry is not a syntax error: as biber does, the first
    value is kept, and a warning says which field (the third item returned).
    """
    import bibtexparser
    from bibtexparser import model as bib

    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
    library = bibtexparser.parse_string(text, parse_stack=[])
    duplicates = []
    twice: list[tuple[int, Any]] = []  # entries with a field written twice, read after the @strings
    for block in library.failed_blocks:
        line = (block.start_line or 0) + 1
        if isinstance(block, bib.DuplicateBlockKeyBlock):
            duplicates.append((line, block.key))
            continue
        if isinstance(block, bib.DuplicateFieldKeyBlock) and isinstance(block.ignore_error_block, bib.Entry):
            twice.append((line, block))
            continue
        key = _key_of(block.raw)
        raise BibSyntaxError(f"entry {key}: syntax error (an unbalanced brace or quote?)", path, line)
    strings: dict[str, str] = {}
    entries: list[RawEntry] = []
    for block in library.blocks:
        line = (block.start_line or 0) + 1
        if isinstance(block, bib.String):
            try:
                strings[block.key.lower()], _ = _read_value(str(block.value), strings)
            except _ValueError:
                raise BibSyntaxError(f"@string {block.key}: malformed value", path, line) from None
        elif isinstance(block, bib.Entry):
            entries.append(_raw_entry(block, strings, path, line))
    warnings = []
    for line, block in twice:
        entry = block.ignore_error_block
        seen: set[str] = set()
        kept = []
        for fld in entry.fields:
            if fld.key.lower() not in seen:
                seen.add(fld.key.lower())
                kept.append(fld)
        entry.fields = kept
        entries.append(_raw_entry(entry, strings, path, line))
        names = ", ".join(sorted(block.duplicate_keys))
        warnings.append(
            Warning_(line, entry.key, f"field {names} written twice; the first value kept (as biber)")
        )
    entries.sort(key=lambda raw: raw.line)
    if not entries and not strings and _looks_like_something_else(text):
        raise InputError("not a BibTeX file: no @entry{key, ...} in it", path)
    return entries, duplicates, warnings


def _looks_like_something_else(text: str) -> bool:
    # only comments and blank lines: an empty library; anything else is not BibTeX
    meaningful = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("%")]
    return bool(meaningful)


def _raw_entry(block, strings: dict[str, str], path: Path, line: int) -> RawEntry:
    entry_type = block.entry_type.lower()
    fields = []
    for fld in block.fields:
        if not re.fullmatch(r"[A-Za-z][\w:+.\-]*", fld.key):
            raise BibSyntaxError(
                f"entry {block.key}: malformed field name {fld.key!r}",
                path,
                _field_line(block.raw, fld.key, line),
            )
        try:
            value, undefined = _read_value(str(fld.value), strings)
        except _ValueError as exc:
            rest = str(exc).split("\n")[0][:40]
            if re.match(r"[\w:+.\-]+\s*=", rest):
                reason = f"missing comma after field {fld.key!r} (before {rest!r})"
            else:
                reason = f"field {fld.key!r}: unexpected text {rest!r} (an unbalanced brace or quote?)"
            raise BibSyntaxError(
                f"entry {block.key}: {reason}", path, _field_line(block.raw, fld.key, line)
            ) from None
        if undefined:
            # biber warns and leaves the macro out; so do we, rather than invent a value
            fields.append((f"!undefined:{fld.key}", ", ".join(undefined)))
        fields.append((fld.key, value))
    return RawEntry(entry_type, block.key, line, fields, block.raw)


# -- crossref and xdata ----------------------------------------------------


def _inherit_map(parent_type: str, child_type: str) -> dict[str, str]:
    if parent_type in _MV:
        return _TITLES_AS["maintitle"]
    if parent_type in _BOOKS and child_type in entry_map.CHAPTER_LIKE:
        return _TITLES_AS["booktitle"]
    if parent_type == "periodical" and child_type in ("article", "suppperiodical"):
        return _TITLES_AS["journaltitle"]
    return {}


def resolve(entries: list[RawEntry]) -> None:
    """Give each entry the fields it lacks from its ``xdata`` and ``crossref`` parents, as biber does."""
    by_key = {e.key.lower(): e for e in entries}

    def parents(e: RawEntry, name: str) -> list[RawEntry]:
        value = next((v for k, v in e.fields if k.lower() == name), "")
        wanted = [k.strip().lower() for k in value.split(",") if k.strip()]
        return [by_key[k] for k in wanted if k in by_key and by_key[k] is not e]

    def resolve_one(e: RawEntry, seen: frozenset[str]) -> None:
        if e.key in seen:
            return
        have = {k.lower() for k, _ in e.fields}
        for kind in ("xdata", "crossref"):
            for parent in parents(e, kind):
                resolve_one(parent, seen | {e.key})
                mapping = (
                    _inherit_map(
                        TYPE_ALIASES.get(parent.entry_type, (parent.entry_type,))[0],
                        TYPE_ALIASES.get(e.entry_type, (e.entry_type,))[0],
                    )
                    if kind == "crossref"
                    else {}
                )
                for name, value in parent.fields:
                    lowered = name.lower()
                    if lowered in _NO_INHERIT or lowered.startswith("!"):
                        continue
                    if mapping and lowered in _DROPPED_ON_INHERIT:
                        continue
                    target = mapping.get(lowered, lowered)
                    if target not in have:
                        e.fields.append((target, value))
                        have.add(target)

    for e in entries:
        resolve_one(e, frozenset())


# -- the whole file ----------------------------------------------------------


def read(text: str, path: Path) -> ReadResult:
    entries, duplicates, warnings = split(text, path)
    resolve(entries)
    result = ReadResult(duplicates=duplicates, warnings=warnings)
    for raw in entries:
        if raw.entry_type == "xdata":
            continue  # data for other entries, never an entry itself (biber)
        warnings_here: list[entry_map.Problem] = []
        fields = []
        for name, value in raw.fields:
            if name.startswith("!undefined:"):
                field_name = name.split(":", 1)[1]
                result.warnings.append(
                    Warning_(
                        raw.line_of(field_name),
                        raw.key,
                        f"field {field_name}: undefined @string macro {value}",
                    )
                )
                continue
            fields.append((name, value))
        if raw.entry_type not in ENTRY_TYPES and raw.entry_type not in TYPE_ALIASES:
            result.warnings.append(
                Warning_(raw.line, raw.key, f"unknown entry type @{raw.entry_type}, kept as is")
            )
        try:
            ref = entry_map.to_reference(
                raw.entry_type, raw.key, fields, decode, problems=warnings_here, file=str(path), line=raw.line,
            )  # fmt: skip
        except ValidationError as exc:  # a value the model refuses: this entry only, said in one line
            error = exc.errors()[0]
            where = ".".join(str(part) for part in error["loc"])
            result.skipped.append(
                (raw.line, raw.key, f"{where}: {error['msg'].removeprefix('Value error, ')}")
            )
            continue
        for problem in warnings_here:
            result.warnings.append(
                Warning_(
                    raw.line_of(problem.field), raw.key, f"field {problem.field} dropped: {problem.reason}"
                )
            )
        if raw.entry_type in _OWN_TYPES and not warnings_here:
            ref = _as_our_own(raw, fields, path, ref)
        result.references.append(ref)
    return result


_OWN_TYPES = frozenset({"online", "article", "book", "report"})


def _as_our_own(raw: RawEntry, fields: list[tuple[str, str]], path: Path, ref: Reference) -> Reference:
    """The reference our own export wrote this entry from, if it is one (see ``own_export``)."""
    from ..export import biblatex as ours
    from . import biblatex_write, own_export

    try:
        own = own_export.to_reference(raw.entry_type, raw.key, fields, path, raw.line)
    except ValueError:
        return ref
    return own if ours.entry(own) == biblatex_write.entry(ref) else ref
