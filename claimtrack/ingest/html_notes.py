"""Footnotes in HTML that pandoc leaves as plain links and superscripts, made notes.

The conventions seen in real pages: kramdown/Jekyll and Hugo (``<sup
id="fnref:1"><a href="#fn:1">1</a></sup>`` and ``<li id="fn:1">``), pandoc's
own HTML (``<a href="#fn1" class="footnote-ref">``), Word's "save as HTML"
(``<a href="#_ftn1">[1]</a>`` and ``<div id="ftn1">``), hand-written anchors
(``<sup><a href="#myfootnote12">12</a></sup>`` with ``<a name="myfootnote12">12</a>:``),
WordPress plugins (Easy Footnotes, Footnotes Made Easy, Modern Footnotes) and
Wikipedia (``<sup class="reference">`` with ``<ol class="references">``).

What they share: a short label (a number, a letter, a symbol), usually in a
superscript, linking to an element of the same page that holds the note.  Each
reference becomes a placeholder :mod:`.pandoc_ast` reads as a marker, and each
note a ``<div id="ctnote-LABEL">`` at the end of the page.  Site chrome
(navigation, menus, scripts, share buttons) is dropped before pandoc reads it,
and an ``<a>`` whose only text is a URL gets that URL as its target.
"""

from __future__ import annotations

import re
from typing import Optional
from urllib.parse import unquote

import lxml.html
from lxml import etree

from .pandoc_ast import NOTE_CLOSE, NOTE_DIV, NOTE_OPEN
from .xmltext import remove as _remove
from .xmltext import replace_with_text as _replace_with_text

_JUNK_TAGS = ("script", "style", "noscript", "template", "nav", "form", "button", "iframe", "svg", "select")
_JUNK_ROLES = {"navigation", "banner", "search", "contentinfo", "menu", "menubar"}
_JUNK_CLASSES = {
    "nav", "navbar", "navigation", "menu", "sidebar", "breadcrumb", "breadcrumbs", "share", "sharing",
    "social", "share-buttons", "related", "related-posts", "comments", "comment-respond", "cookie",
    "newsletter", "mw-editsection", "toc", "site-header", "site-footer", "skip-link", "pagination",
    "post-navigation", "navbox", "mw-jump-link", "printfooter", "catlinks",
}  # fmt: skip
# "1", "[1]", "(a)", "iv", "*", and Wikipedia's grouped "[n 8]", "[note 2]"
_LABEL = re.compile(
    r"^\s*[\[(]?\s*((?:[a-zA-Z]{1,12}\s)?(?:\d{1,4}|[a-zA-Z]{1,2}|[ivxlcIVXLC]{1,6}|[*†‡§¶]{1,3}))\s*[\])]?\s*$"
)
_NOTEISH = re.compile(r"fn|foot|note|ftn|cite|ref|endnote", re.I)
_BLOCKS = {"li", "p", "div", "aside", "section", "dd", "td", "blockquote", "footer", "article"}
_BACKLINK_TEXT = re.compile(r"^\s*(?:[↩↑^︎\u21a9\ufe0e]+|back|return|\^)\s*$", re.I)
_URL_TEXT = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$")
_INLINE_NOTE = "modern-footnotes-footnote__note"


def prepare(html: str) -> str:
    """The page with its notes rewritten for pandoc, and its chrome taken out."""
    if not html.strip():
        return html
    # lxml refuses text that declares its own encoding (XHTML from tex4ht, EPUB chapters)
    root = lxml.html.document_fromstring(re.sub(r"^\s*<\?xml[^>]*\?>", "", html))
    _drop_chrome(root)
    _give_urls_targets(root)
    notes = _inline_notes(root) + _anchored_notes(root)
    body = root.find("body")
    if body is None:
        return html
    container = _main_container(body)
    out = etree.Element("html")
    head = root.find("head")
    if head is not None:
        out.append(head)
    new_body = etree.SubElement(out, "body")
    if container is body:
        for child in list(body):
            new_body.append(child)
        new_body.text = body.text
    else:
        new_body.append(container)
    # pandoc reads only the <main> of a page that has one: the notes go inside it
    home = new_body.find(".//main")
    home = new_body if home is None else home
    for label, block in notes:
        div = etree.SubElement(home, "div", id=f"{NOTE_DIV}{label}")
        div.append(block)
    return lxml.html.tostring(out, encoding="unicode")


def _classes(el: etree._Element) -> set[str]:
    return set((el.get("class") or "").split())


def _drop_chrome(root: etree._Element) -> None:
    for el in list(root.iter(etree.Comment, etree.ProcessingInstruction)):
        _remove(el)
    for el in list(root.iter(*_JUNK_TAGS)):
        _remove(el)
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.tag in ("html", "body"):
            continue
        junk = (el.get("role") or "") in _JUNK_ROLES or _classes(el) & _JUNK_CLASSES
        if junk and el.getparent() is not None:
            _remove(el)


def _give_urls_targets(root: etree._Element) -> None:
    for a in root.iter("a"):
        text = a.text_content()
        if not a.get("href") and _URL_TEXT.match(text):
            url = text.strip()
            a.set("href", url if "://" in url else "http://" + url)


def _main_container(body: etree._Element) -> etree._Element:
    """The page's article when it says which it is; the whole body otherwise."""
    mains = body.findall(".//main")
    if len(mains) == 1:
        return mains[0]
    articles = [a for a in body.findall(".//article") if a.find(".//article") is None]
    if len(articles) == 1:
        return articles[0]
    wiki = body.find(".//div[@id='mw-content-text']")
    return wiki if wiki is not None else body


def _inline_notes(root: etree._Element) -> list[tuple[str, etree._Element]]:
    """Notes written in place (Modern Footnotes): the superscript, then a span holding the note."""
    found = []
    for span in list(root.iter("span")):
        if _INLINE_NOTE not in _classes(span):
            continue
        ref = span.getprevious()
        label = str(len(found) + 1)
        if ref is not None and ref.tag == "sup":
            label = ref.text_content().strip() or label
            _replace_with_text(ref, f"{NOTE_OPEN}m{label}{NOTE_CLOSE}")
        else:
            span.tail = f"{NOTE_OPEN}m{label}{NOTE_CLOSE}" + (span.tail or "")
        span.tag = "div"
        _remove(span)
        span.tail = None
        found.append((f"m{label}", span))
    return found


def _anchored_notes(root: etree._Element) -> list[tuple[str, etree._Element]]:
    anchors: dict[str, etree._Element] = {}
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for name in (el.get("id"), el.get("name") if el.tag == "a" else None):
            if name:
                anchors.setdefault(name, el)
    order = {el: n for n, el in enumerate(root.iter())}  # elements kept alive: stable keys
    refs: list[tuple[etree._Element, str]] = []
    own = _own_urls(root)
    for a in root.iter("a"):
        base, hash_, fragment = (a.get("href") or "").partition("#")
        if not hash_ or not fragment:
            continue
        target = unquote(fragment)
        # A page saved from a browser links its notes by its own full URL.
        if base and base.rstrip("/") not in own and not (target in anchors and _in_sup(a)):
            continue
        el = anchors.get(target)
        if el is None or el is a or el.tag in ("h1", "h2", "h3", "h4", "h5", "h6", "body", "html"):
            continue
        # Notes follow their references; a link back up the page is a backlink.
        if order[el] > order[a] and _looks_like_ref(a, target):
            refs.append((a, target))
    if not refs:
        return []
    targets = list(dict.fromkeys(t for _, t in refs))
    blocks = {t: _note_block(anchors[t], {anchors[x] for x in targets}) for t in targets}
    # (a reference inside a note is a note of the note, as Wikipedia's grouped notes have)
    labels = _labels(refs)
    notes: list[tuple[str, etree._Element]] = []
    taken: set[etree._Element] = set()
    for target in dict.fromkeys(t for _, t in refs):
        block = blocks[target]
        if block in taken:
            continue
        taken.add(block)
        _clean_note(block, anchors[target], labels[target], {t for _, t in refs})
        _remove(block)
        block.tail = None
        if block.tag in ("li", "td", "dd", "aside", "section", "footer", "article"):
            block.tag = "div"
        notes.append((labels[target], block))
    for a, target in refs:
        if target in labels:
            holder = a.getparent()
            node = holder if holder is not None and holder.tag == "sup" and _only_child_text(holder, a) else a
            _replace_with_text(node, f"{NOTE_OPEN}{labels[target]}{NOTE_CLOSE}")
    return notes


def _own_urls(root: etree._Element) -> set[str]:
    found = root.xpath("//link[@rel='canonical']/@href|//meta[@property='og:url']/@content|//base/@href")
    return {str(u).split("#")[0].rstrip("/") for u in found if "://" in str(u)}


def _in_sup(a: etree._Element) -> bool:
    parent = a.getparent()
    return a.find(".//sup") is not None or (parent is not None and parent.tag == "sup")


def _looks_like_ref(a: etree._Element, target: str) -> bool:
    if not _LABEL.match(a.text_content()):
        return False
    parent = a.getparent()
    in_sup = _in_sup(a)
    hints = " ".join(
        filter(None, [a.get("class"), a.get("role"), a.get("id"), a.get("name"), a.get("epub:type"), target])
    )
    if parent is not None:
        hints += " " + " ".join(filter(None, [parent.get("class"), parent.get("id")]))
    return in_sup or bool(_NOTEISH.search(hints))


def _only_child_text(holder: etree._Element, a: etree._Element) -> bool:
    return holder.text_content().strip() == a.text_content().strip()


def _note_block(el: etree._Element, all_targets: set[etree._Element]) -> etree._Element:
    """The element holding the whole note an anchor points at."""
    block = el
    while block.tag not in _BLOCKS and block.getparent() is not None and block.getparent().tag != "body":
        block = block.getparent()
    if block.tag not in _BLOCKS:
        return block
    # Word: <div id="ftn1"><p><a name="_ftn1">[1]</a> ...</p><p>...</p></div>
    parent = block.getparent()
    if (
        block.tag == "p"
        and parent is not None
        and parent.tag in ("div", "li", "aside")
        and parent.getparent() is not None
        and parent.getparent().tag != "html"
        and parent.tag != "body"
        and sum(1 for x in parent.iter() if x in all_targets) == 1
        and parent.find(".//article") is None
        and len(parent.text_content()) < 5000
    ):
        return parent
    return block


def _clean_note(block: etree._Element, anchor: etree._Element, label: str, targets: set[str]) -> None:
    for a in list(block.iter("a")):
        href = a.get("href") or ""
        classes = " ".join(_classes(a)) + " " + (a.get("role") or "")
        backlink = href.startswith("#") and (
            unquote(href[1:]) not in targets
            and (
                _BACKLINK_TEXT.match(a.text_content()) or _LABEL.match(a.text_content()) or "back" in classes
            )
        )
        if backlink or (a is anchor and _LABEL.match(a.text_content() or "")):
            _remove(a)
    for el in list(block.iter()):
        if isinstance(el.tag, str) and _classes(el) & {
            "mw-cite-backlink",
            "footnote-backref",
            "reversefootnote",
        }:
            _remove(el)
    _strip_leading_label(block)


def _strip_leading_label(block: etree._Element) -> None:
    """ "12: text", "[1] text", "1. text": the note's own number is not its text."""
    for el, attr in _text_slots(block):
        value = getattr(el, attr)
        if value and value.strip():
            setattr(el, attr, re.sub(r"^\s*(?:[\[(]?\d{1,4}[\])]?\s*[.:)]?|[.:])\s+", "", value, count=1))
            return


def _text_slots(el: etree._Element):
    yield el, "text"
    for child in el:
        if isinstance(child.tag, str):
            yield from _text_slots(child)
        yield child, "tail"


def _labels(refs: list[tuple[etree._Element, str]]) -> dict[str, str]:
    labels: dict[str, str] = {}
    used: set[str] = set()
    for a, target in refs:
        if target in labels:
            continue
        match = _LABEL.match(a.text_content())
        label: Optional[str] = match.group(1).replace(" ", "") if match else None
        if not label or label in used or not re.fullmatch(r"[\w*†‡§¶]+", label):
            label = f"n{len(labels) + 1}"
        labels[target] = label
        used.add(label)
    return labels
