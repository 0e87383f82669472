"""Outputs of ``links check``: table, json, github annotations, markdown, junit."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from .run import NOT_CHECKED, LinkReport, LinkResult
from .verdicts import Verdict

ORDER = [Verdict.DEAD, Verdict.INVALID, Verdict.BLOCKED, Verdict.ERROR, Verdict.REDIRECTED,
         Verdict.SKIPPED, Verdict.ALIVE]  # fmt: skip
STYLE = {
    Verdict.ALIVE: "green",
    Verdict.REDIRECTED: "cyan",
    Verdict.DEAD: "bold red",
    Verdict.BLOCKED: "yellow",
    Verdict.ERROR: "magenta",
    Verdict.INVALID: "red",
    Verdict.SKIPPED: "dim",
}


def _sorted(results: Iterable[LinkResult]) -> list[LinkResult]:
    return sorted(results, key=lambda r: (ORDER.index(r.verdict), r.url))


def _summary_line(report: LinkReport) -> str:
    if report.network == "offline":
        unchecked = report.not_checked
        return f"{len(report.results)} URLs: {unchecked} not checked, the network is unreachable"
    parts = [f"{report.summary[v.value]} {v.value}" for v in ORDER if report.summary.get(v.value)]
    cache = f", {report.from_cache} from cache" if report.from_cache else ""
    return (
        f"{len(report.results)} URLs: {', '.join(parts) or 'none'}"
        f" ({report.requests} requests{cache}, {report.elapsed_ms / 1000:.1f}s)"
    )


def offline_message(report: LinkReport) -> str:
    return (
        f"network unreachable: {report.network_detail}. No link was judged dead; "
        "run again with network access."
    )


def _action(result: LinkResult) -> str:
    text = result.detail
    if result.update_to:
        text = f"moved: cite {result.update_to}"
    if result.archive:
        text += f"; archived copy: {result.archive.url}"
    if result.tolerated:
        text += f" (tolerated: failed {result.failing_runs} run(s) in a row)"
    return text


def render_table(console, report: LinkReport, *, all_results: bool = False) -> None:
    from rich.table import Table

    if report.network == "offline":
        console.print(f"[bold yellow]{offline_message(report)}[/]")
    shown = [r for r in _sorted(report.results) if all_results or r.verdict is not Verdict.ALIVE]
    if report.network == "offline" and not all_results:
        shown = [r for r in shown if not r.detail.startswith(NOT_CHECKED)]
    if shown:
        table = Table(show_lines=False, expand=False)
        table.add_column("verdict", no_wrap=True)
        table.add_column("status", justify="right")
        table.add_column("url", overflow="fold")
        table.add_column("cited by", overflow="fold")
        table.add_column("what to do / why", overflow="fold")
        for r in shown:
            cited = ", ".join(r.references) or ", ".join(f"{p.file}:{p.line}" for p in r.places)
            if r.claims:
                cited += f" ({len(r.claims)} claim{'s' if len(r.claims) != 1 else ''})"
            if r.claims_without_live_source:
                cited += f"; [bold]{len(r.claims_without_live_source)} left with no live source[/]"
            table.add_row(
                f"[{STYLE[r.verdict]}]{r.verdict.value}[/]",
                str(r.http_status or ""),
                r.url,
                cited,
                _action(r),
            )
        console.print(table)
    console.print(_summary_line(report))


def render_json(report: LinkReport) -> str:
    # pydantic's own serializer: the same JSON as json.dumps(indent=2) of
    # model_dump, several times faster for thousands of results.
    return report.model_dump_json(indent=2)


def _gh_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def render_github(report: LinkReport) -> str:
    """Workflow commands: one annotation per problem, on the reference's line."""
    lines = []
    if report.network == "offline":
        lines.append(f"::error title=Link check not run::{_gh_escape(offline_message(report))}")
    for r in _sorted(report.results):
        if r.verdict in (Verdict.ALIVE, Verdict.SKIPPED):
            continue
        level = "error" if r.failing and not r.tolerated else "warning"
        if r.verdict is Verdict.REDIRECTED:
            level = "notice"
        title = f"{r.verdict.value} link" + (f" (HTTP {r.http_status})" if r.http_status else "")
        message = f"{r.url}: {_action(r)}"
        if r.claims:
            message += f" — cited by {len(r.claims)} claim(s)"
        if r.claims_without_live_source:
            message += f", {len(r.claims_without_live_source)} left with no live source: "
            message += ", ".join(r.claims_without_live_source)
        places = r.places or []
        if places:
            for p in places:
                where = f"file={_gh_escape(p.file, True)},line={p.line},"
                lines.append(f"::{level} {where}title={_gh_escape(title, True)}::{_gh_escape(message)}")
        else:
            lines.append(f"::{level} title={_gh_escape(title, True)}::{_gh_escape(message)}")
    lines.append(_summary_line(report))
    return "\n".join(lines)


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(report: LinkReport) -> str:
    """For ``$GITHUB_STEP_SUMMARY``."""
    out = ["## Link check", ""]
    if report.network == "offline":
        out += [f"> **{_md(offline_message(report))}**", ""]
    out += [_summary_line(report), ""]
    problems = [r for r in _sorted(report.results) if r.verdict not in (Verdict.ALIVE, Verdict.SKIPPED)]
    if problems:
        out += [
            "| verdict | status | URL | cited by | claims at stake | what to do |",
            "|---|---|---|---|---|---|",
        ]
        for r in problems:
            stake = ""
            if r.claims_without_live_source:
                stake = "no live source left: " + ", ".join(r.claims_without_live_source)
            elif r.claims:
                stake = f"{len(r.claims)} claim(s) cite it"
            out.append(
                f"| {r.verdict.value} | {r.http_status or ''} | <{r.url}> | {_md(', '.join(r.references))} "
                f"| {_md(stake)} | {_md(_action(r))} |"
            )
    else:
        out.append("No broken links.")
    return "\n".join(out) + "\n"


def render_junit(report: LinkReport) -> str:
    """One test case per URL; failing verdicts are failures, blocked/error otherwise skipped-with-reason."""
    failures = sum(1 for r in report.results if r.failing and not r.tolerated)
    errors = report.not_checked  # one <error> per URL left unchecked, no more, no fewer
    cases = []
    for r in report.results:
        name = quoteattr(r.url)
        classname = quoteattr(", ".join(r.references) or (r.places[0].file if r.places else "links"))
        body = ""
        if r.detail.startswith(NOT_CHECKED):
            body = f"<error message={quoteattr(offline_message(report))}/>"
        elif r.failing and not r.tolerated:
            message = quoteattr(r.verdict.value + ": " + r.detail)
            body = f"<failure message={message}>{escape(_action(r))}</failure>"
        elif r.verdict is Verdict.SKIPPED:
            body = f"<skipped message={quoteattr(r.detail)}/>"
        elif r.verdict is not Verdict.ALIVE:
            body = f"<system-out>{escape(r.verdict.value + ': ' + _action(r))}</system-out>"
        seconds = f"{r.elapsed_ms / 1000:.3f}"
        cases.append(f'  <testcase classname={classname} name={name} time="{seconds}">{body}</testcase>')
    head = (
        f'<testsuite name="claimtrack links" tests="{len(report.results)}" failures="{failures}" '
        f'errors="{errors}" time="{report.elapsed_ms / 1000:.3f}">'
    )
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + "\n".join([head, *cases, "</testsuite>"]) + "\n"


def render_archive_json(rows: list[dict[str, Any]]) -> str:
    return json.dumps({"dead": len(rows), "archives": rows}, ensure_ascii=False, indent=2)


def render_archive_table(console: Any, rows: list[dict[str, Any]]) -> None:
    from rich.table import Table

    if not rows:
        console.print("No dead links: nothing to archive.")
        return
    table = Table()
    for column in ("url", "references", "snapshot", "written"):
        table.add_column(column, overflow="fold")
    for row in rows:
        snapshot = row["archive_url"] or (row["error"] or "no snapshot")
        table.add_row(row["url"], ", ".join(row["references"]), snapshot, ", ".join(row["written"]))
    console.print(table)
