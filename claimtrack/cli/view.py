"""``claimtrack view``: one self-contained HTML page of a report and the state of each claim."""

import sys
from pathlib import Path
from typing import Optional

import typer

from ._app import RootOption, app, handles_errors, open_records
from .completers import completes


@app.command(
    "view",
)
@handles_errors
def view(
    report: str = typer.Argument(
        ...,
        help="The report: its id, a unique id prefix, or its file.",
        metavar="REPORT",
        autocompletion=completes("report", files=True),
    ),
    output: Optional[Path] = typer.Option(
        None,
        "--output",
        "-o",
        help="Write the page to FILE (default: standard output).",
        metavar="FILE",
        dir_okay=False,
        show_default=False,
    ),
    open_browser: bool = typer.Option(False, "--open", help="Open the written page in a web browser."),
    root: Optional[Path] = RootOption,
) -> None:
    """The report as written, every claim highlighted by state: supported, partly, altered or
    not found, source dead, uncited fact, reviewed, not yet checked; click a claim for its
    sources, link and support verdicts, evidence, review and audit findings.

    The page is one file with no network requests. States come from the records, the last
    `links check` and the last `verify`; checks not run yet show as "not checked".
    """
    from .. import atomic
    from ..errors import UsageError
    from ..view import render

    project = open_records(root)  # a report changed since ingest is said: the page would misplace claims
    report_id = project.resolve_report(report)
    html = render(project, report_id)
    if output is None:
        if open_browser:
            raise UsageError("--open needs --output FILE")
        sys.stdout.write(html)
        return
    atomic.write_output(output, html)
    from ..chatter import note

    note(f"wrote {output} ({len(project.claim_files[report_id].claims)} claims)")
    if open_browser:
        import webbrowser

        webbrowser.open(output.resolve().as_uri())
