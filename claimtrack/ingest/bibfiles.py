"""The bibliography a citekey document names, brought into references/.

Found where the document says (``bibliography:`` in its metadata, relative to
the document) or given with ``--bibliography``.  Its entries join the project
through ``refs import`` (``refimport.import_library``), so a source already
known keeps its key and its curated fields, and only new entries are added.
The importer reads BibTeX/biblatex, CSL-JSON, CSL-YAML and RIS.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import refimport
from ..atomic import write_text
from ..derived import derived_dir
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


def inline_references(doc: Any) -> list[dict[str, Any]]:
    """The CSL items a document holds itself: its Word citation fields' works, or the
    ``references:`` list of its metadata (pandoc's inline bibliography)."""
    if doc.inline_references:
        return doc.inline_references
    value = doc.meta.get("references")
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, dict) and isinstance(item.get("id"), str)]


def write_inline(project: Project, report: str, items: list[dict[str, Any]]) -> tuple[Path, Path]:
    """The inline works as a CSL-JSON file the importer reads (kept in ``.claimtrack/``: it is
    derived from the report), and the references/ file they join."""
    name = re.sub(r"[^\w.-]+", "-", report)
    bib = derived_dir(project.root) / "inline-references" / f"{name}.json"
    bib.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(items, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if not bib.is_file() or bib.read_text("utf-8") != text:
        write_text(bib, text)
    return bib, project.references_dir / f"{name}-references.bib"


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
