"""Helpers for tests: a CLI runner bound to a project root, report writing."""

from __future__ import annotations

import textwrap
from pathlib import Path

from typer.testing import CliRunner

from claimtrack.cli import app

REPO = Path(__file__).resolve().parent.parent
BUNDLED_REPORTS = REPO / "reports"


class Cli:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.runner = CliRunner()

    def __call__(self, *args: str, code: int | None = 0):
        result = self.runner.invoke(
            app, [*args, "--root", str(self.root)] if args[0] != "--version" else list(args)
        )
        if code is not None:
            assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
        return result


def write_report(root: Path, name: str, text: str) -> Path:
    path = root / "reports" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path
