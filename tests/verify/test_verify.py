"""``claimtrack verify`` end to end: pages on loopback, claims that quote, count and wander off."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ct_helpers import Cli
from verify.conftest import make_project

from claimtrack.verify.results import load

CLAIMS = {
    "curly": (
        "Energy Minister Fatih D\u00f6nmez said Turkey had \u201cdiversified our supply routes and we no longer depend on a single country for our energy security\u201d.",
        ["news"],
    ),
    "straight": (
        'The minister said "We have diversified our supply routes" and told reporters the country was safer.',
        ["news"],
    ),
    "ellipsis": (
        "D\u00f6nmez said \u201cwe have diversified our supply routes \u2026 we no longer depend on a single country\u201d.",
        ["news"],
    ),
    "oneword": (
        "D\u00f6nmez claimed that \u201cwe no longer depend on any single country for our energy security\u201d.",
        ["news"],
    ),
    "percent": (
        "Russia's share of Turkey's gas imports was 33.2 percent in 2019, according to the regulator.",
        ["news"],
    ),
    "money": (
        "Spending on gas imports dropped to US$12.1bn, helping to narrow the current account deficit.",
        ["news"],
    ),
    "changed": (
        "Russia supplied 32.2 percent of Turkey's gas imports in 2019, ahead of Azerbaijan.",
        ["news"],
    ),
    "silent": ("Turkey plans to build a third nuclear power plant on the Black Sea coast by 2030.", ["news"]),
    "pdf": (
        "Regional gas demand grew by 2.4% in 2019, the slowest pace in a decade, and 25 member states have adopted hydrogen strategies.",
        ["report"],
    ),
    "pdfquote": (
        'The observatory warned that "the transition will not be completed without a substantial increase in public investment".',
        ["report"],
    ),
    "german": ("Russia's share of Turkey's gas imports was 33.2 percent in 2019.", ["german"]),
    "walled": ("LNG accounted for 28.2 percent of total imports.", ["walled"]),
    "invented": (
        'The regulator promised "a new subsidy for every household heated with gas by the end of the year".',
        ["news"],
    ),
    "teaser": (
        "The gas market regulator has begun a review of how wholesale gas prices are set for industrial buyers.",
        ["paywalled"],
    ),
    "hidden": (
        "The regulator's review found that industrial gas tariffs were 40 percent above European prices.",
        ["paywalled"],
    ),
    "nocapture": ("LNG accounted for 28.2 percent of total imports.", ["later"]),
}
EXPECTED = {
    "curly": "supported", "straight": "supported", "ellipsis": "supported", "oneword": "altered",
    "percent": "supported", "money": "supported", "changed": "altered", "silent": "not-found",
    "pdf": "supported", "pdfquote": "supported", "german": "unchecked", "walled": "unchecked",
    "nocapture": "unchecked", "invented": "not-found", "teaser": "supported", "hidden": "unchecked",
}  # fmt: skip


@pytest.fixture
def project(tmp_path: Path, news) -> Path:
    refs = {
        "news": news.url("/energy/gas-imports"),
        "report": news.url("/reports/outlook-2020.pdf"),
        "german": news.url("/de/gasimporte"),
        "walled": news.url("/walled"),
        "later": news.url("/energy/later"),
        "paywalled": news.url("/paywalled"),
    }
    root = make_project(tmp_path, refs, CLAIMS)
    Cli(root)(
        "sources", "fetch", "--keys", "news,report,german,walled,paywalled", code=1
    )  # the walled page: exit 1
    return root


def _results(root: Path, *args: str) -> dict[str, dict]:
    out = Cli(root)("verify", "--format", "json", *args, code=None)
    assert out.exit_code in (0, 1), out.stderr
    return {r["claim"]: r for r in json.loads(out.stdout)["results"]}


def test_each_claim_gets_the_right_verdict_with_reason_and_evidence(project: Path) -> None:
    results = _results(project)
    assert {c: r["verdict"] for c, r in results.items()} == EXPECTED
    for r in results.values():
        assert r["reason"]
        if r["verdict"] != "unchecked":
            assert r["passage"]


def test_json_follows_the_contract(project: Path) -> None:
    for r in _results(project).values():
        assert {"claim", "reference", "url", "verdict", "reason", "passage", "quotes", "figures"} <= set(r)
        for q in r["quotes"]:
            assert set(q) >= {"text", "found", "source_text"} and q["found"] in (
                "exact",
                "altered",
                "missing",
            )
        for f in r["figures"]:
            assert set(f) >= {"text", "found", "source_text"} and isinstance(f["found"], bool)


def test_altered_quotation_shows_the_source_wording_beside_the_claim(project: Path) -> None:
    r = _results(project)["oneword"]
    (q,) = r["quotes"]
    assert q["found"] == "altered"
    assert q["source_text"] == "we no longer depend on a single country for our energy security"
    assert "any single country" in r["reason"] and "a single country" in r["reason"]


def test_altered_figure_names_the_source_figure_and_its_passage(project: Path) -> None:
    r = _results(project)["changed"]
    figure = next(f for f in r["figures"] if f["text"] == "32.2 percent")
    assert figure == {
        "text": "32.2 percent",
        "found": False,
        "source_text": "33.2%",
        "altered": True,
        "kind": "percent",
    }
    assert "33.2%" in r["passage"] and "Azerbaijan" in r["matched_terms"]


def test_figures_in_other_notations_are_found(project: Path) -> None:
    results = _results(project)
    assert {f["text"]: f["source_text"] for f in results["money"]["figures"]} == {
        "US$12.1bn": "$12.1 billion"
    }
    assert {f["text"]: f["source_text"] for f in results["pdf"]["figures"]}["25"] == "Twenty-five"


def test_unchecked_says_why(project: Path) -> None:
    results = _results(project)
    assert "German (de)" in results["german"]["reason"]
    assert "bot wall" in results["walled"]["reason"]
    assert "no capture" in results["nocapture"]["reason"]
    assert "paywall" in results["hidden"]["reason"] and "Subscribe to continue" in results["hidden"]["reason"]


def test_results_are_stored_for_other_commands_and_exit_1_on_findings(project: Path) -> None:
    Cli(project)("verify", code=1)
    stored = load(project)
    assert stored.present and stored.get("oneword", "news").verdict == "altered"
    # A partial run updates its own pairs and keeps the others.
    Cli(project)("verify", "--claims", "curly", code=0)
    assert len(load(project).results) == len(CLAIMS)


def test_drift_reports_a_changed_page_and_a_removed_passage(project: Path, news) -> None:
    news.version = 2
    Cli(project)("sources", "fetch", "--refresh", "--keys", "news")
    results = _results(project)
    drift = results["percent"]["drift"]
    assert drift["changed"] is True and 0 < drift["changed_share"] < 0.5
    assert drift["passage_kept"] is False  # Russia's share was in the paragraph that was removed
    assert results["curly"]["drift"]["passage_kept"] is True
    assert results["percent"]["verdict"] != "supported"


@pytest.mark.parametrize("fmt", ["table", "markdown", "github"])
def test_other_formats(project: Path, fmt: str) -> None:
    out = Cli(project)("verify", "--format", fmt, code=1).stdout
    assert "oneword" in out or fmt == "github"
    if fmt == "github":
        assert "::error file=reports/r1.md,line=4,title=source news%3A altered::" in out
    if fmt == "markdown":
        assert "| `oneword` | `news` | **altered** |" in out and "**Azerbaijan**" in out


def test_verify_before_any_fetch_is_unchecked_not_an_error(tmp_path: Path) -> None:
    root = make_project(tmp_path, {"a": "http://127.0.0.21:9/x"}, {"c": ("A claim about 5% growth.", ["a"])})
    out = Cli(root)("verify", "--format", "json").stdout
    assert json.loads(out)["results"][0]["verdict"] == "unchecked"


def _audit(cli: Cli) -> dict[str, list[dict]]:
    out = cli("audit", "--select", "CT4", "--format", "json", code=1)
    by_slug: dict[str, list[dict]] = {}
    for f in json.loads(out.stdout)["findings"]:
        by_slug.setdefault(f["slug"], []).append(f)
    return by_slug


def test_audit_ct4xx_rules_read_the_last_results(project: Path, news) -> None:
    cli = Cli(project)
    cli("verify", code=1)
    by_slug = _audit(cli)
    assert {f["claim"] for f in by_slug["quote-altered"]} == {"oneword"}
    assert by_slug["quote-altered"][0]["code"] == "CT402" and by_slug["quote-altered"][0]["line"] == 4
    assert {f["claim"] for f in by_slug["figure-altered"]} == {"changed"}
    assert "33.2%" in by_slug["figure-altered"][0]["message"]
    assert {f["claim"] for f in by_slug["source-silent"]} == {"silent", "invented"}
    assert {f["claim"] for f in by_slug["quote-not-in-source"]} == {"invented"}
    assert "source-changed" not in by_slug
    # exact quotations and supported figures are never findings
    flagged = {f["claim"] for fs in by_slug.values() for f in fs}
    assert not {"curly", "straight", "ellipsis", "percent", "money", "pdf", "pdfquote"} & flagged
    news.version = 2
    cli("sources", "fetch", "--refresh", "--keys", "news")
    cli("verify", code=1)
    changed = _audit(cli)["source-changed"]
    assert "percent" in {f["claim"] for f in changed} and "curly" not in {f["claim"] for f in changed}


def test_audit_without_verify_results_finds_nothing_in_ct4(project: Path) -> None:
    out = Cli(project)("audit", "--select", "CT4", "--format", "json", code=0)
    assert json.loads(out.stdout)["findings"] == []


def test_claims_show_search_and_xref_carry_the_support_verdicts(project: Path, news) -> None:
    cli = Cli(project)
    cli("verify", code=1)
    shown = cli("claims", "show", "changed").stdout
    assert "source says: altered" in shown and "33.2%" in shown and "evidence:" in shown
    data = json.loads(cli("claims", "show", "changed", "--format", "json").stdout)
    (news_ref,) = [r for r in data["references"] if r["key"] == "news"]
    assert news_ref["support"]["verdict"] == "altered" and "33.2%" in news_ref["support"]["passage"]
    found = json.loads(cli("claims", "search", "--verdict", "altered", "--format", "json").stdout)
    assert {h["id"] for h in found["hits"]} == {"oneword", "changed"}
    xref = json.loads(cli("xref", "--table", "claims", "--format", "json").stdout)["tables"]["claims"]
    assert "support" in xref["columns"]
    assert {(r["claim"], r["reference"]): r["support"] for r in xref["rows"]}[
        ("silent", "news")
    ] == "not-found"
    news.version = 2
    cli("sources", "fetch", "--refresh", "--keys", "news")
    cli("verify", code=1)
    assert "the evidence passage is gone" in " ".join(cli("claims", "show", "percent").stdout.split())


def test_search_by_support_verdict_before_verify_says_what_to_run(project: Path) -> None:
    out = Cli(project)("claims", "search", "--verdict", "altered", code=2)
    assert "claimtrack verify" in out.stderr


def test_a_missing_or_damaged_capture_is_unchecked_with_the_file_named(project: Path) -> None:
    index = json.loads((project / "captures" / "index.json").read_text("utf-8"))
    news_file = index["references"]["news"][0]["file"]
    pdf_file = index["references"]["report"][0]["file"]
    (project / "captures" / news_file).unlink()
    (project / "captures" / pdf_file).write_bytes(b"\x1f\x8b not really gzip")
    for cache in (project / ".claimtrack" / "source-text").glob("*.json"):
        cache.unlink()
    results = _results(project)
    assert results["curly"]["verdict"] == "unchecked" and "missing" in results["curly"]["reason"]
    assert results["pdf"]["verdict"] == "unchecked" and "cannot be read" in results["pdf"]["reason"]


def test_a_damaged_captures_index_is_one_line_exit_2(project: Path) -> None:
    (project / "captures" / "index.json").write_text("{not json", encoding="utf-8")
    out = Cli(project)("verify", code=2)
    assert "captures/index.json" in out.stderr and "Traceback" not in out.stderr


def test_fail_on_chooses_the_verdicts_that_fail_the_run(project: Path) -> None:
    cli = Cli(project)
    cli("verify", "--fail-on", "unchecked", "--claims", "curly", code=0)
    cli("verify", "--fail-on", "altered", "--claims", "oneword", code=1)
    cli("verify", "--fail-on", "altered", "--claims", "silent", code=0)
    bad = cli("verify", "--fail-on", "broken", code=2)
    assert "--fail-on takes supported" in bad.stderr
    (project / "pyproject.toml").write_text(
        (project / "pyproject.toml").read_text() + '\n[tool.claimtrack.verify]\nfail-on = ["not-found"]\n'
    )
    cli("verify", "--claims", "oneword", code=0)
    cli("verify", "--claims", "silent", code=1)


def test_the_table_lists_supported_pairs_only_with_all(project: Path) -> None:
    cli = Cli(project)
    brief = cli("verify", "--format", "markdown", code=1).stdout
    full = cli("verify", "--format", "markdown", "--all", code=1).stdout
    assert "| `curly` |" not in brief and "| `curly` |" in full
    assert "supported" in brief  # the summary line still counts them
