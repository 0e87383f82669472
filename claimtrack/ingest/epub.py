"""EPUB: its chapters (and note files) in spine order, joined into one HTML page.

pandoc's EPUB reader leaves out the spine items marked ``linear="no"``, which
is where many converters (tex4ht, calibre) put the notes, one file each, and
does not follow a link into another chapter.  Here every spine item is kept,
its ids are made unique across files (``file#id`` becomes ``file__id``) and the
links rewritten to match, so :mod:`.html_notes` sees one page whose notes link
like any web page's.  The package metadata gives title, authors and date.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import lxml.html
from lxml import etree

from ..errors import InputError

_OPF = "{http://www.idpf.org/2007/opf}"
_DC = "{http://purl.org/dc/elements/1.1/}"


def to_html(path: Path) -> tuple[str, dict[str, Any]]:
    """(one HTML page of the whole book, metadata)."""
    try:
        with zipfile.ZipFile(path) as book:
            container = etree.fromstring(book.read("META-INF/container.xml"))
            opf_path = container.find(".//{*}rootfile").get("full-path")
            opf = etree.fromstring(book.read(opf_path))
            base = posixpath.dirname(opf_path)
            manifest = {
                item.get("id"): posixpath.normpath(posixpath.join(base, unquote(item.get("href"))))
                for item in opf.iter(f"{_OPF}item")
            }
            files = [
                manifest[i.get("idref")] for i in opf.iter(f"{_OPF}itemref") if i.get("idref") in manifest
            ]
            parts = [_chapter(book.read(name), name) for name in files if name in book.namelist()]
    except (zipfile.BadZipFile, KeyError, AttributeError, etree.XMLSyntaxError, OSError) as exc:
        raise InputError(f"an EPUB that cannot be opened ({exc.__class__.__name__}: {exc})", path) from None
    meta = _metadata(opf)
    title = f"<title>{_escape(meta['title'])}</title>" if meta.get("title") else ""
    return f"<html><head>{title}</head><body>{''.join(parts)}</body></html>", meta


def _chapter(data: bytes, name: str) -> str:
    text = re.sub(rb"^\s*<\?xml[^>]*\?>", b"", data).decode("utf-8", "replace")
    root = lxml.html.document_fromstring(text)
    body = root.find("body")
    if body is None:
        return ""
    folder = posixpath.dirname(name)
    for el in body.iter():
        if not isinstance(el.tag, str):
            continue
        for attr in ("id", "name"):
            if el.get(attr):
                el.set(attr, f"{name}__{el.get(attr)}")
        href = el.get("href")
        if el.tag == "a" and href and "://" not in href and not href.startswith("mailto:"):
            target, _, fragment = href.partition("#")
            target = posixpath.normpath(posixpath.join(folder, unquote(target))) if target else name
            el.set("href", f"#{target}__{fragment}" if fragment else f"#{target}__")
    body.tag = "div"
    body.set("id", f"{name}__")
    return lxml.html.tostring(body, encoding="unicode")


def _metadata(opf: etree._Element) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    title = opf.find(f".//{_DC}title")
    if title is not None and (title.text or "").strip():
        meta["title"] = title.text.strip()
    authors = [c.text.strip() for c in opf.iter(f"{_DC}creator") if (c.text or "").strip()]
    if authors:
        meta["author"] = authors
    date = opf.find(f".//{_DC}date")
    if date is not None and (date.text or "").strip():
        meta["date"] = date.text.strip()
    return meta


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;")
