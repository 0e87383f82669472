"""Fixtures of the lookup tests: a small sample project and a CLI runner bound to it."""

from __future__ import annotations

from pathlib import Path

import pytest
from lookup.lookup_fixtures import Run, write_sample


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return write_sample(tmp_path)


@pytest.fixture
def run(sample: Path) -> Run:
    return Run(sample)
