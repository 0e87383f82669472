"""The README's tour runs as written, line by line, on a copy of the bundled project.

Each ``claimtrack`` line of the ```sh blocks from "A short tour" to the next
top-level section (the tour and the walk through each command) is run by
bash (comments, quotes and redirections as a reader's shell would take them)
with ``claimtrack`` being this checkout.  Lines that need the internet are
skipped, by name, in NEEDS_INTERNET; the tests have none.  Files the tour
names that the bundled project lacks (``reports/x.md``, ``~/papers/library.bib``)
are written first, as a reader would have them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap

import pytest
from ct_helpers import REPO

NEEDS_INTERNET = {
    "claimtrack links check": "checks cited URLs on the web",
    "claimtrack links archive": "asks the Wayback Machine",
    "claimtrack sources fetch": "captures cited pages from the web",
    "claimtrack refs check": "asks Crossref, DataCite, OpenAlex, arXiv, Open Library",
}
FINDINGS = ("claimtrack audit", "claimtrack links")  # documented "exit 1: findings"


def tour_lines() -> list[str]:
    text = (REPO / "README.md").read_text("utf-8")
    section = text.split("## A short tour", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", section, re.S)
    return [line for block in blocks for line in block.splitlines() if line.startswith("claimtrack ")]


LINES = tour_lines()


def test_the_tour_is_found():
    assert len(LINES) >= 15
    assert any(line.startswith("claimtrack audit") for line in LINES)


@pytest.fixture(scope="module")
def tour(tmp_path_factory):
    """A bundled copy, a `claimtrack` on PATH that is this checkout, and the tour's own files."""
    base = tmp_path_factory.mktemp("tour")
    root = base / "project"
    for name in ("reports", "claims", "references"):
        shutil.copytree(REPO / name, root / name)
    (root / "reports" / "x.md").write_text(
        textwrap.dedent(
            """\
            # A short report

            Turkey imported 48.1 bcm of gas in 2020.[^1]

            [^1]: EPDK, "Natural Gas Market Sector Report 2020", https://www.epdk.gov.tr/Detay/Icerik/3-0-94/dogal-gazyillik-sektor-raporu
            """
        ),
        "utf-8",
    )
    home = base / "home"
    library = (
        "@article{hochschild2021,\n  author = {Hochschild, Jennifer},\n  title = {Facts and Myths},\n"
        "  journal = {Daedalus},\n  year = {2021},\n  doi = {10.1162/daed_a_01856},\n}\n"
    )
    for folder in (home / "papers", home / "Zotero", root):  # the libraries the tour imports
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "library.bib").write_text(library, "utf-8")
    (root / "library.json").write_text(
        '[{"id": "kessler2019", "type": "article-journal", "title": "Gas imports of Turkey",'
        ' "author": [{"family": "Kessler", "given": "Anna"}], "container-title": "Energy Policy",'
        ' "issued": {"date-parts": [[2019]]}}]',
        "utf-8",
    )
    bin_dir = base / "bin"
    bin_dir.mkdir()
    program = bin_dir / "claimtrack"
    program.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m claimtrack "$@"\n', "utf-8")
    program.chmod(0o755)
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "HOME": str(home),
        "PYTHONPATH": str(REPO),
        "CLAIMTRACK_CACHE_DIR": str(base / "cache"),
        "GITHUB_STEP_SUMMARY": str(base / "summary.md"),
    }
    return root, env


@pytest.mark.parametrize("line", LINES)
def test_tour_line_runs_as_written(tour, line):
    root, env = tour
    command = line.split("#", 1)[0].strip() if not line.count('"') % 2 else line
    for prefix, why in NEEDS_INTERNET.items():
        if command.startswith(prefix):
            pytest.skip(f"needs the internet ({why}): {command}")
    done = subprocess.run(
        ["bash", "-c", line], cwd=root, env=env, capture_output=True, text=True, timeout=300
    )
    allowed = (0, 1) if command.startswith(FINDINGS) else (0,)
    assert done.returncode in allowed, (line, done.returncode, done.stderr[-2000:])
    assert "Traceback" not in done.stderr
    if "-o " not in command and ">" not in command:  # it said something
        assert done.stdout.strip() or done.stderr.strip(), line
