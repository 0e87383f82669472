"""Comment-keeping rewrites of claims YAML: the records exactly as a plain dump, plus the comments."""

from __future__ import annotations

from ct_helpers import REPO

from claimtrack import claimstore


def _strip_comments(text: str) -> str:
    lines = []
    for line in text.split("\n"):
        if (
            line.lstrip().startswith("#")
            and not line.startswith("# claimtrack records")
            and not line.startswith(("# Written by", "# re-ingesting"))
        ):
            continue
        lines.append(line.split("  # ")[0])
    return "\n".join(lines)


def test_merged_records_equal_a_plain_dump_and_keep_comments(tmp_path):
    source = REPO / "claims" / "004_7e88fde1e0fb7812.yaml"
    original = claimstore.read(source)
    path = tmp_path / "r.yaml"
    text = claimstore.dumps(original)
    text = text.replace("  review:\n", "  # the editor's note\n  review:\n", 1)
    text = text.replace("\nclaims:\n", "\nclaims:  # claims follow\n", 1)
    path.write_text(text, "utf-8")
    changed = original.model_copy(deep=True)
    del changed.claims[5]
    changed.claims[0].review.note = "it's 'quoted' and: colon"
    changed.claims[1].section = "A new section: with a colon"
    changed.footnotes[2].text = "Line one\nline two"
    changed.claims.append(changed.claims[3].model_copy(update={"id": "cnew0000001", "text": "2020-11-10"}))
    merged = claimstore.dumps_over(path, changed)
    assert "  # the editor's note\n  review:\n" in merged and "claims:  # claims follow" in merged
    assert _strip_comments(merged) == claimstore.dumps(changed)
    assert claimstore.parse(merged, path) == changed
    # records unchanged: the file stays as the person left it
    assert claimstore.dumps_over(path, original) == text
