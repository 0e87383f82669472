"""``refs import`` of 5,000 real entries against ``pandoc -f biblatex -t csljson`` on the same file.

    python benchmarks/bib_import_bench.py [DIR] [--entries 5000] [--runs 3]

DIR holds real .bib libraries (default: $CLAIMTRACK_DEVSETS/references);
their entries are concatenated (keys made unique) until there are
``--entries``, into one file.  Both tools run as whole processes on it:
``claimtrack refs import FILE --dry-run`` in an empty project (read, map,
merge, no write) and pandoc.  Prints the median of each and the ratio.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def build(folder: Path, entries: int) -> str:
    chunks: list[str] = []
    strings: list[str] = []
    count = 0
    round_ = 0
    while count < entries:
        round_ += 1
        for path in sorted(folder.glob("*.bib")):
            text = path.read_text(encoding="utf-8")
            if re.search(r"^@\w+_\w+\{|^@\w+\{\s*,", text, re.M):
                continue  # pandoc cannot read this one at all (see bib_agreement.py)
            strings += re.findall(r"^@string\{[^\n]*\}\s*$", text, re.M | re.I) if round_ == 1 else []
            for match in re.finditer(r"^@(?!string|comment|preamble)(\w+)\{([^,\s]+),(.*?)(?=^@|\Z)", text,
                                     re.M | re.S | re.I):  # fmt: skip
                body = re.sub(r"(crossref\s*=\s*\{)([^}]+)\}", lambda m, n=round_: f"{m.group(1)}{m.group(2)}r{n}}}",
                              match.group(3), flags=re.I)  # fmt: skip
                chunks.append(f"@{match.group(1)}{{{match.group(2)}r{round_},{body}")
                count += 1
                if count >= entries:
                    break
            if count >= entries:
                break
    return "\n".join(strings) + "\n\n" + "".join(chunks)


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{command[0]} failed: {done.stderr.strip()[:300]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folder", nargs="?", type=Path,
                        default=Path(os.environ.get("CLAIMTRACK_DEVSETS", "../shared/devsets")) / "references")  # fmt: skip
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "references").mkdir()
        (root / "claims").mkdir()
        library = root / "library.bib"
        library.write_text(build(args.folder, args.entries), encoding="utf-8")
        n = len(re.findall(r"^@(?!string)\w+\{", library.read_text(encoding="utf-8"), re.M | re.I))
        size = library.stat().st_size
        ours_cmd = [
            sys.executable,
            "-m",
            "claimtrack",
            "refs",
            "import",
            str(library),
            "--dry-run",
            "--root",
            str(root),
        ]
        pandoc_cmd = ["pandoc", "-f", "biblatex", "-t", "csljson", "-o", str(root / "out.json"), str(library)]
        ours, theirs = [], []
        for _ in range(args.runs):
            ours.append(timed(ours_cmd, root))
            theirs.append(timed(pandoc_cmd, root))
    o, t = statistics.median(ours), statistics.median(theirs)
    print(f"entries: {n} ({size:,} bytes)")
    print(
        f"claimtrack refs import --dry-run: median {o:.2f} s over {args.runs} runs {[round(x, 2) for x in ours]}"
    )
    print(
        f"pandoc -f biblatex -t csljson:   median {t:.2f} s over {args.runs} runs {[round(x, 2) for x in theirs]}"
    )
    print(f"pandoc / claimtrack: {t / o:.2f}x")


if __name__ == "__main__":
    main()
