"""The cross-reference tables as rich (terminal), Markdown, CSV, JSON and HTML."""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Optional

from ..errors import UsageError
from .tables import Table, Value

# The columns a terminal shows (all columns go to the file formats), so each
# table reads at 80 columns; long text is cut with an ellipsis.
TERMINAL = {
    "claims": ["claim", "footnote", "reference", "text"],
    "references": ["reference", "domain", "claims", "footnotes", "reports"],
    "footnotes": ["report", "footnote", "references", "claims"],
    "summary": [
        "report",
        "claims",
        "cited",
        "uncited",
        "cited_percent",
        "footnotes",
        "sources",
        "never_cited",
    ],
    "domains": ["report", "domain", "sources", "claims"],
    "types": ["report", "type", "sources"],
    "shared": ["reference", "report_count", "reports"],
}
HEADINGS = {
    "cited_percent": "% cited", "never_cited": "never cited", "claim_ids": "claim ids", "report_count": "reports",
    "footnote": "fn", "text": "claim text",
}  # fmt: skip
# Shorter still in a terminal, where the summary must fit 80 columns.
SHORT = {
    **HEADINGS,
    "cited_percent": "%",
    "footnotes": "fns",
    "never_cited": "unnamed",
    "report_count": "n",
    "sources": "srcs",
}
# Terminal only: lists longer than this end in "+N more".
LIST_CUT = 4
# Terminal only: identifiers wider than this are cut (with an ellipsis).
ID_WIDTH = 24


def numeric(table: Table, column: str) -> bool:
    return bool(table.rows) and all(isinstance(r[column], int) for r in table.rows)


def _cell(value: Value, cut: Optional[int] = None) -> str:
    if isinstance(value, list):
        if cut is not None and len(value) > cut:
            return ", ".join(value[:cut]) + f" +{len(value) - cut} more"
        return ", ".join(value)
    return "" if value is None else str(value)


def _heading(column: str, short: bool = False) -> str:
    return (SHORT if short else HEADINGS).get(column, column)


def _title(table: Table, columns: list[str]) -> tuple[str, list[str]]:
    """One report in a table: name it in the title and drop the column."""
    n = len(table.rows)
    title = f"{table.title} ({n} row{'s' * (n != 1)})"
    reports = {r.get("report") for r in table.rows}
    if "report" in columns and len(reports) == 1 and table.name != "summary":
        return f"{table.title}: {reports.pop()} ({n} row{'s' * (n != 1)})", [
            c for c in columns if c != "report"
        ]
    return title, columns


_ID_COLUMNS = ("claim", "reference", "support", "footnote", "report", "domain", "type")


def _fixed(table: Table, column: str) -> bool:
    """A column of numbers or identifiers (the rest are text or lists that shrink to fit)."""
    return numeric(table, column) or column in _ID_COLUMNS


def rich(console: Any, tables: list[Table]) -> None:
    from rich.table import Table as RichTable
    from rich.text import Text

    for table in tables:
        shown = TERMINAL[table.name]
        if "support" in table.columns and "support" not in shown:  # verify has run: its verdicts too
            shown = [
                *shown[: shown.index("reference") + 1],
                "support",
                *shown[shown.index("reference") + 1 :],
            ]
        title, columns = _title(table, shown)
        wide = any(c in ("text", "title") or not _fixed(table, c) for c in columns)
        console.print(Text(title, style="bold"))
        out = RichTable(expand=wide)
        for column in columns:
            if column in ("text", "title"):
                out.add_column(
                    _heading(column, short=True), ratio=1, no_wrap=True, overflow="ellipsis", min_width=16
                )
            elif numeric(table, column):
                width = max([len(_heading(column, short=True))] + [len(str(r[column])) for r in table.rows])
                out.add_column(_heading(column, short=True), justify="right", no_wrap=True, min_width=width)
            elif column in _ID_COLUMNS:
                width = max([len(_heading(column, short=True))] + [len(_cell(r[column])) for r in table.rows])
                out.add_column(
                    _heading(column, short=True), no_wrap=True, overflow="ellipsis", min_width=min(width, 11),
                    max_width=min(width, ID_WIDTH), style="cyan" if column in ("claim", "reference") else None,
                )  # fmt: skip
            else:  # lists of ids: cut, not folded, so each row stays one line
                # ratio: the column takes what is left of the width, so it shrinks to fit
                out.add_column(
                    _heading(column, short=True), ratio=1, no_wrap=True, overflow="ellipsis", min_width=8
                )
        for row in table.rows:
            out.add_row(*(Text(_cell(row[c], LIST_CUT)) for c in columns))
        console.print(out)


def markdown(tables: list[Table], report: Optional[str]) -> str:
    def esc(text: str) -> str:
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")

    scope = f" of {report}" if report else ""
    parts = [f"# Cross-references{scope}\n"]
    for table in tables:
        parts.append(f"\n## {table.title}\n\n")
        if not table.rows:
            parts.append("(none)\n")
            continue
        parts.append("| " + " | ".join(_heading(c) for c in table.columns) + " |\n")
        parts.append("|" + "|".join("---:" if numeric(table, c) else "---" for c in table.columns) + "|\n")
        for row in table.rows:
            parts.append("| " + " | ".join(esc(_cell(row[c])) for c in table.columns) + " |\n")
    return "".join(parts)


def to_csv(tables: list[Table]) -> str:
    if len(tables) != 1:
        names = ", ".join(t.name for t in tables)
        raise UsageError(f"csv holds one table: pick one with --table ({names})")
    table = tables[0]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.columns)
    for row in table.rows:
        # Lists as "a; b": a comma would be ambiguous to a person reading the cell.
        writer.writerow(["; ".join(v) if isinstance(v := row[c], list) else v for c in table.columns])
    return buffer.getvalue()


def to_json(tables: list[Table], report: Optional[str]) -> str:
    data = {
        "report": report,
        "tables": {t.name: {"title": t.title, "columns": t.columns, "rows": t.rows} for t in tables},
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render(tables: list[Table], fmt: str, report: Optional[str]) -> str:
    if fmt == "markdown":
        return markdown(tables, report)
    if fmt == "csv":
        return to_csv(tables)
    if fmt == "json":
        return to_json(tables, report)
    if fmt == "html":
        from .html import page

        return page(tables, report)
    if fmt == "rich":  # to a file: the terminal tables as plain text
        from rich.console import Console

        buffer = io.StringIO()
        rich(Console(file=buffer, width=80, no_color=True, color_system=None), tables)
        return buffer.getvalue()
    raise UsageError(f"unknown format {fmt!r}")
