"""citation-needed, note-only, dangling-marker, unused-footnote, stale-claim on small projects."""

from __future__ import annotations

REPORT = """
# Turkey

In 2019, Azerbaijan supplied 21.2 percent of Turkey's gas. Turkey sold arms worth $123 million to Baku.<sup>1</sup>

This may well be a turning point for the region. Will Ankara keep its gains? The OSCE mediators failed for 26 years.

<sup>1</sup> *Turkish arms exports peak.* URL: <https://www.dw.com/tr/turkish-arms-exports-peak/a-1>
"""


def _base(build):
    return (
        build.report(REPORT)
        .footnote(
            "1",
            "*Turkish arms exports peak.* URL: <https://www.dw.com/tr/turkish-arms-exports-peak/a-1>",
            refs=["dw"],
        )  # fmt: skip
        .ref(
            "dw",
            title="Turkish arms exports peak",
            url="https://www.dw.com/tr/turkish-arms-exports-peak/a-1",
            date="2020-10-01",
        )  # fmt: skip
        .claim("Turkey sold arms worth $123 million to Baku.", footnotes=["1"], refs=["dw"])
    )


def test_citation_needed_names_the_reason_and_trigger(build):
    _base(build).claim("In 2019, Azerbaijan supplied 21.2 percent of Turkey's gas.")
    [finding] = build.audit("citation-needed").findings
    assert finding.code == "CT101" and finding.severity == "warning"
    assert finding.reason == "statistic" and finding.trigger == "21.2 percent"
    assert finding.file == "reports/r1.md" and finding.line == 3
    assert finding.claim == "r1-c2"
    # the cited sentence later in the paragraph is offered as the likely source
    assert "footnote 1 on the next sentence may cover it" in finding.message
    assert finding.related[0].line == 3


def test_opinions_questions_and_bare_numbers_are_not_flagged(build):
    _base(build)
    build.claim("This may well be a turning point for the region.")
    build.claim("Will Ankara keep its gains?")
    build.claim("The OSCE mediators failed for 26 years.")
    assert build.slugs("citation-needed") == []


def test_no_source_needed_review_silences_citation_needed(build):
    _base(build).claim(
        "In 2019, Azerbaijan supplied 21.2 percent of Turkey's gas.", status="no-source-needed"
    )
    assert build.slugs("citation-needed") == []


def test_note_only_footnote_on_a_factual_claim(build):
    build.report(
        """
        France's interest is not only due to its diaspora.<sup>1</sup> Paris is Ankara's rival.<sup>2</sup>

        <sup>1</sup> In 2000, the French Parliament recognised the Armenian genocide.

        <sup>2</sup> The author's view.
        """
    )
    build.footnote("1", "In 2000, the French Parliament recognised the Armenian genocide.", kind="note")
    build.footnote("2", "The author's view.", kind="note")
    build.claim("France's interest is not only due to its diaspora.", footnotes=["1"])
    build.claim("Paris is Ankara's rival.", footnotes=["2"])
    [finding] = build.audit("note-only").findings
    assert finding.code == "CT102" and finding.footnote == "1" and finding.line == 3
    assert finding.trigger == "In 2000"
    assert finding.related[0].line == 1  # the claim it carries


def test_note_footnote_beside_a_source_is_not_note_only(build):
    build.report(
        """
        In 2000, the French Parliament recognised the genocide.<sup>1</sup><sup>2</sup>

        <sup>1</sup> The law followed in 2001.

        <sup>2</sup> URL: <https://example.org/law>
        """
    )
    build.footnote("1", "The law followed in 2001.", kind="note")
    build.footnote("2", "URL: <https://example.org/law>", refs=["law"])
    build.ref("law", title="The law", url="https://example.org/law", date="2001")
    build.claim("In 2000, the French Parliament recognised the genocide.", footnotes=["1", "2"], refs=["law"])
    assert build.slugs("note-only") == []


def test_dangling_marker_and_unused_footnote(build):
    build.report(
        """
        Turkey sold drones to Ukraine in 2019.<sup>1</sup> Kyiv bought six of them.<sup>3</sup>

        <sup>1</sup> URL: <https://example.org/drones>

        <sup>2</sup> URL: <https://example.org/orphan>
        """
    )
    build.footnote("1", "URL: <https://example.org/drones>", refs=["drones"])
    build.footnote("2", "URL: <https://example.org/orphan>", refs=["orphan"])
    build.ref("drones", title="Drones", url="https://example.org/drones", date="2019")
    build.ref("orphan", title="Orphan", url="https://example.org/orphan", date="2019")
    build.claim("Turkey sold drones to Ukraine in 2019.", footnotes=["1"], refs=["drones"])
    build.claim("Kyiv bought six of them.", footnotes=["3"])
    findings = build.audit("dangling-marker", "unused-footnote").findings
    by_slug = {f.slug: f for f in findings}
    assert set(by_slug) == {"dangling-marker", "unused-footnote"}
    assert by_slug["dangling-marker"].footnote == "3" and by_slug["dangling-marker"].line == 1
    assert by_slug["dangling-marker"].severity == "error"
    assert by_slug["unused-footnote"].footnote == "2" and by_slug["unused-footnote"].line == 5


def test_matching_markers_and_definitions_are_clean_and_ordinals_are_not_markers(build):
    build.report(
        """
        A deal like the one of the early 20<sup>th</sup> century was signed in 1921.<sup>1</sup>

        <sup>1</sup> URL: <https://example.org/kars>
        """
    )
    build.footnote("1", "URL: <https://example.org/kars>", refs=["kars"])
    build.ref("kars", title="Kars", url="https://example.org/kars", date="1921")
    build.claim(
        "A deal like the one of the early 20th century was signed in 1921.", footnotes=["1"], refs=["kars"]
    )
    assert build.slugs("dangling-marker", "unused-footnote", "stale-claim") == []


def test_pandoc_markers_without_definition(build):
    from claimtrack.model import ReportFormat

    build.report(
        """
        Turkey sold drones in 2019.[^a] Kyiv bought six.[^b]

        [^a]: URL: <https://example.org/drones>
        """,
        fmt=ReportFormat.MARKDOWN_FOOTNOTES,
    )
    build.footnote("a", "URL: <https://example.org/drones>", refs=["drones"])
    build.ref("drones", title="Drones", url="https://example.org/drones", date="2019")
    build.claim("Turkey sold drones in 2019.", footnotes=["a"], refs=["drones"])
    build.claim("Kyiv bought six.", footnotes=["b"])
    [finding] = build.audit("dangling-marker", "unused-footnote").findings
    assert finding.slug == "dangling-marker" and finding.footnote == "b"


def test_stale_claim_when_the_report_changed(build):
    _base(build).claim("In 2019, Azerbaijan supplied 24 percent of Turkey's gas.", line=3)
    [finding] = build.audit("stale-claim").findings
    assert finding.code == "CT105" and finding.claim == "r1-c2"
    assert finding.file == "claims/r1.yaml"
    # the line of the claim's record in the YAML file
    yaml_lines = (build.root / "claims" / "r1.yaml").read_text().split("\n")
    assert yaml_lines[finding.line - 1].lstrip("- ").startswith("id: r1-c2")


def test_claim_cut_by_a_page_break_is_not_stale(build):
    build.report(
        """
        The escalation in September of this year has

        ---

        <sup>1</sup> *Statement.* URL: <http://en.kremlin.ru/events/president/news/64133>

        not changed this.<sup>1</sup> Markup, “quotes” and line
        breaks do not matter.
        """
    )
    build.footnote("1", "*Statement.* URL: <http://en.kremlin.ru/events/president/news/64133>", refs=["k"])
    build.ref("k", title="Statement", url="http://en.kremlin.ru/events/president/news/64133", date="2020")
    build.claim("The escalation in September of this year has not changed this.", footnotes=["1"], refs=["k"])
    build.claim('Markup, "quotes" and line breaks do not matter.', status="no-source-needed", line=7)
    assert build.slugs("stale-claim") == []


def test_detached_claim_is_stale(build):
    _base(build).claim("An old reviewed sentence, kept for its review.", line=3, detached=True)
    [finding] = build.audit("stale-claim").findings
    assert "kept it for its review" in finding.message
