"""The soft-404 rules on real pages nobody here wrote (the links dev set, when present)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "devsets" / "links" / "measure_soft404.py"


def _measure_module():
    spec = importlib.util.spec_from_file_location("measure_soft404", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_real_articles_stay_alive_and_real_error_pages_are_dead():
    measure = _measure_module()
    root = measure.devset_dir([sys.argv[0]])
    if root is None:
        pytest.skip("links dev set absent: set CLAIMTRACK_DEVSETS (tests/devsets/links/SOURCES.md)")
    table = measure.measure(root)
    assert table["alive"].get("dead", []) == []  # no real article is called dead
    assert table["dead"].get("alive", []) == []  # every real error page served as 200 is caught
