"""Outside a project every command that needs records fails (exit 2) and creates nothing; ``init`` makes one."""

from __future__ import annotations

import tomllib

import pytest
import yaml
from typer.testing import CliRunner

from claimtrack.cli import app

READERS = [
    ["claims", "list"],
    ["refs", "list", "--format", "json"],
    ["claims", "search", "gas"],
    ["claims", "show", "c123"],
    ["refs", "show", "key"],
    ["footnote", "r", "1"],
    ["xref"],
    ["audit"],
    ["links", "check"],
    ["export"],
    ["ingest"],
    ["refs", "import", "lib.bib"],
]


@pytest.mark.parametrize("args", READERS, ids=lambda a: " ".join(a[:2]))
def test_outside_a_project_fails_and_creates_nothing(tmp_path, monkeypatch, args):
    (tmp_path / "lib.bib").write_text("@misc{a, title = {A}}\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output
    assert result.stderr.strip() == (
        f"claimtrack: error: no claimtrack project here (no claims/ or references/ found from {tmp_path} "
        "upward); run claimtrack init or pass --root"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lib.bib"]  # no .claimtrack/, nothing


def test_a_root_that_is_no_project_is_refused(tmp_path):
    result = CliRunner().invoke(app, ["claims", "list", "--root", str(tmp_path)])
    assert result.exit_code == 2
    assert f"no claims/ or references/ found in {tmp_path}" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_subdirectory_of_a_project_finds_it(tmp_path, monkeypatch):
    (tmp_path / "claims").mkdir()
    (tmp_path / "reports" / "2021").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "reports" / "2021")
    assert CliRunner().invoke(app, ["claims", "list", "--format", "json"]).stdout.strip() == "[]"


def test_init_makes_a_project_and_changes_nothing_twice(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".gitignore").write_text("node_modules/\n")
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "my-reports"\n')
    first = CliRunner().invoke(app, ["init", "--ci"])
    assert first.exit_code == 0, first.output
    assert all((tmp_path / d).is_dir() for d in ("reports", "claims", "references"))
    pyproject = (tmp_path / "pyproject.toml").read_text()
    data = tomllib.loads(pyproject)
    assert data["project"]["name"] == "my-reports"  # the user's table kept
    assert data["tool"]["claimtrack"] == {
        "reports": "reports",
        "claims": "claims",
        "references": "references",
    }
    assert "# [tool.claimtrack.audit]" in pyproject  # the other settings, commented, to uncomment
    assert (tmp_path / ".gitignore").read_text().splitlines()[0] == "node_modules/"
    assert ".claimtrack/" in (tmp_path / ".gitignore").read_text().splitlines()
    workflow = yaml.safe_load((tmp_path / ".github" / "workflows" / "claimtrack.yml").read_text())
    steps = [s.get("run", "") for job in workflow["jobs"].values() for s in job["steps"]]
    assert any("claimtrack audit --format github" in s for s in steps)
    assert any("claimtrack links check" in s for s in steps)
    snapshot = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    second = CliRunner().invoke(app, ["init", "--ci"])
    assert second.exit_code == 0 and "kept" in second.stdout
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == snapshot
    # and it is a project: readers work, with nothing in it yet
    assert CliRunner().invoke(app, ["claims", "list", "--format", "json"]).stdout.strip() == "[]"


def test_init_refuses_a_broken_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[project\n")
    result = CliRunner().invoke(app, ["init", str(tmp_path)])
    assert result.exit_code == 2 and "pyproject.toml" in result.stderr and "invalid TOML" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pyproject.toml"]
