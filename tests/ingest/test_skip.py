"""Re-ingest skips a report only when re-reading it would change nothing (ledger.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from ct_helpers import BUNDLED_REPORTS

from claimtrack import ledger as skip
from claimtrack.ingest import ingest_all
from claimtrack.project import Project


def ingest(root: Path, dry_run: bool = False):
    project = Project.open(root, load=False, create=True)
    return {
        c.source or c.claim_file.report.source: c
        for c in ingest_all(project, [project.reports_dir], dry_run=dry_run)
    }


def records(root: Path) -> dict[str, str]:
    return {
        p.name: p.read_text("utf-8") for p in [*(root / "claims").glob("*"), *(root / "references").glob("*")]
    }


@pytest.fixture
def ingested(project: Path) -> Path:
    for report in BUNDLED_REPORTS.iterdir():
        shutil.copy(report, project / "reports" / report.name)
    ingest(project)
    return project


def test_an_unchanged_corpus_is_skipped_and_skipping_changes_nothing(ingested, monkeypatch):
    before = records(ingested)
    again = ingest(ingested)
    assert again and all(c.skipped and c.unchanged for c in again.values())
    assert records(ingested) == before
    # The proof that skipping was right: ingesting for real says every report is unchanged.
    monkeypatch.setenv("CLAIMTRACK_INGEST_NO_SKIP", "1")
    real = ingest(ingested, dry_run=True)
    assert all(c.unchanged and not c.skipped and not c.new_refs for c in real.values())
    assert {c.report for c in real.values()} == {c.report for c in again.values()}


def _edit_report(root: Path) -> str:
    path = root / "reports" / "004_7e88fde1e0fb7812.txt"
    path.write_text(path.read_text("utf-8").replace("Azerbaijan", "Azerbaycan", 1), "utf-8")
    return "reports/004_7e88fde1e0fb7812.txt"


def _edit_review(root: Path) -> str:
    path = root / "claims" / "000_f3de1e5d7ccbdab7.yaml"
    path.write_text(path.read_text("utf-8").replace("status: unreviewed", "status: verified", 1), "utf-8")
    return "reports/000_f3de1e5d7ccbdab7.txt"


def _edit_bib(root: Path) -> str:
    path = root / "references" / "000_f3de1e5d7ccbdab7.bib"
    path.write_text(path.read_text("utf-8") + "\n", "utf-8")
    return "*"


@pytest.mark.parametrize("edit", [_edit_report, _edit_review, _edit_bib])
def test_any_edit_the_records_depend_on_is_read_again(ingested, edit):
    which = edit(ingested)
    again = ingest(ingested)
    read = {source for source, c in again.items() if not c.skipped}
    assert read == (set(again) if which == "*" else {which})


def test_a_review_edited_by_hand_survives(ingested):
    _edit_review(ingested)
    ingest(ingested)
    assert "status: verified" in (ingested / "claims" / "000_f3de1e5d7ccbdab7.yaml").read_text("utf-8")


def test_other_code_or_settings_read_everything_again(ingested, monkeypatch):
    monkeypatch.setattr(skip, "_code_digest", lambda: "another claimtrack version")
    assert not any(c.skipped for c in ingest(ingested).values())
    assert all(c.skipped for c in ingest(ingested).values())  # recorded under the new fingerprint
    (ingested / "pyproject.toml").write_text("[tool.claimtrack]\nindex = {limit = 5}\n", "utf-8")
    assert not any(c.skipped for c in ingest(ingested).values())


def test_a_dry_run_records_nothing(project):
    for report in BUNDLED_REPORTS.iterdir():
        shutil.copy(report, project / "reports" / report.name)
    ingest(project, dry_run=True)
    assert not (project / ".claimtrack" / "ingested.json").exists()
    assert not any(c.skipped for c in ingest(project).values())


def test_an_unchanged_corpus_is_answered_without_the_readers(ingested, tmp_path_factory):
    # The program: the quick path reads the ledger alone (no typer, pydantic, rich or pysbd) and
    # says what typer's path says.
    import os
    import subprocess
    import sys

    probe = (
        "import sys\nfrom claimtrack.launch import main\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('typer', 'pydantic', 'rich', 'pysbd') if m in sys.modules), file=sys.stderr)"
    )
    env = {**os.environ, "NO_COLOR": "1", "CLAIMTRACK_CACHE_DIR": str(tmp_path_factory.mktemp("cache"))}
    outs = []
    for extra in ({}, {}, {"CLAIMTRACK_NO_QUICK": "1"}):
        done = subprocess.run([sys.executable, "-c", probe, "ingest", "--root", str(ingested)],
                              env={**env, **extra}, capture_output=True, text=True, timeout=120)  # fmt: skip
        outs.append(done)
    assert outs[1].stderr.strip() == "[]"
    assert outs[1].stdout == outs[2].stdout
    assert outs[1].stdout.count(": unchanged (") == 2


_CITING = """---
title: A brief
bibliography: ../sources/refs.bib
---

Wind supplied a fifth of the grid's power in 2023 [@ember2024].
"""
_BIB = """@report{ember2024,
  author = {{Ember}},
  title = {Global Electricity Review 2024},
  year = {2024},
}
"""


def _titles(root: Path) -> set[str]:
    project = Project.open(root)
    return {ref.title for ref in project.references.values()}


def test_an_edit_to_the_bibliography_a_report_names_reads_it_again(project):
    (project / "sources").mkdir()
    bib = project / "sources" / "refs.bib"
    bib.write_text(_BIB, "utf-8")
    (project / "reports" / "brief.md").write_text(_CITING, "utf-8")
    ingest(project)
    assert all(c.skipped for c in ingest(project).values())  # nothing changed: skipped
    bib.write_text(_BIB.replace("Review 2024", "Review 2024: Wind and Solar"), "utf-8")
    again = ingest(project)
    assert not any(c.skipped for c in again.values())  # the .bib changed: the report is read again
    assert "Global Electricity Review 2024: Wind and Solar" in _titles(project)


def test_bibliography_files_given_on_the_command_line_are_part_of_what_was_read(project):
    (project / "sources").mkdir()
    bib = project / "sources" / "refs.bib"
    bib.write_text(_BIB, "utf-8")
    (project / "reports" / "brief.md").write_text(
        _CITING.replace("bibliography: ../sources/refs.bib\n", ""), "utf-8"
    )

    def run(*bibs: Path) -> list[bool]:
        proj = Project.open(project, load=False, create=True)
        return [c.skipped for c in ingest_all(proj, [proj.reports_dir], bibliographies=list(bibs))]

    assert run(bib) == [False]
    assert run(bib) == [True]  # the same file, unchanged: skipped
    bib.write_text(_BIB.replace("Review 2024", "Review 2024 (revised)"), "utf-8")
    assert run(bib) == [False]  # the file changed
    assert "Global Electricity Review 2024 (revised)" in _titles(project)
    assert run() == [False]  # without it the citation no longer resolves: read again
