"""RIS export: read back by two independent readers, every field in place."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import rispy
from export_tools import export, need, run, write

from claimtrack.export.latex import curly_quotes
from claimtrack.model import Reference, RefType
from claimtrack.project import Project

MODS = {"m": "http://www.loc.gov/mods/v3"}


def expected_tags(ref: Reference) -> dict:
    """What a RIS reader must find for ``ref``, in rispy's names (Zotero's tag layout)."""
    want: dict = {
        "type_of_reference": {"webpage": "ELEC", "article-newspaper": "NEWS", "article-journal": "JOUR",
                              "book": "BOOK", "report": "RPRT"}[ref.type.value],
        "id": ref.key,
    }  # fmt: skip
    people = [a for a in ref.authors if a != "others"]  # BibTeX's "et al." is no name
    corporate = ref.organization or (ref.container if ref.type is RefType.NEWS else None)
    authors = people or ([corporate] if corporate else [])
    if authors:
        want["authors"] = authors
    if ref.title:
        want["title"] = curly_quotes(ref.title)
    if ref.type is RefType.REPORT:
        publisher = ref.container or ref.publisher or (ref.organization if ref.authors else None)
    else:
        publisher = ref.publisher
        if ref.container:
            want["secondary_title"] = ref.container
    if publisher:
        want["publisher"] = publisher
    if ref.date:
        want["year"] = ref.date[:4]
        want["date"] = ref.date.replace("-", "/")
    if ref.urldate:
        want["access_date"] = ref.urldate.replace("-", "/")
    if ref.url:
        want["urls"] = [ref.url]
    if ref.doi:
        want["doi"] = ref.doi
    if ref.language:
        want["language"] = ref.language
    if ref.volume:
        want["volume"] = ref.volume
    if ref.issue:
        want["number"] = ref.issue
    if ref.pages:
        first, _, last = ref.pages.replace("–", "-").replace("--", "-").partition("-")
        want["start_page"] = first
        if last:
            want["end_page"] = last
    if ref.location:
        want["place_published"] = ref.location
    serial = ref.number if ref.type is RefType.REPORT and ref.number else ref.isbn
    if serial:
        want["issn"] = serial  # rispy's name for SN
    notes = []
    if ref.title_translation:
        notes.append("English title: " + curly_quotes(ref.title_translation))
    if ref.archive_url:
        notes.append("Archived at " + ref.archive_url)
    if ref.note:
        notes.append(" ".join(ref.note.split()))
    if notes:
        want["notes"] = notes
    return want


def test_rispy_reads_every_field_back(source_project: Path) -> None:
    refs = Project.open(source_project).references
    parsed = rispy.loads(export(source_project, "ris"))
    assert len(parsed) == len(refs)
    for entry in parsed:
        ref = refs[entry["id"]]
        assert entry == expected_tags(ref), ref.key


def test_ris2xml_converts_every_reference(source_project: Path, tmp_path: Path) -> None:
    """bibutils reads the file as RIS: every reference, its title, names, link and key."""
    ris2xml = need("ris2xml")
    refs = Project.open(source_project).references
    ris = write(tmp_path / "refs.ris", export(source_project, "ris"))
    corporate = sorted(
        {n for ref in refs.values() for n in expected_tags(ref).get("authors", []) if "," not in n}
    )
    # bibutils 7.2 fails on its --corporation-file; --asis keeps those names whole just the same
    asis = write(tmp_path / "corporations.txt", "\n".join(corporate) + "\n")
    done = run([ris2xml, "-nt", "-nl", "-as", asis.name, ris.name], tmp_path)
    assert done.returncode == 0, done.stderr
    assert f"Processed {len(refs)} references" in done.stderr
    root = ET.fromstring(done.stdout.lstrip("\ufeff").encode())
    mods = root.findall("m:mods", MODS)
    assert sorted(m.get("ID") for m in mods) == sorted(refs)
    for record in mods:
        ref = refs[record.get("ID")]
        if ref.title:
            assert record.findtext("m:titleInfo/m:title", namespaces=MODS) == curly_quotes(ref.title)
        names = record.findall("m:name", MODS)
        if ref.authors:
            families = [n.findtext("m:namePart[@type='family']", namespaces=MODS) for n in names]
            assert families == [a.split(",")[0].strip() for a in ref.authors if a != "others"], ref.key
        elif expected_tags(ref).get("authors"):
            want = expected_tags(ref)["authors"]
            assert [[p.text for p in n.findall("m:namePart", MODS)] for n in names] == [want], ref.key
        if ref.url:
            assert ref.url in [u.text for u in record.iterfind(".//m:url", MODS)], ref.key
        if ref.date:
            # bibutils reads Y2 (Zotero's access date) as the end of a date range on some types
            issued = record.findtext(".//m:dateIssued", namespaces=MODS)
            assert issued in (ref.date, f"{ref.date}-{(ref.urldate or '').replace('-', '/')}"), ref.key
        if ref.doi:
            assert record.findtext("m:identifier[@type='doi']", namespaces=MODS) == ref.doi
