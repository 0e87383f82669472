"""Footnote conventions of real web pages, in HTML files and as raw HTML inside Markdown.

Each fixture follows the markup the tool named really writes (kramdown, Hugo's
goldmark, pandoc, Word's "Save as HTML", WordPress plugins, MediaWiki, O'Reilly
HTMLBook); what a user relies on is that each note becomes a footnote record
linked to the sentence that carries it, with its URL a reference, that the
note's text is never a claim, and that the marker digit is not glued to the
sentence ("country.9").
"""

from __future__ import annotations

import pytest
from formats_helpers import cited_urls, records

SENTENCES = (
    "Coal use fell by 12 percent in 2019.",
    "The commission confirmed the figure in March 2020.",
)
URLS = {"https://www.iea.example.org/coal-2019", "https://ec.example.eu/energy/report_2020"}


def page(body: str, notes: str, chrome: bool = True) -> str:
    nav = '<nav><a href="/">Home</a> | <a href="/about">About</a></nav>' if chrome else ""
    return (
        f"<!DOCTYPE html><html><head><title>Coal in 2019</title><script>var x = 1;</script></head>"
        f"<body>{nav}<article><h1>Coal in 2019</h1>{body}{notes}</article>"
        "<footer><p>Share this post on 12 networks.</p></footer></body></html>"
    )


CONVENTIONS = {
    "kramdown": page(
        f'<p>{SENTENCES[0]}<sup id="fnref:1" role="doc-noteref"><a href="#fn:1" class="footnote" rel="footnote">1</a></sup> '
        f'{SENTENCES[1]}<sup id="fnref:2" role="doc-noteref"><a href="#fn:2" class="footnote" rel="footnote">2</a></sup></p>',
        '<div class="footnotes" role="doc-endnotes"><ol>'
        '<li id="fn:1" role="doc-endnote"><p>IEA, <em>Coal 2019</em>, <a href="https://www.iea.example.org/coal-2019">report</a>.'
        ' <a href="#fnref:1" class="reversefootnote" role="doc-backlink">&#8617;</a></p></li>'
        '<li id="fn:2" role="doc-endnote"><p>European Commission, <em>Energy Report</em>, '
        '<a href="https://ec.example.eu/energy/report_2020">https://ec.example.eu/energy/report_2020</a>.'
        ' <a href="#fnref:2" class="reversefootnote">&#8617;</a></p></li></ol></div>',
    ),
    "hugo": page(
        f'<p>{SENTENCES[0]}<sup id="fnref:1"><a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a></sup> '
        f'{SENTENCES[1]}<sup id="fnref:2"><a href="#fn:2" class="footnote-ref" role="doc-noteref">2</a></sup></p>',
        '<div class="footnotes" role="doc-endnotes"><hr><ol>'
        '<li id="fn:1"><p>IEA, <em>Coal 2019</em>, https://www.iea.example.org/coal-2019&#160;'
        '<a href="#fnref:1" class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a></p></li>'
        '<li id="fn:2"><p>European Commission, <em>Energy Report</em>, <a>https://ec.example.eu/energy/report_2020</a>&#160;'
        '<a href="#fnref:2" class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a></p></li></ol></div>',
    ),
    "pandoc": page(
        f'<p>{SENTENCES[0]}<a href="#fn1" class="footnote-ref" id="fnref1" role="doc-noteref"><sup>1</sup></a> '
        f'{SENTENCES[1]}<a href="#fn2" class="footnote-ref" id="fnref2" role="doc-noteref"><sup>2</sup></a></p>',
        '<section id="footnotes" class="footnotes footnotes-end-of-document" role="doc-endnotes"><hr /><ol>'
        '<li id="fn1"><p>IEA, <em>Coal 2019</em>, <a href="https://www.iea.example.org/coal-2019" class="uri">https://www.iea.example.org/coal-2019</a>.'
        '<a href="#fnref1" class="footnote-back" role="doc-backlink">↩︎</a></p></li>'
        '<li id="fn2"><p>European Commission, <em>Energy Report</em>, <a href="https://ec.example.eu/energy/report_2020">report</a>.'
        '<a href="#fnref2" class="footnote-back" role="doc-backlink">↩︎</a></p></li></ol></section>',
    ),
    "word": page(
        f'<p class="MsoNormal">{SENTENCES[0]}<a style="mso-footnote-id:ftn1" href="#_ftn1" name="_ftnref1" title="">'
        '<span class="MsoFootnoteReference"><span style="mso-special-character:footnote">[1]</span></span></a> '
        f'{SENTENCES[1]}<a style="mso-footnote-id:ftn2" href="#_ftn2" name="_ftnref2" title="">'
        '<span class="MsoFootnoteReference">[2]</span></a></p>',
        '<div style="mso-element:footnote-list"><br clear="all"><hr align="left" size="1" width="33%">'
        '<div style="mso-element:footnote" id="ftn1"><p class="MsoFootnoteText"><a style="mso-footnote-id:ftn1" href="#_ftnref1" name="_ftn1" title="">'
        '<span class="MsoFootnoteReference">[1]</span></a> IEA, <i>Coal 2019</i>, <a href="https://www.iea.example.org/coal-2019">report</a>.</p></div>'
        '<div style="mso-element:footnote" id="ftn2"><p class="MsoFootnoteText"><a style="mso-footnote-id:ftn2" href="#_ftnref2" name="_ftn2" title="">'
        '<span class="MsoFootnoteReference">[2]</span></a> European Commission, <i>Energy Report</i>.</p>'
        '<p class="MsoFootnoteText">Available at <a href="https://ec.example.eu/energy/report_2020">the Commission</a>.</p></div></div>',
        chrome=False,
    ),
    "wikipedia": page(
        f'<div id="mw-content-text"><p>{SENTENCES[0]}<sup id="cite_ref-iea_1-0" class="reference"><a href="#cite_note-iea-1">[1]</a></sup> '
        f'{SENTENCES[1]}<sup id="cite_ref-2" class="reference"><a href="#cite_note-2">[2]</a></sup></p>'
        '<div class="reflist"><ol class="references">'
        '<li id="cite_note-iea-1"><span class="mw-cite-backlink"><b><a href="#cite_ref-iea_1-0">^</a></b></span> '
        '<span class="reference-text"><cite class="citation web"><a rel="nofollow" class="external text" '
        'href="https://www.iea.example.org/coal-2019">"Coal 2019"</a>. IEA. 2019.</cite></span></li>'
        '<li id="cite_note-2"><span class="mw-cite-backlink"><a href="#cite_ref-2">^</a></span> '
        '<span class="reference-text"><a class="external text" href="https://ec.example.eu/energy/report_2020">"Energy Report"</a>. '
        "European Commission.</span></li></ol></div></div>",
        "",
    ),
    "easy-footnotes": page(
        f'<p>{SENTENCES[0]}<span class="easy-footnote-margin-adjust" id="easy-footnote-1-77"></span>'
        '<span class="easy-footnote"><a href="#easy-footnote-bottom-1-77" title="IEA"><sup>1</sup></a></span> '
        f'{SENTENCES[1]}<span class="easy-footnote-margin-adjust" id="easy-footnote-2-77"></span>'
        '<span class="easy-footnote"><a href="#easy-footnote-bottom-2-77" title="EC"><sup>2</sup></a></span></p>',
        '<ol class="easy-footnotes-wrapper">'
        '<li class="easy-footnote-single"><span id="easy-footnote-bottom-1-77" class="easy-footnote-margin-adjust"></span>'
        'IEA, <em>Coal 2019</em>, <a href="https://www.iea.example.org/coal-2019">report</a>.'
        '<a href="#easy-footnote-1-77" class="easy-footnote-to-top"></a></li>'
        '<li class="easy-footnote-single"><span id="easy-footnote-bottom-2-77" class="easy-footnote-margin-adjust"></span>'
        'European Commission, <a href="https://ec.example.eu/energy/report_2020">Energy Report</a>.'
        '<a href="#easy-footnote-2-77" class="easy-footnote-to-top"></a></li></ol>',
    ),
    "modern-footnotes": page(
        f'<p>{SENTENCES[0]}<sup class="modern-footnotes-footnote" data-mfn="1"><a href="javascript:void(0)" role="button">1</a></sup>'
        '<span class="modern-footnotes-footnote__note" data-mfn="1">IEA, <em>Coal 2019</em>, '
        '<a href="https://www.iea.example.org/coal-2019">report</a>.</span> '
        f'{SENTENCES[1]}<sup class="modern-footnotes-footnote" data-mfn="2"><a href="javascript:void(0)" role="button">2</a></sup>'
        '<span class="modern-footnotes-footnote__note" data-mfn="2">European Commission, '
        '<a href="https://ec.example.eu/energy/report_2020">Energy Report</a>.</span></p>',
        "",
    ),
    "htmlbook": page(
        f'<p>{SENTENCES[0]}<sup><a data-type="noteref" id="n1-marker" href="#n1">1</a></sup> '
        f'{SENTENCES[1]}<sup><a data-type="noteref" id="n2-marker" href="#n2">2</a></sup></p>',
        '<div class="footnotes" data-type="footnotes">'
        '<p data-type="footnote" id="n1"><sup><a href="#n1-marker">1</a></sup>IEA, <em>Coal 2019</em>, '
        '<a href="https://www.iea.example.org/coal-2019">report</a>.</p>'
        '<p data-type="footnote" id="n2"><sup><a href="#n2-marker">2</a></sup>European Commission, '
        '<a href="https://ec.example.eu/energy/report_2020">Energy Report</a>.</p></div>',
    ),
}


@pytest.mark.parametrize("convention", sorted(CONVENTIONS))
def test_html_footnote_conventions(project, cli, convention):
    (project / "reports" / "coal.html").write_text(CONVENTIONS[convention], encoding="utf-8")
    cli("ingest")
    claims, refs, yaml_text = records(cli, "coal")
    assert "format: html" in yaml_text and "title: Coal in 2019" in yaml_text
    assert [c["text"] for c in claims] == list(SENTENCES)  # no digit glued on, no note text, no chrome
    assert all(len(c["footnotes"]) == 1 for c in claims)
    assert cited_urls(claims, refs) == URLS


def test_saved_page_linking_its_notes_by_its_own_url(project, cli):
    html = CONVENTIONS["wikipedia"].replace(
        'href="#cite_note', 'href="https://en.example.org/wiki/Coal#cite_note'
    )
    (project / "reports" / "coal.html").write_text(html, encoding="utf-8")
    cli("ingest")
    claims, refs, _ = records(cli, "coal")
    assert cited_urls(claims, refs) == URLS


def test_word_html_in_windows_1252(project, cli):
    html = CONVENTIONS["word"].replace(
        "<head>", '<head><meta http-equiv=Content-Type content="text/html; charset=windows-1252">'
    )
    html = html.replace("Coal use fell", "Coal use – measured in tonnes – fell")
    (project / "reports" / "coal.htm").write_bytes(html.encode("cp1252"))
    cli("ingest")
    claims, _, _ = records(cli, "coal")
    assert claims[0]["text"] == "Coal use – measured in tonnes – fell by 12 percent in 2019."


def test_markdown_with_html_anchor_notes(project, cli):
    """A Markdown report whose notes are raw HTML anchors: <sup>[12](#myfootnote12)</sup>."""
    (project / "reports" / "gas.md").write_text(
        "# Gas\n\nTurkey bought 40 percent more gas in 2020.<sup>[12](#myfootnote12)</sup> "
        "Prices fell by a third in 2021.<sup>[13](#myfootnote13)</sup>\n\n"
        '<a name="myfootnote12">12</a>: Reuters, <https://www.reuters.example.com/gas-2020>\n\n'
        '<a name="myfootnote13">13</a>: EPDK statistics, <a>https://epdk.example.gov.tr/stats</a>\n',
        encoding="utf-8",
    )
    cli("ingest")
    claims, refs, yaml_text = records(cli, "gas")
    assert [c["text"] for c in claims] == [
        "Turkey bought 40 percent more gas in 2020.",
        "Prices fell by a third in 2021.",
    ]
    assert [c["footnotes"] for c in claims] == [["12"], ["13"]]
    assert cited_urls(claims, refs) == {
        "https://www.reuters.example.com/gas-2020",
        "https://epdk.example.gov.tr/stats",
    }


def test_in_page_links_that_are_not_notes_stay_text(project, cli):
    (project / "reports" / "toc.html").write_text(
        '<html><body><p>See <a href="#method">the method</a> below: output grew 8 percent in 2021.</p>'
        '<h2 id="method">Method</h2><p>The survey counted 1,204 sites in 2021.</p></body></html>',
        encoding="utf-8",
    )
    cli("ingest")
    claims, _, _ = records(cli, "toc")
    assert [c["text"] for c in claims] == [
        "See the method below: output grew 8 percent in 2021.",
        "The survey counted 1,204 sites in 2021.",
    ]
    assert not any(c["footnotes"] for c in claims)


def test_note_url_with_parentheses_stays_whole(project, cli):
    html = CONVENTIONS["pandoc"].replace(
        "https://www.iea.example.org/coal-2019", "https://en.example.org/wiki/Coal_(fuel)"
    )
    (project / "reports" / "coal.html").write_text(html, encoding="utf-8")
    cli("ingest")
    claims, refs, _ = records(cli, "coal")
    assert "https://en.example.org/wiki/Coal_(fuel)" in cited_urls(claims, refs)
