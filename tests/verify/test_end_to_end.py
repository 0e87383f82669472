"""From a report to its verdicts: ingest, sources fetch, verify, refs enrich --write, view."""

from __future__ import annotations

import json
from pathlib import Path

from ct_helpers import Cli, write_report

from claimtrack import refstore


def test_a_report_through_fetch_verify_enrich_and_view(tmp_path: Path, news) -> None:
    (tmp_path / "reports").mkdir()
    url = news.url("/energy/gas-imports")
    write_report(
        tmp_path,
        "gas.md",
        f"""
        ---
        title: Gas report
        ---
        # Imports

        Russia supplied 32.2 percent of Turkey's gas imports in 2019, ahead of Azerbaijan.[^1]

        Energy Minister Fatih Dönmez said Turkey had “diversified our supply routes and we no longer depend on a single country for our energy security”.[^1]

        [^1]: "Turkey's gas imports fall as supply diversifies", Example Energy News, <{url}>.
        """,
    )
    cli = Cli(tmp_path)
    cli("ingest", str(tmp_path / "reports"))
    cli("sources", "fetch")
    results = json.loads(cli("verify", "--format", "json", code=1).stdout)["results"]
    assert sorted(r["verdict"] for r in results) == ["altered", "supported"]
    bib = next((tmp_path / "references").glob("*.bib"))
    (key,) = [r.key for r in refstore.read(bib)]
    cli("refs", "enrich", "--write")
    (ref,) = refstore.read(bib)
    assert ref.date == "2020-01-21" and ref.url == url and ref.key == key
    cli("view", "gas", "-o", str(tmp_path / "view.html"))
    page = (tmp_path / "view.html").read_text("utf-8")
    assert "33.2%" in page  # the evidence passage of the altered figure is on the page
