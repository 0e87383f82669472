"""``refs check``: references checked against the scholarly registries."""

import sys
from enum import StrEnum
from pathlib import Path
from typing import Optional

import typer

from ._app import (
    EXIT_FINDINGS,
    EXIT_INPUT,
    EXIT_OK,
    RootOption,
    console,
    handles_errors,
    open_project,
    progress,
    refs_app,
)
from .completers import completes


class CheckFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"
    github = "github"


HELP_EXIT = (
    "Exit codes: 0 nothing found; 1 a reference is retracted, not found, mismatched or invalid; "
    "2 usage or input error, or no registry could be reached (nothing could be checked)."
)


@refs_app.command("check", epilog=HELP_EXIT)
@handles_errors
def refs_check(
    keys: Optional[list[str]] = typer.Option(
        None,
        "--keys",
        "-k",
        help="Only these citekeys (repeat or comma-separate). Default: every reference.",
        autocompletion=completes("reference", comma=True),
    ),
    fmt: CheckFormat = typer.Option(
        CheckFormat.table, "--format", "-f", help="table, json (stable contract), markdown or github."
    ),
    write: bool = typer.Option(
        False,
        "--write",
        help="Fill a missing DOI, or replace a wrong one, when exactly one registered work matches. "
        "Only the doi field is written.",
    ),
    show_all: bool = typer.Option(False, "--all", help="List verified references in the table too."),
    no_cache: bool = typer.Option(
        False, "--no-cache", help="Ask the registries again; ignore cached answers."
    ),
    mailto: Optional[str] = typer.Option(
        None, help="Contact address for Crossref's and OpenAlex's polite pools (setting: mailto)."
    ),
    timeout: Optional[float] = typer.Option(None, min=0.01, help="Seconds one request may take in all."),
    root: Optional[Path] = RootOption,
) -> None:
    """Check that each reference exists and is what it claims to be.

    DOIs are resolved at Crossref (then DataCite), arXiv ids at arXiv, ISBNs at
    Open Library; journal articles and books without an identifier are searched
    by title in Crossref and OpenAlex.  Verdicts: verified, mismatch, not-found,
    retracted, invalid, unchecked (web pages; or a registry could not be reached:
    never reported as not found).  Every finding lists the claims resting on the
    reference.  Base URLs, mailto and politeness: settings in pyproject.toml,
    section tool.claimtrack.registries.
    """
    from ..registries import render, results
    from ..registries.check import check
    from ..registries.settings import load

    project = open_project(root)
    settings = load(
        project.settings.registries,
        str(project.root / "pyproject.toml"),
        mailto=mailto,
        timeout=timeout,
    )
    named = [k for item in keys or [] for k in item.split(",") if k.strip()]
    with progress("checking references", total=len(named) or len(project.references)) as ticks:
        report = check(project, settings, keys, use_cache=not no_cache, on_done=ticks.done)
    if write:
        from ..registries.fix import write_and_recheck

        write_and_recheck(project, settings, report)
    results.save(project.root, report.results)
    if fmt is CheckFormat.table:
        render.render_table(console(), report, all_results=show_all)
    else:
        out = {
            CheckFormat.json: render.render_json,
            CheckFormat.markdown: render.render_markdown,
            CheckFormat.github: render.render_github,
        }[fmt](report)
        print(out)
    raise typer.Exit(_exit_code(report))


def _exit_code(report) -> int:
    if report.findings:
        return EXIT_FINDINGS
    if report.nothing_checked:
        print("claimtrack: no registry could be reached; nothing was checked", file=sys.stderr)
        return EXIT_INPUT
    return EXIT_OK
