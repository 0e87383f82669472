"""``claims search``, ``claims show``, ``refs show``, ``footnote`` and ``xref``.

All of them read the derived index (``.claimtrack/index.sqlite``), which is
brought up to date first; heavy modules are imported inside the commands.
The four lookups delegate to :mod:`claimtrack.lookups`, and ``@quick`` lets
:mod:`claimtrack.quickcli` run them without importing typer (these definitions stay the
single definition of their options and --help).
"""

from enum import StrEnum
from pathlib import Path
from typing import Optional

import typer

from .. import lookups as run
from ..quickcli import quick
from ._app import RootOption, app, claims_app, refs_app
from .completers import complete_footnote, completes


class OutFormat(StrEnum):
    table = "table"
    json = "json"


class XrefFormat(StrEnum):
    rich = "rich"
    markdown = "markdown"
    csv = "csv"
    json = "json"
    html = "html"


class XrefTable(StrEnum):
    all = "all"
    claims = "claims"
    references = "references"
    footnotes = "footnotes"
    summary = "summary"
    domains = "domains"
    types = "types"
    shared = "shared"


_completer = completes
_complete_footnote = complete_footnote


FormatOption = typer.Option(OutFormat.table, "--format", "-f", help="table (for people) or json (stable).")


@claims_app.command("search")
@quick(run.claims_search)
def claims_search(
    query: Optional[str] = typer.Argument(
        None,
        help='Words to find in claim text, best match first. "quoted phrase", word* (prefix), a OR b. '
        "Leave out to list the claims the filters select.",
        show_default=False,
    ),
    report: Optional[str] = typer.Option(
        None,
        "--report",
        "-r",
        help="Only this report (id, id prefix or file name).",
        autocompletion=_completer("report"),
    ),
    section: Optional[str] = typer.Option(
        None, "--section", "-s", help="Only sections whose title contains this."
    ),
    ref: Optional[str] = typer.Option(
        None, "--ref", help="Only claims citing this reference key.", autocompletion=_completer("reference")
    ),
    domain: Optional[str] = typer.Option(
        None,
        "--domain",
        help="Only claims citing a source on this site (subdomains included), e.g. reuters.com.",
    ),
    uncited: bool = typer.Option(False, "--uncited", help="Only claims with no source."),
    verdict: Optional[str] = typer.Option(
        None,
        "--verdict",
        help="Only claims citing a URL the last link check judged so (dead, blocked...), or with a source "
        "the last verify judged so (supported, partly, altered, not-found, unchecked).",
    ),
    in_sources: bool = typer.Option(
        False, "--in-sources", help="Also search the text of each claim's footnotes and references."
    ),
    limit: Optional[int] = typer.Option(
        None,
        "--limit",
        "-n",
        min=1,
        help="Show at most this many (default 20, or limit in the index settings of pyproject.toml).",
        show_default=False,
    ),
    fmt: OutFormat = FormatOption,
    root: Optional[Path] = RootOption,
) -> None:
    """Full-text search over claims, ranked, with the matching words highlighted.

    Claims holding every word come first.  If none does, claims whose surrounding sentences \
complete the words ("33.2 percent gas": the sentence before says gas), then claims with \
any of the words.  A figure you type ranks the claims stating it first.
    """
    run.claims_search(
        query, report, section, ref, domain, uncited, verdict, in_sources, limit, fmt.value, root
    )


@claims_app.command("show")
@quick(run.claims_show)
def claims_show(
    claim_id: str = typer.Argument(..., metavar="ID", help="A claim id.", autocompletion=_completer("claim")),
    fmt: OutFormat = FormatOption,
    root: Optional[Path] = RootOption,
) -> None:
    """A claim in context: its report and section, footnotes, sources (with link and verify verdicts) and review."""
    run.claims_show(claim_id, fmt.value, root)


@refs_app.command("show")
@quick(run.refs_show)
def refs_show(
    key: str = typer.Argument(..., help="A reference key (citekey).", autocompletion=_completer("reference")),
    fmt: OutFormat = FormatOption,
    root: Optional[Path] = RootOption,
) -> None:
    """A reference and every claim, footnote and report that depends on it."""
    run.refs_show(key, fmt.value, root)


@app.command("footnote")
@quick(run.footnote_show)
def footnote_show(
    report: str = typer.Argument(
        ..., help="The report (id, id prefix or file name).", autocompletion=_completer("report")
    ),
    label: str = typer.Argument(
        ..., metavar="N", help="The footnote number (or label).", autocompletion=_complete_footnote
    ),
    fmt: OutFormat = FormatOption,
    root: Optional[Path] = RootOption,
) -> None:
    """What a footnote cites and which claims carry it."""
    run.footnote_show(report, label, fmt.value, root)


@app.command("xref")
@quick(run.xref)
def xref(
    report: Optional[str] = typer.Option(
        None,
        "--report",
        "-r",
        help="Only this report (id, id prefix or file name).",
        autocompletion=_completer("report"),
    ),
    table: XrefTable = typer.Option(
        XrefTable.all,
        "--table",
        "-t",
        help="One table, or all: claims (claim x reference, via footnote), references (what depends on each "
        "source, most first), footnotes (footnote -> references), summary (per report: cited/uncited), "
        "domains and types (per report: sources by each), shared (sources cited by more than one report). "
        "csv holds one table.",
    ),
    fmt: XrefFormat = typer.Option(
        XrefFormat.rich, "--format", "-f", help="rich, markdown, csv, json or html."
    ),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", help="Write to this file instead of standard output.", dir_okay=False
    ),
    root: Optional[Path] = RootOption,
) -> None:
    """Cross-reference tables between claims, footnotes and sources."""
    run.xref(report, table.value, fmt.value, output, root)
