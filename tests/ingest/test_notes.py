"""Footnotes as people write them, parsed into full references and linked right.

The fixtures are written here, in the conventions of real footnoted documents
(humanities essays and book chapters in Chicago note style, Programming
Historian lessons, law memos and decisions in Bluebook style): comment around
the citation, "See" and "see also", several sources in one note, pinpoints,
"Ibid.", "Id. at 5", short forms, access dates, links to archived copies.
"""

from __future__ import annotations

import json

from ct_helpers import write_report


def _claims(cli) -> list[dict]:
    return json.loads(cli("claims", "list", "--format", "json").stdout)


def _refs(cli) -> dict[str, dict]:
    return {r["key"]: r for r in json.loads(cli("refs", "list", "--format", "json").stdout)}


def _by_note(cli) -> dict[str, list[tuple[dict, str | None]]]:
    """Footnote label -> the (reference, pinpoint) of each citation of that note, in order."""
    refs = _refs(cli)
    out: dict[str, list[tuple[dict, str | None]]] = {}
    for claim in _claims(cli):
        for citation in claim["citations"]:
            out.setdefault(citation["label"], []).append((refs[citation["key"]], citation.get("locator")))
    return out


ESSAY = """
# Buttons

Buttons count what we like.[^1] Cursors are tracked.[^2] A video says the same.[^3]
Buttons seduce.[^4] Networks are actors.[^5] Philosophers should act.[^6]
Trust needs no middlemen.[^7] The button returns.[^8] Again.[^9] Once more.[^10]
The like economy is old news.[^11] Ledgers are unsettled.[^12] Platforms grew.[^13] Counts rose.[^14]

[^1]: Carla Gerrard and Anne Holm, “The Count Economy: Social Buttons and the Data-Rich Web,” *New Media & Society* 15, no. 8 (2013): 1348–65.

[^2]: Will Conroy, “Facebook tracks the cursors of its users,” *Slashgear*, October 30 (2013). Available at: <https://www.slashgear.example/facebook-tracks-cursors-30303663/>.

[^3]: Shana Zubik, “On Surveillance Capital | A Documentary,” vpro documentary. Accessed April 26 (2020). <https://youtu.example/hIXhnWUmMvw>. See her book, *The Age of Capture: The Fight for a Human Future* (New York: PublicAffairs, 2019).

[^4]: Sören Poll, “Button,” in Matthew Fuller, ed., *Software Studies* (Cambridge, MA: MIT Press, 2008), 34. Users are seduced by the wording of the button, which is designed with distinct functionality and signification (Ibid., 31).

[^5]: This is a description of the “actor-network.” See Bruno Latter, *Reassembling the Social: An Introduction to Network Theory* (Oxford: Oxford University Press, 2005).

[^6]: “Philosophers have only interpreted the world in various ways; the point is to change it.” Marx and Engels, *The German Ideology* (1846), <https://www.marxists.example/archive/german-ideology/>.

[^7]: Kevin Werner, *The Ledger and the New Architecture of Trust* (Cambridge, MA: MIT Press, 2018), 8; Primavera De Fillipo and Aaron Wight, *Ledgers and the Law* (Cambridge, MA: Harvard University Press, 2018), 33.

[^8]: Poll, “Button,” 36.

[^9]: Ibid.

[^10]: Ibid., 40.

[^11]: Werner, 12. See also Carla Gerrard, “Buttons Again,” *Journal of Visual Culture* 18, no. 1 (2019): 22.

[^12]: Lattimore, *The Unsettled Ledger*, 255.

[^13]: Butler Lampman, “Hints for Platform Design,” Butler Lampman, accessed August 5, 2018, https://lampman.example/33-Hints/WebPage.htm.

[^14]: Holm, op. cit., 1350.
"""


def test_chicago_notes_into_full_references(project, cli):
    write_report(project, "essay.md", ESSAY)
    cli("ingest")
    notes = _by_note(cli)
    [(article, pin)] = notes["1"]
    assert (article["authors"], article["title"]) == (
        ["Gerrard, Carla", "Holm, Anne"],
        "The Count Economy: Social Buttons and the Data-Rich Web",
    )
    assert (article["container"], article["volume"], article["issue"], article["date"]) == (
        "New Media & Society", "15", "8", "2013",
    )  # fmt: skip
    assert article["pages"] == "1348–65" and pin is None  # an article's page range is not a pinpoint
    [(news, _)] = notes["2"]
    assert (news["container"], news["date"]) == ("Slashgear", "2013-10-30")  # "October 30 (2013)"
    assert news["url"] == "https://www.slashgear.example/facebook-tracks-cursors-30303663/"
    [(book, pin)] = notes["5"]  # the comment and "See" before the citation are not part of it
    assert (book["authors"], book["title"], book["publisher"], book["date"]) == (
        ["Latter, Bruno"],
        "Reassembling the Social: An Introduction to Network Theory",
        "Oxford University Press",
        "2005",
    )
    [(chapter, pin)] = notes["4"]  # nor is the comment after it
    assert (chapter["title"], chapter["container"], pin) == ("Button", "Software Studies", "34")
    [(quoted, _)] = notes["6"]  # the epigraph before the source is not its title
    assert (quoted["authors"], quoted["title"], quoted["date"]) == (
        ["Marx", "Engels"],
        "The German Ideology",
        "1846",
    )


def test_access_dates_are_never_publication_dates(project, cli):
    write_report(project, "essay.md", ESSAY)
    cli("ingest")
    notes = _by_note(cli)
    documentary, book = (ref for ref, _ in notes["3"])
    assert documentary["urldate"] == "2020-04-26" and not documentary.get("date")
    assert documentary["url"] == "https://youtu.example/hIXhnWUmMvw"
    assert (book["title"], book["date"]) == ("The Age of Capture: The Fight for a Human Future", "2019")
    [(page, _)] = notes["13"]
    assert (page["authors"], page["title"]) == (["Lampman, Butler"], "Hints for Platform Design")
    assert page["urldate"] == "2018-08-05" and not page.get("date")


def test_several_sources_in_one_note_each_with_its_pinpoint(project, cli):
    write_report(project, "essay.md", ESSAY)
    cli("ingest")
    notes = _by_note(cli)
    assert [(ref["title"], pin) for ref, pin in notes["7"]] == [
        ("The Ledger and the New Architecture of Trust", "8"),
        ("Ledgers and the Law", "33"),
    ]
    assert notes["7"][1][0]["authors"] == ["De Fillipo, Primavera", "Wight, Aaron"]
    # "Werner, 12. See also ...": a short form, then a second source
    (werner, pin), (again, _) = notes["11"]
    assert (werner["key"], pin) == (notes["7"][0][0]["key"], "12")
    assert (again["title"], again["container"]) == ("Buttons Again", "Journal of Visual Culture")


def test_ibid_and_short_forms_are_the_earlier_reference_with_their_own_pinpoint(project, cli):
    write_report(project, "essay.md", ESSAY)
    cli("ingest")
    notes = _by_note(cli)
    button = notes["4"][0][0]["key"]
    assert [(ref["key"], pin) for ref, pin in notes["8"]] == [(button, "36")]  # Poll, “Button,” 36.
    assert [(ref["key"], pin) for ref, pin in notes["9"]] == [(button, None)]  # Ibid.
    assert [(ref["key"], pin) for ref, pin in notes["10"]] == [(button, "40")]  # Ibid., 40.
    assert [(ref["key"], pin) for ref, pin in notes["14"]] == [(notes["1"][0][0]["key"], "1350")]  # op. cit.
    # a short form of a work never cited in full is a reference of its own, not another work
    [(unsettled, pin)] = notes["12"]
    assert (unsettled["authors"], unsettled["title"], pin) == (["Lattimore"], "The Unsettled Ledger", "255")
    assert unsettled["key"] not in {
        ref["key"] for note in notes.values() for ref, _ in note if note is not notes["12"]
    }


LESSON = """
# Endnotes

A model predicts it.[^1] Another one too.[^2] Both agree.[^3] The press saw it.[^4] So did the blog.[^5]

[^1]: Jeffrey Wu et al., "Language Models Are Learners," *OpenAI*, (February 2019): 7, [https://cdn.openai.example/language_models.pdf](https://perma.cc/7HCZ-DX87).
[^2]: Tobler, W.R., 'A Computer Movie Simulating Urban Growth', Economic Geography, 46 (1970), 234-240; Flowerdew, R. and Aitkin, M., ‘A method of fitting the gravity model’, Journal of Regional Science, 22 (1982), pp. 191–202.
[^3]: Jeffrey Wu et al., 9.
[^4]: For English speakers, the author recommends Eugene O'Lachlan, 'How To...Perform Regression by Hand', *YouTube* (23 December 2015): <https://www.youtube.example/watch?v=GhrxgbQnEEU>.
[^5]: Christian Andersen and Geoff Coxon, eds., [A Peer-Reviewed Journal About Datafied Research](https://tidsskrift.example/APRJA/issue/view/8402), *APRJA* 4, no.1 (2015).
"""


def test_links_archived_copies_and_british_quotes(project, cli):
    write_report(project, "lesson.md", LESSON)
    cli("ingest")
    notes = _by_note(cli)
    [(report, pin)] = notes["1"]
    # the URL the text shows is the one cited; the link's perma.cc target is its archived copy
    assert report["url"] == "https://cdn.openai.example/language_models.pdf"
    assert report["archive_url"] == "https://perma.cc/7HCZ-DX87"
    assert (report["container"], report["date"], pin) == ("OpenAI", "2019-02", "7")
    tobler, flowerdew = (ref for ref, _ in notes["2"])
    assert (tobler["title"], tobler["container"], tobler["date"]) == (
        "A Computer Movie Simulating Urban Growth", "Economic Geography", "1970",
    )  # fmt: skip
    assert flowerdew["title"] == "A method of fitting the gravity model"
    assert [(ref["key"], pin) for ref, pin in notes["3"]] == [(report["key"], "9")]  # "Wu et al., 9."
    [(video, _)] = notes["4"]  # "the author recommends" is not an author
    assert (video["authors"], video["title"], video["container"]) == (
        ["O'Lachlan, Eugene"], "How To...Perform Regression by Hand", "YouTube",
    )  # fmt: skip
    [(journal, _)] = notes["5"]  # a title written as a link
    assert (journal["title"], journal["container"]) == (
        "A Peer-Reviewed Journal About Datafied Research",
        "APRJA",
    )
    assert journal["url"] == "https://tidsskrift.example/APRJA/issue/view/8402"


LEGAL = """
# Decision

The report found a breach.[^1] It said so twice.[^2] Later it added more.[^3] The order followed.[^4]
The report is cited again.[^5] The court agreed.[^6] Damages are limited.[^7] Again.[^8] And a book.[^9]

[^1]: Fact-Finding Report, 09 June 2021, at 1, In re: Acme Lending Corporation and its Responsible Officers, NPC SS Case No. 21-006 (NPC 2022).

[^2]: Id.

[^3]: Id. at 3-4. Emphasis supplied; See Supplemental Report, 31 May 2021, Annex A, In re: Acme Lending Corporation and its Responsible Officers, NPC SS Case No. 21-006 (NPC 2022).

[^4]: Order, 12 August 2021, at 9, In re: Acme Lending Corporation and its Responsible Officers, NPC SS Case No. 21-006 (NPC 2022).

[^5]: Fact-Finding Report, 09 June 2021, at 2, In re: Acme Lending Corporation and its Responsible Officers, NPC SS Case No. 21-006 (NPC 2022).

[^6]: *[Sun Systems, Inc. v. Macrosoft Corp., 188 F.3d 1115, 1121 (9th Cir. 1999)](https://advance.lexis.example/cases/id/3X7T?page=1121)*.

[^7]: Restat 2d of Contracts, § 347.

[^8]: Id. at Comment a.

[^9]: B. Boehme, Software Engineering Economics. Englewood Cliffs, NJ: Prentice-Hall, 1981, p. 40.
"""


def test_legal_notes_id_and_repeated_filings(project, cli):
    write_report(project, "decision.md", LEGAL)
    cli("ingest")
    notes = _by_note(cli)
    [(report, pin)] = notes["1"]
    assert (report["title"], report["date"], pin) == ("Fact-Finding Report", "2021-06-09", "1")
    assert report["container"] == "In re: Acme Lending Corporation and its Responsible Officers"
    assert [(ref["key"], pin) for ref, pin in notes["2"]] == [(report["key"], None)]  # Id.
    (same, pin), (supplemental, _) = notes["3"]  # "Id. at 3-4. ...; See Supplemental Report, ..."
    assert (same["key"], pin) == (report["key"], "3-4")
    assert (supplemental["title"], supplemental["date"]) == ("Supplemental Report", "2021-05-31")
    [(order, pin)] = notes["4"]
    assert (order["title"], order["date"], pin) == ("Order", "2021-08-12", "9")
    # the same filing cited in full again, at another page: the same reference
    assert [(ref["key"], pin) for ref, pin in notes["5"]] == [(report["key"], "2")]
    [(case, _)] = notes["6"]
    assert (case["title"], case["date"]) == ("Sun Systems, Inc. v. Macrosoft Corp.", "1999")
    assert case["url"] == "https://advance.lexis.example/cases/id/3X7T?page=1121"
    [(restatement, pin)] = notes["7"]
    assert (restatement["title"], pin) == ("Restat 2d of Contracts", "§ 347")
    assert [(ref["key"], pin) for ref, pin in notes["8"]] == [(restatement["key"], "Comment a")]
    [(book, pin)] = notes["9"]  # initials first and a bare title, as engineers write notes
    assert (book["authors"], book["title"], book["publisher"], book["date"], pin) == (
        ["Boehme, B."], "Software Engineering Economics", "Prentice-Hall", "1981", "p. 40",
    )  # fmt: skip


LAW_REVIEW = """
# Reading the fine print

Contracts are rarely read.[^1] Nobody reads them.[^2] The duty remains.[^3] Courts agree.[^4]
Length matters.[^5]

[^1]: Melvin Eisner, *The Limits of Consent*, 47 Stan. L. Rev. 211, 240 (1995).

[^2]: *See* Uri Benjamin & Shmuel I. Becker, The Duty to Read the Unreadable, 60 B.C. L. Rev. 2255 (2019); Robert Meyers, *Reading Fine Print*, 70 Tex. L. Rev. 1301, 1312 (1992).

[^3]: Eisner, *supra* note 1, at 243.

[^4]: Meyers, *supra* note 2, at 1315.

[^5]: *Id.* at 1320.
"""


def test_law_review_notes_supra_and_id(project, cli):
    write_report(project, "article.md", LAW_REVIEW)
    cli("ingest")
    notes = _by_note(cli)
    [(eisner, pin)] = notes["1"]  # Bluebook: volume, journal, first page, pinpoint, (year)
    assert (eisner["authors"], eisner["title"], eisner["container"]) == (
        ["Eisner, Melvin"], "The Limits of Consent", "Stan. L. Rev.",
    )  # fmt: skip
    assert (eisner["volume"], eisner["pages"], eisner["date"], pin) == ("47", "211", "1995", "240")
    (benjamin, pin_b), (meyers, pin_m) = notes["2"]
    assert (benjamin["authors"], benjamin["title"], pin_b) == (
        ["Benjamin, Uri", "Becker, Shmuel I."], "The Duty to Read the Unreadable", None,
    )  # fmt: skip
    assert (meyers["title"], meyers["container"], pin_m) == ("Reading Fine Print", "Tex. L. Rev.", "1312")
    # "supra note N": the work note N cites, by its author when note N cites several
    assert [(ref["key"], pin) for ref, pin in notes["3"]] == [(eisner["key"], "243")]
    assert [(ref["key"], pin) for ref, pin in notes["4"]] == [(meyers["key"], "1315")]
    assert [(ref["key"], pin) for ref, pin in notes["5"]] == [
        (meyers["key"], "1320")
    ]  # Id.: the last one cited


def test_report_style_notes_keep_their_reader(project, cli):
    """The report style of the bundled reports ("*Title*, *Site*, October, 23, 2020.") is not a Chicago note."""
    write_report(
        project,
        "report.md",
        "Iran warned its neighbours.[^1] Polarity ended.[^2]\n\n"
        "[^1]: *Any Breach of the Border to Draw a Response*, *Tasnim News*, October, 23, 2020.\n\n"
        "[^2]: Haas R. *The Age of Nonpolarity*. Foreign Affairs, p.14, 2008.\n",
    )
    cli("ingest")
    notes = _by_note(cli)
    [(news, _)] = notes["1"]
    assert (news["title"], news["container"], news["date"], news["type"]) == (
        "Any Breach of the Border to Draw a Response", "Tasnim News", "2020-10-23", "article-newspaper",
    )  # fmt: skip
    [(essay, pin)] = notes["2"]
    assert (essay["authors"], essay["container"], essay["date"], pin) == (
        ["Haas, R."],
        "Foreign Affairs",
        "2008",
        "p. 14",
    )
