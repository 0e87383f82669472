"""`claimtrack config` (the settings in force, with their sources) and docs/settings.md (from the code)."""

from __future__ import annotations

import json

import pytest
from ct_helpers import REPO, Cli

from claimtrack import settings_catalog as catalog


def test_the_committed_reference_page_is_the_generated_one():
    committed = (REPO / "docs" / "settings.md").read_text("utf-8")
    assert committed == catalog.reference_page(), (
        "docs/settings.md is out of date: run `claimtrack config --reference > docs/settings.md`"
    )


def test_every_setting_is_described_and_every_table_is_listed():
    found = catalog.settings()
    assert all(s.description for s in found), [f"{s.table}.{s.key}" for s in found if not s.description]
    tables = {s.table for s in found}
    assert {"", "audit", "links", "sources", "verify", "export", "index"} <= tables
    import typing

    from claimtrack.config import Settings

    sub_tables = {n for n, f in Settings.model_fields.items() if typing.get_origin(f.annotation) is dict}
    assert sub_tables <= tables, (
        f"a [tool.claimtrack] table with no model in the catalog: {sub_tables - tables}"
    )


def test_the_models_defaults_are_what_the_commands_use():
    from claimtrack.audit.runner import AuditOptions
    from claimtrack.verify.render import FINDINGS

    assert AuditOptions.build({}).fail_on.value == catalog.AuditSettings().fail_on
    assert tuple(catalog.VerifySettings().fail_on) == FINDINGS
    # every key the catalog documents is one the command accepts
    AuditOptions.build({s.key: s.default for s in catalog.settings() if s.table == "audit"})


def test_config_shows_each_value_and_where_it_came_from(bundled):
    (bundled / "pyproject.toml").write_text(
        '[tool.claimtrack]\nreports = "reports"\n[tool.claimtrack.links]\ntimeout = "5s"\n'
        '[tool.claimtrack.audit]\nfail-on = "error"\n',
        "utf-8",
    )
    result = Cli(bundled)("config", "--format", "json")
    doc = json.loads(result.stdout)
    rows = {(r["table"], r["key"]): r for r in doc["settings"]}
    assert rows[("links", "timeout")] == {
        "table": "links",
        "key": "timeout",
        "value": "5s",
        "source": "pyproject.toml",
    }
    assert rows[("audit", "fail-on")]["value"] == "error"
    assert rows[("audit", "fail-on")]["source"] == "pyproject.toml"
    assert rows[("links", "host_concurrency")] == {
        "table": "links",
        "key": "host_concurrency",
        "value": 2,
        "source": "default",
    }
    assert rows[("", "reports")]["source"] == "pyproject.toml"
    assert rows[("", "claims")]["source"] == "default"
    assert doc["root"] == str(bundled.resolve()) and doc["root_source"] == "--root"
    assert "NO_COLOR" in doc["environment"]
    text = Cli(bundled)("config").stdout
    assert 'links.timeout = "5s"  (pyproject.toml)' in text
    assert "links.host_concurrency = 2  (default)" in text


def test_config_without_pyproject_is_all_defaults(bundled):
    doc = json.loads(Cli(bundled)("config", "-f", "json").stdout)
    assert doc["pyproject"] is None
    assert {r["source"] for r in doc["settings"]} == {"default"}


@pytest.mark.parametrize(
    ("table", "line", "said"),
    [
        ("links", "host_concurrency = 0", "[tool.claimtrack.links] host_concurrency"),
        ("sources", "nonsense = 1", "[tool.claimtrack.sources] nonsense"),
        ("index", "limit = 'many'", "[tool.claimtrack.index] limit"),
    ],
)
def test_a_bad_setting_is_one_line_naming_the_file(bundled, table, line, said):
    (bundled / "pyproject.toml").write_text(f"[tool.claimtrack.{table}]\n{line}\n", "utf-8")
    result = Cli(bundled)("config", code=2)
    assert said in result.stderr
    assert "pyproject.toml" in result.stderr
    assert "Traceback" not in result.stderr


def test_reference_page_from_the_command_is_the_catalog():
    from typer.testing import CliRunner

    from claimtrack.cli import app

    result = CliRunner().invoke(app, ["config", "--reference"])
    assert result.exit_code == 0
    assert result.stdout == catalog.reference_page()
    assert '| `host_request_interval` | `"250ms"` |' in result.stdout
