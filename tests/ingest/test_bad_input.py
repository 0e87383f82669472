"""Bad input: one line naming the file (and line), exit code 2, nothing written."""

from __future__ import annotations

import pytest
from ct_helpers import write_report


def assert_one_line_error(result, *fragments: str) -> None:
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("claimtrack: error: ")
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "empty file"),
        (b"   \n\n", "empty file"),
        (b"# Title\n\nSome \x00 binary", "binary file"),
        (b"# Title\n\nline two\ncaf\xe9 in latin-1\n", "not UTF-8"),
    ],
)
def test_unusable_report_files(project, cli, content, expected):
    path = project / "reports" / "bad.md"
    path.write_bytes(content)
    result = cli("ingest", str(path), code=None)
    assert_one_line_error(result, "bad.md", expected)
    assert not (project / "claims").exists()


def test_non_utf8_error_names_the_line(project, cli):
    path = project / "reports" / "bad.md"
    path.write_bytes(b"# Title\n\nline two\ncaf\xe9 in latin-1\n")
    assert_one_line_error(cli("ingest", str(path), code=None), "bad.md:4:")


def test_missing_file_and_directory_without_reports(project, cli):
    assert_one_line_error(cli("ingest", str(project / "nope.md"), code=None), "nope.md", "no such file")
    empty = project / "empty"
    empty.mkdir()
    assert_one_line_error(cli("ingest", str(empty), code=None), "empty", "no reports")


def test_one_bad_report_writes_nothing_for_the_good_ones(project, cli):
    write_report(project, "good.md", "# G\n\nIn 2020, 5 percent more gas arrived.\n")
    (project / "reports" / "bad.md").write_bytes(b"\x00\x01")
    assert_one_line_error(cli("ingest", code=None), "bad.md")
    assert not (project / "claims").exists()


def test_malformed_bib_file_is_reported_with_its_line(project, cli):
    write_report(project, "good.md", "# G\n\nIn 2020, 5 percent more gas arrived.\n")
    cli("ingest")
    (project / "references").mkdir()
    (project / "references" / "hand.bib").write_text(
        "@online{ok,\n  title = {Fine},\n}\n\n@article{broken, title = {x}\n@misc{next, title = {y}}\n",
        "utf-8",
    )
    assert_one_line_error(cli("refs", "list", code=None), "references/hand.bib:5:", "malformed BibTeX")


def test_duplicate_citekeys_across_files(project, cli):
    (project / "references").mkdir()
    (project / "references" / "a.bib").write_text("@online{same,\n  title = {A},\n}\n", "utf-8")
    (project / "references" / "b.bib").write_text("\n@online{same,\n  title = {B},\n}\n", "utf-8")
    assert_one_line_error(cli("refs", "list", code=None), "references/b.bib:2:", "also defined at")


def test_malformed_claims_file_names_file_and_line(project, cli):
    write_report(project, "good.md", "# G\n\nIn 2020, 5 percent more gas arrived.\n")
    cli("ingest")
    records = project / "claims" / "good.yaml"
    original = records.read_text("utf-8")
    records.write_text(original.replace("status: unreviewed", "status: approved"), "utf-8")
    result = cli("claims", "list", code=None)
    line = next(i for i, text in enumerate(original.splitlines(), 1) if "status: unreviewed" in text)
    assert_one_line_error(result, f"claims/good.yaml:{line}:", "review.status")
    records.write_text("report: [unclosed\n", "utf-8")
    assert_one_line_error(cli("claims", "list", code=None), "claims/good.yaml:", "invalid YAML")


def test_unknown_report_filter(project, cli):
    write_report(project, "good.md", "# G\n\nIn 2020, 5 percent more gas arrived.\n")
    cli("ingest")
    assert_one_line_error(cli("claims", "list", "--report", "nosuch", code=None), "unknown report 'nosuch'")
