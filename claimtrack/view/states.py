"""The state of a claim at a glance: one of seven, from the records and the last checks.

Nothing is judged here: the states summarise what the records (review,
references), the last ``links check`` and the last ``verify`` already said.
A person's review comes first, because it is the most authoritative word on
a claim; then a missing source; then the worst thing a check found.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Optional

from ..model import Claim, ReviewStatus


class State(StrEnum):
    REVIEWED = "reviewed"  # a person verified or disputed it (or ruled no source needed)
    UNCITED = "uncited"  # a factual claim with no source
    ALTERED = "altered"  # a quote or figure altered, or the source does not carry it
    DEAD = "dead"  # every cited source is dead or blocked, and nothing verified it
    PARTLY = "partly"  # the source carries part of the claim
    SUPPORTED = "supported"  # the source carries the claim, quotes and figures
    UNCHECKED = "unchecked"  # cited, but not yet checked against its source


@dataclass(frozen=True)
class StateInfo:
    label: str
    icon: str  # a glyph, so that states read without colour (and in print)
    description: str
    finding: bool  # keyboard navigation visits these


STATES: dict[State, StateInfo] = {
    State.SUPPORTED: StateInfo("Supported", "✓", "Every quote and figure found in a cited source.", False),
    State.PARTLY: StateInfo("Partly supported", "◐", "A cited source carries part of the claim.", True),
    State.ALTERED: StateInfo(
        "Altered or not found",
        "✗",
        "A quote or figure differs from the source, or the source is silent.",
        True,
    ),
    State.DEAD: StateInfo("Source dead or blocked", "⚠", "No cited source could be reached.", True),
    State.UNCITED: StateInfo("Uncited fact", "!", "States a checkable fact with no source.", True),
    State.REVIEWED: StateInfo("Reviewed", "★", "A person verified or disputed it.", False),
    State.UNCHECKED: StateInfo("Not yet checked", "?", "Cited, not yet checked against its source.", False),
}

_REVIEWED = {ReviewStatus.VERIFIED, ReviewStatus.DISPUTED, ReviewStatus.NO_SOURCE_NEEDED}
_DEAD_LINKS = {"dead", "blocked"}


def classify(
    claim: Claim,
    support: Iterable[Optional[str]],
    links: Iterable[Optional[str]],
) -> State:
    """The state of ``claim``, given the support verdict and link verdict of each cited source.

    ``support`` holds one ``verify`` verdict per source (None: not verified yet),
    ``links`` one link verdict per source URL (None: no URL or not checked).
    """
    if claim.review.status in _REVIEWED:
        return State.REVIEWED
    if not claim.references:
        return State.UNCITED
    verdicts = [v for v in support if v]
    if "altered" in verdicts:
        return State.ALTERED
    if "supported" in verdicts:
        return State.SUPPORTED
    if "partly" in verdicts:
        return State.PARTLY
    if verdicts and all(v == "not-found" for v in verdicts):
        return State.ALTERED
    link_verdicts = list(links)
    if link_verdicts and all(v in _DEAD_LINKS for v in link_verdicts):
        return State.DEAD
    return State.UNCHECKED
