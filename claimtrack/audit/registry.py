"""Registry rules (CT5xx): malformed identifiers (offline), and what the last ``refs check`` found.

``invalid-identifier`` runs always, without network: DOI syntax, ISBN and
ISSN check digits, arXiv, PMID and PMCID forms.  The other three read
``.claimtrack/refcheck.json``, the results of the last ``refs check``; with
no results yet they find nothing.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..registries import rawfields, refids
from ..registries.results import Result, Verdict, load
from .context import AuditContext
from .findings import Finding, finding
from .references import _at_reference


def check_invalid_identifier(ctx: AuditContext) -> Iterator[Finding]:
    raw = rawfields.load(ctx.project.reference_files())
    for ref in ctx.references_in_scope:
        for problem in refids.of(ref, raw.get(ref.key)).problems:
            yield finding(
                "invalid-identifier",
                f"{ref.key}: {problem.field} {problem.value!r} is not a valid identifier: {problem.reason}.",
                **_at_reference(ctx, ref),
            )


def _results(ctx: AuditContext) -> dict[str, Result]:
    if "refcheck" not in ctx.cache:
        ctx.cache["refcheck"] = load(ctx.project.root)
    return ctx.cache["refcheck"]  # type: ignore[return-value]


def _stake(result: Result) -> str:
    n = len(result.claims)
    if not n:
        return ""
    return " 1 claim rests on it." if n == 1 else f" {n} claims rest on it."


def _from_results(ctx: AuditContext, slug: str, verdict: Verdict) -> Iterator[Finding]:
    results = _results(ctx)
    for ref in ctx.references_in_scope:
        result = results.get(ref.key)
        if result is None or result.verdict is not verdict:
            continue
        when = f" (refs check, {result.checked_at})" if result.checked_at else ""
        yield finding(slug, f"{ref.key}: {result.reason}{when}.{_stake(result)}", **_at_reference(ctx, ref))


def check_identifier_mismatch(ctx: AuditContext) -> Iterator[Finding]:
    yield from _from_results(ctx, "identifier-mismatch", Verdict.MISMATCH)


def check_reference_not_found(ctx: AuditContext) -> Iterator[Finding]:
    yield from _from_results(ctx, "reference-not-found", Verdict.NOT_FOUND)


def check_retracted_source(ctx: AuditContext) -> Iterator[Finding]:
    yield from _from_results(ctx, "retracted-source", Verdict.RETRACTED)


CHECKS = {
    "invalid-identifier": check_invalid_identifier,
    "identifier-mismatch": check_identifier_mismatch,
    "reference-not-found": check_reference_not_found,
    "retracted-source": check_retracted_source,
}
