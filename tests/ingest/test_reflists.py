"""Numbered and author-date citations into a reference list, and scholarly notes.

The fixtures follow the conventions of real documents (IEEE, Wikipedia, APA,
Chicago notes and bibliography); one document is rendered by pandoc's own
citation processor, whose linked citations are the oracle.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from ct_helpers import write_report

IEEE = """
# Grid storage in Europe

Battery capacity grew by 40 percent in 2021 [1]. Pumped hydro still holds most storage [2, 3],
while flywheels remain marginal [4]–[5]. Costs fell by 20 percent [1, p. 7]. Hydrogen
was 2 percent of storage in 2021 [6].

## References

[1] J. Smith and K. Lee, "Battery storage in Europe," *IEEE Trans. Power Syst.*, vol. 36, no. 2, pp. 1021–1030, Mar. 2021, doi: 10.1109/TPWRS.2021.1234567.
[2] International Energy Agency, "Hydropower Special Market Report," IEA, Paris, France, 2021. [Online]. Available: https://www.iea.org/reports/hydropower-special-market-report (accessed Jan. 5, 2022).
[3] M. Brown, *Pumped Storage Hydropower*. London, U.K.: Springer, 2019.
[4] A. Green, "Flywheels," in *Handbook of Energy Storage*, B. White, Ed. New York, NY, USA: Wiley, 2018, pp. 1–20.
[5] P. Black, "Kinetic storage," Ph.D. dissertation, Dept. Elect. Eng., Univ. of Oxford, Oxford, U.K., 2017.

## Appendix A: Data

Capacity rose by 12 percent in 2021 (Table A1).
"""

WIKI = """
The Kura river is 1,515 kilometres long.<sup>1</sup> Its basin covers 188,000 square kilometres.<sup>2,3</sup>

References

1. ^ "Kura River". Encyclopaedia Britannica. Retrieved 12 March 2021.
2. ^ a b Smith, John (2004). *Rivers of the Caucasus*. Tbilisi: Caucasus Press. p. 45. ISBN 978-1-56619-909-4.
3. ^ Jones, Ann (12 May 2019). "Water in the South Caucasus". The Guardian. https://www.theguardian.com/world/2019/may/12/kura
"""

PDF_NUMBERED = """
Gas demand in Turkey fell by 8 percent in 2019.<sup>1</sup> Imports from Azerbaijan rose to 21.2 percent.<sup>2</sup>
Russia's share fell below 34 percent.<sup>1</sup>

REFERENCES

1. EPDK, Natural Gas Market Sector Report 2019, Energy Market Regulatory Authority, Ankara, 2020. Available at: https://www.epdk.gov.tr/Detay/Icerik/3-0-94/dogal-gazyillik-sektor-raporu
2. S. Pirani, "Azerbaijan's gas supply squeeze," Oxford Institute for Energy Studies, Oxford, Energy Insight 45, Jan. 2019.
"""

APA = """
# Results

Remote work raised productivity by 13% (Bloom et al., 2015, p. 171). Smith and Lee (2019a) found
the same effect, though later work disagrees (Smith & Lee, 2019b; World Health Organization [WHO], 2020).
The WHO (2020) guidance was cited widely.

# References

Bloom, N., Liang, J., Roberts, J., & Ying, Z. J. (2015). Does working from home work? Evidence from a Chinese experiment. *The Quarterly Journal of Economics*, *130*(1), 165–218. https://doi.org/10.1093/qje/qju032

Smith, J., & Lee, K. (2019a). Remote work and output. *Journal of Labor Studies*, *12*(3), 45–67.

Smith, J., & Lee, K. (2019b). *Working apart* (2nd ed.). Oxford University Press.

World Health Organization. (2020). *Healthy and safe telework*. https://www.who.int/publications/i/item/9789240040977

Zhou, Y. (2018). Never cited here. *Economics Letters*, *170*, 1–4.

# Appendix

Output in the 24 firms rose by 13 percent in 2016 (Table A1).
"""


def _claims(cli) -> list[dict]:
    return json.loads(cli("claims", "list", "--format", "json").stdout)


def _refs(cli) -> dict[str, dict]:
    return {r["key"]: r for r in json.loads(cli("refs", "list", "--format", "json").stdout)}


def _claim_file(project, name: str) -> str:
    return (project / "claims" / f"{name}.yaml").read_text("utf-8")


def test_numbered_citations_link_to_the_list_with_ranges_and_locators(project, cli):
    write_report(project, "ieee.md", IEEE)
    cli("ingest", str(project / "reports"))
    claims = _claims(cli)
    refs = _refs(cli)
    labels = [
        [(c["label"], c["locator"]) for c in claim["citations"]] for claim in claims if claim["citations"]
    ]
    assert labels == [
        [("1", None)],
        [("2", None), ("3", None), ("4", None), ("5", None)],
        [("1", "p. 7")],
        [("6", None)],
    ]
    assert claims[0]["text"] == "Battery capacity grew by 40 percent in 2021."
    hydrogen = next(c for c in claims if "Hydrogen" in c["text"])
    assert hydrogen["citations"][0]["found"] is False and hydrogen["references"] == []  # [6]: no such entry
    first = refs[claims[0]["references"][0]]
    assert first["title"] == "Battery storage in Europe" and first["authors"] == ["Smith, J.", "Lee, K."]
    assert (first["container"], first["volume"], first["issue"], first["pages"]) == (
        "IEEE Trans. Power Syst.", "36", "2", "1021–1030",
    )  # fmt: skip
    iea = refs[claims[1]["references"][0]]
    assert iea["url"] == "https://www.iea.org/reports/hydropower-special-market-report"
    assert iea["urldate"] == "2022-01-05" and iea["date"] == "2021"  # the access date is not the date
    # no list entry is a claim; the appendix after the list is body text again
    texts = " ".join(c["text"] for c in claims)
    assert "Pumped Storage Hydropower" not in texts and "Capacity rose by 12 percent" in texts


def test_wikipedia_style_superscripts_and_backlinks(project, cli):
    write_report(project, "kura.md", WIKI)
    cli("ingest", str(project / "reports"))
    claims = _claims(cli)
    assert [[c["label"] for c in claim["citations"]] for claim in claims] == [["1"], ["2", "3"]]
    refs = _refs(cli)
    book = refs[claims[1]["references"][0]]
    assert book["title"] == "Rivers of the Caucasus" and book["isbn"] == "978-1-56619-909-4"
    assert (book["location"], book["publisher"]) == ("Tbilisi", "Caucasus Press")
    news = refs[claims[1]["references"][1]]
    assert news["date"] == "2019-05-12" and news["container"] == "The Guardian"
    britannica = refs[claims[0]["references"][0]]
    assert britannica["title"] == "Kura River" and britannica.get("urldate") == "2021-03-12"
    assert not britannica.get("date")  # "Retrieved 12 March 2021" is when it was read, not published


def test_superscript_numbers_into_a_reference_list_of_a_pdf_conversion(project, cli):
    write_report(project, "gas.txt", PDF_NUMBERED)
    cli("ingest", str(project / "reports"))
    claims = _claims(cli)
    assert [[c["label"] for c in claim["citations"]] for claim in claims] == [["1"], ["2"], ["1"]]
    assert claims[0]["references"] == claims[2]["references"]
    refs = _refs(cli)
    pirani = refs[claims[1]["references"][0]]
    assert pirani["authors"] == ["Pirani, S."] and pirani["title"] == "Azerbaijan's gas supply squeeze"
    assert not any("Energy Insight" in c["text"] for c in claims)


def test_author_date_citations_apa(project, cli):
    write_report(project, "apa.md", APA)
    cli("ingest", str(project / "reports"))
    claims = _claims(cli)
    cited = [[(c["label"], c["locator"], c["mode"]) for c in claim["citations"]] for claim in claims]
    assert cited[0] == [("Bloom et al. 2015", "p. 171", "normal")]
    assert cited[1] == [
        ("Smith and Lee 2019a", None, "author-in-text"),
        ("Smith & Lee 2019b", None, "normal"),
        ("World Health Organization [WHO] 2020", None, "normal"),
    ]
    refs = _refs(cli)
    assert refs[claims[1]["references"][0]]["title"] == "Remote work and output"
    assert refs[claims[1]["references"][1]]["title"] == "Working apart"
    assert refs[claims[1]["references"][2]]["organization"] == "World Health Organization"
    assert claims[2]["citations"][0]["label"] == "WHO 2020"  # the abbreviation the text introduced
    # the text is the report's own words: parenthetical citations stay in it
    assert claims[0]["text"] == "Remote work raised productivity by 13% (Bloom et al., 2015, p. 171)."
    claim_file = _claim_file(project, "apa")
    assert "cited: false" in claim_file.split("Zhou, Y. (2018)")[1].split("\n", 3)[1]  # kept, marked
    assert not any("Never cited here" in c["text"] for c in claims)
    assert any("Output in the 24 firms" in c["text"] for c in claims)


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc is not installed")
def test_author_date_as_pandoc_citeproc_renders_it(project, cli, tmp_path):
    """pandoc renders our citekey text in its Chicago author-date style; its links are the oracle."""
    bib = tmp_path / "refs.bib"
    bib.write_text(
        "@article{lee2019, author={Lee, Kim and Park, Ji}, title={Heat pumps in cold climates},"
        " journal={Energy and Buildings}, volume={190}, pages={1--10}, year={2019}}\n"
        "@book{lee2019b, author={Lee, Kim}, title={Heating Homes}, publisher={MIT Press}, address={Cambridge},"
        " year={2019}}\n"
        "@report{iea2022, author={{International Energy Agency}}, title={The Future of Heat Pumps},"
        " institution={IEA}, year={2022}, url={https://www.iea.org/reports/the-future-of-heat-pumps}}\n",
        encoding="utf-8",
    )
    source = tmp_path / "text.md"
    source.write_text(
        "Heat pumps cut emissions by half [@lee2019, 4]. @lee2019b shows the cost fell.\n\n"
        "Sales grew by 11 percent in 2022 [@iea2022; see also @lee2019].\n",
        encoding="utf-8",
    )
    rendered = subprocess.run(
        ["pandoc", str(source), "--citeproc", "--bibliography", str(bib), "-M", "link-citations=true",
         "-M", "reference-section-title=References", "-t", "markdown-citations", "--wrap=none"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    oracle = re.findall(r"\]\(#ref-([^)]+)\)", rendered.split("# References")[0])
    plain = re.sub(r"\[([^\[\]]*)\]\(#ref-[^)]+\)", r"\1", rendered)
    plain = "\n".join(line for line in plain.split("\n") if not line.startswith(":::"))
    write_report(project, "heat.md", plain)
    cli("ingest", str(project / "reports"))
    claim_file = _claim_file(project, "heat")
    entries = re.findall(r"- key: (\S+)\n  line: \d+\n  text: (.+)", claim_file)
    by_key = {key: text for key, text in entries}
    title_of = {"lee2019": "Heat pumps", "lee2019b": "Heating Homes", "iea2022": "Future of Heat Pumps"}
    ours = [c["key"] for claim in _claims(cli) for c in claim["citations"] if c["found"]]
    assert len(ours) == len(oracle) == 4
    for key, want in zip(ours, oracle, strict=True):
        assert title_of[want].lower() in by_key[key].lower()


CHICAGO_NOTES = """
Blockchains promise trust without intermediaries.[^1] Critics disagree.[^2] Courts have not
settled the question.[^3] The debate continues[^4] and regulators watch it.[^5] One video makes
the case at length.[^6] Lampson's advice on systems still applies[^7]: keep it simple.

[^1]: Kevin Werbach, *The Blockchain and the New Architecture of Trust* (Cambridge, MA: MIT Press, 2018), 8; Primavera De Filippi and Aaron Wright, *Blockchain and the Law* (Cambridge, MA: Harvard University Press, 2018), 33.

[^2]: Werbach, 12.

[^3]: Ibid., §3.5.

[^4]: De Filippi and Wright, *Blockchain and the Law*, 41.

[^5]: Jane Roe, “Regulating Ledgers,” *Harvard Law Review* 133, no. 4 (2020): 1201–45, https://doi.org/10.2139/ssrn.1234567.

[^6]: ibid. (?t=6m15s)

[^7]: Butler Lampson, “Hints for Computer System Design,” Butler Lampson, accessed August 5, 2018, https://bwlampson.site/33-Hints/WebPage.htm.
"""


def test_chicago_notes_short_forms_ibid_and_several_sources(project, cli):
    write_report(project, "essay.md", CHICAGO_NOTES)
    cli("ingest", str(project / "reports"))
    claims = _claims(cli)
    refs = _refs(cli)
    werbach, filippi = claims[0]["references"]
    assert refs[werbach]["title"] == "The Blockchain and the New Architecture of Trust"
    assert (refs[werbach]["publisher"], refs[werbach]["location"], refs[werbach]["date"]) == (
        "MIT Press", "Cambridge, MA", "2018",
    )  # fmt: skip
    assert refs[filippi]["authors"] == ["De Filippi, Primavera", "Wright, Aaron"]
    # two sources in one note: each keeps its own pinpoint
    assert [(c["key"], c["locator"]) for c in claims[0]["citations"]] == [(werbach, "8"), (filippi, "33")]
    assert claims[1]["references"] == [werbach]  # "Werbach, 12." is the book cited in full before
    assert claims[2]["references"] == [werbach]  # Ibid.
    assert claims[3]["references"][0] == filippi  # "De Filippi and Wright, *Blockchain and the Law*, 41."
    assert [c["locator"] for c in claims[3]["citations"]] == ["41", None]
    roe = refs[claims[3]["references"][1]]
    assert (roe["container"], roe["volume"], roe["issue"], roe["pages"], roe["date"]) == (
        "Harvard Law Review", "133", "4", "1201–45", "2020",
    )  # fmt: skip
    assert roe["doi"] == "10.2139/ssrn.1234567"
    assert claims[3]["references"][1] == claims[4]["references"][0]
    assert claims[4]["references"] == claims[3]["references"][1:]  # ibid. with a timestamp
    lampson = refs[claims[5]["references"][0]]
    assert (
        lampson["authors"] == ["Lampson, Butler"] and lampson["title"] == "Hints for Computer System Design"
    )
    assert lampson["urldate"] == "2018-08-05" and not lampson.get("date")
    assert lampson["url"] == "https://bwlampson.site/33-Hints/WebPage.htm"
    # "[^7]:" inside a sentence is a marker, not a definition: the sentence keeps it
    assert claims[5]["footnotes"] == ["7"] and claims[5]["text"].endswith("keep it simple.")
