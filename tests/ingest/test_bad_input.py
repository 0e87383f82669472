"""Bad input: one line naming the file (and line), exit code 2, nothing written."""

from __future__ import annotations

import json

import pytest
from ct_helpers import BUNDLED_REPORTS, write_report


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


def test_impossible_dates_are_dropped_not_fatal(project, cli):
    write_report(
        project,
        "a.md",
        """
        ---
        title: Dates
        date: 2021-13-01
        ---

        Something happened on February 30, 2020 in 2020.[^1]

        [^1]: *A title.* Some Journal, February 31, 2020. URL: <https://example.org/2020/02/31/story>
        """,
    )
    cli("ingest")
    [ref] = json.loads(cli("refs", "list", "--format", "json").stdout)
    assert ref["date"] is None and ref["url"] == "https://example.org/2020/02/31/story"
    assert "date: null" in (project / "claims" / "a.yaml").read_text("utf-8")


def test_mangled_reports_never_crash_ingest(tmp_path):
    """Pieces of the real reports with markup spliced in at random: records or a one-line error."""
    import random

    from claimtrack.errors import InputError
    from claimtrack.ingest import ingest_all
    from claimtrack.project import Project

    source = "\n".join(p.read_text("utf-8") for p in sorted(BUNDLED_REPORTS.iterdir())).split("\n")
    noise = ["<sup>", "</sup>", "<sup>7</sup>", "[^1]", "[^x]: ", "---", "*", "**", "(", "“", '"', "](",
             "URL: <http://", "\\", "# ", "    ", "Ibid", "(2020).", ";", "\u200b", "February 31, 2020", " URL: <https://x.org/2020/02/31/a>"]  # fmt: skip
    rng = random.Random(20261121)
    for case in range(150):
        root = tmp_path / str(case)
        (root / "reports").mkdir(parents=True)
        start = rng.randrange(len(source))
        text = "\n".join(source[start : start + rng.randint(1, 30)])
        for _ in range(rng.randint(0, 10)):
            pos = rng.randint(0, len(text))
            text = text[:pos] + rng.choice(noise) + text[pos:]
        (root / "reports" / "r.md").write_text(text, "utf-8")
        try:
            ingest_all(Project.open(root), [root / "reports"])
        except InputError:
            continue
        Project.open(root)  # what was written reads back
