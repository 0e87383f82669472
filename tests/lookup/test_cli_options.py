"""The lookup commands parse their options without pydantic, with typer's usual errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

PROBE = """
import sys
sys.argv = ["claimtrack", *sys.argv[1:]]
from claimtrack.cli import main
try:
    main()
except SystemExit:
    pass
print("pydantic loaded:", "pydantic" in sys.modules, file=sys.stderr)
"""


@pytest.mark.parametrize(
    "args",
    [
        ["claims", "search", "gas", "--limit", "3", "--report", "turkey"],
        ["claims", "show", "turkey-c001", "--format", "json"],
        ["refs", "show", "epdk2020gas"],
        ["footnote", "turkey", "21"],
        ["xref", "--report", "iran", "--table", "claims", "--format", "csv"],
    ],
)
def test_a_fresh_lookup_never_imports_pydantic(sample, args):
    # Importing pydantic costs ~70 ms: a lookup must not pay it once the index is fresh.
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1"}
    first = subprocess.run([sys.executable, "-c", PROBE, *args, "--root", str(sample)], env=env,
                           capture_output=True, text=True, timeout=60)  # fmt: skip
    assert first.returncode == 0, first.stderr
    again = subprocess.run([sys.executable, "-c", PROBE, *args, "--root", str(sample)], env=env,
                           capture_output=True, text=True, timeout=60)  # fmt: skip
    assert "pydantic loaded: False" in again.stderr, again.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["claims", "search", "gas", "--limit", "0"], "0 is smaller than the minimum 1"),
        (["claims", "search", "gas", "--limit", "many"], "'many' is not a valid integer"),
        (["claims", "show", "x", "--format", "xml"], "'xml' is not one of 'table', 'json'"),
        (["xref", "--table", "everything"], "'everything' is not one of"),
    ],
)
def test_bad_option_values_are_usage_errors(run, args, message):
    err = run(*args, code=2)
    assert message in " ".join(err.split())


def test_root_must_be_a_directory(run):
    result = run.runner.invoke(
        __import__("claimtrack.cli", fromlist=["app"]).app,
        ["claims", "show", "x", "--root", str(run.root / "claims" / "iran.yaml")],
    )
    assert result.exit_code == 2 and "is a file" in result.stderr
