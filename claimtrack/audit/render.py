"""Audit output: rich for the terminal, json (the contract), github annotations, SARIF 2.1.0, markdown."""

from __future__ import annotations

import io
import json
from collections import defaultdict
from enum import StrEnum
from typing import Any, Optional

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .. import __version__
from .coverage import Coverage
from .findings import RULES, Finding, Severity
from .runner import AuditResult

JSON_VERSION = 1


class Format(StrEnum):
    rich = "rich"
    json = "json"
    github = "github"
    sarif = "sarif"
    markdown = "markdown"


def _share(row: Coverage) -> str:
    return f"{row.share:.0%}" if row.share is not None else "–"


def _where(finding: Finding) -> str:
    if not finding.file:
        return "-"
    return f"{finding.file}:{finding.line}" if finding.line else finding.file


def summary_line(result: AuditResult) -> str:
    total = len(result.findings)
    if not total:
        return f"No findings in {len(result.reports)} report(s)."
    parts = [f"{n} {sev}{'s' if n != 1 and sev != 'info' else ''}" for sev, n in result.counts.items() if n]
    verdict = "fails" if result.failed else "passes"
    return (
        f"{total} finding{'s' if total != 1 else ''} ({', '.join(parts)}) in {len(result.reports)} report(s); "
        f"{verdict} --fail-on {result.options.fail_on.value}."
    )


def _by_report(result: AuditResult) -> list[tuple[Optional[str], list[Finding]]]:
    """Findings grouped by report, the group with the worst findings first."""
    groups: dict[Optional[str], list[Finding]] = defaultdict(list)
    for finding in result.findings:
        groups[finding.report].append(finding)

    def badness(item: tuple[Optional[str], list[Finding]]) -> tuple[int, ...]:
        found = item[1]
        return tuple(-sum(f.severity is s for f in found) for s in Severity)

    return sorted(groups.items(), key=badness)


# -- rich ----------------------------------------------------------------------
_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def render_rich(result: AuditResult, console: Console, show_coverage: bool = True) -> None:
    for report, findings in _by_report(result):
        counts = ", ".join(
            f"{n} {s.value}{'s' if n != 1 and s is not Severity.INFO else ''}"
            for s in Severity
            if (n := sum(f.severity is s for f in findings))
        )
        console.print(
            f"[bold]{escape(report or 'references cited by no report')}[/]  ({counts})",
            soft_wrap=not console.is_terminal,
        )
        for finding in findings:
            console.print(
                # The severity as a word too: colour alone says nothing in a pipe or with NO_COLOR.
                f"  [dim]{escape(_where(finding))}[/]  [{_STYLE[finding.severity]}]{finding.severity.value}"
                f" {finding.code} {finding.slug}[/]  {escape(finding.message)}",
                soft_wrap=not console.is_terminal,
            )
            console.print(f"      [dim]fix: {escape(finding.fix)}[/]", soft_wrap=not console.is_terminal)
        console.print()
    if show_coverage and result.coverage:
        table = Table(title="Citation coverage", title_justify="left")
        table.add_column("report / section")
        for name in ("claims", "cited", "uncited", "cited %", "exempt"):
            table.add_column(name, justify="right")
        for row in result.coverage:
            label = f"[bold]{escape(row.report)}[/]" if row.section is None else f"  {escape(row.section)}"
            table.add_row(
                label, str(row.claims), str(row.cited), str(row.uncited), _share(row), str(row.exempt)
            )
        console.print(table)
    style = "bold red" if result.failed else "bold green"
    console.print(f"[{style}]{escape(summary_line(result))}[/]", soft_wrap=not console.is_terminal)


# -- json ----------------------------------------------------------------------
def as_json(result: AuditResult) -> dict[str, Any]:
    return {
        "version": JSON_VERSION,
        "tool": {"name": "claimtrack", "version": __version__},
        "reports": result.reports,
        "summary": {
            "findings": len(result.findings),
            **result.counts,
            "fail_on": result.options.fail_on.value,
            "failed": result.failed,
        },
        "findings": [f.model_dump(mode="json") for f in result.findings],
        "coverage": [row.as_json() for row in result.coverage],
    }


def render_json(result: AuditResult) -> str:
    return json.dumps(as_json(result), ensure_ascii=False, indent=2)


# -- github workflow commands ------------------------------------------------------
_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(result: AuditResult) -> str:
    """One ``::error file=...,line=...,title=...::message`` line per finding."""
    lines = []
    for finding in result.findings:
        props = []
        if finding.file:
            props.append(f"file={_gh_property(finding.file)}")
            if finding.line:
                props.append(f"line={finding.line}")
        props.append(f"title={_gh_property(f'{finding.code} {finding.slug}')}")
        message = f"{finding.message} Fix: {finding.fix}"
        lines.append(f"::{_GITHUB_LEVEL[finding.severity]} {','.join(props)}::{_gh_data(message)}")
    lines.append(summary_line(result))
    return "\n".join(lines)


# -- SARIF 2.1.0 -------------------------------------------------------------------
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _sarif_location(
    file: Optional[str], line: Optional[int], message: Optional[str] = None
) -> dict[str, Any]:
    physical: dict[str, Any] = {"artifactLocation": {"uri": file, "uriBaseId": "%SRCROOT%"}}
    if line:
        physical["region"] = {"startLine": line}
    location: dict[str, Any] = {"physicalLocation": physical}
    if message:
        location["message"] = {"text": message}
    return location


def as_sarif(result: AuditResult) -> dict[str, Any]:
    rules = list(RULES.values())
    index = {rule.code: i for i, rule in enumerate(rules)}
    results = []
    for finding in result.findings:
        item: dict[str, Any] = {
            "ruleId": finding.code,
            "ruleIndex": index[finding.code],
            "level": _SARIF_LEVEL[finding.severity],
            "message": {"text": f"{finding.message} Fix: {finding.fix}"},
            "partialFingerprints": {"claimtrackFinding/v1": finding.fingerprint},
            "properties": {
                k: v
                for k, v in finding.model_dump(mode="json").items()
                if k in ("report", "claim", "reference", "footnote", "url", "reason", "trigger") and v
            },
        }
        if finding.file:
            item["locations"] = [_sarif_location(finding.file, finding.line)]
        related = [r for r in finding.related if r.file]
        if related:
            item["relatedLocations"] = [
                {"id": i, **_sarif_location(r.file, r.line, r.message)} for i, r in enumerate(related, 1)
            ]
        results.append(item)
    driver = {
        "name": "claimtrack",
        "version": __version__,
        "rules": [
            {
                "id": rule.code,
                "name": "".join(part.capitalize() for part in rule.slug.split("-")),
                "shortDescription": {"text": rule.summary},
                "help": {"text": rule.fix},
                "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
                "properties": {"slug": rule.slug},
            }
            for rule in rules
        ],
    }
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "results": results}],
    }


def render_sarif(result: AuditResult) -> str:
    return json.dumps(as_sarif(result), ensure_ascii=False, indent=2)


# -- markdown (a GitHub job summary) -----------------------------------------------
_ICON = {Severity.ERROR: "🔴", Severity.WARNING: "🟡", Severity.INFO: "🔵"}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(result: AuditResult) -> str:
    out = ["## claimtrack audit", "", f"**{summary_line(result)}**", ""]
    if result.coverage:
        out += ["### Citation coverage", "", "| report / section | claims | cited | uncited | cited % |",
                "|---|---:|---:|---:|---:|"]  # fmt: skip
        for row in result.coverage:
            name = f"**{_cell(row.report)}**" if row.section is None else f"&nbsp;&nbsp;{_cell(row.section)}"
            out.append(f"| {name} | {row.claims} | {row.cited} | {row.uncited} | {_share(row)} |")
        out.append("")
    for report, findings in _by_report(result):
        out += [f"### {_cell(report or 'References cited by no report')} ({len(findings)})", ""]
        out += ["| | code | where | finding |", "|---|---|---|---|"]
        for f in findings:
            out.append(
                f"| {_ICON[f.severity]} {f.severity.value} | `{f.code}` {f.slug} | `{_cell(_where(f))}` | {_cell(f.message)} |"
            )
        out.append("")
    return "\n".join(out)


def render_text(result: AuditResult, fmt: Format) -> str:
    """The report as text; rich output is rendered without colour (for --output)."""
    if fmt is Format.rich:
        plain = Console(record=True, no_color=True, width=110, file=io.StringIO())
        render_rich(result, plain)
        return plain.export_text().rstrip("\n")
    return {
        Format.json: render_json,
        Format.github: render_github,
        Format.sarif: render_sarif,
        Format.markdown: render_markdown,
    }[fmt](result)
