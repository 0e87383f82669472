"""Benchmark of the lookups at scale (not a test: it prints figures).

Builds a repository of at least 100,000 claims and 20,000 references by
replicating a project's claims and references (the bundled ones by default)
under renamed report ids, claim ids and citekeys, written through the real
storage modules.  Then it times, as whole commands in fresh processes:

- the first command (which builds the index from nothing),
- a command after one claims file and one .bib file changed (incremental),
- ``claims search``, ``claims show``, ``refs show``, ``footnote``, ``xref``
  of one report, ``xref`` of everything, and ``claimtrack --help``,

printing the median and worst wall time of each.  Goal: lookups < 150 ms,
``--help`` < 200 ms.

    PYTHONPATH=. python benchmarks/lookup_bench.py [--source ROOT] [--dir DIR]
"""

from __future__ import annotations

import argparse
import math
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from claimtrack import claimstore, refstore  # noqa: E402
from claimtrack.model import ClaimFile, Reference  # noqa: E402
from claimtrack.project import Project  # noqa: E402


def replicate(source: Path, dest: Path, min_claims: int, min_refs: int) -> tuple[int, int, int]:
    project = Project.open(source)
    files = list(project.claim_files.values())
    refs = list(project.references.values())
    n_claims = sum(len(f.claims) for f in files)
    if not n_claims or not refs:
        sys.exit(f"lookup_bench: {source} has no claims or no references to replicate")
    copies = max(math.ceil(min_claims / n_claims), math.ceil(min_refs / len(refs)))
    for i in range(copies):
        tag = f"x{i:04d}"
        new_key = {r.key: f"{r.key}-{tag}" for r in refs}
        renamed: list[Reference] = [r.model_copy(update={"key": new_key[r.key]}) for r in refs]
        refstore.write(dest / "references" / f"{tag}.bib", renamed)
        for claim_file in files:
            data = claim_file.model_dump(mode="json")
            report_id = f"{data['report']['id']}-{tag}"
            data["report"]["id"] = report_id
            for fn in data["footnotes"]:
                fn["references"] = [new_key.get(k, k) for k in fn["references"]]
            for claim in data["claims"]:
                claim["id"] = f"{claim['id']}-{tag}"
                claim["report"] = report_id
                claim["references"] = [new_key.get(k, k) for k in claim["references"]]
            claimstore.write(dest / "claims" / f"{report_id}.yaml", ClaimFile.model_validate(data))
    return copies, copies * n_claims, copies * len(refs)


def run(root: Path, *args: str) -> float:
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1", "COLUMNS": "80"}
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "claimtrack", *args, *(["--root", str(root)] if args[-1] != "--help" else [])],
        env=env,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"lookup_bench: claimtrack {' '.join(args)} failed ({result.returncode}): {result.stderr}")
    return elapsed


def floor(label: str, code: str, runs: int) -> None:
    """What any command pays before doing anything: Python, typer and our CLI modules, rich."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], env=env, check=True)
        times.append((time.perf_counter() - started) * 1000)
    print(
        f"{label:<34} median {statistics.median(times):7.0f} ms   worst {max(times):7.0f} ms   (start-up floor)"
    )


def timed(
    label: str, root: Path, commands: list[list[str]], goal_ms: float
) -> tuple[str, float, float, float]:
    times = [run(root, *cmd) * 1000 for cmd in commands]
    median, worst = statistics.median(times), max(times)
    verdict = "ok" if worst < goal_ms else ("median ok" if median < goal_ms else "over")
    print(
        f"{label:<34} median {median:7.0f} ms   worst {worst:7.0f} ms"
        f"   (n={len(times)}, goal {goal_ms:.0f}: {verdict})"
    )
    return label, median, worst, goal_ms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--source", type=Path, default=REPO, help="project whose claims/references are replicated"
    )
    parser.add_argument("--dir", type=Path, help="build the big repository here (kept); default a temp dir")
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--refs", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=15, help="runs of each lookup")
    args = parser.parse_args()

    root = args.dir or Path(tempfile.mkdtemp(prefix="claimtrack-bench-"))
    try:
        if not (root / "claims").is_dir():
            started = time.perf_counter()
            copies, n_claims, n_refs = replicate(args.source, root, args.claims, args.refs)
            print(f"repository: {copies} copies -> {n_claims} claims, {n_refs} references in {root}")
            print(f"  written in {time.perf_counter() - started:.1f} s (not part of the lookups)")
        (root / ".claimtrack" / "index.sqlite").unlink(missing_ok=True)
        print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")

        conn = __import__("sqlite3").connect(":memory:")
        print(f"sqlite {conn.execute('select sqlite_version()').fetchone()[0]}")
        build_s = run(root, "claims", "search", "gas")
        print(f"index build from nothing (first command): {build_s:.1f} s")
        size = (root / ".claimtrack" / "index.sqlite").stat().st_size
        print(f"index size: {size / 1e6:.0f} MB")

        claim_files = sorted((root / "claims").glob("*.yaml"))
        bib_files = sorted((root / "references").glob("*.bib"))
        one = claim_files[len(claim_files) // 2]
        one.write_text(one.read_text("utf-8").replace("Turkey", "Türkiye"), "utf-8")
        bib = bib_files[len(bib_files) // 2]
        bib.write_text(bib.read_text("utf-8") + "\n", "utf-8")
        incremental = run(root, "claims", "search", "gas")
        print(f"incremental rebuild (one claims file + one .bib changed): {incremental:.2f} s")

        import sqlite3

        db = sqlite3.connect(root / ".claimtrack" / "index.sqlite")
        rng = random.Random(7)
        ids = [r[0] for r in db.execute("SELECT id FROM claims ORDER BY random() LIMIT ?", (args.runs,))]
        keys = [r[0] for r in db.execute("SELECT key FROM refs ORDER BY random() LIMIT ?", (args.runs,))]
        reports = [r[0] for r in db.execute("SELECT id FROM reports ORDER BY random() LIMIT ?", (args.runs,))]
        fns = db.execute(
            "SELECT report, label FROM footnotes ORDER BY random() LIMIT ?", (args.runs,)
        ).fetchall()
        words = [r[0] for r in db.execute("SELECT text FROM claims ORDER BY random() LIMIT ?", (args.runs,))]
        db.close()
        queries = [" ".join(rng.sample(w.split(), min(2, len(w.split())))) for w in words]
        queries[:3] = ["33.2 percent gas", "Reuters", "pipeline"]
        print()
        floor("python -c pass", "pass", args.runs)
        floor("import claimtrack.cli", "import claimtrack.cli", args.runs)
        floor(
            "  + rich.console, the index",
            "import claimtrack.cli, rich.console, claimtrack.index.query",
            args.runs,
        )
        results = [
            timed("claims search QUERY", root, [["claims", "search", q] for q in queries], 150),
            timed("claims search --uncited --report", root,
                  [["claims", "search", "--uncited", "--report", r] for r in reports], 150),
            timed("claims show ID", root, [["claims", "show", i] for i in ids], 150),
            timed("refs show KEY", root, [["refs", "show", k] for k in keys], 150),
            timed("footnote REPORT N", root, [["footnote", r, n] for r, n in fns], 150),
            timed("xref --report R (rich)", root, [["xref", "--report", r] for r in reports], 150),
            timed("xref --report R -f html", root,
                  [["xref", "--report", r, "-f", "html"] for r in reports], 150),
            timed("xref -t references -f csv (all)", root,
                  [["xref", "-t", "references", "-f", "csv"]] * 3, 150),
            timed("xref -f json (everything)", root, [["xref", "-f", "json"]] * 3, 150),
            timed("claimtrack --help", root, [["--help"]] * args.runs, 200),
        ]  # fmt: skip
        print()
        print("| command | median ms | worst ms | goal ms |")
        print("|---|---:|---:|---:|")
        for label, median, worst, goal in results:
            print(f"| `{label}` | {median:.0f} | {worst:.0f} | {goal:.0f} |")
    finally:
        if args.dir is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
