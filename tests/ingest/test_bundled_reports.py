"""The two reports the project is built around, ingested exactly."""

from __future__ import annotations

import json

import pytest
from ct_helpers import BUNDLED_REPORTS, Cli

from claimtrack.ingest import sup_footnotes

VALDAI = "004_7e88fde1e0fb7812"
ARTICLE = "000_f3de1e5d7ccbdab7"


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    root = tmp_path_factory.mktemp("bundled")
    (root / "reports").mkdir()
    for report in BUNDLED_REPORTS.iterdir():
        (root / "reports" / report.name).write_bytes(report.read_bytes())
    cli = Cli(root)
    cli("ingest")
    claims = json.loads(cli("claims", "list", "--format", "json").stdout)
    refs = {r["key"]: r for r in json.loads(cli("refs", "list", "--format", "json").stdout)}
    return root, cli, claims, refs


def footnote_refs(refs, number):
    return [r for r in refs.values() if {"report": VALDAI, "number": number} in r["footnotes"]]


def test_all_67_footnotes_resolved_and_attached(ingested):
    root, _, claims, refs = ingested
    markers = [label for c in claims if c["report"] == VALDAI for label in c["footnotes"]]
    assert sorted(markers, key=int) == [str(n) for n in range(1, 68)]
    for number in range(1, 68):
        cited = footnote_refs(refs, number)
        if number == 64:
            assert cited == []  # an explanation, no source
        else:
            assert cited, f"footnote {number} resolved to no reference"
    assert footnote_refs(refs, 49) == footnote_refs(refs, 48)  # Ibid
    assert len(footnote_refs(refs, 21)) == 3 and len(footnote_refs(refs, 8)) == 2


def test_urls_are_exact(ingested):
    _, _, _, refs = ingested
    urls = {r["url"] for r in refs.values() if r["url"]}
    for url in [
        "https://www.tehrantimes.com/news/453291/Leader-s-aide-calls-on-Armenia-to-retreat-from-Azerbaijani-territory",
        "https://parstoday.com/en/news/iran-i128855-iran_won%E2%80%99t_tolerate_terrorists%E2%80%99_presence_near_borders_zarif",
        "http://www.xinhuanet.com/english/2020-10/27/c_139469060.htm",
        "https://www.mid.ru/en/foreign_policy/official_documents/-/asset_publisher/CptlCk6BZ29/content/id/2542248",
        "http://www.newsweek.com/trump-says-hell-easily-solve-nagorno-karabakh-conflict-deserves-nobel-peace-prize-1541988",
        "https://edition.cnn.com/2020/10/01/middleeast/azerbaijan-armenia-syrian-rebels-intl/index.htm",
        "https://edition.cnn.com/2020/10/01/middleeast/azerbaijan-armenia-syrian-rebels-intl/index.html",
        "https://eadaaily.com/ru/news/2019/12/13/davutogla-sozda-partiyu-budushchego-erdogan-nasazhdaet-atmosferu-straha",
        "https://valdaiclub.com/a/highlights/armenia-in-changing-security-environment/",
    ]:
        assert url in urls
    assert all(" " not in u and "\\" not in u for u in urls)
    assert len(urls) == 66  # 67 references with a URL: one URL is cited under two titles


def test_sentences_cut_by_page_breaks_are_whole(ingested):
    _, _, claims, _ = ingested
    texts = {c["text"] for c in claims}
    assert (
        "The escalation of tensions in the Nagorno-Karabakh region in September of this year has not changed this."
        in texts
    )
    assert any(
        t.startswith("The Tehran Statement declared the parties' commitment to use diplomatic") for t in texts
    )
    paragraphs = [
        p.markdown
        for p in sup_footnotes.parse((BUNDLED_REPORTS / f"{VALDAI}.txt").read_text("utf-8")).paragraphs
    ]
    assert any(
        "the Trans-Anatolian Natural Gas Pipeline (TANAP). By supporting Baku" in p for p in paragraphs
    )
    assert any(
        "with Armenia and the Republic of Azerbaijan to protect its civilians" in p for p in paragraphs
    )
    assert not any("<sup>" in t or "*" in t or "\\" in t for t in texts)


def test_reference_fields_from_footnote_text(ingested):
    _, _, _, refs = ingested
    [haas] = footnote_refs(refs, 7)
    assert (haas["authors"], haas["container"], haas["date"], haas["url"]) == (
        ["Haas, R."],
        "Foreign Affairs",
        "2008",
        None,
    )
    [erdogan] = footnote_refs(refs, 18)
    assert erdogan["title"] == "Cumhurbaşkanı Erdoğan'dan saygısız karikatüre tepki"
    assert erdogan["title_translation"] == "President Erdoğan's reaction to the disrespectful cartoon"
    assert erdogan["language"] == "tr"
    [icg] = footnote_refs(refs, 10)
    assert (icg["type"], icg["organization"], icg["number"], icg["date"]) == (
        "report",
        "International Crisis Group",
        "187",
        "2007",
    )
    kaleji = footnote_refs(refs, 25)
    assert kaleji == footnote_refs(refs, 29) == footnote_refs(refs, 35)  # one source, three citations


def test_article_bibliography_and_boilerplate(ingested):
    root, _, claims, refs = ingested
    records = (root / "claims" / f"{ARTICLE}.yaml").read_text("utf-8")
    assert "date: '2020-11-08'" in records and "cookie" not in records
    article_refs = [r for r in refs.values() if r["file"].endswith(f"{ARTICLE}.bib")]
    assert len(article_refs) == 10
    cited = {k for c in claims if c["report"] == ARTICLE for k in c["references"]}
    assert {refs[k]["authors"][0] for k in cited} == {"Waltz, K.", "Sushentsov, A.", "Flanagan, S."}
    assert records.count("cited: false") == 7


def test_bundled_records_are_what_ingest_produces(ingested, bundled):
    """The committed claims/ and references/ are up to date with the reports and parser."""
    cli = Cli(bundled)
    result = cli("ingest", "--dry-run")
    assert result.stdout.count("unchanged") == 2, result.stdout
