"""Quotations in a claim, looked for in the source's text.

A quotation is any span between quote marks (curly, straight, guillemets,
low-high).  Ellipses (``...``, ``…``, ``[...]``) and editorial brackets
(``[the minister]``) split it into parts that must appear in order, close
together.  A part not found word for word is searched approximately
(rapidfuzz); a close match means the claim altered the source's wording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from .passages import Passages
from .text import Doc, words

# Opening mark -> closing marks.  Straight single quotes only at word edges,
# so an apostrophe (don't, the minister's) never opens a quotation.
_QUOTE = re.compile(
    r"\u201c(?P<a>[^\u201c\u201d]+)[\u201d\u201c]"
    r"|\u201e(?P<b>[^\u201c\u201d\u201e]+)[\u201c\u201d]"
    r"|\u00ab\s?(?P<c>[^\u00ab\u00bb]+?)\s?\u00bb"
    r'|"(?P<d>[^"]+)"'
    r"|(?<![\w\u2019'])\u2018(?P<e>[^\u2018\u2019]+)\u2019(?!\w)"
    r"|(?<![\w'])'(?P<f>[^']+)'(?![\w])"
)
_SPLIT = re.compile(r"\s*(?:\[[^\]]*\]|\.\s?\.\s?\.|\u2026)\s*")
FUZZY_MIN_WORDS = 4  # shorter parts are not compared approximately: too many near misses
FUZZY_THRESHOLD = 84.0  # rapidfuzz partial ratio (0-100) from which a part is a changed quotation
GAP_WORDS = 400  # the parts of one quotation are at most this far apart in the source


@dataclass
class QuoteResult:
    text: str  # the quotation as the claim gives it
    found: str  # exact, altered, missing
    source_text: Optional[str] = None  # the source's wording (exact or altered)
    score: float = 0.0  # the approximate match's similarity, 0-100
    word: Optional[int] = None  # where in the main text it was found (word index), for the evidence
    in_main: bool = True  # False: found only in the page's full text (outside the extracted article)

    def as_dict(self) -> dict:
        return {
            "text": self.text,
            "found": self.found,
            "source_text": self.source_text,
            "score": round(self.score, 1),
        }


def quotations(claim: str) -> list[str]:
    found = []
    for match in _QUOTE.finditer(claim):
        text = next(g for g in match.groups() if g is not None).strip()
        if parts(text):  # not "[sic]" or "…" alone: words of the source to look for
            found.append(text)
    return found


def parts(quote: str) -> list[list[str]]:
    return [w for w in (words(p) for p in _SPLIT.split(quote)) if w]


def _exact(doc: Doc, pieces: list[list[str]]) -> Optional[tuple[int, int]]:
    """(first word, last word) of all parts found in order, close together; else None."""
    first_hit = doc.find(pieces[0])
    while first_hit is not None:
        position = first_hit + len(pieces[0])
        ok = True
        for piece in pieces[1:]:
            hit = doc.find(piece, position)
            if hit is None or hit - position > GAP_WORDS:
                ok = False
                break
            position = hit + len(piece)
        if ok:
            return first_hit, position - 1
        first_hit = doc.find(pieces[0], first_hit + 1)
    return None


SWAP_MIN_WORDS = 5  # a short quotation with one word replaced is still recognisable word by word


def _one_word_swapped(piece: list[str], window: list[str]) -> Optional[tuple[float, int, int]]:
    """(score, first, last) where ``window`` reads ``piece`` with exactly one word replaced.

    Character similarity undervalues a one-word change in a short quotation (one word in
    six is a sixth of it); compared word by word it is plain.  The words kept must include
    two that are not stop words, so a common phrase does not pass for a quotation."""
    from .passages import stopwords

    n = len(piece)
    if n < SWAP_MIN_WORDS or n > len(window):
        return None
    stop = stopwords("en")
    for start in range(len(window) - n + 1):
        same = [k for k in range(n) if window[start + k] == piece[k]]
        if len(same) == n - 1 and sum(1 for k in same if piece[k] not in stop) >= 2:
            return 100.0 * (n - 1) / n, start, start + n - 1
    return None


def _fuzzy(passages: Passages, piece: list[str]) -> Optional[tuple[float, int, int]]:
    """(score, first word, last word) of the closest wording to ``piece`` in the source."""
    from rapidfuzz import fuzz

    doc = passages.doc
    needle = " ".join(piece)
    wanted = set(piece)
    # Only passages sharing words with the quotation are compared, each with
    # the next one, so a quotation across a passage boundary is seen whole.
    overlap = sorted(
        range(len(passages.items)),
        key=lambda i: -len(wanted & set(doc.words[passages.items[i].first : passages.items[i].last + 1])),
    )[:6]
    best: Optional[tuple[float, int, int]] = None
    for index in overlap:
        first = passages.items[index].first
        last = passages.items[min(index + 1, len(passages.items) - 1)].last
        window = doc.words[first : last + 1]
        hay = " ".join(window)
        found = fuzz.partial_ratio_alignment(needle, hay, score_cutoff=FUZZY_THRESHOLD)
        if found is None:
            swapped = _one_word_swapped(piece, window)
            if swapped is not None and (best is None or swapped[0] > best[0]):
                best = (swapped[0], first + swapped[1], first + swapped[2])
            continue
        if best is not None and found.score <= best[0]:
            continue
        local = Doc(text=hay, words=window)
        start = local.word_at(found.dest_start + 1)
        # The alignment is by characters; settle it on whole words, the closest run of about
        # the quotation's length, so the source's wording is shown without a word too many.
        end = local.word_at(max(found.dest_start, found.dest_end - 1) + 1)
        score, a, b = max(
            (
                (fuzz.ratio(needle, " ".join(window[s : s + n])), s, s + n - 1)
                for s in range(max(0, start - 1), min(len(window), start + 2))
                for n in range(max(1, len(piece) - 2), len(piece) + 3)
                if s + n <= len(window)
            ),
            default=(0.0, start, end),
        )
        if score < FUZZY_THRESHOLD:  # the character alignment's own span, then
            a, b = start, end
        best = (max(found.score, score), first + a, first + b)
    return best


def check(quote: str, main: Passages, full: Optional[Doc] = None) -> QuoteResult:
    """Is ``quote`` in the source: exactly (main text, then the whole page), approximately, or not?"""
    pieces = parts(quote)
    if not pieces:  # punctuation only: nothing to look for
        return QuoteResult(quote, "missing")
    hit = _exact(main.doc, pieces)
    if hit:
        return QuoteResult(quote, "exact", main.doc.original(*hit), 100.0, word=hit[0])
    if full is not None:
        hit = _exact(full, pieces)
        if hit:
            return QuoteResult(quote, "exact", full.original(*hit), 100.0, in_main=False)
    # Approximate: each part found exactly or approximately, the worst part decides.
    worst: Optional[tuple[float, int, int]] = None
    spans = []
    for piece in pieces:
        # The same letters with other word breaks ("U.S." and "US") are the same words.
        exact = _exact(main.doc, [piece]) or (main.doc.find_squashed(piece) if len(piece) >= 3 else None)
        if exact:
            spans.append(exact)
            continue
        if len(piece) < FUZZY_MIN_WORDS:
            return QuoteResult(quote, "missing")
        near = _fuzzy(main, piece)
        if near is None:
            return QuoteResult(quote, "missing")
        spans.append((near[1], near[2]))
        if worst is None or near[0] < worst[0]:
            worst = near
    in_order = all(0 <= b[0] - a[1] <= GAP_WORDS for a, b in zip(spans, spans[1:], strict=False))
    if worst is None and in_order:
        source = " … ".join(main.doc.original(*s) for s in spans)
        return QuoteResult(quote, "exact", source, 100.0, word=spans[0][0])
    if worst is None:  # every part found, but not in order or too far apart
        first = min(s[0] for s in spans)
        return QuoteResult(
            quote, "altered", " … ".join(main.doc.original(*s) for s in spans), 90.0, word=first
        )
    source = " … ".join(main.doc.original(*s) for s in spans)
    return QuoteResult(quote, "altered", source, worst[0], word=spans[0][0])
