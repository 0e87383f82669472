"""ODT: paragraphs set as code taken out, and Zotero citations made citekeys, before pandoc reads it.

pandoc's ODT reader drops paragraph styles, so a "Preformatted Text" or
"Source Code" paragraph reads as prose and would become a claim.  Here such
paragraphs (by their style, or by the style their automatic style is based on)
are removed from a copy of the document, which pandoc then reads.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any, Optional

from lxml import etree

_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_CODE = re.compile(r"preformatted|source|code|listing", re.I)


def prepare(path: Path) -> Optional[tuple[bytes, list[dict[str, Any]]]]:
    """The ODT without its code paragraphs and with its Zotero citations as citekeys, and the
    works those cite (:mod:`.odt_citations`); None when there is nothing to change."""
    try:
        with zipfile.ZipFile(path) as odt:
            content = etree.fromstring(odt.read("content.xml"))
            items = {info.filename: odt.read(info.filename) for info in odt.infolist()}
            infos = odt.infolist()
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, OSError):
        return None
    from .odt_citations import rewrite

    dropped = _drop_code(content)
    works = rewrite(content)
    if not dropped and works is None:
        return None
    items["content.xml"] = etree.tostring(content, xml_declaration=True, encoding="UTF-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as copy:
        for info in infos:  # "mimetype" first and stored, as ODF requires
            method = zipfile.ZIP_STORED if info.filename == "mimetype" else zipfile.ZIP_DEFLATED
            copy.writestr(info.filename, items[info.filename], compress_type=method)
    return out.getvalue(), works or []


def _drop_code(content: Any) -> bool:
    """Remove the code paragraphs; True if there were any."""
    code = {
        style.get(f"{_STYLE}name")
        for style in content.iter(f"{_STYLE}style")
        if _CODE.search(style.get(f"{_STYLE}parent-style-name") or "")
    }
    paragraphs = [
        p
        for p in content.iter(f"{_TEXT}p")
        if (p.get(f"{_TEXT}style-name") in code or _CODE.search(p.get(f"{_TEXT}style-name") or ""))
        and p.find(f".//{_TEXT}note") is None  # a note's marker is never dropped
    ]
    for p in paragraphs:
        p.getparent().remove(p)
    return bool(paragraphs)
