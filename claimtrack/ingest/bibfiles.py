"""The bibliography a citekey document names, brought into references/.

Found where the document says (``bibliography:`` in its metadata, relative to
the document) or given with ``--bibliography``.  Its entries join the project
through ``refs import`` (``refimport.import_library``), so a source already
known keeps its key and its curated fields, and only new entries are added.
The importer reads BibTeX/biblatex, CSL-JSON, CSL-YAML and RIS.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import refimport
from ..errors import InputError
from ..model import Reference
from ..project import Project


@dataclass
class Imported:
    """What one bibliography file brings: document key -> project key."""

    path: Path
    target: Path
    keys: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # document key -> "Smith and Lee", as cited in text
    skipped: list[str] = field(default_factory=list)  # "line N: reason"


def named_in(meta: dict[str, Any], report: Path) -> list[Path]:
    """The bibliography files a document's metadata names, relative to the document."""
    value = meta.get("bibliography")
    names = [value] if isinstance(value, str) else [v for v in value or [] if isinstance(v, str)]
    paths = []
    for name in names:
        path = Path(name.strip()).expanduser()
        paths.append(path if path.is_absolute() else report.parent / path)
    return paths


def target_for(project: Project, bib: Path, report_ids: set[str]) -> Path:
    """references/<bib name>.bib: one file per bibliography, shared by the documents citing it."""
    stem = bib.stem if bib.stem not in report_ids else f"{bib.stem}-bibliography"
    return project.references_dir / f"{stem}.bib"


def load(project: Project, bib: Path, target: Path, *, report: Path, dry_run: bool = True) -> Imported:
    """Import ``bib`` into ``target`` (or only say what would happen, with ``dry_run``)."""
    if not bib.is_file():
        raise InputError(f"bibliography {bib} not found", report, 1)
    # one call into `refs import`: it reads BibTeX/biblatex, CSL-JSON, CSL-YAML and RIS
    result = refimport.import_library(project, bib, target, dry_run=dry_run)
    entries = refimport.read_library(bib).references
    imported = Imported(bib, target)
    imported.names = {ref.key: in_text_name(ref) for ref in entries if in_text_name(ref)}
    renamed = dict(result.renamed)
    for key in result.added:
        imported.keys[key] = key
    for original, given in renamed.items():
        imported.keys[original] = given
    for merged in result.merged:
        imported.keys[merged.key] = merged.into
    imported.skipped = [f"line {s.line}: {s.reason}" for s in result.skipped]
    return imported


def in_text_name(ref: Reference) -> str:
    """How a narrative citation names the source: "Smith", "Smith and Lee", "Smith et al."."""
    families = [a.split(",", 1)[0].strip() for a in ref.authors if a != "others"]
    if not families:
        return ref.organization or ""
    if len(families) == 1:
        return families[0]
    if len(families) == 2:
        return f"{families[0]} and {families[1]}"
    return f"{families[0]} et al."
