"""Reports are identified by their path under reports/: nested folders, no collisions, old ids kept."""

from __future__ import annotations

import json

from ct_helpers import Cli, write_report

REPORT = """
# {title}

In 2020, gas exports {verb} 12 percent.[^1] Iran welcomed the deal on November 10, 2020.[^2]

[^1]: *Exports peak.* URL: <https://example.org/{slug}/exports>
[^2]: *Iran welcomes deal.* URL: <https://example.org/{slug}/iran>
"""


def report(slug: str, verb: str = "rose") -> str:
    return REPORT.format(title=slug.title(), verb=verb, slug=slug)


def claims(cli, *args: str) -> list[dict]:
    return json.loads(cli("claims", "list", "--format", "json", *args).stdout)


def review_first_claim(path) -> None:
    path.write_text(path.read_text("utf-8").replace("status: unreviewed", "status: verified", 1), "utf-8")


def test_same_file_name_in_two_folders_are_two_reports(project, cli):
    write_report(project, "report.txt", report("top"))
    write_report(project, "2020/report.md", report("nested"))
    cli("ingest")  # finds the nested report too
    assert (project / "claims" / "report.yaml").is_file()
    assert (project / "claims" / "2020" / "report.yaml").is_file()
    review_first_claim(project / "claims" / "2020" / "report.yaml")
    reviewed = {c["id"] for c in claims(cli) if c["review"] == "verified"}
    # ingesting one report, then all of them, never detaches or flips the other's records
    cli("ingest", str(project / "reports" / "report.txt"))
    out = cli("ingest").stdout
    assert "detached" not in out and "unchanged" in out
    assert {c["id"] for c in claims(cli) if c["review"] == "verified"} == reviewed
    assert {c["report"] for c in claims(cli)} == {"report", "2020/report"}
    assert len(claims(cli, "--report", "2020/report")) == 2
    assert len(claims(cli, "--report", "reports/report.txt")) == 2
    refs = json.loads(cli("refs", "list", "--format", "json").stdout)
    assert (
        sorted(r["file"] for r in refs) == ["references/2020/report.bib"] * 2 + ["references/report.bib"] * 2
    )


def test_same_stem_with_two_suffixes_never_collide(project, cli):
    write_report(project, "brief.md", report("one"))
    write_report(project, "brief.txt", report("two", verb="fell"))
    cli("ingest")
    ids = sorted({c["report"] for c in claims(cli)})
    assert ids == ["brief", "brief.txt"]
    # each report keeps its id whichever is ingested first next time
    cli("ingest", str(project / "reports" / "brief.txt"))
    cli("ingest", str(project / "reports" / "brief.md"))
    assert sorted({c["report"] for c in claims(cli)}) == ids
    assert len(list((project / "claims").glob("*.yaml"))) == 2


def test_case_only_difference_gets_its_own_id(project, cli):
    write_report(project, "Notes.md", report("upper"))
    write_report(project, "notes.md", report("lower", verb="fell"))
    cli("ingest")
    assert len({c["report"] for c in claims(cli)}) == 2
    assert len({p.name.casefold() for p in (project / "claims").glob("*.yaml")}) == 2  # safe on macOS too


def test_existing_ids_are_kept(bundled):
    tmp_path, cli = bundled, Cli(bundled)
    before = {p.name: p.read_bytes() for p in (tmp_path / "claims").iterdir()}
    result = cli("ingest")
    assert result.stdout.count("unchanged") == 2
    assert {p.name: p.read_bytes() for p in (tmp_path / "claims").iterdir()} == before
    assert {c["report"] for c in claims(cli)} == {"004_7e88fde1e0fb7812", "000_f3de1e5d7ccbdab7"}


def test_a_record_made_under_the_old_flat_id_keeps_it(project, cli):
    # before nested folders were supported, `ingest reports/2020/r.md` recorded the id "r"
    cli("ingest", str(write_report(project, "r.md", report("old"))))
    (project / "reports" / "2020").mkdir()
    (project / "reports" / "r.md").rename(project / "reports" / "2020" / "r.md")
    flat = project / "claims" / "r.yaml"
    flat.write_text(flat.read_text("utf-8").replace("reports/r.md", "reports/2020/r.md"), "utf-8")
    before = flat.read_bytes()
    assert "unchanged" in cli("ingest").stdout
    assert {c["report"] for c in claims(cli)} == {"r"} and flat.read_bytes() == before
    assert not (project / "claims" / "2020").exists()


def test_lookups_find_nested_reports(project, cli):
    write_report(project, "report.txt", report("top"))
    write_report(project, "2020/report.md", report("nested", verb="fell"))
    cli("ingest")
    found = json.loads(cli("claims", "search", "gas exports fell", "--format", "json").stdout)
    assert found["hits"][0]["report"] == "2020/report"
    note = json.loads(cli("footnote", "2020/report", "1", "--format", "json").stdout)
    assert "nested/exports" in json.dumps(note)
    assert "2020/report" in cli("xref", "--report", "2020/report", "--format", "markdown").stdout
