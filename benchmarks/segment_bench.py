"""Sentence segmentation: the same sentences as pysbd's own spans, and time linear in a paragraph's length.

Not a test: it prints figures.  Over a folder of real documents (Markdown;
default: the bundled reports):

1. every paragraph segmented by pysbd's ``segment`` with ``char_span=True``
   (what ingest used before) and by ``claimtrack.ingest.sentences._segment``:
   the spans must be identical; each difference is printed;
2. one paragraph made of the documents' text, at 55, 111 and 222 KB, timed
   through ``sentences.split`` (what ingest calls), beside pysbd's own
   ``segment`` at the sizes it can afford: the ratio 222/111 must be <= 2.2;
3. the windowed spans of long paragraphs against pysbd on the whole paragraph
   in one piece, with the sentences that differ (to read: which split is right).

    PYTHONPATH=. python benchmarks/segment_bench.py [FOLDER]
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import pysbd  # noqa: E402

from claimtrack.ingest import sentences  # noqa: E402


def paragraphs(folder: Path) -> list[str]:
    found = []
    for path in sorted(folder.glob("*.md")) + sorted(folder.glob("*.txt")):
        for block in re.split(r"\n\s*\n", path.read_text("utf-8", errors="replace")):
            text = " ".join(block.split())
            if len(text) > 40 and not text.startswith(("|", "<", ":::", "```")):
                found.append(text)
    return found


def old_spans(text: str) -> list[tuple[int, int]]:
    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    return [(s.start, s.end) for s in segmenter.segment(text)]


def new_spans(text: str) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in sentences._segment(text)]


def timed(func, *args) -> float:
    """CPU seconds: on a shared machine wall time measures the neighbours as much as the code."""
    started = time.process_time()
    func(*args)
    return time.process_time() - started


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "reports"
    paras = paragraphs(folder)
    size = sum(len(p) for p in paras)
    print(f"{folder}: {len(paras)} paragraphs, {size / 1000:.0f} KB of text")

    differ = 0
    old_s = new_s = 0.0
    for text in paras:
        t0 = time.process_time()
        old = old_spans(text)
        t1 = time.process_time()
        new = new_spans(text)
        old_s, new_s = old_s + t1 - t0, new_s + time.process_time() - t1
        if old != new:
            differ += 1
            print(f"  DIFFERENT: {text[:100]!r}...\n    pysbd {old[:6]}\n    ours  {new[:6]}")
    print(f"1. spans identical to pysbd's in {len(paras) - differ} of {len(paras)} paragraphs")
    print(f"   CPU: pysbd segment {old_s:.2f} s ({size / old_s / 1000:.0f} KB/s), ours {new_s:.2f} s "
          f"({size / new_s / 1000:.0f} KB/s): {old_s / new_s:.1f}x")  # fmt: skip

    joined = " ".join(paras)
    while len(joined) < 222_000:
        joined += " " + joined
    print("2. one paragraph of n KB, through sentences.split (ingest's call), CPU seconds:")
    times = {}
    for kb in (55, 111, 222):
        text = joined[: kb * 1000].rsplit(" ", 1)[0]
        times[kb] = min(timed(sentences.split, text) for _ in range(3))  # a shared machine: best of 3
        old = timed(old_spans, text) if kb <= 55 else float("nan")
        print(f"   {kb:>3} KB: {times[kb]:.2f} s   (pysbd's own segment: {old:.2f} s)")
    print(f"   222 KB / 111 KB = {times[222] / times[111]:.2f}   (goal <= 2.2)")
    print("3. windowed against whole (pysbd on one huge paragraph misaligns its abbreviation matches):")
    for kb in (20, 40):
        text = joined[: kb * 1000].rsplit(" ", 1)[0]
        whole = {(s.start, s.end) for s in sentences._spans(text)}
        windowed = set(new_spans(text))
        print(f"   {kb} KB: {len(whole)} sentences whole, {len(windowed)} windowed; "
              f"{len(whole - windowed)} only whole, {len(windowed - whole)} only windowed")  # fmt: skip
        for start, end in sorted(whole - windowed)[:4]:
            print(f"     only whole: {text[start:end][:80]!r}")


if __name__ == "__main__":
    main()
