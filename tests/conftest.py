"""Shared fixtures: a project in a temporary directory and a CLI runner."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from ct_helpers import REPO, Cli


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An empty claimtrack project: reports/ only."""
    (tmp_path / "reports").mkdir()
    return tmp_path


@pytest.fixture
def cli(project: Path) -> Cli:
    return Cli(project)


@pytest.fixture
def bundled(tmp_path: Path) -> Path:
    """A copy of the repository's bundled reports, claims and references."""
    for name in ("reports", "claims", "references"):
        shutil.copytree(REPO / name, tmp_path / name)
    return tmp_path
