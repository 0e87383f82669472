"""Benchmark of the lookups at scale (not a test: it prints figures).

Builds a repository of at least 100,000 claims and 20,000 references by
replicating a project's claims and references (the bundled ones by default)
under renamed report ids, claim ids and citekeys, written through the real
storage modules.  Then it times, as whole commands in fresh processes:

- the first command (which builds the index from nothing),
- a command after one claims file and one .bib file changed (incremental),
- ``claims search``, ``claims show``, ``refs show``, ``footnote``, ``xref``
  of one report, ``xref`` of everything, and ``claimtrack --help``,

printing the median and worst wall time of each beside the floor, ``python -c
"import sqlite3"``, timed in the same rounds.  Goals: lookups and shell
completion within 2.5x the floor, ``--help`` within 3x (xref has no goal).
Commands run as users run them: the installed ``claimtrack`` script, the
bytecode cache on, output piped.

    PYTHONPATH=. python benchmarks/lookup_bench.py [--source ROOT] [--dir DIR]
"""

from __future__ import annotations

import argparse
import math
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
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


ENV = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1", "COLUMNS": "80"}
ENV.pop("PYTHONDONTWRITEBYTECODE", None)  # users run with the bytecode cache
# The program users run: the installed script (shell completion knows it by this name).
SCRIPT = Path(sys.executable).parent / "claimtrack"
PROGRAM = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "claimtrack"]


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(root: Path, *args: str, env: dict[str, str] | None = None) -> float:
    """Wall time of one whole ``claimtrack`` process (the installed program's entry point)."""
    return run_both(root, *args, env=env)[0]


def run_both(root: Path, *args: str, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall and CPU seconds of one whole ``claimtrack`` process."""
    cpu = _cpu()
    started = time.perf_counter()
    result = subprocess.run(
        [*PROGRAM, *args, *(["--root", str(root)] if args[-1] != "--help" else [])],
        env=env or ENV,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"lookup_bench: claimtrack {' '.join(args)} failed ({result.returncode}): {result.stderr}")
    return elapsed, _cpu() - cpu


def floor_once() -> tuple[float, float]:
    cpu = _cpu()
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import sqlite3"], env=ENV, check=True)
    return time.perf_counter() - started, _cpu() - cpu


def complete_once(root: Path, words: str) -> tuple[float, float]:
    """Shell completion as bash asks for it (typer's protocol), from the project's directory."""
    env = {**ENV, "_CLAIMTRACK_COMPLETE": "complete_bash"}
    env.update(COMP_WORDS=f"claimtrack {words}", COMP_CWORD=str(len(words.split()) + (words[-1:] == " ")))
    cpu = _cpu()
    started = time.perf_counter()
    done = subprocess.run(PROGRAM, env=env, cwd=root, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0 or not done.stdout.strip():
        sys.exit(f"lookup_bench: completion of {words!r} gave nothing: {done.stderr}")
    return elapsed, _cpu() - cpu


def side_by_side(cases: list[tuple[str, Callable[[int], tuple[float, float]], float]], runs: int) -> None:
    """Each case and the floor (``python -c "import sqlite3"``), interleaved round by round.

    Wall time is the goal's measure; CPU time (user + system of the process) is printed
    beside it because on a shared machine wall time also measures the neighbours.
    """
    times: dict[str, list[tuple[float, float]]] = {label: [] for label, _, _ in cases}
    floor: list[tuple[float, float]] = []
    for i in range(runs):
        floor.append(floor_once())
        for label, once, _ in cases:
            times[label].append(once(i))
    base = statistics.median(w for w, _ in floor) * 1000
    base_cpu = statistics.median(c for _, c in floor) * 1000
    print(f"\nfloor: python -c 'import sqlite3'  median {base:.0f} ms wall, {base_cpu:.0f} ms CPU"
          f" over {runs} runs (interleaved)\n")  # fmt: skip
    print("| command | median ms | worst ms | ÷ floor | CPU ms | CPU ÷ floor CPU | goal |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for label, _, goal in cases:
        walls = [w * 1000 for w, _ in times[label]]
        cpu = statistics.median(c for _, c in times[label]) * 1000
        median, worst = statistics.median(walls), max(walls)
        ratio, cpu_ratio = median / base, cpu / base_cpu
        verdict = "no goal" if not goal else f"{goal}x " + ("ok" if max(ratio, cpu_ratio) <= goal else "OVER")
        print(
            f"| `{label}` | {median:.0f} | {worst:.0f} | {ratio:.2f}x | {cpu:.0f} | {cpu_ratio:.2f}x | {verdict} |"
        )


def build_and_update(root: Path) -> None:
    (root / ".claimtrack" / "index.sqlite").unlink(missing_ok=True)
    conn = __import__("sqlite3").connect(":memory:")
    print(f"sqlite {conn.execute('select sqlite_version()').fetchone()[0]}")
    build_s, build_cpu = run_both(root, "claims", "search", "gas")
    print(
        f"index build from nothing (first command): {build_s:.1f} s wall, {build_cpu:.1f} s CPU (goal 20 s)"
    )
    size = (root / ".claimtrack" / "index.sqlite").stat().st_size
    print(f"index size: {size / 1e6:.0f} MB")

    claim_files = sorted((root / "claims").glob("*.yaml"))
    bib_files = sorted((root / "references").glob("*.bib"))
    one = claim_files[len(claim_files) // 2]
    one.write_text(one.read_text("utf-8").replace("Turkey", "Türkiye"), "utf-8")
    bib = bib_files[len(bib_files) // 2]
    bib.write_text(bib.read_text("utf-8") + "\n", "utf-8")
    incremental, incremental_cpu = run_both(root, "claims", "search", "gas")
    print(f"incremental rebuild (one claims file + one .bib changed): {incremental:.2f} s wall,"
          f" {incremental_cpu:.2f} s CPU (goal 0.3 s)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--source", type=Path, default=REPO, help="project whose claims/references are replicated"
    )
    parser.add_argument("--dir", type=Path, help="build the big repository here (kept); default a temp dir")
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--refs", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=21, help="runs of each lookup")
    parser.add_argument("--keep-index", action="store_true", help="time the lookups only, on the index there")
    args = parser.parse_args()

    root = args.dir or Path(tempfile.mkdtemp(prefix="claimtrack-bench-"))
    try:
        if not (root / "claims").is_dir():
            started = time.perf_counter()
            copies, n_claims, n_refs = replicate(args.source, root, args.claims, args.refs)
            print(f"repository: {copies} copies -> {n_claims} claims, {n_refs} references in {root}")
            print(f"  written in {time.perf_counter() - started:.1f} s (not part of the lookups)")
        if not args.keep_index:
            build_and_update(root)
        print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")

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
        cases: list[tuple[str, Callable[[int], tuple[float, float]], float]] = [
            ("claims search QUERY", lambda i: run_both(root, "claims", "search", queries[i % len(queries)]), 2.5),
            ("claims search --uncited --report R",
             lambda i: run_both(root, "claims", "search", "--uncited", "--report", reports[i % len(reports)]), 2.5),
            ("claims show ID", lambda i: run_both(root, "claims", "show", ids[i % len(ids)]), 2.5),
            ("refs show KEY", lambda i: run_both(root, "refs", "show", keys[i % len(keys)]), 2.5),
            ("footnote REPORT N", lambda i: run_both(root, "footnote", *fns[i % len(fns)]), 2.5),
            ("completion: claims show <prefix>",
             lambda i: complete_once(root, f"claims show {ids[i % len(ids)][:4]}"), 2.5),
            ("completion: refs show <prefix>",
             lambda i: complete_once(root, f"refs show {keys[i % len(keys)][:3]}"), 2.5),
            ("claimtrack --help", lambda i: run_both(root, "--help"), 3.0),
            ("xref --report R -f html", lambda i: run_both(root, "xref", "--report", reports[i % len(reports)], "-f", "html"), 0),
            ("xref --report R (rich)", lambda i: run_both(root, "xref", "--report", reports[i % len(reports)]), 0),
        ]  # fmt: skip
        for _, once, _ in cases:  # warm-up: bytecode cache, the quick commands' description
            once(0)
        side_by_side(cases, args.runs)
    finally:
        if args.dir is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
