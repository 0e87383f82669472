"""The labelled development set, when present: every fabricated reference flagged, no genuine one."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]


def _devset() -> Path | None:
    candidates = []
    if os.environ.get("CLAIMTRACK_DEVSETS"):
        candidates.append(Path(os.environ["CLAIMTRACK_DEVSETS"]) / "registries" / "set")
    candidates.append(REPO.parent / "shared" / "devsets" / "registries" / "set")
    return next((c for c in candidates if (c / "labels.json").is_file()), None)


@pytest.mark.timeout(300)
def test_devset_goals():
    devset = _devset()
    if devset is None:
        pytest.skip(
            "no registries development set in $CLAIMTRACK_DEVSETS or ../shared/devsets (see SOURCES.md)"
        )
    sys.path.insert(0, str(REPO / "benchmarks"))
    import refcheck_devset

    labels, results, _ = refcheck_devset.run(devset)
    verdict = {k: results.get(k, {}).get("verdict") for k in labels}
    expected = {k: v["expected"] for k, v in labels.items()}
    fabricated = [k for k, e in expected.items() if e.startswith("fabricated")]
    genuine = [k for k, e in expected.items() if e.startswith("genuine")]
    retracted = [k for k, e in expected.items() if e == "retracted"]
    assert [k for k in fabricated if verdict[k] not in ("not-found", "mismatch")] == []
    assert [k for k in genuine if verdict[k] != "verified"] == []
    assert [k for k in retracted if verdict[k] != "retracted"] == []
