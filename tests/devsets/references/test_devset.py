"""The real libraries of the development set (see SOURCES.md), when present: read, round trip, agreement."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from claimtrack.bib import biblatex_write, bibtex_read

REPO = Path(__file__).resolve().parents[3]
CANDIDATES = [Path(os.environ["CLAIMTRACK_DEVSETS"]) / "references"] if os.environ.get("CLAIMTRACK_DEVSETS") else []
CANDIDATES.append(REPO.parent / "shared" / "devsets" / "references")
FOLDER = next((p for p in CANDIDATES if p.is_dir()), None)
FILES = sorted(FOLDER.glob("*.bib")) if FOLDER else []

pytestmark = pytest.mark.skipif(
    not FILES, reason="the references dev set is not here (set CLAIMTRACK_DEVSETS; see SOURCES.md)"
)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_real_library_round_trips_byte_identical(path: Path) -> None:
    read = bibtex_read.read(path.read_text(encoding="utf-8"), path)
    assert read.references
    first = biblatex_write.dumps(read.references)
    assert biblatex_write.dumps(bibtex_read.read(first, path).references) == first
