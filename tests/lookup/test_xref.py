"""``claimtrack xref``: the tables in each format, and completion of ids."""

from __future__ import annotations

import csv
import io
import json
import re

from lookup.lookup_fixtures import claim, iran_file
from rich.console import Console
from typer.testing import CliRunner

from claimtrack import claimstore
from claimtrack.cli import app
from claimtrack.index.build import open_index
from claimtrack.xref import render, tables


def test_csv_parses_one_row_per_claim_and_source(run):
    rows = list(csv.DictReader(io.StringIO(run("xref", "--table", "claims", "--format", "csv"))))
    pairs = [(r["claim"], r["footnote"], r["reference"]) for r in rows]
    assert pairs == [
        ("iran-c001", "1", "reuters2020armenia"),
        ("turkey-c001", "17", "epdk2020gas"),
        ("turkey-c002", "21", "reuters2020armenia"),
        ("turkey-c002", "21", "tass2020drones"),
        ("turkey-c003", "", ""),
        ("turkey-c004", "", ""),
    ]
    assert rows[1]["text"].startswith("In January-April 2020, Baku took the lead with 33.2 percent")


def test_csv_of_the_reverse_index_joins_lists(run):
    rows = list(csv.DictReader(io.StringIO(run("xref", "-t", "references", "-f", "csv"))))
    assert rows[0]["reference"] == "reuters2020armenia"
    assert rows[0]["claim_ids"] == "iran-c001; turkey-c002"


def test_csv_of_all_tables_asks_for_one(run):
    err = run("xref", "--format", "csv", code=2)
    assert "csv holds one table" in err and err.count("\n") == 1


def test_json_has_every_table(run):
    data = json.loads(run("xref", "--format", "json"))
    assert set(data["tables"]) == {
        "claims",
        "references",
        "footnotes",
        "summary",
        "domains",
        "types",
        "shared",
    }
    refs = data["tables"]["references"]["rows"]
    # sorted by how many claims depend on each source
    assert [(r["reference"], r["claims"]) for r in refs] == [
        ("reuters2020armenia", 2),
        ("epdk2020gas", 1),
        ("tass2020drones", 1),
    ]
    fns = {(r["report"], r["footnote"]): r for r in data["tables"]["footnotes"]["rows"]}
    assert fns[("turkey", "21")]["references"] == ["reuters2020armenia", "tass2020drones"]
    assert fns[("turkey", "21")]["claims"] == ["turkey-c002"]
    summary = {r["report"]: r for r in data["tables"]["summary"]["rows"]}
    assert (summary["turkey"]["cited"], summary["turkey"]["uncited"], summary["turkey"]["sources"]) == (
        2,
        2,
        3,
    )
    domains = [(r["report"], r["domain"], r["sources"]) for r in data["tables"]["domains"]["rows"]]
    assert ("turkey", "reuters.com", 1) in domains and ("iran", "reuters.com", 1) in domains
    types = [(r["report"], r["type"]) for r in data["tables"]["types"]["rows"]]
    assert ("turkey", "report") in types
    assert data["tables"]["shared"]["rows"] == [
        {
            "reference": "reuters2020armenia",
            "title": "Armenia Recalls Ambassador to Israel over Arms Sales to Azerbaijan",
            "report_count": 2,
            "reports": ["iran", "turkey"],
        }
    ]


def test_report_scope(run):
    data = json.loads(run("xref", "--report", "iran", "--format", "json"))
    assert {r["claim"] for r in data["tables"]["claims"]["rows"]} == {"iran-c001"}
    assert [r["reference"] for r in data["tables"]["references"]["rows"]] == ["reuters2020armenia"]
    # the shared table still says whom iran shares the source with
    assert data["tables"]["shared"]["rows"][0]["reports"] == ["iran", "turkey"]


def test_markdown_tables(run):
    text = run("xref", "--format", "markdown")
    assert "## Reference → claims (most depended on first)" in text
    assert "| turkey | turkey-c002 | 21 | tass2020drones | tass.ru |" in text
    assert "|---|---|---|---:|" in text  # the numeric column of the summary... aligned right


def test_html_is_one_page_linking_claims_to_sources(run, tmp_path):
    out = tmp_path / "xref.html"
    run("xref", "--format", "html", "--output", str(out))
    page = out.read_text()
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert not re.search(r"<script|<link |src=", page)  # self-contained
    # the claim row links to its source's row and to the source itself
    row = re.search(r'<tr id="claim-turkey-c001">.*?</tr>', page, re.S).group(0)
    assert 'href="#ref-epdk2020gas"' in row
    assert 'href="https://www.epdk.gov.tr/Detay/Icerik/3-0-94/dogal-gazaylik-sektor-raporu"' in row
    assert '<tr id="ref-epdk2020gas">' in page
    # and each source links back to the claims that depend on it
    ref_row = re.search(r'<tr id="ref-reuters2020armenia">.*?</tr>', page, re.S).group(0)
    assert 'href="#claim-iran-c001"' in ref_row and 'href="#claim-turkey-c002"' in ref_row
    # every in-page link has its target
    targets = set(re.findall(r'id="([^"]+)"', page))
    assert set(re.findall(r'href="#([^"]+)"', page)) <= targets


def test_html_escapes_record_text(sample, run):
    evil = iran_file()
    evil.claims.append(claim("iran", 2, "A <script>alert(1)</script> & [bold]x[/bold]", [], []))
    claimstore.write(sample / "claims" / "iran.yaml", evil)
    page = run("xref", "--format", "html")
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_terminal_tables_fit_80_columns(sample):
    conn, _ = open_index(sample)
    buffer = io.StringIO()
    render.rich(Console(file=buffer, width=80, color_system=None), tables.build(conn, None))
    lines = buffer.getvalue().splitlines()
    assert max(len(line) for line in lines) <= 80
    assert any("reuters2020armenia" in line for line in lines)


def complete(sample, words: str) -> list[str]:
    result = CliRunner().invoke(
        app,
        [],
        prog_name="claimtrack",
        env={
            "_CLAIMTRACK_COMPLETE": "complete_bash",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(words.split()) - 1),
        },
    )
    return result.output.split()


def test_shell_completion_of_ids_keys_reports_and_footnotes(sample):
    root = f"--root {sample}"
    assert complete(sample, f"claimtrack claims show {root} turkey-c00") == [
        "turkey-c001", "turkey-c002", "turkey-c003", "turkey-c004",
    ]  # fmt: skip
    assert complete(sample, f"claimtrack refs show {root} ta") == ["tass2020drones"]
    assert complete(sample, f"claimtrack footnote {root} tu") == ["turkey"]
    assert complete(sample, f"claimtrack footnote {root} turkey 2") == ["21", "22"]
