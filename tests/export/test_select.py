"""Choosing what to export: a report's sources, some claims', a search's, named keys."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ct_helpers import Cli
from export_tools import export

from claimtrack.project import Project

VALDAI = "004_7e88fde1e0fb7812"
ARTICLE = "000_f3de1e5d7ccbdab7"


def ids(root: Path, *args: str) -> list[str]:
    return [item["id"] for item in json.loads(export(root, "csl-json", *args))]


def test_everything_by_default(bundled_project: Path) -> None:
    assert ids(bundled_project) == sorted(Project.open(bundled_project).references)


def test_a_report_takes_what_its_claims_footnotes_and_bibliography_cite(bundled_project: Path) -> None:
    project = Project.open(bundled_project)
    valdai = ids(bundled_project, "--report", VALDAI)
    cited_by_footnotes = {k for _, f in project.footnotes(VALDAI) for k in f.references}
    assert set(valdai) == cited_by_footnotes
    article = ids(bundled_project, "--report", ARTICLE)
    assert set(article) == {e.key for e in project.claim_files[ARTICLE].bibliography}
    # --cited-only leaves out the bibliography entries no claim cites
    cited = ids(bundled_project, "--report", ARTICLE, "--cited-only")
    assert set(cited) == {k for c in project.claims(ARTICLE) for k in c.references}
    assert "abilov2015azerbaijan" in article and "abilov2015azerbaijan" not in cited


def test_claims_by_id(bundled_project: Path) -> None:
    assert ids(bundled_project, "--claims", "c7b04ffadb2") == ["cnn2020rebels", "guardian2020syrian"]
    assert ids(bundled_project, "--claims", "c7b04ffadb2,cc70f380384") == [
        "cnn2020rebels", "guardian2020syrian", "naumkinwill",
    ]  # fmt: skip


def _searched(root: Path, *args: str) -> set[str]:
    """The sources of the claims `claims search` finds: what `export --search` must take."""
    hits = json.loads(Cli(root)("claims", "search", *args, "--limit", "100000", "--format", "json").stdout)
    project = Project.open(root)
    claims = {c.id: c for c in project.claims()}
    return {k for hit in hits["hits"] for k in claims[hit["id"]].references}


@pytest.mark.parametrize(
    "query",
    [
        "waltz theory",
        "Syria",
        "Syrian fighters",
        '"international politics"',
        "33.2 percent gas",
        "Erdogan OR Aliyev",
    ],
)
def test_search_selects_what_claims_search_finds(bundled_project: Path, query: str) -> None:
    wanted = _searched(bundled_project, query)
    assert wanted, query  # each query finds something, so the comparison says something
    assert set(ids(bundled_project, "--search", query)) == wanted


def test_search_within_a_report(bundled_project: Path) -> None:
    assert ids(bundled_project, "--search", '"international politics"', "--report", ARTICLE) == [
        "waltz1979theory"
    ]
    assert set(ids(bundled_project, "--search", "Syria", "--report", VALDAI)) == _searched(
        bundled_project, "Syria", "--report", VALDAI
    )


def test_keys_add_references(bundled_project: Path) -> None:
    assert ids(bundled_project, "--keys", "naumkinwill, waltz1979theory") == [
        "naumkinwill",
        "waltz1979theory",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--keys", "nosuchkey"), "unknown citekey 'nosuchkey'"),
        (("--claims", "zzz000"), "unknown claim id 'zzz000'"),
        (("--report", "nosuchreport"), "unknown report 'nosuchreport'"),
        (("--format", "text", "--style", "nosuchstyle"), "unknown CSL style 'nosuchstyle'"),
    ],
)
def test_bad_selectors_are_usage_errors(bundled_project: Path, args: tuple[str, ...], message: str) -> None:
    result = Cli(bundled_project)("export", *args, code=2)
    assert message in result.stderr and "Traceback" not in result.stderr


def test_nothing_selected_exits_1(bundled_project: Path) -> None:
    result = Cli(bundled_project)("export", "--search", "zzzz qqqqq", code=1)
    assert result.stdout == ""
    assert "no references selected" in result.stderr
