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
from typing import Optional

from . import clauses, figure_check
from . import figures as figs
from . import quotes as qs
from .figure_check import PARTLY_COVERAGE, SUPPORT_COVERAGE
from .passages import key_terms, stem
from .results import FigureOut, QuoteOut, Result
from .source import Source, evidence_for
from .text import Doc, fold, words

ABSENT_SHARE = 0.3  # a claim this much of whose key terms the page never uses is not carried by it
ABSENT_MIN_TERMS = 4
SPAN_SUPPORT_COVERAGE = 0.75  # ... or three passages in a row must carry together
QUOTE_ANCHOR_WORDS = 4  # a quotation this long, found word for word, anchors the claim by itself


def _matched_terms(passage: str, terms: list[str], language: Optional[str]) -> list[str]:
    wanted = set(terms)
    seen: dict[str, None] = {}
    for word in _original_words(passage):
        if stem(fold(word), language) in wanted:
            seen.setdefault(word, None)
    return list(seen)


def _original_words(text: str) -> list[str]:
    doc = Doc.of(text)
    return [text[a:b] for a, b in doc.spans]


def judge(claim_id: str, claim: str, language: Optional[str], source: Source, base: dict) -> Result:
    """The verdict of ``source`` on ``claim``, with its reason and evidence."""
    terms = key_terms(claim, language)
    evidence = evidence_for(source, terms)
    quote_results = [qs.check(q, source.passages, source.full_doc) for q in qs.quotations(claim)]
    checked = [
        figure_check.check(f, claim, source, evidence, terms, language)
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
    anchored_by_figure = any(
        index == passage_index and figure.found and figure.kind not in ("year", "date")
        for figure, index in checked
    )
    # A claim may sum up a few sentences in a row: the best passage with its neighbours.
    around = max(
        (
            source.passages.coverage_around(i, terms)
            for i in [*evidence.candidates[:3], passage_index]
            if i is not None
        ),
        default=0.0,
    )
    absent = [t for t in terms if t not in source.page_stems]
    verdict, reason = _verdict(
        quote_results, figure_results, coverage, terms, passage_index is not None, anchored_by_figure, around,
        absent,
    )  # fmt: skip
    if verdict == "supported":
        found = {f.text for f in figure_results if f.found}
        gap = clauses.missing_part(claim, source.passages, language, found)
        if gap:
            verdict, reason = "partly", f'no passage carries "{gap}"; {reason}'

    return Result(
        claim=claim_id,
        verdict=verdict,
        reason=reason,
        passage=passage,
        matched_terms=_matched_terms(passage, terms, language) if passage else [],
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
    figure_anchor: bool = False,
    around: float = 0.0,
    absent: Optional[list[str]] = None,
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
    absent = absent or []
    if (
        len(terms) >= ABSENT_MIN_TERMS
        and len(absent) / len(terms) >= ABSENT_SHARE
        and not (exact or telling_f)
    ):
        # The claim's own specifics are nowhere on the page: the page is about its topic, not its fact.
        return (
            "not-found",
            f"{len(absent)} of its {len(terms)} key terms are nowhere in the source ({', '.join(absent)}); {reason}",
        )
    # A passage giving the claim's own figure carries it with fewer of its words.
    if complete and (
        coverage >= SUPPORT_COVERAGE or anchored or (figure_anchor and coverage >= PARTLY_COVERAGE)
    ):
        return "supported", reason
    if complete and around >= SPAN_SUPPORT_COVERAGE:
        return "supported", f"{reason}; with its neighbours, {round(around * len(terms))}"
    if exact or telling_f:
        return "partly", reason
    # A claim's figures are its checkable core: with one of them not on the page (and none
    # that tells found), only a passage carrying most of its words makes it partly said.
    if coverage >= (SUPPORT_COVERAGE if lost_f else PARTLY_COVERAGE):
        return "partly", reason
    if not any_passage:
        reason = "no passage shares a key term with the claim; " + reason
    return "not-found", reason
