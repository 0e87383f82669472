"""Has a source changed since it was first captured, and is the claim's evidence still there?"""

from __future__ import annotations

from typing import Optional

from .results import DriftOut
from .source import Source
from .text import Doc, words

KEPT_SIMILARITY = 90.0  # a passage this similar (rapidfuzz partial ratio) in the new text is still there


def changed_share(first: Doc, last: Doc) -> float:
    """The share of words that differ between two texts (0: same, 1: nothing in common)."""
    if first.words == last.words:
        return 0.0
    from rapidfuzz.distance import Indel

    return round(1.0 - Indel.normalized_similarity(first.words, last.words), 3)


def passage_kept(passage_words: list[str], last: Source) -> bool:
    doc = last.passages.doc
    if doc.find(passage_words) is not None:
        return True
    from rapidfuzz import fuzz

    needle = " ".join(passage_words)
    return any(
        fuzz.partial_ratio(needle, " ".join(doc.words[p.first : p.last + 1]), score_cutoff=KEPT_SIMILARITY)
        for p in last.passages.items
    )


def compare(first: Source, last: Source, evidence: Optional[str], first_at: str, last_at: str) -> DriftOut:
    """How much changed from ``first`` to ``last``, and is ``evidence`` (a passage of ``first``) still there?"""
    share = changed_share(first.passages.doc, last.passages.doc)
    kept: Optional[bool] = None
    if share > 0 and evidence:
        kept = passage_kept(words(evidence), last)
    return DriftOut(
        changed=share > 0,
        changed_share=share,
        passage_kept=kept,
        first_capture=first_at,
        last_capture=last_at,
    )
