"""A formatted reference list (text, Markdown or HTML) in a named CSL style.

The formatting is done by a real CSL processor: pandoc's citeproc, fed the
CSL-JSON export.  (citeproc-py was tried first: it repeated the title of
sources without an author in APA and printed stray terms in Chicago.)
Styles: ``apa`` and ``chicago-author-date`` ship in ``claimtrack/data/csl``;
any other CSL file can be named by path.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ..errors import InputError, UsageError
from ..model import Reference
from . import csljson

STYLE_DIR = Path(__file__).resolve().parent.parent / "data" / "csl"
STYLES = {
    "apa": "apa.csl",
    "chicago-author-date": "chicago-author-date.csl",
    "chicago": "chicago-author-date.csl",
}
# our format -> pandoc writer; Markdown without pandoc's div and attribute syntax
WRITERS = {
    "text": "plain",
    "markdown": "markdown-citations-fenced_divs-native_divs-raw_html-raw_attribute-bracketed_spans"
    "-link_attributes-smart",
    "html": "html",
}
_NOCITE_ALL = "---\nnocite: '@*'\n---\n"  # a document that lists every reference and cites none
TIMEOUT = 120  # seconds; a few thousand references take a few seconds


def style_path(style: str) -> Path:
    """A shipped style by name, or a CSL file by path."""
    if style in STYLES:
        return STYLE_DIR / STYLES[style]
    path = Path(style)
    if path.suffix == ".csl" or path.parent != Path("."):
        if not path.is_file():  # a path was meant: say so, not "unknown style"
            raise UsageError(f"--style {style}: no such file")
        return path
    known = ", ".join(sorted(STYLES))
    raise UsageError(f"unknown CSL style {style!r}: use one of {known}, or the path of a .csl file")


def pandoc() -> str:
    """The pandoc that ingest uses too: pypandoc-binary's (pip installs it), or a newer one on PATH."""
    from ..ingest.pandoc import executable

    return executable()[0]


def render(refs: Sequence[Reference], fmt: str, style: str = "apa") -> str:
    """The bibliography of ``refs`` in ``fmt`` (text, markdown, html), sorted as the style says."""
    csl = style_path(style)
    if not refs:
        return ""
    with tempfile.TemporaryDirectory(prefix="claimtrack-") as tmp:
        bibliography = Path(tmp) / "references.json"
        bibliography.write_text(csljson.dumps(refs), encoding="utf-8")
        command = [
            pandoc(), "--citeproc", "--from=markdown", f"--to={WRITERS[fmt]}", "--wrap=none",
            f"--csl={csl}", f"--bibliography={bibliography}",
        ]  # fmt: skip
        try:
            done = subprocess.run(
                command, input=_NOCITE_ALL, capture_output=True, text=True, timeout=TIMEOUT, check=False
            )
        except subprocess.TimeoutExpired:
            raise InputError(f"pandoc took more than {TIMEOUT} s to format {len(refs)} references") from None
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or ["no message"])[0]
        raise InputError(f"pandoc could not format the references with {csl.name}: {reason}")
    return done.stdout.strip() + "\n"
