"""Measure ``refs check`` on the labelled development set: the confusion table expected × verdict.

    python benchmarks/refcheck_devset.py [DEVSET_DIR]

DEVSET_DIR (default: ``$CLAIMTRACK_DEVSETS/registries/set``, else
``../shared/devsets/registries/set`` beside the repository) is made by
``tests/devsets/registries/build_devset.py``: ``library.bib``, ``labels.json``
(citekey -> {"expected": "genuine..." | "fabricated..." | "retracted" | ...}) and
``registry/<name>.json`` for any of crossref, datacite, arxiv, openlibrary, openalex (lists of
records in the shapes ``tests/registries/fake_registries.py`` serves).  The registries are the loopback
fakes of the test suite, loaded with those records; the library is read as
``refs import`` reads a BibTeX file (classic field names) and stored as is,
every entry kept (import would merge a fabricated variant into its original).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

VERDICTS = ["verified", "mismatch", "not-found", "retracted", "invalid", "unchecked"]


def devset_dir(argv: list[str]) -> Path:
    if len(argv) > 1:
        return Path(argv[1])
    env = os.environ.get("CLAIMTRACK_DEVSETS")
    if env:
        return Path(env) / "registries" / "set"
    return REPO.parent / "shared" / "devsets" / "registries" / "set"


def make_project(root: Path, devset: Path, settings: str) -> None:
    from claimtrack.refimport import read_library
    from claimtrack.refstore import write

    refs, skipped, _ = read_library(devset / "library.bib")
    if skipped:
        print(f"{len(skipped)} entries of the library could not be read: {skipped[:3]}", file=sys.stderr)
    (root / "references").mkdir(parents=True)
    write(root / "references" / "library.bib", refs)
    (root / "pyproject.toml").write_text("[tool.claimtrack]\n" + settings, encoding="utf-8")


def run(devset: Path) -> tuple[dict[str, dict], dict[str, dict], list[tuple[float, int, int]]]:
    from registries.fake_registries import FakeRegistries

    fake = FakeRegistries()
    try:
        for name in ("crossref", "datacite", "arxiv", "openlibrary", "openalex"):
            path = devset / "registry" / f"{name}.json"  # each optional: a registry may hold nothing
            if path.is_file():
                fake[name].records.extend(json.loads(path.read_text()))
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            make_project(root, devset, fake.settings_toml())
            runs = []
            for _ in range(2):  # cold, then answered from the cache
                start = time.monotonic()
                proc = subprocess.run(
                    [sys.executable, "-m", "claimtrack", "refs", "check", "--root", str(root), "--format", "json"],
                    capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1"},
                )  # fmt: skip
                if not proc.stdout:
                    sys.exit(f"refs check failed: {proc.stderr}")
                data = json.loads(proc.stdout)
                runs.append((time.monotonic() - start, data["requests"], data["from_cache"]))
            results = {r["reference"]: r for r in data["results"]}
            elapsed = runs
    finally:
        fake.close()
    labels = json.loads((devset / "labels.json").read_text())
    return labels, results, elapsed


def table(labels: dict[str, dict], results: dict[str, dict]) -> str:

    rows: dict[str, Counter] = {}
    for key, label in labels.items():
        verdict = results.get(key, {}).get("verdict", "(missing)")
        rows.setdefault(label["expected"], Counter())[verdict] += 1
    order = ["genuine", "genuine:perturbed", "fabricated:doi-swap", "fabricated:fake-doi", "fabricated:fake-title",
             "fabricated:wrong-authors", "retracted", "unknown"]  # fmt: skip
    lines = [
        "| expected \\ verdict | " + " | ".join(VERDICTS) + " | total |",
        "|---" * (len(VERDICTS) + 2) + "|",
    ]
    for expected in [e for e in order if e in rows] + sorted(set(rows) - set(order)):
        counts = rows[expected]
        lines.append(f"| {expected} | " + " | ".join(str(counts.get(v, 0) or "") for v in VERDICTS)
                     + f" | {sum(counts.values())} |")  # fmt: skip
    return "\n".join(lines)


def goals(labels: dict[str, dict], results: dict[str, dict]) -> list[str]:
    def verdict(key: str) -> str:
        return results.get(key, {}).get("verdict", "(missing)")

    fabricated = [k for k, v in labels.items() if v["expected"].startswith("fabricated")]
    genuine = [k for k, v in labels.items() if v["expected"].startswith("genuine")]
    retracted = [k for k, v in labels.items() if v["expected"] == "retracted"]
    caught = [k for k in fabricated if verdict(k) in ("not-found", "mismatch")]
    flagged = [k for k in genuine if verdict(k) not in ("verified", "unchecked")]
    found = [k for k in retracted if verdict(k) == "retracted"]
    out = [
        f"fabricated flagged not-found or mismatch: {len(caught)}/{len(fabricated)}",
        f"genuine flagged: {len(flagged)}/{len(genuine)}" + (f" ({', '.join(flagged)})" if flagged else ""),
        f"retractions found: {len(found)}/{len(retracted)}",
    ]
    missed = [
        f"{k} -> {verdict(k)}: {results.get(k, {}).get('reason', '')[:140]}"
        for k in fabricated
        if k not in caught
    ]
    return out + [f"  missed {m}" for m in missed]


def main() -> None:
    devset = devset_dir(sys.argv)
    if not (devset / "labels.json").is_file():
        sys.exit(f"no development set at {devset} (build it with tests/devsets/registries/build_devset.py)")
    labels, results, runs = run(devset)
    (cold, cold_requests, _), (warm, warm_requests, warm_hits) = runs
    print(f"{len(labels)} references; cold run {cold:.1f} s, {cold_requests} requests; "
          f"second run {warm:.1f} s, {warm_requests} requests ({warm_hits} answers from the cache)\n")  # fmt: skip
    print(table(labels, results))
    print()
    print("\n".join(goals(labels, results)))


if __name__ == "__main__":
    main()
