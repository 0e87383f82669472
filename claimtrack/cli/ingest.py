"""``claimtrack ingest``."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ._app import RootOption, app, console, handles_errors, open_project


@app.command()
@handles_errors
def ingest(
    paths: list[Path] = typer.Argument(
        None, help="Report files or directories of reports. Default: the project's reports/."
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
    root: Optional[Path] = RootOption,
) -> None:
    """Read reports into claim records (claims/) and references (references/).

    Re-ingesting keeps review blocks and corrected reference fields, and keeps
    claim ids stable. Formats, told apart by content and extension: Markdown
    (pandoc, GitHub, MultiMarkdown, kramdown), HTML, DOCX, ODT, RTF, EPUB, LaTeX,
    reStructuredText, Org, Typst, text-based PDF, Markdown converted from PDF
    (<sup>N</sup> footnotes) and author-year articles.
    """
    from ..errors import UsageError
    from ..ingest import ingest_all
    from ..ingest.formats import CHOICES
    from ..render.ingest import print_changes

    if from_format is not None and from_format not in CHOICES:
        raise UsageError(f"--from {from_format!r}: not a format; one of: {', '.join(CHOICES)}")
    project = open_project(root)
    changes = ingest_all(project, paths or [project.reports_dir], dry_run=dry_run, forced=from_format)
    print_changes(console(), project, changes, dry_run=dry_run)
