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
    prune: bool = False,
    force: bool = False,
    lock_timeout: Optional[float] = None,
    root: Optional[Path] = None,
    bibliography: Optional[Path] = None,
) -> None:
    from .ledger import all_unchanged, unchanged_line

    if force and not prune:
        from .errors import UsageError

        raise UsageError("--force only goes with --prune")
    quick = from_format is None and not prune and not bibliography  # --bibliography: the full path checks it
    unchanged = all_unchanged(root, list(paths or [])) if quick else None
    if unchanged is not None:
        for source, entry in unchanged:
            print(unchanged_line(source, entry["n_claims"]))
        return
    from .errors import UsageError
    from .ingest import ingest_all
    from .ingest.formats import CHOICES
    from .project import Project
    from .render.console import make_console
    from .render.ingest import print_changes, print_pruned

    if from_format is not None and from_format not in CHOICES:
        raise UsageError(f"--from {from_format!r}: not a format; one of: {', '.join(CHOICES)}")
    project = Project.open(root, create=True, load=dry_run)
    targets = _targets(project, paths, prune)
    pruned = None
    if dry_run:
        changes = ingest_all(
            project,
            targets,
            dry_run=True,
            forced=from_format,
            bibliographies=[bibliography] if bibliography else None,
        )
        pruned = _prune(project, force, dry_run=True) if prune else None
    else:
        from .writing import ingest_locked, locked

        changes = ingest_locked(
            project,
            targets,
            lock_timeout=lock_timeout,
            forced=from_format,
            bibliographies=[bibliography] if bibliography else None,
        )
        if prune:
            with locked(project, lock_timeout=lock_timeout):
                pruned = _prune(project, force, dry_run=False)
    print_changes(make_console(), project, changes, dry_run=dry_run)
    if pruned is not None:
        print_pruned(make_console(), pruned, dry_run=dry_run)


def _targets(project, paths: Optional[list[Path]], prune: bool) -> list[Path]:
    """What to ingest: the paths given, else reports/ (with --prune, a reports/ left empty is fine)."""
    if paths:
        return list(paths)
    if prune:
        from .ingest.formats import REPORT_SUFFIXES
        from .reportids import find_reports

        return find_reports(project.reports_dir, REPORT_SUFFIXES) if project.reports_dir.is_dir() else []
    return [project.reports_dir]


def _prune(project, force: bool, *, dry_run: bool):
    from .ingest.prune import prune

    return prune(project, force=force, dry_run=dry_run)
