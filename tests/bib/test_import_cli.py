"""``refs import`` from the command line: keys, formats, and what it says it did."""

from __future__ import annotations

import json
import re
from pathlib import Path

from ct_helpers import Cli

from claimtrack.project import Project


def project(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    (root / "references").mkdir(parents=True)
    (root / "claims").mkdir()
    return root


def test_unparseable_key_is_skipped_then_fixed_with_fix_keys(tmp_path: Path) -> None:
    library = tmp_path / "keys.bib"
    library.write_text(
        "@article{ChrisChambersReviewers'Update2014,\n  author = {Chambers, Chris},\n"
        "  title = {Reviewers' Update},\n  journaltitle = {Cortex},\n  date = {2014},\n}\n\n"
        "@book{Good2001,\n  title = {Fine},\n  date = {2001},\n}\n",
        encoding="utf-8",
    )
    root = project(tmp_path)
    result = Cli(root)("refs", "import", str(library), code=1)
    assert f"{library}:1: skipped: entry ChrisChambersReviewers'Update2014: citekey" in result.stderr
    assert "--fix-keys" in result.stderr
    assert set(Project.open(root).references) == {"Good2001"}
    result = Cli(root)("refs", "import", str(library), "--fix-keys")
    assert (
        "ChrisChambersReviewers'Update2014: citekey biber or pandoc cannot parse, imported as chambers2014reviewers"
        in result.stdout
    )
    fixed = Project.open(root).references["chambers2014reviewers"]
    assert fixed.extra["oldkey"] == "ChrisChambersReviewers'Update2014"


def test_case_only_key_clash_is_reported(tmp_path: Path) -> None:
    library = tmp_path / "case.bib"
    library.write_text("@book{Smith2020,\n  title = {One Book},\n  date = {2020},\n}\n\n"
                       "@book{smith2020,\n  title = {Another Book},\n  date = {2020},\n}\n", encoding="utf-8")  # fmt: skip
    result = Cli(project(tmp_path))("refs", "import", str(library))
    assert "citekeys differ only in case" in result.stderr and "Smith2020, smith2020" in result.stderr


def test_fields_kept_verbatim_are_named(tmp_path: Path) -> None:
    library = tmp_path / "zotero.bib"
    library.write_text("@book{a2020,\n  title = {A Title},\n  date = {2020},\n  mendeley-tags = {x},\n"
                       "  date-added = {2020-01-01},\n}\n", encoding="utf-8")  # fmt: skip
    root = project(tmp_path)
    out = Cli(root)("refs", "import", str(library)).stdout
    assert "kept verbatim, outside biblatex's data model: date-added (1), mendeley-tags (1)" in out
    stored = (root / "references" / "imported.bib").read_text(encoding="utf-8")
    assert "mendeley-tags = {x}" in stored and "date-added = {2020-01-01}" in stored


def test_ris_and_csl_json_import(tmp_path: Path) -> None:
    root = project(tmp_path)
    ris = tmp_path / "zotero.ris"
    ris.write_text("TY  - JOUR\nAU  - Okafor, Chiamaka\nTI  - Water Rights in the Delta\nT2  - Journal of Law\n"
                   "PY  - 2018\nDA  - 2018/05/02\nVL  - 4\nIS  - 2\nSP  - 10\nEP  - 25\nDO  - 10.1000/jl.4.2\n"
                   "ER  - \n", encoding="utf-8")  # fmt: skip
    out = json.loads(Cli(root)("refs", "import", str(ris), "--format", "json").stdout)
    assert out["format"] == "ris" and out["added"] == ["okafor2018water"]
    ref = Project.open(root).references["okafor2018water"]
    assert (ref.type.value, ref.container, ref.date, ref.issue, ref.pages) == (
        "article-journal", "Journal of Law", "2018-05-02", "2", "10–25",
    )  # fmt: skip
    csl = tmp_path / "lib.json"
    csl.write_text(json.dumps([{"id": "okafor2018water", "type": "article-journal", "title": "Water Rights in the Delta",
                                "DOI": "10.1000/JL.4.2", "abstract": "An abstract."},
                               {"id": "paper2019", "type": "paper-conference", "title": "A Paper",
                                "container-title": "Proceedings", "issued": {"date-parts": [[2019, 6]]}}]))  # fmt: skip
    out = json.loads(Cli(root)("refs", "import", str(csl), "--format", "json").stdout)
    assert out["merged"][0]["into"] == "okafor2018water" and out["merged"][0]["by"] == "DOI"
    assert out["added"] == ["paper2019"]
    paper = Project.open(root).references["paper2019"]
    assert (paper.entry_type, paper.container, paper.date) == ("inproceedings", "Proceedings", "2019-06")


def test_malformed_csl_json_names_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('[\n  {"id": "x",\n   "type": "book"\n  ,,\n]\n', encoding="utf-8")
    result = Cli(project(tmp_path))("refs", "import", str(bad), code=2)
    assert f"{bad}:4: malformed JSON" in result.stderr


def test_refs_list_json_keeps_its_contract_and_adds_fields(tmp_path: Path) -> None:
    library = tmp_path / "lib.bib"
    library.write_text("@incollection{hall2004,\n  author = {Hall, Ned and van Fraassen, Bas C.},\n"
                       "  title = {Two Concepts},\n  booktitle = {Causation},\n  editor = {Collins, John},\n"
                       "  date = {2004},\n}\n", encoding="utf-8")  # fmt: skip
    root = project(tmp_path)
    Cli(root)("refs", "import", str(library))
    [row] = json.loads(Cli(root)("refs", "list", "--format", "json").stdout)
    assert (row["key"], row["type"], row["title"], row["url"]) == (
        "hall2004",
        "article-journal",
        "Two Concepts",
        None,
    )
    assert row["authors"] == ["Hall, Ned", "van Fraassen, Bas C."] and row["container"] == "Causation"
    assert row["entry_type"] == "incollection"
    assert row["names"]["editor"] == [{"family": "Collins", "given": "John", "prefix": None, "suffix": None,
                                       "literal": None, "useprefix": None}]  # fmt: skip


def test_round_trip_through_the_project_is_byte_identical(tmp_path: Path) -> None:
    """refs import -> references/*.bib -> export biblatex -> import elsewhere -> export: the same bytes."""
    first_root, second_root = project(tmp_path / "a"), project(tmp_path / "b")
    for path in sorted(Path(__file__).resolve().parent.glob("*.bib")):
        Cli(first_root)("refs", "import", str(path))
    first = Cli(first_root)("export", "--format", "biblatex").stdout
    exported = tmp_path / "export.bib"
    exported.write_text(first, encoding="utf-8")
    Cli(second_root)("refs", "import", str(exported))
    assert Cli(second_root)("export", "--format", "biblatex").stdout == first
    assert "@inproceedings{knuth1984literate," in first
    assert re.search(r"jlprojects +=  ?\{causation, metaphysics\}", first)
