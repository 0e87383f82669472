"""DOCX, ODT, EPUB, LaTeX, reStructuredText, Org and Typst through pandoc's AST.

The office documents are made here from ``tests/fixtures/formats/brief.md`` by
the pandoc that ships with claimtrack (pypandoc-binary), so the footnotes are
real Word/ODF/EPUB notes; what a user relies on is that each becomes a
footnote record linked to the sentence that carries it, with its URL as a
reference, and that nothing else in the document becomes a claim.
"""

from __future__ import annotations

import shutil

import pytest
from formats_helpers import FIXTURES, cited_urls, pandoc_convert, records

BRIEF_URLS = {
    "https://regulator.example.org/reports/2022-annual.pdf",
    "https://regulator.example.org/benchmarking/2023",
    "https://utilityreview.example.com/2021/03/12/what-a-leak-costs",
    "https://nwa.example.net/renewal/final-report",
    "https://stats.example.gov/metering/census-2023",
    "https://stats.example.gov/cpi/construction",
}


def _check_brief(claims, refs, yaml_text, fmt):
    assert f"format: {fmt}" in yaml_text
    assert "title: Water Losses in Mid-Sized Cities" in yaml_text
    by_text = {c["text"]: c for c in claims}
    first = by_text[
        "Utilities in mid-sized cities lost 27 percent of the water they treated in 2022, "
        "according to the national regulator."
    ]
    assert len(first["footnotes"]) == 1 and first["section"] == "Summary"
    assert refs[first["references"][0]]["url"] == "https://regulator.example.org/reports/2022-annual.pdf"
    # every note is linked to its sentence, and every URL in the notes is a cited reference
    assert sum(len(c["footnotes"]) for c in claims) == 7
    assert cited_urls(claims, refs) == BRIEF_URLS
    # a list item is a sentence without its marker; code is never a claim
    assert "Meters were installed in 64 percent of households by 2023." in by_text
    assert not [c for c in claims if c["text"].startswith(("-", "*", "•"))]
    assert not [c for c in claims if "billed" in c["text"]]  # ODT: by its "Preformatted Text" style


@pytest.mark.parametrize(("suffix", "fmt"), [(".docx", "docx"), (".odt", "odt"), (".epub", "epub")])
def test_office_and_ebook_documents(project, cli, suffix, fmt):
    from claimtrack.ingest.formats import load

    path = pandoc_convert(FIXTURES / "brief.md", project / "reports" / f"brief{suffix}")
    cli("ingest")
    _check_brief(*records(cli, "brief"), fmt)
    assert "unchanged (" in cli("ingest", "--dry-run").stdout  # the same file reads the same again
    # citations written out as text in the document reach the citation readers as written
    assert any("[see @smith2019, p. 12; @doe2021]" in p.markdown for p in load(path).doc.paragraphs)


def test_markdown_through_pandoc_keeps_labels_and_metadata(project, cli):
    shutil.copy(FIXTURES / "brief.md", project / "reports" / "brief.md")
    cli("ingest")
    claims, refs, yaml_text = records(cli, "brief")
    _check_brief(claims, refs, yaml_text, "markdown-footnotes")
    from claimtrack.ingest.formats import load

    text = " ".join(p.markdown for p in load(project / "reports" / "brief.md").doc.paragraphs)
    assert "[see @smith2019, p. 12; @doe2021], and @roe2020 reached" in text  # pandoc Cite elements
    assert "- label: loss\n  line: 29" in yaml_text  # the author's label and the definition's line
    assert "date: '2024-05-02'" in yaml_text and "- Policy Desk" in yaml_text


def test_document_meta_keeps_the_bibliography(tmp_path):
    from claimtrack.ingest.formats import load

    (tmp_path / "paper.tex").write_text(
        "\\documentclass{article}\n\\addbibresource{refs.bib}\n\\begin{document}\n"
        "Gas prices rose by 12 percent in 2021 \\cite[p.~4]{smith2020,doe2019}, as \\textcite{roe2018} predicted.\n"
        "\\bibliography{more}\n\\end{document}\n",
        encoding="utf-8",
    )
    doc = load(tmp_path / "paper.tex").doc
    assert doc.meta["bibliography"] == ["refs.bib", "more.bib"]
    assert "[@smith2020; @doe2019, p. 4]" in doc.paragraphs[0].markdown
    assert "@roe2018 predicted" in doc.paragraphs[0].markdown
    md = tmp_path / "essay.md"
    md.write_text("---\nbibliography: library.bib\n---\n\nA claim from 2020 [@key].\n", encoding="utf-8")
    assert load(md).doc.meta["bibliography"] == "library.bib"


LATEX = r"""\documentclass{article}
% A comment with 99 percent of nothing: never a claim
\title{Grid Report}
\begin{document}
\maketitle
\section{Supply}
Wind produced 31 percent of the country's electricity in 2022.\footnote{Grid Operator.
\emph{Annual Statistics 2022}. URL: \url{https://grid.example.org/stats/2022}}
Solar added another 9 percent.\footnote{See \href{https://solar.example.net/report}{the solar report}, p.~3.}
\begin{verbatim}
print("In 2022 the code said 50 percent")
\end{verbatim}
\[ E = 42 \times 10^{6} \]
\end{document}
"""


def test_latex_footnotes_urls_and_no_markup_claims(project, cli):
    (project / "reports" / "grid.tex").write_text(LATEX, encoding="utf-8")
    cli("ingest")
    claims, refs, yaml_text = records(cli, "grid")
    assert "format: latex" in yaml_text and "title: Grid Report" in yaml_text
    assert [c["text"] for c in claims] == [
        "Wind produced 31 percent of the country’s electricity in 2022.",
        "Solar added another 9 percent.",
    ]
    assert cited_urls(claims, refs) == {
        "https://grid.example.org/stats/2022",
        "https://solar.example.net/report",
    }
    assert claims[0]["section"] == "Supply"


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            "notes.rst",
            "Report\n======\n\nExports rose by 14 percent in 2023 [#]_.\n\n"
            ".. [#] Customs Office, *Trade Bulletin*, https://customs.example.org/bulletin/2023\n",
        ),
        (
            "notes.org",
            "#+TITLE: Report\n\n* Trade\nExports rose by 14 percent in 2023.[fn:1]\n\n"
            "[fn:1] Customs Office, /Trade Bulletin/, https://customs.example.org/bulletin/2023\n",
        ),
        (
            "notes.typ",
            "= Trade\n\nExports rose by 14 percent in 2023.#footnote[Customs Office, _Trade Bulletin_, "
            '#link("https://customs.example.org/bulletin/2023")]\n',
        ),
    ],
)
def test_rst_org_and_typst_notes(project, cli, name, text):
    (project / "reports" / name).write_text(text, encoding="utf-8")
    cli("ingest")
    claims, refs, _ = records(cli, "notes")
    [claim] = claims
    assert claim["text"].startswith("Exports rose by 14 percent in 2023")
    assert claim["footnotes"] and cited_urls(claims, refs) == {"https://customs.example.org/bulletin/2023"}


def _version(binary: str) -> tuple[int, ...]:
    import subprocess

    first = subprocess.run([binary, "--version"], capture_output=True, text=True, check=True).stdout.split()[
        1
    ]
    return tuple(int(p) for p in first.split(".")[:3])


def test_the_pandoc_is_the_one_pip_installed(monkeypatch):
    """`pip install` alone is enough: ingest runs pypandoc-binary's pandoc 3, unless a newer
    pandoc is on PATH (this machine's /usr/bin/pandoc is a 2.17: it must not be the one)."""
    from pathlib import Path

    import pypandoc

    from claimtrack.ingest import pandoc

    monkeypatch.delenv("PYPANDOC_PANDOC", raising=False)
    pandoc.executable.cache_clear()
    path, version = pandoc.executable()
    bundled = Path(pypandoc.__file__).resolve().parent / "files" / "pandoc"
    assert bundled.is_file(), "pypandoc-binary's pandoc is missing: pip install -e . should bring it"
    assert _version(str(bundled)) >= (3, 0)
    system = shutil.which("pandoc")
    if system is None or _version(system) < _version(str(bundled)):
        assert Path(path).resolve() == bundled
    else:
        assert version == _version(system)[: len(version)]


def test_a_pandoc_too_old_is_refused_in_one_line(project, cli, monkeypatch):
    """pypandoc picks the newest pandoc it finds; if that is a pandoc 2, the user is told, in one line."""
    import pypandoc

    from claimtrack.ingest import pandoc

    monkeypatch.setattr(pypandoc, "get_pandoc_path", lambda: "/usr/bin/pandoc")
    monkeypatch.setattr(pypandoc, "get_pandoc_version", lambda: "2.17.1.1")
    pandoc.executable.cache_clear()
    try:
        (project / "reports" / "grid.tex").write_text(LATEX, encoding="utf-8")
        result = cli("ingest", code=2)
        assert "pandoc 2.17.1 at /usr/bin/pandoc is too old: pandoc 3 or later is needed" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    finally:
        pandoc.executable.cache_clear()


def test_latex_input_files_are_read_from_the_report_folder(project, cli):
    (project / "reports" / "main.tex").write_text(
        "\\documentclass{article}\n\\begin{document}\n\\input{chapters/steel}\n\\end{document}\n",
        encoding="utf-8",
    )
    (project / "reports" / "chapters").mkdir()
    (project / "reports" / "chapters" / "steel.tex").write_text(
        "Steel output fell by 9 percent in 2023.\\footnote{World Steel, \\url{https://steel.example.org/2023}.}\n",
        encoding="utf-8",
    )
    cli("ingest", str(project / "reports" / "main.tex"))
    claims, refs, _ = records(cli, "main")
    assert [c["text"] for c in claims] == ["Steel output fell by 9 percent in 2023."]
    assert cited_urls(claims, refs) == {"https://steel.example.org/2023"}


def test_audit_reads_a_docx_report_as_ingest_did(project, cli):
    """No claim of a DOCX is "stale": the audit compares claims with the text ingest read from it
    (kept under .claimtrack/ by the file's hash, so the next audit does not read the file again)."""
    import json

    pandoc_convert(FIXTURES / "brief.md", project / "reports" / "brief.docx")
    cli("ingest")
    findings = json.loads(cli("audit", "--format", "json", code=None).stdout)["findings"]
    assert findings and "stale-claim" not in {f["slug"] for f in findings}
    assert len(list((project / ".claimtrack" / "report-text").glob("*-docx.txt"))) == 1


def test_a_folder_with_a_latex_main_file_is_one_report(project, cli):
    (project / "reports" / "main.tex").write_text(
        "\\documentclass{article}\n\\begin{document}\n\\input{steel}\n\\end{document}\n", encoding="utf-8"
    )
    (project / "reports" / "steel.tex").write_text(
        "Steel output fell by 9 percent in 2023.\n", encoding="utf-8"
    )
    cli("ingest")
    assert sorted(p.name for p in (project / "claims").iterdir()) == ["main.yaml"]
