"""Which reader reads a report: by the file's content first, then its extension, or ``--from``.

Every reader gives the same :class:`~.document.Document`.  The bundled shapes
keep their own readers (``sup_footnotes`` for PDF conversions to Markdown with
page-foot ``<sup>`` notes, ``author_year``); everything pandoc reads goes through
its AST (:mod:`.pandoc_ast`), HTML after :mod:`.html_notes` has turned the
footnote conventions of blogs, Word and wikis into notes; PDFs are read from
their characters (:mod:`.pdf`).  A file nothing here can read gets one line
saying what it looks like and what is supported, never a silent misreading.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..errors import InputError
from ..model import ReportFormat as F
from ..textfile import read_text
from . import author_year, md_footnotes, sup_footnotes
from .document import Document
from .hygiene import front_matter, strip_templates
from .locate import place

# --from values: pandoc reader names (and flavours) plus the bundled shapes
PANDOC_READERS = {
    "markdown": "markdown-smart",
    "gfm": "gfm",
    "commonmark": "commonmark_x",
    "markdown_mmd": "markdown_mmd-smart",
    "kramdown": "markdown-smart",  # kramdown's extras are blanked by hygiene first
    "html": "html",
    "docx": "docx",
    "odt": "odt",
    "rtf": "rtf",
    "epub": "epub",
    "latex": "latex",
    "rst": "rst-smart",
    "org": "org",
    "typst": "typst",
}
CHOICES = [*PANDOC_READERS, "pdf", F.SUP_FOOTNOTES.value, F.MARKDOWN_FOOTNOTES.value, F.AUTHOR_YEAR.value]
_MARKDOWN_FLAVOURS = {"markdown", "gfm", "commonmark", "markdown_mmd", "kramdown"}

EXTENSIONS = {
    ".txt": "text", ".md": "text", ".markdown": "text", ".mdown": "text", ".mkd": "text",
    ".rmd": "text", ".qmd": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".docx": "docx", ".odt": "odt", ".rtf": "rtf", ".epub": "epub",
    ".tex": "latex", ".latex": "latex", ".ltx": "latex",
    ".rst": "rst", ".rest": "rst", ".org": "org", ".typ": "typst", ".pdf": "pdf",
}  # fmt: skip
REPORT_SUFFIXES = set(EXTENSIONS)
_BINARY = {"docx", "odt", "epub", "rtf", "pdf"}
_SUPPORTED = (
    "supported: Markdown (.md .txt), HTML, DOCX, ODT, RTF, EPUB, LaTeX, reStructuredText, Org, Typst, PDF"
)
_FORMAT_OF = {
    "html": F.HTML, "docx": F.DOCX, "odt": F.ODT, "rtf": F.RTF, "epub": F.EPUB, "latex": F.LATEX,
    "rst": F.RST, "org": F.ORG, "typst": F.TYPST, "pdf": F.PDF,
}  # fmt: skip
_LATEX = re.compile(r"^\s*\\(?:documentclass|begin\{document\}|section\*?\{|chapter\*?\{)", re.M)
_HTML = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
# MultiMarkdown metadata: "Title: ..." first, then more "Key: value" lines, then a blank line
_MMD_META = re.compile(r"^title:[ \t]*\S.*\n(?:[A-Za-z][\w -]{0,30}:[ \t]*\S.*\n)*\s*\n", re.I)
_ANCHOR_LINK = re.compile(r"\]\(#([^)\s]+)\)|href=[\"']#([^\"']+)[\"']")


def reader_for(fmt: F) -> str:
    """The reader (a --from value) that reads a report recorded as ``fmt`` the same way again."""
    return next(
        (k for k, v in _FORMAT_OF.items() if v is fmt), "markdown" if fmt is F.MARKDOWN else fmt.value
    )


@dataclass
class Loaded:
    """A report read: its document, the format it was read as, and what claims are located in."""

    doc: Document
    format: F
    sha256: str
    lines: list[str]


def load(path: Path, forced: Optional[str] = None) -> Loaded:
    data = _read_bytes(path)
    kind = forced or _sniff(data, path)
    if kind in _BINARY:
        return _load_binary(path, data, kind)
    text = _decode_html(data, path) if kind == "html" else read_text(path)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    lines = text.split("\n")
    if kind == "text":
        kind = _text_kind(text, path)
    bundled = {F.SUP_FOOTNOTES.value: sup_footnotes.parse, F.AUTHOR_YEAR.value: author_year.parse}
    if kind in bundled:
        return Loaded(bundled[kind](text), F(kind), sha, lines)

    doc, fmt = _read_text_format(text, kind, path)
    return Loaded(doc, fmt, sha, place(doc, text))


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        read_text(path)  # the one-line error for a missing file, a directory, no permission
        raise


def _sniff(data: bytes, path: Path) -> str:
    """The reader a file needs, from its first bytes, else its extension."""
    head = data[:1024]
    suffix = path.suffix.lower()
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(path)
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(
            f"a legacy Word/Office (OLE) file: save it as .docx or .odt first; {_SUPPORTED}", path
        )
    if b"\x00" in data or suffix not in EXTENSIONS:
        if suffix in EXTENSIONS and EXTENSIONS[suffix] == "text":
            return "text"  # read_text says "binary file" with its line
        what = "binary data" if b"\x00" in data else f"a {suffix or 'extensionless'} file"
        raise InputError(
            f"{what}, not a report format claimtrack reads; {_SUPPORTED} (or --from FORMAT)", path
        )
    kind = EXTENSIONS[suffix]
    if kind == "text":
        sample = data[:4096].decode("utf-8", "replace")
        if _HTML.match(sample):
            return "html"
        if _LATEX.search(sample):
            return "latex"
    return kind


def _zip_kind(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            mimetype = (
                archive.read("mimetype").decode("ascii", "replace").strip() if "mimetype" in names else ""
            )
    except (zipfile.BadZipFile, OSError):
        raise InputError(f"a damaged ZIP archive (a DOCX, ODT or EPUB?); {_SUPPORTED}", path) from None
    if "word/document.xml" in names:
        return "docx"
    if mimetype == "application/vnd.oasis.opendocument.text":
        return "odt"
    if mimetype == "application/epub+zip":
        return "epub"
    what = {
        "application/vnd.oasis.opendocument.spreadsheet": "an ODS spreadsheet",
        "application/vnd.oasis.opendocument.presentation": "an ODP presentation",
    }.get(mimetype)
    if not what:
        what = next(
            (
                w
                for key, w in (("xl/", "an Excel workbook"), ("ppt/", "a PowerPoint deck"))
                if any(n.startswith(key) for n in names)
            ),
            "a ZIP archive",
        )
    raise InputError(f"{what}, not a document; {_SUPPORTED}", path)


def _decode_html(data: bytes, path: Path) -> str:
    """HTML in its declared encoding (Word's HTML is often windows-1252)."""
    if b"\x00" in data:
        read_text(path)
    try:
        return data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError:
        pass
    declared = re.search(rb"charset=[\"']?([\w-]+)", data[:4096], re.I)
    for encoding in ([declared.group(1).decode("ascii")] if declared else []) + ["cp1252"]:
        try:
            return data.decode(encoding).replace("\r\n", "\n").replace("\r", "\n")
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("latin-1")


def _text_kind(text: str, path: Path) -> str:
    """A Markdown or plain-text report: which of the shapes it is."""
    if md_footnotes.detect(text):
        return "markdown"
    from .reflists import has_heading

    listed = has_heading(text)  # a reference list under its heading: numbered or author-date citations
    if sup_footnotes.detect(text) and not (listed and not re.search(r"(?m)^\s*<sup>\s*\d+\s*</sup>", text)):
        return F.SUP_FOOTNOTES.value
    if author_year.detect(text) and not listed:
        return F.AUTHOR_YEAR.value
    return "markdown"


def _read_text_format(text: str, kind: str, path: Path) -> tuple[Document, F]:
    from . import html_notes, pandoc, pandoc_ast

    if kind == F.MARKDOWN_FOOTNOTES.value:
        kind = "markdown"
    if kind in _MARKDOWN_FLAVOURS:
        meta, body = front_matter(text)
        body = strip_templates(body)
        reader = PANDOC_READERS[kind]
        if path.suffix.lower() in (".txt", ".text") and not md_footnotes.detect(text) and "```" not in body:
            # plain text: an indented paragraph is a paragraph, not a code block
            body = "\n".join(line.lstrip() for line in body.split("\n"))
        if kind == "markdown" and not meta and _MMD_META.match(body):
            reader = PANDOC_READERS["markdown_mmd"]  # "Title: ..." lines open the file: MultiMarkdown
        # Plain Markdown stays "markdown-footnotes", as it always was; "markdown" is Markdown
        # whose notes are HTML anchors, read through HTML where html_notes finds them.
        fmt = F.MARKDOWN_FOOTNOTES
        if not md_footnotes.detect(text) and _anchor_notes(body):
            from . import html_citations

            cited, items = html_citations.rewrite(pandoc.html_of(body, reader, path))
            html = html_notes.prepare(cited)
            doc = pandoc_ast.read(pandoc.to_ast(None, "html", text=html, name=path), meta)
            doc.inline_references = items
            fmt = F.MARKDOWN
        else:
            ast = pandoc.to_ast(None, reader, text=body, name=path)
            doc = pandoc_ast.read(ast, meta, pandoc_ast.markdown_labels(body))
        return _check(doc, fmt, path), fmt
    if kind == "html":
        from . import html_citations

        # citations linked to their entry first: html_notes would take the links for notes
        cited, items = html_citations.rewrite(strip_templates(text))
        html = html_notes.prepare(cited)
        doc = pandoc_ast.read(pandoc.to_ast(None, "html", text=html, name=path))
        doc.inline_references = items
        return _check(doc, F.HTML, path), F.HTML
    if kind not in PANDOC_READERS:
        raise InputError(f"cannot read it as {kind!r}; --from takes one of: {', '.join(CHOICES)}", path)
    if kind == "typst":  # citation supplements and #bibliography(), which pandoc drops
        from . import typst

        prepared, meta = typst.prepare(text)
        doc = pandoc_ast.read(pandoc.to_ast(None, "typst", text=prepared, name=path), meta)
        return _check(doc, F.TYPST, path), F.TYPST
    if kind == "latex":
        from . import latexbib

        # the paper's own list is read from its source, by \bibitem keys; pandoc's rendering
        # of it (keys dropped, entries run together) is taken out: entries are never claims
        ast = latexbib.without_lists(pandoc.to_ast(path, PANDOC_READERS[kind], name=path))
        doc = pandoc_ast.read(ast)
        latexbib.attach(doc, path, text)
        return _check(doc, F.LATEX, path), F.LATEX
    doc = pandoc_ast.read(pandoc.to_ast(path, PANDOC_READERS[kind], name=path))
    return _check(doc, _FORMAT_OF[kind], path), _FORMAT_OF[kind]


def _anchor_notes(text: str) -> bool:
    """Links to in-page anchors that the same text defines with name= or id= (HTML notes)."""
    targets = {a or b for a, b in _ANCHOR_LINK.findall(text)}
    return any(re.search(rf"(?:name|id)=[\"']{re.escape(t)}[\"']", text) for t in list(targets)[:200])


def _load_binary(path: Path, data: bytes, kind: str) -> Loaded:
    from . import docx_citations, odt, pandoc, pandoc_ast

    sha = hashlib.sha256(data).hexdigest()
    if kind == "pdf":
        from . import pdf

        doc = pdf.read(path)
        return Loaded(_check(doc, F.PDF, path), F.PDF, sha, place(doc, None))
    if kind == "epub":
        # chapters are HTML: their notes may be links and anchors, as in any HTML
        from . import epub, html_notes

        html, meta = epub.to_html(path)
        doc = pandoc_ast.read(pandoc.to_ast(None, "html", text=html_notes.prepare(html), name=path), meta)
    elif kind == "docx" and (cited := docx_citations.rewrite(path)) is not None:
        doc = pandoc_ast.read(pandoc.to_ast(None, "docx", data=cited.data, name=path))
        doc.inline_references = cited.items
    elif kind == "odt" and (prepared := odt.prepare(path)) is not None:
        doc = pandoc_ast.read(pandoc.to_ast(None, "odt", data=prepared[0], name=path))
        doc.inline_references = prepared[1]
    else:
        doc = pandoc_ast.read(pandoc.to_ast(path, PANDOC_READERS[kind], name=path))
    return Loaded(_check(doc, _FORMAT_OF[kind], path), _FORMAT_OF[kind], sha, place(doc, None))


def _check(doc: Document, fmt: F, path: Path) -> Document:
    if not doc.paragraphs:
        raise InputError(f"read as {fmt.value}, but no report text found in it", path)
    return doc


# Formats whose file is the text claims are found in (the audit reads it as it is).
TEXT_SHAPES = {F.SUP_FOOTNOTES, F.MARKDOWN_FOOTNOTES, F.AUTHOR_YEAR, F.MARKDOWN}


def report_text(path: Path, fmt: F, cache: Optional[Path] = None) -> str:
    """The text of a report as ingest read it: the file itself for Markdown shapes, else the
    plain text of the document's paragraphs and notes (markers kept as ``[^N]``), one a line.

    ``cache``: a folder (under ``.claimtrack/``) keeping that text by the file's SHA-256, so a
    200-page PDF is read once, not at every audit.
    """
    if fmt in TEXT_SHAPES:
        return read_text(path)
    from ..atomic import write_text
    from .markdown import plain

    kept = cache / f"{hashlib.sha256(_read_bytes(path)).hexdigest()}-{fmt.value}.txt" if cache else None
    if kept is not None and kept.is_file():
        return kept.read_text("utf-8")
    doc = load(path, reader_for(fmt)).doc
    text = "\n".join(plain(x.markdown) for x in [*doc.paragraphs, *doc.footnotes])
    if kept is not None:
        kept.parent.mkdir(parents=True, exist_ok=True)
        write_text(kept, text)
    return text
