"""``claims search``: ranking, highlighting and each filter."""

from __future__ import annotations

import io

from lookup.lookup_fixtures import write_verdicts

from claimtrack.render.lookup import search_hits
from claimtrack.render.term import Term


def ids(result: dict) -> list[str]:
    return [hit["id"] for hit in result["hits"]]


def test_the_gas_figure_is_found_with_its_source(run):
    result = run.json("claims", "search", "33.2 percent gas")
    assert ids(result) == ["turkey-c001"]
    assert result["hits"][0]["references"] == ["epdk2020gas"]
    assert result["hits"][0]["footnotes"] == ["17"]


def test_matching_words_are_marked_in_json_and_highlighted_on_a_terminal(run):
    result = run.json("claims", "search", "33.2 percent gas")
    hit = result["hits"][0]
    marked = [hit["text"][a:b].lower() for a, b in hit["highlights"]]
    assert marked == ["33.2", "percent", "gas"]  # a phrase is marked whole
    out = io.StringIO()
    search_hits(Term(out, colour=True, width=80), result)
    assert "\x1b[1;33mpercent\x1b[0m" in out.getvalue()
    assert "\x1b[1;33mgas\x1b[0m" in out.getvalue()


def test_stemming_finds_other_forms_of_a_word(run):
    assert sorted(ids(run.json("claims", "search", "recall"))) == ["iran-c001", "turkey-c002"]


def test_best_match_first_and_any_word_when_no_claim_has_all(run):
    result = run.json("claims", "search", "ambassador Israel arms drones")
    assert result["matched"] == "any"
    # three of the words beat one of them
    assert ids(result)[0] == "turkey-c002"
    assert set(ids(result)) == {"turkey-c002", "iran-c001", "turkey-c003"}
    scores = [hit["score"] for hit in result["hits"]]
    assert scores == sorted(scores, reverse=True)


def test_text_that_is_fts_syntax_is_searched_literally(run):
    for query in ['"unbalanced', "a AND (b", "NEAR(x y)", "gas -oil", "col:gas"]:
        run("claims", "search", query)  # no sqlite syntax error, exit 0


def test_a_query_with_no_word_is_a_usage_error(run):
    err = run("claims", "search", "***", code=2)
    assert err.startswith("claimtrack: error:") and err.count("\n") == 1


def test_filter_report_and_section(run):
    assert ids(run.json("claims", "search", "Armenia", "--report", "iran")) == ["iran-c001"]
    assert ids(run.json("claims", "search", "--report", "turkey.txt", "--section", "milit")) == [
        "turkey-c002",
        "turkey-c003",
    ]


def test_filter_ref_and_domain(run):
    assert ids(run.json("claims", "search", "--ref", "tass2020drones")) == ["turkey-c002"]
    assert sorted(ids(run.json("claims", "search", "--domain", "reuters.com"))) == [
        "iran-c001",
        "turkey-c002",
    ]
    assert ids(run.json("claims", "search", "--domain", "www.epdk.gov.tr")) == ["turkey-c001"]
    assert ids(run.json("claims", "search", "--domain", "gov.tr")) == ["turkey-c001"]  # subdomains count


def test_filter_uncited(run):
    assert ids(run.json("claims", "search", "--uncited")) == ["turkey-c003", "turkey-c004"]
    assert ids(run.json("claims", "search", "gas", "--uncited")) == ["turkey-c004"]


def test_filter_verdict_reads_the_link_checkers_file(run):
    write_verdicts(run.root)
    assert sorted(ids(run.json("claims", "search", "--verdict", "broken"))) == ["iran-c001", "turkey-c002"]
    assert ids(run.json("claims", "search", "--verdict", "ok")) == ["turkey-c002"]
    err = run("claims", "search", "--verdict", "brokn", code=2)
    assert "closest: broken" in err


def test_filter_verdict_without_a_link_check_says_so(run):
    err = run("claims", "search", "--verdict", "broken", code=2)
    assert "link-verdicts.json" in err and err.count("\n") == 1


def test_unknown_ref_filter_names_the_closest_key(run):
    err = run("claims", "search", "--ref", "tass2020drone", code=2)
    assert "unknown reference 'tass2020drone'; closest: tass2020drones" in err


def test_in_sources_also_searches_footnote_and_reference_text(run):
    assert ids(run.json("claims", "search", "EPDK")) == []
    result = run.json("claims", "search", "EPDK", "--in-sources")
    assert ids(result) == ["turkey-c001"]
    assert "EPDK" in result["hits"][0]["source_match"]


def test_limit_and_total(run):
    result = run.json("claims", "search", "--limit", "2")
    assert result["total"] == 5 and len(result["hits"]) == 2
    assert "the first 2 shown" in run("claims", "search", "--limit", "2")


def test_words_split_across_neighbouring_sentences_find_the_claim(sample, run):
    from lookup.lookup_fixtures import claim, report

    from claimtrack import claimstore
    from claimtrack.model import ClaimFile

    neighbours = [
        claim("energy", 1, "Azerbaijan sold more gas to Turkey in 2019.", [], []),
        claim("energy", 2, "Early in 2020 Baku took the lead with 33.2 percent.", [], []),
    ]
    for c in neighbours:
        c.location.paragraph = 7
    claimstore.write(
        sample / "claims" / "energy.yaml",
        ClaimFile(report=report("energy", "reports/energy.txt", "Energy"), claims=neighbours),
    )
    result = run.json("claims", "search", "early 2020 gas")
    assert result["matched"] == "context"
    assert set(ids(result)) == {"energy-c001", "energy-c002"}
    # a figure the user typed puts the claim stating it first
    assert ids(run.json("claims", "search", "early gas 33.2"))[0] == "energy-c002"
