"""``sources fetch`` and ``refs enrich``: captures of the cited sources, and what they tell of them."""

import json
from enum import StrEnum
from pathlib import Path
from typing import Optional

import typer

from ._app import (
    EXIT_FINDINGS,
    EXIT_OK,
    RootOption,
    Typer,
    app,
    console,
    handles_errors,
    open_project,
    progress,
    refs_app,
)
from .completers import completes

sources_app = Typer(
    help="Capture cited sources as WARC files (the text that verify checks claims against).",
    no_args_is_help=True,
)
app.add_typer(sources_app, name="sources")


class FetchFormat(StrEnum):
    table = "table"
    json = "json"


ReportOption = typer.Option(
    None,
    "--report",
    "-r",
    help="Only the sources cited by this report's claims.",
    autocompletion=completes("report"),
)
KeysOption = typer.Option(
    None,
    "--keys",
    "-k",
    help="Only these citekeys (repeat or comma-separate).",
    autocompletion=completes("reference", comma=True),
)


def split_list(values: Optional[list[str]]) -> Optional[list[str]]:
    if not values:
        return None
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


def _settings(project, captures: Optional[Path], max_bytes: Optional[int]):
    from ..sources.settings import load

    settings = load(project)
    update = {}
    if captures is not None:
        update["captures"] = str(captures)
    if max_bytes is not None:
        update["max_bytes"] = max_bytes
    return settings.model_copy(update=update)


def emit(text: str, output: Optional[Path]) -> None:
    if output:
        from ..atomic import write_text

        write_text(output, text if text.endswith("\n") else text + "\n")
    else:
        print(text)


@sources_app.command(
    "fetch", epilog="Exit codes: 0 every source captured; 1 some could not be; 2 usage or input error."
)
@handles_errors
def fetch(
    report: Optional[str] = ReportOption,
    keys: Optional[list[str]] = KeysOption,
    refresh: bool = typer.Option(
        False,
        "--refresh",
        help="Fetch again sources already captured (a new capture is added; drift is then checked).",
    ),
    captures: Optional[Path] = typer.Option(
        None,
        "--captures",
        help="Captures folder (default: captures/, or [tool.claimtrack.sources] captures).",
        file_okay=False,
    ),
    max_bytes: Optional[int] = typer.Option(
        None, min=1024, help="Bytes kept of a page or PDF at most (default 20 MiB)."
    ),
    host_request_interval: Optional[str] = typer.Option(
        None, help="Minimum time between two requests to one host: 50ms, 1s..."
    ),
    user_agent: Optional[str] = typer.Option(None, help="User-Agent header (default: the link checker's)."),
    fmt: FetchFormat = typer.Option(FetchFormat.table, "--format", "-f", help="table or json."),
    root: Optional[Path] = RootOption,
) -> None:
    """Capture each cited URL as a WARC file under captures/, with an index.

    Fetches through the link checker (its politeness, deny-list, retries and
    user agent; settings in [tool.claimtrack.links]).  Incremental: a source
    already captured is not fetched again unless --refresh; a capture is never
    overwritten.  The text is extracted (trafilatura, pdfminer.six) for verify.
    """
    from ..links.policy import from_settings, with_flags

    project = open_project(root)
    settings = _settings(project, captures, max_bytes)
    policy = with_flags(
        from_settings(project.settings.links, project.root / "pyproject.toml"),
        host_request_interval=host_request_interval,
        user_agent=user_agent,
    )
    rows = _fetch_with_progress(
        project, policy, settings, report=report, keys=split_list(keys), refresh=refresh
    )
    failed = [r for r in rows if r.action == "failed" or r.verdict == "blocked"]
    if fmt is FetchFormat.json:
        print(json.dumps({"captures": settings.captures, "sources": [r.as_dict() for r in rows]}, indent=2))
    else:
        from rich.table import Table

        table = Table()
        for column in ("source", "action", "verdict", "status", "capture or reason"):
            table.add_column(column, overflow="fold")
        for r in rows:
            note = r.file or r.detail
            if r.changed:
                note += " (text changed since the previous capture)"
            table.add_row(r.key, r.action, r.verdict, str(r.status or ""), note)
        out = console()
        out.print(table)
        captured = sum(r.action == "captured" for r in rows)
        out.print(
            f"{captured} captured, {sum(r.action == 'skipped' for r in rows)} already captured, {len(failed)} failed or blocked"
        )
    raise typer.Exit(EXIT_FINDINGS if failed else EXIT_OK)


def _fetch_with_progress(project, policy, settings, **options):
    """The fetch, with a progress bar on a terminal (never in CI, piped, or with NO_COLOR)."""
    from ..sources.run import fetch_sources

    with progress("capturing sources") as ticks:
        return fetch_sources(project, policy, settings, on_total=ticks.total, on_done=ticks.done, **options)


@refs_app.command("enrich", epilog="Exit codes: 0 ok; 2 usage or input error.")
@handles_errors
def enrich(
    keys: Optional[list[str]] = KeysOption,
    write: bool = typer.Option(
        False, "--write", help="Fill the empty fields in references/*.bib (never a field already set)."
    ),
    fmt: FetchFormat = typer.Option(FetchFormat.table, "--format", "-f", help="table (a diff) or json."),
    root: Optional[Path] = RootOption,
) -> None:
    """Propose missing fields (title, authors, site, date, language) from each source's capture.

    Values come from the page's citation_* tags, JSON-LD, Dublin Core,
    OpenGraph or htmldate, and each says which.  Shown as a diff; --write adds
    them to the .bib files under the project lock.
    """
    from ..lock import project_lock
    from ..sources.enrich import propose, write_all
    from ..sources.settings import captures_dir

    project = open_project(root)
    captures = captures_dir(project)
    keys_ = split_list(keys)
    if write:
        with project_lock(project.root):
            items = write_all(project, captures, keys_)
    else:
        items = propose(project, captures, keys_)
    if fmt is FetchFormat.json:
        print(json.dumps([i.as_dict() for i in items], indent=2, ensure_ascii=False))
        raise typer.Exit(EXIT_OK)
    out = console()
    for item in items:
        where = f"{item.file}:{item.line}" if item.file else ""
        out.print(
            f"[bold]{item.key}[/bold] {where}" + (" [green](written)[/green]" if item.written else ""),
            highlight=False,
        )
        for p in item.proposals:
            out.print(
                f"[green]+ {p.field:<10}= {p.shown()}[/green]   [dim]from {p.source}, {item.capture}[/dim]",
                highlight=False,
                markup=True,
            )
    fields = sum(len(i.proposals) for i in items)
    verb = "filled" if write else "to fill (run with --write)"
    out.print(f"{fields} empty fields of {len(items)} references {verb}")
    raise typer.Exit(EXIT_OK)
