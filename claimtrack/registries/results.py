"""The results of ``refs check``: the JSON contract, and ``.claimtrack/refcheck.json``.

``load`` is the public reader for the audit rules and the lookups (``refs
show``, ``claims show``): an absent or damaged file means "no results yet",
never an error, because the file is derived.
"""

from __future__ import annotations

import json
import time
from enum import StrEnum
from pathlib import Path
from typing import Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .. import atomic
from ..derived import derived_dir

RESULTS_FILE = "refcheck.json"
VERSION = 1


class Verdict(StrEnum):
    VERIFIED = "verified"  # a registry knows this work, and it is the one described
    MISMATCH = "mismatch"  # the identifier leads to another work, or the details conflict
    NOT_FOUND = "not-found"  # no registry knows a work like it: possibly fabricated
    RETRACTED = "retracted"  # the registry marks it retracted or withdrawn
    INVALID = "invalid"  # a malformed identifier (syntax, check digit)
    UNCHECKED = "unchecked"  # web pages and grey literature; or no registry could be reached


# Worst first: the order of tables and of the exit decision.
ORDER = [Verdict.RETRACTED, Verdict.NOT_FOUND, Verdict.MISMATCH, Verdict.INVALID, Verdict.UNCHECKED,
         Verdict.VERIFIED]  # fmt: skip
FINDINGS = {Verdict.RETRACTED, Verdict.NOT_FOUND, Verdict.MISMATCH, Verdict.INVALID}


class Matched(BaseModel):
    title: Optional[str] = None
    authors: list[str] = Field(default_factory=list)
    year: Optional[int] = None
    container: Optional[str] = None
    doi: Optional[str] = None


class Result(BaseModel):
    """One reference's verdict.  The first ten fields are the issue's contract; fields are only added."""

    model_config = ConfigDict(extra="ignore")

    reference: str
    verdict: Verdict
    identifier: Optional[str] = None  # doi:10..., arxiv:..., isbn:..., or None
    registry: Optional[str] = None  # the registry whose record is in `matched`
    matched: Optional[Matched] = None
    # 0..1, how alike our reference and the registry's record are (for not-found: the closest
    # registered work a title search gave, which was not close enough).
    score: Optional[float] = None
    reason: str = ""
    claims: list[str] = Field(default_factory=list)  # ids of the claims resting on the reference
    # -- added ------------------------------------------------------------------------
    title: Optional[str] = None  # ours
    file: Optional[str] = None
    line: Optional[int] = None
    differences: list[str] = Field(default_factory=list)  # ours vs the registry's, field by field
    retraction: Optional[str] = None  # the notice, when retracted
    suggested_doi: Optional[str] = None  # the registered DOI of the work we cite, when found
    unambiguous: bool = False  # the suggestion is the only close match (what --write needs)
    written: Optional[str] = None  # what --write changed
    transient: bool = False  # unchecked only because a registry could not answer this time
    checked_at: Optional[str] = None


def now_iso() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def document(results: list[Result]) -> dict[str, object]:
    """The JSON output: ``{"results": [...]}`` (plus a summary)."""
    summary = {v.value: sum(r.verdict is v for r in results) for v in ORDER}
    return {"results": [r.model_dump(mode="json") for r in results], "summary": summary}


def save(root: Path, results: list[Result]) -> None:
    """Record this run's verdicts.  Earlier results are kept for references not checked now,
    and for those this run could not check because a registry did not answer."""
    path = derived_dir(root) / RESULTS_FILE
    merged = {r.reference: r for r in load(root).values()}
    for result in results:
        earlier = merged.get(result.reference)
        if result.transient and earlier is not None and not earlier.transient:
            continue  # a registry down today does not undo what was found before
        merged[result.reference] = result
    data = {
        "version": VERSION,
        "checked_at": now_iso(),
        "results": [r.model_dump(mode="json") for r in merged.values()],
    }
    atomic.write_text(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def load(root: Path) -> dict[str, Result]:
    """The last results by citekey; {} when no check has run (or the file is damaged)."""
    path = Path(root) / ".claimtrack" / RESULTS_FILE
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != VERSION:
        return {}
    found: dict[str, Result] = {}
    for raw in data.get("results") or []:
        try:
            result = Result.model_validate(raw)
        except ValidationError:
            continue
        found[result.reference] = result
    return found
