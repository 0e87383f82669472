"""SIGKILL at random points of a write: the records are old or new, never torn, and the next run recovers.

Each case forks the real command from a loaded claimtrack (see zygote.py) and
kills it after a delay drawn from a seeded generator, spread over the whole
run (parsing, staging, committing).  After each kill a reader opens the
project (finishing a commit the writer left half done), and the records must
equal, byte for byte, either the records before the command or the records
an uninterrupted run makes.  Then the command runs again and must leave
exactly the uninterrupted run's records, with no temporary file left.
The kill switch of ``claimtrack.transaction`` adds one kill before every
step of the commit, so each rename boundary is hit at least once.
"""

from __future__ import annotations

import random
import shutil
from collections import Counter
from pathlib import Path

import pytest
from faults.corpus import library, write_reports
from faults.records import snapshot, temp_files, whole

from claimtrack.lock import project_lock
from claimtrack.transaction import journal_path, recover

KILLS = 50
SEED = 20261130


def _prepare_ingest(runner, base: Path) -> tuple[Path, dict, dict, float]:
    """A project ingested from 4 reports, whose reports then changed (5, some edited): old records,
    the records an uninterrupted ingest makes, and how long that ingest takes."""
    template = base / "template"
    write_reports(template, seed=3, count=4, paragraphs=3)
    (template / "claims").mkdir()
    assert runner("ingest", "--root", template)["code"] == 0
    old = snapshot(template)
    write_reports(template, seed=3, count=5, edited=True, paragraphs=3)
    probe = _copy(template, base / "probe")
    done = runner("ingest", "--root", probe)
    assert done["code"] == 0, done["stderr"]
    new = snapshot(probe)
    assert new != old
    return template, old, new, done["seconds"]


def _prepare_import(runner, base: Path) -> tuple[Path, dict, dict, float, Path]:
    template, _, _, _ = _prepare_ingest(runner, base)
    assert runner("ingest", "--root", template)["code"] == 0
    old = snapshot(template)
    urls = sorted(r.url for r in whole(template).references.values() if r.url)[:12]
    lib = base / "library.bib"
    lib.write_text(library(seed=5, count=40, known_urls=urls), "utf-8")
    probe = _copy(template, base / "probe2")
    done = runner("refs", "import", lib, "--root", probe)
    assert done["code"] == 0, done["stderr"]
    new = snapshot(probe)
    changed = [name for name in new if new[name] != old.get(name)]
    assert len(changed) >= 3, "the import must change several files at once"
    return template, old, new, done["seconds"], lib


def _copy(template: Path, to: Path) -> Path:
    shutil.rmtree(to, ignore_errors=True)
    shutil.copytree(template, to, ignore=shutil.ignore_patterns(".claimtrack"))
    return to


def _kill_cases(
    runner, tmp_path: Path, template: Path, old: dict, new: dict, seconds: float, argv
) -> Counter:
    rng = random.Random(SEED)
    outcome: Counter = Counter()
    delays = [rng.uniform(0.0, seconds * 1.1) for _ in range(KILLS)]
    steps = sum(1 for name in new if new[name] != old.get(name)) + sum(1 for name in old if name not in new)
    hooks = [{"CLAIMTRACK_FAULT_KILL_AT_STEP": str(k)} for k in range(1, steps + 1)]
    cases = [(delay, {}) for delay in delays] + [(None, env) for env in hooks]
    for number, (delay, env) in enumerate(cases):
        work = _copy(template, tmp_path / f"run{number % 3}")
        result = runner(*argv(work), kill_after=delay, env=env)
        assert result["code"] in (0, None), result["stderr"]
        if not result["killed"]:
            outcome["finished before the kill"] += 1
        elif journal_path(work).exists():
            outcome["killed during the commit (finished by the next reader)"] += 1
        # a reader sees whole records: the old ones or the new ones, nothing in between
        whole(work)
        state = snapshot(work)
        assert state in (old, new), f"case {number} (delay {delay}, {env}): torn records"
        if result["killed"]:
            outcome["killed: records old" if state == old else "killed: records new"] += 1
        # the next writer recovers: no stray temporary file, the records untouched
        with project_lock(work):
            recover(work, [work / "claims", work / "references"])
        assert temp_files(work) == [] and snapshot(work) == state
        if state == old and outcome["killed: records old"] % 5 == 1:  # and completes (every 5th case)
            again = runner(*argv(work))
            assert again["code"] == 0, again["stderr"]
            assert snapshot(work) == new and temp_files(work) == []
            outcome["rerun to completion"] += 1
    print(
        f"\n{argv(Path('ROOT'))[:2]} {len(cases)} cases ({KILLS} timed, {len(hooks)} at commit steps), "
        f"uninterrupted run {seconds:.2f} s: {dict(outcome)}"
    )
    return outcome


@pytest.mark.timeout(300)
def test_sigkill_during_ingest_never_tears_the_records(runner, tmp_path):
    template, old, new, seconds = _prepare_ingest(runner, tmp_path)
    outcome = _kill_cases(
        runner, tmp_path, template, old, new, seconds, lambda root: ["ingest", "--root", root]
    )
    assert outcome["killed: records old"] and outcome["killed: records new"]
    assert outcome["killed during the commit (finished by the next reader)"] >= 1


@pytest.mark.timeout(300)
def test_sigkill_during_refs_import_never_tears_the_records(runner, tmp_path):
    template, old, new, seconds, lib = _prepare_import(runner, tmp_path)
    outcome = _kill_cases(
        runner, tmp_path, template, old, new, seconds, lambda root: ["refs", "import", lib, "--root", root]
    )
    assert outcome["killed: records old"] and outcome["killed: records new"]
