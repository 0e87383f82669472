"""Ingest of Markdown reports with pandoc/GitHub footnotes."""

from __future__ import annotations

import json

from ct_helpers import write_report

REPORT = """
---
title: Gas Markets
author: [Jane Analyst, John Writer]
date: 2021-03-04
---

## Supply

In 2019, Azerbaijan was the second largest gas supplier to Turkey (21.2 percent).[^gas] Baku took the
lead with 33.2 percent in 2020.[^2]

[^gas]: Official statistics of Turkey's Energy Market Regulatory Authority. URL: <https://www.epdk.gov.tr/report>

    A second paragraph of the same footnote, with *Another source*. URL: <https://example.org/b>

[^2]: Smith J. *Gas in Turkey*. Energy Journal, p. 7, 2020.

Later text without sources in the year 2020, when 5 percent more gas arrived.
"""


def test_pandoc_footnotes_with_indented_continuation(project, cli):
    write_report(project, "gas.md", REPORT)
    cli("ingest", str(project / "reports"))
    claims = json.loads(cli("claims", "list", "--format", "json").stdout)
    first, second, third = claims
    assert first["footnotes"] == ["gas"] and len(first["references"]) == 2
    assert first["text"].endswith("(21.2 percent).")
    assert second["text"] == "Baku took the lead with 33.2 percent in 2020."
    assert second["footnotes"] == ["2"] and first["section"] == "Supply"
    assert third["footnotes"] == [] and third["references"] == []
    refs = {r["key"]: r for r in json.loads(cli("refs", "list", "--format", "json").stdout)}
    smith = next(r for r in refs.values() if r["title"] == "Gas in Turkey")
    assert smith["authors"] == ["Smith, J."] and smith["container"] == "Energy Journal"
    records = (project / "claims" / "gas.yaml").read_text("utf-8")
    assert "format: markdown-footnotes" in records
    assert "title: Gas Markets" in records and "- Jane Analyst" in records and "date: '2021-03-04'" in records
    assert "- label: gas\n  line: 12" in records  # the definition's line in the report


def test_marker_without_definition_is_kept_for_the_audit(project, cli):
    write_report(
        project,
        "r.md",
        """
        Turkey sold $123 million of weapons in 2020.[^1] Exports grew six times in 2019.[^9]

        [^1]: *Exports peak.* URL: <https://www.dw.com/tr/a-55276973>
        """,
    )
    cli("ingest", str(project / "reports"))
    claims = json.loads(cli("claims", "list", "--format", "json").stdout)
    assert [c["footnotes"] for c in claims] == [["1"], ["9"]]
    assert claims[1]["references"] == []
