"""Word documents cited with Zotero or Mendeley: the citation fields' works become references.

The documents are made here: pandoc writes a DOCX from our Markdown, then each
placeholder is replaced by a field written the way the plug-ins write them
(``ADDIN ZOTERO_ITEM CSL_CITATION {json}`` split over several ``instrText``
runs, as Word stores long field codes; Mendeley's ``ADDIN CSL_CITATION`` with
its per-field ``ITEM-1`` ids; Zotero's ``ADDIN ZOTERO_BIBL`` bibliography).
"""

from __future__ import annotations

import io
import json
import zipfile
from html import escape
from pathlib import Path

import pytest
import yaml

from claimtrack.ingest.pandoc import executable

SMITH = {
    "id": 11,
    "type": "article-journal",
    "title": "Solar capacity in Europe",
    "container-title": "Energy Policy",
    "volume": "12",
    "page": "45-67",
    "DOI": "10.1016/j.enpol.2020.01.001",
    "author": [{"family": "Smith", "given": "Jane"}, {"family": "Lee", "given": "Kim"}],
    "issued": {"date-parts": [["2020", 3]]},
}
DOE = {
    "id": 12,
    "type": "book",
    "title": "Wind Power",
    "publisher": "Springer",
    "publisher-place": "Berlin",
    "author": [{"family": "Doe", "given": "John"}],
    "issued": {"date-parts": [["2019"]]},
}
IEA = {
    "id": 13,
    "type": "report",
    "title": "World Energy Outlook 2021",
    "author": [{"literal": "International Energy Agency"}],
    "URL": "https://www.iea.org/reports/world-energy-outlook-2021",
    "issued": {"date-parts": [["2021"]]},
}


def _zotero(items: list[tuple[dict, dict]], shown: str) -> str:
    code = {
        "citationID": "a1b2c3",
        "properties": {"formattedCitation": shown, "plainCitation": shown, "noteIndex": 0},
        "citationItems": [
            {
                "id": data["id"],
                "uris": [f"http://zotero.org/users/42/items/K{data['id']}"],
                "itemData": data,
                **extra,
            }
            for data, extra in items
        ],
        "schema": "https://github.com/citation-style-language/schema/raw/master/csl-citation.json",
    }
    return _field(" ADDIN ZOTERO_ITEM CSL_CITATION " + json.dumps(code) + " ", shown)


def _mendeley(data: dict, shown: str) -> str:
    item = {**data, "id": "ITEM-1"}
    code = {
        "citationItems": [
            {
                "id": "ITEM-1",
                "itemData": item,
                "uris": [f"http://www.mendeley.com/documents/?uuid=u{data['id']}"],
            }
        ],
        "mendeley": {"formattedCitation": shown, "plainTextFormattedCitation": shown},
        "properties": {"noteIndex": 0},
        "schema": "https://github.com/citation-style-language/schema/raw/master/csl-citation.json",
    }
    return _field("ADDIN CSL_CITATION " + json.dumps(code), shown)


def _field(code: str, shown: str) -> str:
    # Word splits a long field code over several runs
    pieces = [code[i : i + 200] for i in range(0, len(code), 200)]
    instr = "".join(f'<w:r><w:instrText xml:space="preserve">{escape(p)}</w:instrText></w:r>' for p in pieces)
    return (
        '</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        + instr
        + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t xml:space="preserve">{escape(shown)}</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve">'
    )


BIBLIOGRAPHY = (
    '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> ADDIN ZOTERO_BIBL '
    '{"uncited":[],"omitted":[],"custom":[]} CSL_BIBLIOGRAPHY </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>Doe, J. (2019). Wind power. Berlin: Springer, '
    "which was reviewed by 40 percent of the experts in 2020.</w:t></w:r></w:p>"
    "<w:p><w:r><w:t>Smith, J., &amp; Lee, K. (2020). Solar capacity in Europe. Energy Policy, 12, 45-67, "
    'a study cited 300 times since 2020.</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
)


def _docx(tmp: Path, markdown: str, fields: dict[str, str], bibliography: bool = False) -> bytes:
    source = tmp / "source.md"
    source.write_text(markdown, encoding="utf-8")
    made = tmp / "made.docx"
    import subprocess

    subprocess.run([executable()[0], str(source), "-o", str(made)], check=True)
    with zipfile.ZipFile(made) as docx:
        parts = {i.filename: docx.read(i.filename) for i in docx.infolist()}
    for name in ("word/document.xml", "word/footnotes.xml"):
        if name not in parts:
            continue
        xml = parts[name].decode("utf-8")
        for placeholder, field in fields.items():
            xml = xml.replace(placeholder, field)
        if bibliography and name == "word/document.xml":
            xml = xml.replace("<w:sectPr", BIBLIOGRAPHY + "<w:sectPr", 1)
        parts[name] = xml.encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as docx:
        for name, data in parts.items():
            docx.writestr(name, data)
    return out.getvalue()


def _claims(cli, report: str) -> list[dict]:
    return [c for c in json.loads(cli("claims", "list", "--format", "json").stdout) if c["report"] == report]


def _refs(cli) -> dict[str, dict]:
    return {r["key"]: r for r in json.loads(cli("refs", "list", "--format", "json").stdout)}


TEXT = """# Findings

Solar capacity grew by 40 percent in 2020 ZCITE1 while coal fell.

Wind capacity doubled in Germany between 2010 and 2019 ZCITE2.

The agency expects wind capacity to double by 2030 ZCITE3.
"""


def test_zotero_fields_link_each_claim_to_the_works_cited(project, cli, tmp_path):
    fields = {
        "ZCITE1": _zotero([(SMITH, {"locator": "45-47", "label": "page", "prefix": "see"}), (DOE, {})], "(see Smith & Lee, 2020, pp. 45–47; Doe, 2019)"),
        "ZCITE2": _zotero([(DOE, {"locator": "3", "label": "chapter"})], "(Doe, 2019, chap. 3)"),
        "ZCITE3": _zotero([(IEA, {})], "(International Energy Agency, 2021)"),
    }  # fmt: skip
    report = project / "reports" / "brief.docx"
    report.write_bytes(_docx(tmp_path, TEXT, fields, bibliography=True))
    cli("ingest", str(report))
    claims = _claims(cli, "brief")
    cited = [
        [(c["key"], c["locator"], c["prefix"], c["found"]) for c in claim["citations"]] for claim in claims
    ]
    smith, doe, iea = claims[0]["references"][0], claims[1]["references"][0], claims[2]["references"][0]
    assert cited == [
        [(smith, "pp. 45-47", "see", True), (doe, None, None, True)],
        [(doe, "chap. 3", None, True)],
        [(iea, None, None, True)],
    ]
    assert (
        claims[0]["text"] == "Solar capacity grew by 40 percent in 2020 while coal fell."
    )  # no rendered citation
    refs = _refs(cli)
    assert (
        refs[smith]["title"] == "Solar capacity in Europe"
        and refs[smith]["doi"] == "10.1016/j.enpol.2020.01.001"
    )
    assert refs[smith]["authors"] == ["Smith, Jane", "Lee, Kim"] and refs[smith]["date"] == "2020-03"
    assert refs[doe]["publisher"] == "Springer" and refs[iea]["organization"] == "International Energy Agency"
    assert refs[iea]["url"] == "https://www.iea.org/reports/world-energy-outlook-2021"
    # the rendered bibliography is the plug-in's copy of these works: none of it is a claim
    assert not any("reviewed by 40 percent" in c["text"] or "cited 300 times" in c["text"] for c in claims)
    assert len(claims) == 3


def test_reingest_keeps_keys_and_curated_fields(project, cli, tmp_path):
    report = project / "reports" / "brief.docx"
    report.write_bytes(_docx(tmp_path, TEXT, {"ZCITE1": _zotero([(SMITH, {})], "(Smith & Lee, 2020)")}))
    cli("ingest", str(report))
    key = _claims(cli, "brief")[0]["references"][0]
    bib = next(p for p in (project / "references").glob("*.bib") if key in p.read_text("utf-8"))
    curated = bib.read_text("utf-8").replace("  title =", "  note = {checked by hand},\n  title =", 1)
    assert "checked by hand" in curated
    bib.write_text(curated, "utf-8")
    cli("ingest", str(report))
    assert _claims(cli, "brief")[0]["references"] == [key]
    assert _refs(cli)[key]["note"] == "checked by hand"
    assert (
        sum(
            p.read_text("utf-8").count("Solar capacity in Europe")
            for p in (project / "references").glob("*.bib")
        )
        == 1
    )


def test_mendeley_fields_number_every_work_item_1_yet_they_stay_apart(project, cli, tmp_path):
    """pandoc's docx+citations reads both citations as one work (ITEM-1): we do not."""
    fields = {"ZCITE1": _mendeley(SMITH, "(Smith and Lee 2020)"), "ZCITE2": _mendeley(DOE, "(Doe 2019)")}
    report = project / "reports" / "paper.docx"
    report.write_bytes(_docx(tmp_path, TEXT, fields))
    cli("ingest", str(report))
    claims = _claims(cli, "paper")
    refs = _refs(cli)
    titles = [[refs[k]["title"] for k in claim["references"]] for claim in claims[:2]]
    assert titles == [["Solar capacity in Europe"], ["Wind Power"]]


def test_zotero_citations_in_footnotes(project, cli, tmp_path):
    markdown = "Solar capacity grew by 40 percent in 2020.[^1]\n\n[^1]: ZCITE1 And see the press.\n"
    fields = {"ZCITE1": _zotero([(SMITH, {"locator": "52", "label": "page"})], "Jane Smith and Kim Lee, “Solar Capacity in Europe,” Energy Policy 12 (2020): 52.")}  # fmt: skip
    report = project / "reports" / "essay.docx"
    report.write_bytes(_docx(tmp_path, markdown, fields))
    cli("ingest", str(report))
    claim = _claims(cli, "essay")[0]
    refs = _refs(cli)
    assert [refs[k]["title"] for k in claim["references"]] == ["Solar capacity in Europe"]
    note = yaml.safe_load((project / "claims" / "essay.yaml").read_text("utf-8"))["footnotes"][0]
    assert note["references"] == claim["references"]


def test_inline_references_in_front_matter(project, cli):
    (project / "reports" / "note.md").write_text(
        "---\ntitle: Note\nreferences:\n- id: smith2020\n  type: article-journal\n  title: Solar capacity in Europe\n"
        "  author:\n  - family: Smith\n    given: Jane\n  container-title: Energy Policy\n  issued: 2020\n---\n\n"
        "Solar capacity grew by 40 percent in 2020 [@smith2020, p. 4].\n",
        encoding="utf-8",
    )
    cli("ingest", str(project / "reports" / "note.md"))
    claim = _claims(cli, "note")[0]
    assert [(c["key"], c["locator"], c["found"]) for c in claim["citations"]] == [("smith2020", "p. 4", True)]
    assert _refs(cli)["smith2020"]["container"] == "Energy Policy"


@pytest.mark.parametrize("broken", ["{not json", ""])
def test_a_field_whose_code_is_not_json_is_left_as_written(project, cli, tmp_path, broken):
    field = _field(" ADDIN ZOTERO_ITEM CSL_CITATION " + broken, "(Smith, 2020)")
    report = project / "reports" / "odd.docx"
    report.write_bytes(_docx(tmp_path, TEXT, {"ZCITE1": field}))
    cli("ingest", str(report))
    assert "(Smith, 2020)" in _claims(cli, "odd")[0]["text"]


def _style(text: str) -> str:
    return f'<style face="normal" font="default" size="100%">{text}</style>'


ENDNOTE = (
    "<EndNote><Cite><Author>Smith</Author><Year>2020</Year><RecNum>11</RecNum><Pages>52</Pages>"
    "<DisplayText>(Smith and Lee, 2020, p. 52)</DisplayText><record><rec-number>11</rec-number>"
    '<foreign-keys><key app="EN" db-id="x9vw2tdsd">11</key></foreign-keys><ref-type name="Journal Article">17</ref-type>'
    f"<contributors><authors><author>{_style('Smith, Jane')}</author><author>{_style('Lee, Kim')}</author></authors>"
    f"</contributors><titles><title>{_style('Solar capacity in Europe')}</title><secondary-title>{_style('Energy Policy')}"
    f"</secondary-title></titles><periodical><full-title>Energy Policy</full-title></periodical><pages>{_style('45-67')}"
    f"</pages><volume>{_style('12')}</volume><dates><year>{_style('2020')}</year></dates>"
    f"<electronic-resource-num>{_style('10.1016/j.enpol.2020.01.001')}</electronic-resource-num></record></Cite></EndNote>"
)


def _endnote_data_field(xml: str, shown: str) -> str:
    """EndNote's second form: the XML base64-encoded in the data of a nested EN.CITE.DATA field."""
    import base64

    data = base64.b64encode(xml.encode("utf-8")).decode("ascii")
    return (
        '</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> ADDIN EN.CITE </w:instrText></w:r>'
        f'<w:r><w:fldChar w:fldCharType="begin"><w:fldData xml:space="preserve">{data}</w:fldData></w:fldChar></w:r>'
        '<w:r><w:instrText xml:space="preserve"> ADDIN EN.CITE.DATA </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f'<w:r><w:t xml:space="preserve">{escape(shown)}</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve">'
    )


def test_endnote_fields_in_both_forms(project, cli, tmp_path):
    doe = ENDNOTE.replace("Smith, Jane", "Doe, John").replace("Lee, Kim", "Roe, Ann").replace(">11<", ">12<")
    doe = doe.replace("Solar capacity in Europe", "Wind power in Germany").replace("Journal Article", "Book")
    fields = {
        "ZCITE1": _field(" ADDIN EN.CITE " + ENDNOTE, "(Smith and Lee, 2020, p. 52)"),
        "ZCITE2": _endnote_data_field(doe, "(Doe and Roe, 2020)"),
    }
    report = project / "reports" / "clinical.docx"
    report.write_bytes(_docx(tmp_path, TEXT, fields))
    cli("ingest", str(report))
    claims = _claims(cli, "clinical")
    refs = _refs(cli)
    first, second = claims[0]["citations"][0], claims[1]["citations"][0]
    assert first["locator"] == "p. 52" and claims[0]["text"].endswith("in 2020 while coal fell.")
    smith, doe_ref = refs[first["key"]], refs[second["key"]]
    assert (smith["title"], smith["container"], smith["volume"]) == (
        "Solar capacity in Europe",
        "Energy Policy",
        "12",
    )
    assert smith["authors"] == ["Smith, Jane", "Lee, Kim"] and smith["doi"] == "10.1016/j.enpol.2020.01.001"
    assert doe_ref["title"] == "Wind power in Germany" and doe_ref["type"] == "book"


WORD_SOURCES = """<?xml version="1.0" standalone="yes"?>
<b:Sources SelectedStyle="\\APASixthEditionOfficeOnline.xsl" StyleName="APA" Version="6"
 xmlns:b="http://schemas.openxmlformats.org/officeDocument/2006/bibliography"
 xmlns="http://schemas.openxmlformats.org/officeDocument/2006/bibliography">
<b:Source><b:Tag>Smi20</b:Tag><b:SourceType>JournalArticle</b:SourceType><b:Guid>{6F1A}</b:Guid>
<b:Author><b:Author><b:NameList><b:Person><b:Last>Smith</b:Last><b:First>Jane</b:First></b:Person>
<b:Person><b:Last>Lee</b:Last><b:First>Kim</b:First></b:Person></b:NameList></b:Author></b:Author>
<b:Title>Solar capacity in Europe</b:Title><b:JournalName>Energy Policy</b:JournalName><b:Year>2020</b:Year>
<b:Pages>45-67</b:Pages><b:Volume>12</b:Volume><b:RefOrder>1</b:RefOrder></b:Source>
<b:Source><b:Tag>Int21</b:Tag><b:SourceType>DocumentFromInternetSite</b:SourceType>
<b:Author><b:Author><b:Corporate>International Energy Agency</b:Corporate></b:Author></b:Author>
<b:Title>World Energy Outlook 2021</b:Title><b:Year>2021</b:Year><b:YearAccessed>2022</b:YearAccessed>
<b:MonthAccessed>January</b:MonthAccessed><b:DayAccessed>5</b:DayAccessed>
<b:URL>https://www.iea.org/reports/world-energy-outlook-2021</b:URL></b:Source>
</b:Sources>
"""

WORD_BIBLIOGRAPHY = (
    '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> BIBLIOGRAPHY </w:instrText></w:r>'
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>International Energy Agency. (2021). World Energy Outlook '
    "2021, which 40 percent of the experts read in 2022.</w:t></w:r></w:p>"
    '<w:p><w:r><w:t>Smith, J., &amp; Lee, K. (2020). Solar capacity.</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
)


def test_words_own_citations_and_source_list(project, cli, tmp_path):
    fields = {
        "ZCITE1": _field(' CITATION Smi20 \\p 45 \\l 1033 \\m Int21 \\f "see"', "(Smith & Lee, 2020, p. 45; see International Energy Agency, 2021)"),
        "ZCITE3": _field(" CITATION Int21 \\l 1033 ", "(International Energy Agency, 2021)"),
    }  # fmt: skip
    data = _docx(tmp_path, TEXT, fields)
    with zipfile.ZipFile(io.BytesIO(data)) as docx:
        parts = {i.filename: docx.read(i.filename) for i in docx.infolist()}
    parts["customXml/item1.xml"] = WORD_SOURCES.encode("utf-8")
    xml = parts["word/document.xml"].decode("utf-8").replace("<w:sectPr", WORD_BIBLIOGRAPHY + "<w:sectPr", 1)
    parts["word/document.xml"] = xml.encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as docx:
        for name, content in parts.items():
            docx.writestr(name, content)
    report = project / "reports" / "thesis.docx"
    report.write_bytes(out.getvalue())
    cli("ingest", str(report))
    claims = _claims(cli, "thesis")
    refs = _refs(cli)
    cited = [
        [(refs[c["key"]]["title"], c["locator"], c["prefix"]) for c in claim["citations"]] for claim in claims
    ]
    assert cited == [
        [("Solar capacity in Europe", "p. 45", None), ("World Energy Outlook 2021", None, "see")],
        [],
        [("World Energy Outlook 2021", None, None)],
    ]
    iea = refs[claims[2]["citations"][0]["key"]]
    assert iea["organization"] == "International Energy Agency" and iea["urldate"] == "2022-01-05"
    assert iea["date"] == "2021" and iea["url"] == "https://www.iea.org/reports/world-energy-outlook-2021"
    assert not any("experts read" in c["text"] for c in claims)
