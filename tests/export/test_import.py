"""refs import: merging a BibTeX library, and the round trip through our own exports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ct_helpers import Cli
from export_tools import export, write

from claimtrack.project import Project

FORMATS = ["biblatex", "bibtex", "csl-json", "ris"]


def fresh(tmp_path: Path, name: str = "fresh") -> Path:
    root = tmp_path / name
    (root / "references").mkdir(parents=True)
    return root


def test_round_trip_export_import_export(source_project: Path, tmp_path: Path) -> None:
    """Export biblatex, import it into a fresh repository, export again: identical, in every format."""
    before = {fmt: export(source_project, fmt) for fmt in FORMATS}
    library = write(tmp_path / "library.bib", before["biblatex"])
    root = fresh(tmp_path)
    result = Cli(root)("refs", "import", str(library))
    count = len(Project.open(source_project).references)
    assert f"added {count} references to references/imported.bib" in result.stdout
    after = {fmt: export(root, fmt) for fmt in FORMATS}
    for fmt in FORMATS:
        assert after[fmt] == before[fmt], fmt


def test_duplicates_merge_by_doi_url_and_title(fixture_project: Path, tmp_path: Path) -> None:
    library = write(
        tmp_path / "mine.bib",
        r"""
@article{SushentsovNeklyudov2020,
  author = {Sushentsov, Andrey and Neklyudov, Nikita},
  title = {Whatever the Journal Called It},
  journal = {Caucasus Survey},
  year = {2020},
  doi = {https://doi.org/10.1080/23761199.2020.1759888},
  abstract = {An abstract claimtrack has no field for.},
}

@misc{kremlin,
  title = {Statement},
  howpublished = {\url{http://en.kremlin.ru/events/president/news/64384/}},
  note = {Accessed 2021-01-05},
}

@book{waltz,
  author = {Waltz, Kenneth},
  title = {Theory of international politics},
  year = {1979},
  publisher = {McGraw-Hill},
}

@book{new2021book,
  author = {M{\"u}ller, J{\"o}rg},
  title = {A New Book on the {South Caucasus}},
  year = {2021},
  month = mar,
  address = {Berlin},
  publisher = {De Gruyter},
}
""",
    )
    cli = Cli(fixture_project)
    out = json.loads(cli("refs", "import", str(library), "--format", "json").stdout)
    assert out["added"] == ["new2021book"]
    merged = {m["key"]: (m["into"], m["by"], m["filled"]) for m in out["merged"]}
    # the abstract is a biblatex field: nothing is dropped, the known source gains it
    assert merged["SushentsovNeklyudov2020"] == ("sushentsov2020caucasus", "DOI", ["abstract"])
    assert merged["kremlin"] == ("kremlinstatement", "URL", ["urldate", "note", "howpublished"])
    assert merged["waltz"][:2] == ("waltz1979theory", "title")
    assert out["dropped_fields"] == {} and out["extra_fields"] == {}
    project = Project.open(fixture_project)
    # the existing reference keeps its key and data, and gains only what it lacked
    assert project.references["kremlinstatement"].urldate == "2021-01-05"
    assert project.references["kremlinstatement"].title == "Statement by the President of Russia"
    assert project.references["waltz1979theory"].publisher == "Addison-Wesley"
    new = project.references["new2021book"]
    assert (new.authors, new.date, new.location, new.file) == (
        ["Müller, Jörg"], "2021-03", "Berlin", "references/imported.bib",
    )  # fmt: skip
    assert new.title == "A New Book on the South Caucasus"


def test_syntax_error_rejects_the_whole_file_with_line_and_key(fixture_project: Path, tmp_path: Path) -> None:
    """An unbalanced brace: biber and pandoc stop there too; nothing is imported (exit 2)."""
    library = write(
        tmp_path / "broken.bib",
        "@book{ok1,\n  title = {Good One},\n  year = {2001},\n}\n\n"
        "@article{broken,\n  title = {Unclosed,\n  year = {2002},\n}\n\n"
        "@book{ok2,\n  title = {Good Two},\n  year = {2003},\n}\n",
    )
    result = Cli(fixture_project)("refs", "import", str(library), code=2)
    assert f"{library}:6: entry broken: syntax error" in result.stderr and "Traceback" not in result.stderr
    assert "ok1" not in Project.open(fixture_project).references


def test_missing_comma_is_a_syntax_error_not_a_swallowed_field(fixture_project: Path, tmp_path: Path) -> None:
    library = write(tmp_path / "comma.bib", "@book{nocomma,\n  title = {A Title}\n  year = {2001},\n}\n")
    result = Cli(fixture_project)("refs", "import", str(library), code=2)
    assert f"{library}:2: entry nocomma: missing comma after field 'title'" in result.stderr


def test_one_bad_field_is_a_warning_that_drops_only_that_field(fixture_project: Path, tmp_path: Path) -> None:
    library = write(
        tmp_path / "fields.bib",
        "@book{baddate,\n  title = {Bad Date},\n  date = {2020-13-01},\n  publisher = {P},\n}\n\n"
        "@online{badmonth,\n  title = {Bad Month},\n  year = {2019},\n  month = {13},\n"
        "  urldate = {yesterday},\n  url = {https://example.org/x},\n}\n",
    )
    result = Cli(fixture_project)("refs", "import", str(library))
    assert (
        f"{library}:3: warning: entry baddate: field date dropped: not a date: '2020-13-01'" in result.stderr
    )
    assert f"{library}:10: warning: entry badmonth: field month dropped: not a month: '13'" in result.stderr
    assert f"{library}:11: warning: entry badmonth: field urldate dropped" in result.stderr
    refs = Project.open(fixture_project).references
    assert (refs["baddate"].date, refs["baddate"].publisher) == (None, "P")
    assert (refs["badmonth"].date, refs["badmonth"].url, refs["badmonth"].urldate) == (
        "2019", "https://example.org/x", None,
    )  # fmt: skip


def test_a_field_written_twice_keeps_the_first_and_warns(fixture_project: Path, tmp_path: Path) -> None:
    """As biber: a duplicated field is a warning on that entry, never the whole library refused."""
    library = write(
        tmp_path / "twice.bib",
        "@article{first,\n  title = {First},\n  year = {2001},\n}\n\n"
        "@article{twice,\n  title = {Kept},\n  title = {Dropped},\n  year = {2020},\n}\n",
    )
    result = Cli(fixture_project)("refs", "import", str(library))
    assert (
        f"{library}:6: warning: entry twice: field title written twice; the first value kept" in result.stderr
    )
    refs = Project.open(fixture_project).references
    assert (refs["twice"].title, refs["twice"].date) == ("Kept", "2020")
    assert refs["first"].title == "First"


def test_not_bibtex_is_an_error_not_zero_references(fixture_project: Path, tmp_path: Path) -> None:
    library = write(tmp_path / "notes.bib", "These are my notes, not a bibliography.\n")
    result = Cli(fixture_project)("refs", "import", str(library), code=2)
    assert "not a BibTeX file" in result.stderr


def test_taken_key_gets_a_new_one(fixture_project: Path, tmp_path: Path) -> None:
    library = write(tmp_path / "clash.bib", "@book{waltz1979theory,\n  author = {Other, Ann},\n"
                    "  title = {Another Book},\n  year = {1979},\n}\n")  # fmt: skip
    out = Cli(fixture_project)("refs", "import", str(library)).stdout
    assert "waltz1979theory: citekey taken by another source, imported as other1979another" in out
    refs = Project.open(fixture_project).references
    assert refs["waltz1979theory"].authors == ["Waltz, Kenneth N."]
    assert refs["other1979another"].title == "Another Book"


def test_dry_run_writes_nothing(fixture_project: Path, tmp_path: Path) -> None:
    library = write(tmp_path / "one.bib", "@book{x,\n  title = {Only a Test},\n  year = {2001},\n}\n")
    before = sorted(p.name for p in (fixture_project / "references").iterdir())
    out = Cli(fixture_project)("refs", "import", str(library), "--dry-run").stdout
    assert "would add 1 references" in out
    assert sorted(p.name for p in (fixture_project / "references").iterdir()) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty file"),
        (b"@book{x,\n title = {\xff}}\n", "not UTF-8"),
        (b"\x00\x01binary", "binary file"),
    ],
)
def test_unusable_library_is_one_line_error(
    fixture_project: Path, tmp_path: Path, content: bytes, message: str
):
    library = tmp_path / "bad.bib"
    library.write_bytes(content)
    result = Cli(fixture_project)("refs", "import", str(library), code=2)
    assert message in result.stderr and "Traceback" not in result.stderr
    assert str(library) in result.stderr


def test_missing_library(fixture_project: Path, tmp_path: Path) -> None:
    result = Cli(fixture_project)("refs", "import", str(tmp_path / "nope.bib"), code=2)
    assert "no such file" in result.stderr


def test_into_names_the_file_in_references(fixture_project: Path, tmp_path: Path) -> None:
    library = write(tmp_path / "one.bib", "@book{x,\n  title = {Only a Test},\n  year = {2001},\n}\n")
    cli = Cli(fixture_project)
    assert (
        "added 1 references to references/thesis.bib"
        in cli("refs", "import", str(library), "--into", "thesis.bib").stdout
    )
    assert Project.open(fixture_project).references["x"].file == "references/thesis.bib"
    result = cli("refs", "import", str(library), "--into", str(tmp_path / "elsewhere.bib"), code=2)
    assert "the target must be a file in references/" in result.stderr


def test_classic_bibtex_fields_are_understood(fixture_project: Path, tmp_path: Path) -> None:
    library = write(
        tmp_path / "classic.bib",
        r"""
@techreport{rand,
  author = {{RAND Corporation}},
  title = {A Study of the {Caucasus}},
  institution = {RAND},
  number = {RR-123},
  year = {n.d.},
  language = {English},
  url = {https://www.rand.org/pubs/RR123.html},
}

@inproceedings{conf,
  author = {Dupont, Jean and Smith, Anna},
  title = {Ceasefire talks},
  booktitle = {Proceedings of the Conference on Peace},
  date = {2019-05-01/2019-05-03},
  pages = {1--10},
}
""",
    )
    out = json.loads(Cli(fixture_project)("refs", "import", str(library), "--format", "json").stdout)
    assert out["skipped"] == [] and out["dropped_fields"] == {}
    refs = Project.open(fixture_project).references
    rand = refs["rand"]
    assert (rand.entry_type, rand.fields["type"], rand.fields["year"]) == ("report", "techreport", "n.d.")
    assert (rand.type.value, rand.organization, rand.container, rand.number, rand.date, rand.language) == (
        "report", "RAND Corporation", "RAND", "RR-123", None, "en",
    )  # fmt: skip
    conf = refs["conf"]
    assert (conf.authors, conf.container, conf.date, conf.pages) == (
        ["Dupont, Jean", "Smith, Anna"], "Proceedings of the Conference on Peace", "2019-05-01", "1–10",
    )  # fmt: skip
