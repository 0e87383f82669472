"""uncited-reference, no-locator, duplicate-reference, no-date on small projects."""

from __future__ import annotations

from claimtrack.model import ReportFormat

ARTICLE = """
Waltz (1979) founded Neo-Realism. On 1st October, Armenia recalled its ambassador in Tel Aviv over Israeli arms sales to Azerbaijan.

Waltz, K. (1979). Theory of International Politics. Reading: Addison-Wesley.

Hovhannisyan, N. (2020). “Armenia Recalls Ambassador to Israel over Arms Sales to Azerbaijan”. Reuters. Available at: https://www.reuters.com/article/us-armenia-azerbaijan-israel-idUSKBN26M76L

Balci, B. (2014). “Strengths and Constraints of Turkish Policy in the South Caucasus”, Insight Turkey.
"""


def _article(build):
    build.report(ARTICLE, fmt=ReportFormat.AUTHOR_YEAR)
    build.ref("waltz1979", type="book", title="Theory of International Politics", authors=["Waltz, K."],
              date="1979", isbn="9780075548522")  # fmt: skip
    build.ref("hovhannisyan2020", type="article-newspaper", authors=["Hovhannisyan, N."], date="2020-10-01",
              title="Armenia Recalls Ambassador to Israel over Arms Sales to Azerbaijan",
              url="https://www.reuters.com/article/us-armenia-azerbaijan-israel-idUSKBN26M76L")  # fmt: skip
    build.ref("balci2014", type="article-journal", authors=["Balci, B."], date="2014",
              title="Strengths and Constraints of Turkish Policy in the South Caucasus", container="Insight Turkey")  # fmt: skip
    build.entry("waltz1979", "Waltz, K. (1979). Theory", cited=True)
    build.entry("hovhannisyan2020", "Hovhannisyan, N. (2020).", cited=False)
    build.entry("balci2014", "Balci, B. (2014).", cited=False)
    build.claim("Waltz (1979) founded Neo-Realism.", refs=["waltz1979"])
    build.claim(
        "On 1st October, Armenia recalled its ambassador in Tel Aviv over Israeli arms sales to Azerbaijan.",
        line=1,
    )
    return build


def test_bibliography_entries_never_cited(build):
    findings = _article(build).audit("uncited-reference").findings
    assert [(f.reference, f.line, f.file) for f in findings] == [
        ("hovhannisyan2020", 5, "reports/r1.md"),
        ("balci2014", 7, "reports/r1.md"),
    ]
    # the uncited entry plainly about an uncited claim says so
    assert "looks like the source of line 1" in findings[0].message
    assert "looks like" not in findings[1].message


def test_reference_no_report_cites(build):
    _article(build).ref("orphan", title="Nobody cites me", url="https://example.org/orphan", date="2020")
    findings = build.audit("uncited-reference").findings
    orphan = [f for f in findings if f.reference == "orphan"]
    assert len(orphan) == 1 and orphan[0].file == "references/r1.bib" and orphan[0].report is None
    # auditing one report does not blame it for references it never claimed
    narrowed = build.audit("uncited-reference", paths=[build.root / "reports" / "r1.md"]).findings
    assert "orphan" not in {f.reference for f in narrowed}


def test_no_locator(build):
    findings = _article(build).audit("no-locator").findings
    # the book has an ISBN, the news article a URL; the journal article has neither
    assert [f.reference for f in findings] == ["balci2014"]
    assert findings[0].fix == "Add its DOI or URL to balci2014."
    bib = (build.root / "references" / "r1.bib").read_text().split("\n")
    assert bib[findings[0].line - 1].startswith("@article{balci2014")


KREMLIN = """
The statement of November 10 ended the war.<sup>1</sup> The border service guards the corridor.<sup>2</sup> The co-chairs spoke.<sup>3</sup><sup>4</sup>

<sup>1</sup> Statement by the President of the Republic of Azerbaijan and the President of the Russian Federation. URL: <http://en.kremlin.ru/events/president/news/64384>

<sup>2</sup> Statement by President of the Republic of Azerbaijan and President of the Russian Federation. URL: <http://en.kremlin.ru/acts/news/64384>

<sup>3</sup> Statement by the OSCE Minsk Group Co-Chair countries. URL: <https://www.osce.org/mg/51152>

<sup>4</sup> Statement by the OSCE Minsk Group Co-Chair countries. URL: <https://www.osce.org/mg/46342>
"""


def _kremlin(build):
    build.report(KREMLIN)
    build.ref("kremlin_a", title="Statement by the President of the Republic of Azerbaijan and the President of the "
              "Russian Federation", url="http://en.kremlin.ru/events/president/news/64384", date="2020-11-10")  # fmt: skip
    build.ref("kremlin_b", title="Statement by President of the Republic of Azerbaijan and President of the Russian "
              "Federation", url="http://en.kremlin.ru/acts/news/64384", date="2020-11-10")  # fmt: skip
    build.ref("osce_a", title="Statement by the OSCE Minsk Group Co-Chair countries",
              url="https://www.osce.org/mg/51152", date="2009-07-10")  # fmt: skip
    build.ref("osce_b", title="Statement by the OSCE Minsk Group Co-Chair countries",
              url="https://www.osce.org/mg/46342", date="2010-06-26")  # fmt: skip
    for label, key in [("1", "kremlin_a"), ("2", "kremlin_b"), ("3", "osce_a"), ("4", "osce_b")]:
        build.footnote(label, f"URL: <{build.refs[int(label) - 1].url}>", refs=[key])
    build.claim("The statement of November 10 ended the war.", footnotes=["1"], refs=["kremlin_a"])
    build.claim("The border service guards the corridor.", footnotes=["2"], refs=["kremlin_b"])
    build.claim("The co-chairs spoke.", footnotes=["3", "4"], refs=["osce_a", "osce_b"])
    return build


def test_one_document_under_two_urls_and_keys(build):
    [finding] = _kremlin(build).audit("duplicate-reference").findings
    assert finding.reference == "kremlin_b" and finding.code == "CT203"
    assert "same title on the same site" in finding.message
    assert finding.related[0].message.startswith("kremlin_a")


def test_recurring_titles_with_different_document_ids_are_not_duplicates(build):
    findings = _kremlin(build).audit("duplicate-reference").findings
    assert not [f for f in findings if f.reference and f.reference.startswith("osce")]


def test_same_url_twice_is_a_duplicate(build):
    build.report(
        "A.<sup>1</sup> B.<sup>2</sup>\n\n<sup>1</sup> URL: <https://x.org/a>\n\n<sup>2</sup> URL: <https://x.org/a>\n"
    )
    build.ref("a1", title="Page A", url="https://x.org/a", date="2020")
    build.ref("a2", title="Page A", url="https://x.org/a", date="2020")
    [finding] = build.audit("duplicate-reference").findings
    assert finding.reference == "a2" and "the same URL" in finding.message


def test_no_date_is_info_and_offers_the_date_in_the_url(build):
    build.report("A.<sup>1</sup> B.<sup>2</sup> C.<sup>3</sup>\n")
    build.ref("dated", title="Dated", url="https://x.org/dated", date="2020-10-01")
    build.ref("in_url", title="In URL", url="https://www.tasnimnews.com/en/news/2020/10/07/2365061/protest")
    build.ref("undated", title="Undated", url="https://x.org/undated")
    findings = build.audit("no-date").findings
    assert [(f.reference, f.severity.value) for f in findings] == [("in_url", "info"), ("undated", "info")]
    assert "its URL says 2020-10-07" in findings[0].message
