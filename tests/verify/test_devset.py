"""The dev set of real pages (outside git; see tests/devsets/verify/SOURCES.md), when present."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _devset(name: str) -> Path | None:
    for base in (os.environ.get("CLAIMTRACK_DEVSETS"), str(REPO.parent / "shared" / "devsets")):
        if base and (Path(base) / name / "claims.jsonl").is_file():
            return Path(base) / name
    return None


@pytest.mark.parametrize("name", ["verify", "verify-heldout", "verify-paraphrase"])
@pytest.mark.timeout(300)
def test_verdicts_on_real_pages_meet_the_goals(name: str) -> None:
    devset = _devset(name)
    if devset is None:
        pytest.skip(
            f"no dev set {name!r} in $CLAIMTRACK_DEVSETS or ../shared/devsets (see tests/devsets/verify/SOURCES.md)"
        )
    sys.path.insert(0, str(REPO / "benchmarks"))
    from verify_devset import measure

    rows = measure(devset)["rows"]
    right = sum(r["got"] == r["expected"] for r in rows)
    assert right / len(rows) >= 0.85
    altered = [r for r in rows if r["label"] in ("altered-quote", "altered-figure")]
    assert not altered or sum(r["got"] == "altered" for r in altered) / len(altered) >= 0.80
    exact_quotes = [q for r in rows if r["label"] == "exact-quote" for q in r["result"].quotes]
    assert all(q.found == "exact" for q in exact_quotes)
