"""Page metadata for refs enrich: which vocabulary wins, and where each value came from."""

from __future__ import annotations

from claimtrack.sources.metadata import html_metadata, iso_date, person_name

HIGHWIRE_AND_OTHERS = """<html lang="en-GB"><head>
<title>Site | A working paper</title>
<meta name="citation_title" content="Gas markets after the pipeline era">
<meta name="citation_author" content="Smith, Jane">
<meta name="citation_author" content="Omar Farouk">
<meta name="citation_publication_date" content="2021/03/09">
<meta name="citation_journal_title" content="Energy Policy Review">
<meta name="DC.title" content="Not this title">
<meta property="og:title" content="Nor this one">
<meta property="og:site_name" content="Example Institute">
</head><body><p>Text.</p></body></html>"""

DUBLIN_CORE_ONLY = """<html><head><title>Report page</title>
<meta name="DC.title" content="Annual statistics 2019">
<meta name="DC.creator" content="Maria Berger">
<meta name="DC.date" content="2020-02-01">
<meta name="DC.language" content="de">
</head><body></body></html>"""

DATE_IN_TEXT_ONLY = """<html><head><title>Notice</title></head><body>
<article><h1>Notice</h1><p class="date">Published 14 May 2019</p><p>Some text of the notice.</p></article>
</body></html>"""


def test_highwire_tags_win_and_each_value_names_its_source() -> None:
    meta = html_metadata(HIGHWIRE_AND_OTHERS)
    assert meta["title"] == ("Gas markets after the pipeline era", "citation_title")
    assert meta["authors"] == ("Smith, Jane; Farouk, Omar", "citation_author")
    assert meta["date"] == ("2021-03-09", "citation_publication_date")
    assert meta["container"] == ("Energy Policy Review", "citation_journal_title")
    assert meta["language"] == ("en-GB", "<html lang>")


def test_dublin_core_alone_is_read() -> None:
    meta = html_metadata(DUBLIN_CORE_ONLY)
    assert meta["title"] == ("Annual statistics 2019", "dc.title")
    assert meta["authors"] == ("Berger, Maria", "dc.creator")
    assert meta["date"] == ("2020-02-01", "dc.date")
    assert meta["language"] == ("de", "dc.language")


def test_a_date_only_in_the_text_comes_from_htmldate() -> None:
    assert html_metadata(DATE_IN_TEXT_ONLY)["date"] == ("2019-05-14", "htmldate")


def test_names_and_dates_are_normalised_or_refused() -> None:
    assert person_name("By Jane Q. Smith") == "Smith, Jane Q."
    assert person_name("Reuters Staff 2") is None and person_name("https://x.org/me") is None
    assert iso_date("2020-10-07T10:00:00Z") == "2020-10-07" and iso_date("2020/5") == "2020-05"
    assert iso_date("yesterday") is None
