"""Classic BibTeX export: what old styles can print, and bibtex's verdict."""

from __future__ import annotations

import re
from pathlib import Path

from export_tools import export, need, run, write


def run_bibtex(tmp_path: Path, bib_text: str, style: str = "plain"):
    bibtex = need("bibtex")
    write(tmp_path / "refs.bib", bib_text)
    write(tmp_path / "paper.aux", f"\\relax\n\\citation{{*}}\n\\bibstyle{{{style}}}\n\\bibdata{{refs}}\n")
    return run([bibtex, "paper"], tmp_path)


def test_web_pages_are_misc_with_url_and_access_date(fixture_project: Path) -> None:
    out = export(fixture_project, "bibtex")
    entry = re.search(r"@misc\{naumkin2020ogon,\n(.*?)\n\}", out, re.S).group(1)
    assert (
        "howpublished = {\\url{https://valdaiclub.com/a/highlights/ogon_konflikta/?x=1&y=50\\%25\\#part-2}}"
        in entry
    )
    assert "Accessed 2020-11-06" in entry
    assert "year         = {2020}" in entry and "month        = oct," in entry
    assert "[The fire of the {Armenian}-{Azerbaijani} conflict]" in entry


def test_classic_types_when_their_fields_are_there(fixture_project: Path) -> None:
    out = export(fixture_project, "bibtex")
    assert "@article{sushentsov2020caucasus," in out
    assert "@book{waltz1979theory," in out
    assert "@techreport{flanagan2013turkey," in out
    assert "@article{mcguinness2020war," in out
    # no year: @misc, so plain does not warn about an empty year
    assert "@misc{kremlinstatement," in out


def test_bibtex_plain_processes_without_warnings(source_project: Path, tmp_path: Path) -> None:
    done = run_bibtex(tmp_path, export(source_project, "bibtex"))
    log = (tmp_path / "paper.blg").read_text(errors="replace")
    assert done.returncode == 0, done.stdout + log
    assert "Warning--" not in done.stdout + log, done.stdout
    assert "error message" not in done.stdout, done.stdout
    bbl = (tmp_path / "paper.bbl").read_text()
    keys = re.findall(r"^@\w+\{([^,]+),", (tmp_path / "refs.bib").read_text(), re.M)
    assert sorted(re.findall(r"\\bibitem\{([^}]+)\}", bbl)) == sorted(keys)
    assert "\\url{" in bbl


def test_bibtex_reports_a_real_problem(tmp_path: Path) -> None:
    """The check above can fail: an @article without a year draws plain's warning."""
    done = run_bibtex(tmp_path, "@article{x,\n  author = {A, B},\n  title = {T},\n  journal = {J},\n}\n")
    assert "Warning--empty year in x" in done.stdout
