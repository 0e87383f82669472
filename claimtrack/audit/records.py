"""Record rules: records out of step with their reports (changed or deleted since ingest)."""

from __future__ import annotations

from collections.abc import Iterator

from .context import AuditContext
from .findings import Finding, finding


def check_report_changed(ctx: AuditContext) -> Iterator[Finding]:
    for report, item in sorted(ctx.stale.items()):
        if item.state == "changed":
            yield finding(
                "report-changed",
                f"{item.source} changed since it was ingested: the audit read records of its old text.",
                report=report,
                file=item.source,
                line=1,
            )


def check_report_missing(ctx: AuditContext) -> Iterator[Finding]:
    for report, item in sorted(ctx.stale.items()):
        if item.state == "missing":
            yield finding(
                "report-missing",
                f"{item.source} no longer exists, but its records remain in {ctx.claims_path(report)}.",
                report=report,
                file=ctx.claims_path(report),
                line=1,
            )


CHECKS = {
    "report-changed": check_report_changed,
    "report-missing": check_report_missing,
}
