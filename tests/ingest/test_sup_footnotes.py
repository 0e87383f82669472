"""Ingest of PDF-converted reports: <sup>N</sup> markers, definitions at the page foot."""

from __future__ import annotations

import json

from ct_helpers import write_report

PAGE_BREAK_REPORT = """
# A Report

## First Chapter

The escalation of tensions in the region in September of this year has

---

<sup>1</sup> Naumkin V. *Will the Fire Spread?* URL: <https://example.org/fire>

not changed this.<sup>1</sup> Turkey's logic is to sell stability in a region of vital importance to Russia.<sup>2</sup>

Iran's Revolutionary Guards also sent military reinforcements to the borders with Armenia and the Republic of

<sup>2</sup> *Leader's aide calls on Armenia to retreat.* URL: <https://example.org/aide>

Azerbaijan to protect its civilians from any missiles.<sup>3</sup>

<sup>3</sup> *Army launches military drills.* URL: <https://example.org/drills>
"""


def claims_json(cli) -> list[dict]:
    return json.loads(cli("claims", "list", "--format", "json").stdout)


def refs_json(cli) -> list[dict]:
    return json.loads(cli("refs", "list", "--format", "json").stdout)


def by_footnote(claims: list[dict], label: str) -> dict:
    [claim] = [c for c in claims if label in c["footnotes"]]
    return claim


def test_sentence_interrupted_by_footnotes_is_joined_across_the_page_break(project, cli):
    write_report(project, "r.md", PAGE_BREAK_REPORT)
    cli("ingest", str(project / "reports"))
    claims = claims_json(cli)
    assert by_footnote(claims, "1")["text"] == (
        "The escalation of tensions in the region in September of this year has not changed this."
    )
    # the footnote block here has no "---" before it
    assert by_footnote(claims, "3")["text"] == (
        "Iran's Revolutionary Guards also sent military reinforcements to the borders with Armenia "
        "and the Republic of Azerbaijan to protect its civilians from any missiles."
    )
    assert by_footnote(claims, "3")["section"] == "First Chapter"


def test_second_source_on_its_own_paragraph_belongs_to_the_footnote(project, cli):
    write_report(
        project,
        "r.md",
        """
        # R

        Related conflicts are likely to emerge in the words of economists.<sup>8</sup>

        ---

        <sup>8</sup>*Erdogan obvinil Rossiju (Erdogan accuses Russia of attacks).* URL: <https://ria.ru/20201028/erdogan-1.html>

        Igor Subbotin. *Spor Erdogana i Makrona (Dispute between Erdogan and Macron).* URL: [https://www.ng.ru/world/2020-10-25/2\\\\_7998\\\\_dispute.html](https://www.ng.ru/world/2020-10-25/2_7998_dispute.html)

        ---

        # Next
        """,
    )
    cli("ingest", str(project / "reports"))
    claim = by_footnote(claims_json(cli), "8")
    assert len(claim["references"]) == 2
    refs = {r["key"]: r for r in refs_json(cli)}
    urls = [refs[k]["url"] for k in claim["references"]]
    assert urls == [
        "https://ria.ru/20201028/erdogan-1.html",
        "https://www.ng.ru/world/2020-10-25/2_7998_dispute.html",
    ]
    second = refs[claim["references"][1]]
    assert second["authors"] == ["Subbotin, Igor"]
    assert second["date"] == "2020-10-25"  # from the URL's path


def test_ordinal_sup_is_text_not_a_marker(project, cli):
    write_report(
        project,
        "r.md",
        """
        # R

        It could be similar to the deal of the two leaders of the early 20<sup>th</sup> century in 1921.<sup>1</sup>

        <sup>1</sup> *A source.* URL: <https://example.org/a>
        """,
    )
    cli("ingest", str(project / "reports"))
    [claim] = claims_json(cli)
    assert "early 20th century in 1921." in claim["text"]
    assert claim["footnotes"] == ["1"]


def test_several_sources_ibid_and_a_source_cited_twice(project, cli):
    write_report(
        project,
        "r.md",
        """
        # R

        Fighters were recruited in Syria in September 2020.<sup>1</sup> Mercenaries fought in Libya in 2019.<sup>2</sup>
        Iran welcomed the deal on November 10, 2020.<sup>3</sup> It said so twice on November 11, 2020.<sup>4</sup>

        <sup>1</sup> *Syrian rebel fighters prepare to deploy.* URL: <https://www.theguardian.com/world/2020/sep/28/syrian>; *Rebels from Syria recruited.* URL: <https://edition.cnn.com/2020/10/01/rebels/index.html>

        <sup>2</sup> *Syrian rebel fighters prepare to deploy.* URL: <https://www.theguardian.com/world/2020/sep/28/syrian>

        <sup>3</sup>Eldar Mamedov, *How Iran views the truce*. URL: <https://eurasianet.org/how-iran-views>

        <sup>4</sup>*Ibid*
        """,
    )
    cli("ingest", str(project / "reports"))
    claims = claims_json(cli)
    refs = {r["key"]: r for r in refs_json(cli)}
    assert len(by_footnote(claims, "1")["references"]) == 2
    guardian = by_footnote(claims, "2")["references"]
    assert guardian == by_footnote(claims, "1")["references"][:1]  # one reference, two citations
    assert refs[guardian[0]]["footnotes"] == [{"report": "r", "number": 1}, {"report": "r", "number": 2}]
    assert len(refs) == 3
    assert by_footnote(claims, "4")["references"] == by_footnote(claims, "3")["references"]
    assert refs[guardian[0]]["type"] == "article-newspaper"
    assert refs[guardian[0]]["container"] == "The Guardian"


def test_link_target_is_the_truth_not_the_visible_text(project, cli):
    write_report(
        project,
        "r.md",
        """
        # R

        Velayati spoke in favour of Armenia returning the regions on October 6, 2020.<sup>1</sup>
        Trump said he would solve the conflict on October 10, 2020.<sup>2</sup> Zarif spoke on October 8, 2020.<sup>3</sup>

        <sup>1</sup> *Leader's aide calls on Armenia.* URL: [https:// www.tehrantimes.com/news/453291/Leader](https://www.tehrantimes.com/news/453291/Leader)

        <sup>2</sup> *Trump Says He'll Easily Solve It.* URL: [www.newsweek.com/trump-says-1541988](http://www.newsweek.com/trump-says-1541988)

        <sup>3</sup> *Iran won't tolerate it.* URL: [https://parstoday.com/en/news/iran\\\\_won%E2%80%99t](https://parstoday.com/en/news/iran_won%E2%80%99t)
        """,
    )
    cli("ingest", str(project / "reports"))
    urls = sorted(r["url"] for r in refs_json(cli))
    assert urls == [
        "http://www.newsweek.com/trump-says-1541988",
        "https://parstoday.com/en/news/iran_won%E2%80%99t",
        "https://www.tehrantimes.com/news/453291/Leader",
    ]


def test_footnote_without_url_is_a_reference_and_an_explanation_is_a_note(project, cli):
    write_report(
        project,
        "r.md",
        """
        # R

        Richard Haas coined the word "nonpolar<sup>7</sup> world" in 2008. The French Parliament recognised the genocide in 2000.<sup>64</sup>

        <sup>7</sup> Haas R. *The Age of Nonpolarity. What Will Follow U.S. Dominance*. Foreign Affairs, p.14, 2008.

        <sup>64</sup> In 2000, the French Parliament recognised the tragedy, while the President signed a law in 2001.
        """,
    )
    cli("ingest", str(project / "reports"))
    [ref] = refs_json(cli)
    assert ref["authors"] == ["Haas, R."]
    assert ref["title"] == "The Age of Nonpolarity. What Will Follow U.S. Dominance"
    assert ref["container"] == "Foreign Affairs"
    assert ref["date"] == "2008"
    assert ref["url"] is None
    records = (project / "claims" / "r.yaml").read_text("utf-8")
    assert "kind: note" in records and "locator: p. 14" in records
    claims = claims_json(cli)
    assert by_footnote(claims, "64")["references"] == []  # a note cites nothing


def test_transliterated_title_keeps_its_english_translation(project, cli):
    write_report(
        project,
        "r.md",
        """
        # R

        Georgia proposed hosting a meeting on October 5, 2020.<sup>1</sup>

        <sup>1</sup> *Gruziya predlozhila prinyat' vstrechu Minskoj gruppy (Georgia proposes hosting OSCE Minsk Group meeting).* URL: <https://www.rosbalt.ru/world/2020/10/05/1866473.html>
        """,
    )
    cli("ingest", str(project / "reports"))
    [ref] = refs_json(cli)
    assert ref["title"] == "Gruziya predlozhila prinyat' vstrechu Minskoj gruppy"
    assert ref["title_translation"] == "Georgia proposes hosting OSCE Minsk Group meeting"
    assert ref["language"] == "ru"
    assert ref["date"] == "2020-10-05"


def test_sentence_boundaries_survive_decimals_abbreviations_and_quotes(project, cli):
    write_report(
        project,
        "r.md",
        """
        # R

        Since May 12, 1994, 13.4 percent of the territory was under the control of the Armenian forces.<sup>1</sup> Tensions rose (e.g. armed conflicts in South Ossetia) in 2008.<sup>2</sup> Vitaly Naumkin said the round revealed a “close connection between the South Caucasus and Levant.”<sup>3</sup> The U.S. and J. D. Smith agreed in 2020.<sup>4</sup>

        <sup>1</sup> *One.* URL: <https://example.org/1>

        <sup>2</sup> *Two.* URL: <https://example.org/2>

        <sup>3</sup> *Three.* URL: <https://example.org/3>

        <sup>4</sup> *Four.* URL: <https://example.org/4>
        """,
    )
    cli("ingest", str(project / "reports"))
    texts = [c["text"] for c in claims_json(cli)]
    assert texts == [
        "Since May 12, 1994, 13.4 percent of the territory was under the control of the Armenian forces.",
        "Tensions rose (e.g. armed conflicts in South Ossetia) in 2008.",
        "Vitaly Naumkin said the round revealed a “close connection between the South Caucasus and Levant.”",
        "The U.S. and J. D. Smith agreed in 2020.",
    ]


def test_uncited_checkable_sentences_are_stored_opinions_are_not(project, cli):
    write_report(
        project,
        "r.md",
        """
        # R

        In 2019, Azerbaijan supplied 21.2 percent of Turkey's gas. This is a great opportunity to remind the world about himself.

        <sup>1</sup> *Unused.* URL: <https://example.org/1>
        """,
    )
    cli("ingest", str(project / "reports"))
    [claim] = claims_json(cli)
    assert claim["text"].startswith("In 2019, Azerbaijan supplied 21.2 percent")
    assert claim["references"] == [] and claim["footnotes"] == []


def test_parenthesis_of_several_sentences_gives_one_claim_each(project, cli):
    write_report(
        project,
        "r.md",
        """
        # R

        Tehran backs Armenia. (On 1st October, Armenia recalled its ambassador in Tel Aviv. On 11 October, the president accused Turkey.)<sup>1</sup> That is the picture.

        <sup>1</sup> *Armenia recalls ambassador.* URL: <https://example.org/recall>
        """,
    )
    cli("ingest", str(project / "reports"))
    claims = {c["text"]: c for c in claims_json(cli)}
    assert claims["On 1st October, Armenia recalled its ambassador in Tel Aviv."]["footnotes"] == []
    assert claims["On 11 October, the president accused Turkey."]["footnotes"] == ["1"]
