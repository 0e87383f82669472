"""What the lookup commands do: open the index, query it, print the answer.

Free of typer: the typer commands of :mod:`claimtrack.cli.lookup` (the
definition of the CLI, its options and --help) delegate here, and so does the
quick path (:mod:`claimtrack.quickcli`) that runs these commands without importing typer.  Option
values arrive as plain values (a format is its string).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Optional

from .outcome import handles_errors, index_errors


def _index(root: Optional[Path], *, warn: bool = True):
    """The index, brought up to date; on stderr, the reports that changed since they were ingested."""
    from .chatter import detail
    from .index.build import open_index

    conn, where = open_index(root)
    detail(f"project root {where.root}; index {where.db_path}")
    if warn:
        import sys

        from .staleness import of_index, warning_lines

        for line in warning_lines(of_index(conn, where.root)):
            print(line, file=sys.stderr)
    return conn, where


def _output(fmt: str, data: Any, renderer: str, json_data: Any = None) -> None:
    """JSON for scripts, or the named renderer of render/lookup.py."""
    if fmt == "json":
        print(json.dumps(data if json_data is None else json_data, ensure_ascii=False, indent=2))
        return
    from .render import lookup as render
    from .render.term import Term

    getattr(render, renderer)(Term(), data)


@handles_errors
@index_errors
def claims_search(
    query: Optional[str] = None,
    report: Optional[str] = None,
    section: Optional[str] = None,
    ref: Optional[str] = None,
    domain: Optional[str] = None,
    uncited: bool = False,
    verdict: Optional[str] = None,
    in_sources: bool = False,
    limit: Optional[int] = None,
    fmt: str = "table",
    root: Optional[Path] = None,
) -> None:
    from .index import query as q

    conn, where = _index(root)
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


@handles_errors
@index_errors
def claims_show(claim_id: str, fmt: str = "table", root: Optional[Path] = None) -> None:
    from .index import query as q

    conn, where = _index(root)
    shown = q.claim(conn, where.root, claim_id)
    _output(fmt, shown, "claim", json_data=shown[0] if len(shown) == 1 else shown)


@handles_errors
@index_errors
def refs_show(key: str, fmt: str = "table", root: Optional[Path] = None) -> None:
    from .index import query as q

    conn, where = _index(root)
    _output(fmt, q.reference(conn, where.root, key), "reference")


@handles_errors
@index_errors
def footnote_show(report: str, label: str, fmt: str = "table", root: Optional[Path] = None) -> None:
    from .index import query as q

    conn, where = _index(root)
    _output(fmt, q.footnote(conn, where.root, report, label), "footnote")


@handles_errors
@index_errors
def xref(
    report: Optional[str] = None,
    table: str = "all",
    fmt: str = "rich",
    output: Optional[Path] = None,
    root: Optional[Path] = None,
) -> None:
    from .index.query import resolve_report
    from .index.support import load as load_support
    from .xref import render, tables

    conn, layout = _index(root)
    report_id = resolve_report(conn, report) if report else None
    chosen = tables.build(conn, report_id, table, load_support(layout.root))
    if fmt == "rich" and output is None:
        from .render.console import make_console

        render.rich(make_console(), chosen)
        return
    text = render.render(chosen, fmt, report_id)
    if output is None:
        print(text, end="")
    else:
        from .atomic import write_output

        write_output(output, text)


def complete(what: str, root: Optional[Path], incomplete: str, report: str = "") -> list[str]:
    """Ids, keys, reports or footnote labels for the shell (never failing: [] on any error)."""
    try:
        from .index import query as q

        conn, _ = _index(root, warn=False)  # completion prints nothing but candidates
        if what == "footnote":
            return q.complete_footnote(conn, report, incomplete)
        return q.complete(conn, what, incomplete)
    except Exception:  # completion must never print a traceback into the shell
        return []
