"""On real documents: our one-pass sentence spans are pysbd's own spans (the dev set, when present)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pysbd
import pytest

from claimtrack.ingest import sentences

REPO = Path(__file__).resolve().parents[3]


def _corpus() -> Path | None:
    for base in (os.environ.get("CLAIMTRACK_DEVSETS"), str(REPO.parent / "shared" / "devsets")):
        if base and (Path(base) / "perf" / "corpus").is_dir():
            return Path(base) / "perf" / "corpus"
    return None


CORPUS = _corpus()
pytestmark = pytest.mark.skipif(
    CORPUS is None, reason="perf dev set absent: see tests/devsets/perf/SOURCES.md ($CLAIMTRACK_DEVSETS)"
)


def _paragraphs() -> list[str]:
    found = []
    for path in sorted(CORPUS.glob("*.md")) if CORPUS else []:
        for block in re.split(r"\n\s*\n", path.read_text("utf-8", errors="replace")):
            text = " ".join(block.split())
            if 40 < len(text) <= sentences.WINDOW and not text.startswith(("|", "<", ":::", "```")):
                found.append(text)
    return found


@pytest.mark.timeout(600)
def test_every_paragraph_gets_pysbds_own_sentence_spans():
    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    paragraphs = _paragraphs()
    assert len(paragraphs) > 1000
    differ = [
        text[:80]
        for text in paragraphs
        if [(s.start, s.end) for s in segmenter.segment(text)]
        != [(s.start, s.end) for s in sentences._segment(text)]
    ]
    assert differ == []
