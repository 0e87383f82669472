"""Sentence splitting (pysbd) and attaching footnote markers to sentences.

pysbd is a rule-based segmenter that already knows abbreviations, initials,
decimals ("13.4 percent"), "e.g." and quotations; our job is only to give
each marker to the sentence it belongs to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import pysbd

_OPEN_END = re.compile(r"(?:[,;:]|(?:^|\s)\d{1,2}\.)$")


@dataclass
class Sentence:
    text: str
    start: int  # offsets in the paragraph's plain text
    end: int
    markers: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def split(text: str, markers: list[tuple[str, int]] | None = None) -> list[Sentence]:
    """Split plain text into sentences; each marker goes to the sentence it ends or sits in.

    A marker right after a sentence's closing punctuation (``...Levant.”¹ The``)
    belongs to that sentence, not to the next one.
    """
    spans = [s for s in _segmenter().segment(text) if s.sent.strip()]
    sentences: list[Sentence] = []
    for span in spans:
        body = span.sent.rstrip()
        lead = len(span.sent) - len(span.sent.lstrip())
        sentences.append(Sentence(body.strip(), span.start + lead, span.start + len(body)))
    sentences = _split_parentheses(_merge_fragments(sentences, text), text)
    for label, offset in markers or []:
        # the last sentence that starts at or before the marker: the one it sits in,
        # or the one it closes when it follows the punctuation
        target = sentences[0]
        for sentence in sentences:
            if sentence.start <= offset:
                target = sentence
        target.markers.append(label)
    return sentences


def _split_parentheses(sentences: list[Sentence], text: str) -> list[Sentence]:
    """A parenthesis holding several whole sentences is those sentences.

    "(On 1 October, A happened. On 11 October, B said C.)" states two facts that
    may each need their own source; the segmenter keeps a parenthesis whole.
    """
    result: list[Sentence] = []
    for sentence in sentences:
        inner = re.fullmatch(r"\((.+)\)\.?", sentence.text, re.S)
        pieces = _segmenter().segment(inner.group(1)) if inner else []
        pieces = [p for p in pieces if p.sent.strip()]
        if len(pieces) < 2:
            result.append(sentence)
            continue
        base = sentence.start + 1
        for piece in pieces:
            body = piece.sent.rstrip()
            lead = len(body) - len(body.lstrip())
            result.append(Sentence(body.strip(), base + piece.start + lead, base + piece.start + len(body)))
    return result


def _merge_fragments(sentences: list[Sentence], text: str) -> list[Sentence]:
    """Undo splits a human would not make.

    A piece with no letters or starting in lower case continues the previous
    sentence; so does everything after a piece ending in a comma, colon or a
    bare list number ("...Azerbaijan, 8."), which is how the items of a
    numbered list that runs through one sentence get split.
    """
    merged: list[Sentence] = []
    for sentence in sentences:
        tiny = not any(ch.isalpha() for ch in sentence.text) or sentence.text[:1].islower()
        open_end = bool(merged) and bool(_OPEN_END.search(merged[-1].text))
        if merged and (tiny or open_end):
            prev = merged[-1]
            merged[-1] = Sentence(text[prev.start : sentence.end].strip(), prev.start, sentence.end)
        else:
            merged.append(sentence)
    return merged
