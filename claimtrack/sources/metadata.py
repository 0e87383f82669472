"""Page metadata with where each value came from.

Highwire Press ``citation_*`` tags (what Google Scholar and Zotero read),
JSON-LD (schema.org), Dublin Core, OpenGraph, then the ``<title>``; the
publication date falls back to htmldate, which also reads the page's text
and URL.  The first source that gives a field wins, in that order.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from typing import Any, Optional

Meta = dict[str, tuple[str, str]]  # field -> (value, provenance)

_DATE = re.compile(r"^(\d{4})(?:[-/](\d{1,2})(?:[-/](\d{1,2}))?)?")


def iso_date(value: str) -> Optional[str]:
    """``2020-10-07T10:00:00Z`` -> ``2020-10-07``; ``2020/5`` -> ``2020-05``; else None."""
    match = _DATE.match(value.strip())
    if not match:
        return None
    year, month, day = match.groups()
    if not 1800 <= int(year) <= 2100:
        return None
    parts = [year] + [f"{int(p):02d}" for p in (month, day) if p]
    return "-".join(parts)


def person_name(name: str) -> Optional[str]:
    """``Jane Q. Smith`` -> ``Smith, Jane Q.``; None for what is not a person's name."""
    name = " ".join(name.replace("By ", "", 1).split()).strip(" ,;")
    if not name or "http" in name or "@" in name or re.search(r"\d", name):
        return None
    if "," in name:
        return name
    words = name.split()
    if not 2 <= len(words) <= 5:
        return None
    return f"{words[-1]}, {' '.join(words[:-1])}"


def _metas(tree: Any) -> Iterator[tuple[str, str]]:
    for node in tree.iter("meta"):
        key = (node.get("name") or node.get("property") or node.get("itemprop") or "").strip()
        value = (node.get("content") or "").strip()
        if key and value:
            yield key, value


def _jsonld_objects(tree: Any) -> Iterator[dict]:
    for node in tree.iter("script"):
        if (node.get("type") or "").lower() != "application/ld+json":
            continue
        try:
            data = json.loads(node.text or "")
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.append(item["@graph"])
                yield item


def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        if str(value.get("@type", "Person")) not in ("Person", "['Person']"):
            return []
        return _names(value.get("name"))
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    return []


def _jsonld(tree: Any) -> Meta:
    found: Meta = {}
    article_types = ("Article", "NewsArticle", "Report", "BlogPosting", "WebPage", "ScholarlyArticle")
    for item in _jsonld_objects(tree):
        kind = item.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if not any(str(k).endswith(article_types) for k in kinds):
            continue
        title = item.get("headline") or item.get("name")
        if isinstance(title, str) and title.strip():
            found.setdefault("title", (title.strip(), "JSON-LD headline"))
        authors = [a for a in (person_name(n) for n in _names(item.get("author"))) if a]
        if authors:
            found.setdefault("authors", ("; ".join(authors), "JSON-LD author"))
        date = item.get("datePublished") or item.get("dateCreated")
        if isinstance(date, str) and iso_date(date):
            found.setdefault("date", (iso_date(date) or "", "JSON-LD datePublished"))
        publisher = item.get("publisher")
        if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
            found.setdefault("container", (publisher["name"].strip(), "JSON-LD publisher"))
        language = item.get("inLanguage")
        if isinstance(language, str) and language.strip():
            found.setdefault("language", (language.strip(), "JSON-LD inLanguage"))
    return found


# (field, meta key, provenance) in order of trust within each vocabulary
_TAGS = {
    "highwire": [
        ("title", "citation_title"),
        ("authors", "citation_author"),
        ("date", "citation_publication_date"),
        ("date", "citation_date"),
        ("date", "citation_online_date"),
        ("container", "citation_journal_title"),
        ("container", "citation_publisher"),
        ("language", "citation_language"),
    ],
    "dublin core": [
        ("title", "dc.title"),
        ("authors", "dc.creator"),
        ("date", "dc.date"),
        ("date", "dcterms.issued"),
        ("date", "dcterms.created"),
        ("container", "dc.publisher"),
        ("language", "dc.language"),
    ],
    "opengraph": [
        ("title", "og:title"),
        ("authors", "author"),
        ("date", "article:published_time"),
        ("container", "og:site_name"),
        ("language", "og:locale"),
    ],
}


def _tags(metas: list[tuple[str, str]]) -> list[Meta]:
    by_key: dict[str, list[str]] = {}
    for key, value in metas:
        by_key.setdefault(key.lower(), []).append(value)
    layers = []
    for vocabulary in _TAGS.values():
        found: Meta = {}
        for name, key in vocabulary:
            values = by_key.get(key)
            if not values or name in found:
                continue
            if name == "authors":
                people = [p for p in (person_name(v) for v in values) if p]
                if people:
                    found[name] = ("; ".join(dict.fromkeys(people)), key)
            elif name == "date":
                if iso_date(values[0]):
                    found[name] = (iso_date(values[0]) or "", key)
            else:
                found[name] = (" ".join(values[0].split()), key)
        layers.append(found)
    return layers


def html_metadata(html: str, url: str = "", tree: Any = None) -> Meta:
    """title, authors ("; "-separated "Family, Given"), container, date, language.

    ``tree``: the page already parsed (lxml.html), read and left unchanged."""
    if tree is None:
        import lxml.html

        try:
            tree = lxml.html.fromstring(html.encode("utf-8", "replace"))
        except Exception:  # lxml raises several kinds on empty or odd documents
            return {}
    metas = list(_metas(tree))
    highwire, dublin, opengraph = _tags(metas)
    found: Meta = {}
    for layer in (highwire, _jsonld(tree), dublin, opengraph):
        for name, value in layer.items():
            found.setdefault(name, value)
    if "title" not in found:
        title = tree.findtext(".//title")
        if title and title.strip():
            found["title"] = (" ".join(title.split()), "<title>")
    lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    if lang and lang.strip():
        found.setdefault("language", (lang.strip(), "<html lang>"))
    if "date" not in found:
        try:
            from htmldate import find_date

            date = find_date(html, url=url or None, original_date=True, extensive_search=False)
        except Exception:  # htmldate is best effort; a page it cannot read has no date
            date = None
        if date:
            found["date"] = (date, "htmldate")
    return found


def pdf_metadata(body: bytes) -> Meta:
    """Title, author and creation date from a PDF's document information."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    from pdfminer.psparser import PSLiteral

    found: Meta = {}
    try:
        document = PDFDocument(PDFParser(io.BytesIO(body)))
        info = document.info[0] if document.info else {}
    except Exception:  # a damaged PDF has no metadata; its text may still read
        return found

    def text(value: Any) -> str:
        if isinstance(value, PSLiteral):
            value = value.name
        if isinstance(value, bytes):
            if value.startswith(b"\xfe\xff"):
                return value[2:].decode("utf-16-be", "replace").strip()
            return value.decode("latin-1").strip()
        return str(value or "").strip()

    if text(info.get("Title")):
        found["title"] = (text(info["Title"]), "PDF Title")
    people = [p for p in (person_name(a) for a in re.split(r";| and ", text(info.get("Author")))) if p]
    if people:
        found["authors"] = ("; ".join(people), "PDF Author")
    created = text(info.get("CreationDate")).removeprefix("D:")
    if len(created) >= 8 and created[:8].isdigit():
        found["date"] = (f"{created[:4]}-{created[4:6]}-{created[6:8]}", "PDF CreationDate")
    return found
