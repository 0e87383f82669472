"""The reference model's readers and writers on libraries written in real exporters' conventions.

The fixtures follow what Better BibLaTeX (Zotero), BibDesk and Mendeley
write (extended name format, @string with #, crossref, their own fields);
each is checked against pandoc's and biber's reading of the same file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from export_tools import need, run

from claimtrack.bib import biblatex_write, bibtex_read, bibtex_write, csl, ris
from claimtrack.bib.names import format_name, parse_names
from claimtrack.model import Name

HERE = Path(__file__).resolve().parent
FIXTURES = sorted(HERE.glob("*.bib"))


def read(path: Path):
    return {ref.key: ref for ref in bibtex_read.read(path.read_text(encoding="utf-8"), path).references}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("{United Nations Department of Economic and Social Affairs}",
         Name(literal="United Nations Department of Economic and Social Affairs")),
        ("Steele, Jr., Guy L.", Name(family="Steele", given="Guy L.", suffix="Jr.")),
        ("family=Vries, given=Andrie, prefix=de, useprefix=true",
         Name(family="Vries", given="Andrie", prefix="de", useprefix=True)),
        ("Ludwig van Beethoven", Name(family="Beethoven", given="Ludwig", prefix="van")),
        ("{van Greunen}, J", Name(family="van Greunen", given="J")),
        ("D{\\\"o}rner, Ralf", Name(family="Dörner", given="Ralf")),
    ],
)  # fmt: skip
def test_names_split_into_parts_and_back(raw: str, expected: Name) -> None:
    [name] = parse_names(raw)
    assert name == expected
    assert parse_names(format_name(name)) == [name]


def test_better_biblatex_library_reads_every_field() -> None:
    refs = read(HERE / "betterbiblatex.bib")
    vries = refs["vries2019particles"]
    assert [n.display for n in vries.names["author"]] == [
        "de Vries, Andrie", "Steele, Guy L.", "United Nations Department of Economic and Social Affairs",
    ]  # fmt: skip
    assert (
        vries.authors[2] == "United Nations Department of Economic and Social Affairs"
    )  # never split at "and"
    assert (vries.entry_type, vries.container, vries.issue, vries.date, vries.urldate) == (
        "article", "Journal of Onomastics", "3", "2019-05", "2020-01-05",
    )  # fmt: skip
    assert (
        vries.fields["shorttitle"] == "Particles in Names" and vries.fields["keywords"] == "names,particles"
    )
    knuth = refs["knuth1984literate"]
    assert knuth.container == "Proceedings of the Symposium on TeX and LaTeX Typesetting"
    assert knuth.publisher == "Deutscher Taschenbuch-Verlag and Walter de Gruyter"  # @string # @string
    assert (knuth.date, knuth.fields["date"], knuth.fields["series"]) == (
        "1984",
        "1984/1985",
        "Lecture Notes in Typography",
    )
    assert [n.family for n in knuth.names["editor"]] == ["Beeton", "Whitney"]
    site = refs["site2021"]
    assert (site.container, site.container_field, site.organization) == (
        "Crisis Monitor",
        "journaltitle",
        "Crisis Monitoring Unit",
    )
    assert (site.date, site.fields["date"]) == ("2021-03-04", "2021-03-04T10:15:00Z")
    thesis = refs["okafor2018thesis"]
    assert (thesis.fields["subtitle"], thesis.fields["type"], thesis.fields["date"]) == (
        "Law and Practice in the Niger Delta", "phdthesis", "2018~",
    )  # fmt: skip


def test_bibdesk_crossref_strings_and_own_fields() -> None:
    refs = read(HERE / "bibdesk.bib")
    hall = refs["hall2004causation"]
    # crossref resolved as biber does: the book's title becomes the chapter's booktitle
    assert (hall.container, hall.publisher, hall.location, hall.date) == (
        "Causation and Counterfactuals", "University of Chicago Press", "Chicago", "2004-10",
    )  # fmt: skip
    assert [n.family for n in hall.names["editor"]] == ["Collins", "Hall", "Paul"]
    assert hall.fields["crossref"] == "collins2004counterfactuals"
    # BibDesk's and the user's own fields: kept verbatim
    assert hall.extra == {"date-added": "2019-04-15 15:21:27 +0000", "date-modified": "2019-05-15 14:14:57 +0000",
                          "jlprojects": "causation, metaphysics"}  # fmt: skip
    lewis = refs["lewis1967thesis"]
    assert (lewis.entry_type, lewis.fields["type"], lewis.fields["institution"]) == (
        "thesis", "phdthesis", "Harvard University",
    )  # fmt: skip
    assert (refs["rand2001"].entry_type, refs["rand2001"].organization) == ("report", "RAND Corporation")


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_round_trip_is_byte_identical(path: Path) -> None:
    first = biblatex_write.dumps(bibtex_read.read(path.read_text(encoding="utf-8"), path).references)
    second = biblatex_write.dumps(bibtex_read.read(first, path).references)
    assert second == first
    assert "date-added = {2019-04-15 15:21:27 +0000}" in first or path.stem != "bibdesk"


def _their(path: Path) -> dict[str, dict]:
    done = run([need("pandoc"), "-f", "biblatex", path.name, "-t", "csljson"], path.parent)
    assert done.returncode == 0, done.stderr
    return {item["id"]: item for item in json.loads(done.stdout)}


def _norm(value) -> object:
    if isinstance(value, str):
        # markup, quotation marks and dashes are the processor's to choose; CSL titles are sentence case
        return " ".join(re.sub(r"<[^>]+>|[“”\"‘’']", "", value).replace("–", "-").casefold().split())
    return value


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_fields_agree_with_pandoc(path: Path) -> None:
    """Our CSL-JSON of each entry against pandoc's reading of the same file, field by field."""
    theirs = _their(path)
    ours = {ref.key: csl.item(ref) for ref in read(path).values()}
    compared = 0
    for key, their in theirs.items():
        mine = ours[key]
        for field in ("title", "container-title", "publisher", "publisher-place", "collection-title", "edition",
                      "volume", "page", "DOI", "URL", "issued", "author", "editor"):  # fmt: skip
            if field in their:
                compared += 1
                assert _norm(mine.get(field)) == _norm(their[field]), (key, field)
        if their.get("type"):  # pandoc leaves @misc without a CSL type
            assert mine["type"] == their["type"], key
    assert compared > 10


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_biber_warns_about_our_export_no_more_than_the_original(path: Path, tmp_path: Path) -> None:
    biber = need("biber")

    def warnings(name: str, text: str) -> set[str]:
        (tmp_path / name).write_text(text, encoding="utf-8")
        done = run([biber, "--tool", "--validate-datamodel", "--output-file", f"out-{name}", name], tmp_path)
        assert done.returncode == 0, done.stdout
        return {
            re.sub(r"\(\S+\)", "", ln) for ln in done.stdout.splitlines() if ln.startswith(("WARN", "ERROR"))
        }

    original = warnings("original.bib", path.read_text(encoding="utf-8"))
    export = biblatex_write.dumps(read(path).values())
    assert warnings("export.bib", export) <= original


def test_bibtex_export_has_classic_types_and_runs_clean(tmp_path: Path) -> None:
    bibtex = need("bibtex")
    refs = [ref for path in FIXTURES for ref in read(path).values()]
    text = bibtex_write.dumps(refs)
    types = dict(re.findall(r"^@(\w+)\{([^,]+),", text, re.M)[::-1])
    found = {key: kind for kind, key in re.findall(r"^@(\w+)\{([^,]+),", text, re.M)}
    assert (found["knuth1984literate"], found["lewis1967thesis"], found["hall2004causation"],
            found["rand2001"], found["okafor2018thesis"]) == (
        "inproceedings", "phdthesis", "incollection", "techreport", "phdthesis")  # fmt: skip
    assert types
    (tmp_path / "refs.bib").write_text(text, encoding="utf-8")
    keys = "".join(f"\\citation{{{key}}}\n" for key in found)
    (tmp_path / "doc.aux").write_text(
        f"\\relax\n\\bibstyle{{plain}}\n\\bibdata{{refs}}\n{keys}", encoding="utf-8"
    )
    done = run([bibtex, "doc"], tmp_path)
    assert done.returncode < 2 and "error message" not in done.stdout, done.stdout
    assert "Too many commas" not in done.stdout


def test_csl_json_and_yaml_from_pandoc_import(tmp_path: Path) -> None:
    pandoc = need("pandoc")
    path = HERE / "betterbiblatex.bib"
    as_json = run([pandoc, "-f", "biblatex", str(path), "-t", "csljson"], tmp_path).stdout
    refs, problems = csl.read(as_json, tmp_path / "lib.json")
    by_key = {ref.key: ref for ref in refs}
    assert problems == []
    knuth = by_key["knuth1984literate"]
    assert (knuth.entry_type, knuth.container.casefold()) == (
        "inproceedings", "proceedings of the symposium on tex and latex typesetting",
    )  # fmt: skip
    assert by_key["vries2019particles"].names["author"][0] == Name(
        family="Vries", given="Andrie", prefix="de", useprefix=True
    )
    as_yaml = run([pandoc, "-f", "biblatex", str(path), "-t", "markdown", "-s"], tmp_path).stdout
    yaml_refs, _ = csl.read(as_yaml.split("\n---")[0].lstrip("-\n"), tmp_path / "lib.yaml", yaml=True)
    assert {ref.key for ref in yaml_refs} == set(by_key)
    assert {ref.key: ref.date for ref in yaml_refs} == {ref.key: ref.date for ref in refs}


def test_ris_export_reads_back(tmp_path: Path) -> None:
    refs = list(read(HERE / "betterbiblatex.bib").values())
    text = ris.dumps(refs)
    back = {ref.key: ref for ref in ris.read(text, tmp_path / "lib.ris")[0]}
    for ref in refs:
        again = back[ref.key]
        assert (again.title is not None, again.date, again.doi, again.url) == (
            True,
            ref.date,
            ref.doi,
            ref.url,
        )
    assert back["vries2019particles"].container == "Journal of Onomastics"
    assert back["knuth1984literate"].entry_type == "inproceedings"
