"""Text PDFs from two producers, read from their characters.

``tests/fixtures/formats/make_fixtures.sh`` made the PDFs: ``report-pdflatex.pdf``
from ``report.tex`` (TeX's footnotes under a rule, a running header, page
numbers, a sentence cut by the page break) and ``brief-libreoffice.pdf`` from
``brief.md`` through a DOCX with real Word footnotes, converted by LibreOffice.
"""

from __future__ import annotations

import shutil

from formats_helpers import FIXTURES, cited_urls, records

RAIL_URLS = {
    "https://transport.example.org/statistics/rail-2023",
    "https://operators.example.net/annual-review/2024",
    "https://regulator.example.org/performance/2024-03",
    "https://audit.example.gov/reports/electrification-progress",
    "https://gazette.example.com/2023/06/04/batteries-branch-lines",
    "https://stats.example.gov/freight/by-mode-2024",
    "https://infra.example.org/consultations/charges-2024/response",
    "https://passengers.example.org/survey/autumn-2023",
}


def test_pdflatex_report(project, cli):
    shutil.copy(FIXTURES / "report-pdflatex.pdf", project / "reports" / "rail.pdf")
    cli("ingest")
    claims, refs, yaml_text = records(cli, "rail")
    assert "format: pdf" in yaml_text
    texts = [c["text"] for c in claims]
    # the sentence the page break cut is whole, without the running header or the page number
    assert (
        "The regulator has since proposed to freeze access charges for freight until 2026, a measure the "
        "infrastructure manager estimates will cost it 85 million euros a year in lost revenue." in texts
    )
    assert not any("Regional Rail Review" in t for t in texts)
    # every note linked to its sentence; URLs whole, from the link annotations
    notes = [label for c in claims for label in c["footnotes"]]
    assert sorted(notes, key=int) == [str(n) for n in range(1, 11)]
    assert cited_urls(claims, refs) == RAIL_URLS
    assert "track-access charges" in " ".join(texts)  # a hyphen that is the word's own stays
    ibid = next(c for c in claims if c["footnotes"] == ["10"])
    assert ibid["references"] == next(c for c in claims if c["footnotes"] == ["9"])["references"]


def test_libreoffice_pdf_of_a_word_document(project, cli):
    shutil.copy(FIXTURES / "brief-libreoffice.pdf", project / "reports" / "brief.pdf")
    cli("ingest")
    claims, refs, yaml_text = records(cli, "brief")
    assert "title: Water Losses in Mid-Sized Cities" in yaml_text
    assert sum(len(c["footnotes"]) for c in claims) == 7
    assert len(cited_urls(claims, refs)) == 6
    texts = [c["text"] for c in claims]
    assert "Meters were installed in 64 percent of households by 2023." in texts  # the bullet is gone
    assert not any("billed" in t for t in texts)  # the code, set in a monospace font


def test_scanned_pdf_gets_one_line(project, cli):
    shutil.copy(FIXTURES / "no-text.pdf", project / "reports" / "scan.pdf")
    result = cli("ingest", code=2)
    assert result.stderr.strip().splitlines() == [
        "claimtrack: error: "
        + str(project / "reports" / "scan.pdf")
        + ": scanned PDF: no text layer (only images); OCR it first, e.g. with ocrmypdf"
    ]
    assert not (project / "claims").exists()


def test_endnotes_gathered_at_the_end(project, cli):
    shutil.copy(FIXTURES / "endnotes-pdflatex.pdf", project / "reports" / "ports.pdf")
    cli("ingest")
    claims, refs, _ = records(cli, "ports")
    assert [c["footnotes"] for c in claims] == [["1"], ["2"], ["3"]]
    assert cited_urls(claims, refs) == {
        "https://ports.example.org/traffic/2023",
        "https://logistics.example.net/dwell/2024-01",
        "https://authority.example.org/plans/2024-2027",
    }
    assert not any("Port Statistics Office" in c["text"] for c in claims)  # note text is no claim


def test_two_column_pdf(project, cli):
    shutil.copy(FIXTURES / "twocolumn-pdflatex.pdf", project / "reports" / "heat.pdf")
    cli("ingest")
    claims, refs, yaml_text = records(cli, "heat")
    assert "title: Heat Pumps in Apartment Blocks" in yaml_text
    from claimtrack.ingest.formats import load

    text = " ".join(p.markdown for p in load(project / "reports" / "heat.pdf").doc.paragraphs)
    # columns read one after the other; the sentence the column break cut is whole
    assert (
        "Several cities have since asked the regulator to let them coordinate the timing of installations with "
        "the operator, so that reinforcement and heat pump programmes follow the same street-by-street plan. "
        "Housing associations have supported the request"
    ) in text
    assert [label for c in claims for label in c["footnotes"]] == ["1", "2", "3", "4", "5"]
    assert len(cited_urls(claims, refs)) == 5
