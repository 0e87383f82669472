"""CSL-JSON export: valid against the official schema, with the fields CSL processors read."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from export_tools import export

SCHEMA = json.loads((Path(__file__).parent / "csl-data.json").read_text(encoding="utf-8"))


def items(root: Path) -> dict[str, dict]:
    return {item["id"]: item for item in json.loads(export(root, "csl-json"))}


def test_valid_against_the_csl_schema(source_project: Path) -> None:
    data = json.loads(export(source_project, "csl-json"))
    jsonschema.validate(data, SCHEMA)
    assert data


@pytest.mark.parametrize(
    "bad",
    [
        {"id": "x", "type": "online"},  # a biblatex type, not a CSL one
        {"id": "x", "type": "webpage", "site": "BBC"},  # extra data must go under custom
        {"id": "x", "type": "webpage", "author": [{"name": "Smith"}]},
    ],
)
def test_the_schema_check_can_fail(bad: dict) -> None:
    """What the schema rejects, so passing it means something."""
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([bad], SCHEMA)


def test_types_containers_dates_language(fixture_project: Path) -> None:
    data = items(fixture_project)
    assert {item["type"] for item in data.values()} == {
        "webpage", "article-newspaper", "article-journal", "book", "report",
    }  # fmt: skip
    web = data["naumkin2020ogon"]
    assert web["container-title"] == "Valdai Discussion Club"
    assert web["issued"] == {"date-parts": [[2020, 10, 7]]}
    assert web["accessed"] == {"date-parts": [[2020, 11, 6]]}
    assert web["language"] == "ru"
    assert web["author"] == [{"family": "Naumkin", "given": "Vitaly"}, {"family": "Şahin", "given": "Ayşe"}]
    assert web["URL"] == "https://valdaiclub.com/a/highlights/ogon_konflikta/?x=1&y=50%25#part-2"
    assert web["custom"]["title-translation"] == "The fire of the Armenian-Azerbaijani conflict"
    assert data["guardian2020syrian"]["issued"] == {"date-parts": [[2020, 9]]}
    assert data["guardian2020syrian"]["container-title"] == "The Guardian"
    assert "issued" not in data["kremlinstatement"]
    journal = data["sushentsov2020caucasus"]
    assert (journal["volume"], journal["issue"], journal["page"]) == ("8", "2", "127–141")
    assert journal["DOI"] == "10.1080/23761199.2020.1759888"
    report = data["crisisgroup2020improving"]
    assert report["author"] == [{"literal": "International Crisis Group"}]
    assert report["number"] == "264"
    book = data["waltz1979theory"]
    assert (book["publisher"], book["publisher-place"], book["ISBN"]) == (
        "Addison-Wesley", "Reading, MA", "978-0-07-554852-2",
    )  # fmt: skip
    assert data["haberturk2020karabag"]["custom"]["archive-url"].startswith("https://web.archive.org/")
