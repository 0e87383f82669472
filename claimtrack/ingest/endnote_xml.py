"""EndNote's citation XML (Word's ``ADDIN EN.CITE`` fields) as CSL items.

EndNote writes each citation as ``<EndNote><Cite>`` elements, each with the
cited work's whole ``<record>`` (the same XML as EndNote's XML export):
``ref-type``, ``contributors``, ``titles``, ``periodical``, ``pages``,
``volume``, ``number``, ``dates``, ``publisher``, ``pub-location``, ``isbn``,
``electronic-resource-num`` (the DOI), ``urls``.  Text sits inside ``<style>``
elements, so values are read as all their text.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass, field
from typing import Any, Optional

from lxml import etree

# EndNote reference types -> CSL types
_TYPES = {
    "journal article": "article-journal", "magazine article": "article-magazine",
    "newspaper article": "article-newspaper", "book": "book", "edited book": "book",
    "book section": "chapter", "conference proceedings": "paper-conference", "conference paper": "paper-conference",
    "report": "report", "government document": "report", "thesis": "thesis", "web page": "webpage",
    "dataset": "dataset", "computer program": "software", "statute": "legislation", "case": "legal_case",
    "bill": "bill", "patent": "patent", "electronic article": "article", "generic": "document",
}  # fmt: skip
_DOI = re.compile(r"10\.\d{4,9}/\S+")


@dataclass
class Cite:
    item: dict[str, Any]
    identity: Optional[str]
    options: dict[str, Any] = field(default_factory=dict)  # CSL citation-item options: locator, prefix, ...


def decode_data(data: str) -> Optional[str]:
    """The XML EndNote keeps base64-encoded in a field's data; None if it is not there."""
    try:
        raw = base64.b64decode("".join(data.split()), validate=False)
    except (binascii.Error, ValueError):
        return None
    text = raw.decode("utf-8", "replace")
    start = text.find("<EndNote")
    return text[start:] if start >= 0 else None


def cites(xml: str) -> list[Cite]:
    """The citations of one EN.CITE field; [] if its XML cannot be read."""
    end = xml.rfind("</EndNote>")
    if end >= 0:
        xml = xml[: end + len("</EndNote>")]
    try:
        root = etree.fromstring(xml.encode("utf-8"), etree.XMLParser(recover=True))
    except etree.XMLSyntaxError:
        return []
    if root is None:
        return []
    return [c for c in (_cite(el) for el in root.iter("Cite")) if c is not None]


def _text(el: Any, path: str) -> Optional[str]:
    found = el.find(path)
    if found is None:
        return None
    value = " ".join("".join(found.itertext()).split())
    return value or None


def _cite(el: Any) -> Optional[Cite]:
    record = el.find("record")
    if record is None:
        return None
    item = _item(record)
    if not item.get("title") and not item.get("author"):
        return None
    key = record.find("foreign-keys/key")
    identity = None
    if key is not None and (key.text or "").strip():
        identity = f"endnote:{key.get('db-id', '')}:{key.text.strip()}"
    options: dict[str, Any] = {}
    pages = _text(el, "Pages")
    if pages:
        options["locator"] = pages.strip("`")
    for tag, name in (("Prefix", "prefix"), ("Suffix", "suffix")):
        value = _text(el, tag)
        if value:
            options[name] = value.replace("`", "")
    if el.get("ExcludeAuth") == "1":
        options["suppress-author"] = True
    return Cite(item, identity, options)


def _names(record: Any, path: str) -> list[dict[str, str]]:
    names = []
    for author in record.findall(path):
        text = " ".join("".join(author.itertext()).split()).rstrip(",")
        if not text:
            continue
        family, comma, given = text.partition(",")
        names.append({"family": family.strip(), "given": given.strip()} if comma else {"literal": text})
    return names


def _item(record: Any) -> dict[str, Any]:
    kind = record.find("ref-type")
    csl_type = _TYPES.get((kind.get("name") or "").casefold(), "document") if kind is not None else "document"
    item: dict[str, Any] = {"type": csl_type}
    fields = {
        "title": "titles/title",
        "container-title": "titles/secondary-title",
        "collection-title": "titles/tertiary-title",
        "page": "pages",
        "volume": "volume",
        "issue": "number",
        "edition": "edition",
        "publisher": "publisher",
        "publisher-place": "pub-location",
        "abstract": "abstract",
    }
    for name, path in fields.items():
        value = _text(record, path)
        if value:
            item[name] = value
    if "container-title" not in item and _text(record, "periodical/full-title"):
        item["container-title"] = _text(record, "periodical/full-title")
    if csl_type == "thesis" and "publisher" not in item and item.get("container-title"):
        item["publisher"] = item.pop("container-title")  # EndNote keeps a thesis's university there
    for name, path in (
        ("author", "contributors/authors/author"),
        ("editor", "contributors/secondary-authors/author"),
    ):
        names = _names(record, path)
        if names:
            item[name] = names
    year = _text(record, "dates/year")
    if year and re.match(r"^\d{4}$", year):
        item["issued"] = {"date-parts": [[int(year)]]}
    doi = _DOI.search(_text(record, "electronic-resource-num") or "")
    if doi:
        item["DOI"] = doi.group(0)
    # only a web address: EndNote also keeps "<Go to ISI>://000200148800007" there
    urls = [_text(u, ".") or "" for u in record.findall("urls/*/url")]
    url = next((u.split()[0] for u in urls if re.match(r"(?:https?|ftp)://", u)), None)
    if url:
        item["URL"] = url
    isbn = _text(record, "isbn")
    if isbn and csl_type in ("book", "chapter", "report", "thesis"):
        item["ISBN"] = isbn.split()[0]
    return item
