"""`claimtrack audit` through the CLI: formats, exit codes, select/ignore/fail-on, PATHS."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
from ct_helpers import Cli

REPORT = """
# Gas

In 2019, Azerbaijan supplied 21.2 percent of Turkey's gas. Turkey sold arms to Baku.<sup>1</sup>

<sup>1</sup> *Arms exports peak.* URL: <https://www.dw.com/tr/arms-exports-peak-in-2020/a-1>
"""


@pytest.fixture
def audited(build):
    """A project with one warning (citation-needed) and one info (no-date)."""
    build.report(REPORT)
    build.footnote(
        "1", "*Arms exports peak.* URL: <https://www.dw.com/tr/arms-exports-peak-in-2020/a-1>", refs=["dw"]
    )
    build.ref("dw", title="Arms exports peak", url="https://www.dw.com/tr/arms-exports-peak-in-2020/a-1")
    build.claim("In 2019, Azerbaijan supplied 21.2 percent of Turkey's gas.")
    build.claim("Turkey sold arms to Baku.", footnotes=["1"], refs=["dw"])
    build.write()
    return Cli(build.root)


def test_json_contract(audited):
    result = audited("audit", "--format", "json", code=1)
    data = json.loads(result.stdout)
    assert data["version"] == 1 and data["reports"] == ["r1"]
    assert data["summary"] == {
        "findings": 2, "error": 0, "warning": 1, "info": 1, "fail_on": "warning", "failed": True,
    }  # fmt: skip
    needed, no_date = data["findings"]  # worst first
    assert {
        "code",
        "slug",
        "severity",
        "report",
        "message",
        "claim",
        "reference",
        "footnote",
        "file",
        "line",
    } <= set(needed)
    assert (needed["code"], needed["slug"], needed["severity"]) == ("CT101", "citation-needed", "warning")
    assert (needed["file"], needed["line"], needed["claim"]) == ("reports/r1.md", 3, "r1-c1")
    assert (needed["reason"], needed["trigger"]) == ("statistic", "21.2 percent")
    assert (no_date["slug"], no_date["reference"], no_date["file"]) == ("no-date", "dw", "references/r1.bib")
    [report_row, section_row] = data["coverage"]
    assert report_row == {
        "report": "r1", "section": None, "claims": 2, "cited": 1, "uncited": 1, "exempt": 0, "factual": 2, "share_cited": 0.5,
    }  # fmt: skip
    assert section_row["section"] == "Section"


@pytest.mark.parametrize(
    ("args", "code"),
    [
        ([], 1),  # a warning fails the default --fail-on warning
        (["--fail-on", "error"], 0),
        (["--fail-on", "info"], 1),
        (["--ignore", "CT101"], 0),  # only the info finding is left
        (["--select", "no-date", "--fail-on", "info"], 1),
        (["--select", "CT3"], 0),  # the URL family finds nothing here
    ],
)
def test_exit_codes(audited, args, code):
    audited("audit", *args, code=code)


def test_usage_errors_exit_2_with_one_line(audited):
    for args, message in [
        (["--select", "CT999"], "--select: unknown rule 'CT999'"),
        (["nope"], "unknown report 'nope'"),
    ]:
        result = audited("audit", *args, code=2)
        assert result.stderr.startswith("claimtrack: error: ") and message in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    # a value typer itself rejects: its usage message, exit 2
    assert "'fatal' is not one of" in audited("audit", "--fail-on", "fatal", code=2).stderr


def test_settings_in_pyproject_and_flags_override_them(audited):
    pyproject = audited.root / "pyproject.toml"
    pyproject.write_text('[tool.claimtrack.audit]\nignore = ["citation-needed"]\nfail-on = "info"\n')
    result = audited("audit", "--format", "json", code=1)  # info fails now
    assert [f["slug"] for f in json.loads(result.stdout)["findings"]] == ["no-date"]
    audited("audit", "--fail-on", "warning", code=0)
    result = audited(
        "audit", "--ignore", "CT204", "--format", "json", code=1
    )  # the flag replaces the setting
    assert [f["slug"] for f in json.loads(result.stdout)["findings"]] == ["citation-needed"]
    pyproject.write_text('[tool.claimtrack.audit]\nselcet = ["CT1"]\n')
    assert "unknown setting 'selcet'" in audited("audit", code=2).stderr


def test_github_annotations(audited):
    lines = audited("audit", "--format", "github", code=1).stdout.splitlines()
    assert lines[0].startswith("::warning file=reports/r1.md,line=3,title=CT101 citation-needed::No source")
    assert lines[1].startswith("::notice file=references/r1.bib,line=1,title=CT204 no-date::")
    pattern = re.compile(r"^::(error|warning|notice) file=[^,:]+,line=\d+,title=[^:]+::\S.*$")
    assert all(pattern.match(line) for line in lines[:2])
    assert "%0A" not in lines[0] and "\n" not in lines[0]


# The parts of the SARIF 2.1.0 schema that code-scanning upload relies on.
SARIF_SHAPE = {
    "type": "object",
    "required": ["version", "runs", "$schema"],
    "properties": {
        "version": {"const": "2.1.0"},
        "runs": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["tool", "results"],
                "properties": {
                    "tool": {
                        "type": "object",
                        "required": ["driver"],
                        "properties": {
                            "driver": {
                                "type": "object",
                                "required": ["name", "rules"],
                                "properties": {
                                    "rules": {
                                        "type": "array",
                                        "items": {"type": "object", "required": ["id", "shortDescription"]},
                                    }
                                },
                            }
                        },
                    },
                    "results": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["ruleId", "message", "locations", "level"],
                            "properties": {
                                "level": {"enum": ["none", "note", "warning", "error"]},
                                "message": {"type": "object", "required": ["text"]},
                                "locations": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "required": ["physicalLocation"],
                                        "properties": {
                                            "physicalLocation": {
                                                "type": "object",
                                                "required": ["artifactLocation"],
                                                "properties": {
                                                    "artifactLocation": {
                                                        "type": "object",
                                                        "required": ["uri"],
                                                        "properties": {"uri": {"type": "string"}},
                                                    },
                                                    "region": {
                                                        "type": "object",
                                                        "properties": {
                                                            "startLine": {"type": "integer", "minimum": 1}
                                                        },
                                                    },
                                                },
                                            }
                                        },
                                    },
                                },
                            },
                        },
                    },
                },
            },
        },
    },
}


def test_sarif_shape(audited):
    sarif = json.loads(audited("audit", "--format", "sarif", code=1).stdout)
    jsonschema.validate(sarif, SARIF_SHAPE)
    run = sarif["runs"][0]
    rule_ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    for result in run["results"]:
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
    first = run["results"][0]
    assert first["ruleId"] == "CT101" and first["level"] == "warning"
    assert first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "reports/r1.md"
    assert first["locations"][0]["physicalLocation"]["region"]["startLine"] == 3
    assert run["results"][1]["level"] == "note"  # info


def test_markdown_summary(audited):
    text = audited("audit", "--format", "markdown", code=1).stdout
    assert text.startswith("## claimtrack audit\n")
    assert "| **r1** | 2 | 1 | 1 | 50% |" in text
    assert "| 🟡 warning | `CT101` citation-needed | `reports/r1.md:3` |" in text


def test_rich_report_groups_and_summarises(audited):
    text = audited("audit", code=1).stdout
    assert text.index("CT101") < text.index("CT204")  # worst first
    assert "Citation coverage" in text
    assert text.strip().splitlines()[-1].startswith("2 findings (1 warning, 1 info) in 1 report(s); fails")


def test_output_file_and_paths(audited):
    out = audited.root / "audit.json"
    audited("audit", "reports/r1.md", "--format", "json", "--output", str(out), code=1)
    assert json.loads(out.read_text())["reports"] == ["r1"]
    # a report file given by path outside the working directory resolves too
    audited("audit", str(audited.root / "reports" / "r1.md"), "--fail-on", "error", code=0)


def test_malformed_claims_file_is_an_input_error(audited):
    (audited.root / "claims" / "r1.yaml").write_text("report: [unclosed\n")
    result = audited("audit", code=2)
    assert "claims/r1.yaml" in result.stderr and "Traceback" not in result.stderr


def test_ingest_then_audit_finds_marker_defects(project, cli):
    """Through the real ingest: a marker with no definition, a definition with no marker."""
    from ct_helpers import write_report

    write_report(
        project,
        "r.md",
        """
        # Report

        Turkey sold 48 drones to Ukraine in 2020.<sup>1</sup> Kyiv bought six more in 2019.<sup>3</sup>

        <sup>1</sup> *Ukraine eager to buy Turkish drones.* URL: <https://www.aex.ru/news/2020/10/6/217513>

        <sup>2</sup> *Orphan note.* URL: <https://example.org/orphan>
        """,
    )
    cli("ingest", str(project / "reports"))
    result = cli("audit", "--select", "CT103,CT104", "--format", "json", code=1)
    found = {(f["slug"], f["footnote"], f["line"]) for f in json.loads(result.stdout)["findings"]}
    assert found == {("dangling-marker", "3", 3), ("unused-footnote", "2", 7)}
    # editing the report after ingest makes its claims stale
    report = project / "reports" / "r.md"
    report.write_text(report.read_text().replace("48 drones", "50 drones"))
    result = cli("audit", "--select", "stale-claim", "--format", "json", code=1)
    [stale] = json.loads(result.stdout)["findings"]
    assert stale["file"] == "claims/r.yaml" and "Turkey sold 48 drones" in stale["message"]


def test_nothing_ingested_is_an_input_error(project, cli):
    (project / "claims").mkdir()  # a project, but nothing ingested into it
    assert "nothing to audit" in cli("audit", code=2).stderr


def test_a_deleted_report_is_a_finding_not_an_input_error(audited):
    (audited.root / "reports" / "r1.md").unlink()
    result = audited("audit", "--format", "json", code=1)
    findings = json.loads(result.stdout)["findings"]
    missing = [f for f in findings if f["code"] == "CT107"]
    assert [(f["slug"], f["report"], f["file"]) for f in missing] == [
        ("report-missing", "r1", "claims/r1.yaml")
    ]
    assert "ingest --prune" in missing[0]["fix"] and "Traceback" not in result.stderr
