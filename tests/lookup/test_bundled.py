"""The issue's example questions, each one command on the bundled data."""

from __future__ import annotations

import json

from lookup.lookup_fixtures import Run


def test_what_is_our_source_for_the_33_2_percent_gas_figure(bundled):
    result = json.loads(Run(bundled)("claims", "search", "33.2 percent gas", "--format", "json"))
    first = result["hits"][0]
    # the claim says "33.2 percent"; "gas" is in the sentence before it
    assert result["matched"] == "context"
    assert "took the lead with 33.2 percent" in first["text"]
    assert first["footnotes"] == ["17"] and first["references"] == ["energyofficial"]


def test_which_claims_rest_on_this_reuters_article(bundled):
    data = json.loads(Run(bundled)("refs", "show", "reutersturkey", "--format", "json"))
    assert data["container"] == "Reuters"
    assert [c["text"][:30] for c in data["claims"]] == ["Turkey has cast itself as the "]
    assert [(f["report"], f["label"]) for f in data["footnotes"]] == [("004_7e88fde1e0fb7812", "16")]


def test_a_reuters_article_listed_but_never_cited(bundled):
    out = Run(bundled)("refs", "show", "hovhannisyan2020armenia")
    assert "0 claim(s)" in out
    assert "000_f3de1e5d7ccbdab7 bibliography, line 53: never cited in its text" in out


def test_what_does_footnote_21_cite(bundled):
    data = json.loads(Run(bundled)("footnote", "004", "21", "--format", "json"))
    assert data["report"]["id"] == "004_7e88fde1e0fb7812"
    keys = [r["key"] for r in data["references"]]
    assert keys[0] == "guardian2020syrian" and len(keys) == 3
    assert [c["text"][:36] for c in data["claims"]] == ["Fifth, Turkish involvement in Nagorn"]
