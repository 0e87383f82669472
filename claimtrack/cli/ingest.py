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
    root: Optional[Path] = RootOption,
) -> None:
    """Read reports into claim records (claims/) and references (references/).

    Re-ingesting keeps review blocks and corrected reference fields, and keeps
    claim ids stable. Formats: <sup>N</sup> footnotes (PDF conversions),
    pandoc/GitHub [^N] footnotes, and author-year bibliographies.
    """
    from ..ingest import ingest_all
    from ..render.ingest import print_changes

    project = open_project(root)
    changes = ingest_all(project, paths or [project.reports_dir], dry_run=dry_run)
    print_changes(console(), project, changes, dry_run=dry_run)
