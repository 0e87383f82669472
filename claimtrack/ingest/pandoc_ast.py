"""pandoc's JSON AST to a :class:`~.document.Document`: one walk for every format pandoc reads.

``Note`` elements are footnotes (their blocks become the definition's Markdown,
links as ``[text](url)``; a ``[^N]`` marker stays in the paragraph where the
note was), ``Cite`` elements are written back as pandoc citation syntax
(``[@key, p. 4]``, ``@key``) for the citation-style readers, headers are
sections, and what is never a claim is never a paragraph: code, raw blocks,
display math, images, captions, navigation (a paragraph or list of nothing but
links) and tables of numbers.

Note references and definitions that other tools leave in HTML come here
already rewritten by :mod:`.html_notes`: a marker placeholder in the text and
a ``Div`` with the id ``ctnote-LABEL`` holding the note.
"""

from __future__ import annotations

import re
from typing import Any, Optional

from .document import Document, FootnoteDef, Paragraph, Sections
from .reflists import HEADINGS as _REFERENCE_HEADING  # "References" is a section, never the title

# A note marker in a paragraph written by this module.  Unlike a Markdown file's,
# "[^1]:" is a marker too: paragraphs here never hold definitions.
MARKER = re.compile(r"\[\^([^\]\s]+)\]")

Node = dict[str, Any]
NOTE_OPEN, NOTE_CLOSE = "\ue010", "\ue011"  # a note reference left by html_notes: OPEN label CLOSE
NOTE_DIV = "ctnote-"  # id prefix of a note definition left by html_notes
_PLACEHOLDER = re.compile(f"{NOTE_OPEN}([^{NOTE_CLOSE}]*){NOTE_CLOSE}")
# Escaped: only what would change meaning in Markdown.  "[see @key]" written as text in a
# DOCX stays as it is, for the citation readers; so does an underscore inside a word.
_ESCAPE = re.compile(r"([\\`*<&]|\[(?=\^)|\](?=\()|(?<![^\W_])_|_(?![^\W_]))")
_URLISH = re.compile(r"^(?:https?://|www\.)\S+$")
_SIMPLE_MATH = re.compile(r"^[\w\s.,%+\-=<>()/]{1,40}$")
_SKIP_CLASSES = {"nav", "navbar", "navigation", "menu", "toc", "breadcrumb", "breadcrumbs", "sidebar"}
_TEMPLATE_ONLY = re.compile(r"^\s*(?:\{[{%:].*[}%]\}\s*)+$")
_LINK_SEPARATORS = re.compile(r"^[\s|·•,;:/\-–—»«>]*$")
_CITEKEY_PLAIN = re.compile(r"^[\w][\w:.#$%&\-+?<>~/]*[\w]$|^\w$")


class Walker:
    """Walks the AST once, collecting paragraphs, footnotes and sections."""

    def __init__(self, labels: Optional[list[str]] = None) -> None:
        self.doc = Document(report={"title": None, "authors": []}, marker=MARKER)
        self.sections = Sections()
        self.notes = 0
        self.labels = labels or []  # the author's labels of the notes, in order, when known
        self.defined: dict[str, FootnoteDef] = {}

    # -- blocks -----------------------------------------------------------
    def body(self, blocks: list[Node]) -> None:
        for block in blocks:
            self.block(block)

    def block(self, block: Node) -> None:
        kind, content = block["t"], block.get("c")
        if kind in ("Para", "Plain"):
            self.paragraph(content)
        elif kind == "LineBlock":
            self.paragraph([x for line in content for x in [*line, {"t": "Space"}]])
        elif kind == "Header":
            self.header(content[0], content[2])
        elif kind == "BlockQuote":
            self.body(content)
        elif kind == "OrderedList":
            self.list_items(content[1])
        elif kind == "BulletList":
            self.list_items(content)
        elif kind == "DefinitionList":
            for term, definitions in content:
                self.paragraph(term)
                for blocks in definitions:
                    self.body(blocks)
        elif kind == "Div":
            self.div(content[0], content[1])
        elif kind == "Table":
            self.table(content)
        elif kind == "Figure":
            self.keep_notes_only(content[2])
        # CodeBlock, RawBlock, HorizontalRule: never claims

    def div(self, attr: list[Any], blocks: list[Node]) -> None:
        ident, classes = attr[0], set(attr[1])
        if ident.startswith(NOTE_DIV):
            label = ident[len(NOTE_DIV) :]
            self.defined[label] = FootnoteDef(label, 0, self.note_markdown(blocks))
        elif classes & _SKIP_CLASSES:
            return
        else:
            self.body(blocks)

    def list_items(self, items: list[list[Node]]) -> None:
        if items and all(_only_links(item) for item in items):
            return  # a menu, a table of contents
        for item in items:
            self.body(item)

    def table(self, content: list[Any]) -> None:
        """Cells of prose (or with a note) are paragraphs; cells of figures and labels are not."""
        self.keep_notes_only(content[1][1])  # the caption
        head, bodies, foot = content[3], content[4], content[5]
        rows = list(head[1]) + [r for body in bodies for r in (*body[2], *body[3])] + list(foot[1])
        if self.reference_table(rows):
            return
        for row in rows:
            for cell in row[1]:
                for block in cell[4]:
                    text = _stringify([block])
                    if len(re.findall(r"[^\W\d_]{2,}", text)) >= 8 or _has_note(block):
                        self.block(block)

    def reference_table(self, rows: list[Any]) -> bool:
        """A reference list set as a table: "[AVRA16]" in the first cell, the entry beside it (and in
        the rows below, up to the next label). Each entry becomes one paragraph, label first."""
        entries: list[list[Node]] = []
        for row in rows:
            cells = [[i for b in cell[4] if b["t"] in ("Plain", "Para") for i in b["c"]] for cell in row[1]]
            cells = [c for c in cells if _stringify(c).strip()]
            if not cells:
                continue
            joined = [i for n, c in enumerate(cells) for i in ([{"t": "Space"}] if n else []) + c]
            if _TABLE_LABEL.fullmatch(_stringify(cells[0]).strip()):
                entries.append(joined)
            elif entries:
                entries[-1] += [{"t": "Space"}, *joined]
            else:
                return False
        if len(entries) < 2:
            return False
        for entry in entries:
            self.block({"t": "Para", "c": entry})
        return True

    def keep_notes_only(self, blocks: list[Node]) -> None:
        """A caption is no claim, but the notes it carries still count."""
        for block in blocks:
            if _has_note(block):
                self.block(block)

    def header(self, level: int, inlines: list[Node]) -> None:
        title = _stringify(inlines).strip(" :")
        if not title:
            return
        if level == 1 and not self.doc.report.get("title") and not _REFERENCE_HEADING.match(title):
            self.doc.report["title"] = title
            return
        self.sections.enter(level, title)

    def paragraph(self, inlines: list[Node]) -> None:
        if _only_links_inline(inlines):
            return  # navigation: "Home | About | Next post »"
        if all(x["t"] in ("Code", "Space", "SoftBreak", "LineBreak") for x in inlines):
            return  # a line of code set inline
        markdown = " ".join(self.inlines(inlines).split())
        if not markdown or _TEMPLATE_ONLY.match(markdown):
            return
        if not re.search(r"[^\W_]", MARKER.sub("", markdown)):
            # nothing but note markers (or punctuation): they close the paragraph before
            if MARKER.search(markdown) and self.doc.paragraphs:
                self.doc.paragraphs[-1].markdown += "".join(m.group(0) for m in MARKER.finditer(markdown))
            return
        self.doc.paragraphs.append(Paragraph(markdown, 0, 0, self.sections.current))

    # -- inlines ----------------------------------------------------------
    def inlines(self, inlines: list[Node], in_note: bool = False) -> str:
        return "".join(self.inline(x, in_note) for x in inlines)

    def inline(self, node: Node, in_note: bool) -> str:
        kind, c = node["t"], node.get("c")
        if kind == "Str":
            return _str(c)
        if kind in ("Space", "SoftBreak", "LineBreak"):
            return " "
        if kind in ("Emph", "Underline", "SmallCaps"):
            return _wrap("*", self.inlines(c, in_note))
        if kind == "Strong":
            return _wrap("**", self.inlines(c, in_note))
        if kind == "Superscript" and re.fullmatch(r"[\d,–-]+", text := self.inlines(c, in_note).strip()):
            return f"^{text}^"  # a superscript number cites a numbered list (reflists)
        if kind in ("Strikeout", "Superscript", "Subscript", "Span"):
            return self.inlines(c if kind != "Span" else c[1], in_note)
        if kind == "RawInline" and c[0] == "html" and re.fullmatch(r"</?sup>", c[1].strip().lower()):
            return c[1].strip().lower()  # <sup>3</sup> in Markdown: kept for numbered citations
        if kind == "Quoted":
            left, right = ("“", "”") if c[0]["t"] == "DoubleQuote" else ("‘", "’")
            return f"{left}{self.inlines(c[1], in_note)}{right}"
        if kind == "Code":
            return _code(c[1])
        if kind == "Math":
            return c[1] if c[0]["t"] == "InlineMath" and _SIMPLE_MATH.match(c[1]) else ""
        if kind == "Link":
            return self.link(c, in_note)
        if kind == "Cite":
            return self.cite(c[0], in_note)
        if kind == "Note":
            return self.note(c, in_note)
        return ""  # Image, RawInline: no text of the report

    def link(self, c: list[Any], in_note: bool) -> str:
        text = self.inlines(c[1], in_note).strip()
        url = c[2][0].strip()
        if not url or url.startswith("#"):
            return text
        url = url.replace(" ", "%20")
        if _stringify(c[1]).strip() in (url, url.removeprefix("mailto:")) or not text:
            return f"<{url}>"
        return f"[{text}]({url})"

    def cite(self, citations: list[Node], in_note: bool) -> str:
        """pandoc's citation syntax, exactly as a Markdown author writes it."""
        narrative = [c for c in citations if c["citationMode"]["t"] == "AuthorInText"]
        if narrative and len(narrative) == len(citations):
            parts = []
            for c in citations:
                suffix = self.inlines(c["citationSuffix"], in_note).strip()
                parts.append(f"@{_key(c['citationId'])}" + (f" [{suffix.lstrip(', ')}]" if suffix else ""))
            return " and ".join(parts)
        pieces = []
        for c in citations:
            prefix = self.inlines(c["citationPrefix"], in_note).strip()
            suffix = self.inlines(c["citationSuffix"], in_note).strip()
            dash = "-" if c["citationMode"]["t"] == "SuppressAuthor" else ""
            piece = f"{prefix} {dash}@{_key(c['citationId'])}".strip()
            if suffix:
                piece += suffix if suffix.startswith(",") else f", {suffix}"
            pieces.append(piece)
        return "[" + "; ".join(pieces) + "]"

    def note(self, blocks: list[Node], in_note: bool) -> str:
        if in_note:  # a note inside a note: its text, in parentheses
            return f" ({self.note_markdown(blocks)})"
        self.notes += 1
        label = self.labels[self.notes - 1] if self.notes <= len(self.labels) else str(self.notes)
        if label not in self.defined:  # a label cited twice is one note
            self.defined[label] = FootnoteDef(label, 0, self.note_markdown(blocks))
            self.doc.footnotes.append(self.defined[label])
        return f"[^{label}]"

    def note_markdown(self, blocks: list[Node]) -> str:
        """A note's blocks as Markdown paragraphs (lists and quotes flattened)."""
        parts: list[str] = []

        def walk(items: list[Node]) -> None:
            for block in items:
                kind, c = block["t"], block.get("c")
                if kind in ("Para", "Plain"):
                    parts.append(" ".join(self.inlines(c, True).split()))
                elif kind == "LineBlock":
                    parts.append(
                        " ".join(self.inlines([x for ln in c for x in [*ln, {"t": "Space"}]], True).split())
                    )
                elif kind in ("BlockQuote", "Div"):
                    walk(c if kind == "BlockQuote" else c[1])
                elif kind in ("BulletList", "OrderedList"):
                    for item in c if kind == "BulletList" else c[1]:
                        walk(item)
                elif kind == "Header":
                    parts.append(" ".join(self.inlines(c[2], True).split()))

        walk(blocks)
        return "\n\n".join(p for p in parts if p)


# -- helpers ----------------------------------------------------------------


def _str(text: str) -> str:
    if NOTE_OPEN in text:
        pieces = _PLACEHOLDER.split(text)  # text, label, text, label, ...
        return "".join(_str(p) if i % 2 == 0 else f"[^{p}]" for i, p in enumerate(pieces))
    if _URLISH.match(text):
        # a bare URL stays whole: escaping its "_" would change it
        trail = re.search(r"[.,;:)\]]+$", text)
        cut = trail.group(0) if trail else ""
        url = text[: len(text) - len(cut)]
        return (f"<{url}>" if "://" in url else url) + _ESCAPE.sub(r"\\\1", cut)
    if "[^" in text:  # a marker with no definition stays a marker (the audit reports it)
        pieces = _DANGLING.split(text)
        return "".join(_ESCAPE.sub(r"\\\1", p) if i % 2 == 0 else p for i, p in enumerate(pieces))
    return _ESCAPE.sub(r"\\\1", text)


_DANGLING = re.compile(r"(\[\^[^\]\s]+\])")


def _wrap(mark: str, inner: str) -> str:
    stripped = inner.strip()
    if not stripped:
        return inner
    lead = inner[: len(inner) - len(inner.lstrip())]
    trail = inner[len(inner.rstrip()) :]
    return f"{lead}{mark}{stripped}{mark}{trail}"


def _code(text: str) -> str:
    ticks = max((len(m) for m in re.findall(r"`+", text)), default=0) + 1
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{'`' * ticks}{pad}{text}{pad}{'`' * ticks}"


def _key(key: str) -> str:
    return key if _CITEKEY_PLAIN.match(key) else "{" + key + "}"


def _stringify(nodes: Any) -> str:
    """Plain text of any piece of the AST."""
    out: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            kind = node.get("t")
            if kind == "Str":
                out.append(node["c"])
            elif kind in ("Space", "SoftBreak", "LineBreak"):
                out.append(" ")
            elif kind in ("Code", "Math"):
                out.append(node["c"][1])
            elif kind in ("RawInline", "RawBlock", "CodeBlock", "Note", "Image"):
                return
            elif kind == "Cite":
                walk(node["c"][1])
            elif "c" in node:
                walk(node["c"])

    walk(nodes)
    return "".join(out)


def _has_note(node: Any) -> bool:
    if isinstance(node, list):
        return any(_has_note(x) for x in node)
    if isinstance(node, dict):
        if node.get("t") == "Note" or (node.get("t") == "Str" and NOTE_OPEN in node["c"]):
            return True
        return _has_note(node.get("c"))
    return False


def _only_links_inline(inlines: list[Node]) -> bool:
    """A run of links with nothing but separators between them (navigation, a menu)."""
    links = [x for x in inlines if x["t"] == "Link"]
    if not links or _has_note(inlines):
        return False
    if all(_cites_in_page(link) for link in links):
        return False  # "[[NEUG18]](#ref_neug18)" on a line of its own cites the text above it
    rest = [x for x in inlines if x["t"] != "Link"]
    return bool(_LINK_SEPARATORS.match(_stringify(rest)))


# "[12]", "[AVRA16]", "[NIST]"; not a checkbox "[x]"
_TABLE_LABEL = re.compile(r"\[(?:\d{1,4}|(?=[\w+.-]*\d)[^\W\d_][\w+.-]{1,15}|[A-Z]{2,10})\]")


def _cites_in_page(link: Node) -> bool:
    """A link to an anchor of the page showing a label: "[NEUG18]", "[3]" (a citation, not a menu)."""
    target = link["c"][2][0]
    return target.startswith("#") and bool(
        re.fullmatch(r"\[[\w+.-]{1,16}\]|\d{1,4}", _stringify(link["c"][1]).strip())
    )


def _only_links(item: list[Node]) -> bool:
    return (
        len(item) >= 1
        and all(b["t"] in ("Plain", "Para") for b in item[:1])
        and _only_links_inline(item[0]["c"])
        and all(b["t"] in ("BulletList", "OrderedList") for b in item[1:])
    )


def meta_value(value: Node) -> Any:
    """A pandoc MetaValue as plain Python: strings, lists, dicts, booleans."""
    kind, c = value.get("t"), value.get("c")
    if kind == "MetaMap":
        return {k: meta_value(v) for k, v in c.items()}
    if kind == "MetaList":
        return [meta_value(v) for v in c]
    if kind == "MetaBool":
        return bool(c)
    if kind == "MetaString":
        return c
    return " ".join(_stringify(c).split())  # MetaInlines, MetaBlocks


def note_count(node: Any) -> int:
    """``Note`` elements in a piece of the AST, notes inside notes not counted."""
    if isinstance(node, list):
        return sum(note_count(x) for x in node)
    if isinstance(node, dict):
        return 1 if node.get("t") == "Note" else note_count(node.get("c"))
    return 0


_FENCED = re.compile(r"^(\s*)(`{3,}|~{3,}).*?^\1\2[`~]*[ \t]*$", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+).+?\1", re.S)
_NOTE_REF = re.compile(r"\[\^([^\]\s]+)\](?!:)|\^\[")


def markdown_labels(text: str) -> list[str]:
    """The labels of a Markdown text's note references in order (``^[inline]`` notes numbered)."""
    text = _CODE_SPAN.sub("", _FENCED.sub("", text))
    labels, inline = [], 0
    for match in _NOTE_REF.finditer(text):
        if match.group(1):
            labels.append(match.group(1))
        else:
            inline += 1
            labels.append(f"i{inline}")
    return labels


def read(
    ast: dict[str, Any], meta: Optional[dict[str, Any]] = None, labels: Optional[list[str]] = None
) -> Document:
    """The Document of a pandoc AST; ``meta`` (front matter read by us) overrides pandoc's.

    ``labels``: the author's note labels in order (Markdown); used only when
    there are exactly as many as pandoc found notes.
    """
    if labels is not None and len(labels) != note_count(ast.get("blocks", [])):
        labels = None
    walker = Walker(labels)
    doc = walker.doc
    doc.meta = {k: meta_value(v) for k, v in ast.get("meta", {}).items()}
    doc.meta.update(meta or {})
    _report_fields(doc)  # a title in the metadata: the first heading is a section, not the title
    walker.body(ast.get("blocks", []))
    # Notes defined by html_notes, in the order their markers appear.
    order = [m.group(1) for p in doc.paragraphs for m in MARKER.finditer(p.markdown)]
    known = {f.label for f in doc.footnotes}
    for label in dict.fromkeys(order):
        if label not in known and label in walker.defined:
            doc.footnotes.append(walker.defined[label])
            known.add(label)
    for note in doc.footnotes:  # notes of notes, after the note citing them (the list grows)
        for match in MARKER.finditer(note.markdown):
            if match.group(1) not in known and match.group(1) in walker.defined:
                doc.footnotes.append(walker.defined[match.group(1)])
                known.add(match.group(1))
    _report_fields(doc)
    return doc


def _report_fields(doc: Document) -> None:
    meta = doc.meta
    if isinstance(meta.get("title"), str) and meta["title"].strip():
        doc.report["title"] = meta["title"].strip()
    authors = meta.get("author") or meta.get("authors") or []
    authors = [authors] if isinstance(authors, (str, dict)) else authors
    names = [a.get("name", "") if isinstance(a, dict) else str(a) for a in authors]
    if names:
        doc.report["authors"] = [n for n in names if n]
    date = meta.get("date")
    if isinstance(date, str) and re.match(r"^\d{4}(-\d\d){0,2}", date):
        doc.report["date"] = date[:10]
