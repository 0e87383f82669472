"""Sentence splitting (pysbd) and attaching footnote markers to sentences.

pysbd is a rule-based segmenter that already knows abbreviations, initials,
decimals ("13.4 percent"), "e.g." and quotations; our job is only to give
each marker to the sentence it belongs to.
"""

from __future__ import annotations

import re
from collections.abc import Callable
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


# A paragraph longer than this is segmented window by window (see _segment).
WINDOW = 4_000


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False, char_span=False)


@dataclass
class _Span:
    sent: str  # the sentence with the whitespace after it
    start: int
    end: int


def _spans(text: str) -> list[_Span]:
    """pysbd's sentences of ``text`` with their offsets, found in one pass.

    pysbd's own ``char_span=True`` finds each sentence by a regular expression
    built from it, searched from the start of the text: a compilation per
    sentence (over 1,400 a report, evicting pysbd's other patterns from the
    ``re`` cache so that they are compiled again too) and time quadratic in
    the paragraph.  The same rule, the first occurrence ending after the
    previous sentence, plus the whitespace after it, by ``str.find``.
    """
    spans: list[_Span] = []
    prior_end = 0
    for sent in _segmenter().processor(text).process():
        if not sent:
            continue
        at = text.find(sent, max(0, prior_end - len(sent)))
        while at != -1:
            end = at + len(sent)
            while end < len(text) and text[end].isspace():
                end += 1
            if end > prior_end:
                spans.append(_Span(text[at:end], at, end))
                prior_end = end
                break
            at = text.find(sent, at + 1)
    return spans


# Spans segmented ahead of time (in a worker process: see ingest_all), by text;
# and, while recording, the spans segmented here, to be sent to the main process.
_AHEAD: dict[str, list[_Span]] = {}
_RECORDING: list[dict[str, list[_Span]]] = []


def recording(func: Callable[[], None]) -> dict[str, list[_Span]]:
    """Run ``func`` and return every span list it segmented (to hand to :func:`use_ahead` elsewhere)."""
    _RECORDING.append({})
    try:
        func()
        return _RECORDING[-1]
    finally:
        _RECORDING.pop()


def use_ahead(spans: dict[str, list[_Span]]) -> None:
    """Answer these texts from ``spans`` (segmenting is a pure function of the text)."""
    _AHEAD.clear()
    _AHEAD.update(spans)


def _segment(text: str) -> list[_Span]:
    found = _AHEAD.get(text)
    if found is None:
        found = _segment_now(text)
    if _RECORDING:
        _RECORDING[-1][text] = found
    return found


def _segment_now(text: str) -> list[_Span]:
    """The spans of ``text``; a long paragraph window by window, so time stays linear in its length.

    pysbd's rules look at a few words around each full stop, but several of its
    passes rewrite the whole text once per abbreviation found, so one 200 KB
    paragraph costs far more than twice a 100 KB one.  Each window's last
    sentence may be cut by the window's end: it is dropped and the next window
    starts where it started, so every boundary kept had the text on both sides.
    """
    if len(text) <= WINDOW:
        return _spans(text)
    spans: list[_Span] = []
    base = 0
    while base < len(text):
        window = _spans(text[base : base + WINDOW])
        last = base + WINDOW >= len(text)
        keep = window if last or len(window) < 2 else window[:-1]
        spans.extend(_Span(s.sent, base + s.start, base + s.end) for s in keep)
        if last:
            break
        base += keep[-1].end if keep else WINDOW  # a window of blanks: nothing to keep
    return spans


def split(text: str, markers: list[tuple[str, int]] | None = None) -> list[Sentence]:
    """Split plain text into sentences; each marker goes to the sentence it ends or sits in.

    A marker right after a sentence's closing punctuation (``...Levant.”¹ The``)
    belongs to that sentence, not to the next one.
    """
    spans = [s for s in _segment(text) if s.sent.strip()]
    sentences: list[Sentence] = []
    for span in spans:
        body = span.sent.rstrip()
        lead = len(span.sent) - len(span.sent.lstrip())
        sentences.append(Sentence(body.strip(), span.start + lead, span.start + len(body)))
    sentences = _split_parentheses(_merge_fragments(sentences, text), text)
    if not sentences:  # a paragraph of markers and nothing else: no sentence to carry them
        return []
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
        pieces = _segment(inner.group(1)) if inner else []
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
