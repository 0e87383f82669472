"""The consumer tools the export tests run: found, or a clear failure on CI."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from ct_helpers import Cli

PACKAGES = {
    "pandoc": "pandoc",
    "biber": "biber",
    "bibtex": "texlive-binaries texlive-base",
    "ris2xml": "bibutils",
}


def need(tool: str) -> str:
    """The tool's path; without it, fail on CI (which installs it) and skip elsewhere."""
    found = shutil.which(tool)
    if found:
        return found
    message = f"{tool} is not installed (apt-get install {PACKAGES[tool]}); .ci/run installs it"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


def run(command: list[str], cwd: Path, timeout: int = 60) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=timeout, check=False)


def export(root: Path, fmt: str, *args: str) -> str:
    """``claimtrack export --format FMT ...`` in project ``root``; its stdout."""
    return Cli(root)("export", "--format", fmt, *args).stdout


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
