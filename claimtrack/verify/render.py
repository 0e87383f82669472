"""Outputs of ``claimtrack verify``: table, json, markdown, github annotations."""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any, Optional

from .results import VERDICTS, Result, VerifyResults

ORDER = {v: i for i, v in enumerate(("altered", "not-found", "partly", "unchecked", "supported"))}
STYLE = {
    "supported": "green",
    "partly": "yellow",
    "altered": "bold red",
    "not-found": "red",
    "unchecked": "dim",
}
FINDINGS = ("altered", "not-found")


def exit_code(results: VerifyResults, fail_on: tuple[str, ...] = FINDINGS) -> int:
    return 1 if any(r.verdict in fail_on for r in results.results) else 0


def fail_on(flag: Optional[list[str]], settings: dict, source: str) -> tuple[str, ...]:
    """The verdicts that fail the run: --fail-on, else [tool.claimtrack.verify] fail-on, else FINDINGS."""
    from ..errors import InputError, UsageError

    if flag:
        chosen, where = [v.strip() for item in flag for v in item.split(",") if v.strip()], "--fail-on"
    else:
        raw = settings.get("fail-on", settings.get("fail_on"))
        if raw is None:
            return FINDINGS
        chosen, where = ([raw] if isinstance(raw, str) else list(raw)), "[tool.claimtrack.verify] fail-on"
    bad = [v for v in chosen if v not in VERDICTS]
    if bad:
        message = f"{where} takes {', '.join(VERDICTS)}, not {', '.join(map(str, bad))}"
        raise UsageError(message) if flag else InputError(message, source)
    return tuple(chosen)


def summary(results: VerifyResults) -> str:
    counts = Counter(r.verdict for r in results.results)
    parts = [f"{counts[v]} {v}" for v in VERDICTS if counts[v]]
    return f"{len(results.results)} claim-source pairs checked: " + (", ".join(parts) or "none")


def _sorted(results: VerifyResults, everything: bool = True) -> list[Result]:
    shown = [r for r in results.results if everything or r.verdict != "supported"]
    return sorted(shown, key=lambda r: (ORDER.get(r.verdict, 9), r.report or "", r.claim, r.reference))


def render_json(results: VerifyResults) -> str:
    return json.dumps(
        {"results": [r.model_dump(mode="json") for r in results.results]}, indent=2, ensure_ascii=False
    )


def mark(passage: str, terms: list[str], before: str, after: str) -> str:
    """``passage`` with each matched word wrapped in ``before``/``after``."""
    if not terms:
        return passage
    pattern = re.compile(
        r"(?<!\w)(" + "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)) + r")(?!\w)"
    )
    return pattern.sub(lambda m: f"{before}{m.group(1)}{after}", passage)


def short(text: str, limit: int = 400) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def details(result: Result) -> list[str]:
    """The quotation and figure lines of a result, for the terminal and markdown."""
    lines = []
    for q in result.quotes:
        if q.found == "altered":
            lines.append(f'quote altered: "{q.text}" / source: "{q.source_text}"')
        elif q.found == "missing":
            lines.append(f'quote missing: "{q.text}"')
    for f in result.figures:
        if f.altered:
            lines.append(f"figure altered: {f.text} / source: {f.source_text}")
        elif not f.found:
            lines.append(f"figure not found: {f.text}")
    if result.drift and result.drift.changed:
        kept = {True: "evidence still there", False: "evidence passage REMOVED", None: ""}[
            result.drift.passage_kept
        ]
        lines.append(
            f"source changed since {result.drift.first_capture}: {result.drift.changed_share:.0%} of the text; {kept}".rstrip(
                "; "
            )
        )
    return lines


def render_table(console: Any, results: VerifyResults, everything: bool = False) -> None:
    """Worst first; supported pairs only with ``everything`` (the summary counts them)."""
    from rich.markup import escape
    from rich.table import Table

    table = Table(show_lines=True, expand=False)
    table.add_column("claim", no_wrap=True)
    table.add_column("source", overflow="fold", max_width=22)
    table.add_column("verdict", no_wrap=True)
    table.add_column("reason and evidence", overflow="fold")
    for r in _sorted(results, everything):
        body = escape(r.reason)
        for line in details(r):
            body += "\n" + escape(line)
        if r.passage:
            marked = mark(escape(short(r.passage)), [escape(t) for t in r.matched_terms], "[bold]", "[/bold]")
            body += f"\n[dim]evidence:[/dim] {marked}"
        table.add_row(r.claim, r.reference, f"[{STYLE.get(r.verdict, '')}]{r.verdict}[/]", body)
    console.print(table)
    console.print(summary(results))


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(results: VerifyResults, everything: bool = False) -> str:
    lines = [
        "## claimtrack verify",
        "",
        summary(results),
        "",
        "| claim | source | verdict | reason | evidence |",
        "| --- | --- | --- | --- | --- |",
    ]
    for r in _sorted(results, everything):
        reason = "; ".join([r.reason, *details(r)])
        evidence = mark(_md(short(r.passage or "")), r.matched_terms, "**", "**")
        lines.append(f"| `{r.claim}` | `{r.reference}` | **{r.verdict}** | {_md(reason)} | {evidence} |")
    return "\n".join(lines)


def _gh(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def render_github(results: VerifyResults, places: dict[str, tuple[str, int]]) -> str:
    """One annotation per altered or unsupported claim, on the claim's line in its report."""
    lines = []
    for r in _sorted(results):
        if r.verdict not in ("altered", "not-found", "partly"):
            continue
        level = {"altered": "error", "not-found": "warning"}.get(r.verdict, "notice")
        title = f"source {r.reference}: {r.verdict}"
        message = "; ".join([r.reason, *details(r)])
        where = places.get(r.claim)
        prefix = f"file={_gh(where[0], True)},line={where[1]}," if where else ""
        lines.append(f"::{level} {prefix}title={_gh(title, True)}::{_gh(message)}")
    lines.append(summary(results))
    return "\n".join(lines)
