"""What every rule reads: the project, the reports in scope, and lookups shared by rules."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Optional

import yaml

from ..model import Claim, ClaimFile, Footnote, Reference
from ..project import Project
from ..staleness import StaleReport, stale_reports
from ..textfile import read_text


@dataclass
class AuditContext:
    project: Project
    reports: list[str]  # report ids in scope
    selected: frozenset[str] = frozenset()  # slugs of the rules that run
    whole_project: bool = True  # False when PATHS narrowed the audit to some reports
    cache: dict[str, object] = field(default_factory=dict)  # results rules share, computed once
    _texts: dict[str, str] = field(default_factory=dict)

    # -- records ---------------------------------------------------------
    def claim_file(self, report: str) -> ClaimFile:
        return self.project.claim_files[report]

    def claims(self) -> Iterator[Claim]:
        for report in self.reports:
            yield from self.claim_file(report).claims

    def footnotes(self) -> Iterator[tuple[str, Footnote]]:
        for report in self.reports:
            for footnote in self.claim_file(report).footnotes:
                yield report, footnote

    def reference(self, key: str) -> Optional[Reference]:
        return self.project.references.get(key)

    @cached_property
    def references_in_scope(self) -> list[Reference]:
        """References the reports in scope cite; every reference when auditing the whole project."""
        if self.whole_project:
            return list(self.project.references.values())
        keys = set(self.citing_reports)
        return [ref for key, ref in self.project.references.items() if key in keys]

    @cached_property
    def citing_reports(self) -> dict[str, list[str]]:
        """Reference key -> ids of the reports in scope that cite it (footnotes, claims, bibliography)."""
        found: dict[str, list[str]] = {}
        for report in self.reports:
            claim_file = self.claim_file(report)
            keys = [k for f in claim_file.footnotes for k in f.references]
            keys += [k for c in claim_file.claims for k in c.references]
            keys += [b.key for b in claim_file.bibliography]
            for key in dict.fromkeys(keys):
                found.setdefault(key, []).append(report)
        return found

    def report_of(self, key: str) -> Optional[str]:
        reports = self.citing_reports.get(key)
        return reports[0] if reports else None

    # -- files -----------------------------------------------------------
    @cached_property
    def stale(self) -> dict[str, StaleReport]:
        """Reports in scope that changed or went missing since ingest, by id."""
        records = (
            (r, self.claim_file(r).report.source, self.claim_file(r).report.sha256) for r in self.reports
        )
        return {item.report: item for item in stale_reports(self.project.root, records)}

    @property
    def reports_on_disk(self) -> list[str]:
        """Reports in scope whose file is there to read (rules that read the text skip the others)."""
        return [r for r in self.reports if getattr(self.stale.get(r), "state", "") != "missing"]

    def report_file(self, report: str) -> str:
        return self.claim_file(report).report.source

    def report_text(self, report: str) -> str:
        if report not in self._texts:
            from ..derived import derived_dir
            from ..ingest.formats import TEXT_SHAPES, report_text  # a DOCX, a PDF: the text ingest read

            fmt = self.claim_file(report).report.format
            cache = None if fmt in TEXT_SHAPES else derived_dir(self.project.root) / "report-text"
            self._texts[report] = report_text(self.project.root / self.report_file(report), fmt, cache)
        return self._texts[report]

    def claims_path(self, report: str) -> str:
        return self.project.relative(self.project.claim_paths[report])

    def record_line(self, report: str, section: str, ident: str) -> Optional[int]:
        """Line of a claim (``section="claims"``, ident = id) or footnote in the report's claims YAML."""
        key = f"record-lines:{report}"
        if key not in self.cache:
            self.cache[key] = _record_lines(self.project.claim_paths[report])
        return self.cache[key].get((section, ident))  # type: ignore[attr-defined]


def _record_lines(path: Path) -> dict[tuple[str, str], int]:
    """(section, id or label) -> 1-based line of each claim and footnote in a claims YAML file."""
    lines: dict[tuple[str, str], int] = {}
    root = yaml.compose(read_text(path), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not isinstance(root, yaml.MappingNode):
        return lines
    for key, value in root.value:
        if key.value not in ("claims", "footnotes") or not isinstance(value, yaml.SequenceNode):
            continue
        ident_field = "id" if key.value == "claims" else "label"
        for item in value.value:
            if isinstance(item, yaml.MappingNode):
                for k, v in item.value:
                    if k.value == ident_field:
                        lines[(key.value, str(v.value))] = item.start_mark.line + 1
    return lines
