"""Projects to export from: the hand-built fixture references and the bundled data."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from ct_helpers import REPO

sys.path.insert(0, str(Path(__file__).parent))
from refs_fixture import FIXTURE_REFS  # noqa: E402

from claimtrack import refstore  # noqa: E402


def make_fixture_project(root: Path) -> Path:
    (root / "references").mkdir(parents=True)
    refstore.write(root / "references" / "fixture.bib", FIXTURE_REFS)
    return root


def make_bundled_project(root: Path) -> Path:
    for name in ("reports", "claims", "references"):
        shutil.copytree(REPO / name, root / name)
    return root


@pytest.fixture(params=["fixture", "bundled"])
def source_project(request, tmp_path: Path) -> Path:
    """Each consumer test runs on the hand-built references and on the bundled data."""
    maker = make_fixture_project if request.param == "fixture" else make_bundled_project
    return maker(tmp_path / request.param)


@pytest.fixture
def fixture_project(tmp_path: Path) -> Path:
    return make_fixture_project(tmp_path / "fixture")


@pytest.fixture
def bundled_project(tmp_path: Path) -> Path:
    return make_bundled_project(tmp_path / "bundled")
