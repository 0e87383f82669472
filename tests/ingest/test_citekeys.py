"""Citekey documents: pandoc [@key] citations against the bibliography the document names.

The oracle is pandoc itself: the citations its reader finds (``Cite`` elements
of ``pandoc -t json``) are the ones ingest must link, key for key.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from ct_helpers import write_report

needs_pandoc = pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")

BIB = r"""
@article{smith2020,
  author = {Smith, Jane and Lee, Kim},
  title = {Solar Capacity in Europe},
  journal = {Energy Policy},
  volume = {12},
  pages = {45--67},
  year = {2020},
  doi = {10.1016/j.enpol.2020.01.001},
}

@book{doe2019,
  author = {Doe, John},
  title = {Wind Power},
  publisher = {Springer},
  address = {Berlin},
  year = {2019},
  note = {A curated note that must survive},
}

@online{iea2021,
  author = {{International Energy Agency}},
  title = {World Energy Outlook 2021},
  url = {https://www.iea.org/reports/world-energy-outlook-2021},
  urldate = {2022-01-05},
  year = {2021},
}
"""

PAPER = """
---
title: Renewables
bibliography: refs.bib
---

# Growth

Solar capacity grew by 40 percent in 2020 [see @smith2020, pp. 45-47; @doe2019].
@iea2021 [p. 12] expects wind capacity to double by 2030.
Storage costs fell by half [-@smith2020, chap. 3], and grids adapted [@nobody2018].
Figure @fig-growth shows it; write to press@example.org for data.
"""


def _claims(cli) -> list[dict]:
    return json.loads(cli("claims", "list", "--format", "json").stdout)


def _pandoc_cites(path: Path) -> list[str]:
    out = subprocess.run(
        ["pandoc", "-t", "json", str(path)], capture_output=True, text=True, check=True
    ).stdout
    keys: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if node.get("t") == "Cite":
                keys.extend(c["citationId"] for c in node["c"][0])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(out))
    return keys


def test_citekeys_link_to_the_named_bibliography_with_locators(project, cli):
    (project / "reports" / "refs.bib").write_text(BIB, encoding="utf-8")
    write_report(project, "paper.md", PAPER)
    cli("ingest", str(project / "reports" / "paper.md"))
    claims = _claims(cli)
    first, second, third = claims[:3]
    assert first["text"] == "Solar capacity grew by 40 percent in 2020."  # the citation is not claim text
    assert [(c["key"], c["locator"], c["prefix"]) for c in first["citations"]] == [
        ("smith2020", "pp. 45-47", "see"),
        ("doe2019", None, None),
    ]
    assert first["references"] == ["smith2020", "doe2019"]
    # narrative: the author's name stands in the text, as pandoc prints it
    assert second["text"].startswith("International Energy Agency expects wind capacity")
    assert second["citations"][0]["mode"] == "author-in-text" and second["citations"][0]["locator"] == "p. 12"
    modes = [(c["key"], c["mode"], c["found"]) for c in third["citations"]]
    assert modes == [("smith2020", "suppress-author", True), ("nobody2018", "normal", False)]
    assert third["references"] == ["smith2020"]  # a key the bibliography lacks links nothing
    # a Quarto cross-reference and an e-mail address are not citations
    assert all(c["key"] not in ("fig-growth", "example.org") for claim in claims for c in claim["citations"])


def test_bibliography_entries_join_references_without_loss_and_stay_stable(project, cli):
    (project / "reports" / "refs.bib").write_text(BIB, encoding="utf-8")
    write_report(project, "paper.md", PAPER)
    cli("ingest", str(project / "reports"))
    refs = {r["key"]: r for r in json.loads(cli("refs", "list", "--format", "json").stdout)}
    assert {"smith2020", "doe2019", "iea2021"} <= set(refs)
    assert refs["smith2020"]["doi"] == "10.1016/j.enpol.2020.01.001" and refs["smith2020"]["volume"] == "12"
    assert refs["doe2019"]["note"] == "A curated note that must survive"
    assert refs["iea2021"]["organization"] == "International Energy Agency"
    assert refs["iea2021"]["urldate"] == "2022-01-05" and refs["iea2021"]["date"] == "2021"
    before = {p.name: p.read_text("utf-8") for p in (project / "references").glob("*.bib")}
    cli("ingest", str(project / "reports"))  # again: same keys, no duplicate entries
    after = {p.name: p.read_text("utf-8") for p in (project / "references").glob("*.bib")}
    assert after == before
    assert [c["references"] for c in _claims(cli)][:1] == [["smith2020", "doe2019"]]


def test_bibliography_flag_and_a_missing_file(project, cli, tmp_path):
    bib = tmp_path / "elsewhere.bib"
    bib.write_text(BIB, encoding="utf-8")
    write_report(project, "paper.md", PAPER.replace("bibliography: refs.bib\n", ""))
    cli("ingest", "--bibliography", str(bib), str(project / "reports" / "paper.md"))
    assert _claims(cli)[0]["references"] == ["smith2020", "doe2019"]
    write_report(project, "other.md", PAPER.replace("refs.bib", "missing.bib"))
    out = cli("ingest", str(project / "reports" / "other.md")).stdout  # named but absent: said, not fatal
    assert "bibliography reports/missing.bib not found" in " ".join(out.split())
    other = [c for c in _claims(cli) if c["report"] == "other"]
    assert other[0]["citations"][0]["key"] == "smith2020"
    assert not any(c["found"] for claim in other for c in claim["citations"])
    result = cli("ingest", "--bibliography", str(tmp_path / "nowhere.bib"), str(project / "reports"), code=2)
    assert "nowhere.bib not found" in result.stderr


@needs_pandoc
def test_every_cite_pandoc_finds_is_linked(project, cli):
    (project / "reports" / "refs.bib").write_text(BIB, encoding="utf-8")
    path = write_report(project, "paper.md", PAPER)
    oracle = [k for k in _pandoc_cites(path) if k in ("smith2020", "doe2019", "iea2021")]
    cli("ingest", str(path))
    ours = [c["key"] for claim in _claims(cli) for c in claim["citations"] if c["found"]]
    assert ours == oracle


@needs_pandoc
def test_csl_json_bibliography(project, cli, tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_text(BIB, encoding="utf-8")
    csl = project / "reports" / "refs.json"
    subprocess.run(["pandoc", str(bib), "-f", "biblatex", "-t", "csljson", "-o", str(csl)], check=True)
    write_report(project, "paper.md", PAPER.replace("refs.bib", "refs.json"))
    cli("ingest", str(project / "reports" / "paper.md"))
    refs = {r["key"]: r for r in json.loads(cli("refs", "list", "--format", "json").stdout)}
    assert (
        refs["smith2020"]["title"].casefold() == "solar capacity in europe"
    )  # pandoc writes it in sentence case
    assert _claims(cli)[0]["references"] == ["smith2020", "doe2019"]


@needs_pandoc
def test_latex_citations_through_pandoc(project, cli, tmp_path):
    """\\citep, \\citet and \\parencite come through pandoc's LaTeX reader as citekeys."""
    tex = tmp_path / "paper.tex"
    tex.write_text(
        r"""\documentclass{article}
\begin{document}
Solar capacity grew by 40 percent in 2020 \citep[p.~45]{smith2020}.
\citet{doe2019} argues that wind power doubles by 2030.
Storage costs fell by half \parencite{smith2020,iea2021}.
\end{document}
""",
        encoding="utf-8",
    )
    markdown = project / "reports" / "paper.md"
    subprocess.run(["pandoc", str(tex), "-f", "latex", "-t", "markdown", "-o", str(markdown)], check=True)
    (project / "reports" / "refs.bib").write_text(BIB, encoding="utf-8")
    cli("ingest", "--bibliography", str(project / "reports" / "refs.bib"), str(markdown))
    cited = [[(c["key"], c["locator"]) for c in claim["citations"]] for claim in _claims(cli)]
    assert cited == [[("smith2020", "p. 45")], [("doe2019", None)], [("smith2020", None), ("iea2021", None)]]


def test_a_key_missing_from_the_bibliography_is_a_finding(project, cli):
    (project / "reports" / "refs.bib").write_text(BIB, encoding="utf-8")
    write_report(project, "paper.md", PAPER)
    out = cli("ingest", str(project / "reports" / "paper.md")).stdout
    assert "cited but not in the bibliography: nobody2018" in out
    result = cli("audit", "--select", "CT108", "--format", "json", code=1)
    findings = json.loads(result.stdout)
    findings = findings["findings"] if isinstance(findings, dict) else findings
    assert [(f["slug"], f["line"]) for f in findings] == [
        ("unresolved-citation", 10)
    ]  # the line of "Storage costs fell ..."
    assert "[@nobody2018]" in findings[0]["message"]


def test_a_citekey_inside_a_footnote_is_the_notes_source(project, cli):
    (project / "reports" / "refs.bib").write_text(BIB, encoding="utf-8")
    write_report(
        project,
        "notes.md",
        "---\nbibliography: refs.bib\n---\n\nWind capacity doubled by 2019.[^1]\n\n"
        "[^1]: See @doe2019 [p. 3] for the figures.\n",
    )
    cli("ingest", str(project / "reports" / "notes.md"))
    claim = _claims(cli)[0]
    assert claim["references"] == ["doe2019"] and claim["footnotes"] == ["1"]
    assert [(c["key"], c["locator"]) for c in claim["citations"]] == [("doe2019", "p. 3")]


CHUNKED = """
---
title: Explaining models
bibliography: refs.bib
---

# LIME

```{r, echo=FALSE}
#' Kernel function
#' @param d Distance between center and point
#' @return a weight
kernel = function(d, w) sqrt(exp(-(d^2) / w^2))
```

Local surrogate models were proposed by @doe2019, and they fit weighted linear models.

~~~{python label="fit"}
# @smith2020 in a comment is code, not a citation
~~~

Solar capacity grew by 40 percent in 2020 [@smith2020].
"""


def test_r_markdown_and_quarto_code_chunks_are_code(project, cli):
    """```{r} chunks: pandoc does not know them, so their code used to be read as text (@param as citations)."""
    (project / "reports" / "refs.bib").write_text(BIB, encoding="utf-8")
    write_report(project, "chapter.qmd", CHUNKED)
    cli("ingest", str(project / "reports" / "chapter.qmd"))
    claims = _claims(cli)
    cited = [(c["key"], c["found"]) for claim in claims for c in claim["citations"]]
    assert cited == [("doe2019", True), ("smith2020", True)]
    assert not any("kernel" in claim["text"] or "@param" in claim["text"] for claim in claims)


TYPST = """= Findings

Solar capacity grew by 40 percent in 2020 @smith2020[pp. 45--47].
Wind power doubled in Germany in 2019 #cite(<doe2019>).
#cite(<doe2019>, form: "prose") argues that storage costs fell by half in 2021.
Grid losses fell by a third in 2022 #cite(label("smith2020"), supplement: [chap. 3]).
See @fig-grid for the figure.

#bibliography(("refs.bib",), style: "apa")
"""


def test_typst_citations_keep_their_supplements_and_find_the_bibliography(project, cli):
    """pandoc's Typst reader drops supplements and #bibliography(): we read them."""
    (project / "reports" / "refs.bib").write_text(BIB, encoding="utf-8")
    (project / "reports" / "brief.typ").write_text(TYPST, encoding="utf-8")
    cli("ingest", str(project / "reports" / "brief.typ"))
    cited = [
        [(c["key"], c["locator"], c["mode"], c["found"]) for c in claim["citations"]]
        for claim in _claims(cli)
    ]
    assert cited[:4] == [
        [("smith2020", "pp. 45–47", "normal", True)],  # Typst writes -- as an en dash
        [("doe2019", None, "normal", True)],
        [("doe2019", None, "author-in-text", True)],
        [("smith2020", "chap. 3", "normal", True)],
    ]
    assert _claims(cli)[2]["text"].startswith("Doe argues that storage costs")


BIBLATEX_PAPER = r"""\documentclass{article}
\usepackage{biblatex}
\addbibresource{refs.bib}
\begin{document}
Solar capacity grew by 40 percent in 2020 \autocite[45]{smith2020}.
\textcite{doe2019} argues that wind power doubled in Germany in 2019.
Storage costs fell by half in 2021.\footcite[see][12]{doe2019}
Grid losses fell by a third \parencite{smith2020,iea2021}.
\printbibliography
\end{document}
"""


def test_biblatex_paper_finds_its_addbibresource(project, cli):
    (project / "reports" / "refs.bib").write_text(BIB, encoding="utf-8")
    (project / "reports" / "paper.tex").write_text(BIBLATEX_PAPER, encoding="utf-8")
    cli("ingest", str(project / "reports" / "paper.tex"))
    claims = _claims(cli)
    cited = [[(c["key"], c["locator"], c["found"]) for c in claim["citations"]] for claim in claims]
    assert cited == [
        [("smith2020", "45", True)],
        [("doe2019", None, True)],
        [("doe2019", "12", True)],  # \footcite: the citation of the footnote's claim
        [("smith2020", None, True), ("iea2021", None, True)],
    ]
    assert claims[1]["text"].startswith("Doe argues")


def test_bookdown_cross_references_and_a_colon_after_a_citation(project, cli):
    (project / "reports" / "refs.bib").write_text(BIB, encoding="utf-8")
    write_report(
        project,
        "book.Rmd",
        """
        ---
        bibliography: refs.bib
        ---

        Chapter \\@ref(performance) showed that solar capacity grew by 40 percent in 2020 [@smith2020].

        Figure \\@ref(fig:growth) shows that wind power doubled in 2019, as defined by @doe2019 [p. 3]:

        > Wind power is the use of wind energy.

        The definition used by [@doe2019, p. 4]: capacity grew by a third in 2021.
        """,
    )
    cli("ingest", str(project / "reports" / "book.Rmd"))
    claims = _claims(cli)
    cited = [[(c["key"], c["locator"]) for c in claim["citations"]] for claim in claims]
    assert cited == [[("smith2020", None)], [("doe2019", "p. 3")], [("doe2019", "p. 4")]]
    assert claims[0]["text"].startswith("Chapter @ref(performance) showed")
