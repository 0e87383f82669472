"""Many reports are parsed and split in worker processes; the records are the same as in one process."""

from __future__ import annotations

import shutil
from pathlib import Path

from ct_helpers import BUNDLED_REPORTS

from claimtrack.ingest import PARALLEL_FROM, ingest_all
from claimtrack.project import Project


def _ingest(root: Path, monkeypatch, workers: str) -> dict[str, str]:
    for i, report in enumerate(sorted(BUNDLED_REPORTS.iterdir()) * 2):
        shutil.copy(report, root / "reports" / f"{report.stem}-{i}{report.suffix}")
    monkeypatch.setenv("CLAIMTRACK_WORKERS", workers)
    project = Project.open(root, load=False, create=True)  # a new project: ingest creates it
    ingest_all(project, [project.reports_dir])
    return {
        p.name: p.read_text("utf-8") for p in sorted([*root.glob("claims/*"), *root.glob("references/*")])
    }


def test_worker_processes_write_the_same_records(tmp_path, monkeypatch):
    assert len(list(BUNDLED_REPORTS.iterdir())) * 2 >= PARALLEL_FROM
    one, many = tmp_path / "one", tmp_path / "many"
    for root in (one, many):
        (root / "reports").mkdir(parents=True)
    serial = _ingest(one, monkeypatch, "1")
    parallel = _ingest(many, monkeypatch, "2")
    assert serial == parallel
    assert len([name for name in serial if name.endswith(".yaml")]) == 4
