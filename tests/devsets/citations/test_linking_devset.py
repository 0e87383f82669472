"""Numbered, alphabetic and author-date citations on the real linking dev set, when it is present.

The documents (SOURCES.md, "Linking dev set") are public material that is not committed; they are
looked for in $CLAIMTRACK_DEVSETS/citations-linking and ../shared/devsets/citations-linking beside
the repository. Without them this test skips and says why.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO / "benchmarks"))


def _devset() -> Path:
    for base in (os.environ.get("CLAIMTRACK_DEVSETS"), str(REPO.parent / "shared" / "devsets")):
        if base and (Path(base) / "citations-linking").is_dir():
            return Path(base) / "citations-linking"
    pytest.skip(
        "no citations-linking dev set: set CLAIMTRACK_DEVSETS (see tests/devsets/citations/SOURCES.md)"
    )


@pytest.mark.timeout(900)
def test_in_text_citations_reach_the_right_entry_of_the_documents_own_list():
    import linking_eval

    grand = linking_eval.run(_devset())
    assert grand["docs"] >= 12 and grand["cites"] > 500
    assert grand["linked"] / grand["cites"] >= 0.95  # the target
    assert grand["found"] / grand["entries"] >= 0.95
    # one entry of a list pasted from a PDF, its headings inside paragraphs (embedded.md), and no other
    assert grand["as_claims"] <= 1
