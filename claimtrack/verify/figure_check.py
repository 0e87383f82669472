"""One figure of a claim against a source: found, changed (and to what), or not there.

A figure is found when a passage near the claim (the best passages for its
words, their neighbours, or any passage carrying most of them) gives the same
value in any notation.  It is *altered* only when a passage carrying the claim
gives, in the same words, a figure one slip away: a digit changed, added,
dropped or swapped, or the scale changed.
"""

from __future__ import annotations

from typing import Optional

from . import figures as figs
from .passages import stem, stopwords
from .results import FigureOut
from .source import Evidence, Source
from .text import words

SUPPORT_COVERAGE = 0.5  # a passage carrying this share of the claim's terms is near it wherever it is
PARTLY_COVERAGE = 0.34  # a passage carrying less does not carry the claim: no figure is compared in it


def _context(text: str, start: int, end: int, language: Optional[str]) -> set[str]:
    stop = stopwords(language)
    before = [w for w in words(text[max(0, start - 60) : start]) if w not in stop and not w.isdigit()][-3:]
    after = [w for w in words(text[end : end + 60]) if w not in stop and not w.isdigit()][:3]
    return {stem(w, language) for w in before + after}


def _digits(figure: figs.Figure) -> str:
    """The digits as written, scale aside: "$1.2bn" -> "12", "33.2%" -> "332"."""
    return "".join(ch for ch in f"{figure.value / figure.scale:.{figure.decimals}f}" if ch.isdigit())


def digit_near(a: figs.Figure, b: figs.Figure) -> bool:
    """One digit changed, added, dropped or two swapped (32.2/33.2, 1.2/12), or the same digits at
    another scale (million/billion): the slips that turn a source's figure into a claim's."""
    from rapidfuzz.distance import DamerauLevenshtein

    x, y = _digits(a), _digits(b)
    if x == y:
        return a.scale != b.scale or a.decimals != b.decimals
    return DamerauLevenshtein.distance(x, y) <= 1


def _comparable(claim: figs.Figure, other: figs.Figure) -> bool:
    """Could ``other`` be the figure the claim changed?  Units must agree when the claim gives
    one ("4 years" is not "Python 3"), and a lone digit needs a unit to be compared at all."""
    if claim.unit and other.unit != claim.unit:
        return False
    return not (claim.kind == "number" and claim.value < 10 and claim.decimals == 0 and not claim.unit)


def check(
    figure: figs.Figure,
    claim: str,
    source: Source,
    evidence: Evidence,
    terms: list[str],
    language: Optional[str],
) -> tuple[FigureOut, Optional[int]]:
    """The figure's result, and the passage it was found in (or differs in)."""
    passages = source.passages
    # Near the claim: the best passages and their neighbours (a sentence may straddle two),
    # and any passage carrying most of the claim's terms.
    near = {j for i in evidence.candidates for j in (i - 1, i, i + 1) if 0 <= j < len(passages.items)}
    near |= {i for i in range(len(passages.items)) if passages.coverage(i, terms) >= SUPPORT_COVERAGE}
    mine: Optional[set[str]] = None
    for index in sorted(near, key=lambda i: (i not in evidence.candidates, i)):
        for other in source.passage_figures[index]:
            if not figure.matches(other):
                continue
            if other.kind != figure.kind and figure.kind == "number":
                # "1 billion" may be the source's "$1 billion" only if said of the same thing.
                mine = mine if mine is not None else _context(claim, figure.start, figure.end, language)
                text = passages.items[index].text
                if not mine & _context(text, other.start, other.end, language):
                    continue
            return FigureOut(text=figure.text, found=True, source_text=other.text, kind=figure.kind), index
    altered = _altered_figure(figure, claim, source, evidence, terms, language)
    if altered is not None:
        return altered
    if figure.kind == "year":  # a year is often stated once, in a date line, away from the facts
        for other in source.all_figures:
            if figure.matches(other):
                return FigureOut(text=figure.text, found=True, source_text=other.text, kind=figure.kind), None
    return FigureOut(text=figure.text, found=False, kind=figure.kind), None


def _altered_figure(
    figure: figs.Figure,
    claim: str,
    source: Source,
    evidence: Evidence,
    terms: list[str],
    language: Optional[str],
) -> Optional[tuple[FigureOut, Optional[int]]]:
    passages = source.passages
    if evidence.best is None or evidence.coverage < PARTLY_COVERAGE:
        return None
    # Not found: does a passage that carries the claim give another figure in its place?
    # Only a near slip counts (a digit changed, the scale changed) said in the same words.
    mine = _context(claim, figure.start, figure.end, language)
    best: Optional[tuple[int, float, figs.Figure, int]] = None
    for index in evidence.candidates[:3]:
        if passages.coverage(index, terms) < PARTLY_COVERAGE:
            continue
        text = passages.items[index].text
        for other in source.passage_figures[index]:
            if other.kind != figure.kind or not figs.compatible(figure, other) or figure.matches(other):
                continue
            if not digit_near(figure, other) or not _comparable(figure, other):
                continue
            shared = len(mine & _context(text, other.start, other.end, language))
            if shared == 0:
                continue
            closeness = abs(other.value - figure.value) / max(abs(figure.value), 1e-9)
            if best is None or (shared, -closeness) > (best[0], -best[1]):
                best = (shared, closeness, other, index)
    if best is not None:
        return FigureOut(
            text=figure.text, found=False, source_text=best[2].text, altered=True, kind=figure.kind
        ), best[3]
    return None
