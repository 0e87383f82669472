"""Web pages whose citations link to their entry: pandoc/Quarto/R Markdown output, Jekyll-Scholar,
Wikipedia's Harvard references.

The pandoc page is made here by the pandoc claimtrack installs, exactly as a
site is published (``--citeproc -M link-citations=true``, pandoc's default
Chicago author-date style); the other two are written in the markup those
tools produce.
"""

from __future__ import annotations

import json
import subprocess

from ct_helpers import write_report

from claimtrack.ingest.pandoc import executable

BIB = r"""
@article{smith2020,
  author = {Smith, Jane and Lee, Kim},
  title = {Solar Capacity in Europe},
  journal = {Energy Policy},
  volume = {12},
  pages = {45--67},
  year = {2020},
}

@book{doe2019,
  author = {Doe, John},
  title = {Wind Power in Germany},
  publisher = {Springer},
  address = {Berlin},
  year = {2019},
}
"""

SOURCE = """---
title: Renewables
---

# Growth

Solar capacity grew by 40 percent in 2020 [@smith2020, p. 45].

@doe2019 argues that wind power doubled in Germany in 2019.

Grid losses fell by a third in 2022 [@smith2020; @doe2019].

# References
"""


def _claims(cli) -> list[dict]:
    return json.loads(cli("claims", "list", "--format", "json").stdout)


def _refs(cli) -> dict[str, dict]:
    return {r["key"]: r for r in json.loads(cli("refs", "list", "--format", "json").stdout)}


def test_a_page_pandoc_rendered_with_linked_citations(project, cli, tmp_path):
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    (tmp_path / "page.md").write_text(SOURCE, encoding="utf-8")
    page = project / "reports" / "page.html"
    subprocess.run(
        [executable()[0], str(tmp_path / "page.md"), "--citeproc", "-s", "-o", str(page),
         f"--bibliography={tmp_path / 'refs.bib'}", "-M", "link-citations=true"],
        check=True,
    )  # fmt: skip
    cli("ingest", str(page))  # the page alone: its bibliography is in it
    claims = _claims(cli)
    cited = [[(c["key"], c["locator"], c["found"]) for c in claim["citations"]] for claim in claims]
    assert cited == [
        [("smith2020", "p. 45", True)],
        [("doe2019", None, True)],
        [("smith2020", None, True), ("doe2019", None, True)],
    ]
    assert claims[0]["text"] == "Solar capacity grew by 40 percent in 2020."
    assert claims[1]["text"].startswith("Doe (") is False and claims[1]["text"].startswith("Doe argues")
    assert len(claims) == 3  # the rendered entries are not claims
    refs = _refs(cli)
    assert refs["smith2020"]["title"] == "Solar Capacity in Europe"
    assert refs["smith2020"]["authors"] == ["Smith, Jane", "Lee, Kim"]
    assert refs["doe2019"]["title"] == "Wind Power in Germany" and refs["doe2019"]["date"] == "2019"


JEKYLL_SCHOLAR = """<html><body><article>
<p>Solar capacity grew by 40 percent in 2020 <a class="citation" href="#smith2020">(Smith &amp; Lee, 2020)</a>.</p>
<p>Wind power doubled in Germany in 2019 <a class="citation" href="#doe2019">(Doe, 2019)</a>.</p>
<h2>References</h2>
<ol class="bibliography">
<li><span id="smith2020">Smith, J., &amp; Lee, K. (2020). Solar Capacity in Europe. <i>Energy Policy</i>, <i>12</i>, 45–67.</span></li>
<li><span id="doe2019">Doe, J. (2019). <i>Wind Power in Germany</i>. Berlin: Springer.</span></li>
</ol>
</article></body></html>
"""


def test_jekyll_scholar_page(project, cli):
    write_report(project, "post.html", JEKYLL_SCHOLAR)
    cli("ingest", str(project / "reports" / "post.html"))
    claims = _claims(cli)
    assert [[c["key"] for c in claim["citations"]] for claim in claims] == [["smith2020"], ["doe2019"]]
    refs = _refs(cli)
    assert (
        refs["smith2020"]["container"] == "Energy Policy"
        and refs["doe2019"]["title"] == "Wind Power in Germany"
    )


WIKIPEDIA = """<html><body><div id="mw-content-text">
<p>Solar capacity grew by 40 percent in 2020.<sup id="cite_ref-1" class="reference"><a href="#cite_note-1">[1]</a></sup></p>
<h2>Notes</h2>
<ol class="references">
<li id="cite_note-1"><span class="mw-cite-backlink"><a href="#cite_ref-1">^</a></span>
<span class="reference-text"><a href="#CITEREFSmithLee2020">Smith &amp; Lee 2020</a>, p. 45.</span></li>
</ol>
<h2>Sources</h2>
<ul>
<li><cite id="CITEREFSmithLee2020" class="citation journal">Smith, Jane; Lee, Kim (2020). "Solar Capacity in Europe". <i>Energy Policy</i>. <b>12</b>: 45–67.</cite></li>
</ul>
</div></body></html>
"""


def test_wikipedia_harvard_references_resolve_to_their_source(project, cli):
    write_report(project, "article.html", WIKIPEDIA)
    cli("ingest", str(project / "reports" / "article.html"))
    claim = _claims(cli)[0]
    refs = _refs(cli)
    assert [refs[k]["title"] for k in claim["references"]] == ["Solar Capacity in Europe"]
    assert claim["footnotes"] == ["1"]
    assert len(_claims(cli)) == 1


ORG_CITEPROC = """# Tensor

The permittivity tensor carries the dielectric and magnetic permeabilities and their coupling [<a href="#citeproc_bib_item_1">1</a>–<a href="#citeproc_bib_item_3">3</a>].

The vacuum is linear and isotropic, as assumed since 1925 [<a href="#citeproc_bib_item_2">2</a>, <a href="#citeproc_bib_item_4">4</a>].

## Литература

<div class="csl-bib-body">
  <div class="csl-entry"><a id="citeproc_bib_item_1"></a>
    <div class="csl-left-margin">1.</div><div class="csl-right-inline">Тамм И.Е. Кристаллооптика теории относительности // Журнал русского физико-химического общества. 1925. Т. 57, № 3-4. С. 209–240.</div>
  </div>
  <div class="csl-entry"><a id="citeproc_bib_item_2"></a>
    <div class="csl-left-margin">2.</div><div class="csl-right-inline">Тамм И.Е. Электродинамика анизотропной среды // Журнал русского физико-химического общества. 1924. Т. 56, № 2-3. С. 248–262.</div>
  </div>
  <div class="csl-entry"><a id="citeproc_bib_item_3"></a>
    <div class="csl-left-margin">3.</div><div class="csl-right-inline">Мандельштам Л.И., Тамм И.Е. Электродинамика анизотропных сред // Собрание научных трудов. Москва: Наука, 1975. Т. 1. С. 62–67.</div>
  </div>
  <div class="csl-entry"><a id="citeproc_bib_item_4"></a>
    <div class="csl-left-margin">4.</div><div class="csl-right-inline">Ландау Л.Д., Лифшиц Е.М. Электродинамика сплошных сред. Москва: Физматлит, 2003. 656 с.</div>
  </div>
</div>
"""


def test_org_mode_citeproc_list_in_markdown_ranges_and_gost_entries(project, cli):
    write_report(project, "tensor.md", ORG_CITEPROC)
    cli("ingest", str(project / "reports" / "tensor.md"))
    claims = _claims(cli)
    refs = _refs(cli)
    first = [refs[c["key"]]["title"] for c in claims[0]["citations"]]
    assert first == [
        "Кристаллооптика теории относительности",
        "Электродинамика анизотропной среды",
        "Электродинамика анизотропных сред",
    ]  # 1–3: the entry between the two links too
    assert [refs[c["key"]]["title"] for c in claims[1]["citations"]] == [
        "Электродинамика анизотропной среды",
        "Электродинамика сплошных сред",
    ]
    assert claims[0]["text"].endswith("and their coupling.")
    tamm = refs[claims[0]["citations"][0]["key"]]
    assert (
        tamm["authors"][0].startswith("Тамм, И.")
        and tamm["container"] == "Журнал русского физико-химического общества"
    )
    assert (tamm["volume"], tamm["issue"], tamm["pages"], tamm["date"]) == ("57", "3-4", "209–240", "1925")
    assert not any(k.startswith("citeproc") for k in refs)  # a program's numbering is no key
