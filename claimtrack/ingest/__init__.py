"""Ingest: reports in, claim records and references out.

One module per input format (``sup_footnotes``, ``author_year``,
``pandoc_ast`` for everything pandoc reads, ``pdf``) parses a report into a
:class:`~.document.Document`; ``formats`` picks the reader; ``build`` turns the
document into records, keeping what people curated; this module writes the
files (or says what would change).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from .. import ledger as skip
from ..errors import InputError
from ..model import ClaimFile, Reference, Report, ReportFormat
from ..project import Project
from ..reportids import ReportIds, find_reports, source_of
from ..workers import map_ordered
from . import bibfiles, citekeys, latexbib, reflists, sentences
from .build import References, build, lenient, split_ahead
from .commit import write_changes
from .document import Document, Paragraph
from .formats import REPORT_SUFFIXES, Loaded, load, reader_for
from .handedits import keep_hand_edits
from .markdown import SENTINEL

# Read reports in worker processes from this many on (each is a second or so of work).
PARALLEL_FROM = 3


def report_paths(paths: list[Path]) -> list[Path]:
    """The report files named, directories expanded (subfolders too); a directory with none is an error."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = find_reports(path, REPORT_SUFFIXES)
            if not inside:
                raise InputError(
                    f"no reports ({', '.join(sorted(REPORT_SUFFIXES))} files) in directory", path
                )
            found.extend(_without_latex_parts(inside))
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def _without_latex_parts(paths: list[Path]) -> list[Path]:
    """In a folder with a LaTeX main file, the files it \\inputs are parts of it, not reports."""
    tex = [p for p in paths if p.suffix.lower() in (".tex", ".latex", ".ltx")]
    mains = {p for p in tex if "\\documentclass" in _head(p)}
    return [p for p in paths if not mains or p not in tex or p in mains]


def _head(path: Path) -> str:
    try:
        with path.open("rb") as file:
            return file.read(65536).decode("utf-8", "replace")
    except OSError:
        return ""  # read as a report, it gets its one-line error there


def report_id(path: Path) -> str:
    return path.stem


@dataclass
class Change:
    """What ingesting one report changes on disk."""

    report: str
    claims_path: Path
    claim_file: Optional[ClaimFile]  # None when skipped
    bib_path: Path
    new_refs: list[Reference] = field(default_factory=list)
    added: list[str] = field(default_factory=list)  # claim ids
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    detached: list[str] = field(default_factory=list)
    unchanged: bool = False
    skipped: bool = False  # unchanged since the last ingest (see ledger.py): not even read
    source: str = ""
    n_claims: int = 0
    path: Optional[Path] = None  # the report read (None when skipped)
    digest: str = ""  # its digest when it was read: what the ledger records
    # (bibliography file, references/ file it is imported into), imported when writing
    bibliographies: list[tuple[Path, Path]] = field(default_factory=list)
    missing_keys: list[str] = field(default_factory=list)  # cited, not in the bibliography
    missing_bibliographies: list[str] = field(default_factory=list)  # named by the document, not found


def read_document(path: Path, fmt: Optional[ReportFormat] = None) -> tuple[str, ReportFormat, Document]:
    """A report's text (for a DOCX or a PDF: its paragraphs, one a line), its format (detected
    unless given) and the parsed document."""
    loaded = load(path, reader_for(fmt) if fmt else None)
    return "\n".join(loaded.lines), loaded.format, loaded.doc


def parse_report(path: Path, forced: Optional[str] = None) -> Loaded:
    """A report read and checked: the costly part, which needs nothing but the file."""
    loaded = load(path, forced)
    if not loaded.doc.paragraphs:
        raise InputError("no report text found (is this a report?)", path)
    _check_markers(loaded.doc, path)
    return loaded


def parse_ahead(path: Path, forced: Optional[str] = None) -> tuple[Loaded, dict[str, Any]]:
    """The report read, and its paragraphs' sentence spans: the independent part (for a worker)."""
    loaded = parse_report(path, forced)
    return loaded, sentences.recording(lambda: split_ahead(loaded.doc))


def ingest(
    project: Project,
    path: Path,
    refs: References,
    forced: Optional[str] = None,
    loaded: Optional[Loaded] = None,
    rid: Optional[str] = None,
    bibliographies: Optional[list[Path]] = None,
) -> Change:
    loaded = loaded or parse_report(path, forced)
    doc, fmt = loaded.doc, loaded.format
    rel = source_of(project.root, path)
    rid = rid or path.stem  # callers outside ingest_all: see claimtrack.reportids for real ids
    imports = _citations(project, path, doc, refs, bibliographies or [])
    meta = {k: v for k, v in doc.report.items() if v not in (None, [], "")}
    meta.setdefault("title", path.stem)
    report = lenient(
        Report,
        {"id", "source", "sha256", "format", "title"},
        id=rid,
        source=rel,
        sha256=loaded.sha256,
        format=fmt,
        **meta,
    )
    previous = project.claim_files.get(rid)
    claim_file = build(doc, report, loaded.lines, refs, previous)
    keep_hand_edits(claim_file, previous)
    claims_path = project.claim_paths.get(rid) or project.claims_dir / f"{rid}.yaml"
    change = Change(
        rid, claims_path, claim_file, project.references_dir / f"{rid}.bib", bibliographies=imports
    )
    change.missing_bibliographies = [project.relative(b) for b in doc.missing_bibliographies]
    change.missing_keys = sorted(
        {c.key for claim in claim_file.claims for c in claim.citations if not c.found and c.key}
    )
    _diff(change, previous)
    return change


def _citations(
    project: Project, path: Path, doc: Document, refs: References, extra: list[Path]
) -> list[tuple[Path, Path]]:
    """Citekeys and their bibliography, and a numbered or author-date reference list.

    Footnotes are searched too (a note may hold ``[@key, p. 3]`` or ``[4]``): they
    are marked as paragraphs for a moment, and the citations found in each are
    remembered by its label; its text stays as written.
    """
    notes = [Paragraph(f.markdown, f.line, f.line, None) for f in doc.footnotes]
    doc.paragraphs.extend(notes)
    try:
        return _mark_citations(project, path, doc, refs, extra)
    finally:
        del doc.paragraphs[len(doc.paragraphs) - len(notes) :]
        for definition, note in zip(doc.footnotes, notes, strict=True):
            found = [m.group(1) for m in SENTINEL.finditer(note.markdown) if m.group(1) in doc.citations]
            if found:
                doc.note_cites[definition.label] = found


def _mark_citations(
    project: Project, path: Path, doc: Document, refs: References, extra: list[Path]
) -> list[tuple[Path, Path]]:
    # A LaTeX paper's own list (thebibliography, a .bbl): cited by its \bibitem keys.
    bibitems = latexbib.keyed(doc)
    # A .bbl read in place of .bib files that are not there stands for all of them.
    named = [] if doc.bbl is not None else bibfiles.named_in(doc.meta, path)
    # A bibliography the metadata names but that is not there (it lives with the author's other
    # files): its citations are recorded, unresolved, and ingest says so; --bibliography must exist.
    doc.missing_bibliographies = [b for b in named if not b.is_file()]
    bibs = list(dict.fromkeys([*(b for b in named if b.is_file()), *extra]))
    targets: dict[Path, Path] = {}
    inline = bibfiles.inline_references(doc)
    if inline:  # the works the document holds itself (Zotero/Mendeley fields, ``references:``)
        bib, target = bibfiles.write_inline(project, report_id(path), inline)
        bibs.append(bib)
        targets[bib] = target
    if not bibs and not named and not bibitems and not citekeys.has_citations(doc):
        reflists.apply(doc)
        return []
    if not bibitems:
        reflists.apply(doc)  # a list written out in the text as well: its citations are not citekeys
    imports = []
    names: dict[str, str] = {}
    report_ids = set(project.claim_files) | {report_id(path)}
    for bib in bibs:
        target = targets.get(bib) or bibfiles.target_for(project, bib, report_ids)
        imported = bibfiles.load(project, bib, target, report=path)
        for key, given in imported.keys.items():
            doc.cite_keys.setdefault(key, given)
        names.update({k: v for k, v in imported.names.items() if k not in names})
        imports.append((bib, target))
    refs.taken.update(doc.cite_keys.values())
    names.update({k: v for k, v in latexbib.names(doc).items() if k not in names})
    citekeys.apply(doc, names, narrative=bool(bibs or named or bibitems))
    latexbib.link(doc)
    return imports


def _check_markers(doc: Document, path: Path) -> None:
    """A marker whose definition is missing is recorded as it is (the audit reports it);
    a report whose markers have no definitions at all is not a footnoted report we can read."""
    if doc.marker is None or doc.footnotes:
        return
    for paragraph in doc.paragraphs:
        match = doc.marker.search(paragraph.markdown)
        if match:
            raise InputError(
                f"footnote marker {match.group(1)!r} but no footnote definitions in the report",
                path,
                paragraph.line,
            )


def _diff(change: Change, previous: Optional[ClaimFile]) -> None:
    new = {c.id: c for c in change.claim_file.claims}
    old = {c.id: c for c in previous.claims} if previous else {}
    change.added = [i for i in new if i not in old]
    change.removed = [i for i in old if i not in new]
    change.changed = [i for i in new if i in old and new[i] != old[i]]
    change.detached = [i for i, c in new.items() if c.detached]
    change.unchanged = previous is not None and previous == change.claim_file


def ingest_all(
    project: Project,
    paths: list[Path],
    *,
    dry_run: bool = False,
    forced: Optional[str] = None,
    bibliographies: Optional[list[Path]] = None,
) -> list[Change]:
    """Ingest every report; write nothing until all of them parsed (no half-written state).

    ``forced`` is a reader name (``--from``) that overrides detection for every file;
    ``bibliographies``: files (BibTeX, biblatex, CSL-JSON, CSL-YAML, RIS) the
    citekeys of every report resolve against, besides the ones they name.
    """
    # --from changes what a report is read as: nothing is skipped then, nor recorded.
    # --bibliography files are part of what each report was built with (ledger.py).
    extra = list(bibliographies or [])
    place = skip.where(project.root) if skip.enabled() and forced is None else None
    ledger = skip.Ledger(place) if place else None
    all_paths = report_paths(paths)
    digests = {path: skip.report_digest(path) for path in all_paths}
    skipped = (
        {path: _skipped(project, path, ledger.unchanged(path, digests[path], extra)) for path in all_paths}
        if ledger
        else {}
    )
    todo = [path for path in all_paths if skipped.get(path) is None]
    built: list[Change] = []
    refs = References({})
    if todo:
        if not (project.claim_files or project.references):
            project.load()
        refs = References(dict(project.references))
        ids = ReportIds(
            project.root,
            project.reports_dir,
            {rid: cf.report.source for rid, cf in project.claim_files.items()},
        )
        jobs = [(p, forced) for p in todo]
        for path, (loaded, spans) in zip(
            todo, map_ordered(parse_ahead, jobs, parallel_from=PARALLEL_FROM), strict=True
        ):
            sentences.use_ahead(spans)
            change = ingest(project, path, refs, forced, loaded, ids.id_for(path), bibliographies)
            change.path, change.digest = path, digests[path]
            built.append(change)
        sentences.use_ahead({})
    by_path = dict(zip(todo, built, strict=True))
    changes = [by_path.get(path) or skipped[path] for path in all_paths]
    seen: dict[str, Path] = {}
    for change in changes:
        if change.report in seen:
            raise InputError(
                f"two reports named {change.report!r}: {seen[change.report]} and this one", change.claims_path
            )
        seen[change.report] = change.claims_path
    for ref in refs.new:  # each new reference goes to the .bib of the first report citing it
        owner = next((c for c in built if _cites(c.claim_file, ref.key)), built[0])
        owner.new_refs.append(ref)
    if not dry_run and built:
        import_bibliographies(project, built)
        write_changes(project, built)
        record_ledger(project, built, forced, extra)
    return changes


def _skipped(project: Project, path: Path, entry: Optional[dict[str, str]]) -> Optional[Change]:
    if entry is None:
        return None
    return Change(
        entry["id"],
        project.root / entry["claims_path"],
        None,
        project.references_dir / f"{entry['id']}.bib",
        unchanged=True,
        skipped=True,
        source=project.relative(path),
        n_claims=int(entry["n_claims"]),
    )


def _cites(claim_file: ClaimFile, key: str) -> bool:
    return any(key in f.references for f in claim_file.footnotes) or any(
        e.key == key for e in claim_file.bibliography
    )


def record_ledger(
    project: Project, changes: list[Change], forced: Optional[str] = None, extra: Sequence[Path] = ()
) -> None:
    """After a write: remember what each report's records were built from, so an unchanged
    report is skipped next time (see :mod:`claimtrack.ledger`)."""
    place = skip.where(project.root) if skip.enabled() and forced is None else None
    built = [c for c in changes if not c.skipped and c.path is not None and c.digest]
    if place is None or not built:
        return
    read = {  # the bibliographies each report read, and the ones it names that are not there yet
        c.path: [
            *(bib for bib, _ in c.bibliographies),
            *(project.root / m for m in c.missing_bibliographies),
            *extra,
        ]
        for c in built
        if c.path is not None
    }
    skip.Ledger(place).record(
        [(c.path, c.digest, c.claims_path, c.report, len(c.claim_file.claims)) for c in built],
        REPORT_SUFFIXES,
        read,
        extra,
    )


def import_bibliographies(project: Project, changes: list[Change]) -> None:
    """Before the records are written: the bibliographies citekey reports name, through
    ``refs import`` (known sources keep their keys and curated fields)."""
    done: set[tuple[Path, Path]] = set()
    for change in changes:
        for bib, target in change.bibliographies:
            if (bib, target) not in done:
                bibfiles.load(project, bib, target, report=bib, dry_run=False)
                done.add((bib, target))
    if done:
        project.load()  # the records about to be written cite the keys just imported
