"""``claimtrack ingest``."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ._app import LockTimeoutOption, RootOption, app, console, handles_errors


@app.command()
@handles_errors
def ingest(
    paths: list[Path] = typer.Argument(
        None,
        help="Report files or directories of reports (subfolders included). Default: the project's reports/.",
    ),
    dry_run: bool = typer.Option(False, "--dry-run", "-n", help="Show what would change; write nothing."),
    from_format: Optional[str] = typer.Option(
        None,
        "--from",
        metavar="FORMAT",
        help="Read every file as FORMAT instead of detecting it: markdown, gfm, commonmark, markdown_mmd, "
        "kramdown, html, docx, odt, rtf, epub, latex, rst, org, typst, pdf, sup-footnotes, "
        "markdown-footnotes, author-year.",
    ),
    prune: bool = typer.Option(
        False,
        "--prune",
        help="Also remove the records of reports that were deleted (a record with reviewed claims "
        "is kept unless --force).",
    ),
    force: bool = typer.Option(False, "--force", help="With --prune: remove reviewed claims too."),
    lock_timeout: Optional[float] = LockTimeoutOption,
    root: Optional[Path] = RootOption,
) -> None:
    """Read reports into claim records (claims/) and references (references/).

    Re-ingesting keeps review blocks, hand-corrected claim fields (references,
    section), corrected reference fields and YAML comments, and keeps claim ids
    stable. Formats, told apart by content and extension: Markdown
    (pandoc, GitHub, MultiMarkdown, kramdown), HTML, DOCX, ODT, RTF, EPUB, LaTeX,
    reStructuredText, Org, Typst, text-based PDF, Markdown converted from PDF
    (<sup>N</sup> footnotes) and author-year articles.
    """
    from ..errors import UsageError
    from ..ingest import ingest_all
    from ..ingest.formats import CHOICES
    from ..render.ingest import print_changes, print_pruned

    if from_format is not None and from_format not in CHOICES:
        raise UsageError(f"--from {from_format!r}: not a format; one of: {', '.join(CHOICES)}")
    if force and not prune:
        raise UsageError("--force only goes with --prune")
    from ..project import Project

    project = Project.open(root, create=True, load=dry_run)
    targets = _targets(project, paths, prune)
    pruned = None
    if dry_run:
        changes = ingest_all(project, targets, dry_run=True, forced=from_format)
        pruned = _prune(project, force, dry_run=True) if prune else None
    else:
        from ..writing import ingest_locked, locked

        changes = ingest_locked(project, targets, lock_timeout=lock_timeout, forced=from_format)
        if prune:
            with locked(project, lock_timeout=lock_timeout):
                pruned = _prune(project, force, dry_run=False)
    print_changes(console(), project, changes, dry_run=dry_run)
    if pruned is not None:
        print_pruned(console(), pruned, dry_run=dry_run)


def _targets(project, paths: Optional[list[Path]], prune: bool) -> list[Path]:
    """What to ingest: the paths given, else reports/ (with --prune, a reports/ left empty is fine)."""
    if paths:
        return paths
    if prune:
        from ..ingest.formats import REPORT_SUFFIXES
        from ..reportids import find_reports

        return find_reports(project.reports_dir, REPORT_SUFFIXES) if project.reports_dir.is_dir() else []
    return [project.reports_dir]


def _prune(project, force: bool, *, dry_run: bool):
    from ..ingest.prune import prune

    return prune(project, force=force, dry_run=dry_run)
