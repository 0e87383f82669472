"""One claim against one source: quotations, figures and the best passage -> a verdict.

The rules, in order:
  altered    a quotation found only approximately, or a figure the matching passage gives otherwise;
  supported  every quotation word for word, every figure found, and a passage carrying the claim;
  partly     some of it: a quotation or figure found, or a passage carrying part of the claim;
  not-found  the source was read and nothing in it carries the claim.
(``unchecked`` is decided before: no capture, no text, a bot wall, another language.)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from typing import Optional

from . import figures as figs
from . import quotes as qs
from .passages import Passages, key_terms, stem, stopwords
from .results import FigureOut, QuoteOut, Result
from .text import Doc, words

SUPPORT_COVERAGE = 0.5  # share of the claim's key terms one passage must carry to support it
PARTLY_COVERAGE = 0.34  # ... to carry part of it
QUOTE_ANCHOR_WORDS = 4  # a quotation this long, found word for word, anchors the claim by itself
TOP_PASSAGES = 5


@dataclass
class Source:
    """A captured source's text, prepared once and shared by every claim citing it."""

    main: str
    full: str
    language: Optional[str] = None

    @cached_property
    def passages(self) -> Passages:
        return Passages(self.main)

    @cached_property
    def full_doc(self) -> Doc:
        return Doc.of(self.full)

    @cached_property
    def passage_figures(self) -> list[list[figs.Figure]]:
        return [figs.find(p.text) for p in self.passages.items]

    @cached_property
    def all_figures(self) -> list[figs.Figure]:
        return (
            figs.find(self.full) if self.full != self.main else [f for fs in self.passage_figures for f in fs]
        )


@dataclass
class Evidence:
    best: Optional[int]  # passage index
    coverage: float
    candidates: list[int] = field(default_factory=list)


def _evidence(source: Source, terms: list[str]) -> Evidence:
    passages = source.passages
    ranked = passages.ranked(terms, TOP_PASSAGES)
    if not ranked:
        return Evidence(None, 0.0)
    # BM25 ranks; coverage decides among the top few (a long passage that
    # repeats one rare term should not beat one that carries the whole claim).
    best = max(ranked[:3], key=lambda i: (round(passages.coverage(i, terms), 2), -ranked.index(i)))
    return Evidence(best, passages.coverage(best, terms), ranked)


def _context(text: str, start: int, end: int, language: Optional[str]) -> set[str]:
    stop = stopwords(language)
    before = [w for w in words(text[max(0, start - 60) : start]) if w not in stop and not w.isdigit()][-3:]
    after = [w for w in words(text[end : end + 60]) if w not in stop and not w.isdigit()][:3]
    return {stem(w) for w in before + after}


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


def _check_figure(
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
    for index in sorted(near, key=lambda i: (i not in evidence.candidates, i)):
        for other in source.passage_figures[index]:
            if figure.matches(other):
                return FigureOut(
                    text=figure.text, found=True, source_text=other.text, kind=figure.kind
                ), index
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
            if other.kind != figure.kind or not figs._compatible(figure, other) or figure.matches(other):
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


def _matched_terms(passage: str, terms: list[str]) -> list[str]:
    wanted = set(terms)
    seen: dict[str, None] = {}
    for word in _original_words(passage):
        if stem(word.lower()) in wanted:
            seen.setdefault(word, None)
    return list(seen)


def _original_words(text: str) -> list[str]:
    doc = Doc.of(text)
    return [text[a:b] for a, b in doc.spans]


def judge(claim_id: str, claim: str, language: Optional[str], source: Source, base: dict) -> Result:
    """The verdict of ``source`` on ``claim``, with its reason and evidence."""
    terms = key_terms(claim, language)
    evidence = _evidence(source, terms)
    quote_results = [qs.check(q, source.passages, source.full_doc) for q in qs.quotations(claim)]
    checked = [
        _check_figure(f, claim, source, evidence, terms, language)
        for f in figs.find(claim, spelled_small=False)
    ]
    figure_results = [c[0] for c in checked]
    passage_index = evidence.best
    coverage = evidence.coverage
    # The evidence is where the claim's own words are: a quotation found in
    # the text, else the passage holding most of its figures, else BM25's best.
    located = next((q for q in quote_results if q.word is not None and q.in_main), None)
    figure_places = Counter(index for (_, index) in checked if index is not None)
    if located is not None:
        passage_index = source.passages.containing(located.word)
    elif figure_places:
        passage_index = figure_places.most_common(1)[0][0]
    if passage_index is not None:
        coverage = max(coverage, source.passages.coverage(passage_index, terms))
    passage = source.passages.items[passage_index].text if passage_index is not None else None
    verdict, reason = _verdict(quote_results, figure_results, coverage, terms, passage_index is not None)
    return Result(
        claim=claim_id,
        verdict=verdict,
        reason=reason,
        passage=passage,
        matched_terms=_matched_terms(passage, terms) if passage else [],
        coverage=round(coverage, 2),
        quotes=[QuoteOut(**q.as_dict()) for q in quote_results],
        figures=figure_results,
        language=source.language,
        **base,
    )


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _verdict(
    quotes: list[qs.QuoteResult],
    figures: list[FigureOut],
    coverage: float,
    terms: list[str],
    any_passage: bool,
) -> tuple[str, str]:
    carried = f"the best passage carries {round(coverage * len(terms))} of {len(terms)} key terms"
    altered_q = [q for q in quotes if q.found == "altered"]
    altered_f = [f for f in figures if f.altered]
    if altered_q or altered_f:
        bits = [f'quotation "{q.text}" reads "{q.source_text}" in the source' for q in altered_q]
        bits += [f"figure {f.text} is {f.source_text} in the source" for f in altered_f]
        return "altered", "; ".join(bits)
    exact = [q for q in quotes if q.found == "exact"]
    missing = [q for q in quotes if q.found == "missing"]
    found_f = [f for f in figures if f.found]
    # A year found somewhere on the page is no evidence on its own that the page carries the claim.
    telling_f = [f for f in found_f if f.kind not in ("year", "date")]
    lost_f = [f for f in figures if not f.found]
    anchored = any(len(words(q.text)) >= QUOTE_ANCHOR_WORDS for q in exact)
    parts = []
    if quotes:
        parts.append(f"{len(exact)} of {_plural(len(quotes), 'quotation')} found word for word")
    if figures:
        parts.append(f"{len(found_f)} of {_plural(len(figures), 'figure')} found")
        if lost_f:
            parts.append("not found: " + ", ".join(f.text for f in lost_f))
    if missing:
        parts.append("missing: " + "; ".join(f'"{q.text}"' for q in missing))
    parts.append(carried)
    reason = "; ".join(parts)
    complete = not missing and not lost_f
    if complete and (coverage >= SUPPORT_COVERAGE or anchored):
        return "supported", reason
    if exact or telling_f:
        return "partly", reason
    # A claim's figures are its checkable core: with none of them on the page, only a passage
    # carrying most of its words makes it partly said.
    if coverage >= (SUPPORT_COVERAGE if figures and not found_f else PARTLY_COVERAGE):
        return "partly", reason
    if not any_passage:
        reason = "no passage shares a key term with the claim; " + reason
    return "not-found", reason
