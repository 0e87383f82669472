"""Rows for ``claims list`` and ``refs list``: the JSON contract and the tables."""

from __future__ import annotations

from typing import Any, Optional

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .project import Project
from .urls import host


def claim_rows(project: Project, report: Optional[str] = None) -> list[dict[str, Any]]:
    return [
        {
            "id": c.id,
            "report": c.report,
            "text": c.text,
            "section": c.section,
            "footnotes": c.footnotes,
            "references": c.references,
            "cited_as": c.cited_as,
            "line": c.location.line,
            "review": c.review.status.value,
            "detached": c.detached,
            "citations": [x.model_dump(mode="json") for x in c.citations],
        }
        for c in project.claims(report)
    ]


def reference_rows(project: Project, report: Optional[str] = None) -> list[dict[str, Any]]:
    rows = []
    for key, ref in project.references.items():
        footnotes = [
            {"report": r, "number": int(label) if label.isdigit() else label}
            for r, label in project.footnotes_citing(key)
        ]
        claims = project.claims_citing(key)
        if (
            report
            and not any(f["report"] == report for f in footnotes)
            and not any(c.report == report for c in project.claims(report) if key in c.references)
        ):
            continue
        row = {"key": key, "type": ref.type.value, "title": ref.title, "url": ref.url}
        row.update(ref.model_dump(mode="json", exclude={"key", "type", "title", "url"}))
        row.update({"file": ref.file, "line": ref.line, "footnotes": footnotes, "claims": claims})
        rows.append(row)
    return rows


def render_claims(console: Console, rows: list[dict[str, Any]]) -> None:
    reports = {row["report"] for row in rows}
    title = f"{len(rows)} claims" + (f" in {next(iter(reports))}" if len(reports) == 1 else "")
    table = Table(title=title, expand=True, show_lines=False)
    table.add_column("id", no_wrap=True, style="cyan")
    if len(reports) > 1:  # the report column only says something when there are several
        table.add_column("report", no_wrap=True, max_width=12, overflow="ellipsis")
    table.add_column("claim", ratio=3)
    table.add_column("fn", no_wrap=True)
    table.add_column("sources", ratio=1, overflow="fold")
    for row in rows:
        sources = "\n".join(row["references"]) or "[red]none[/]"
        cells = [row["id"], row["report"]] if len(reports) > 1 else [row["id"]]
        table.add_row(*cells, escape(row["text"]), ",".join(row["footnotes"]), sources)
    console.print(table)


def render_references(console: Console, rows: list[dict[str, Any]]) -> None:
    table = Table(title=f"{len(rows)} references", expand=True)
    table.add_column("key", style="cyan", overflow="fold")
    table.add_column("title", ratio=3)
    table.add_column("site", ratio=1, overflow="fold")  # the full URL is in --format json
    table.add_column("claims", justify="right")
    for row in rows:
        site = host(row["url"]) if row["url"] else "[red]no URL[/]"
        table.add_row(row["key"], escape(row["title"] or ""), site, str(len(row["claims"])))
    console.print(table)
