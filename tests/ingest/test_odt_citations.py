"""LibreOffice documents cited with Zotero: reference marks named by the field code.

The ODT is written by pandoc from our Markdown, then each placeholder becomes
what Zotero's LibreOffice plug-in writes: a reference mark pair named
``ZOTERO_ITEM CSL_CITATION {json} RND…`` around the rendered citation, and
the bibliography as a section named ``ZOTERO_BIBL … CSL_BIBLIOGRAPHY``.
"""

from __future__ import annotations

import io
import json
import subprocess
import zipfile
from html import escape
from pathlib import Path

from claimtrack.ingest.pandoc import executable

SMITH = {
    "id": 21,
    "type": "article-journal",
    "title": "Solar capacity in Europe",
    "container-title": "Energy Policy",
    "author": [{"family": "Smith", "given": "Jane"}, {"family": "Lee", "given": "Kim"}],
    "issued": {"date-parts": [[2020]]},
}
DOE = {
    "id": 22,
    "type": "book",
    "title": "Wind Power",
    "publisher": "Springer",
    "author": [{"family": "Doe", "given": "John"}],
    "issued": {"date-parts": [[2019]]},
}


def _claims(cli, report: str) -> list[dict]:
    return [c for c in json.loads(cli("claims", "list", "--format", "json").stdout) if c["report"] == report]


def _refs(cli) -> dict[str, dict]:
    return {r["key"]: r for r in json.loads(cli("refs", "list", "--format", "json").stdout)}


def _mark(items: list[tuple[dict, dict]], shown: str, rnd: str) -> str:
    code = {
        "citationID": rnd,
        "properties": {"formattedCitation": shown, "plainCitation": shown, "noteIndex": 0},
        "citationItems": [
            {"id": d["id"], "uris": [f"http://zotero.org/users/42/items/K{d['id']}"], "itemData": d, **extra}
            for d, extra in items
        ],
        "schema": "https://github.com/citation-style-language/schema/raw/master/csl-citation.json",
    }
    name = escape(f"ZOTERO_ITEM CSL_CITATION {json.dumps(code)} RND{rnd}")
    return (
        f'<text:reference-mark-start text:name="{name}"/><text:span>{escape(shown)}</text:span>'
        f'<text:reference-mark-end text:name="{name}"/>'
    )


BIBLIOGRAPHY = (
    '<text:section text:name="ZOTERO_BIBL {&quot;uncited&quot;:[],&quot;omitted&quot;:[],&quot;custom&quot;:[]} '
    'CSL_BIBLIOGRAPHY RNDq1w2e3">'
    "<text:p>Doe, J. (2019). Wind power. Berlin: Springer, read by 40 percent of the experts in 2020.</text:p>"
    "</text:section>"
)


def _odt(tmp: Path, markdown: str, marks: dict[str, str]) -> bytes:
    (tmp / "source.md").write_text(markdown, encoding="utf-8")
    subprocess.run([executable()[0], str(tmp / "source.md"), "-o", str(tmp / "made.odt")], check=True)
    with zipfile.ZipFile(tmp / "made.odt") as odt:
        infos = odt.infolist()
        parts = {i.filename: odt.read(i.filename) for i in infos}
    xml = parts["content.xml"].decode("utf-8")
    for placeholder, mark in marks.items():
        xml = xml.replace(placeholder, mark)
    xml = xml.replace("</office:text>", BIBLIOGRAPHY + "</office:text>", 1)
    parts["content.xml"] = xml.encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as odt:
        for info in infos:
            odt.writestr(info.filename, parts[info.filename])
    return out.getvalue()


def test_zotero_reference_marks_in_text_and_notes(project, cli, tmp_path):
    markdown = (
        "Solar capacity grew by 40 percent in 2020 ZCITE1 while coal fell.\n\n"
        "Wind capacity doubled in Germany in 2019.[^1]\n\n[^1]: ZCITE2\n"
    )
    marks = {
        "ZCITE1": _mark([(SMITH, {"locator": "45", "label": "page"})], "(Smith & Lee, 2020, p. 45)", "a1"),
        "ZCITE2": _mark([(DOE, {})], "John Doe, Wind Power (Berlin: Springer, 2019).", "b2"),
    }
    report = project / "reports" / "essay.odt"
    report.write_bytes(_odt(tmp_path, markdown, marks))
    cli("ingest", str(report))
    claims = _claims(cli, "essay")
    refs = _refs(cli)
    first = claims[0]
    assert first["text"] == "Solar capacity grew by 40 percent in 2020 while coal fell."
    assert [(refs[c["key"]]["title"], c["locator"]) for c in first["citations"]] == [
        ("Solar capacity in Europe", "p. 45")
    ]
    assert [refs[k]["title"] for k in claims[1]["references"]] == ["Wind Power"]
    assert len(claims) == 2  # the bibliography section is not text
