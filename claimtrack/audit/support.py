"""CT4xx rules: what the cited sources say, read from the last ``claimtrack verify``.

These rules do no network or text work themselves: they read
``.claimtrack/verify.json`` (``claimtrack.verify.results``).  Without it they
find nothing; a claim whose sources were not checked is not a finding.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from ..verify.results import Result, VerifyResults, load
from .context import AuditContext
from .findings import Finding, Related, finding


def _results(ctx: AuditContext) -> dict[str, list[Result]]:
    """claim id -> its verify results, for the claims in scope (computed once per audit)."""
    cached = ctx.cache.get("verify-results")
    if cached is None:
        stored: VerifyResults = load(ctx.project.root)
        in_scope = {c.id for c in ctx.claims()}
        cached = defaultdict(list)
        for result in stored.results:
            if result.claim in in_scope:
                cached[result.claim].append(result)
        ctx.cache["verify-results"] = cached
    return cached  # type: ignore[return-value]


def _where(ctx: AuditContext) -> dict[str, dict[str, object]]:
    cached = ctx.cache.get("verify-claim-places")
    if cached is None:
        cached = {
            c.id: {
                "report": c.report,
                "file": ctx.report_file(c.report),
                "line": c.location.line,
                "claim": c.id,
            }
            for c in ctx.claims()
        }
        ctx.cache["verify-claim-places"] = cached
    return cached  # type: ignore[return-value]


def _short(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def check_quote_not_in_source(ctx: AuditContext) -> Iterator[Finding]:
    for claim_id, results in _results(ctx).items():
        read = [r for r in results if r.verdict != "unchecked"]
        if not read:
            continue
        quotes = {q.text for r in read for q in r.quotes}
        for quote in sorted(quotes):
            states = [q.found for r in read for q in r.quotes if q.text == quote]
            if all(s == "missing" for s in states):
                keys = ", ".join(r.reference for r in read)
                yield finding(
                    "quote-not-in-source",
                    f"“{_short(quote)}” is in none of the claim's captured sources ({keys}).",
                    reference=read[0].reference,
                    url=read[0].url,
                    **_where(ctx)[claim_id],  # type: ignore[arg-type]
                )


def check_quote_altered(ctx: AuditContext) -> Iterator[Finding]:
    for claim_id, results in _results(ctx).items():
        for r in results:
            for q in r.quotes:
                if q.found == "altered":
                    yield finding(
                        "quote-altered",
                        f"The claim quotes “{_short(q.text)}”; {r.reference} says “{_short(q.source_text or '')}”.",
                        reference=r.reference,
                        url=r.url,
                        trigger=q.text,
                        **_where(ctx)[claim_id],  # type: ignore[arg-type]
                    )


def check_figure_altered(ctx: AuditContext) -> Iterator[Finding]:
    for claim_id, results in _results(ctx).items():
        for r in results:
            for f in r.figures:
                if f.altered:
                    yield finding(
                        "figure-altered",
                        f"The claim says {f.text}; {r.reference} says {f.source_text}: “{_short(r.passage or '')}”",
                        reference=r.reference,
                        url=r.url,
                        trigger=f.text,
                        **_where(ctx)[claim_id],  # type: ignore[arg-type]
                    )


def check_source_silent(ctx: AuditContext) -> Iterator[Finding]:
    for claim_id, results in _results(ctx).items():
        for r in results:
            if r.verdict == "not-found":
                yield finding(
                    "source-silent",
                    f"{r.reference} ({r.url}) says nothing the claim says: {r.reason}.",
                    reference=r.reference,
                    url=r.url,
                    **_where(ctx)[claim_id],  # type: ignore[arg-type]
                )


def check_source_changed(ctx: AuditContext) -> Iterator[Finding]:
    for claim_id, results in _results(ctx).items():
        for r in results:
            drift = r.drift
            if drift is not None and drift.changed and drift.passage_kept is False:
                yield finding(
                    "source-changed",
                    f"{r.reference} changed between {drift.first_capture} and {drift.last_capture} "
                    f"({drift.changed_share:.0%} of its text) and the passage carrying the claim is gone.",
                    reference=r.reference,
                    url=r.url,
                    related=[Related(message=f"captured {drift.last_capture}: {r.capture}")]
                    if r.capture
                    else [],
                    **_where(ctx)[claim_id],  # type: ignore[arg-type]
                )


CHECKS = {
    "quote-not-in-source": check_quote_not_in_source,
    "quote-altered": check_quote_altered,
    "figure-altered": check_figure_altered,
    "source-silent": check_source_silent,
    "source-changed": check_source_changed,
}
