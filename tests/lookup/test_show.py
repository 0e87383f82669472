"""``claims show``, ``refs show``, ``footnote`` and the closest-match errors."""

from __future__ import annotations

import json

from lookup.lookup_fixtures import write_verdicts


def test_claim_show_has_context_footnotes_sources_and_review(run):
    out = run("claims", "show", "turkey-c002")
    assert "Turkey in the Karabakh war (turkey)" in out
    assert "Military" in out
    assert "…Before it. Armenia recalled its ambassador" in out  # the surrounding text
    assert "[21] Reuters, 1 October 2020; TASS." in out
    assert "Armenia Recalls Ambassador to Israel over Arms Sales" in out
    assert "Hovhannisyan, Nvard; Ayyub, Rami · Reuters · 2020-10-01" in out
    assert "https://www.reuters.com/article/us-armenia-azerbaijan-israel-idUSKBN26M76L" in out
    assert "archive: https://web.archive.org/web/2020/https://tass.ru/politika/9674551" in out
    assert "Review: unreviewed" in out


def test_claim_show_json(run):
    data = run.json("claims", "show", "turkey-c003")
    assert data["id"] == "turkey-c003"
    assert data["report"]["title"] == "Turkey in the Karabakh war"
    assert data["references"] == [] and data["footnotes"] == []
    assert data["review"] == {"status": "needs-source", "note": "ask the author", "by": "ana", "at": None}
    assert data["location"]["prefix"] == "Before it."


def test_claim_show_gives_the_last_link_verdict(run):
    write_verdicts(run.root)
    data = run.json("claims", "show", "turkey-c002")
    reuters, tass = data["references"]
    assert reuters["link"]["verdict"] == "broken" and reuters["link"]["http_status"] == 404
    assert tass["link"]["verdict"] == "ok"
    out = run("claims", "show", "turkey-c002")
    assert "link: broken (HTTP 404), checked 2026-11-20T10:00:00Z" in out
    assert "archive: https://web.archive.org/web/2020/reuters" in out


def test_a_broken_verdicts_file_is_ignored(run):
    (run.root / ".claimtrack").mkdir(exist_ok=True)
    (run.root / ".claimtrack" / "link-verdicts.json").write_text('{"half": ')
    data = run.json("claims", "show", "turkey-c002")
    assert data["references"][0]["link"] is None


def test_refs_show_lists_every_dependant(run):
    data = run.json("refs", "show", "reuters2020armenia")
    assert data["title"] == "Armenia Recalls Ambassador to Israel over Arms Sales to Azerbaijan"
    assert data["file"] == "references/sources.bib" and data["line"] == 1
    assert [(c["id"], c["via"]) for c in data["claims"]] == [("iran-c001", ["1"]), ("turkey-c002", ["21"])]
    assert [(f["report"], f["label"]) for f in data["footnotes"]] == [("iran", "1"), ("turkey", "21")]
    assert [r["id"] for r in data["reports"]] == ["iran", "turkey"]
    out = run("refs", "show", "reuters2020armenia")
    assert "2 claim(s), 2 footnote(s) in 2 report(s) (iran, turkey)" in out
    assert "turkey [21] Reuters, 1 October 2020; TASS." in out


def test_footnote_shows_what_it_cites_and_who_carries_it(run):
    data = run.json("footnote", "turkey", "21")
    assert data["text"] == "Reuters, 1 October 2020; TASS."
    assert [r["key"] for r in data["references"]] == ["reuters2020armenia", "tass2020drones"]
    assert [c["id"] for c in data["claims"]] == ["turkey-c002"]
    out = run("footnote", "reports/turkey.txt", "21")  # the report by its file
    assert "footnote 21 of Turkey in the Karabakh war (turkey)" in out
    assert "Carried by" in out and "turkey-c002" in out


def test_a_note_footnote_cites_nothing(run):
    out = run("footnote", "turkey", "22")
    assert "Cites no source" in out and "turkey-c004" in out


def one_line(err: str) -> str:
    assert err.startswith("claimtrack: error: ") and err.count("\n") == 1, err
    return err


def test_unknown_claim_id_names_the_closest(run):
    err = one_line(run("claims", "show", "turkey-c02", code=2))
    assert "unknown claim id 'turkey-c02'; closest: turkey-c002" in err


def test_unknown_key_names_the_closest(run):
    err = one_line(run("refs", "show", "reuters2020armenai", code=2))
    assert "closest: reuters2020armenia" in err


def test_unknown_footnote_names_the_range_and_closest(run):
    err = one_line(run("footnote", "turkey", "27", code=2))
    assert "report 'turkey' has no footnote '27' (its footnotes run 17-22); closest:" in err


def test_unknown_report_names_the_closest(run):
    err = one_line(run("footnote", "turky", "21", code=2))
    assert "unknown report 'turky'; closest: turkey" in err


def test_a_malformed_claim_file_is_a_one_line_error_naming_it(run):
    (run.root / "claims" / "bad.yaml").write_text("report: [unclosed\n")
    err = one_line(run("claims", "show", "turkey-c001", code=2))
    assert "bad.yaml:" in err and "invalid YAML" in err


def test_a_source_only_listed_in_a_bibliography(sample, run):
    from lookup.lookup_fixtures import claim, report

    from claimtrack import claimstore
    from claimtrack.model import BibliographyEntry, ClaimFile

    survey = ClaimFile(
        report=report("survey", "reports/survey.txt", "A survey"),
        bibliography=[BibliographyEntry(key="tass2020drones", line=40, text="TASS (2020).", cited=False)],
        claims=[claim("survey", 1, "Drones changed the war.", [], [])],
    )
    claimstore.write(sample / "claims" / "survey.yaml", survey)
    data = run.json("refs", "show", "tass2020drones")
    assert data["bibliography"] == [{"report": "survey", "line": 40, "cited": False}]
    assert [r["id"] for r in data["reports"]] == ["survey", "turkey"]
    assert "survey bibliography, line 40: never cited in its text" in run("refs", "show", "tass2020drones")
    summary = {
        r["report"]: r
        for r in json.loads(run("xref", "-t", "summary", "-f", "json"))["tables"]["summary"]["rows"]
    }
    assert summary["survey"]["never_cited"] == 1 and summary["survey"]["sources"] == 1
