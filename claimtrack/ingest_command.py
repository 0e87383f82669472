"""What ``claimtrack ingest`` does, free of typer.

The typer command of :mod:`claimtrack.cli.ingest` (its definition and --help)
delegates here, and so does the quick path (:mod:`claimtrack.quickcli`).  A
corpus whose every report is unchanged since the last ingest is answered from
the ledger alone (:mod:`claimtrack.ledger`), without importing the readers,
the model or rich.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from .outcome import handles_errors


@handles_errors
def ingest(
    paths: Optional[list[Path]] = None,
    dry_run: bool = False,
    from_format: Optional[str] = None,
    root: Optional[Path] = None,
) -> None:
    from .ledger import all_unchanged, unchanged_line

    unchanged = all_unchanged(root, list(paths or [])) if from_format is None else None
    if unchanged is not None:
        for source, entry in unchanged:
            print(unchanged_line(source, entry["n_claims"]))
        return
    from .errors import UsageError
    from .ingest import ingest_all
    from .ingest.formats import CHOICES
    from .project import Project
    from .render.console import make_console
    from .render.ingest import print_changes

    if from_format is not None and from_format not in CHOICES:
        raise UsageError(f"--from {from_format!r}: not a format; one of: {', '.join(CHOICES)}")
    project = Project.open(root, load=False)  # loaded only if a report must be read
    changes = ingest_all(
        project, list(paths or []) or [project.reports_dir], dry_run=dry_run, forced=from_format
    )
    print_changes(make_console(), project, changes, dry_run=dry_run)
