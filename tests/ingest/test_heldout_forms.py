"""Shapes found on a second held-out set of real documents nobody here had tuned on
(tests/devsets/citations/SOURCES.md, "held-out set 2"): fixtures written here in the same
conventions, each the smallest text that shows the shape.
"""

from __future__ import annotations

import json

from ct_helpers import write_report


def _claims(cli) -> list[dict]:
    return json.loads(cli("claims", "list", "--format", "json").stdout)


def _refs(cli) -> dict[str, dict]:
    return {r["key"]: r for r in json.loads(cli("refs", "list", "--format", "json").stdout)}


# A lab note: its reference heading is run into the list (no space after "#", no blank line),
# and each number stands on a line of its own above its entry.
RUN_IN_HEADING = """#The methods#

Probing later layers detects hallucination better, as Park and Lee [1] show.
Layer-wise probes were also tried by Okafor and Smart [2].

#References#
[1]
J. Park and S. Lee, “Probing late layers for hallucination signals,” Oct. 2025, doi: 10.48550/arxiv.2510.00001.
[2]
N. Okafor and D. S. Smart, “A multilingual probe benchmark,” May 04, 2026. [Online]. Available: https://arxiv.org/abs/2605.00002v1
"""

PLAIN_TEXT_LIST = """Cache results

The cache halves the median latency of the service [1].
Evictions follow the clock algorithm [2].

References:
[1] A. Ruiz, "Measuring cache latency," Proc. SysConf, 2019, pp. 10-19.
[2] F. J. Corbató, "A paging experiment with the Multics system," MIT Project MAC, Rep. MAC-M-384, 1968.
"""


def test_a_heading_run_into_its_numbered_list_is_still_the_list(project, cli):
    write_report(project, "probe.md", RUN_IN_HEADING)
    cli("ingest", str(project / "reports"))
    claims = _claims(cli)
    cited = [[c["label"] for c in claim["citations"]] for claim in claims if claim["citations"]]
    assert cited == [["1"], ["2"]]
    refs = _refs(cli)
    assert refs[claims[0]["references"][0]]["doi"] == "10.48550/arxiv.2510.00001"
    assert refs[claims[1]["references"][0]]["url"] == "https://arxiv.org/abs/2605.00002v1"
    assert not any("References" in c["text"] or "doi:" in c["text"] for c in claims)


def test_a_list_under_a_plain_text_heading_line_with_no_blank_line(project, cli):
    write_report(project, "cache.txt", PLAIN_TEXT_LIST)
    cli("ingest", str(project / "reports"))
    claims = _claims(cli)
    cited = [[c["label"] for c in claim["citations"]] for claim in claims if claim["citations"]]
    assert cited == [["1"], ["2"]]
    assert not any("Corbató" in c["text"] or "Multics" in c["text"] for c in claims)


NOUN_CITATIONS = """# Probes

Robots learn manipulation from web data [1], [2].
There are many studies (for ex. [1], [2]) showing that paraphrases must stay in one split.
Both ideas were taken from [1] and [3], as we discuss.
The method in [2] is used here (see [3]).

## References

[1] B. Zitkovich, T. Yu and S. Xu, “Rt-2: Vision-language-action models,” in Conference on Robot Learning. PMLR, 2023, pp. 2165–2183.

[2] M. J. Kim and K. Pertsch, “Openvla: An open-source vision-language-action model,” in Conference on Robot Learning. PMLR, 2025, pp. 2679–2713.

[3] P. Maini and Z. Feng, “Tofu: A task of fictitious unlearning for llms,” arXiv preprint arXiv:2401.06121, 2024.
"""


def test_numbered_citations_leave_no_debris_and_stay_when_they_are_words_of_the_sentence(project, cli):
    write_report(project, "probes.md", NOUN_CITATIONS)
    cli("ingest", str(project / "reports"))
    claims = [c for c in _claims(cli) if c["citations"]]
    assert [(c["text"], [x["label"] for x in c["citations"]]) for c in claims] == [
        ("Robots learn manipulation from web data.", ["1", "2"]),  # not "data,."
        (
            "There are many studies (for ex. [1], [2]) showing that paraphrases must stay in one split.",
            ["1", "2"],
        ),
        ("Both ideas were taken from [1] and [3], as we discuss.", ["1", "3"]),  # not "from and,"
        ("The method in [2] is used here (see [3]).", ["2", "3"]),  # not "in is used here (see)."
    ]


# Notes whose authors are joined by ";" (Wikipedia's CS1 "Last, First; Last2, First2", and an
# APA-like note), beside a note that really cites two works.
SEMICOLON_AUTHORS = """# Roadmaps

The suite was split into separate applications in 2003.[^1]
Proof texting has a long precedent.[^2]
Both surveys found the same trend.[^3]

[^1]: Eich, Brendan; David Hyatt (April 2, 2003). "mozilla development roadmap". Mozilla. Retrieved 2009-08-02.
[^2]: Allen, Michael; Swain, Scott R. (2015). *Reformed Catholicity* (pp. 128–129). Baker Publishing Group.
[^3]: Jane Roe, “Trends,” *Survey Review* 3 (2001): 4; Ann Lee, “More Trends,” *Survey Review* 5 (2003): 9.
"""


def test_authors_joined_by_semicolons_are_one_source_two_works_are_two(project, cli):
    write_report(project, "roadmap.md", SEMICOLON_AUTHORS)
    cli("ingest", str(project / "reports"))
    claims = _claims(cli)
    refs = _refs(cli)
    assert [len(c["references"]) for c in claims] == [1, 1, 2]
    roadmap, proof = refs[claims[0]["references"][0]], refs[claims[1]["references"][0]]
    assert roadmap["authors"] == ["Eich, Brendan", "Hyatt, David"]
    assert roadmap["title"] == "mozilla development roadmap" and roadmap["date"] == "2003-04-02"
    assert roadmap["urldate"] == "2009-08-02"  # "Retrieved" is the access date, never the date
    assert (
        proof["authors"] == ["Allen, Michael", "Swain, Scott R."] and proof["title"] == "Reformed Catholicity"
    )
    assert [refs[k]["title"] for k in claims[2]["references"]] == ["Trends", "More Trends"]


# A book quoted APA-style, its page in parentheses after the title, then ibid.; a short form
# that is only "Name et al." (no page, no title), as a tech primer's notes write them.
QUOTED_PAGES = """# Method

A good analysis treats all the relevant passages.[^1]
It is helpful to face the total weight of the teaching.[^2]
Anomaly detection flags spectral deviations from the background.[^3]
Mixed pixels complicate the analysis.[^4]

[^1]: Grudem, Wayne (2009). *Systematic Theology: An Introduction to Biblical Doctrine* (p. 24). Zondervan. Kindle Edition.
[^2]: Ibid., p. 28.
[^3]: Xavier Briottet et al., “Military applications of Hyperspectral Imagery,” *Targets and Backgrounds XII* 6239 (2006): 62390B.
[^4]: Briottet et al.
"""


def test_a_page_quoted_in_parentheses_is_the_pinpoint_and_name_et_al_is_a_short_form(project, cli):
    write_report(project, "method.md", QUOTED_PAGES)
    cli("ingest", str(project / "reports"))
    claims = _claims(cli)
    refs = _refs(cli)
    grudem = refs[claims[0]["references"][0]]
    assert grudem["title"] == "Systematic Theology: An Introduction to Biblical Doctrine"
    assert not grudem.get("pages")  # the page quoted is not the book's pages
    assert [c["locator"] for c in claims[0]["citations"]] == ["p. 24"]
    assert claims[1]["references"] == claims[0]["references"]  # ibid.
    assert [c["locator"] for c in claims[1]["citations"]] == ["p. 28"]
    assert claims[3]["references"] == claims[2]["references"]  # "Briottet et al." is the work of note 3


# A thesis's explanatory notes: one ends on a word set in italics for emphasis.
EXPLANATORY = """# Attacks

A classic target was libc.[^1]
Removing dangerous syscalls was thought to suffice.[^2]

[^1]: return-to-lib attacks are often referred as return-to-libc for that reason
[^2]: system() allows to execute any program with the current *privileges*
"""


def test_a_word_in_italics_at_the_end_of_an_explanation_is_not_a_title(project, cli):
    write_report(project, "attacks.md", EXPLANATORY)
    cli("ingest", str(project / "reports"))
    assert [c["references"] for c in _claims(cli)] == [[], []]
    assert _refs(cli) == {}  # no reference titled "privileges"


# Wikipedia's short notes ({{sfn}}): the note links to the bibliography entry, then the page.
WIKI_SFN = """<html><body>
<p>Aotearoa is the current Māori name for New Zealand.<sup id="cite_ref-1" class="reference"><a href="#cite_note-1">[1]</a></sup>
Tasman sighted the islands in 1642.<sup id="cite_ref-2" class="reference"><a href="#cite_note-2">[2]</a></sup></p>
<h2>References</h2>
<div class="reflist"><ol class="references">
<li id="cite_note-1"><span class="mw-cite-backlink"><b><a href="#cite_ref-1">^</a></b></span> <span class="reference-text"><a href="#CITEREFKing2003">King 2003</a>, p.&#160;41.</span></li>
<li id="cite_note-2"><span class="mw-cite-backlink"><b><a href="#cite_ref-2">^</a></b></span> <span class="reference-text"><a href="#CITEREFKing2003">King 2003</a>, pp.&#160;122–124.</span></li>
</ol></div>
<h2>Bibliography</h2>
<ul><li><cite id="CITEREFKing2003" class="citation book">King, Michael (2003). <i>The Penguin History of New Zealand</i>. Auckland: Penguin Books. ISBN&#160;978-0-14-301867-4.</cite></li></ul>
</body></html>
"""


def test_wikipedia_short_notes_keep_the_page_they_cite(project, cli):
    write_report(project, "nz.html", WIKI_SFN)
    cli("ingest", str(project / "reports"))
    claims = _claims(cli)
    refs = _refs(cli)
    assert [[(refs[c["key"]]["title"], c["locator"]) for c in claim["citations"]] for claim in claims] == [
        [("The Penguin History of New Zealand", "p. 41")],
        [("The Penguin History of New Zealand", "pp. 122–124")],
    ]


# A student book's alphabetic labels, cited before a colon and alone in parentheses.
LABELS_LEFT_BEHIND = """# Signaturen

Hier werden drei verschiedene Arten von Signaturen unterschieden, <a>[[BAUM14]](#ref_baum14)</a>:

Das Buch der Microsoft patterns & practices group ([[MSFT14]](#ref_msft14)) beinhaltet 24 Design Patterns.

## Literaturverzeichnis

<a name="ref_baum14">[BAUM14]</a>: Baumann, Ulrike ; Franz, Elke: Kryptographische Systeme. Berlin: Springer Vieweg, 2014

<a name="ref_msft14">[MSFT14]</a>: Microsoft: Cloud Design Patterns. Redmond: Microsoft Press, 2014
"""


def test_a_citation_taken_out_leaves_no_comma_before_a_colon_and_no_empty_parentheses(project, cli):
    write_report(project, "sig.md", LABELS_LEFT_BEHIND)
    cli("ingest", str(project / "reports"))
    claims = [c for c in _claims(cli) if c["citations"]]
    assert [(c["text"], [x["label"] for x in c["citations"]]) for c in claims] == [
        ("Hier werden drei verschiedene Arten von Signaturen unterschieden:", ["BAUM14"]),
        ("Das Buch der Microsoft patterns & practices group beinhaltet 24 Design Patterns.", ["MSFT14"]),
    ]


# Wikipedia's web citations rendered as notes: the title is the link's text, nothing before it.
LINK_TITLED_NOTES = """# Mozilla

The community is supported by the Mozilla Foundation.[^1]
Mozilla Persona was a decentralized authentication system.[^2]

[^1]: ["About the Mozilla Corporation"](https://www.mozilla.org/foundation/moco/). Mozilla Foundation.
[^2]: ["Persona"](https://developer.mozilla.org/en-US/Persona). Mozilla Developer Network. Retrieved 2016-10-27.
"""


def test_a_note_that_opens_with_its_linked_title_keeps_the_title(project, cli):
    write_report(project, "mozilla.md", LINK_TITLED_NOTES)
    cli("ingest", str(project / "reports"))
    claims = _claims(cli)
    refs = _refs(cli)
    about, persona = (refs[c["references"][0]] for c in claims)
    assert (about["title"], about["url"]) == (
        "About the Mozilla Corporation",
        "https://www.mozilla.org/foundation/moco/",
    )
    assert (persona["title"], persona["urldate"]) == ("Persona", "2016-10-27")
    assert not persona.get("date")  # "Retrieved" is never the date
