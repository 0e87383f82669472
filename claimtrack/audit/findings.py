"""Findings and the rule registry: every kind of finding has a stable code and slug.

Codes are a contract, as in ruff: CI configurations select and ignore them, so
a code is never reused for another meaning.  Families: CT1xx citations in the
text, CT2xx references, CT3xx URLs, CT4xx what the
sources say (from the last ``claimtrack verify``), CT5xx registries (``refs check``).
"""

from __future__ import annotations

import hashlib
from enum import StrEnum
from typing import NamedTuple, Optional

from pydantic import BaseModel, ConfigDict, Field, computed_field


class Severity(StrEnum):
    ERROR = "error"  # the citation is broken: it points nowhere or at the wrong page
    WARNING = "warning"  # a reader cannot check the claim as it stands
    INFO = "info"  # worth fixing, never blocks a release on its own

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


class Rule(NamedTuple):
    code: str
    slug: str
    severity: Severity
    summary: str  # what the finding means, for --help and SARIF rule descriptions
    fix: str  # one line: what to do about it


_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO

RULES: dict[str, Rule] = {
    rule.slug: rule
    for rule in [
        Rule("CT101", "citation-needed", _W, "A factual claim with no citation.",
             "Add a footnote citing a source, or set review.status: no-source-needed in the claim's record."),
        Rule("CT102", "note-only", _W, "A factual claim whose only footnote explains but cites no source.",
             "Add a source to the footnote, or a footnote citing one."),
        Rule("CT103", "dangling-marker", _E, "A footnote marker with no footnote definition.",
             "Add the missing definition, or remove the marker."),
        Rule("CT104", "unused-footnote", _W, "A footnote definition that no marker points to.",
             "Put its marker back in the text, or delete the definition."),
        Rule("CT105", "stale-claim", _E, "A stored claim whose text is no longer in its report.",
             "Re-run `claimtrack ingest` on the report; reviewed claims keep their review."),
        Rule("CT106", "report-changed", _W, "A report that changed since it was ingested: its records are out of date.",
             "Run `claimtrack ingest` (the pre-commit hook does it); reviews and hand edits are kept."),
        Rule("CT107", "report-missing", _W, "Records of a report that was deleted or moved.",
             "Restore the report, or run `claimtrack ingest --prune` to retire its records."),
        Rule("CT108", "unresolved-citation", _E, "A citation whose key or number is not in the bibliography.",
             "Add the entry to the bibliography (or the reference list), or correct the citekey or number."),
        Rule("CT201", "uncited-reference", _W, "A bibliography entry or reference the text never cites.",
             "Cite it where the text relies on it, or remove it from the bibliography."),
        Rule("CT202", "no-locator", _W, "A reference with no URL, DOI or ISBN.",
             "Add the URL, DOI or ISBN so a reader can find the source."),
        Rule("CT203", "duplicate-reference", _W, "One source stored under several keys.",
             "Keep one key, cite it from every footnote, and delete the others."),
        Rule("CT204", "no-date", _I, "A reference with no publication date.",
             "Add the publication date (date = {YYYY-MM-DD}) from the source."),
        Rule("CT301", "url-title-conflict", _E, "One URL cited under different titles.",
             "Find the right URL for the citation whose title the page does not carry."),
        Rule("CT302", "near-duplicate-url", _E, "URLs of one page that differ only trivially.",
             "Open both, keep the one that works, and cite it everywhere."),
        Rule("CT303", "suspicious-domain", _E, "A domain one or two edits from another cited domain.",
             "Correct the domain's spelling."),
        Rule("CT304", "url-title-mismatch", _W, "The URL's slug has nothing to do with the cited title.",
             "Check that the URL is the cited article's; replace it if not."),
        Rule("CT305", "malformed-url", _E, "A URL that is not a well-formed http(s) URL.",
             "Correct the URL."),
        # CT4xx: what the sources say (read from the last `claimtrack verify`)
        Rule("CT401", "quote-not-in-source", _W, "A quotation that none of the claim's captured sources contains.",
             "Find the source that says it and cite it, or correct the quotation."),
        Rule("CT402", "quote-altered", _E, "A quotation whose wording differs from the source's.",
             "Quote the source word for word (the source's wording is in the message)."),
        Rule("CT403", "figure-altered", _E, "A figure that differs from the source's figure in the passage carrying the claim.",
             "Correct the figure, or cite the source that gives it."),
        Rule("CT404", "source-silent", _W, "A captured source that says nothing the claim says.",
             "Check the citation: the claim may cite the wrong page, or the page may have changed."),
        Rule("CT405", "source-changed", _W, "A source whose passage carrying the claim is gone since it was first captured.",
             "Compare the captures (claimtrack verify shows both dates); cite an archived copy or update the claim."),
        # CT5xx: the scholarly registries (read from the last `claimtrack refs check`; CT501 offline)
        Rule("CT501", "invalid-identifier", _E, "A DOI, ISBN, ISSN, arXiv id, PMID or PMCID that is malformed.",
             "Correct the identifier (syntax or check digit) from the source itself."),
        Rule("CT502", "identifier-mismatch", _E, "The identifier belongs to another work, or the registry's details conflict.",
             "Compare with the registry's record (`claimtrack refs check`); fix the DOI or the details."),
        Rule("CT503", "reference-not-found", _E, "No scholarly registry knows this work: possibly fabricated.",
             "Find the source itself; if it cannot be found, remove the citation and recheck the claims resting on it."),
        Rule("CT504", "retracted-source", _E, "The cited work has been retracted or withdrawn.",
             "Replace the source, or say in the text that it was retracted; recheck the claims resting on it."),
    ]
}  # fmt: skip
BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES.values()}


class Related(BaseModel):
    """Another place a finding involves: the other footnote of a conflict, say."""

    model_config = ConfigDict(extra="forbid")

    file: Optional[str] = None
    line: Optional[int] = None
    message: str


class Finding(BaseModel):
    """One finding.  Field names are the JSON contract of ``audit --format json``."""

    model_config = ConfigDict(extra="forbid")

    code: str
    slug: str
    severity: Severity
    report: Optional[str]  # report id; None for a reference no report cites
    message: str
    fix: str
    file: Optional[str] = None  # relative to the project root
    line: Optional[int] = None
    claim: Optional[str] = None
    reference: Optional[str] = None
    footnote: Optional[str] = None  # footnote label
    url: Optional[str] = None
    reason: Optional[str] = None  # citation-needed: statistic, date or event, quotation...
    trigger: Optional[str] = None  # citation-needed: the words that made it a factual claim
    related: list[Related] = Field(default_factory=list)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def fingerprint(self) -> str:
        """Stable across runs and line moves: what the finding is about, not where."""
        subject = "|".join(
            [self.code, self.report or "", self.claim or "", self.reference or "", self.footnote or ""]
            + [self.url or "", self.trigger or ""]
        )
        return hashlib.sha256(subject.encode()).hexdigest()[:16]


def finding(slug: str, message: str, **fields: object) -> Finding:
    """A finding of rule ``slug`` with the rule's code, severity and fix filled in."""
    rule = RULES[slug]
    fields.setdefault("fix", rule.fix)
    fields.setdefault("report", None)
    return Finding(code=rule.code, slug=slug, severity=rule.severity, message=message, **fields)  # type: ignore[arg-type]
