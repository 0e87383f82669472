"""Citation rules: claims with no source, note-only footnotes, markers and definitions, stale claims."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Optional

from ..checkworthy import assess
from ..model import Claim, FootnoteKind, ReviewStatus
from .context import AuditContext
from .findings import Finding, Related, finding
from .reportscan import scan


def is_exempt(claim: Claim) -> bool:
    """A person marked it as needing no source: silenced for good."""
    return claim.review.status is ReviewStatus.NO_SOURCE_NEEDED


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def needs_citation(claim: Claim) -> bool:
    """An uncited claim the audit reports: checkable, not exempted, still attached."""
    return (
        not claim.cited
        and not claim.footnotes
        and not claim.detached
        and not is_exempt(claim)
        and assess(claim.text).checkable
    )


def _next_cited(ctx: AuditContext, claim: Claim) -> Optional[Claim]:
    """The cited claim that is the very next sentence of the same paragraph, if any.

    A footnote at the end of the following sentence often covers both: the
    editor then only has to repeat the marker.  The claim's suffix (the text
    right after it) says which sentence comes next.
    """
    after = comparable(claim.location.suffix)[:24]
    if len(after) < 8:
        return None
    for other in ctx.claim_file(claim.report).claims:
        if (
            other.cited
            and other.footnotes
            and other.location.paragraph == claim.location.paragraph
            and comparable(other.text).startswith(after)
        ):
            return other
    return None


def check_citation_needed(ctx: AuditContext) -> Iterator[Finding]:
    for claim in ctx.claims():
        if not needs_citation(claim):
            continue
        verdict = assess(claim.text)
        message = f"No source for this {verdict.reason} (“{_short(verdict.trigger, 60)}”)"
        related = []
        nearby = _next_cited(ctx, claim)
        if nearby:
            labels = ", ".join(nearby.footnotes)
            plural = "s" if len(nearby.footnotes) > 1 else ""
            message += f"; footnote{plural} {labels} on the next sentence may cover it"
            related = [
                Related(
                    file=ctx.report_file(claim.report),
                    line=nearby.location.line,
                    message=f"the next sentence, with footnote{plural} {labels}",
                )
            ]
        yield finding(
            "citation-needed",
            f"{message}: “{_short(claim.text)}”",
            report=claim.report,
            file=ctx.report_file(claim.report),
            line=claim.location.line,
            claim=claim.id,
            reason=verdict.reason,
            trigger=verdict.trigger,
            related=related,
        )


def check_note_only(ctx: AuditContext) -> Iterator[Finding]:
    for report, footnote in ctx.footnotes():
        if footnote.kind is not FootnoteKind.NOTE:
            continue
        note_text = re.sub(r"[*_`]", "", footnote.text)
        note = assess(note_text)
        for claim in ctx.claim_file(report).claims:
            if footnote.label not in claim.footnotes or claim.cited or is_exempt(claim) or claim.detached:
                continue
            own = assess(claim.text)
            if not (own.checkable or note.checkable):
                continue
            if note.checkable:
                what = f"its own {note.reason} (“{note.trigger}”) needs a source too"
            else:
                what = f"the claim states a {own.reason} (“{own.trigger}”)"
            yield finding(
                "note-only",
                f"Footnote {footnote.label} explains but cites no source, and {what}: “{_short(claim.text)}”.",
                report=report,
                file=ctx.report_file(report),
                line=footnote.line,
                footnote=footnote.label,
                claim=claim.id,
                reason=(note if note.checkable else own).reason,
                trigger=(note if note.checkable else own).trigger,
                related=[
                    Related(
                        file=ctx.report_file(report), line=claim.location.line, message="the claim it carries"
                    )
                ],
            )


def _markers_and_definitions(ctx: AuditContext, report: str) -> tuple[dict[str, int], dict[str, int]]:
    """label -> first line, of the markers and of the definitions, from records and report file."""
    claim_file = ctx.claim_file(report)
    found = scan(ctx.report_text(report), claim_file.report.format)
    markers = {label: lines[0] for label, lines in found.markers.items()}
    for claim in claim_file.claims:
        if not claim.detached:
            for label in claim.footnotes:
                markers.setdefault(label, claim.location.line)
    definitions = {label: lines[0] for label, lines in found.definitions.items()}
    for footnote in claim_file.footnotes:
        definitions[footnote.label] = footnote.line
    return markers, definitions


def _label_order(label: str) -> tuple[int, str]:
    return (int(label), "") if label.isdigit() else (1 << 30, label)


def check_dangling_marker(ctx: AuditContext) -> Iterator[Finding]:
    for report in ctx.reports_on_disk:
        markers, definitions = _markers_and_definitions(ctx, report)
        for label in sorted(set(markers) - set(definitions), key=_label_order):
            claims = [c.id for c in ctx.claim_file(report).claims if label in c.footnotes]
            yield finding(
                "dangling-marker",
                f"Marker {label} has no footnote definition: the claim it carries points nowhere.",
                report=report,
                file=ctx.report_file(report),
                line=markers[label],
                footnote=label,
                claim=claims[0] if claims else None,
            )


def check_unused_footnote(ctx: AuditContext) -> Iterator[Finding]:
    for report in ctx.reports_on_disk:
        markers, definitions = _markers_and_definitions(ctx, report)
        for label in sorted(set(definitions) - set(markers), key=_label_order):
            yield finding(
                "unused-footnote",
                f"Footnote {label} is defined, but no marker in the text points to it.",
                report=report,
                file=ctx.report_file(report),
                line=definitions[label],
                footnote=label,
            )


def check_unresolved_citation(ctx: AuditContext) -> Iterator[Finding]:
    for claim in ctx.claims():
        for citation in claim.citations:
            if citation.found:
                continue
            what = f"[@{citation.key}]" if citation.style.value == "citekey" else f"“{citation.label}”"
            yield finding(
                "unresolved-citation",
                f"Citation {what} names no entry of the bibliography: “{_short(claim.text)}”",
                report=claim.report,
                file=ctx.report_file(claim.report),
                line=claim.location.line,
                claim=claim.id,
            )


# -- stale claims ------------------------------------------------------------
_SUP_MARKER = re.compile(r"<sup>\s*\d+\s*</sup>|\[\^[^\]\s]+\](?!:)")
_LINK_TARGET = re.compile(r"\]\([^)\s]*\)")
_TAG = re.compile(r"<[^>\n]+>")
_NOT_WORD = re.compile(r"[\W_]+")
# How far a sentence may be interrupted (a page foot of footnote definitions) and still be whole.
MAX_GAP = 6000


def comparable(text: str) -> str:
    """Letters and digits only, case folded: what survives markup, quotes and line breaks."""
    text = _SUP_MARKER.sub("", text)
    text = _LINK_TARGET.sub("]", text)
    text = _TAG.sub("", text)
    return _NOT_WORD.sub("", text.casefold())


def found_in(claim_text: str, report: str) -> bool:
    """Is the claim in the report (both ``comparable``), whole or in up to three pieces close together?

    A sentence interrupted by a page break has footnote definitions in the
    middle of it; ingest joins it, so the report holds it in two pieces.
    """
    needle = comparable(claim_text)
    return bool(needle) and _find(needle, report, 0, len(report), pieces=3)


def _find(needle: str, hay: str, start: int, end: int, pieces: int) -> bool:
    if hay.find(needle, start, end) >= 0:
        return True
    if pieces <= 1 or len(needle) < 2 * _HEAD:
        return False
    head = needle[:_HEAD]
    at = hay.find(head, start, end)
    while at >= 0:
        lo, hi = _HEAD, len(needle)  # the longest prefix of the needle found at ``at``
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if hay.startswith(needle[:mid], at):
                lo = mid
            else:
                hi = mid - 1
        if _find(needle[lo:], hay, at + lo, at + lo + MAX_GAP, pieces - 1):
            return True
        at = hay.find(head, at + 1, end)
    return False


_HEAD = 12  # a piece shorter than this could match anywhere


def check_stale_claim(ctx: AuditContext) -> Iterator[Finding]:
    for report in ctx.reports_on_disk:
        text = comparable(ctx.report_text(report))
        claims_file = ctx.claims_path(report)
        for claim in ctx.claim_file(report).claims:
            if claim.detached:
                why = "re-ingest no longer found it in the report and kept it for its review"
            elif not found_in(claim.text, text):
                why = "its text is no longer in the report (the report changed after ingest)"
            else:
                continue
            yield finding(
                "stale-claim",
                f"Claim {claim.id} is stale: {why}: “{_short(claim.text)}”.",
                report=report,
                file=claims_file,
                line=ctx.record_line(report, "claims", claim.id),
                claim=claim.id,
                related=[
                    Related(
                        file=ctx.report_file(report),
                        line=claim.location.line,
                        message="where the claim was at ingest",
                    )
                ],
            )


CHECKS = {
    "citation-needed": check_citation_needed,
    "note-only": check_note_only,
    "dangling-marker": check_dangling_marker,
    "unused-footnote": check_unused_footnote,
    "unresolved-citation": check_unresolved_citation,
    "stale-claim": check_stale_claim,
}
