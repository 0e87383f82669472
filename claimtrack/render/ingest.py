"""What ``ingest`` did (or, with --dry-run, would do)."""

from __future__ import annotations

from rich.console import Console

from ..ingest import Change
from ..ledger import unchanged_line
from ..project import Project


def print_changes(console: Console, project: Project, changes: list[Change], *, dry_run: bool) -> None:
    verb = "would write" if dry_run else "wrote"
    for change in changes:
        if change.skipped:
            console.print(unchanged_line(change.source, change.n_claims))
            continue
        cf = change.claim_file
        cited = sum(1 for c in cf.claims if c.references)
        path = project.relative(change.claims_path)
        if change.unchanged and not change.new_refs:
            console.print(f"{cf.report.source}: unchanged ({len(cf.claims)} claims)")
            continue
        console.print(
            f"{cf.report.source} [dim]({cf.report.format.value})[/]: {len(cf.claims)} claims "
            f"({cited} cited, {len(cf.claims) - cited} uncited), {len(cf.footnotes)} footnotes"
            + (f", {len(cf.bibliography)} bibliography entries" if cf.bibliography else "")
        )
        parts = [
            f"+{len(change.added)} claims" if change.added else "",
            f"-{len(change.removed)} claims" if change.removed else "",
            f"~{len(change.changed)} changed" if change.changed else "",
            f"{len(change.detached)} reviewed claims no longer in the report (kept, detached)"
            if change.detached else "",
        ]  # fmt: skip
        summary = ", ".join(p for p in parts if p) or "no claim changes"
        console.print(f"  {verb} {path}: {summary}")
        if change.new_refs:
            console.print(f"  {verb} {project.relative(change.bib_path)}: +{len(change.new_refs)} references")
        for bib, target in change.bibliographies:
            console.print(f"  bibliography {bib.name} -> {project.relative(target)} (through refs import)")
        for name in change.missing_bibliographies:
            console.print(
                f"  [yellow]bibliography {name} not found[/]: its citations are recorded unresolved"
            )
        if change.missing_keys:
            console.print(f"  [yellow]cited but not in the bibliography:[/] {', '.join(change.missing_keys)}")
        if dry_run:
            for claim_id in change.added[:20]:
                claim = next(c for c in cf.claims if c.id == claim_id)
                console.print(f"    [green]+ {claim_id}[/] {claim.text[:100]}")
            for claim_id in change.removed[:20]:
                console.print(f"    [red]- {claim_id}[/]")
            for ref in change.new_refs[:20]:
                console.print(f"    [green]+ @{ref.key}[/] {ref.title or ''}"[:120])


def print_pruned(console: Console, pruned, *, dry_run: bool) -> None:
    """What ``ingest --prune`` removed (or would), and the records it kept for their reviews."""
    verb = "would remove" if dry_run else "removed"
    for rid in pruned.removed:
        console.print(f"{rid}: report deleted; {verb} its records")
    if pruned.references:
        console.print(f"  {verb} {len(pruned.references)} references no other report cites")
    for rid, reviewed in pruned.kept:
        console.print(
            f"{rid}: report deleted, records kept: {reviewed} reviewed claims "
            "(ingest --prune --force removes them too)"
        )
    if not pruned.removed and not pruned.kept:
        console.print("no records of deleted reports")
