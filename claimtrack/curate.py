"""A person's edits to claim records, from the command line: reviews and hand-added citations.

Until now these meant editing YAML by hand.  ``review`` sets a claim's review
block; ``cite`` attaches references to a claim (an uncited fact whose source a
person found) or takes them off again.  Both write under the project lock,
re-reading the records inside it, so they never overwrite a concurrent
ingest's work; re-ingest keeps both (reviews, and references a person added).
"""

from __future__ import annotations

import getpass
import os
import subprocess
from dataclasses import dataclass
from datetime import date
from typing import Optional

from . import claimstore
from .errors import UsageError
from .model import Claim, ReviewStatus
from .project import Project
from .writing import locked


@dataclass
class Edited:
    claim: Claim
    changed: bool


def find_claim(project: Project, name: str) -> tuple[str, Claim]:
    """(report id, claim) for a claim id or a unique id prefix; closest matches when unknown."""
    from .names import resolve

    ids = {c.id: (c.report, c) for c in project.claims()}
    return ids[resolve(name, ids, "claim id")]


def find_reference(project: Project, name: str) -> str:
    """A citekey, exact or a unique prefix; closest matches when unknown."""
    from .names import resolve

    return resolve(name, project.references, "citekey", "; add the source to references/ first")


def reviewer() -> Optional[str]:
    """Who is reviewing: git's user.name, else the login name."""
    try:
        name = subprocess.run(
            ["git", "config", "user.name"], capture_output=True, text=True, timeout=5, check=False
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        name = ""
    if name:
        return name
    try:
        return os.environ.get("USER") or getpass.getuser()
    except (KeyError, OSError):
        return None


def set_review(
    project: Project,
    claim_name: str,
    status: ReviewStatus,
    *,
    note: Optional[str] = None,
    by: Optional[str] = None,
    at: Optional[str] = None,
) -> Edited:
    """Set the review block of one claim; fields not given keep their value, except ``at``."""
    with locked(project):  # what is on disk now (a crashed writer's commit finished), inside the lock
        report, claim = find_claim(project, claim_name)
        path = project.claim_paths[report]
        record = claimstore.read(path)
        target = next(c for c in record.claims if c.id == claim.id)
        before = target.review.model_copy()
        target.review.status = status
        if note is not None:
            target.review.note = note or None
        target.review.by = by or target.review.by or reviewer()
        target.review.at = at or date.today().isoformat()
        changed = target.review != before
        if changed:
            claimstore.write(path, record)
        return Edited(target, changed)


def cite(project: Project, claim_name: str, keys: list[str], *, remove: bool = False) -> Edited:
    """Attach references to a claim (or, with ``remove``, take them off)."""
    with locked(project):
        report, claim = find_claim(project, claim_name)
        resolved = [find_reference(project, key) if not remove else key for key in keys]
        path = project.claim_paths[report]
        record = claimstore.read(path)
        target = next(c for c in record.claims if c.id == claim.id)
        before = list(target.references)
        if remove:
            missing = [k for k in resolved if k not in before]
            if missing:
                raise UsageError(f"claim {target.id} does not cite {', '.join(missing)} (it cites: "
                                 f"{', '.join(before) or 'nothing'})")  # fmt: skip
            target.references = [k for k in before if k not in resolved]
        else:
            target.references = list(dict.fromkeys(before + resolved))
        changed = target.references != before
        if changed:
            claimstore.write(path, record)
        return Edited(target, changed)
