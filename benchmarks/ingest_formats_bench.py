"""Ingest speed on the bundled reports: this checkout against a baseline (main by default).

    python benchmarks/ingest_formats_bench.py [--baseline-ref main] [--runs 15]

The baseline is exported with ``git archive`` into a temporary directory (no
worktree, nothing changed in the repository).  Each side runs in its own
Python process that imports its own ``claimtrack`` and times
``ingest_all(..., dry_run=True)`` over the bundled reports (a copy of
reports/, claims/, references/), after one warm-up run; start-up is not
counted.  The time is the process's CPU time, which other work on a shared
machine disturbs far less than wall time.  Prints the median and best of both
sides and their ratio.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

DRIVER = """
import json, sys, time
from pathlib import Path
from claimtrack.ingest import ingest_all
from claimtrack.project import Project
root, runs = Path(sys.argv[1]), int(sys.argv[2])
times = []
for i in range(runs + 1):
    project = Project.open(root)
    start = time.process_time()  # CPU time: 8 developers share this machine's 2 cores
    changes = ingest_all(project, [root / "reports"], dry_run=True)
    elapsed = time.process_time() - start
    assert all(c.unchanged for c in changes), "the bundled reports must ingest unchanged"
    if i:
        times.append(elapsed)
print(json.dumps(times))
"""


def side(code: Path, data: Path, runs: int) -> list[float]:
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, str(data), str(runs)],
        cwd=code,
        env={"PYTHONPATH": str(code), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline-ref", default="main")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "baseline"
        base.mkdir()
        archive = subprocess.run(
            ["git", "archive", args.baseline_ref], cwd=REPO, capture_output=True, check=True
        )
        with tarfile.open(fileobj=__import__("io").BytesIO(archive.stdout)) as tar:
            tar.extractall(base, filter="data")
        data = Path(tmp) / "data"
        for name in ("reports", "claims", "references", "pyproject.toml"):
            source = REPO / name
            (shutil.copytree if source.is_dir() else shutil.copy)(
                source, data / name if source.is_dir() else data
            )
        results = {}
        # alternate the sides so that a busy machine slows both alike
        for _ in range(3):
            for label, code in (("baseline " + args.baseline_ref, base), ("this checkout", REPO)):
                results.setdefault(label, []).extend(side(code, data, args.runs // 3 or 1))
    print(f"ingest --dry-run of the bundled reports, {args.runs} runs a side (CPU seconds)")
    for label, times in results.items():
        print(f"  {label:<20} median {statistics.median(times):.3f}  best {min(times):.3f}")
    (b, bt), (c, ct) = results.items()
    ratio = statistics.median(ct) / statistics.median(bt)
    print(f"  this checkout / baseline: {ratio:.2f}x median, {min(ct) / min(bt):.2f}x best")


if __name__ == "__main__":
    main()
