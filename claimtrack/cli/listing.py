"""``claims list`` and ``refs list``."""

import json
from enum import StrEnum
from pathlib import Path
from typing import Optional

import typer

from ._app import RootOption, claims_app, console, handles_errors, open_records, refs_app
from .completers import completes


class ListFormat(StrEnum):
    table = "table"
    json = "json"


@claims_app.command("list")
@handles_errors
def claims_list(
    report: Optional[str] = typer.Option(
        None, "--report", "-r", help="Only this report (id or file name).", autocompletion=completes("report")
    ),
    uncited: bool = typer.Option(False, "--uncited", help="Only claims with no source."),
    fmt: ListFormat = typer.Option(ListFormat.table, "--format", "-f", help="table or json."),
    root: Optional[Path] = RootOption,
) -> None:
    """List claim records."""
    from ..listing import claim_rows, render_claims

    project = open_records(root)
    report_id = project.resolve_report(report) if report else None
    rows = [r for r in claim_rows(project, report_id) if not uncited or not r["references"]]
    if fmt is ListFormat.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        render_claims(console(), rows)


@refs_app.command("list")
@handles_errors
def refs_list(
    report: Optional[str] = typer.Option(
        None, "--report", "-r", help="Only sources this report cites.", autocompletion=completes("report")
    ),
    fmt: ListFormat = typer.Option(ListFormat.table, "--format", "-f", help="table or json."),
    root: Optional[Path] = RootOption,
) -> None:
    """List references with the footnotes and claims that cite them."""
    from ..listing import reference_rows, render_references

    project = open_records(root)
    report_id = project.resolve_report(report) if report else None
    rows = reference_rows(project, report_id)
    if fmt is ListFormat.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        render_references(console(), rows)
