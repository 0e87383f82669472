"""What the data-safety work costs (not a test: it prints figures).

A. Reading claims YAML: the C loader every reader uses, against the
   round-trip loader (ruamel.yaml) that only a writer uses, and only when the
   file holds comments of its own.
B. Writing one claims file: plain dump, against the comment-keeping merge.
C. The staleness check every reading command makes: N reports compared with
   their records, cold (every report hashed) and warm (sizes and mtimes only).

    python benchmarks/records_bench.py [--claims DIR ...] [--reports N]
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import yaml  # noqa: E402

from claimtrack import claimstore, yamlkeep  # noqa: E402
from claimtrack.staleness import stale_reports  # noqa: E402


def timed(func, repeat: int = 5) -> float:
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def loading(files: list[Path]) -> None:
    texts = [f.read_text("utf-8") for f in files]
    size = sum(len(t) for t in texts) / 1024
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    c = timed(lambda: [yaml.load(t, Loader=loader) for t in texts])
    rt = timed(lambda: [yamlkeep._yaml().load(t) for t in texts], repeat=3)
    print(f"A. load {len(files)} claims files ({size:.0f} KiB)")
    print(f"   C loader (every reader)        {c * 1000:8.1f} ms")
    print(
        f"   round-trip loader (ruamel)     {rt * 1000:8.1f} ms   = {rt / c:.1f}x (writers, files with comments)"
    )


def writing(files: list[Path]) -> None:
    plain = same = changed = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for f in files:
            claim_file = claimstore.read(f)
            commented = Path(tmp) / f.name
            text = claimstore.dumps(claim_file)
            commented.write_text(text.replace("\nclaims:\n", "\n# reviewed by the desk, 2026\nclaims:\n", 1))
            edited = claim_file.model_copy(deep=True)
            edited.claims[-1].review.note = "checked again"
            plain += timed(lambda cf=claim_file: claimstore.dumps(cf), repeat=3)
            same += timed(lambda p=commented, cf=claim_file: claimstore.dumps_over(p, cf), repeat=3)
            changed += timed(lambda p=commented, cf=edited: claimstore.dumps_over(p, cf), repeat=3)
    print(f"B. write {len(files)} claims files")
    print(f"   plain dump (no comments)       {plain * 1000:8.1f} ms")
    print(
        f"   with comments, records same    {same * 1000:8.1f} ms   = {same / plain:.1f}x (file kept as is)"
    )
    print(
        f"   with comments, records changed {changed * 1000:8.1f} ms   = {changed / plain:.1f}x (round trip)"
    )


def staleness(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "reports").mkdir()
        text = (REPO / "reports" / "004_7e88fde1e0fb7812.txt").read_text("utf-8")
        records = []
        for i in range(count):
            body = f"{text}\n{i}\n"
            (root / "reports" / f"r{i:05d}.md").write_text(body, "utf-8")
            records.append((f"r{i:05d}", f"reports/r{i:05d}.md", hashlib.sha256(body.encode()).hexdigest()))
        old = time.time() - 60  # not "racy": old enough to be cached
        for i in range(count):
            import os

            os.utime(root / "reports" / f"r{i:05d}.md", (old, old))
        cold = timed(
            lambda: (
                (root / ".claimtrack" / "report-hashes.json").unlink(missing_ok=True),
                stale_reports(root, records),
            ),
            repeat=3,
        )
        warm = timed(lambda: stale_reports(root, records), repeat=7)
        size = len(text) * count / 1e6
    print(f"C. staleness check of {count} reports ({size:.0f} MB of text)")
    print(f"   cold (hash every report)       {cold * 1000:8.1f} ms   (once, after reports change)")
    print(f"   warm (stat only)               {warm * 1000:8.1f} ms   per reading command")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=Path, nargs="*", default=[REPO / "claims"])
    parser.add_argument("--reports", type=int, default=1000)
    args = parser.parse_args()
    files = sorted(p for d in args.claims for p in d.rglob("*.yaml"))
    loading(files)
    writing(files)
    staleness(args.reports)


if __name__ == "__main__":
    main()
