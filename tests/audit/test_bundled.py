"""The audit on the bundled reports finds their real defects, and no noise among the errors."""

from __future__ import annotations

import json

import pytest
from ct_helpers import Cli

VALDAI = "004_7e88fde1e0fb7812"
ARTICLE = "000_f3de1e5d7ccbdab7"


@pytest.fixture(scope="module")
def findings(tmp_path_factory):
    import shutil

    from ct_helpers import REPO

    root = tmp_path_factory.mktemp("bundled")
    for name in ("reports", "claims", "references"):
        shutil.copytree(REPO / name, root / name)
    result = Cli(root)("audit", "--format", "json", code=1)
    return json.loads(result.stdout)["findings"]


def _of(findings, slug):
    return [f for f in findings if f["slug"] == slug]


def test_every_error_is_a_real_defect(findings):
    errors = {(f["slug"], f["footnote"]) for f in findings if f["severity"] == "error"}
    assert errors == {
        ("near-duplicate-url", "2"),  # CNN .../index.htm in footnote 2, .../index.html in footnote 21
        ("suspicious-domain", "24"),  # eadaaily.com in footnote 24, eadaily.com in footnote 47
        ("url-title-conflict", "60"),  # footnote 60 cites footnote 61's eurasianet URL
    }


def test_the_kremlin_statement_under_two_urls(findings):
    [dup] = _of(findings, "duplicate-reference")
    assert "kremlin.ru/events/president/news/64384" in dup["message"]
    assert "kremlin.ru/acts/news/64384" in dup["message"]


def test_bibliography_entries_the_article_never_cites(findings):
    uncited = _of(findings, "uncited-reference")
    assert len(uncited) == 7 and {f["report"] for f in uncited} == {ARTICLE}
    hovhannisyan = [f for f in uncited if "Armenia Recalls Ambassador" in f["message"]]
    assert "looks like the source of line 46" in hovhannisyan[0]["message"]


def test_the_note_only_footnote(findings):
    [note] = _of(findings, "note-only")
    assert (note["report"], note["footnote"]) == (VALDAI, "64")


def test_no_stale_claims_and_no_dangling_markers_in_fresh_records(findings):
    assert not _of(findings, "stale-claim")
    assert not _of(findings, "dangling-marker") and not _of(findings, "unused-footnote")


def test_citation_needed_points_at_the_sentences(findings):
    needed = _of(findings, "citation-needed")
    triggers = {f["trigger"] for f in needed}
    assert {"56 percent", "446 km", "77%", "1.2 million", "70 percent"} <= triggers
    texts = " ".join(f["message"] for f in needed)
    for opinion in [
        "Moscow gained a reputation",
        "That said",
        "Marine Le Pen is most likely",
        "The escalation of hostilities between",
    ]:
        assert opinion not in texts
