"""The parts of a claim joined by "and", "but", "while"...: each must be in the source.

"Coal generation slid 18 percent, and electric car sales doubled" is only
partly supported by a page that says the first half.  A claim is cut at its
clause joints; a part with enough words of its own must be carried by some
passage of the source (or have its figures found), or the claim is partly said.
"""

from __future__ import annotations

import re
from typing import Optional

from .passages import Passages, key_terms

_JOINT = re.compile(r",\s+(?:and|but|while|whereas|although)\s+|;\s+|\s+(?:while|whereas|but)\s+", re.I)
MIN_TERMS = 3  # a shorter part ("and rose") leans on the rest of the claim
CARRIED = 0.5  # the share of a part's terms one passage must carry


def parts(claim: str) -> list[str]:
    return [p.strip() for p in _JOINT.split(claim) if p.strip()]


def missing_part(
    claim: str, passages: Passages, language: Optional[str], found_figures: set[str]
) -> Optional[str]:
    """The first part of ``claim`` that no passage carries, if the claim has several parts."""
    pieces = parts(claim)
    if len(pieces) < 2:
        return None
    for piece in pieces:
        terms = key_terms(piece, language)
        if len(terms) < MIN_TERMS:
            continue
        if any(f in piece for f in found_figures):
            continue  # its figure is on the page: the part is checked by that
        best = max((passages.coverage(i, terms) for i in range(len(passages.items))), default=0.0)
        if best < CARRIED:
            return piece
    return None
