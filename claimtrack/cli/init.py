"""``claimtrack init``."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ._app import app, console, handles_errors


@app.command("init")
@handles_errors
def init_cmd(
    directory: Optional[Path] = typer.Argument(
        None, help="The project's directory. Default: the working directory.", file_okay=False
    ),
    ci: bool = typer.Option(
        False, "--ci", help="Also write a GitHub Actions workflow (.github/workflows/claimtrack.yml)."
    ),
) -> None:
    """Make a directory a claimtrack project: reports/, claims/, references/ and settings.

    Adds a commented [tool.claimtrack] table to pyproject.toml (created if
    missing) and .claimtrack/ to .gitignore. Never overwrites a file.
    """
    from ..init import init

    result = init(directory or Path.cwd(), ci=ci)
    out = console()
    for name in result.created:
        out.print(f"created {name}", markup=False)
    for name in result.updated:
        out.print(f"updated {name}", markup=False)
    for name in result.kept:
        out.print(f"kept    {name}", markup=False)
    out.print("next: put reports in reports/ and run claimtrack ingest")
