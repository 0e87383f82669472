"""``ingest --prune``: retire the records of reports that were deleted.

A deleted report's claims file goes, and so do the entries of its own
``.bib`` file that no remaining record cites (an entry another report cites
stays).  A record holding reviewed claims is a person's work: it is kept
unless ``force``.  Everything changes in one transaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..textfile import read_text
from ..transaction import transaction

if TYPE_CHECKING:
    from ..project import Project


@dataclass
class Pruned:
    removed: list[str] = field(default_factory=list)  # report ids whose records went
    kept: list[tuple[str, int]] = field(default_factory=list)  # (report id, reviewed claims) kept
    references: list[str] = field(default_factory=list)  # citekeys removed
    files: list[str] = field(default_factory=list)  # files changed or deleted


def deleted_reports(project: Project) -> list[str]:
    return sorted(
        rid for rid, cf in project.claim_files.items() if not (project.root / cf.report.source).is_file()
    )


def prune(project: Project, *, force: bool = False, dry_run: bool = False) -> Pruned:
    result = Pruned()
    for rid in deleted_reports(project):
        reviewed = sum(1 for c in project.claim_files[rid].claims if c.review.is_curated)
        if reviewed and not force:
            result.kept.append((rid, reviewed))
        else:
            result.removed.append(rid)
    if not result.removed:
        return result
    gone = set(result.removed)
    still_cited: set[str] = set()
    for rid, cf in project.claim_files.items():
        if rid not in gone:
            still_cited |= {k for f in cf.footnotes for k in f.references}
            still_cited |= {k for c in cf.claims for k in c.references}
            still_cited |= {b.key for b in cf.bibliography}
    with transaction(project.root) as txn:
        for rid in result.removed:
            path = project.claim_paths[rid]
            txn.delete(path)
            result.files.append(project.relative(path))
            bib = project.references_dir / f"{rid}.bib"
            if bib.is_file():
                text, dropped = _without(read_text(bib, allow_empty=True), still_cited)
                result.references += dropped
                if dropped:
                    result.files.append(project.relative(bib))
                    if text.strip():
                        txn.write(bib, text)
                    else:
                        txn.delete(bib)
        if dry_run:
            txn.abort()
    return result


def _without(text: str, keep: set[str]) -> tuple[str, list[str]]:
    """The .bib text without the entries whose keys are not in ``keep``; the rest byte for byte."""
    import bibtexparser

    dropped = []
    for entry in bibtexparser.parse_string(text).entries:
        if entry.key not in keep and entry.raw in text:
            text = text.replace(entry.raw, "", 1)
            dropped.append(entry.key)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return (text + "\n" if text else ""), dropped
