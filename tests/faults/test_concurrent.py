"""Writers at the same time, as real processes: the project lock serialises them, nothing is doubled."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from faults.corpus import library, write_reports
from faults.records import snapshot, temp_files, whole

from claimtrack.lock import project_lock


def start(*args: object, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "claimtrack", *map(str, args)],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )


def finish(procs: list[subprocess.Popen]) -> list[tuple[int, str]]:
    return [(p.wait(timeout=240), p.communicate()[1]) for p in procs]


def fresh(tmp_path: Path, name: str, reports: int = 4) -> Path:
    root = tmp_path / name
    write_reports(root, seed=11, count=reports, paragraphs=3)
    (root / "claims").mkdir()
    (root / "references").mkdir()
    return root


def test_ten_concurrent_ingests_equal_one_ingest(tmp_path):
    once = fresh(tmp_path, "once")
    assert finish([start("ingest", cwd=once)]) == [(0, "")]
    root = fresh(tmp_path, "ten")
    results = finish([start("ingest", cwd=root) for _ in range(10)])
    assert all(code == 0 for code, _ in results), results
    project = whole(root)  # loads: no citekey defined twice
    assert snapshot(root) == snapshot(once)  # byte for byte what one ingest writes
    assert temp_files(root) == []
    assert len(project.references) == len(whole(once).references)


def test_adding_a_report_while_an_ingest_runs(tmp_path):
    root = fresh(tmp_path, "mixed", reports=5)
    one = next(p for p in sorted((root / "reports").rglob("*.md")))
    procs = [start("ingest", cwd=root) for _ in range(3)] + [start("ingest", one, cwd=root) for _ in range(3)]
    assert all(code == 0 for code, _ in finish(procs))
    project = whole(root)
    single = fresh(tmp_path, "single", reports=5)
    assert finish([start("ingest", cwd=single)])[0][0] == 0
    expected = whole(single)
    assert sorted(r.url or "" for r in project.references.values()) == sorted(
        r.url or "" for r in expected.references.values()
    )
    assert {rid: len(cf.claims) for rid, cf in project.claim_files.items()} == {
        rid: len(cf.claims) for rid, cf in expected.claim_files.items()
    }


def test_ingest_and_refs_import_at_once_equal_one_after_the_other(tmp_path):
    base = fresh(tmp_path, "base")
    assert finish([start("ingest", cwd=base)])[0][0] == 0
    urls = sorted(r.url for r in whole(base).references.values() if r.url)[:6]
    lib = tmp_path / "library.bib"
    lib.write_text(library(seed=2, count=15, known_urls=urls), "utf-8")
    write_reports(base, seed=11, count=6, edited=True, paragraphs=3)  # reports changed since

    def copy(name: str) -> Path:
        return Path(shutil.copytree(base, tmp_path / name))

    orders = []
    for name, commands in (("ingest-first", ["ingest", "import"]), ("import-first", ["import", "ingest"])):
        root = copy(name)
        for command in commands:
            args = ("ingest",) if command == "ingest" else ("refs", "import", lib)
            assert finish([start(*args, cwd=root)])[0][0] == 0
        orders.append(snapshot(root))
    for attempt in range(3):
        root = copy(f"together{attempt}")
        results = finish([start("ingest", cwd=root), start("refs", "import", lib, cwd=root)])
        assert [code for code, _ in results] == [0, 0], results
        whole(root)
        assert snapshot(root) in orders


def test_a_second_writer_waits_then_fails_while_readers_go_on(tmp_path):
    root = fresh(tmp_path, "locked")
    assert finish([start("ingest", cwd=root)])[0][0] == 0
    write_reports(root, seed=11, count=5, paragraphs=3)
    before = snapshot(root)
    with project_lock(root):
        reader = start("claims", "list", "--format", "json", cwd=root)
        started = time.monotonic()
        assert reader.wait(timeout=60) == 0  # readers never wait for the lock
        writer = start("ingest", "--lock-timeout", "1", cwd=root)
        code, err = finish([writer])[0]
        waited = time.monotonic() - started
    assert code == 2 and waited >= 1
    assert "another claimtrack command is writing to this project; waiting" in err
    assert err.strip().splitlines()[-1].startswith("claimtrack: error: ") and "held the write lock" in err
    assert snapshot(root) == before


_QUEUE = """
import sys, time
from claimtrack.lock import project_lock
for _ in range(4):  # four writers in a row, each well within the waiter's timeout
    with project_lock(sys.argv[1], quiet=True):
        print("held", flush=True)
        time.sleep(1.0)
"""


def test_a_writer_waits_through_a_moving_queue_longer_than_its_timeout(tmp_path):
    (tmp_path / "claims").mkdir()
    queue = subprocess.Popen([sys.executable, "-c", _QUEUE, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    assert queue.stdout.readline().strip() == "held"
    started = time.monotonic()
    with project_lock(tmp_path, timeout=1.5, quiet=True):
        waited = time.monotonic() - started
    queue.wait(timeout=30)
    assert waited < 1.5 or waited > 2.0  # it got in early, or it waited past 1.5 s and still got in
