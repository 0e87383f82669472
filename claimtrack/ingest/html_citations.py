"""Citations that link to their bibliography entry in the page: pandoc, Quarto, R Markdown,
citeproc-js, Jekyll-Scholar and Wikipedia's Harvard references.

Rendered pages keep what a plain reading of their text loses: each in-text
citation is a link to its entry (``<a href="#ref-smith2020" role="doc-biblioref">``,
often inside ``<span class="citation" data-cites="smith2020">``; Jekyll-Scholar's
``<a class="citation" href="#smith2020">``; Wikipedia's ``#CITEREFSmith2020``),
and each entry carries that id (``<div id="ref-smith2020" class="csl-entry">``,
``<ol class="bibliography"><li><span id="smith2020">``, ``<cite id="CITEREF…">``).
Here the links become pandoc citation syntax (``[@smith2020, 45]``, and
``Doe [-@doe2019]`` where the name stands in the text) and the entries leave the
page, parsed into CSL items under the same keys, so the page is read like a
citekey document whose bibliography it holds itself.
"""

from __future__ import annotations

import re
from typing import Any, Optional

import lxml.html
from lxml import etree

from ..bib import csl
from ..bib.keys import key_problem, make_key
from ..model import Reference
from .refstrings import parse
from .xmltext import replace_with_text as _replace

_BIB_CONTAINER = re.compile(r"\b(?:csl-bib-body|bibliography|references|refs|reflist)\b", re.I)
_ENTRY_BLOCKS = ("li", "div", "p", "dd")
_LEADING_LABEL = re.compile(r"^\s*(?:\[\d{1,4}\]|\d{1,4}\.)\s*")
# ids a program numbered (org-mode's citeproc_bib_item_3, bib12): the key is made from the entry instead
_MACHINE_ID = re.compile(r"^(?:citeproc_bib_item|bib_?item|bib|ref|item|cite|r|b|reference)[-_]?\d+$", re.I)
_SEPARATOR = re.compile(r"^\s*(?:[,;]|-{1,2}|[–—])?\s*$")
_DASH = re.compile(r"^\s*(?:-{1,2}|[–—])\s*$")
_BARE_LOCATOR = re.compile(r"^\d+(?:\s*[-–]\s*\d+)?$")
# A page after a linked citation: ", p. 41", ", pp. 3–5", ", ch. 2"
_TAIL_LOCATOR = re.compile(
    r"^\s*,\s*(?P<loc>(?:pp?\.|pages?|ch\.|chap\.|chapter|§+|sec\.|para\.|loc\.)\s*[\dIVXLCivxlc]+[a-z]?"
    r"(?:\s*[-–—]\s*[\dIVXLCivxlc]+[a-z]?)?)(?=\s*[.;,)\]]|\s*$)"
)
# pandoc links the locator with the citation: "Smith 2020, 45", "1, p. 45"
_LINKED_LOCATOR = re.compile(r"^(?:.*?\b(?:1[5-9]|20)\d\d[a-z]?|.*?\bn\.\s?d\.|\d{1,4})\s*,\s*(?P<loc>\S.*)$")


def rewrite(html: str) -> tuple[str, list[dict[str, Any]]]:
    """The page with linked citations as citekeys and its linked bibliography taken out, and the
    bibliography as CSL items; the page unchanged and [] when it has none."""
    if "#" not in html or not html.strip():
        return html, []
    try:
        root = lxml.html.document_fromstring(re.sub(r"^\s*<\?xml[^>]*\?>", "", html))
    except (etree.ParserError, ValueError):
        return html, []
    entries = _entries(root)
    if not entries:
        return html, []
    cited = _cite_links(root, entries)
    if not cited:
        return html, []
    refs = {ident: _reference(block) for ident, block in entries.items()}  # each entry parsed once
    keys = _keys(refs)
    for group in _groups(cited):
        _replace_group(group, keys)
    items = [
        csl.item(ref.model_copy(update={"key": keys[ident]}))
        for ident, ref in refs.items()
        if ref.title or ref.authors or ref.url
    ]
    for block in entries.values():
        _drop(block)
    return lxml.html.tostring(root, encoding="unicode"), items


def _classes(el: Any) -> set[str]:
    return set((el.get("class") or "").split())


def _entries(root: Any) -> dict[str, Any]:
    """Bibliography entries with an id a citation can link to: id -> the element holding the entry."""
    found: dict[str, Any] = {}
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        ident = el.get("id")
        if not ident or ident in found:
            continue
        entry = next((p for p in el.iterancestors() if "csl-entry" in _classes(p)), None)
        if "csl-entry" in _classes(el):
            found[ident] = el
        elif entry is not None:  # org-mode's citeproc: <div class="csl-entry"><a id="citeproc_bib_item_1">
            found[ident] = entry
        elif _names_an_entry(el, ident) and not _in_a_note(el):
            found[ident] = _block(el)
    return found


def _in_a_note(el: Any) -> bool:
    """A full citation inside a footnote (Wikipedia's <li id="cite_note-3"><cite id="CITEREF…">):
    the note is the entry, and the footnote reader keeps it."""
    for parent in el.iterancestors():
        if not isinstance(parent.tag, str):
            continue
        ident = parent.get("id") or ""
        if ident.startswith(("cite_note", "fn", "footnote")) or "footnotes" in _classes(parent):
            return True
        if parent.tag in ("ol", "ul") and "references" in _classes(parent):  # Wikipedia's notes list
            return True
    return False


def _names_an_entry(el: Any, ident: str) -> bool:
    return (
        ident.startswith("CITEREF")  # Wikipedia's <cite id="CITEREFSmith2020">
        or (ident.startswith("ref-") and _in_bibliography(el))  # pandoc without the csl-entry class
        or _in_bibliography(el, strict=True)  # Jekyll-Scholar: <ol class="bibliography"><li><span id>
    )


def _in_bibliography(el: Any, strict: bool = False) -> bool:
    for parent in el.iterancestors():
        if not isinstance(parent.tag, str):
            continue
        hints = " ".join(_classes(parent)) + ("" if strict else " " + (parent.get("id") or ""))
        if strict and "bibliography" in _classes(parent):
            return True
        if not strict and _BIB_CONTAINER.search(hints):
            return True
    return False


def _block(el: Any) -> Any:
    block = el
    while (
        block.tag not in _ENTRY_BLOCKS and block.getparent() is not None and block.getparent().tag != "body"
    ):
        block = block.getparent()
    return block if block.tag in _ENTRY_BLOCKS else el


def _cite_links(root: Any, entries: dict[str, Any]) -> list[tuple[Any, str]]:
    inside = {el for block in entries.values() for el in block.iter()}
    links = []
    for a in root.iter("a"):
        href = a.get("href") or ""
        if href.startswith("#") and href[1:] in entries and a not in inside:
            links.append((a, href[1:]))
    return links


def _keys(refs: dict[str, Reference]) -> dict[str, str]:
    """The entry's own key where its id holds one (``ref-smith2020``), else one made from it."""
    keys: dict[str, str] = {}
    taken: set[str] = set()
    for ident, ref in refs.items():
        key = ident.removeprefix("ref-")
        if ident.startswith("CITEREF") or _MACHINE_ID.match(key) or key_problem(key) or key.lower() in taken:
            key = make_key(
                authors=ref.authors, organization=ref.organization, container=ref.container,
                url=ref.url, date=ref.date, title=ref.title, taken=taken,
            )  # fmt: skip
        taken.add(key.lower())
        keys[ident] = key
    return keys


def _groups(cited: list[tuple[Any, str]]) -> list[tuple[Any, list[tuple[Any, str]]]]:
    """Links grouped by the citation holding them (pandoc's span.citation); else a run of links
    with only separators between them ("[<a>1</a>, <a>3</a>–<a>5</a>]") is one citation."""
    groups: dict[Any, list[tuple[Any, str]]] = {}
    previous: Optional[Any] = None
    for a, ident in cited:
        holder = next((p for p in a.iterancestors("span") if "citation" in _classes(p)), None)
        if holder is None:
            joined = (
                previous is not None
                and previous[0].getnext() is a
                and _SEPARATOR.match(previous[0].tail or "")
            )
            holder = previous[1] if joined else a
            previous = (a, holder)
        groups.setdefault(holder, []).append((a, ident))
    return list(groups.items())


def _replace_group(group: tuple[Any, list[tuple[Any, str]]], keys: dict[str, str]) -> None:
    holder, links = group
    if holder is links[0][0]:  # links on their own: their text is the citation
        _replace_run(links, keys)
        return
    pieces = _pieces(holder, {a for a, _ in links})
    before = pieces[0][1] if pieces and pieces[0][0] is None else ""
    items = []
    for n, (a, text) in enumerate(pieces):
        if a is None:
            continue
        ident = dict(links)[a]
        after = pieces[n + 1][1] if n + 1 < len(pieces) and pieces[n + 1][0] is None else ""
        linked = _LINKED_LOCATOR.match(" ".join(text.split()))
        locator = linked.group("loc") if linked else after.strip().strip("()[];").strip(" ,")
        if locator and _BARE_LOCATOR.match(locator):
            locator = f"p. {locator}" if locator.isdigit() else f"pp. {locator}"
        items.append(f"@{keys[ident]}" + (f", {locator}" if locator else ""))
    name = before.strip().rstrip("([").strip()
    if name:  # "Doe (2019)": the name stands in the text, the link is the year
        _replace(holder, f"{name} [-" + "; -".join(items) + "]")
    else:
        _replace(holder, "[" + "; ".join(items) + "]")


def _replace_run(links: list[tuple[Any, str]], keys: dict[str, str]) -> None:
    """A run of bare links becomes one citation; "1–4" cites the entries between too, and the
    brackets around the run are the citation's."""
    order = list(keys)
    cited: list[str] = []
    for n, (_, ident) in enumerate(links):
        if n and _DASH.match(links[n - 1][0].tail or "") and links[n - 1][1] in order:
            cited.extend(order[order.index(links[n - 1][1]) + 1 : order.index(ident)])
        cited.append(ident)
    first, last = links[0][0], links[-1][0]
    after = last.tail or ""
    holder, slot = (
        (first.getprevious(), "tail") if first.getprevious() is not None else (first.getparent(), "text")
    )
    before = getattr(holder, slot) or ""
    if before.rstrip().endswith(("[", "(")) and after.lstrip()[:1] in ("]", ")"):
        setattr(holder, slot, before.rstrip()[:-1])
        after = after.lstrip()[1:]
    for a, _ in links[1:]:
        a.getparent().remove(a)
    pinpoint = _TAIL_LOCATOR.match(after) if len(cited) == 1 else None
    locator = ""
    if pinpoint:  # Wikipedia's short note "<a href=#CITEREFKing2003>King 2003</a>, p. 41.": the page cited
        locator, after = ", " + " ".join(pinpoint.group("loc").split()), after[pinpoint.end() :]
    first.tail = after
    _replace(first, "[" + "; ".join(f"@{keys[i]}" for i in cited) + locator + "]")


def _pieces(holder: Any, links: set[Any]) -> list[tuple[Optional[Any], str]]:
    """The holder's content as (link, its text) and (None, text between links)."""
    pieces: list[tuple[Optional[Any], str]] = []
    text = holder.text or ""
    for child in holder.iter():
        if child is holder:
            continue
        if child in links:
            pieces.append((None, text))
            pieces.append((child, child.text_content()))
            text = child.tail or ""
        elif not any(p in links for p in child.iterancestors()):
            text += (child.text or "") + (child.tail or "")
    pieces.append((None, text))
    return pieces


def _drop(block: Any) -> None:
    parent = block.getparent()
    if parent is not None:
        block.tail = None
        parent.remove(block)


def _entry_text(block: Any) -> tuple[str, list[str]]:
    """The entry's text, italics marked as the reference-string parser expects, and its links."""
    parts: list[str] = []

    def walk(el: Any) -> None:
        italic = el.tag in ("i", "em", "cite") and el.get("id") is None
        parts.append("\x01" if italic else "")
        parts.append(el.text or "")
        for child in el:
            if isinstance(child.tag, str) and "csl-left-margin" not in _classes(child):
                walk(child)
            parts.append(child.tail or "")
        parts.append("\x02" if italic else "")

    walk(block)
    text = _LEADING_LABEL.sub("", " ".join("".join(parts).split()))
    links = [str(h) for h in block.xpath(".//a/@href") if re.match(r"https?://", str(h))]
    return text, links


def _reference(block: Any) -> Reference:
    """The entry parsed into a reference (its key is given once all keys are known)."""
    from .reflists import reference_fields

    text, links = _entry_text(block)
    return Reference(key="entry", **reference_fields(parse(text, links)))
