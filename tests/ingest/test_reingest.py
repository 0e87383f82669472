"""Re-ingest keeps what people curated; --dry-run writes nothing."""

from __future__ import annotations

import json
import re

from ct_helpers import write_report

REPORT = """
# R

## One

Turkey sold $123 million of weapons to Baku in 2020.<sup>1</sup> Iran welcomed the deal on November 10, 2020.<sup>2</sup>

<sup>1</sup> *Exports peak.* URL: <https://eadaaily.com/ru/news/2020/10/06/exports>

<sup>2</sup> *Iran welcomes deal.* URL: <https://www.tehrantimes.com/news/454507/Iran>
"""


def claims_json(cli):
    return json.loads(cli("claims", "list", "--format", "json").stdout)


def test_reviews_ids_and_corrected_references_survive_reingest(project, cli):
    path = write_report(project, "r.md", REPORT)
    cli("ingest", str(path))
    before = {c["text"]: c["id"] for c in claims_json(cli)}
    # A person reviews a claim and corrects a reference's URL by hand.
    records = project / "claims" / "r.yaml"
    text = records.read_text("utf-8")
    text = text.replace("status: unreviewed", "status: verified", 1).replace(
        "note: null", "note: checked the PDF", 1
    )
    text = text.replace("at: null", "at: 2026-11-21", 1)  # a YAML date, as a person types it
    records.write_text(text, "utf-8")
    bib = project / "references" / "r.bib"
    bib.write_text(bib.read_text("utf-8").replace("eadaaily.com", "eadaily.com"), "utf-8")
    # The report gains a paragraph elsewhere, and one sentence is lightly edited.
    edited = REPORT.replace(
        "## One\n", "## One\n\nA new opening paragraph about 2021 events in 2021.\n"
    ).replace("Iran welcomed the deal", "Iran warmly welcomed the deal")
    write_report(project, "r.md", edited)
    cli("ingest", str(path))
    after = {c["text"]: c for c in claims_json(cli)}
    weapons = "Turkey sold $123 million of weapons to Baku in 2020."
    assert after[weapons]["id"] == before[weapons]
    assert after[weapons]["review"] == "verified"
    edited_claim = after["Iran warmly welcomed the deal on November 10, 2020."]
    assert edited_claim["id"] == before["Iran welcomed the deal on November 10, 2020."]
    assert "checked the PDF" in records.read_text("utf-8")
    assert "at: '2026-11-21'" in records.read_text("utf-8")
    refs = json.loads(cli("refs", "list", "--format", "json").stdout)
    assert [r["url"] for r in refs if "exports" in r["url"]] == [
        "https://eadaily.com/ru/news/2020/10/06/exports"
    ]
    assert len(refs) == 2  # the correction was kept, not re-added from the report


def test_reviewed_claim_that_left_the_report_is_kept_detached(project, cli):
    path = write_report(project, "r.md", REPORT)
    cli("ingest", str(path))
    records = project / "claims" / "r.yaml"
    records.write_text(
        records.read_text("utf-8").replace("status: unreviewed", "status: disputed", 1), "utf-8"
    )
    write_report(
        project,
        "r.md",
        REPORT.replace("Turkey sold $123 million of weapons to Baku in 2020.<sup>1</sup> ", ""),
    )
    result = cli("ingest", str(path))
    assert "no longer in the report" in result.stdout
    data = records.read_text("utf-8")
    assert "status: disputed" in data and "detached: true" in data


def test_dry_run_reports_changes_and_writes_nothing(project, cli):
    path = write_report(project, "r.md", REPORT)
    result = cli("ingest", "--dry-run", str(path))
    assert "would write claims/r.yaml: +2 claims" in result.stdout
    assert "+ @" in result.stdout
    assert not (project / "claims").exists() and not (project / "references").exists()
    cli("ingest", str(path))
    snapshot = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    result = cli("ingest", "--dry-run", str(path))
    assert "unchanged" in result.stdout
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == snapshot


def test_claim_ids_are_stable_and_unique_across_reports(project, cli):
    write_report(project, "a.md", REPORT)
    write_report(project, "b.md", REPORT)
    cli("ingest")
    claims = claims_json(cli)
    assert len(claims) == 4 and len({c["id"] for c in claims}) == 4
    assert all(re.fullmatch(r"c[0-9a-f]{10}", c["id"]) for c in claims)
    # the same source cited by two reports is one reference
    assert len(json.loads(cli("refs", "list", "--format", "json").stdout)) == 2
