"""Bibliography export: one module per format, all taking references in citekey order."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Reference

# format -> one-line description, for --help
FORMATS = {
    "biblatex": "biblatex for biber (best for LaTeX)",
    "bibtex": "classic BibTeX for old styles (lossy: URL in howpublished, access date in note)",
    "csl-json": "CSL-JSON for pandoc, Zotero and other CSL processors",
    "ris": "RIS for reference managers (Zotero, EndNote)",
    "text": "a formatted reference list, plain text (CSL style, needs pandoc)",
    "markdown": "a formatted reference list, Markdown (CSL style, needs pandoc)",
    "html": "a formatted reference list, HTML (CSL style, needs pandoc)",
}


def render(refs: Sequence[Reference], fmt: str, *, style: str = "apa") -> str:
    """``refs`` in ``fmt``, as the text of one file."""
    if fmt == "biblatex":
        from . import biblatex as writer
    elif fmt == "bibtex":
        from . import bibtex as writer
    elif fmt == "csl-json":
        from . import csljson as writer
    elif fmt == "ris":
        from . import ris as writer
    else:
        from . import cslformat

        return cslformat.render(refs, fmt, style)
    return writer.dumps(refs)
