"""``claimtrack audit``: missing citations and reference defects, as a linter."""

import sys
from enum import StrEnum
from pathlib import Path
from typing import Optional

import typer

from ._app import EXIT_FINDINGS, EXIT_OK, RootOption, app, console, handles_errors, open_project
from .completers import completes


class AuditFormat(StrEnum):  # mirrors audit.render.Format, kept here so --help imports nothing heavy
    rich = "rich"
    json = "json"
    github = "github"
    sarif = "sarif"
    markdown = "markdown"


class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"


@app.command("audit")
@handles_errors
def audit(
    paths: Optional[list[Path]] = typer.Argument(
        None,
        help="Reports to audit: report files, directories, claims files or report ids. Default: all.",
        show_default=False,
        autocompletion=completes("report", files=True),
    ),
    select: Optional[list[str]] = typer.Option(
        None,
        "--select",
        help="Only these rules: codes (CT101), families (CT1), slugs (citation-needed) or ALL; "
        "repeat or comma-separate. Replaces [tool.claimtrack.audit] select.",
        show_default=False,
    ),
    ignore: Optional[list[str]] = typer.Option(
        None,
        "--ignore",
        help="Skip these rules (same forms as --select). Replaces [tool.claimtrack.audit] ignore.",
        show_default=False,
    ),
    fail_on: Optional[FailOn] = typer.Option(
        None,
        "--fail-on",
        help="Exit 1 if any finding is at least this severe. Default: warning, or "
        "[tool.claimtrack.audit] fail-on.",
        show_default=False,
    ),
    fmt: AuditFormat = typer.Option(
        AuditFormat.rich,
        "--format",
        "-f",
        help="rich (terminal), json (stable contract), github (workflow annotations), sarif (code "
        "scanning), markdown (job summary).",
    ),
    output: Optional[Path] = typer.Option(
        None,
        "--output",
        "-o",
        help="Write the report to this file instead of standard output.",
        dir_okay=False,
    ),
    ingest_first: bool = typer.Option(
        False,
        "--ingest",
        help="Ingest the reports in reports/ first (as the pre-commit hook does), so the audit never "
        "reads records older than their reports.",
    ),
    root: Optional[Path] = RootOption,
) -> None:
    """Report claims with no source and citations that lead nowhere.

    Rules: CT1xx citations (citation-needed, note-only, dangling-marker,
    unused-footnote, stale-claim, report-changed, report-missing), CT2xx references (uncited-reference,
    no-locator, duplicate-reference, no-date), CT3xx URLs (url-title-conflict,
    near-duplicate-url, suspicious-domain, url-title-mismatch, malformed-url),
    CT4xx sources, from the last `claimtrack verify` (quote-not-in-source,
    quote-altered, figure-altered, source-silent, source-changed).
    CT5xx registries (invalid-identifier, offline; identifier-mismatch,
    reference-not-found, retracted-source, from the last `refs check`).
    Also prints citation coverage per report and section.

    Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage or input error.
    """
    from ..atomic import write_output
    from ..audit.render import Format, render_text
    from ..audit.runner import AuditOptions, run

    if ingest_first:
        _ingest(root)
    project = open_project(root)
    options = AuditOptions.build(
        project.settings.audit,
        select=select,
        ignore=ignore,
        fail_on=fail_on.value if fail_on else None,
        config_file=project.relative(project.root / "pyproject.toml"),
    )
    result = run(project, options, paths or [])
    if output is not None:
        write_output(output, render_text(result, Format(fmt.value)) + "\n")
    elif fmt is AuditFormat.rich:
        from ..audit.render import render_rich

        render_rich(result, console())
    else:
        sys.stdout.write(render_text(result, Format(fmt.value)) + "\n")
    raise typer.Exit(EXIT_FINDINGS if result.failed else EXIT_OK)


def _ingest(root: Optional[Path]) -> None:
    """``ingest`` of reports/ before the audit; what it changed goes to stderr (stdout is the report)."""
    from ..project import Project
    from ..render.ingest import print_changes
    from ..writing import ingest_locked

    project = Project.open(root, load=False)
    if not project.reports_dir.is_dir():
        return
    changes = ingest_locked(project, [project.reports_dir])
    print_changes(
        console(stderr=True), project, [c for c in changes if not c.unchanged or c.new_refs], dry_run=False
    )
