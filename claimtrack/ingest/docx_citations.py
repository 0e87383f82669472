"""Word documents cited with Zotero, Mendeley, EndNote or Word's own citations: their citation
fields, read as citekeys.

A reference manager's Word plug-in writes each citation as a field whose code
holds the cited works as CSL-JSON (``ADDIN ZOTERO_ITEM CSL_CITATION {...}``,
Mendeley's ``ADDIN CSL_CITATION {...}``, EndNote's ``ADDIN EN.CITE <EndNote>``,
Word's own ``CITATION Tag \\p 45`` naming a source of its list) and whose result is the rendered
text ("(Smith, 2020)", "[4]", a footnote's full note).  The field code is the
truth: here each citation field's result is replaced by pandoc citation
syntax (``[see @smith2020solar, p. 4; @doe2019wind]``) and the bibliography
field (``ZOTERO_BIBL``, ``CSL_BIBLIOGRAPHY``, ``EN.REFLIST``, ``BIBLIOGRAPHY``) is emptied, in a copy of the
document that pandoc then reads; the works cited become a CSL-JSON
bibliography imported like any other.

pandoc's own ``docx+citations`` is not used: it takes Mendeley's per-field
ids (every field's first work is ``ITEM-1``) as one work, so citations of
different works were linked to the same one.  Works are told apart here by
their URI (Zotero's and Mendeley's item URIs), else by their data.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from lxml import etree

from ..bib.keys import make_key

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PARTS = ("word/document.xml", "word/footnotes.xml", "word/endnotes.xml")
_CITATION = re.compile(r"^\s*ADDIN\s+(?:ZOTERO_ITEM\s+)?(?:CSL_CITATION\b|Mendeley\s+Citation)", re.I)
_ENDNOTE = re.compile(r"^\s*ADDIN\s+EN\.CITE\b(?!\.DATA)", re.I)
_BIBLIOGRAPHY = re.compile(
    r"^\s*(?:ADDIN\s+(?:ZOTERO_BIBL\b|Mendeley\s+Bibliography|EN\.REFLIST\b|.*\bCSL_BIBLIOGRAPHY\b)|BIBLIOGRAPHY\b)",
    re.I,
)
_FIELD_HINT = re.compile(rb"ADDIN|CITATION|BIBLIOGRAPHY")  # in the raw XML of a part that has such fields
_WORD_CITATION = re.compile(r"^\s*CITATION\s+(?P<rest>\S.*)$", re.I | re.S)
_SWITCH = re.compile(r'\\(?P<name>[a-zA-Z])(?:\s+(?P<arg>"[^"]*"|[^\\\s]+))?')
# CSL locator labels as the abbreviations a reader (and citekeys.split_suffix) knows
_LABELS = {
    "page": "p.", "chapter": "chap.", "section": "sec.", "paragraph": "para.", "figure": "fig.",
    "volume": "vol.", "line": "l.", "note": "n.", "book": "bk.", "column": "col.", "folio": "fol.",
    "issue": "no.", "number": "no.", "part": "pt.", "verse": "v.", "table": "tbl.",
}  # fmt: skip


@dataclass
class Cited:
    """A copy of the document with citekeys in place of the citation fields, and the works cited."""

    data: bytes
    items: list[dict[str, Any]] = field(default_factory=list)  # CSL-JSON, ``id`` = the key made here


class Works:
    """Keys for the cited works, one per work however often and wherever it is cited."""

    def __init__(self, word_sources: Optional[dict[str, dict[str, Any]]] = None) -> None:
        self.word_sources = word_sources or {}  # Word's own source list: tag -> CSL item
        self.by_identity: dict[str, str] = {}
        self.items: list[dict[str, Any]] = []
        self.taken: set[str] = set()

    def key_for(self, entry: dict[str, Any]) -> Optional[str]:
        data = entry.get("itemData")
        if not isinstance(data, dict):
            return None
        uris = entry.get("uris") or entry.get("uri") or []
        uris = [uris] if isinstance(uris, str) else uris
        identity = uris[0] if uris else json.dumps(_identity(data), sort_keys=True)
        if identity not in self.by_identity:
            key = _make_key(data, self.taken)
            self.taken.add(key)
            self.by_identity[identity] = key
            self.items.append({**data, "id": key})
        return self.by_identity[identity]


def _identity(data: dict[str, Any]) -> list[Any]:
    return [data.get("title"), data.get("author"), data.get("issued"), data.get("DOI"), data.get("URL")]


def _make_key(data: dict[str, Any], taken: set[str]) -> str:
    people = [n for n in data.get("author") or data.get("editor") or [] if isinstance(n, dict)]
    authors = [f"{n.get('family', '')}, {n.get('given', '')}".strip(", ") for n in people if n.get("family")]
    literal = next((n["literal"] for n in people if n.get("literal")), None)
    issued = data.get("issued") or {}
    year = None
    if isinstance(issued, dict) and issued.get("date-parts"):
        year = str((issued["date-parts"][0] or [""])[0])
    elif isinstance(issued, dict):
        year = str(issued.get("raw") or issued.get("literal") or "")[:4]
    return make_key(
        authors=authors,
        organization=literal,
        container=data.get("container-title"),
        url=data.get("URL"),
        date=year if year and year.isdigit() else None,
        title=data.get("title"),
        taken=taken,
    )


def rewrite(path: Path) -> Optional[Cited]:
    """The document with its citation fields as citekeys; None when it has none (or is unreadable)."""
    try:
        with zipfile.ZipFile(path) as docx:
            infos = docx.infolist()
            items = {info.filename: docx.read(info.filename) for info in infos}
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    if not any(_FIELD_HINT.search(items[name]) for name in _PARTS if name in items):
        return None  # no citation or bibliography field: the document is read as it is, unparsed here
    from .word_sources import sources

    works = Works(sources(items))
    found = False
    for name in _PARTS:
        if name not in items:
            continue
        try:
            root = etree.fromstring(items[name])
        except etree.XMLSyntaxError:
            return None
        if _rewrite_part(root, works):
            found = True
            items[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    if not found:
        return None
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in infos:
            copy.writestr(info.filename, items[info.filename])
    return Cited(out.getvalue(), works.items)


@dataclass
class _Field:
    runs: list[Any] = field(default_factory=list)
    code: list[str] = field(default_factory=list)
    data: list[str] = field(default_factory=list)  # fldData (EndNote keeps its record there, base64)
    in_result: bool = False


def _rewrite_part(root: Any, works: Works) -> bool:
    """Replace the citation and bibliography fields of one XML part; True if there were any."""
    open_fields: list[_Field] = []
    done: list[_Field] = []
    for run in root.iter(f"{_W}r"):
        mark = run.find(f"{_W}fldChar")
        kind = mark.get(f"{_W}fldCharType") if mark is not None else None
        if kind == "begin":
            open_fields.append(_Field())
        for f in open_fields:
            f.runs.append(run)
        if not open_fields:
            continue
        top = open_fields[-1]
        if kind == "separate":
            top.in_result = True
        elif kind == "end":
            done.append(open_fields.pop())
        elif not top.in_result:
            top.code.extend(t.text or "" for t in run.iter(f"{_W}instrText"))
        if not top.in_result:
            for f in open_fields:
                f.data.extend(d.text or "" for d in run.iter(f"{_W}fldData"))
    changed = False
    for f in done:
        code = "".join(f.code)
        if _CITATION.match(code) or _ENDNOTE.match(code) or _WORD_CITATION.match(code):
            text = _field_citation(code, f.data, works)
            if text is not None:
                _replace(f.runs, text)
                changed = True
        elif _BIBLIOGRAPHY.match(code):
            _replace(f.runs, "")
            changed = True
    for simple in list(root.iter(f"{_W}fldSimple")):  # the one-element form of a field
        code = simple.get(f"{_W}instr") or ""
        text = _field_citation(code, [], works)
        if text is None and not _BIBLIOGRAPHY.match(code):
            continue
        run = etree.SubElement(simple.getparent(), f"{_W}r")
        simple.addprevious(run)
        _replace([run, *simple.iter(f"{_W}r")], text or "")
        simple.getparent().remove(simple)
        changed = True
    return changed


def _field_citation(code: str, data: list[str], works: Works) -> Optional[str]:
    """Pandoc citation text for a citation field of any of the plug-ins, or of Word itself."""
    if _CITATION.match(code):
        return citation_text(code, works)
    if _ENDNOTE.match(code):
        return _endnote_text(code, data, works)
    word = _WORD_CITATION.match(code)
    return _word_text(word.group("rest"), works) if word else None


def _word_text(rest: str, works: Works) -> Optional[str]:
    """``CITATION Smi20 \\p 45 \\l 1033 \\m Doe19 \\f "see"``: each ``\\m`` adds a source."""
    tag, _, switches = rest.strip().partition(" ")
    entries: list[dict[str, Any]] = [{"tag": tag}]
    for match in _SWITCH.finditer(switches):
        name, arg = match.group("name").lower(), (match.group("arg") or "").strip('"')
        if name == "m" and arg:
            entries.append({"tag": arg})
        elif name == "p" and arg:
            entries[-1]["locator"] = arg
        elif name == "f" and arg:
            entries[-1]["prefix"] = arg
        elif name == "s" and arg:
            entries[-1]["suffix"] = arg
        elif name == "n":
            entries[-1]["suppress-author"] = True
    parts = []
    for entry in entries:
        data = works.word_sources.get(entry.pop("tag"))
        if data is None:
            continue
        key = works.key_for({"itemData": data})
        if key is not None:
            parts.append(_item_text({**entry, "itemData": data}, key))
    return "[" + "; ".join(parts) + "]" if parts else None


def citation_text(code: str, works: Works) -> Optional[str]:
    start = code.find("{")
    if start < 0:
        return None
    try:
        data, _ = json.JSONDecoder().raw_decode(code[start:])
    except json.JSONDecodeError:
        return None
    parts = []
    for entry in data.get("citationItems") or []:
        key = works.key_for(entry) if isinstance(entry, dict) else None
        if key is None:
            continue
        parts.append(_item_text(entry, key))
    return "[" + "; ".join(parts) + "]" if parts else None


def _endnote_text(code: str, data: list[str], works: Works) -> Optional[str]:
    """EndNote's ``ADDIN EN.CITE <EndNote><Cite>...<record>...</record></Cite></EndNote>``, the XML
    in the field code or, base64-encoded, in the field data of its ``EN.CITE.DATA`` part."""
    from . import endnote_xml

    xml = code[code.find("<") :] if "<EndNote" in code else endnote_xml.decode_data("".join(data))
    cites = endnote_xml.cites(xml) if xml else []
    parts = []
    for cite in cites:
        key = works.key_for({"itemData": cite.item, "uris": [cite.identity] if cite.identity else []})
        if key is not None:
            parts.append(_item_text({**cite.options, "itemData": cite.item}, key))
    return "[" + "; ".join(parts) + "]" if parts else None


def _item_text(entry: dict[str, Any], key: str) -> str:
    text = f"{'-' if entry.get('suppress-author') else ''}@{key}"
    prefix = " ".join(str(entry.get("prefix") or "").split())
    if prefix:
        text = f"{prefix} {text}"
    locator = " ".join(str(entry.get("locator") or "").split())
    if locator:
        label = _LABELS.get(str(entry.get("label") or "page"), "")
        if label == "p." and re.search(r"\d\s*[-–,]\s*\d", locator):
            label = "pp."
        text += f", {label} {locator}" if label else f", {locator}"
    suffix = " ".join(str(entry.get("suffix") or "").split())
    if suffix:
        text += suffix if suffix[0] in ",;" else f", {suffix}"
    return text


def _replace(runs: list[Any], text: str) -> None:
    """The first run holds ``text``, unformatted (a superscript number becomes a plain citation);
    the field's other runs go."""
    first, *rest = runs
    for child in list(first):
        first.remove(child)
    if text:
        t = etree.SubElement(first, f"{_W}t")
        t.text = text
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    for run in rest:
        parent = run.getparent()
        if parent is not None:
            parent.remove(run)
