"""The export command line: output file, format setting, help."""

from __future__ import annotations

from pathlib import Path

from ct_helpers import Cli
from export_tools import export
from typer.testing import CliRunner

from claimtrack.cli import app


def test_output_file(fixture_project: Path, tmp_path: Path) -> None:
    target = tmp_path / "paper" / "refs.bib"
    target.parent.mkdir()  # -o never makes folders (a typo would silently make a tree)
    result = Cli(fixture_project)("export", "--format", "biblatex", "-o", str(target))
    assert result.stdout == ""
    assert "wrote 9 references" in result.stderr
    assert target.read_text(encoding="utf-8") == export(fixture_project, "biblatex")
    assert [p.name for p in target.parent.iterdir()] == ["refs.bib"]  # no temporary file left


def test_format_from_settings_and_flag_overrides(fixture_project: Path) -> None:
    (fixture_project / "pyproject.toml").write_text(
        '[tool.claimtrack.export]\nformat = "ris"\n', encoding="utf-8"
    )
    cli = Cli(fixture_project)
    assert cli("export").stdout.startswith("TY  - ")
    assert cli("export", "--format", "biblatex").stdout.startswith("@")


def test_bad_format_setting(fixture_project: Path) -> None:
    (fixture_project / "pyproject.toml").write_text(
        '[tool.claimtrack.export]\nformat = "word"\n', encoding="utf-8"
    )
    result = Cli(fixture_project)("export", code=2)
    assert "format 'word' is not one of the formats" in result.stderr


def test_help_names_every_format_and_marks_bibtex_lossy(fixture_project: Path) -> None:
    out = CliRunner().invoke(app, ["export", "--help"])
    text = " ".join(out.stdout.split())
    for name in ("biblatex", "bibtex", "csl-json", "ris", "text", "markdown", "html"):
        assert name in text
    assert "LOSSY" in text
