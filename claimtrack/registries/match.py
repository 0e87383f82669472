"""Is the registry's record the work our reference describes?

Compares title (fuzzy, with and without subtitles), family names, year and
container, and judges.  Two situations need different bars: when an
identifier links the two (a DOI that resolves), small differences are
expected (a subtitle left out, an online-first year); when a title search
found the record, only a close title *and* agreeing authors and year count,
because a fabricated reference is built to look like real ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from rapidfuzz import fuzz

from ..audit.words import fold
from ..model import Reference, RefType
from .records import Work

_LATEX = re.compile(r"\\[a-zA-Z]+\s*|[{}$\\]")


@lru_cache(maxsize=8192)  # the same titles are compared with many candidates
def norm_title(text: str) -> str:
    """Lower-case ASCII words: accents, LaTeX, markup and punctuation gone."""
    text = _LATEX.sub("", text or "")
    text = fold(text).replace("&", " and ")
    return " ".join(re.findall(r"[a-z0-9]+", text))


@lru_cache(maxsize=8192)
def family(name: str) -> str:
    """The family name of "Family, Given" or "Given Family", folded."""
    name = _LATEX.sub("", name).strip()
    if "," in name:
        name = name.split(",", 1)[0]
    else:
        parts = name.split()
        name = parts[-1] if parts else ""
    return " ".join(re.findall(r"[a-z]+", fold(name)))


def _title_variants(title: str, subtitle: Optional[str] = None) -> list[str]:
    variants = [norm_title(title)]
    if subtitle:
        variants.append(norm_title(f"{title} {subtitle}"))
    for sep in (":", " - ", " — ", "? ", ". "):
        if sep in title:
            variants.append(norm_title(title.split(sep, 1)[0]))
            break
    return [v for v in dict.fromkeys(variants) if v]


def title_similarity(ours: str, theirs: str, subtitle: Optional[str] = None) -> float:
    """0..1: the best ratio between our title and theirs, each with or without a subtitle.

    A title cut at its colon only counts when the part kept is still long
    (four words, or three for ours against the registry's whole title):
    "Climate change" alone would match many titles.
    """
    full_ours, full_theirs = norm_title(ours), norm_title(f"{theirs} {subtitle or ''}")
    best = fuzz.ratio(full_ours, norm_title(theirs)) / 100 if full_ours else 0.0
    for a in _title_variants(ours):
        for b in _title_variants(theirs, subtitle):
            if not a or not b:
                continue
            # A title cut at its colon must keep enough words to mean something;
            # our title cut down to the registry's whole title may be shorter.
            cut_theirs = b not in (norm_title(theirs), full_theirs)
            cut_ours = a != full_ours
            if (cut_theirs and len(b.split()) < 4) or (
                cut_ours and len(a.split()) < (3 if not cut_theirs else 4)
            ):
                continue
            best = max(best, fuzz.ratio(a, b) / 100)
    return best


def title_containment(ours: str, theirs: str, subtitle: Optional[str] = None) -> Optional[float]:
    """0..1: how completely our title's words lie within theirs (a title cited without its
    subtitle).  None when ours is too short to say, or longer than theirs."""
    a, b = norm_title(ours), norm_title(f"{theirs} {subtitle or ''}")
    if len(a.split()) < 3 or len(a.split()) > len(b.split()):
        # Only ours within theirs: a longer title of ours around a short one of theirs is
        # how fabricated titles grow out of real ones.
        return None
    return fuzz.token_set_ratio(a, b) / 100


@dataclass
class Comparison:
    title: Optional[float]  # 0..1, None when we have no title
    authors: Optional[float]  # share of our family names (first five) in theirs; None if either has none
    year_gap: Optional[int]  # |our year - theirs|
    container: Optional[float]  # 0..1, weak evidence only (abbreviations)
    differences: list[str] = field(default_factory=list)
    containment: Optional[float] = None  # 0..1, one title's words within the other's
    same_main_title: bool = False  # ours before its colon is exactly theirs (or the reverse)

    @property
    def score(self) -> float:
        """One number 0..1 for ranking candidates and for the report."""
        title = self.title if self.title is not None else 0.5
        authors = self.authors if self.authors is not None else title
        year = 1.0 if self.year_gap is None else max(0.0, 1 - self.year_gap / 3)
        return round(0.6 * title + 0.25 * authors + 0.15 * year, 3)


_NOT_NAMES = {"others", "al", "et al", "and others"}


def our_families(ref: Reference) -> list[str]:
    return [f for f in (family(a) for a in ref.authors) if f and f not in _NOT_NAMES]


def _author_share(ours: list[str], theirs: list[str]) -> Optional[float]:
    """Share of the shorter of the two lists (first five names each) found in the other.

    The shorter list, because either side may be cut: a BibTeX "and others", a
    registry that keeps only the first author of a reference.
    """
    if not ours or not theirs:
        return None
    mine, other = ours[:5], [family(n) for n in theirs[:5]]
    their_words = {w for name in (family(n) for n in theirs) for w in name.split()} | set(other)
    found = sum(1 for name in mine if name in their_words or set(name.split()) & their_words)
    return min(1.0, found / min(len(mine), len(other)))


def our_year(ref: Reference) -> Optional[int]:
    return int(ref.date[:4]) if ref.date else None


def compare(ref: Reference, work: Work) -> Comparison:
    title = title_similarity(ref.title, work.title, work.subtitle) if ref.title and work.title else None
    authors = _author_share(our_families(ref), work.authors)
    year = our_year(ref)
    gap = abs(year - work.year) if year and work.year else None
    container = None
    if ref.container and work.container:
        container = fuzz.token_set_ratio(norm_title(ref.container), norm_title(work.container)) / 100
    diffs = []
    if title is not None and title < 0.95:
        shown = work.title + (f": {work.subtitle}" if work.subtitle else "")
        diffs.append(f"title: ours “{ref.title}”, registry “{shown}” ({title:.0%} alike)")
    if authors is not None and authors < 1:
        diffs.append(
            f"authors: ours {', '.join(our_families(ref)[:5])}; registry {', '.join(work.authors[:5])}"
        )
    if gap:
        diffs.append(f"year: ours {year}, registry {work.year}")
    if container is not None and container < 0.6:
        diffs.append(f"container: ours “{ref.container}”, registry “{work.container}”")
    contained = title_containment(ref.title, work.title, work.subtitle) if ref.title and work.title else None
    main = bool(ref.title and work.title) and _main(ref.title) == _main(work.title) != ""
    return Comparison(title, authors, gap, container, diffs, contained, main)


def _main(title: str) -> str:
    return norm_title(re.split(r":|\s[-—–]\s", title, maxsplit=1)[0])


def _year_ok(c: Comparison, ref: Reference, slack: int) -> bool:
    if c.year_gap is None:
        return True
    if ref.type is RefType.BOOK:
        return True  # editions and reprints: a book's year says little
    return c.year_gap <= slack


def same_when_linked(c: Comparison, ref: Reference) -> bool:
    """An identifier led to this record: is it the work we cite?"""
    if c.title is None:  # nothing to compare but people and year
        return bool(c.authors and c.authors >= 0.5 and _year_ok(c, ref, 1))
    if c.title >= 0.85:
        return not (c.authors == 0 and not _year_ok(c, ref, 1))
    if c.same_main_title and (c.authors is None or c.authors >= 0.5):
        return True  # "Title: subtitle" against a registry that keeps only "Title"
    if c.title >= 0.75:
        return bool(
            (c.authors or 0) >= 0.5 or (c.authors is None and c.year_gap is not None and c.year_gap <= 1)
        )
    return _short_title_of(c, ref)


def _short_title_of(c: Comparison, ref: Reference) -> bool:
    """Our title is theirs without its subtitle (or the reverse), by the same people, at the same time."""
    return bool(c.containment and c.containment >= 0.97 and (c.authors or 0) >= 0.5 and _year_ok(c, ref, 1))


def same_when_searched(c: Comparison, ref: Reference) -> bool:
    """A search found this record: is it, beyond reasonable doubt, the work we cite?"""
    if c.title is None:
        return False
    authors_ok = c.authors is None or c.authors >= 0.5
    if c.title >= 0.97 and c.authors is not None and c.authors >= 0.8 and _year_ok(c, ref, 3):
        return True  # the same title by the same people: a preprint and its publication years apart
    if c.title >= 0.92:
        return authors_ok and _year_ok(c, ref, 1)
    if c.title >= 0.85:
        return c.authors is not None and c.authors >= 0.5 and _year_ok(c, ref, 1)
    return _short_title_of(c, ref)


def conflicting(c: Comparison, ref: Reference) -> bool:
    """The same title, but other people or another time: our other details are wrong."""
    if c.title is None or c.title < 0.92 or same_when_searched(c, ref):
        return False
    return (c.authors is not None and c.authors < 0.5) or not _year_ok(c, ref, 1)
