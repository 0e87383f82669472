"""Sentence spans: pysbd's own, found in one pass; long paragraphs in windows."""

from __future__ import annotations

import re

import pysbd
from ct_helpers import BUNDLED_REPORTS

from claimtrack.ingest import sentences


def _paragraphs() -> list[str]:
    found = []
    for path in sorted(BUNDLED_REPORTS.iterdir()):
        for block in re.split(r"\n\s*\n", path.read_text("utf-8")):
            text = " ".join(block.split())
            if len(text) > 40:
                found.append(text)
    return found


def test_spans_are_pysbds_own_on_every_bundled_paragraph():
    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    for text in _paragraphs():
        assert [(s.start, s.end, s.sent) for s in segmenter.segment(text)] == [
            (s.start, s.end, s.sent) for s in sentences._spans(text)
        ], text[:80]


def test_a_repeated_sentence_gets_each_of_its_places():
    text = "It rose. It rose. It fell by 3.2 percent. It rose."
    spans = sentences._spans(text)
    assert [(s.start, s.sent.strip()) for s in spans] == [
        (0, "It rose."), (9, "It rose."), (18, "It fell by 3.2 percent."), (42, "It rose.")
    ]  # fmt: skip


def test_a_long_paragraph_is_cut_only_between_sentences():
    # Far longer than a window: every sentence comes back whole, in order, covering the text.
    one = "On 27 September 2020, Azerbaijan and Armenia reported shelling (U.S. officials said so). "
    text = "".join(one.replace("27", str(n)) for n in range(200))
    assert len(text) > 3 * sentences.WINDOW
    spans = sentences._segment(text)
    assert [s.sent.strip() for s in spans] == [one.replace("27", str(n)).strip() for n in range(200)]
    assert spans[0].start == 0 and all(a.end == b.start for a, b in zip(spans, spans[1:], strict=False))


def test_a_paragraph_of_markers_alone_has_no_sentence():
    # A LaTeX conversion can leave a paragraph holding only footnote markers: no claim, no crash.
    assert sentences.split("   ", [("91", 0), ("92", 1)]) == []
