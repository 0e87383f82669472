"""A writer whose records change under it (another writer committed meanwhile) never doubles an entry."""

from __future__ import annotations

import pytest
from ct_helpers import write_report
from faults.records import whole

from claimtrack.errors import InputError
from claimtrack.ingest import ingest_all
from claimtrack.ingest.commit import plan, write_changes
from claimtrack.project import Project
from claimtrack.writing import ingest_locked

REPORT = """
# R

In 2020, gas exports rose 12 percent.[^1] Iran welcomed the deal on November 10, 2020.[^2]

[^1]: *Exports peak.* URL: <https://example.org/exports>
[^2]: *Iran welcomes deal.* URL: <https://example.org/iran>
"""


def test_a_commit_while_the_reports_are_parsed_is_noticed(project, cli, monkeypatch):
    write_report(project, "a.md", REPORT)
    (project / "claims").mkdir()
    original = Project.load
    other_writer = []

    def load_then_another_writer_commits(self):
        original(self)
        if not other_writer:  # once: another claimtrack ingest runs to the end right after our read
            other_writer.append("running")
            other_writer.append(cli("ingest").exit_code)

    monkeypatch.setattr(Project, "load", load_then_another_writer_commits)
    changes = ingest_locked(Project.open(project, load=False), [project / "reports"])
    monkeypatch.setattr(Project, "load", original)
    assert other_writer == ["running", 0] and all(change.unchanged for change in changes)
    assert len(whole(project).references) == 2  # not four, and no duplicate citekey


def test_staged_bib_texts_with_a_key_twice_are_refused(project, cli):
    write_report(project, "a.md", REPORT)
    (project / "claims").mkdir()
    stale = Project.open(project)
    changes = ingest_all(stale, [project / "reports"], dry_run=True)
    cli("ingest")  # the records change after `stale` was read
    before = {p: p.read_bytes() for p in (project / "references").rglob("*.bib")}
    with pytest.raises(InputError) as error:
        write_changes(stale, changes, plan(stale, changes))
    assert "would be defined twice" in str(error.value) and "references/a.bib" in str(error.value)
    assert {p: p.read_bytes() for p in (project / "references").rglob("*.bib")} == before
