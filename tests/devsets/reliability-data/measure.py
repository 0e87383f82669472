"""The data-safety checks on a dev set of real reports (not a test: it prints a table).

    python tests/devsets/reliability-data/measure.py [DIR] [--kills N] [--seed S]

DIR holds report files (any depth); default: $CLAIMTRACK_DEVSETS/reliability-data or
../shared/devsets/reliability-data beside the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
sys.path.insert(0, str(REPO / "tests"))

from faults.records import snapshot, temp_files, whole  # noqa: E402

from claimtrack.reportids import find_reports  # noqa: E402
from claimtrack.transaction import journal_path  # noqa: E402


def devset_dir(given: Path | None) -> Path | None:
    candidates = [given] if given else []
    if os.environ.get("CLAIMTRACK_DEVSETS"):
        candidates.append(Path(os.environ["CLAIMTRACK_DEVSETS"]) / "reliability-data")
    candidates += [
        REPO.parent / "shared" / "devsets" / "reliability-data",
        Path("/work/devsets/reliability-data"),
    ]
    return next((c for c in candidates if c and c.is_dir() and find_reports(c)), None)


def claimtrack(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "claimtrack", *args, "--root", str(root)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=600,
    )


def project_from(devset: Path, where: Path) -> Path:
    root = where / "project"
    shutil.copytree(devset, root / "reports")
    for name in ("claims", "references"):
        (root / name).mkdir()
    return root


def edit_reports(root: Path, every: int = 3) -> int:
    """Append a sourced sentence to every ``every``-th report (a realistic revision)."""
    paths = find_reports(root / "reports")
    for i, path in enumerate(paths[::every]):
        text = path.read_text("utf-8")
        path.write_text(
            text.rstrip("\n")
            + f"\n\nIn 2024, adoption reached {40 + i} percent of surveyed projects.[^rev{i}]\n\n"
            + f"[^rev{i}]: Survey of maintainers, 2024. URL: <https://example.org/survey/{i}>\n",
            "utf-8",
        )
    return len(paths[::every])


class Rows(list):
    """The table's rows, each printed as soon as it is measured (a long run shows its progress)."""

    def append(self, row: tuple[str, str]) -> None:
        super().append(row)
        print(f"| {row[0]} | {row[1]} |", flush=True)


class Zygote:
    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(REPO / "tests" / "faults" / "zygote.py")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        json.loads(self.proc.stdout.readline())

    def __call__(self, *argv: str, kill_after: float | None = None, env: dict | None = None) -> dict:
        self.proc.stdin.write(
            json.dumps({"argv": list(argv), "kill_after": kill_after, "env": env or {}}) + "\n"
        )
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait()


def measure(devset: Path, kills: int, seed: int) -> list[tuple[str, str]]:
    rows = Rows()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        root = project_from(devset, tmp)
        started = time.perf_counter()
        done = claimtrack(root, "ingest")
        assert done.returncode == 0, done.stderr
        project = whole(root)
        claims = sum(len(cf.claims) for cf in project.claim_files.values())
        nested = sum("/" in rid for rid in project.claim_files)
        rows.append(
            ("ingest of the tree", f"{len(project.claim_files)} reports ({nested} in subfolders), {claims} claims, "
             f"{len(project.references)} references, {time.perf_counter() - started:.1f} s")
        )  # fmt: skip
        once = snapshot(root)
        again = claimtrack(root, "ingest")
        rows.append(
            (
                "re-ingest, nothing changed",
                f"{again.stdout.count('unchanged')} unchanged, files identical: {snapshot(root) == once}",
            )
        )

        ten = project_from(devset, tmp / "ten")
        started = time.perf_counter()
        procs = [subprocess.Popen([sys.executable, "-m", "claimtrack", "ingest", "--root", str(ten)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for _ in range(10)]  # fmt: skip
        codes = [p.wait(timeout=900) for p in procs]
        whole(ten)
        rows.append(
            ("ten concurrent ingests", f"exit codes {sorted(set(codes))}, identical to one ingest: {snapshot(ten) == once}, "
             f"{time.perf_counter() - started:.1f} s")
        )  # fmt: skip

        template = tmp / "template"
        shutil.copytree(root, template, ignore=shutil.ignore_patterns(".claimtrack"))
        edited = edit_reports(template)
        probe = tmp / "probe"
        shutil.copytree(template, probe)
        zygote = Zygote()
        try:
            result = zygote("ingest", "--root", str(probe))
            assert result["code"] == 0, result["stderr"]
            old, new, seconds = snapshot(template), snapshot(probe), result["seconds"]
            rng = random.Random(seed)
            outcome = {"old": 0, "new": 0, "mid-commit, finished by the next reader": 0, "torn": 0}
            steps = sum(1 for name in new if new[name] != old.get(name))
            cases = [(rng.uniform(0, seconds * 1.1), {}) for _ in range(kills)]
            cases += [(None, {"CLAIMTRACK_FAULT_KILL_AT_STEP": str(k)}) for k in range(1, steps + 1)]
            for n, (delay, env) in enumerate(cases):
                work = tmp / f"kill{n % 2}"
                shutil.rmtree(work, ignore_errors=True)
                shutil.copytree(template, work)
                result = zygote("ingest", "--root", str(work), kill_after=delay, env=env)
                if journal_path(work).exists():
                    outcome["mid-commit, finished by the next reader"] += 1
                try:
                    whole(work)
                    state = snapshot(work)
                    outcome["old" if state == old else "new" if state == new else "torn"] += 1
                except Exception:  # noqa: BLE001  (a measuring script: count, do not stop)
                    outcome["torn"] += 1
                rerun = zygote("ingest", "--root", str(work))
                if rerun["code"] != 0 or snapshot(work) != new or temp_files(work):
                    outcome["torn"] += 1
        finally:
            zygote.close()
        rows.append(
            (f"SIGKILL at {kills} seeded moments of a re-ingest ({edited} reports revised, run {seconds:.1f} s), "
             f"and before each of its {steps} commit steps",
             ", ".join(f"{k}: {v}" for k, v in outcome.items()))
        )  # fmt: skip

        first = find_reports(root / "reports")[0]
        first.write_text(first.read_text("utf-8").replace(" the ", " the the ", 1), "utf-8")
        listing = claimtrack(root, "claims", "list", "--format", "json")
        audit = claimtrack(root, "audit", "--select", "CT106", "--format", "json")
        ct106 = [f["file"] for f in json.loads(audit.stdout)["findings"]]
        rows.append(
            (
                "a report edited after ingest",
                f"warned by claims list: {'changed since it was ingested' in listing.stderr}; CT106 findings: {ct106}",
            )
        )

        claimtrack(root, "ingest")
        files = sorted((root / "claims").rglob("*.yaml"))[:3]
        key = next(iter(whole(root).references))
        for path in files:
            text = path.read_text("utf-8")
            text = text.replace("\nclaims:\n", "\n# desk review 2026: sources re-checked\nclaims:\n", 1)
            head, claims_part = text.split("\nclaims:\n", 1)
            claims_part = claims_part.replace(
                "  cited_as: []", f"  cited_as: []\n  # added by hand: {key}", 1
            )
            path.write_text(head + "\nclaims:\n" + claims_part, "utf-8")
        edit_reports(root, every=1)
        started = time.perf_counter()
        claimtrack(root, "ingest")
        kept = sum(
            "# desk review 2026" in p.read_text("utf-8") and "# added by hand" in p.read_text("utf-8")
            for p in files
        )
        rows.append(
            (
                "comments in 3 claims files, every report revised",
                f"comments kept in {kept}/3 files; ingest {time.perf_counter() - started:.1f} s",
            )
        )

        gone = find_reports(root / "reports")[-2:]
        for path in gone:
            path.unlink()
        audit = claimtrack(root, "audit", "--select", "CT107", "--format", "json")
        pruned = claimtrack(root, "ingest", "--prune")
        rows.append(
            ("2 reports deleted", f"audit exit {audit.returncode} with {audit.stdout.count('CT107')} CT107; "
             f"ingest --prune: {pruned.stdout.count('removed its records')} records removed; whole after: {bool(whole(root))}")
        )  # fmt: skip
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", type=Path, nargs="?")
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=20261130)
    args = parser.parse_args()
    devset = devset_dir(args.dir)
    if devset is None:
        sys.exit("measure: no dev set found (give DIR, or set CLAIMTRACK_DEVSETS)")
    print(f"dev set: {devset} ({len(find_reports(devset))} reports)\n")
    print("| check | result |\n| --- | --- |", flush=True)
    measure(devset, args.kills, args.seed)


if __name__ == "__main__":
    main()
