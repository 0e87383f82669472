"""The formats dev set (real documents, not in git): the issue's targets, per document.

Runs only where the dev set is: ``$CLAIMTRACK_DEVSETS/formats`` or
``../shared/devsets/formats`` beside the repository (see SOURCES.md for what
it holds and where each document comes from).
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest
from ct_helpers import REPO

CANDIDATES = [
    Path(os.environ["CLAIMTRACK_DEVSETS"]) / "formats" if os.environ.get("CLAIMTRACK_DEVSETS") else None,
    REPO.parent / "shared" / "devsets" / "formats",
]
FOLDER = next((p for p in CANDIDATES if p and p.is_dir()), None)

pytestmark = pytest.mark.skipif(
    FOLDER is None,
    reason="formats dev set not present ($CLAIMTRACK_DEVSETS/formats or ../shared/devsets/formats)",
)


def _measure():
    spec = importlib.util.spec_from_file_location("formats_devset", REPO / "benchmarks" / "formats_devset.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.timeout(1800)
def test_every_document_meets_the_targets():
    measure = _measure()
    mapping = measure.read_oracles(FOLDER)
    failures = []
    for path in measure.documents(FOLDER):
        row = measure.measure(path, mapping)
        if "error" in row:
            failures.append(f"{path.name}: {row['error']}")
            continue
        pdf = row["format"] == "pdf"
        notes_target, urls_target = (0.90, 0.95) if pdf else (0.95, 0.98)
        if row["notes_oracle"] and row["notes_linked"] < notes_target * row["notes_oracle"]:
            failures.append(f"{path.name}: {row['notes_linked']}/{row['notes_oracle']} notes linked")
        if row["urls_oracle"] and row["urls_kept"] < urls_target * row["urls_oracle"]:
            failures.append(f"{path.name}: {row['urls_kept']}/{row['urls_oracle']} note URLs")
    assert not failures, "\n".join(failures)
