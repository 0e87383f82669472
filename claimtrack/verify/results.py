"""The last ``claimtrack verify`` results: ``.claimtrack/verify.json`` and its reader.

This file is the agreement between ``verify`` and what shows its results
(``claims show``, ``claims search --verdict``, ``xref``, ``audit``, the HTML
report).  Read it with ``load(root)``; fields are only ever added.  It is
derived data (rebuilt by running ``verify`` again), so an absent or damaged
file reads as "no results", never as an error.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .. import atomic
from ..derived import DIRNAME, derived_dir

RESULTS_FILE = "verify.json"
VERDICTS = ("supported", "partly", "altered", "not-found", "unchecked")


class QuoteOut(BaseModel):
    model_config = ConfigDict(extra="allow")

    text: str
    found: str  # exact, altered, missing
    source_text: Optional[str] = None
    score: float = 0.0  # similarity of an altered quotation, 0-100


class FigureOut(BaseModel):
    model_config = ConfigDict(extra="allow")

    text: str
    found: bool
    source_text: Optional[str] = None  # the source's figure (the same, or the one it differs from)
    altered: bool = False  # the passage that carries the claim gives another figure
    kind: Optional[str] = None  # percent, money, year, date, ordinal, number


class DriftOut(BaseModel):
    model_config = ConfigDict(extra="allow")

    changed: bool
    changed_share: float  # share of the words that differ, 0-1
    passage_kept: Optional[bool] = None  # is the claim's evidence in the first capture still there?
    first_capture: str
    last_capture: str


class Result(BaseModel):
    model_config = ConfigDict(extra="allow")

    claim: str
    report: Optional[str] = None
    reference: str
    url: Optional[str] = None
    verdict: str  # supported, partly, altered, not-found, unchecked
    reason: str
    passage: Optional[str] = None  # the evidence: the source's passage that best carries the claim
    matched_terms: list[str] = Field(default_factory=list)  # the passage's words that match the claim
    coverage: float = 0.0  # share of the claim's key terms the passage carries
    quotes: list[QuoteOut] = Field(default_factory=list)
    figures: list[FigureOut] = Field(default_factory=list)
    capture: Optional[str] = None  # the WARC file, relative to the captures folder
    captured_at: Optional[str] = None
    language: Optional[str] = None  # the source's
    drift: Optional[DriftOut] = None


class VerifyResults(BaseModel):
    model_config = ConfigDict(extra="allow")

    version: int = 1
    generated_at: Optional[str] = None
    results: list[Result] = Field(default_factory=list)
    present: bool = Field(default=True, exclude=True)  # False: verify has not run yet

    def for_claim(self, claim_id: str) -> list[Result]:
        return [r for r in self.results if r.claim == claim_id]

    def for_reference(self, key: str) -> list[Result]:
        return [r for r in self.results if r.reference == key]

    def get(self, claim_id: str, key: str) -> Optional[Result]:
        return next((r for r in self.results if r.claim == claim_id and r.reference == key), None)

    def claims_with(self, verdict: str) -> list[str]:
        """Ids of the claims with at least one source of this verdict."""
        return list(dict.fromkeys(r.claim for r in self.results if r.verdict == verdict))


def path(root: Path) -> Path:
    return Path(root) / DIRNAME / RESULTS_FILE


def load(root: Path) -> VerifyResults:
    """The last verify results of the project at ``root`` (empty, ``present=False``, if none)."""
    try:
        data = json.loads(path(root).read_text("utf-8"))
        return VerifyResults.model_validate(data)
    except (OSError, ValueError, ValidationError):
        return VerifyResults(present=False)


def save(root: Path, results: VerifyResults) -> None:
    derived_dir(Path(root))
    text = json.dumps(results.model_dump(mode="json"), ensure_ascii=False, separators=(",", ":"))
    atomic.write_text(path(root), text + "\n")
