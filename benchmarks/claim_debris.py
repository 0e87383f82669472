"""Citation debris left in claim text, and how ingest ended, on a folder of real documents.

    python benchmarks/claim_debris.py DIR    # every document under DIR, each ingested alone
    SHOW=1 python benchmarks/claim_debris.py DIR

Each document is ingested by the command line (``python -m claimtrack init`` then ``ingest
FILE``) in a scratch project holding a copy of the document's folder (its .bib,
.bbl and inputs), as a user would run it.  Printed per document: the exit code (0 expected
on valid input; 2 or a traceback is a finding), claims, cited claims, and claims whose
text still holds citation markup a reader would not see (``[@key]``, ``@key``, Quarto's
``@fig-x``, ``\\cite``, ``[^1]``) or what taking a citation out left behind: ``[]``, ``()``,
``(see )``, ``(for ex.,)``, ``word,.``, `` ,``.  A numbered ``[3]`` that is a word of its
sentence ("taken from [1] and [3]") is what the reader sees, so it is not counted.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

SUFFIXES = {".md", ".markdown", ".qmd", ".rmd", ".tex", ".html", ".htm", ".txt", ".org", ".typ"}
DEBRIS = re.compile(
    r"\[-?@[\w:.-]+|(?<![\w.])@[A-Za-z][\w:-]*\d{2}|(?<![\w.])@(?:fig|tbl|eq|sec|lst)-|"
    r"\\(?:cite|parencite|textcite)\w*\{|\[\^[^\]]+\]|\[\s*\]|"
    r"(?<=\s)\((?:see|cf\.|e\.g\.|for ex\.|i\.e\.)?\s*[,;]?\s*\)|\w\s*,\s*[.;:](?!\d)|\s,"
)


def _main_documents(folder: Path) -> list[Path]:
    docs = []
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() not in SUFFIXES or "compare" in path.parts:
            continue
        if path.suffix.lower() == ".tex" and "\\documentclass" not in path.read_text(errors="replace"):
            continue  # a chapter another .tex inputs
        docs.append(path)
    return docs


def run(doc: Path) -> tuple[int, str, list[dict]]:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "p"
        shutil.copytree(doc.parent, work)
        subprocess.run(
            [sys.executable, "-m", "claimtrack", "init"], cwd=work, capture_output=True, check=True
        )
        done = subprocess.run(
            [sys.executable, "-m", "claimtrack", "ingest", doc.name], cwd=work, capture_output=True, text=True
        )
        claims: list[dict] = []
        for path in (work / "claims").glob("*.yaml"):
            claims += (yaml.safe_load(path.read_text()) or {}).get("claims") or []
        return done.returncode, done.stderr, claims


def main() -> None:
    folder = Path(sys.argv[1])
    show = bool(os.environ.get("SHOW"))
    print("| document | exit | traceback | claims | cited | claims with debris |")
    print("| --- | ---: | :---: | ---: | ---: | ---: |")
    for doc in _main_documents(folder):
        code, err, claims = run(doc)
        dirty = [c for c in claims if DEBRIS.search(c["text"])]
        cited = sum(1 for c in claims if c.get("citations") or c.get("footnotes") or c.get("references"))
        trace = "yes" if "Traceback" in err else ""
        print(f"| {doc.relative_to(folder)} | {code} | {trace} | {len(claims)} | {cited} | {len(dirty)} |")
        if show:
            for c in dirty:
                print("   debris:", DEBRIS.search(c["text"]).group(0), "|", c["text"][:140])
            if code:
                print("   stderr:", err.strip().splitlines()[-1:] if err.strip() else "")


if __name__ == "__main__":
    main()
