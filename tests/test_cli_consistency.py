"""One behaviour across commands: output files, style paths, counts, the JSON of claims."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ct_helpers import Cli


@pytest.mark.parametrize(
    "args",
    [
        ("export",),
        ("audit", "--format", "json"),
        ("xref", "--format", "html"),
        ("view", "004"),
    ],
)
def test_output_into_a_missing_folder_is_an_error(bundled: Path, args: tuple[str, ...]) -> None:
    target = bundled / "no" / "such" / "dir" / "out.txt"
    result = Cli(bundled)(*args, "-o", str(target), code=2)
    assert f"no such directory: {target.parent}" in result.stderr
    assert not (bundled / "no").exists()  # nothing created


def test_style_path_that_does_not_exist(bundled: Path) -> None:
    result = Cli(bundled)("export", "--format", "text", "--style", str(bundled / "nope.csl"), code=2)
    assert "nope.csl: no such file" in result.stderr
    assert "unknown CSL style" not in result.stderr


def test_claims_json_says_which_are_detached(bundled: Path) -> None:
    claims = json.loads(Cli(bundled)("claims", "list", "--format", "json").stdout)
    assert all(c["detached"] is False for c in claims)


def test_audit_counts_every_claim_as_claims_list_does(bundled: Path) -> None:
    cli = Cli(bundled)
    claims = json.loads(cli("claims", "list", "--format", "json").stdout)
    audit = json.loads(cli("audit", "--format", "json", code=None).stdout)
    for row in audit["coverage"]:
        if row["section"] is None:
            mine = [c for c in claims if c["report"] == row["report"] and not c["detached"]]
            assert row["claims"] == len(mine)
            assert row["claims"] == row["cited"] + row["uncited"] + row["exempt"]
            assert row["factual"] == row["cited"] + row["uncited"]
