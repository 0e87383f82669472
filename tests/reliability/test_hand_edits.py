"""What a person corrects in claims/*.yaml survives re-ingest: references, section, review, comments."""

from __future__ import annotations

import json

from ct_helpers import write_report

REPORT = """
# R

## Exports

Turkey sold $123 million of weapons to Baku in 2020.[^1] Iran welcomed the deal on November 10, 2020.[^2]

Russia delivered 40 percent of the region's arms in 2019.[^3] Exports fell by 12 percent in 2021.

[^1]: *Exports peak.* URL: <https://example.org/exports>
[^2]: *Iran welcomes deal.* URL: <https://example.org/iran>
[^3]: *SIPRI arms transfers.* URL: <https://example.org/sipri>
"""


def by_text(cli) -> dict[str, dict]:
    return {c["text"]: c for c in json.loads(cli("claims", "list", "--format", "json").stdout)}


def keys(cli) -> dict[str, str]:
    return {
        r["url"].rsplit("/", 1)[1]: r["key"]
        for r in json.loads(cli("refs", "list", "--format", "json").stdout)
    }


def hand_edit(project, cli):
    """A person adds a source to a claim, drops a wrong one, corrects a section, comments and reviews."""
    key = keys(cli)
    records = project / "claims" / "r.yaml"
    text = records.read_text("utf-8")
    # "Exports fell" is uncited in the report; the editor knows the SIPRI data supports it
    block = text[text.rindex("- id:", 0, text.index("text: Exports fell")) :]
    edited_block = block.replace("references: []", f"references:\n  - {key['sipri']}", 1)
    edited_block = edited_block.replace("section: Exports", "section: Exports (2021 outlook)", 1)
    text = text.replace(block, edited_block)
    # the weapons sale rests on the Iran article too: the editor adds it to that claim
    head, claims = text.split("\nclaims:\n")
    claims = claims.replace(
        f"  references:\n  - {key['exports']}\n",
        f"  references:\n  - {key['exports']}\n  - {key['iran']}\n",
        1,
    )
    text = head + "\nclaims:\n" + claims
    text = text.replace("report: r\n", "report: r  # checked against the PDF, 2026-11-20\n", 1)
    text = text.replace(
        "footnotes:\n- label: '1'",
        "footnotes:\n# footnote 1 was re-typed from the print edition\n- label: '1'",
        1,
    )
    text = text.replace("status: unreviewed", "status: verified", 1)
    records.write_text(text, "utf-8")
    return records


def test_hand_edits_and_comments_survive_an_unchanged_report(project, cli):
    write_report(project, "r.md", REPORT)
    cli("ingest")
    records = hand_edit(project, cli)
    before = records.read_bytes()
    out = cli("ingest").stdout
    assert "unchanged" in out and "changed" not in out.replace("unchanged", "")
    assert records.read_bytes() == before  # comments and all, byte for byte


def test_hand_edits_survive_a_changed_report(project, cli):
    path = write_report(project, "r.md", REPORT)
    cli("ingest")
    key = keys(cli)
    records = hand_edit(project, cli)
    # the report changes elsewhere: a new paragraph, and a sentence lightly reworded
    path.write_text(
        path.read_text()
        .replace("## Exports\n", "## Exports\n\nA new opening says 7 percent of sales went abroad in 2022.\n")
        .replace("Russia delivered 40 percent", "Russia delivered about 40 percent")
    )
    out = cli("ingest").stdout
    assert "+1 claims" in out
    claims = by_text(cli)
    assert claims["Exports fell by 12 percent in 2021."]["references"] == [key["sipri"]]
    assert claims["Exports fell by 12 percent in 2021."]["section"] == "Exports (2021 outlook)"
    weapons = claims["Turkey sold $123 million of weapons to Baku in 2020."]
    assert weapons["references"] == [key["exports"], key["iran"]] and weapons["review"] == "verified"
    assert claims["Russia delivered about 40 percent of the region's arms in 2019."]["references"] == [
        key["sipri"]
    ]
    text = records.read_text("utf-8")
    assert "report: r  # checked against the PDF, 2026-11-20" in text
    assert "# footnote 1 was re-typed from the print edition\n- label: '1'" in text


def test_a_source_removed_by_hand_stays_removed_while_the_report_changes(project, cli):
    path = write_report(project, "r.md", REPORT)
    cli("ingest")
    key = keys(cli)
    records = project / "claims" / "r.yaml"
    text = records.read_text("utf-8")
    head, claims = text.split("\nclaims:\n")
    claims = claims.replace(f"  references:\n  - {key['iran']}\n", "  references: []\n", 1)
    records.write_text(head + "\nclaims:\n" + claims, "utf-8")
    path.write_text(
        path.read_text().replace("## Exports\n", "## Exports\n\nIn 2022, 7 percent went abroad.\n")
    )
    cli("ingest")
    assert by_text(cli)["Iran welcomed the deal on November 10, 2020."]["references"] == []


def test_without_hand_edits_the_report_wins(project, cli):
    path = write_report(project, "r.md", REPORT)
    cli("ingest")
    path.write_text(path.read_text().replace("## Exports", "## Arms exports").replace("[^1] Iran", " Iran"))
    cli("ingest")
    claims = by_text(cli)
    assert {c["section"] for c in claims.values()} == {"Arms exports"}
    assert claims["Turkey sold $123 million of weapons to Baku in 2020."]["references"] == []
