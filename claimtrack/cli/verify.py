"""``claimtrack verify``: does each cited source say what its claims say?"""

from enum import StrEnum
from pathlib import Path
from typing import Optional

import typer

from ._app import RootOption, app, console, handles_errors, open_project
from .completers import completes
from .sources import KeysOption, ReportOption, emit, split_list


class VerifyFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"
    github = "github"


@app.command(
    "verify", epilog="Exit codes: 0 no altered or unsupported claim; 1 findings; 2 usage or input error."
)
@handles_errors
def verify(
    report: Optional[str] = ReportOption,
    claims: Optional[list[str]] = typer.Option(
        None,
        "--claims",
        "-c",
        help="Only these claim ids (repeat or comma-separate).",
        autocompletion=completes("claim", comma=True),
    ),
    keys: Optional[list[str]] = KeysOption,
    fmt: VerifyFormat = typer.Option(
        VerifyFormat.table, "--format", "-f", help="table, json (stable contract), markdown, github."
    ),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", help="Write the report to this file.", dir_okay=False
    ),
    fail_on: Optional[list[str]] = typer.Option(
        None,
        "--fail-on",
        help="Exit 1 on these verdicts (comma-separated; default altered,not-found, or "
        "[tool.claimtrack.verify] fail-on).",
        show_default=False,
    ),
    show_all: bool = typer.Option(False, "--all", help="List supported pairs in the table and markdown too."),
    root: Optional[Path] = RootOption,
) -> None:
    """Check each cited claim against its captured sources: does the source say it?

    Quotations are searched word for word (quote marks, dashes, case and
    spacing aside; ellipses split them), then approximately; figures by value
    ("13.4 percent" = "13.4%"); the passage that best carries the claim is
    found with BM25.  Verdicts: supported, partly, altered, not-found,
    unchecked, each with its reason and evidence.  The results are kept in
    .claimtrack/verify.json for claims show, xref and audit (CT4xx).
    """
    from ..verify import render
    from ..verify.results import load, save
    from ..verify.run import verify as run_verify

    project = open_project(root)
    failing = render.fail_on(fail_on, project.settings.verify, str(project.root / "pyproject.toml"))
    claim_ids = split_list(claims)
    results = run_verify(project, report=report, claims=claim_ids, keys=split_list(keys))
    stored = results
    if report or claim_ids or keys:
        # A partial run updates its own pairs and keeps the others.
        previous = load(project.root)
        done = {(r.claim, r.reference) for r in results.results}
        kept = [r for r in previous.results if (r.claim, r.reference) not in done]
        stored = results.model_copy(update={"results": kept + results.results})
    save(project.root, stored)
    if fmt is VerifyFormat.json:
        emit(render.render_json(results), output)
    elif fmt is VerifyFormat.markdown:
        emit(render.render_markdown(results, show_all), output)
    elif fmt is VerifyFormat.github:
        places = {
            c.id: (cf.report.source, c.location.line)
            for cf in project.claim_files.values()
            for c in cf.claims
        }
        emit(render.render_github(results, places), output)
    elif output is not None:
        import io

        from rich.console import Console

        buffer = Console(record=True, width=120, file=io.StringIO(), no_color=True)
        render.render_table(buffer, results, show_all)
        emit(buffer.export_text(), output)
    else:
        render.render_table(console(), results, show_all)
    raise typer.Exit(render.exit_code(results, failing))
