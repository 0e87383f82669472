"""A read-only records folder and a full disk: exit 2, one line naming the real file, nothing changed."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from faults.corpus import write_reports
from faults.records import snapshot, temp_files, whole

from claimtrack.transaction import TEMP_NAME


@pytest.fixture
def changed(runner, tmp_path) -> Path:
    """An ingested project whose reports then changed: the next ingest writes claims and .bib files."""
    root = tmp_path / "p"
    write_reports(root, seed=7, count=3, paragraphs=3)
    (root / "claims").mkdir()
    assert runner("ingest", "--root", root)["code"] == 0
    write_reports(root, seed=7, count=4, edited=True, paragraphs=3)
    return root


def assert_refused(result: dict, root: Path, before: dict, *fragments: str) -> str:
    assert result["code"] == 2, result
    lines = result["stderr"].strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("claimtrack: error: "), result["stderr"]
    assert "Traceback" not in result["stderr"] and ".tmp" not in lines[0]  # the real file, never a temp file
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    assert snapshot(root) == before and temp_files(root) == []
    return lines[0]


def test_read_only_claims_folder_changes_nothing(runner, changed):
    before = snapshot(changed)
    folders = [changed / "claims", *(p for p in (changed / "claims").rglob("*") if p.is_dir())]
    for folder in folders:
        folder.chmod(0o555)
    try:
        result = runner("ingest", "--root", changed, drop_dac=True)  # as root: bound by the modes too
    finally:
        for folder in folders:
            folder.chmod(0o755)
    line = assert_refused(result, changed, before, "claims/", ".yaml", "read-only", "nothing was changed")
    assert line.split("error: ")[1].startswith("claims/")
    # references/ gained nothing either (the defect: the .bib files were already written)
    assert runner("ingest", "--root", changed)["code"] == 0
    assert snapshot(changed) != before
    whole(changed)


def test_file_size_limit_changes_nothing(runner, changed):
    before = snapshot(changed)
    largest = max(len(data) for data in before.values())
    result = runner("ingest", "--root", changed, limits={"fsize": largest // 2})
    assert_refused(result, changed, before, "disk is full, or a file size limit", "nothing was changed")
    assert runner("ingest", "--root", changed)["code"] == 0
    whole(changed)


def _mount_tmpfs(where: Path, size_kb: int) -> bool:
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    where.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(where)], capture_output=True
    )
    return done.returncode == 0


def test_full_tmpfs_changes_nothing(runner, changed, tmp_path):
    mount = tmp_path / "small"
    if not _mount_tmpfs(mount, 512):
        pytest.skip(
            "cannot mount a small tmpfs here (needs root with CAP_SYS_ADMIN); the size-limit case covers it"
        )
    try:
        root = Path(shutil.copytree(changed, mount / "p"))
        before = snapshot(root)
        # fill the disk, leaving less room than the new records need
        with open(mount / "filler", "wb", buffering=0) as handle:
            try:
                while True:
                    handle.write(b"\0" * 4096)
            except OSError:
                pass
        os.truncate(mount / "filler", os.path.getsize(mount / "filler") - 8192)
        result = runner("ingest", "--root", root)
        assert_refused(result, root, before, "no space left on device", "nothing was changed")
        assert not [n for n in os.listdir(root / "claims") if TEMP_NAME.match(n)]
        (mount / "filler").unlink()
        assert runner("ingest", "--root", root)["code"] == 0
        whole(root)
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)
