"""Writing what ingest produced: every claims YAML and .bib file as one transaction.

Staged first, checked, then renamed (see :mod:`claimtrack.transaction`): a
failure anywhere (a read-only folder, a full disk, a citekey that would be
defined twice) leaves every record as it was, and the error names the real
file.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from .. import claimstore, refstore
from ..errors import InputError
from ..transaction import transaction

if TYPE_CHECKING:
    from ..project import Project
    from . import Change


def plan(project: Project, changes: Sequence[Change]) -> dict[Path, str]:
    """Every file the changes write, with its new text (.bib files first)."""
    texts: dict[Path, str] = {}
    # New references are appended to the report's .bib file as text, so that
    # entries a person edited (fields we do not know included) stay as they are.
    for change in changes:
        if change.new_refs:
            bib = change.bib_path
            loaded = project.reference_texts.get(bib)  # the file as the records were read
            existing = loaded if loaded is not None else (bib.read_text("utf-8") if bib.exists() else "")
            existing = existing.rstrip() + "\n\n" if existing.strip() else ""
            texts[bib] = existing + refstore.dumps(change.new_refs)
    for change in changes:
        if change.claim_file is not None:  # None: skipped, unchanged since the last ingest
            texts[change.claims_path] = claimstore.dumps_over(change.claims_path, change.claim_file)
    return texts


def already_written(texts: dict[Path, str]) -> bool:
    """Does every file already hold its planned text (another writer did the same work)?"""
    for path, text in texts.items():
        try:
            if path.read_text("utf-8") != text:
                return False
        except (OSError, UnicodeDecodeError):
            return False
    return True


def write_changes(
    project: Project, changes: Sequence[Change], texts: Optional[dict[Path, str]] = None
) -> None:
    planned = plan(project, changes) if texts is None else texts
    with transaction(project.root) as txn:
        for path, text in planned.items():
            txn.write(path, text)
        txn.check(lambda: _check(project, changes))
        txn.check(lambda: _check_texts(project, planned))


_ENTRY_KEY = re.compile(r"^@\w+\s*\{\s*([^,\s]+)\s*,", re.M)


def _check_texts(project: Project, texts: dict[Path, str]) -> None:
    """No citekey twice in the .bib texts about to be written, nor in one they do not replace.

    A scan of the entry heads, not a parse: it is what guards against the
    case the model check cannot see, a file that changed under the writer.
    """
    seen: dict[str, str] = {}
    written = {path.resolve() for path in texts}
    for ref in project.references.values():
        if ref.file and (project.root / ref.file).resolve() not in written:
            seen[ref.key] = ref.file
    for path, text in texts.items():
        if path.suffix != ".bib":
            continue
        shown = project.relative(path)
        for match in _ENTRY_KEY.finditer(text):
            key = match.group(1)
            if key in seen:
                line = text.count("\n", 0, match.start()) + 1
                raise InputError(
                    f"citekey {key!r} would be defined twice (also in {seen[key]}); nothing was changed",
                    shown,
                    line,
                )
            seen[key] = shown


def _check(project: Project, changes: Sequence[Change]) -> None:
    """The project the staged files make is whole: every citekey defined once, none missing.

    Checked on the records themselves (the staged text is our own writer's
    output of these validated models), so the check costs no parsing.
    """
    keys: dict[str, str] = {}
    for ref in project.references.values():
        keys[ref.key] = ref.file or ""
    for change in changes:
        shown = project.relative(change.bib_path)
        for ref in change.new_refs:
            if ref.key in keys:
                raise InputError(
                    f"citekey {ref.key!r} would also be defined in {keys[ref.key]}; nothing was changed",
                    shown,
                )
            keys[ref.key] = shown
    for change in changes:
        claim_file = change.claim_file
        if claim_file is None:
            continue
        # The keys ingest itself derived; a key a person typed into a claim is the audit's business.
        cited = {k for f in claim_file.footnotes for k in f.references}
        cited |= {b.key for b in claim_file.bibliography}
        missing = sorted(cited - set(keys))
        if missing:
            raise InputError(
                f"would cite {missing[0]!r}, which no file in references/ defines; nothing was changed",
                project.relative(change.claims_path),
            )
