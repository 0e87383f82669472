"""Records older than their reports are said out loud; deleted reports are a finding, and can be retired."""

from __future__ import annotations

import json

import yaml
from ct_helpers import REPO, write_report

REPORT = """
# R

## One

Turkey sold $123 million of weapons to Baku in 2020.[^1] Iran welcomed the deal on November 10, 2020.[^2]

[^1]: *Exports peak.* URL: <https://example.org/exports>
[^2]: *Iran welcomes deal.* URL: <https://example.org/{iran}>
"""


def test_an_edited_report_is_named_by_every_reader(project, cli):
    path = write_report(project, "r.md", REPORT.format(iran="iran"))
    cli("ingest")
    assert cli("claims", "list", "--format", "json").stderr == ""
    path.write_text(path.read_text().replace("$123 million", "$150 million"))
    for args in (
        ["claims", "list", "--format", "json"],
        ["refs", "list", "--format", "json"],
        ["claims", "search", "weapons", "--format", "json"],
        ["export", "--format", "csl-json"],
    ):
        result = cli(*args)
        assert result.stderr.strip() == (
            "claimtrack: warning: reports/r.md changed since it was ingested; its records are out of "
            "date (run claimtrack ingest)"
        ), args
        json.loads(result.stdout)  # machine output stays clean
    findings = json.loads(cli("audit", "--format", "json", code=1).stdout)["findings"]
    changed = [f for f in findings if f["code"] == "CT106"]
    assert [(f["slug"], f["file"], f["report"]) for f in changed] == [("report-changed", "reports/r.md", "r")]
    assert "claimtrack ingest" in changed[0]["fix"]
    cli("ingest")
    assert cli("claims", "list").stderr == ""
    assert not [
        f
        for f in json.loads(cli("audit", "--format", "json", code=None).stdout)["findings"]
        if f["code"] == "CT106"
    ]


def test_a_touched_but_unchanged_report_is_not_stale(project, cli):
    path = write_report(project, "r.md", REPORT.format(iran="iran"))
    cli("ingest")
    path.write_text(path.read_text())  # new mtime, same text
    assert cli("claims", "list").stderr == ""


def test_audit_ingest_brings_records_up_to_date_first(project, cli):
    path = write_report(project, "r.md", REPORT.format(iran="iran"))
    cli("ingest")
    path.write_text(path.read_text().replace("$123 million", "$150 million"))
    result = cli("audit", "--ingest", "--format", "json", code=None)
    assert not [f for f in json.loads(result.stdout)["findings"] if f["code"] == "CT106"]
    assert "$150 million" in (project / "claims" / "r.yaml").read_text()
    assert "wrote claims/r.yaml" in result.stderr


def test_the_pre_commit_hook_ingests_then_audits():
    hooks = {h["id"]: h for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    audit = hooks["claimtrack-audit"]
    assert audit["entry"] == "claimtrack audit --ingest"
    assert audit["files"].startswith("^(reports") and audit["pass_filenames"] is False


def test_prune_retires_a_deleted_report_but_keeps_shared_sources(project, cli):
    write_report(project, "a.md", REPORT.format(iran="iran"))
    write_report(project, "b.md", REPORT.format(iran="iran-b"))
    cli("ingest")
    keys_b = {
        r["key"]
        for r in json.loads(cli("refs", "list", "--format", "json").stdout)
        if r["file"].endswith("b.bib")
    }
    (project / "reports" / "a.md").unlink()
    assert "reports/a.md was deleted" in cli("claims", "list").stderr
    dry = cli("ingest", "--prune", "--dry-run")
    assert "would remove its records" in dry.stdout and (project / "claims" / "a.yaml").exists()
    result = cli("ingest", "--prune")
    assert "a: report deleted; removed its records" in result.stdout
    assert not (project / "claims" / "a.yaml").exists()
    refs = json.loads(cli("refs", "list", "--format", "json").stdout)
    # a.md's exports source is cited by b.md too: kept; a.md's own Iran source went
    assert {r["url"] for r in refs} == {"https://example.org/exports", "https://example.org/iran-b"}
    assert {r["key"] for r in refs} >= keys_b
    assert cli("claims", "list").stderr == ""
    assert cli("audit", "--select", "CT107", "--format", "json").stdout.count("CT107") == 0


def test_prune_keeps_reviewed_claims_unless_forced(project, cli):
    write_report(project, "a.md", REPORT.format(iran="iran"))
    cli("ingest")
    records = project / "claims" / "a.yaml"
    records.write_text(records.read_text().replace("status: unreviewed", "status: verified", 1))
    (project / "reports" / "a.md").unlink()
    result = cli("ingest", "--prune")
    assert "records kept: 1 reviewed claims" in result.stdout and records.exists()
    cli("ingest", "--prune", "--force")
    assert not records.exists() and not (project / "references" / "a.bib").exists()
    assert "--force only goes with --prune" in cli("ingest", "--force", code=2).stderr
