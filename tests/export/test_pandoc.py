"""pandoc --citeproc reads the biblatex and the CSL-JSON exports alike."""

from __future__ import annotations

import re
from pathlib import Path

from export_tools import export, need, run, write


def cite_all(tmp_path: Path, keys: list[str]) -> Path:
    """A Markdown document citing every key, as a paper would."""
    body = "\n\n".join(f"Claim {n} [@{key}]." for n, key in enumerate(keys))
    return write(tmp_path / "paper.md", body + "\n")


def render(pandoc: str, tmp_path: Path, doc: Path, bibliography: Path) -> str:
    done = run(
        [pandoc, "--citeproc", "--fail-if-warnings", "--wrap=none", f"--bibliography={bibliography.name}",
         "-t", "plain", doc.name],
        tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "WARNING" not in done.stderr, done.stderr
    return done.stdout


def test_biblatex_and_csl_json_render_alike(source_project: Path, tmp_path: Path) -> None:
    pandoc = need("pandoc")
    biblatex = write(tmp_path / "refs.bib", export(source_project, "biblatex"))
    csl = write(tmp_path / "refs.json", export(source_project, "csl-json"))
    keys = re.findall(r"^@\w+\{([^,]+),", biblatex.read_text(), re.M)
    assert len(keys) >= 9
    doc = cite_all(tmp_path, keys)
    from_biblatex = render(pandoc, tmp_path, doc, biblatex)
    from_csl = render(pandoc, tmp_path, doc, csl)
    assert from_biblatex == from_csl
    # every key became a citation and a bibliography entry, not "???"
    assert "???" not in from_biblatex
    entries = [p for p in from_biblatex.split("\n\n")[len(keys) :] if p.strip()]
    assert len(entries) == len(keys)


def test_rendering_keeps_what_was_exported(fixture_project: Path, tmp_path: Path) -> None:
    pandoc = need("pandoc")
    biblatex = write(tmp_path / "refs.bib", export(fixture_project, "biblatex"))
    doc = cite_all(tmp_path, ["naumkin2020ogon", "haberturk2020karabag", "guardian2020syrian"])
    out = render(pandoc, tmp_path, doc, biblatex)
    # the raw URL survives LaTeX: its %25, & and # are the link's own
    assert "https://valdaiclub.com/a/highlights/ogon_konflikta/?x=1&y=50%25#part-2" in out
    assert "[The fire of the Armenian-Azerbaijani conflict]" in out
    assert "Turkey's 100% ambition" in out or "Turkey’s 100% Ambition" in out
