"""LibreOffice documents cited with Zotero: citation reference marks read as citekeys.

Zotero's LibreOffice plug-in stores each citation as a reference mark whose
name holds the field code (``ZOTERO_ITEM CSL_CITATION {...} RNDx7a9``), around
the rendered text, and the bibliography as a section named ``ZOTERO_BIBL ...``.
As for Word (:mod:`.docx_citations`, whose keys and citation syntax are used
here too), the rendered text becomes pandoc citation syntax and the
bibliography section goes.
"""

from __future__ import annotations

from typing import Any, Optional

from .docx_citations import Works, citation_text
from .xmltext import remove, replace_with_text

_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def rewrite(content: Any) -> Optional[list[dict[str, Any]]]:
    """Rewrite the citations of ``content.xml`` in place; the works cited, or None if it has none."""
    works = Works()
    found = False
    for start in list(content.iter(f"{_TEXT}reference-mark-start")):
        name = start.get(f"{_TEXT}name") or ""
        if "CSL_CITATION" not in name:
            continue
        end = _end_of(start, name)
        text = citation_text(name, works)
        if end is None or text is None:
            continue
        _replace_between(start, end, text)
        found = True
    for section in list(content.iter(f"{_TEXT}section")):
        name = section.get(f"{_TEXT}name") or ""
        if name.startswith("ZOTERO_BIBL") or "CSL_BIBLIOGRAPHY" in name:
            section.getparent().remove(section)
            found = True
    return works.items if found else None


def _end_of(start: Any, name: str) -> Optional[Any]:
    """The mark's end among the start's following siblings (a citation sits in one paragraph)."""
    for sibling in start.itersiblings():
        if sibling.tag == f"{_TEXT}reference-mark-end" and sibling.get(f"{_TEXT}name") == name:
            return sibling
    return None


def _replace_between(start: Any, end: Any, text: str) -> None:
    """The marks and what they hold give way to ``text``."""
    parent = start.getparent()
    between = []
    for sibling in start.itersiblings():
        if sibling is end:
            break
        between.append(sibling)
    for el in between:
        parent.remove(el)
    start.tail = None  # what the marks held goes; the text after the end mark stays
    remove(end)
    replace_with_text(start, text)
