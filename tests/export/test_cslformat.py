"""Formatted reference lists in a named CSL style, by pandoc's CSL processor."""

from __future__ import annotations

from pathlib import Path

import pytest
from ct_helpers import Cli
from export_tools import export, need

from claimtrack.export import cslformat


def test_apa_text(fixture_project: Path) -> None:
    need("pandoc")
    out = export(
        fixture_project, "text", "--style", "apa", "--keys", "sushentsov2020caucasus,waltz1979theory"
    )
    assert out.splitlines()[0] == (
        "Sushentsov, A., & Neklyudov, N. (2020). The Caucasus in Russian Foreign Policy Strategy. "
        "Caucasus Survey, 8(2), 127–141. https://doi.org/10.1080/23761199.2020.1759888"
    )
    assert "Waltz, K. N. (1979). Theory of International Politics. Addison-Wesley." in out


def test_chicago_author_date_is_sorted_and_differs_from_apa(fixture_project: Path) -> None:
    need("pandoc")
    chicago = export(fixture_project, "text", "--style", "chicago-author-date")
    entries = [e for e in chicago.split("\n\n") if e.strip()]
    assert len(entries) == 9
    assert entries == sorted(entries, key=str.casefold)  # author-date lists sort by author
    assert "Sushentsov, Andrey, and Nikita Neklyudov. 2020." in chicago
    assert chicago != export(fixture_project, "text", "--style", "apa")


def test_markdown_and_html(fixture_project: Path) -> None:
    need("pandoc")
    markdown = export(fixture_project, "markdown", "--keys", "waltz1979theory")
    assert markdown == "Waltz, K. N. (1979). *Theory of International Politics*. Addison-Wesley.\n"
    html = export(fixture_project, "html", "--keys", "waltz1979theory")
    assert '<div id="ref-waltz1979theory" class="csl-entry"' in html
    assert "<em>Theory of International Politics</em>" in html


def test_a_csl_file_by_path(fixture_project: Path, tmp_path: Path) -> None:
    need("pandoc")
    style = tmp_path / "mine.csl"
    style.write_bytes((cslformat.STYLE_DIR / "apa.csl").read_bytes())
    assert export(fixture_project, "text", "--style", str(style)) == export(fixture_project, "text")


def test_style_from_settings(fixture_project: Path) -> None:
    need("pandoc")
    (fixture_project / "pyproject.toml").write_text(
        '[tool.claimtrack.export]\nformat = "text"\nstyle = "chicago-author-date"\n', encoding="utf-8"
    )
    out = Cli(fixture_project)("export", "--keys", "waltz1979theory").stdout
    assert out.startswith("Waltz, Kenneth N. 1979.")


def test_formats_with_the_pandoc_pip_installed(
    fixture_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No pandoc on PATH: pypandoc-binary's pandoc formats the list, so pip alone is enough."""
    from claimtrack.ingest.pandoc import executable

    executable.cache_clear()
    monkeypatch.setenv("PATH", str(fixture_project))  # nothing to run there
    try:
        result = Cli(fixture_project)("export", "--format", "html")
    finally:
        executable.cache_clear()
    assert "<div" in result.stdout and "csl-entry" in result.stdout
