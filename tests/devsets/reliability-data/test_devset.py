"""The data-safety guarantees on real reports (the dev set; skipped when it is not here)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from faults.records import snapshot, temp_files, whole

from claimtrack.reportids import find_reports

REPO = Path(__file__).resolve().parents[3]


def _devset() -> Path | None:
    places = []
    if os.environ.get("CLAIMTRACK_DEVSETS"):
        places.append(Path(os.environ["CLAIMTRACK_DEVSETS"]) / "reliability-data")
    places.append(REPO.parent / "shared" / "devsets" / "reliability-data")
    return next((p for p in places if p.is_dir() and find_reports(p)), None)


DEVSET = _devset()
pytestmark = pytest.mark.skipif(
    DEVSET is None,
    reason="dev set reliability-data not found in $CLAIMTRACK_DEVSETS or ../shared/devsets (see SOURCES.md)",
)


def ingest(root: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "claimtrack", "ingest", "--root", str(root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.timeout(600)
def test_real_reports_nested_concurrent_and_stale(tmp_path):
    roots = []
    for name in ("one", "two"):
        root = tmp_path / name
        shutil.copytree(DEVSET, root / "reports")
        (root / "claims").mkdir()
        roots.append(root)
    single = ingest(roots[0])
    assert single.wait() == 0, single.stderr.read()
    project = whole(roots[0])
    sources = {cf.report.source for cf in project.claim_files.values()}
    assert len(sources) == len(find_reports(DEVSET)) == len(project.claim_files)
    for rid, claim_file in project.claim_files.items():  # ids are paths under reports/
        assert claim_file.report.source == f"reports/{rid}{Path(claim_file.report.source).suffix}"
    both = [ingest(roots[1]), ingest(roots[1])]
    assert [p.wait() for p in both] == [0, 0]
    assert snapshot(roots[1]) == snapshot(roots[0]) and temp_files(roots[1]) == []
    report = find_reports(roots[0] / "reports")[0]
    report.write_text(
        report.read_text("utf-8") + "\nIn 2024, 12 percent more projects adopted it.\n", "utf-8"
    )
    listed = subprocess.run(
        [sys.executable, "-m", "claimtrack", "claims", "list", "--format", "json", "--root", str(roots[0])],
        capture_output=True,
        text=True,
    )
    assert "changed since it was ingested" in listed.stderr
