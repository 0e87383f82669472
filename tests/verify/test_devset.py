"""The dev sets of real pages (outside git; see tests/devsets/verify/SOURCES.md), when present."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SETS = ("verify", "verify-heldout", "verify-paraphrase", "verify-topical")


def _devsets() -> list[Path]:
    for base in (os.environ.get("CLAIMTRACK_DEVSETS"), str(REPO.parent / "shared" / "devsets")):
        if base:
            found = [Path(base) / name for name in SETS if (Path(base) / name / "claims.jsonl").is_file()]
            if found:
                return found
    return []


@pytest.mark.timeout(600)
def test_verdicts_on_real_pages_meet_the_goals() -> None:
    devsets = _devsets()
    if not devsets:
        pytest.skip(
            "no dev set in $CLAIMTRACK_DEVSETS or ../shared/devsets (see tests/devsets/verify/SOURCES.md)"
        )
    sys.path.insert(0, str(REPO / "benchmarks"))
    from verify_devset import measure

    rows = [row for devset in devsets for row in measure(devset)["rows"]]
    right = sum(r["got"] == r["expected"] for r in rows)
    assert right / len(rows) >= 0.85
    altered = [r for r in rows if r["label"] in ("altered-quote", "altered-figure")]
    assert not altered or sum(r["got"] == "altered" for r in altered) / len(altered) >= 0.80
    exact_quotes = [q for r in rows if r["label"] == "exact-quote" for q in r["result"].quotes]
    assert all(q.found == "exact" for q in exact_quotes)
