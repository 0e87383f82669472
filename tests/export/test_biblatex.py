"""biblatex export: the fields a LaTeX user relies on, and biber's verdict."""

from __future__ import annotations

import re
from pathlib import Path

from export_tools import export, need, run, write


def entry(text: str, key: str) -> str:
    match = re.search(r"@\w+\{" + re.escape(key) + r",\n(.*?)\n\}", text, re.S)
    assert match, f"no entry {key}"
    return match.group(0)


def field(text: str, key: str, name: str) -> str | None:
    match = re.search(r"^  " + name + r"\s+= \{(.*)\},$", entry(text, key), re.M)
    return match.group(1) if match else None


def test_types_and_subtypes(fixture_project: Path) -> None:
    out = export(fixture_project, "biblatex")
    assert entry(out, "naumkin2020ogon").startswith("@online{")
    assert entry(out, "guardian2020syrian").startswith("@article{")
    assert field(out, "guardian2020syrian", "entrysubtype") == "newspaper"
    assert field(out, "sushentsov2020caucasus", "entrysubtype") is None
    assert entry(out, "waltz1979theory").startswith("@book{")
    assert entry(out, "crisisgroup2020improving").startswith("@report{")


def test_url_is_raw_and_everything_else_escaped(fixture_project: Path) -> None:
    out = export(fixture_project, "biblatex")
    assert field(out, "naumkin2020ogon", "url") == (
        "https://valdaiclub.com/a/highlights/ogon_konflikta/?x=1&y=50%25#part-2"
    )
    title = field(out, "guardian2020syrian", "title")
    assert r"\&" in title and r"100\%" in title
    assert field(out, "crisisgroup2020improving", "note") == r"Published in Brussels\_and online"


def test_dates_only_as_precise_as_known(fixture_project: Path) -> None:
    out = export(fixture_project, "biblatex")
    assert field(out, "guardian2020syrian", "date") == "2020-09"
    assert field(out, "sushentsov2020caucasus", "date") == "2020"
    assert field(out, "naumkin2020ogon", "urldate") == "2020-11-06"
    assert field(out, "kremlinstatement", "date") is None  # unknown: never invented


def test_names_language_translation_archive(fixture_project: Path) -> None:
    out = export(fixture_project, "biblatex")
    assert field(out, "naumkin2020ogon", "author") == "Naumkin, Vitaly and Şahin, Ayşe"
    assert field(out, "crisisgroup2020improving", "author") == "{International Crisis Group}"
    # a list field holding " and " is one item
    assert (
        field(out, "flanagan2013turkey", "institution") == "{Center for Strategic and International Studies}"
    )
    assert field(out, "naumkin2020ogon", "langid") == "russian"
    assert field(out, "haberturk2020karabag", "langid") == "turkish"
    assert (
        field(out, "naumkin2020ogon", "titleaddon") == "[The fire of the {Armenian}-{Azerbaijani} conflict]"
    )
    assert field(out, "haberturk2020karabag", "addendum") == (
        r"Archived at \url{https://web.archive.org/web/20201110000000/https://www.haberturk.com/"
        r"karabag-son-durum-2871234}"
    )
    assert field(out, "sushentsov2020caucasus", "pages") == "127--141"
    assert field(out, "sushentsov2020caucasus", "number") == "2"


def test_biber_validates_the_datamodel(source_project: Path, tmp_path: Path) -> None:
    """biber --tool --validate-datamodel: no warning but a missing date where none is known."""
    biber = need("biber")
    bib = write(tmp_path / "export.bib", export(source_project, "biblatex"))
    done = run([biber, "--tool", "--validate-datamodel", "--output-file", "checked.bib", bib.name], tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    warnings = [line for line in done.stdout.splitlines() if line.startswith(("WARN", "ERROR"))]
    undated = {m.group(1) for m in re.finditer(r"@\w+\{([^,]+),\n(?:(?!  date ).*\n)*?\}", bib.read_text())}
    for line in warnings:
        match = re.search(r"Entry '([^']+)'.*Missing mandatory field - one of 'date, year'", line)
        assert match and match.group(1) in undated, line
    count = re.search(r"WARNINGS: (\d+)", done.stdout)
    assert (int(count.group(1)) if count else 0) == len(warnings)  # biber's own count: nothing missed


def test_report_fields_are_never_doubled(tmp_path: Path) -> None:
    """A report with authors, a body they wrote for and a publisher: one institution, biber content."""
    from claimtrack.export import biblatex
    from claimtrack.model import Reference

    ref = Reference(key="r", type="report", title="T", authors=["A, B"], organization="Org",
                    publisher="Pub", date="2020", number="7")  # fmt: skip
    text = biblatex.entry(ref)
    assert text.count("institution") == 1 and "institution = {Pub}" in text
    biber = need("biber")
    write(tmp_path / "r.bib", text)
    done = run([biber, "--tool", "--validate-datamodel", "--output-file", "out.bib", "r.bib"], tmp_path)
    assert "WARN" not in done.stdout, done.stdout
