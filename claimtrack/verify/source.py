"""A captured source prepared for checking claims, and the passages that carry a claim.

Prepared once per capture and shared by every claim citing it: the article's
passages (with their BM25 index and figures) and the whole page's words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Optional

from . import figures as figs
from .passages import STEM_LETTERS, Passages, stemmer
from .text import Doc

TOP_PASSAGES = 5


@dataclass
class Source:
    """A captured source's text, prepared once and shared by every claim citing it."""

    main: str
    full: str
    language: Optional[str] = None

    @cached_property
    def passages(self) -> Passages:
        return Passages(self.main, self.language)

    @cached_property
    def full_doc(self) -> Doc:
        return Doc.of(self.full)

    @cached_property
    def page_stems(self) -> set[str]:
        """The stems of every word on the page, article or not."""
        stems = stemmer(self.language).stemWords(self.full_doc.words)  # type: ignore[attr-defined]
        return {w[:STEM_LETTERS] for w in stems} | self.passages.all_stems

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


def evidence_for(source: Source, terms: list[str]) -> Evidence:
    passages = source.passages
    ranked = passages.ranked(terms, TOP_PASSAGES)
    if not ranked:
        return Evidence(None, 0.0)
    # BM25 ranks; coverage decides among the top few (a long passage that
    # repeats one rare term should not beat one that carries the whole claim).
    best = max(ranked[:3], key=lambda i: (round(passages.coverage(i, terms), 2), -ranked.index(i)))
    return Evidence(best, passages.coverage(best, terms), ranked)
