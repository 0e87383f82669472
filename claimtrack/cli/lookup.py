"""``claims search``, ``claims show``, ``refs show``, ``footnote`` and ``xref``.

All of them read the derived index (``.claimtrack/index.sqlite``), which is
brought up to date first; heavy modules are imported inside the commands.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Any, Optional, TypeVar

import typer

from ..errors import InputError
from ._app import RootOption, app, claims_app, console, handles_errors, refs_app, warn_stale
from ._fast import FastCommand


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


F = TypeVar("F", bound=Callable[..., Any])


def index_errors(func: F) -> F:
    """An index that cannot be read or written (disk full, locked too long): one line, exit 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        import sqlite3

        try:
            return func(*args, **kwargs)
        except sqlite3.Error as exc:
            raise InputError(
                f"lookup index: {exc} (it is derived: delete .claimtrack/index.sqlite to rebuild)"
            ) from None

    return wrapper  # type: ignore[return-value]


def _index(root: Optional[Path]):
    from ..index.build import open_index

    return open_index(root)


def _records(root: Optional[Path]):
    """The index for a command, warning about reports that changed since they were ingested."""
    from ..staleness import of_index

    conn, where = _index(root)
    warn_stale(of_index(conn, where.root))
    return conn, where


def _completer(what: str):
    """A typer completion callback listing ids/keys from the index (never failing)."""

    def complete(ctx: typer.Context, incomplete: str) -> list[str]:
        try:
            from ..index.query import complete as from_index

            conn, _ = _index(ctx.params.get("root"))
            return from_index(conn, what, incomplete)
        except Exception:  # completion must never print a traceback into the shell
            return []

    return complete


def _complete_footnote(ctx: typer.Context, incomplete: str) -> list[str]:
    try:
        from ..index.query import complete_footnote

        conn, _ = _index(ctx.params.get("root"))
        return complete_footnote(conn, ctx.params.get("report") or "", incomplete)
    except Exception:
        return []


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _output(fmt: OutFormat, data: Any, renderer: str, json_data: Any = None) -> None:
    """JSON for scripts, or the named renderer of render/lookup.py (imported only then: rich is slow)."""
    if fmt is OutFormat.json:
        _print_json(data if json_data is None else json_data)
        return
    from ..render import lookup as render

    getattr(render, renderer)(console(), data)


FormatOption = typer.Option(OutFormat.table, "--format", "-f", help="table (for people) or json (stable).")


@claims_app.command("search", cls=FastCommand)
@handles_errors
@index_errors
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
    from ..index import query as q

    conn, where = _records(root)
    filters = q.Filters(
        report=q.resolve_report(conn, report) if report else None,
        section=section,
        ref=ref,
        domain=domain,
        uncited=uncited,
        verdict=verdict,
    )
    limit = limit or int(where.options.get("limit", 20))
    result = q.search(conn, where.root, query, filters, in_sources=in_sources, limit=limit)
    _output(fmt, result, "search_hits")


@claims_app.command("show", cls=FastCommand)
@handles_errors
@index_errors
def claims_show(
    claim_id: str = typer.Argument(..., metavar="ID", help="A claim id.", autocompletion=_completer("claim")),
    fmt: OutFormat = FormatOption,
    root: Optional[Path] = RootOption,
) -> None:
    """A claim in context: its report and section, footnotes, sources (with link and verify verdicts) and review."""
    from ..index import query as q

    conn, where = _records(root)
    shown = q.claim(conn, where.root, claim_id)
    _output(fmt, shown, "claim", json_data=shown[0] if len(shown) == 1 else shown)


@refs_app.command("show", cls=FastCommand)
@handles_errors
@index_errors
def refs_show(
    key: str = typer.Argument(..., help="A reference key (citekey).", autocompletion=_completer("reference")),
    fmt: OutFormat = FormatOption,
    root: Optional[Path] = RootOption,
) -> None:
    """A reference and every claim, footnote and report that depends on it."""
    from ..index import query as q

    conn, where = _records(root)
    data = q.reference(conn, where.root, key)
    _output(fmt, data, "reference")


@app.command("footnote", cls=FastCommand)
@handles_errors
@index_errors
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
    from ..index import query as q

    conn, where = _records(root)
    data = q.footnote(conn, where.root, report, label)
    _output(fmt, data, "footnote")


@app.command("xref", cls=FastCommand)
@handles_errors
@index_errors
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
    from ..index.query import resolve_report
    from ..index.support import load as load_support
    from ..xref import render, tables

    conn, layout = _records(root)
    report_id = resolve_report(conn, report) if report else None
    chosen = tables.build(conn, report_id, table.value, load_support(layout.root))
    if fmt is XrefFormat.rich and output is None:
        render.rich(console(), chosen)
        return
    text = render.render(chosen, fmt.value, report_id)
    if output is None:
        print(text, end="")
    else:
        from ..atomic import write_output

        write_output(output, text)
