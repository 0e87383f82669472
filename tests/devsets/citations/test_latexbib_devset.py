"""LaTeX papers with their own list (thebibliography, .bbl), measured on the real dev set when present.

The papers are public material that is not committed (SOURCES.md, latexbib section);
they are looked for in $CLAIMTRACK_DEVSETS/citations-latex and
../shared/devsets/citations-latex beside the repository. Without them this test skips.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO / "benchmarks"))


def _devset() -> Path:
    for base in (os.environ.get("CLAIMTRACK_DEVSETS"), str(REPO.parent / "shared" / "devsets")):
        if base and (Path(base) / "citations-latex").is_dir():
            return Path(base) / "citations-latex"
    pytest.skip("no citations-latex dev set: set CLAIMTRACK_DEVSETS (see tests/devsets/citations/SOURCES.md)")


@pytest.mark.timeout(900)
@pytest.mark.parametrize("inline", [False, True], ids=["bbl-beside", "bbl-pasted"])
def test_cite_keys_link_to_the_papers_own_entries(inline):
    import latexbib_eval

    rows = [
        latexbib_eval.measure(folder, inline) for folder in sorted(_devset().iterdir()) if folder.is_dir()
    ]
    rows = [row for row in rows if row]
    cites = sum(r["cites"] for r in rows)
    assert len(rows) >= 8 and cites > 250
    assert sum(r["linked"] for r in rows) / cites >= 0.98  # the target, against pandoc's Cite keys
    assert all(r["as_claims"] == 0 for r in rows)  # no entry became a claim
    assert all(r["read"] == r["entries"] for r in rows)  # every \bibitem / \entry read
    assert all(r["reported"] == r["missing"] for r in rows)  # a key with no entry is a finding
