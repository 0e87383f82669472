"""``export`` and ``refs import``."""

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Optional

import typer

from ._app import (
    EXIT_FINDINGS,
    LockTimeoutOption,
    RootOption,
    app,
    handles_errors,
    open_project,
    open_records,
    refs_app,
)
from .completers import completes


class ExportFormat(StrEnum):
    biblatex = "biblatex"
    bibtex = "bibtex"
    csl_json = "csl-json"
    ris = "ris"
    text = "text"
    markdown = "markdown"
    html = "html"


_FORMAT_HELP = (
    "biblatex (for biber; best for LaTeX), bibtex (classic BibTeX for old styles: the LOSSY choice, "
    "URL in howpublished and access date in note), csl-json (pandoc, Zotero), ris (Zotero, EndNote), "
    "or a reference list formatted in a CSL style: text, markdown, html (these need pandoc)."
)


@app.command("export")
@handles_errors
def export(
    fmt: Optional[ExportFormat] = typer.Option(
        None,
        "--format",
        "-f",
        help=_FORMAT_HELP + " Default: [tool.claimtrack.export] format, else biblatex.",
    ),
    report: Optional[str] = typer.Option(
        None,
        "--report",
        "-r",
        help="Sources of this report (id or file name).",
        autocompletion=completes("report"),
    ),
    claims: Optional[str] = typer.Option(
        None,
        "--claims",
        help="Sources of these claims (ids or unique prefixes, comma-separated).",
        autocompletion=completes("claim", comma=True),
    ),
    keys: Optional[str] = typer.Option(
        None,
        "--keys",
        help="These references (citekeys or unique prefixes, comma-separated).",
        autocompletion=completes("reference", comma=True),
    ),
    search: Optional[str] = typer.Option(
        None,
        "--search",
        "-s",
        help='Sources of the claims whose text has every word of QUERY ("quoted phrases" kept whole).',
    ),
    cited_only: bool = typer.Option(
        False, "--cited-only", help="Only sources a claim cites (not those only in notes or a bibliography)."
    ),
    style: Optional[str] = typer.Option(
        None,
        "--style",
        help="CSL style for text/markdown/html: apa, chicago-author-date, or a .csl file. "
        "Default: [tool.claimtrack.export] style, else apa.",
    ),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", help="Write to this file (atomically) instead of stdout.", dir_okay=False
    ),
    root: Optional[Path] = RootOption,
) -> None:
    """Export a bibliography of the sources behind a report's claims, for a paper.

    With no selector, every reference.  --report, --claims and --search narrow down
    claims together and take what those claims cite; --keys adds references by key.
    Exit codes: 0 written, 1 nothing selected, 2 usage or input error.
    """
    from .. import atomic
    from ..export import render
    from ..export.select import select, split_list

    project = open_records(root)
    settings = project.settings.export
    fmt_name = fmt.value if fmt else str(settings.get("format", "biblatex"))
    if fmt_name not in {f.value for f in ExportFormat}:
        from ..errors import UsageError

        raise UsageError(f"[tool.claimtrack.export] format {fmt_name!r} is not one of the formats")
    refs = select(
        project,
        report=report,
        claim_ids=split_list(claims),
        keys=split_list(keys),
        search=search,
        cited_only=cited_only,
    )
    if not refs:
        print("claimtrack: no references selected", file=sys.stderr)
        raise typer.Exit(EXIT_FINDINGS)
    text = render(refs, fmt_name, style=style or str(settings.get("style", "apa")))
    if output:
        from ..chatter import note

        atomic.write_output(output, text)
        note(f"wrote {len(refs)} references to {output}")
    else:
        sys.stdout.write(text)


class ImportFormat(StrEnum):
    text = "text"
    json = "json"


@refs_app.command("import")
@handles_errors
def refs_import(
    library: Path = typer.Argument(
        ...,
        help="A library: BibTeX or biblatex (.bib), CSL-JSON (.json), CSL-YAML (.yaml) or RIS (.ris).",
        dir_okay=False,
        show_default=False,
    ),
    into: Optional[Path] = typer.Option(
        None,
        "--into",
        help="The .bib file in references/ that receives new entries. Default: references/imported.bib.",
        dir_okay=False,
    ),
    fix_keys: bool = typer.Option(
        False,
        "--fix-keys",
        help="Give an entry whose citekey biber or pandoc cannot parse a new key (the old one is kept "
        "in its oldkey field); without it such entries are skipped.",
    ),
    dry_run: bool = typer.Option(False, "--dry-run", "-n", help="Report what would happen; write nothing."),
    fmt: ImportFormat = typer.Option(ImportFormat.text, "--format", "-f", help="text or json."),
    lock_timeout: Optional[float] = LockTimeoutOption,
    root: Optional[Path] = RootOption,
) -> None:
    """Merge an existing library (Zotero, Better BibTeX, JabRef, Mendeley, BibDesk...) into references/.

    Every biblatex entry type and field is kept, names in parts, @string and crossref
    resolved; fields biblatex does not know are kept verbatim. A source already known
    (same DOI, ISBN, URL, or title, year and first author) is merged into the existing
    reference, which keeps its citekey and gains only the fields it lacked. A new entry
    keeps its citekey unless that is taken, then gets a new one.
    Exit codes: 0 imported, 1 some entries skipped (the reason and line are printed),
    2 the file is unusable (a syntax error anywhere: nothing is imported).
    """
    from dataclasses import asdict

    from ..bib.importer import import_library

    project = open_project(root)
    if into is not None and not into.is_absolute() and into.parent == Path("."):
        into = project.references_dir / into  # a bare name: a file in references/
    if dry_run:
        result = import_library(project, library, into, dry_run=True, fix_keys=fix_keys)
    else:
        from ..writing import locked

        # the lock (a second writer waits up to --lock-timeout); the importer re-enters it
        with locked(project, lock_timeout=lock_timeout):
            result = import_library(project, library, into, fix_keys=fix_keys)
    if fmt is ImportFormat.json:
        print(json.dumps(asdict(result), ensure_ascii=False, indent=2))
    else:
        _print_import(result, dry_run)
    if result.skipped:
        raise typer.Exit(EXIT_FINDINGS)


def _print_import(result, dry_run: bool) -> None:
    verb = "would add" if dry_run else "added"
    print(f"{verb} {len(result.added)} references to {result.target}")
    fixed = dict(result.fixed_keys)
    for old, new in result.renamed:
        why = "citekey biber or pandoc cannot parse" if old in fixed else "citekey taken by another source"
        print(f"  {old}: {why}, imported as {new}")
    for merged in result.merged:
        filled = f"; gained {', '.join(merged.filled)}" if merged.filled else ""
        print(f"  merged {merged.key} into {merged.into} (same {merged.by}){filled}")
    if result.extra_fields:
        fields = ", ".join(f"{name} ({count})" for name, count in result.extra_fields.items())
        print(f"  kept verbatim, outside biblatex's data model: {fields}")
    for group in result.case_clashes:
        print(f"claimtrack: {result.source}: citekeys differ only in case (one key to biber on some "
              f"systems): {', '.join(group)}", file=sys.stderr)  # fmt: skip
    for warning in result.warnings:
        print(f"claimtrack: {result.source}:{warning.line}: warning: entry {warning.key}: {warning.message}",
              file=sys.stderr)  # fmt: skip
    for skipped in result.skipped:
        print(f"claimtrack: {result.source}:{skipped.line}: skipped: {skipped.reason}", file=sys.stderr)
