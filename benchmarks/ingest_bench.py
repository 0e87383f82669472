"""Ingest speed: KB/s of report text, one process against worker processes, and an unchanged re-ingest.

Not a test: it prints figures.  Over a folder of reports (default: the bundled
ones; ``--reports DIR`` for a dev set of real documents):

1. parse + build of each report in this process (``parse_report`` then
   ``ingest``, as ``claimtrack ingest --dry-run`` does), KB of text per second,
   beside ``pandoc -f markdown -t json`` on the same files (a parser's speed);
2. ``claimtrack ingest`` as a whole process on a fresh project holding the
   reports: serial (``CLAIMTRACK_WORKERS=1``) and with worker processes;
3. a corpus of ``--copies`` reports (the folder's reports copied under other
   names, each with its own title line), ingested once, then ingested again
   unchanged: goal <= 1 s for 100 reports.

    PYTHONPATH=. python benchmarks/ingest_bench.py [--reports DIR] [--copies 100]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from claimtrack.ingest import References, ingest, parse_report, report_paths  # noqa: E402
from claimtrack.project import Project  # noqa: E402

ENV = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1"}
ENV.pop("PYTHONDONTWRITEBYTECODE", None)  # users run with the bytecode cache
SCRIPT = Path(sys.executable).parent / "claimtrack"
PROGRAM = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "claimtrack"]


def new_project(reports: list[Path], copies: int = 0) -> Path:
    root = Path(tempfile.mkdtemp(prefix="claimtrack-ingest-"))
    (root / "reports").mkdir()
    (root / "pyproject.toml").write_text("[tool.claimtrack]\n", "utf-8")
    if not copies:
        for path in reports:
            shutil.copy(path, root / "reports" / path.name)
        return root
    for i in range(copies):
        path = reports[i % len(reports)]
        text = path.read_text("utf-8")
        # a different first line: a different report (its own claims file), the same kind of text
        (root / "reports" / f"c{i:03d}_{path.stem}{path.suffix}").write_text(
            f"{text}\n\nCopy {i}.\n", "utf-8"
        )
    return root


def claimtrack(root: Path, *args: str, env: dict[str, str] | None = None) -> float:
    """Wall seconds of a whole ``claimtrack ingest`` process (workers and all)."""
    started = time.perf_counter()
    done = subprocess.run([*PROGRAM, "ingest", *args, "--root", str(root)],
                          env=env or ENV, capture_output=True, text=True)  # fmt: skip
    if done.returncode != 0:
        sys.exit(f"ingest_bench: claimtrack ingest failed: {done.stderr}")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=Path, default=REPO / "reports")
    parser.add_argument("--copies", type=int, default=100)
    args = parser.parse_args()
    reports = report_paths([args.reports])
    size = sum(p.stat().st_size for p in reports)
    print(f"{args.reports}: {len(reports)} reports, {size / 1000:.0f} KB; {os.cpu_count()} cores")

    project = Project.open(new_project(reports))
    refs = References({})
    # CPU seconds (ours: this process; pandoc: its children): on a shared machine wall time
    # measures the neighbours as much as the code.
    started = time.process_time()
    for path in reports:
        ingest(project, path, refs, parse_report(path))
    ours = time.process_time() - started
    before = os.times()
    for path in reports:
        subprocess.run(["pandoc", "-f", "markdown", "-t", "json", str(path)], capture_output=True, check=True)
    after = os.times()
    pandoc = (after.children_user + after.children_system) - (before.children_user + before.children_system)
    print(f"1. in one process, CPU: {ours:.2f} s = {size / ours / 1000:.0f} KB/s   (goal >= 1000 KB/s)")
    print(f"   pandoc -f markdown -t json: {pandoc:.2f} s = {size / pandoc / 1000:.0f} KB/s; "
          f"ratio ours/pandoc {ours / pandoc:.1f}x")  # fmt: skip

    serial = claimtrack(new_project(reports), env={**ENV, "CLAIMTRACK_WORKERS": "1"})
    parallel = claimtrack(new_project(reports))
    print(f"2. claimtrack ingest, whole process: serial {serial:.2f} s ({size / serial / 1000:.0f} KB/s), "
          f"workers {parallel:.2f} s ({size / parallel / 1000:.0f} KB/s): {serial / parallel:.2f}x")  # fmt: skip

    if not args.copies:
        return
    root = new_project(reports, args.copies)
    first = claimtrack(root)
    again = min(claimtrack(root) for _ in range(3))
    print(f"3. {args.copies} reports: first ingest {first:.1f} s; unchanged re-ingest {again:.2f} s "
          f"(best of 3; goal <= 1 s)")  # fmt: skip
    noskip = claimtrack(root, "--dry-run", env={**ENV, "CLAIMTRACK_INGEST_NO_SKIP": "1"})
    print(f"   the same without the skip (every report parsed, --dry-run): {noskip:.1f} s")


if __name__ == "__main__":
    main()
