"""Running the audit: which rules (select/ignore), which reports (PATHS), when to fail (fail-on)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from ..errors import InputError, UsageError
from ..project import Project
from . import citations, records, references, registry, support, urls
from .context import AuditContext
from .coverage import Coverage, coverage
from .findings import BY_CODE, RULES, Finding, Severity

Check = Callable[[AuditContext], Iterator[Finding]]
CHECKS: dict[str, Check] = {
    **citations.CHECKS,
    **records.CHECKS,
    **references.CHECKS,
    **urls.CHECKS,
    **support.CHECKS,
    **registry.CHECKS,
}
assert set(CHECKS) == set(RULES), "every rule has a check and every check a rule"

_CONFIG_KEYS = {"select", "ignore", "fail-on", "fail_on"}


def resolve_codes(tokens: Iterable[str], where: str) -> set[str]:
    """Slugs named by codes (CT101), families (CT1, CT), slugs (citation-needed) or ALL."""
    slugs: set[str] = set()
    for raw in tokens:
        token = raw.strip()
        if not token:
            continue
        upper = token.upper()
        if upper == "ALL":
            slugs |= set(RULES)
        elif token.lower() in RULES:
            slugs.add(token.lower())
        elif upper in BY_CODE:
            slugs.add(BY_CODE[upper].slug)
        elif upper.startswith("CT") and any(code.startswith(upper) for code in BY_CODE):
            slugs |= {rule.slug for code, rule in BY_CODE.items() if code.startswith(upper)}
        else:
            known = ", ".join(f"{r.code} {r.slug}" for r in RULES.values())
            raise UsageError(f"{where}: unknown rule {token!r} (known: {known})")
    return slugs


def _split(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v for v in value.replace(",", " ").split()]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    raise ValueError("expected a list of rule codes or a comma-separated string")


@dataclass
class AuditOptions:
    selected: frozenset[str] = frozenset(RULES)
    fail_on: Severity = Severity.WARNING

    @classmethod
    def build(
        cls,
        config: dict[str, Any],
        *,
        select: Optional[list[str]] = None,
        ignore: Optional[list[str]] = None,
        fail_on: Optional[str] = None,
        config_file: str = "pyproject.toml",
    ) -> AuditOptions:
        """Options from ``[tool.claimtrack.audit]``; each flag given replaces its setting."""
        unknown = set(config) - _CONFIG_KEYS
        if unknown:
            raise InputError(
                f"[tool.claimtrack.audit]: unknown setting {sorted(unknown)[0]!r} "
                "(known: select, ignore, fail-on)",
                config_file,
            )
        try:
            conf_select = _split(config.get("select"))
            conf_ignore = _split(config.get("ignore"))
        except ValueError as exc:
            raise InputError(f"[tool.claimtrack.audit] select/ignore: {exc}", config_file) from None
        chosen_select = [s for item in select for s in _split(item)] if select else conf_select
        chosen_ignore = [s for item in ignore for s in _split(item)] if ignore else conf_ignore
        where_s = "--select" if select else "[tool.claimtrack.audit] select"
        where_i = "--ignore" if ignore else "[tool.claimtrack.audit] ignore"
        slugs = resolve_codes(chosen_select, where_s) if chosen_select else set(RULES)
        slugs -= resolve_codes(chosen_ignore, where_i)
        level = fail_on or config.get("fail-on") or config.get("fail_on") or Severity.WARNING.value
        try:
            severity = Severity(str(level).lower())
        except ValueError:
            where = "--fail-on" if fail_on else "[tool.claimtrack.audit] fail-on"
            raise UsageError(f"{where}: {level!r} is not error, warning or info") from None
        return cls(selected=frozenset(slugs), fail_on=severity)


@dataclass
class AuditResult:
    reports: list[str]
    findings: list[Finding]
    coverage: list[Coverage]
    options: AuditOptions
    counts: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.counts = {s.value: sum(f.severity is s for f in self.findings) for s in Severity}

    @property
    def failed(self) -> bool:
        """Any finding at or above the fail-on severity."""
        return any(f.severity.rank >= self.options.fail_on.rank for f in self.findings)


def reports_for(project: Project, paths: list[Path]) -> list[str]:
    """Report ids named by PATHS: report files, directories of them, claims files or report ids."""
    if not paths:
        return sorted(project.claim_files)
    sources = {(project.root / cf.report.source).resolve(): rid for rid, cf in project.claim_files.items()}
    claim_paths = {path.resolve(): rid for rid, path in project.claim_paths.items()}
    chosen: list[str] = []
    for path in paths:
        resolved = path.resolve()
        if resolved.is_dir():
            inside = [rid for src, rid in sources.items() if resolved in src.parents]
            inside += [rid for src, rid in claim_paths.items() if resolved in src.parents]
            if not inside:
                raise InputError("no ingested report in this directory", path)
            chosen += inside
        elif resolved in sources:
            chosen.append(sources[resolved])
        elif resolved in claim_paths:
            chosen.append(claim_paths[resolved])
        else:
            chosen.append(project.resolve_report(str(path)))
    return sorted(dict.fromkeys(chosen))


def _order(finding: Finding) -> tuple[int, str, int, str]:
    return (-finding.severity.rank, finding.file or "", finding.line or 0, finding.code)


def run(project: Project, options: AuditOptions, paths: Optional[list[Path]] = None) -> AuditResult:
    if not project.claim_files and not project.references:
        # Auditing nothing would pass CI silently: a wrong --root or a forgotten ingest.
        raise InputError("nothing to audit: no claims/*.yaml or references/*.bib; run `claimtrack ingest` first",
                         project.root)  # fmt: skip
    reports = reports_for(project, paths or [])
    ctx = AuditContext(project=project, reports=reports, selected=options.selected, whole_project=not paths)
    findings: list[Finding] = []
    for slug, check in CHECKS.items():
        if slug in options.selected:
            findings.extend(check(ctx))
    findings.sort(key=_order)
    return AuditResult(reports, findings, coverage(ctx), options)
