"""Word documents made with the real Zotero and Mendeley plug-ins (pandoc's test files; see SOURCES.md).

Oracles we did not write: pandoc's ``docx+citations`` reader for the Zotero
document (its ids are Zotero's item ids), and the works the Mendeley plug-in
stored in each field (pandoc's reader merges them: every field's first work
is ``ITEM-1``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import zipfile
from html import unescape
from pathlib import Path

import pytest
from ct_helpers import Cli

from claimtrack.ingest.pandoc import executable

REPO = Path(__file__).resolve().parents[3]


def _devset() -> Path:
    for base in (os.environ.get("CLAIMTRACK_DEVSETS"), str(REPO.parent / "shared" / "devsets")):
        if base and (Path(base) / "citations-docx").is_dir():
            return Path(base) / "citations-docx"
    pytest.skip("no citations-docx dev set: set CLAIMTRACK_DEVSETS (see tests/devsets/citations/SOURCES.md)")


def _ingest(tmp_path: Path, doc: Path) -> tuple[list[dict], dict[str, dict]]:
    (tmp_path / "reports").mkdir()
    shutil.copy(doc, tmp_path / "reports" / doc.name)
    cli = Cli(tmp_path)
    cli("ingest", str(tmp_path / "reports"))
    claims = json.loads(cli("claims", "list", "--format", "json").stdout)
    refs = {r["key"]: r for r in json.loads(cli("refs", "list", "--format", "json").stdout)}
    return claims, refs


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def test_zotero_document_links_what_pandoc_reads(tmp_path):
    doc = _devset() / "zotero_citations.docx"
    ast = json.loads(
        subprocess.run(
            [executable()[0], "-f", "docx+citations", "-t", "json", str(doc)], capture_output=True, check=True
        ).stdout
    )
    titles = {}
    for item in ast["meta"]["references"]["c"]:
        fields = item["c"]
        ident = (
            fields["id"]["c"]
            if fields["id"]["t"] == "MetaString"
            else "".join(x.get("c", " ") for x in fields["id"]["c"])
        )
        titles[ident] = " ".join(
            x.get("c", " ") if isinstance(x.get("c"), str) else " " for x in fields["title"]["c"]
        )
    groups = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("t") == "Cite":
                groups.append([_norm(titles[c["citationId"]]) for c in node["c"][0]])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(ast["blocks"])
    claims, refs = _ingest(tmp_path, doc)
    ours = [
        [_norm(refs[c["key"]]["title"]) for c in claim["citations"]] for claim in claims if claim["citations"]
    ]
    assert ours == groups and len(groups) == 3


def test_mendeley_document_keeps_every_work_apart(tmp_path):
    doc = _devset() / "mendeley_citations.docx"
    xml = unescape(zipfile.ZipFile(doc).read("word/document.xml").decode("utf-8"))
    stored = [json.loads(m) for m in re.findall(r"ADDIN CSL_CITATION (\{.*?\})\s*</w:instrText>", xml)]
    if not stored:  # the field code split over runs: join the instrText pieces
        codes = re.findall(r"<w:instrText[^>]*>(.*?)</w:instrText>", xml, re.S)
        joined = "".join(codes)
        stored = [
            json.JSONDecoder().raw_decode(joined[m.end() :])[0]
            for m in re.finditer(r"ADDIN CSL_CITATION\s*", joined)
        ]
    groups = [[_norm(i["itemData"]["title"]) for i in field["citationItems"]] for field in stored]
    claims, refs = _ingest(tmp_path, doc)
    ours = [
        [_norm(refs[c["key"]]["title"]) for c in claim["citations"]] for claim in claims if claim["citations"]
    ]
    assert ours == groups
    assert len({t for g in groups for t in g}) == 4  # four works, three of them ITEM-1 in their field
