"""Outputs of ``refs check``: table (rich), json (the contract), markdown, github annotations."""

from __future__ import annotations

import json
from typing import Any

from .check import LINK_CHECKED, CheckReport
from .results import FINDINGS, ORDER, Result, Verdict, document

STYLE = {
    Verdict.VERIFIED: "green",
    Verdict.MISMATCH: "bold red",
    Verdict.NOT_FOUND: "bold red",
    Verdict.RETRACTED: "bold magenta",
    Verdict.INVALID: "red",
    Verdict.UNCHECKED: "dim",
}


def ordered(results: list[Result]) -> list[Result]:
    return sorted(results, key=lambda r: (ORDER.index(r.verdict), r.reference))


def summary_line(report: CheckReport) -> str:
    counts = [(v, sum(r.verdict is v for r in report.results)) for v in ORDER]
    parts = ", ".join(f"{n} {v.value}" for v, n in counts if n) or "none"
    line = f"{len(report.results)} references: {parts} ({report.requests} requests, {report.from_cache} from cache)"
    for registry, why in report.unreachable.items():
        line += f"\n{registry} could not be reached: {why}"
    return line


def _claims(result: Result) -> str:
    n = len(result.claims)
    if not n:
        return "no claim cites it"
    return "1 claim rests on it" if n == 1 else f"{n} claims rest on it"


def _matched(result: Result) -> str:
    m = result.matched
    if m is None:
        return ""
    who = ", ".join(m.authors[:3]) + (" et al." if len(m.authors) > 3 else "")
    bits = [b for b in (who, str(m.year or ""), m.container or "", m.doi or "") if b]
    return f"“{m.title or ''}” ({'; '.join(bits)})"


def _worth_showing(result: Result) -> bool:
    """Findings, and references left unchecked for a reason a person may act on."""
    if result.verdict is Verdict.VERIFIED:
        return False
    return not (result.verdict is Verdict.UNCHECKED and result.reason.endswith(LINK_CHECKED))


def render_table(console: Any, report: CheckReport, *, all_results: bool = False) -> None:
    """A table; on a terminal each cell may hold several lines, elsewhere one record is one line."""
    from rich.table import Table
    from rich.text import Text

    sep = "\n" if console.is_terminal else " · "
    shown = [r for r in ordered(report.results) if all_results or _worth_showing(r)]
    if shown:
        table = Table(expand=False)
        table.add_column("verdict", no_wrap=True)
        table.add_column("reference", overflow="fold")
        table.add_column("registry says", overflow="fold")
        table.add_column("why / claims at stake", overflow="fold")
        for r in shown:
            ours = Text(r.reference, style="cyan")
            if r.title:
                ours.append(f"{sep}{r.title}")
            if r.identifier:
                ours.append(f"{sep}{r.identifier}", style="dim")
            why = Text(r.reason)
            for diff in r.differences if r.matched else []:
                why.append(f"{sep}{diff}", style="dim")
            if r.verdict in FINDINGS:
                why.append(
                    f"{sep}{_claims(r)}" + (f": {', '.join(r.claims[:6])}" if r.claims else ""), style="bold"
                )
            if r.written:
                why.append(f"{sep}written: {r.written}", style="green")
            table.add_row(Text(r.verdict.value, style=STYLE[r.verdict]), ours, Text(_matched(r)), why)
        console.print(table)
    console.print(Text(summary_line(report)))


def render_json(report: CheckReport) -> str:
    data = document(ordered(report.results))
    data["requests"] = report.requests
    data["from_cache"] = report.from_cache
    data["unreachable"] = report.unreachable
    return json.dumps(data, ensure_ascii=False, indent=2)


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(report: CheckReport) -> str:
    out = ["## Reference check", "", summary_line(report).replace("\n", "  \n"), ""]
    problems = [r for r in ordered(report.results) if _worth_showing(r)]
    if not problems:
        return "\n".join(out + ["Every reference checked is verified."]) + "\n"
    out += ["| verdict | reference | registry says | why | claims at stake |", "|---|---|---|---|---|"]
    for r in problems:
        ours = f"`{r.reference}`" + (f" {r.title}" if r.title else "")
        stake = ", ".join(r.claims) if r.claims else ""
        out.append(
            f"| {r.verdict.value} | {_md(ours)} | {_md(_matched(r))} | {_md(r.reason)} | {_md(stake)} |"
        )
    return "\n".join(out) + "\n"


def _gh(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def render_github(report: CheckReport) -> str:
    """Workflow commands: one annotation per finding, on the .bib entry's line."""
    lines = []
    for r in ordered(report.results):
        if r.verdict not in FINDINGS:
            continue
        level = "error" if r.verdict in (Verdict.RETRACTED, Verdict.NOT_FOUND, Verdict.INVALID) else "warning"
        message = f"{r.reference}: {r.reason} — {_claims(r)}"
        where = f"file={_gh(r.file, True)},line={r.line or 1}," if r.file else ""
        lines.append(f"::{level} {where}title={_gh(f'{r.verdict.value} reference', True)}::{_gh(message)}")
    for registry, why in report.unreachable.items():
        lines.append(f"::warning title={_gh('registry unreachable', True)}::{_gh(f'{registry}: {why}')}")
    lines.append(summary_line(report))
    return "\n".join(lines)
