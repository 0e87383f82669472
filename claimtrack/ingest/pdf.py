"""Text PDFs: the report read from its characters, with their sizes and positions (pdfplumber).

What a PDF keeps of a report is glyphs on pages; the structure is read back
from their geometry:

- the body font size is the most common one; a short run of digits set
  smaller than its line and raised above its baseline is a note marker;
- the footnote zone is the run of smaller lines at the foot of a page: a line
  starting with a number starts a note, the others continue it (across pages
  too); link annotations over a note give its URLs exactly;
- running headers and footers (lines at the top or bottom of the page that
  repeat, digits aside, on many pages) and page numbers are dropped;
- lines join into paragraphs; a word hyphenated at a line end is joined again;
  a paragraph that a page break cut mid-sentence continues on the next page;
- larger or bold short lines are headings.

A PDF with no text layer (scanned pages) gets one line saying so.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import Any, Optional

from ..errors import InputError
from .document import Document, FootnoteDef, Paragraph, Sections, is_open

_MARKER = re.compile(r"\[\^(\d+(?:-\d+)?)\]")
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?(?:\d{1,4}|[ivxlc]{1,6})(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)
_NOTE_START = re.compile(r"^(\d{1,4})[.)]?$")
_URL_START = re.compile(r"(?:https?://|www\.)\S*$")
_URL_CONTINUES = re.compile(r"^[\w/%#?=&.\-~+:;,@!$'*]+")
_ITALIC = re.compile(r"italic|oblique|cmti|-it$|\bit\b", re.I)
# Computer Modern in the OT1 encoding puts dashes and quotes at ASCII positions; a PDF that
# embeds it without a ToUnicode map (XeTeX, old pdfTeX) shows "{" for "–" and "\\" for "“".
_OT1_CM = re.compile(r"(?:^|\+)CM(?:R|TI|BX|SL|SS|CSC|BXTI)\d+$")
_OT1 = str.maketrans({"{": "–", "|": "—", "\\": "“", '"': "”"})
_ENDNOTES = re.compile(r"^(?:end\s*)?notes$", re.I)
_MONO = re.compile(r"mono|courier|consol|code|cmtt|typewriter", re.I)
_BULLET = re.compile(r"^[•▪◦‣●○■□\uf0b7\uf0a7\uf076\uf0d8–-]$")
# TeX's OT1 fonts without a ToUnicode map: pdfminer shows their ligatures as (cid:N)
_LIGATURE = {"11": "ff", "12": "fi", "13": "fl", "14": "ffi", "15": "ffl"}
_LIGATURES = re.compile(r"\(cid:(1[1-5])\)")
_CLOSES = re.compile(r"[.!?…:;][”\"’')\]]*$")


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    mono: bool = False
    italic: bool = False


@dataclass
class Line:
    words: list[Word]
    page: int
    top: float
    bottom: float
    x0: float
    x1: float
    size: float  # the line's main font size
    height: float = 0.0  # of its page
    column: int = 0  # 0, or 1 for the right column of a two-column page
    text: str = ""
    markers: list[tuple[int, str]] = field(default_factory=list)  # (word index, label)

    @property
    def bold(self) -> bool:
        return all(w.bold for w in self.words if w.text.strip())


def read(path: Path) -> Document:
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        with pdfplumber.open(path) as pdf:
            meta = {k.lower(): v for k, v in (pdf.metadata or {}).items() if isinstance(v, str)}
            pages, links, rules = [], [], []
            count = len(pdf.pages)
            for number, page in enumerate(pdf.pages, start=1):
                for column, (left, right, words) in enumerate(_columns(_words(page), float(page.width))):
                    pages.append(_lines(words, number, column, float(page.height)))
                    links.append([(t, b, uri) for x, t, b, uri in _links(page) if left <= x < right])
                    rules.append(_footnote_rule(page, left, right))
    except (PDFSyntaxError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"a PDF that cannot be read ({exc.__class__.__name__})", path) from None
    except Exception as exc:  # pdfminer raises its own types for damaged files
        if exc.__class__.__module__.startswith(("pdfminer", "pdfplumber")):
            raise InputError(f"a PDF that cannot be read ({exc.__class__.__name__})", path) from None
        raise
    if not any(pages):
        raise InputError("scanned PDF: no text layer (only images); OCR it first, e.g. with ocrmypdf", path)
    blank = len(set(range(1, count + 1)) - {ln.page for segment in pages for ln in segment})
    if count >= 2 and blank > count / 2:
        raise InputError(
            f"mostly scanned PDF: {blank} of {count} pages have no text layer; OCR it first, e.g. with ocrmypdf",
            path,
        )
    return _Reader(pages, links, rules, meta).document()


def _words(page: Any) -> list[Word]:
    words = page.extract_words(extra_attrs=["size", "fontname"], x_tolerance=1.5, keep_blank_chars=False)
    return [
        Word(
            _glyphs(w["text"], w["fontname"]),
            w["x0"],
            w["x1"],
            w["top"],
            w["bottom"],
            round(w["size"], 1),
            "bold" in w["fontname"].lower(),
            bool(_MONO.search(w["fontname"])),
            bool(_ITALIC.search(w["fontname"])),
        )
        for w in words
        if w.get("upright", True)
    ]


def _columns(words: list[Word], width: float) -> list[tuple[float, float, list[Word]]]:
    """The page as one column, or as two when a gutter near the middle splits most lines.

    Words across the gutter (a title, a full-width abstract) stay with the left column
    when they are above its text, with the right one when below.
    """
    whole = [(0.0, width + 1, words)]
    if len(words) < 120:
        return whole
    best, crossing = 0.0, len(words)
    for step in range(-30, 31):
        x = width / 2 + step * width / 200
        n = sum(1 for w in words if w.x0 < x < w.x1)
        if n < crossing:
            best, crossing = x, n
    left = [w for w in words if w.x1 <= best]
    right = [w for w in words if w.x0 >= best]
    if crossing > 0.03 * len(words) or min(len(left), len(right)) < 0.03 * len(words):
        return whole
    # two columns only where many lines run up to the gutter on the left and start right after it
    reach = {round(w.top) for w in left if w.x1 > best - 0.12 * width}
    start_right = {round(w.top) for w in right if w.x0 < best + 0.12 * width}
    if len(reach) < 8 or len(start_right) < 3:
        return whole
    # what is above the right column's first line runs across the page (title, abstract)
    start = min(w.top for w in right if w.x0 < best + 0.12 * width) - 1
    above = [w for w in words if w.bottom <= start]
    rest = [w for w in words if w.bottom > start]
    left = [w for w in rest if w.x1 <= best]
    right = [w for w in rest if w.x0 >= best or w.x0 < best < w.x1]
    return [(0.0, best, above + left), (best, width + 1, right)]


def _lines(words: list[Word], number: int, column: int, height: float) -> list[Line]:
    items = sorted(words, key=lambda w: (w.top, w.x0))
    lines: list[list[Word]] = []
    for word in items:
        middle = (word.top + word.bottom) / 2
        home = next((ln for ln in reversed(lines[-3:]) if _overlaps(ln, word, middle)), None)
        if home is None:
            lines.append([word])
        else:
            home.append(word)
    result = []
    for group in lines:
        group.sort(key=lambda w: w.x0)
        size = Counter(w.size for w in group for _ in w.text).most_common(1)[0][0]
        result.append(
            Line(group, number, min(w.top for w in group), max(w.bottom for w in group),
                 min(w.x0 for w in group), max(w.x1 for w in group), size, height, column)
        )  # fmt: skip
    return result


def _glyphs(text: str, font: str) -> str:
    text = _LIGATURES.sub(lambda m: _LIGATURE[m.group(1)], text)
    return text.translate(_OT1) if _OT1_CM.search(font) else text


def _overlaps(line: list[Word], word: Word, middle: float) -> bool:
    top = min(w.top for w in line)
    bottom = max(w.bottom for w in line)
    return top - 1 <= middle <= bottom + 1 or (
        word.top < bottom and word.bottom > top and word.size < line[0].size
    )


def _footnote_rule(page: Any, left: float, right: float) -> Optional[float]:
    """Where the short rule above the footnotes of a column is (LaTeX draws it as a line,
    LibreOffice as a flat rectangle): at the column's left, shorter than it."""
    width, height = min(float(page.width), right) - left, float(page.height)
    found = [
        float(r["top"])
        for r in [*page.lines, *page.rects]
        if abs(float(r["bottom"]) - float(r["top"])) < 2
        and 0.1 * width < float(r["x1"]) - float(r["x0"]) < 0.6 * width
        and left <= float(r["x0"]) < left + 0.3 * width
        and float(r["top"]) > 0.3 * height
    ]
    return min(found) if found else None


def _links(page: Any) -> list[tuple[float, float, float, str]]:
    """(x0, top, bottom, URI) of the page's link annotations."""
    found = []
    for link in page.hyperlinks or []:
        uri = link.get("uri")
        if uri and "://" in uri:
            found.append((float(link["x0"]), float(link["top"]), float(link["bottom"]), uri))
    return found


class _Reader:
    def __init__(
        self,
        pages: list[list[Line]],
        links: list[list[tuple[float, float, str]]],
        rules: list[Optional[float]],
        meta: dict[str, str],
    ):
        self.pages = pages
        self.links = links
        self.rules = rules
        self.meta = meta
        sizes = Counter(ln.size for page in pages for ln in page for w in ln.words for _ in w.text)
        self.body = sizes.most_common(1)[0][0]
        self.running = _running_lines(pages)

    # -- per line -----------------------------------------------------------
    def _render(self, line: Line) -> str:
        """The line's text, superscript digits as [^N] markers."""
        base = statistics.median([w.bottom for w in line.words if w.size >= line.size - 0.2] or [line.bottom])
        # a line of nothing but small numbers: markers whose sentence text is missing (redacted)
        alone = line.size < self.body * 0.85 and all(re.fullmatch(r"[\d,]+", w.text) for w in line.words)
        out: list[str] = []
        for word in line.words:
            raised = word.bottom < base - 0.12 * line.size
            if (alone or word.size < line.size * 0.85 and raised) and re.fullmatch(
                r"\d{1,3}(?:,\d{1,3})*", word.text
            ):
                out.append("".join(f"[^{n}]" for n in word.text.split(",")))
                continue
            out.append((" " if out else "") + word.text)
        return re.sub(r" ([.,;:!?)])(?= |$)", r"\1", "".join(out).strip())

    def _is_running(self, line: Line) -> bool:
        edge = _in_margin(line)
        text = " ".join(w.text for w in line.words)
        return edge and (_PAGE_NUMBER.match(text.strip()) is not None or _shape(text, line) in self.running)

    # -- whole document -----------------------------------------------------
    def document(self) -> Document:
        doc = Document(report={"title": None, "authors": []}, marker=_MARKER)
        doc.meta = {k: v for k, v in self.meta.items() if k in ("title", "author", "subject", "keywords")}
        if self.meta.get("title"):
            doc.report["title"] = self.meta["title"].strip()
        if self.meta.get("author"):
            doc.report["authors"] = [self.meta["author"].strip()]
        sections = Sections()
        notes: list[FootnoteDef] = []
        labels: dict[str, str] = {}  # printed label -> record label of its latest note
        paragraph: Optional[Paragraph] = None
        previous: Optional[Line] = None
        endnotes = False
        for page_lines, page_links, rule in zip(self.pages, self.links, self.rules, strict=False):
            page_lines = [ln for ln in page_lines if not self._is_running(ln)]
            body, zone = self._split_zone(page_lines, rule)
            before = len(notes)
            self._read_notes(zone, page_links, notes)
            on_page = _relabel(notes, before, labels)
            endnote_lines: list[Line] = []
            for line in body:
                if endnotes:
                    endnote_lines.append(line)
                    continue
                if all(w.mono for w in line.words):
                    paragraph, previous = None, None  # code set in a monospace font: never a claim
                    continue
                bullet = _BULLET.match(line.words[0].text) is not None
                if bullet:
                    line.words = line.words[1:]
                    if not line.words:
                        continue
                text = _resolve(self._render(line), on_page, labels)
                line.text = _MARKER.sub("", text)
                if not text:
                    continue
                heading = self._heading(line, text)
                if (
                    heading
                    and _ENDNOTES.match(heading)
                    and (labels or any(_MARKER.search(p.markdown) for p in doc.paragraphs))
                ):
                    endnotes = True  # the notes of the whole report, after its text
                    continue
                if heading:
                    if doc.report["title"] is None and line.page == 1 and line.size >= self.body * 1.3:
                        doc.report["title"] = heading
                    else:
                        sections.enter(2 if line.size >= self.body * 1.3 else 3, heading)
                    paragraph, previous = None, None
                    continue
                bare = not re.search(r"[^\W_]", _MARKER.sub("", text))
                if bare and doc.paragraphs:  # only markers (their sentence redacted): the paragraph before
                    doc.paragraphs[-1].markdown += "".join(m.group(0) for m in _MARKER.finditer(text))
                    continue
                if (
                    not bullet
                    and paragraph is not None
                    and previous is not None
                    and self._continues(previous, line, paragraph)
                ):
                    paragraph.markdown = _join(paragraph.markdown, text)
                else:
                    paragraph = Paragraph(text, 0, 0, sections.current)
                    doc.paragraphs.append(paragraph)
                previous = line
            if endnote_lines:
                start = len(notes)
                self._read_notes(endnote_lines, page_links, notes)
                _relabel(notes, start, labels)
        doc.footnotes = [n for n in notes if n.label]
        if not doc.footnotes:
            # raised digits but no notes anywhere: exponents and the like, not markers
            for paragraph in doc.paragraphs:
                paragraph.markdown = _MARKER.sub("", paragraph.markdown)
        doc.paragraphs = [
            p for p in doc.paragraphs if re.search(r"[^\W\d_]{2,}", _MARKER.sub("", p.markdown))
        ]
        return doc

    def _split_zone(self, lines: list[Line], rule: Optional[float]) -> tuple[list[Line], list[Line]]:
        """Body lines, and the footnote lines at the foot of the page (below its rule, if it has one)."""
        if rule is not None:
            below = [ln for ln in lines if ln.top > rule]
            if below and (self._starts_note(below[0]) or _looks_like_note_text(below)):
                return [ln for ln in lines if ln.top <= rule], below
        start = len(lines)
        for index in range(len(lines) - 1, -1, -1):
            if lines[index].size < self.body * 0.93:
                start = index
            else:
                break
        zone = lines[start:]
        # a zone must begin with a note number (or continue the last page's note)
        while (
            zone
            and not self._starts_note(zone[0])
            and start < len(lines)
            and zone[0].size >= self.body * 0.93
        ):
            zone = zone[1:]
        if zone and not self._starts_note(zone[0]) and not _looks_like_note_text(zone):
            return lines, []
        return lines[: len(lines) - len(zone)], zone

    def _starts_note(self, line: Line) -> bool:
        first = line.words[0].text
        return bool(_NOTE_START.match(first)) or bool(
            re.match(r"^\d{1,4}\S", first) and line.words[0].size < line.size
        )

    def _read_notes(
        self, zone: list[Line], links: list[tuple[float, float, str]], notes: list[FootnoteDef]
    ) -> None:
        for line in zone:
            words = line.words
            first = words[0].text
            number = _NOTE_START.match(first)
            # "263 (W.D. Pa.)" continues a note: a new one has the next number, or a raised one
            expected = str(int(notes[-1].label) + 1) if notes and notes[-1].label.isdigit() else None
            if number and not (
                expected is None or number.group(1) == expected or words[0].size < line.size * 0.85
            ):
                number = None
            if number:
                notes.append(FootnoteDef(number.group(1), 0, _note_text(words[1:])))
                notes[-1].__dict__.setdefault("_links", [])
            elif notes:
                notes[-1].markdown = _join_note(notes[-1].markdown, _note_text(words))
            else:
                continue
            uris = [uri for top, bottom, uri in links if _best_line(top, bottom, zone) is line]
            notes[-1].__dict__.setdefault("_links", []).extend(uris)
        for note in notes:
            _place_links(note)

    def _heading(self, line: Line, text: str) -> Optional[str]:
        plain = _MARKER.sub("", text).strip()
        if not plain or len(plain) > 120 or _CLOSES.search(plain) and not plain.endswith(":"):
            return None
        if line.size >= self.body * 1.15 or (line.bold and len(plain.split()) <= 12):
            return plain.strip(" :")
        return None

    def _continues(self, previous: Line, line: Line, paragraph: Paragraph) -> bool:
        if (line.page, line.column) != (previous.page, previous.column):
            return is_open(paragraph.markdown)  # a page (or column) break cut the sentence
        gap = line.top - previous.bottom
        if gap > line.size * 0.9:
            return False
        # a short line ending a sentence, then an indented line: a new paragraph
        return not (
            line.x0 > previous.x0 + line.size * 0.8 and _CLOSES.search(previous.text or paragraph.markdown)
        )


def _looks_like_note_text(zone: list[Line]) -> bool:
    return any(_NOTE_START.match(ln.words[0].text) for ln in zone)


def _join(text: str, more: str) -> str:
    """Join two lines: a word hyphenated at the line end is one word again."""
    if re.search(r"[^\W\d_]-$", text) and re.match(r"^[a-z]", more):
        # "hyphen-" + "ated" is one word; "street-by-" + "street" keeps its hyphens
        compound = "-" in text.rsplit(" ", 1)[-1][:-1]
        return text + more if compound else text[:-1] + more
    return f"{text} {more}"


def _join_note(text: str, more: str) -> str:
    last = text.split(" ")[-1] if text else ""
    if (
        _URL_START.match(last)
        and not _CLOSES.search(last)
        or (last.endswith(("/", "-", "_", "=", "?", "&", ".")) and _URL_START.match(last))
    ):
        token = _URL_CONTINUES.match(more)
        if token and (re.search(r"[/._\-=?&%#]", token.group(0)) or token.group(0).islower()):
            return text + more
    return _join(text, more)


def _note_text(words: list[Word]) -> str:
    """A note's line: italic runs as *emphasis* (titles, for the source parser)."""
    out: list[str] = []
    for italic, run in groupby(words, key=lambda w: w.italic):
        text = " ".join(w.text for w in run)
        out.append(f"*{text}*" if italic and re.search(r"\w", text) else text)
    return re.sub(r" ([.,;:!?)])(?= |$)", r"\1", " ".join(out))


def _best_line(top: float, bottom: float, lines: list[Line]) -> Optional[Line]:
    """The line a link annotation covers most."""
    best, most = None, 0.0
    for line in lines:
        overlap = min(bottom, line.bottom) - max(top, line.top)
        if overlap > most:
            best, most = line, overlap
    return best


def _place_links(note: FootnoteDef) -> None:
    """Link annotations over the note give its URLs exactly: the URL as printed (perhaps broken
    over lines) is replaced by the annotation's; a link on other words is added after them."""
    for uri in dict.fromkeys(note.__dict__.pop("_links", [])):
        bare = re.sub(r"^https?://", "", uri)
        printed = r"(?:https?:\s?/\s?/\s?)?" + r"\s?".join(map(re.escape, bare))
        match = re.search(printed, note.markdown)
        if match:
            note.markdown = note.markdown[: match.start()] + f"<{uri}>" + note.markdown[match.end() :]
        elif uri not in note.markdown:
            note.markdown += f" <{uri}>"
    note.markdown = re.sub(r"(?<=\w)\* \*(?=\w)", " ", note.markdown)  # one title over two lines
    note.markdown = re.sub(r"(?:(?<=\s)|^)(https?://[^\s<>]+[^\s<>.,;:)])", r"<\1>", note.markdown)


def _relabel(notes: list[FootnoteDef], start: int, labels: dict[str, str]) -> dict[str, str]:
    """Give the page's new notes record labels: numbering that restarts (per chapter) gets "1-2"."""
    taken = {n.label for n in notes[:start]}
    on_page: dict[str, str] = {}
    for note in notes[start:]:
        printed, label, k = note.label, note.label, 1
        while label in taken:
            k += 1
            label = f"{printed}-{k}"
        note.label = label
        taken.add(label)
        on_page[printed] = labels[printed] = label
    return on_page


def _resolve(text: str, on_page: dict[str, str], labels: dict[str, str]) -> str:
    """A body marker names the note of that number on its page (else the latest one);
    two markers set side by side ("5" "6" read as "56") are split again."""

    def one(match: re.Match[str]) -> str:
        printed = match.group(1)
        if printed in on_page:
            return f"[^{on_page[printed]}]"
        for cut in range(1, len(printed)):
            a, b = printed[:cut], printed[cut:]
            if a in on_page and b in on_page and int(b) > int(a):
                return f"[^{on_page[a]}][^{on_page[b]}]"
        return f"[^{labels.get(printed, printed)}]"

    return _MARKER.sub(one, text)


def _in_margin(line: Line) -> bool:
    """In the top or bottom margin, where running headers, footers and page numbers sit
    (the last lines of notes end above it)."""
    return line.top < line.height * 0.085 or line.top > line.height * 0.915


def _shape(text: str, line: Line) -> str:
    """A line as it repeats from page to page: digits aside, at the same height."""
    return f"{round(line.top / 6)}|" + re.sub(r"\d+", "#", " ".join(text.split())).casefold()


def _running_lines(pages: list[list[Line]]) -> set[str]:
    """Lines near the page edges that repeat (digits aside) on many pages: headers and footers."""
    counts: Counter[str] = Counter()
    for page in pages:
        if not page:
            continue
        shapes = {_shape(" ".join(w.text for w in ln.words), ln) for ln in page if _in_margin(ln)}
        counts.update(shapes)
    need = max(2, len(pages) // 4)
    return {shape for shape, n in counts.items() if n >= need}
