"""``refs import``: merge a library (BibTeX, biblatex, CSL-JSON, CSL-YAML, RIS) into references/.

The public entry point is ``import_library(project, source, target=None,
*, dry_run=False, fix_keys=False)``; ``read_library(path)`` reads a file
without touching a project.  A source already known (same DOI, ISBN,
normalised URL, or title, year and first author) is merged: the existing
reference keeps its key (claims point at it) and only gains the fields it
lacked.  Everything the import did is in the ``ImportResult``: added,
merged (with the fields gained), skipped (file:line and why), renamed keys,
warnings about single fields, and the fields kept only verbatim in ``extra``.
A syntax error anywhere is an error for the whole file (exit 2): nothing is
imported from a file we cannot read completely.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..errors import UsageError
from ..model import Reference
from ..textfile import read_text
from . import keys, merge


@dataclass
class Skipped:
    line: int
    reason: str
    key: Optional[str] = None


@dataclass
class Merged:
    key: str  # the imported entry's key
    into: str  # the existing reference's key
    by: str  # "DOI", "ISBN", "URL" or "title"
    filled: list[str] = field(default_factory=list)  # fields the existing reference gained


@dataclass
class FieldWarning:
    line: int
    key: str
    message: str


@dataclass
class ImportResult:
    source: str
    target: str
    format: str = "bibtex"
    added: list[str] = field(default_factory=list)
    renamed: list[tuple[str, str]] = field(default_factory=list)  # (key in the file, key given)
    merged: list[Merged] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    dropped_fields: dict[str, int] = field(default_factory=dict)  # fields dropped by a warning
    written: list[str] = field(default_factory=list)
    warnings: list[FieldWarning] = field(default_factory=list)
    extra_fields: dict[str, int] = field(default_factory=dict)  # kept verbatim only (not biblatex's)
    case_clashes: list[list[str]] = field(default_factory=list)  # keys equal but for case
    fixed_keys: list[tuple[str, str]] = field(
        default_factory=list
    )  # (unparseable key, key given): --fix-keys


@dataclass
class Library:
    """What a file holds, before any project is involved."""

    format: str
    references: list[Reference] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[FieldWarning] = field(default_factory=list)


# -- reading -----------------------------------------------------------------

_FORMATS = {".bib": "bibtex", ".bibtex": "bibtex", ".biblatex": "bibtex", ".json": "csl-json",
            ".yaml": "csl-yaml", ".yml": "csl-yaml", ".ris": "ris", ".txt": None}  # fmt: skip


def sniff(path: Path, text: str) -> str:
    """The file's format: by its extension, else by its first meaningful character."""
    known = _FORMATS.get(path.suffix.lower())
    if known:
        return known
    head = next(
        (ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("%")), ""
    )
    if head.startswith(("[", "{")):
        return "csl-json"
    if head.startswith("TY  -"):
        return "ris"
    if head.startswith(("---", "- id:", "references:")):
        return "csl-yaml"
    return "bibtex"


def read_library(path: Path) -> Library:
    """Every entry of the library at ``path``; InputError (exit 2) if the file is unusable."""
    path = Path(path)
    text = read_text(path)
    fmt = sniff(path, text)
    if fmt == "bibtex":
        from . import bibtex_read

        read = bibtex_read.read(text, path)
        library = Library(fmt, read.references)
        library.skipped = [
            Skipped(line, f"duplicate citekey {key!r} in this file", key) for line, key in read.duplicates
        ]
        library.skipped += [Skipped(line, f"entry {key}: {why}", key) for line, key, why in read.skipped]
        library.warnings = [FieldWarning(w.line, w.key, w.message) for w in read.warnings]
    elif fmt in ("csl-json", "csl-yaml"):
        from . import csl

        refs, warnings = csl.read(text, path, yaml=fmt == "csl-yaml")
        library = Library(fmt, refs, warnings=[FieldWarning(*w) for w in warnings])
    else:
        from . import ris

        refs, warnings = ris.read(text, path)
        library = Library(fmt, refs, warnings=[FieldWarning(*w) for w in warnings])
    return library


# -- importing ---------------------------------------------------------------


def import_library(
    project, source: Path, target: Optional[Path] = None, *, dry_run: bool = False, fix_keys: bool = False
) -> ImportResult:
    """Merge the library at ``source`` into the project's references; write unless ``dry_run``."""
    from ..writing import locked

    target = Path(target) if target else project.references_dir / "imported.bib"
    if target.suffix != ".bib":
        raise UsageError("the target must be a .bib file", target)
    if target.resolve().parent != project.references_dir.resolve():
        raise UsageError(f"the target must be a file in {project.relative(project.references_dir)}/", target)
    library = read_library(Path(source))
    result = ImportResult(source=str(source), target=project.relative(target), format=library.format)
    result.skipped = list(library.skipped)
    result.warnings = list(library.warnings)
    dropped = Counter(w.message.split()[1] for w in library.warnings if " dropped:" in w.message)
    result.dropped_fields = dict(sorted(dropped.items()))
    extra = Counter(name for ref in library.references for name in ref.extra)
    result.extra_fields = dict(sorted(extra.items()))
    result.case_clashes = keys.case_clashes([ref.key for ref in library.references])
    with locked(project):  # the lock, a crashed writer's commit finished, the records read afresh
        _merge_into(project, library.references, target, result, dry_run=dry_run, fix_keys=fix_keys)
    result.skipped.sort(key=lambda s: s.line)
    return result


def _merge_into(project, incoming: list[Reference], target: Path, result: ImportResult, *, dry_run: bool,
                fix_keys: bool) -> None:  # fmt: skip
    from . import store

    # every reference by file, read afresh under the lock; the target file may be new
    by_file: dict[str, list[Reference]] = {}
    for path in project.reference_files():
        name = project.relative(path)
        by_file[name] = [ref.model_copy(update={"file": name}) for ref in store.read(path)]
    target_name = project.relative(target)
    by_file.setdefault(target_name, [])
    index = merge.Index()
    taken: set[str] = set()
    for refs in by_file.values():
        for ref in refs:
            taken.add(ref.key)
            index.add(ref)
    changed: set[str] = set()
    for ref in incoming:
        match = index.find(ref)
        if match:
            by, existing = match
            filled = merge.fill(existing, ref)
            result.merged.append(Merged(ref.key, existing.key, by, filled))
            if filled:
                changed.add(existing.file or target_name)
            continue
        original = ref.key
        # RIS and CSL records may have no key at all: one is made, as ingest makes them
        problem = keys.key_problem(ref.key) if ref.key or result.format == "bibtex" else None
        if problem and not fix_keys:
            result.skipped.append(
                Skipped(ref.line or 0, f"entry {ref.key}: {problem}; --fix-keys gives it a new key", ref.key)
            )
            continue
        if problem or not ref.key or ref.key.lower() in {key.lower() for key in taken}:
            ref.key = keys.make_key(
                authors=ref.authors, organization=ref.organization, container=ref.container,
                url=ref.url, date=ref.date, title=ref.title, taken=taken,
            )  # fmt: skip
            if problem:
                ref.extra = {**ref.extra, "oldkey": original}
                result.fixed_keys.append((original, ref.key))
            if original:
                result.renamed.append((original, ref.key))
        taken.add(ref.key)
        ref.file, ref.line = target_name, None
        by_file[target_name].append(ref)  # not merged with later entries: each is a key the library cites
        result.added.append(ref.key)
        changed.add(target_name)
    if not dry_run:
        from ..transaction import transaction

        # every changed file at once (see claimtrack.transaction): all merged, or nothing
        with transaction(project.root) as txn:
            for name in sorted(changed, key=lambda n: n != target_name):
                if txn.write(project.root / name, store.dumps(by_file[name])):
                    result.written.append(name)


def read_source(path: Path) -> list[Reference]:
    """The references of a bibliography file in any format we read, for callers with no project."""
    return read_library(path).references
