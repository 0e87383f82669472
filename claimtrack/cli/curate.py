"""``claimtrack review`` and ``claimtrack cite``: a person's edits to claim records."""

from enum import StrEnum
from pathlib import Path
from typing import Optional

import typer

from ._app import RootOption, app, handles_errors, open_project
from .completers import completes


class Status(StrEnum):  # mirrors model.ReviewStatus, kept here so --help imports no pydantic
    unreviewed = "unreviewed"
    verified = "verified"
    disputed = "disputed"
    needs_source = "needs-source"
    no_source_needed = "no-source-needed"


@app.command(
    "review",
)
@handles_errors
def review(
    claim: str = typer.Argument(
        ..., help="The claim: its id or a unique id prefix.", metavar="ID", autocompletion=completes("claim")
    ),
    status: Status = typer.Option(
        ...,
        "--status",
        "-s",
        metavar="STATUS",
        help="verified, disputed, needs-source, no-source-needed (silences citation-needed) or unreviewed.",
    ),
    note: Optional[str] = typer.Option(
        None, "--note", "-m", metavar="TEXT", help="Why; an empty note clears it."
    ),
    by: Optional[str] = typer.Option(
        None, "--by", metavar="NAME", help="Who reviewed. Default: git's user.name, else the login name."
    ),
    at: Optional[str] = typer.Option(None, "--at", metavar="DATE", help="When (ISO date). Default: today."),
    root: Optional[Path] = RootOption,
) -> None:
    """Set a claim's review: what a person found when checking it against its sources.

    Writes the claim's record (claims/*.yaml) under the project lock; re-ingest keeps it.
    """
    from ..curate import set_review
    from ..model import ReviewStatus

    edited = set_review(open_project(root), claim, ReviewStatus(status.value), note=note, by=by, at=at)
    what = "set" if edited.changed else "unchanged"
    review = edited.claim.review
    print(
        f"{edited.claim.id}: review {what}: {review.status.value}"
        + (f" ({review.note})" if review.note else "")
    )


@app.command(
    "cite",
)
@handles_errors
def cite(
    claim: str = typer.Argument(
        ..., help="The claim: its id or a unique id prefix.", metavar="ID", autocompletion=completes("claim")
    ),
    keys: list[str] = typer.Argument(
        ...,
        help="Citekeys of references/ (or unique prefixes).",
        metavar="KEY...",
        autocompletion=completes("reference"),
    ),
    remove: bool = typer.Option(False, "--remove", help="Take these references off the claim instead."),
    root: Optional[Path] = RootOption,
) -> None:
    """Attach sources to a claim (an uncited fact whose source you found), or take them off.

    The citation is the claim record's `references`, which re-ingest keeps.
    """
    from ..curate import cite as attach

    edited = attach(open_project(root), claim, keys, remove=remove)
    now = ", ".join(edited.claim.references) or "no source"
    print(f"{edited.claim.id}: {'now cites' if edited.changed else 'unchanged, cites'} {now}")
