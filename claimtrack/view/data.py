"""What the page shows of each claim and footnote, gathered from the records and the last checks.

Everything here is read, never judged again: references and reviews from the
records, link verdicts from the last ``links check``, support verdicts from the
last ``verify``, findings from the audit rules.  The result is plain JSON
embedded in the page, where the side panel reads it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from ..audit.runner import AuditOptions
from ..audit.runner import run as run_audit
from ..index import verdicts as link_verdicts
from ..ingest.markdown import to_inline
from ..model import Claim, ClaimFile, Reference
from ..project import Project
from ..verify import results as verify_results
from .states import STATES, State, classify


@dataclass
class ViewData:
    report: dict[str, Any]
    claims: dict[str, dict[str, Any]]  # by claim id
    footnotes: dict[str, dict[str, Any]]  # by label
    summary: dict[str, Any]
    checks: dict[str, bool]  # which checks have run: "links", "verify"


def gather(project: Project, report_id: str) -> ViewData:
    claim_file = project.claim_files[report_id]
    links = link_verdicts.load(project.root)
    found = verify_results.load(project.root)
    verified = {(r.claim, r.reference): r.model_dump(mode="json") for r in found.results}
    audit = run_audit(project, AuditOptions(), [Path(report_id)])
    findings = _findings_by_claim(claim_file, audit.findings)
    claims: dict[str, dict[str, Any]] = {}
    for claim in claim_file.claims:
        sources = [
            _source(project.references.get(key), key, claim, links, verified) for key in claim.references
        ]
        state = classify(
            claim,
            [s["support"]["verdict"] if s["support"] else None for s in sources],
            [s["link"]["verdict"] if s["link"] else None for s in sources if s["url"]],
        )
        claims[claim.id] = _claim(claim, state, sources, findings.get(claim.id, []))
    cover = next((c for c in audit.coverage if c.report == report_id and c.section is None), None)
    return ViewData(
        report=_report(claim_file),
        claims=claims,
        footnotes=_footnotes(claim_file),
        summary=_summary(claims, cover, links, verified),
        checks={"links": links.present, "verify": found.present},
    )


def _report(claim_file: ClaimFile) -> dict[str, Any]:
    report = claim_file.report
    return {
        "id": report.id,
        "title": report.title,
        "authors": report.authors,
        "date": report.date,
        "publisher": report.publisher,
        "source": report.source,
        "format": str(report.format),
    }


def _source(
    ref: Optional[Reference],
    key: str,
    claim: Claim,
    links: link_verdicts.Verdicts,
    verified: dict[tuple[str, str], dict[str, Any]],
) -> dict[str, Any]:
    link = links.get(ref.url) if ref else None
    result = verified.get((claim.id, key))
    return {
        "key": key,
        "missing": ref is None,
        "title": ref.title if ref else None,
        "authors": ref.display_authors if ref else "",
        "container": ref.container if ref else None,
        "date": ref.date if ref else None,
        "url": ref.url if ref else None,
        "archive_url": (ref.archive_url if ref else None) or (link.archive_url if link else None),
        "link": link.as_dict() if link else None,
        "support": _support(result) if result else None,
    }


def _support(result: dict[str, Any]) -> dict[str, Any]:
    keep = ("verdict", "reason", "passage", "quotes", "figures", "url")
    return {k: result.get(k) for k in keep}


def _claim(claim: Claim, state: State, sources: list[dict[str, Any]], findings: list[dict[str, Any]]) -> dict:
    return {
        "id": claim.id,
        "text": claim.text,
        "section": claim.section,
        "line": claim.location.line,
        "state": state.value,
        "state_label": STATES[state].label,
        "footnotes": claim.footnotes,
        "cited_as": claim.cited_as,
        "sources": sources,
        "review": claim.review.model_dump(mode="json"),
        "detached": claim.detached,
        "findings": findings,
    }


def _findings_by_claim(claim_file: ClaimFile, findings: list[Any]) -> dict[str, list[dict[str, Any]]]:
    """Findings on a claim itself, and on the footnotes and references it rests on."""
    by_claim: dict[str, list[dict[str, Any]]] = {}
    for claim in claim_file.claims:
        mine = [
            f
            for f in findings
            if f.claim == claim.id
            or (f.claim is None and f.reference and f.reference in claim.references)
            or (f.claim is None and f.footnote and f.footnote in claim.footnotes and f.report == claim.report)
        ]
        by_claim[claim.id] = [
            {"code": f.code, "slug": f.slug, "severity": f.severity.value, "message": f.message, "fix": f.fix}
            for f in mine
        ]
    return by_claim


def _footnotes(claim_file: ClaimFile) -> dict[str, dict[str, Any]]:
    carriers: dict[str, list[str]] = {}
    for claim in claim_file.claims:
        for label in claim.footnotes:
            carriers.setdefault(label, []).append(claim.id)
    return {
        f.label: {
            "label": f.label,
            "kind": str(f.kind),
            "text": f.text,
            "plain": " ".join(to_inline(f.text).text.split()),
            "references": f.references,
            "locator": f.locator,
            "claims": carriers.get(f.label, []),
        }
        for f in claim_file.footnotes
    }


def _summary(
    claims: dict[str, dict[str, Any]],
    cover: Any,
    links: link_verdicts.Verdicts,
    verified: dict[tuple[str, str], dict[str, Any]],
) -> dict[str, Any]:
    states = Counter(c["state"] for c in claims.values() if not c["detached"])
    dead = {
        s["url"]
        for c in claims.values()
        for s in c["sources"]
        if s["url"] and s["link"] and s["link"]["verdict"] in ("dead", "blocked")
    }
    altered_quotes = sum(
        1
        for c in claims.values()
        for s in c["sources"]
        if s["support"]
        for q in s["support"].get("quotes") or []
        if isinstance(q, dict) and q.get("found") in ("altered", "missing")
    )
    return {
        "states": {state.value: states.get(state.value, 0) for state in STATES},
        "claims": sum(states.values()),
        "cited": cover.cited if cover else None,
        "coverage": round(cover.share * 100) if cover and cover.share is not None else None,
        "dead_links": len(dead),
        "altered_quotes": altered_quotes,
    }
