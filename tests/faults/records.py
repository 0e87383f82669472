"""Snapshots of a project's records and the checks every fault case ends with."""

from __future__ import annotations

import os
from pathlib import Path

from claimtrack.project import Project
from claimtrack.transaction import TEMP_NAME, journal_path

DATA = ("claims", "references")


def snapshot(root: Path, *, temps: bool = False) -> dict[str, bytes]:
    """Every record file by path (temporary files only with ``temps``)."""
    files = {}
    for folder in DATA:
        for dirpath, _, names in os.walk(root / folder):
            for name in names:
                if temps or not TEMP_NAME.match(name):
                    path = Path(dirpath) / name
                    files[path.relative_to(root).as_posix()] = path.read_bytes()
    return files


def temp_files(root: Path) -> list[str]:
    return sorted(set(snapshot(root, temps=True)) - set(snapshot(root)))


def whole(root: Path) -> Project:
    """Open the project as any reader would and check it is whole: it loads (no duplicate citekey,
    no malformed file), and every citekey a footnote or bibliography names is defined."""
    project = Project.open(root)
    for rid, claim_file in project.claim_files.items():
        keys = {k for f in claim_file.footnotes for k in f.references} | {
            b.key for b in claim_file.bibliography
        }
        missing = keys - set(project.references)
        assert not missing, f"{rid} cites undefined {sorted(missing)}"
    assert not journal_path(root).exists()
    return project
