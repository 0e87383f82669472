"""``claimtrack ingest``."""

from pathlib import Path
from typing import Optional

import typer

from .. import ingest_command as run
from ..quickcli import quick
from ._app import LockTimeoutOption, RootOption, app


@app.command()
@quick(run.ingest)
def ingest(
    paths: list[Path] = typer.Argument(
        None,
        help="Report files or directories of reports (subfolders included). Default: the project's reports/.",
    ),
    dry_run: bool = typer.Option(False, "--dry-run", "-n", help="Show what would change; write nothing."),
    from_format: Optional[str] = typer.Option(
        None,
        "--from",
        metavar="FORMAT",
        help="Read every file as FORMAT instead of detecting it: markdown, gfm, commonmark, markdown_mmd, "
        "kramdown, html, docx, odt, rtf, epub, latex, rst, org, typst, pdf, sup-footnotes, "
        "markdown-footnotes, author-year.",
    ),
    prune: bool = typer.Option(
        False,
        "--prune",
        help="Also remove the records of reports that were deleted (a record with reviewed claims "
        "is kept unless --force).",
    ),
    force: bool = typer.Option(False, "--force", help="With --prune: remove reviewed claims too."),
    lock_timeout: Optional[float] = LockTimeoutOption,
    bibliography: Optional[Path] = typer.Option(
        None,
        "--bibliography",
        "-b",
        help="A bibliography the reports' citekeys ([@key], \\cite{key}) resolve against, besides the ones "
        "their metadata names: BibTeX/biblatex .bib, CSL-JSON .json, CSL-YAML .yaml, RIS .ris.",
    ),
    root: Optional[Path] = RootOption,
) -> None:
    """Read reports into claim records (claims/) and references (references/).

    Re-ingesting keeps review blocks, hand-corrected claim fields (references,
    section), corrected reference fields and YAML comments, and keeps claim ids
    stable. Formats, told apart by content and extension: Markdown
    (pandoc, GitHub, MultiMarkdown, kramdown), HTML, DOCX, ODT, RTF, EPUB, LaTeX,
    reStructuredText, Org, Typst, text-based PDF, Markdown converted from PDF
    (<sup>N</sup> footnotes) and author-year articles.  Citations: pandoc
    citekeys ([@key], \\cite{key} in LaTeX, Cite in DOCX) with the bibliography
    the metadata names or --bibliography; numbered ([1], [2-4]) and
    author-date ((Smith, 2020)) citations into the document's reference list;
    footnotes with full and short notes.  A report unchanged since
    the last ingest (its text, its claims file, references/, settings and
    claimtrack itself) is skipped.
    """
    run.ingest(paths, dry_run, from_format, prune, force, lock_timeout, root, bibliography=bibliography)
