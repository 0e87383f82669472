"""Small projects for audit tests, written through the real storage modules."""

from __future__ import annotations

import hashlib
import re
import textwrap
from pathlib import Path
from typing import Any

import pytest

from claimtrack import claimstore, refstore
from claimtrack.audit.runner import AuditOptions, AuditResult, run
from claimtrack.model import (
    BibliographyEntry,
    Claim,
    ClaimFile,
    Footnote,
    FootnoteKind,
    Location,
    Reference,
    Report,
    ReportFormat,
    Review,
    ReviewStatus,
)
from claimtrack.project import Project


class ProjectBuilder:
    """Writes reports/, claims/ and references/ for one report and audits them."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.report_id = "r1"
        self.text = ""
        self.format = ReportFormat.SUP_FOOTNOTES
        self.footnotes: list[Footnote] = []
        self.claims: list[Claim] = []
        self.bibliography: list[BibliographyEntry] = []
        self.refs: list[Reference] = []

    # -- building --------------------------------------------------------------
    def report(self, text: str, fmt: ReportFormat = ReportFormat.SUP_FOOTNOTES) -> ProjectBuilder:
        self.text = textwrap.dedent(text).lstrip("\n")
        self.format = fmt
        return self

    def line_of(self, needle: str) -> int:
        for number, line in enumerate(self.text.split("\n"), start=1):
            if needle in line:
                return number
        raise AssertionError(f"{needle!r} is not in the report")

    def footnote(self, label: str, text: str, refs: list[str] = (), kind: str = "source") -> ProjectBuilder:
        lines = self.text.split("\n")
        starts = (f"<sup>{label}</sup>", f"[^{label}]:")
        line = next((n for n, s in enumerate(lines, start=1) if s.startswith(starts)), 1)
        self.footnotes.append(
            Footnote(label=label, line=line, kind=FootnoteKind(kind), text=text, references=list(refs))
        )
        return self

    def claim(
        self,
        text: str,
        footnotes: list[str] = (),
        refs: list[str] = (),
        status: str = "unreviewed",
        paragraph: int = 0,
        line: int | None = None,
        detached: bool = False,
    ) -> ProjectBuilder:
        if line is None:
            line = self.line_of(text[:20])
        self.claims.append(
            Claim(
                id=f"{self.report_id}-c{len(self.claims) + 1}",
                report=self.report_id,
                section="Section",
                text=text,
                footnotes=list(footnotes),
                references=list(refs),
                location=Location(
                    line=line, end_line=line, paragraph=paragraph, suffix=self._suffix(text, line)
                ),
                review=Review(status=ReviewStatus(status)),
                detached=detached,
            )
        )
        return self

    def _suffix(self, text: str, line: int) -> str:
        """The 40 characters of plain text after the claim, as ingest records them."""
        raw = re.sub(r"<sup>[^<]*</sup>", "", self.text.split("\n")[line - 1])
        at = raw.find(text)
        return raw[at + len(text) :].strip()[:40] if at >= 0 else ""

    def entry(self, key: str, text: str, cited: bool) -> ProjectBuilder:
        self.bibliography.append(
            BibliographyEntry(key=key, line=self.line_of(text[:20]), text=text, cited=cited)
        )
        return self

    def ref(self, key: str, **fields: Any) -> ProjectBuilder:
        self.refs.append(Reference(key=key, **fields))
        return self

    def write(self) -> Project:
        source = f"reports/{self.report_id}.md"
        (self.root / "reports").mkdir(parents=True, exist_ok=True)
        (self.root / source).write_text(self.text, encoding="utf-8")
        report = Report(
            id=self.report_id,
            title="A report",
            source=source,
            sha256=hashlib.sha256(self.text.encode()).hexdigest(),
            format=self.format,
        )
        claim_file = ClaimFile(
            report=report, footnotes=self.footnotes, bibliography=self.bibliography, claims=self.claims
        )
        claimstore.write(self.root / "claims" / f"{self.report_id}.yaml", claim_file)
        refstore.write(self.root / "references" / f"{self.report_id}.bib", self.refs)
        return Project.open(self.root)

    # -- auditing --------------------------------------------------------------
    def audit(self, *rules: str, paths: list[Path] | None = None) -> AuditResult:
        options = AuditOptions.build({}, select=list(rules) or None)
        return run(self.write(), options, paths)

    def slugs(self, *rules: str) -> list[str]:
        return [f.slug for f in self.audit(*rules).findings]


@pytest.fixture
def build(tmp_path: Path) -> ProjectBuilder:
    return ProjectBuilder(tmp_path)
