"""Reference lists in the body of a document, and the in-text citations pointing into them.

A list is the paragraphs under a heading such as "References", "Bibliography",
"Works Cited", "Sources" or "Notes" (in a few languages), wherever it is: an
appendix may follow it.  Its entries are parsed by :mod:`.refstrings`, taken
out of the body (no list entry becomes a claim) and kept in
``Document.bibliography``.  A list whose entries carry numbers (``[3]``,
``3.``) is numbered and cited as ``[3]``, ``[1, 4–6]``, ``[12, p. 4]`` or a
superscript; any other is author-date, cited as ``(Smith, 2020; Lee & Kim,
2019a, p. 5)`` or ``Smith (2020)`` (see :mod:`.author_date`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Optional

from ..model import CitationStyle, RefType
from . import author_date
from .citekeys import sentinel_label, split_suffix
from .document import BibDraft, CiteDraft, Document, Paragraph, sentinel
from .markdown import SENTINEL, plain, to_inline
from .refstrings import ParsedRef, parse

HEADINGS = re.compile(
    r"^(?:\d+(?:\.\d+)*\.?\s+|[IVX]+\.\s+)?(?:references?(?: list| cited)?|referenzen|bibliography|works cited|sources|notes|"
    r"endnotes|literature(?: cited)?|citations|sources and notes|notes and references|reference notes|"
    r"literatur(?:verzeichnis)?|quellen(?:verzeichnis)?|bibliographie|références(?: bibliographiques)?|"
    r"referencias(?: bibliográficas)?|bibliografía|bibliografia|riferimenti(?: bibliografici)?|fonti|"
    r"referências(?: bibliográficas)?|литература|список литературы|источники|kaynakça|kaynaklar)\s*:?$",
    re.I,
)
# An alphabetic label, as biblatex's alphabetic style and many theses write them: [Knu84], [BAUM14], [BSI18a].
_ALPHA = r"(?:(?=[\w+.-]*\d)[A-ZÀ-ÖØ-Þ][\w+.-]{1,14}|[A-Z]{3,10})"
# Headings that hold a reference list only when its entries are numbered: "[Links]" in a mail.
_WEAK_HEADINGS = re.compile(r"^(?:links|weblinks|resources|further reading)\s*:?$", re.I)
# A line that opens the next part after a list under a plain-line heading: "[Credits]", "Appendix A".
_NEXT_PART = re.compile(
    r"^(?:\[[A-Za-z][\w ,&-]{2,40}\]|(?:appendix|appendices|annex|anhang|anhänge|acknowledge?ments|credits|danksagung)\b.{0,60})$",
    re.I,
)
_NUMBER_LABEL = re.compile(
    rf"^\s*(?:\[(\d{{1,4}})\]:?|\[({_ALPHA})\](?::|(?=\s))|(\d{{1,4}})[.)](?=\s)|\^?\s*(\d{{1,4}})\s*\^?\.?\s+(?=\^))"
)
_LIST_START = re.compile(rf"^\s*(?:\[\d{{1,4}}\]|\[{_ALPHA}\](?::|\s)|\d{{1,4}}[.)]\s|[-*+•]\s)")
_NUMBERED_CITE = re.compile(
    r"[ \t]*\[(?P<body>\d{1,4}(?:\s*(?:-{1,2}|[–—])\s*\d{1,4})?(?:\s*[,;]\s*\d{1,4}(?:\s*(?:-{1,2}|[–—])\s*\d{1,4})?)*)"
    r"(?P<loc>\s*,\s*(?:pp?\.|p|ch\.|chap\.|sec\.|§|fig\.|table)\s*[^\]]{1,30})?\](?!\()"
    r"|\[\[(?P<wiki>\d{1,4})\]\]\(#[^)]*\)"
)
_BRACKET_RANGE = re.compile(r"\[(\d{1,4})\]\s*(?:-{1,2}|[–—])\s*\[(\d{1,4})\]")
_SUPERSCRIPT = re.compile(r"<sup>\s*\[?(?P<body>\d{1,4}(?:\s*(?:-{1,2}|[–,])\s*\d{1,4})*)\]?\s*</sup>")
_PANDOC_SUPERSCRIPT = re.compile(r"\^\[?(?P<body>\d{1,4}(?:(?:-{1,2}|[–,])\d{1,4})*)\]?\^")
_UNITS = {"m", "cm", "mm", "km", "nm", "µm", "um", "g", "kg", "mg", "s", "ms", "ft", "l", "ml", "ha"}
_UNICODE_SUP = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_UNICODE_SUP_RUN = re.compile(r"(?<=[\w.,;:”\"’)])[⁰¹²³⁴⁵⁶⁷⁸⁹]+(?:[⁻,][⁰¹²³⁴⁵⁶⁷⁸⁹]+)*")
_WIKI_BACKLINKS = re.compile(r"^\s*\^\s*(?:[a-z]{1,2}\s+)*")


def apply(doc: Document) -> None:
    """Find the document's reference list and mark the citations of its entries."""
    if not doc.bibliography:
        _split_heading_lines(doc)
        found = _find_list(doc)
        if found is None:
            return
        numbered, drafts, taken, guessed = found
        doc.bibliography = drafts
        doc.paragraphs = [p for i, p in enumerate(doc.paragraphs) if i not in taken]
        if guessed and _links(doc, author_date.mark) > _links(doc, _mark_numbered):
            numbered = False  # "(Apley and Zhu)" and an x^2^ in the text: the names are the citations
        if numbered:
            _mark_numbered(doc)
            return
    author_date.mark(doc)


def _links(doc: Document, mark: Any) -> int:
    """How many citations ``mark`` would link to an entry; the document is left as it was."""
    paragraphs = [(p, p.markdown) for p in doc.paragraphs]
    citations = dict(doc.citations)
    mark(doc)
    count = sum(
        1
        for label, drafts in doc.citations.items()
        if label not in citations
        for d in drafts
        if d.entry is not None
    )
    doc.paragraphs = [p for p, _ in paragraphs]
    for paragraph, text in paragraphs:
        paragraph.markdown = text
    doc.citations = citations
    return count


# -- the list -----------------------------------------------------------------


def has_heading(text: str) -> bool:
    """Does the text have a reference-list heading (a Markdown heading or a line of its own)?"""
    for block in re.split(r"\n\s*\n", text):
        line = block.strip()
        if line.startswith("#"):  # an ATX heading is one line, whatever follows it without a blank line
            line = line.split("\n", 1)[0]
        if "\n" in line or len(line) > 80:
            continue
        line = re.sub(r"\s*\{[#.][^{}]*\}$", "", line.lstrip("#").strip()).strip(" *_:[]#")
        if HEADINGS.match(line):
            return True
    return False


def _split_heading_lines(doc: Document) -> None:
    """A heading line with its numbered list right under it, no blank line between ("References:"
    or ``#References#`` then "[1] ..." lines, as plain text and mails write it), is one paragraph
    to Markdown: the heading becomes a paragraph of its own so that the list under it is found."""
    out: list[Paragraph] = []
    for paragraph in doc.paragraphs:
        match = _HEADING_THEN_FIRST.match(paragraph.markdown)
        rest = paragraph.markdown[match.end() :] if match else ""
        if match and HEADINGS.match(match.group("heading").strip()) and _looks_like_reference(rest):
            lines = paragraph.lines or [paragraph.line]
            out.append(Paragraph(match.group(0).strip(), lines[0], lines[0], paragraph.section, lines[:1]))
            second = lines[1] if len(lines) > 1 else paragraph.line
            out.append(Paragraph(rest, second, paragraph.end_line, paragraph.section, lines[1:]))
        else:
            out.append(paragraph)
    doc.paragraphs = out


# "#References# [1] T. Likun ...", "**Sources:** 1. ...": a heading run into its list's first label.
_HEADING_THEN_FIRST = re.compile(
    r"^\s*[#*_\[]*(?P<heading>[^\W\d_][^\n#*_\[\]]{2,40}?)[#*_\]]*:?[#*_]*\s+(?=\[1\]\s|1[.)]\s)"
)


def _is_heading(paragraph: Paragraph, headings: re.Pattern[str] = HEADINGS) -> bool:
    text = plain(paragraph.markdown).strip(" *_#:[]")
    return "\n" not in paragraph.markdown.strip() and bool(headings.match(text))


def _in_list_section(paragraph: Paragraph) -> bool:
    if not paragraph.section:
        return False
    return any(HEADINGS.match(part.strip()) for part in paragraph.section.split("›"))


def _find_list(doc: Document) -> Optional[tuple[bool, list[BibDraft], set[int], bool]]:
    """(numbered?, entries, indexes of the paragraphs they came from), or None."""
    found = _list_under(doc, HEADINGS)
    if found is None or not found[0] and not found[1]:
        weak = _list_under(doc, _WEAK_HEADINGS)  # "[Links]": a list only if it is numbered
        found = weak if weak is not None and weak[0] else found
    return found


def _list_under(
    doc: Document, headings: re.Pattern[str]
) -> Optional[tuple[bool, list[BibDraft], set[int], bool]]:
    candidates: list[tuple[int, Paragraph]] = []
    taken: set[int] = set()
    under_plain_heading = False
    section_of_heading: Optional[str] = None
    for index, paragraph in enumerate(doc.paragraphs):
        if _is_heading(paragraph, headings):
            under_plain_heading, section_of_heading = True, paragraph.section
            taken.add(index)
            continue
        if under_plain_heading and (
            paragraph.section != section_of_heading or _NEXT_PART.match(paragraph.markdown.strip())
        ):
            under_plain_heading = False
        if (headings is HEADINGS and _in_list_section(paragraph)) or under_plain_heading:
            candidates.append((index, paragraph))
    entries: list[tuple[int, str, list[int]]] = []  # (paragraph index, entry markdown, line)
    for index, paragraph in candidates:
        for text, line in _split_entries(paragraph):
            entries.append((index, text, [line]))
    every = entries
    entries = [e for e in entries if _looks_like_reference(e[1])]
    if len(entries) < 1:
        return None
    numbered = sum(1 for _, text, _ in entries if _NUMBER_LABEL.match(text)) >= max(1, len(entries) * 0.6)
    year_first = sum(1 for _, text, _ in entries if _year_first(plain(text)))
    guessed = False
    if not numbered and year_first < len(entries) * 0.6 and _cites_by_number(doc, len(every)):
        numbered = guessed = True  # an ordered list whose numbers the reader dropped: entry n is number n
        if len(entries) >= 0.75 * len(every):  # then its n-th item is number n, with a year or without
            entries = [e for e in every if e in entries or len(plain(e[1])) >= 40]
    drafts = []
    for position, (index, text, lines) in enumerate(entries):
        taken.add(index)
        drafts.append(_draft(text, lines[0], numbered, position))
    for index, _ in candidates:  # the whole section goes: nothing in it is a claim
        taken.add(index)
    return numbered, drafts, taken, guessed


def _year_first(text: str) -> bool:
    """An author-date entry: the year follows the names ("Lee (2019)", "Lee, Kim. 2019."), not the end."""
    match = re.search(r"\((?:19|20)\d\d[a-z]?[,)]|\.\s(?:19|20)\d\d[a-z]?\.\s|\(n\.\s?d\.\)", text)
    return bool(match) and match.start() < len(text) * 0.4


def _power(match: re.Match[str]) -> bool:
    """A power is not a citation: "10^6^", "R^2^", "x<sup>2</sup>", "30 m^2^", "5 km^2^";
    "method of^4^" and "Section 3.4 of^1^" cite."""
    before = match.string[: match.start()]
    if re.search(r"(?:\d|(?<!\w)[^\W\d_])$", before):  # after a digit or a one-letter variable
        return True
    unit = re.search(r"\d\s?([^\W\d_]{1,2})$", before)
    return bool(unit and unit.group(1).lower() in _UNITS)


def _cites_by_number(doc: Document, count: int) -> bool:
    """Does the text cite by number (superscripts, [n]) within the list's length?"""
    numbers = []
    for paragraph in doc.paragraphs:
        for pattern in (_SUPERSCRIPT, _PANDOC_SUPERSCRIPT, _NUMBERED_CITE):
            for match in pattern.finditer(paragraph.markdown):
                if pattern is _NUMBERED_CITE or not _power(match):
                    numbers.extend(_numbers(match.group("body") or ""))
    return len(numbers) >= 2 and max(numbers) <= count


def _split_entries(paragraph: Paragraph) -> list[tuple[str, int]]:
    """One paragraph may hold several entries, one per list item or line."""
    lines = paragraph.markdown.split("\n")
    numbers = paragraph.lines or list(range(paragraph.line, paragraph.line + len(lines)))
    starts = [i for i, line in enumerate(lines) if _LIST_START.match(line)]
    if len(lines) > 1 and not starts and all(author_date.ENTRY_START.match(line) for line in lines):
        starts = list(range(len(lines)))
    if len(lines) == 1 or not starts:
        return _split_inline(paragraph)
    if starts[0] != 0:
        starts.insert(0, 0)
    out = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        line = numbers[start] if start < len(numbers) else paragraph.line
        out.append(("\n".join(lines[start:end]).strip(), line))
    return out


def _split_inline(paragraph: Paragraph) -> list[tuple[str, int]]:
    """Entries a reader joined into one paragraph ("[1] A. Smith ... [2] B. Lee ..."): cut before
    each label that continues the count."""
    text = paragraph.markdown
    first = re.match(r"\s*\[(\d{1,4})\]\s", text)
    if re.match(rf"\s*\[{_ALPHA}\](?::|\s)", text):  # alphabetic labels: each one opens an entry
        cuts = [0] + [m.start() + 1 for m in re.finditer(rf"\s\[{_ALPHA}\](?::|\s)", text)]
    elif not first:
        return [(text, paragraph.line)]
    else:
        cuts, expected = [0], int(first.group(1)) + 1
        for match in re.finditer(r"\s\[(\d{1,4})\]\s", text):
            if int(match.group(1)) == expected:
                cuts.append(match.start() + 1)
                expected += 1
    lines = paragraph.lines or [paragraph.line]
    out = []
    for n, start in enumerate(cuts):
        end = cuts[n + 1] if n + 1 < len(cuts) else len(text)
        line = lines[min(n, len(lines) - 1)]  # one entry a line, as the list was written
        out.append((text[start:end].strip(), line))
    return out


def _looks_like_reference(text: str) -> bool:
    flat = plain(text)
    return len(flat) >= 15 and bool(
        _NUMBER_LABEL.match(text)
        or re.search(r"(?:1[5-9]|20)\d\d|n\.\s?d\.|no date|https?://|www\.|doi|[“\"]", flat, re.I)
    )


def _entry_text(markdown: str) -> tuple[str, list[str]]:
    """Plain text with italics marked (for the parser) and the link targets."""
    inline = to_inline(markdown)
    text = inline.text
    for start, end in sorted(inline.emphasis, reverse=True):
        text = text[:start] + "\x01" + text[start:end] + "\x02" + text[end:]
    return " ".join(text.split()), [target for _, target in inline.links if re.match(r"https?://", target)]


def _draft(markdown: str, line: int, numbered: bool, position: int) -> BibDraft:
    text, links = _entry_text(markdown)
    label = None
    match = _NUMBER_LABEL.match(text)
    if match:
        label = next(g for g in match.groups() if g)
        text = text[match.end() :]
    elif numbered:
        label = str(position + 1)
    text = _WIKI_BACKLINKS.sub("", text)
    parsed = parse(text, links)
    flat = text.replace("\x01", "").replace("\x02", "").strip()
    families = author_date.families_of(parsed)
    return BibDraft(
        line,
        flat,
        reference_fields(parsed),
        [],
        label=label,
        families=families,
        year=author_date.year_of(flat, parsed),
    )


_KINDS = {
    "article": RefType.ARTICLE,
    "paper-conference": RefType.ARTICLE,
    "chapter": RefType.ARTICLE,
    "news": RefType.NEWS,
    "book": RefType.BOOK,
    "thesis": RefType.REPORT,
    "report": RefType.REPORT,
    "legal": RefType.REPORT,
    "webpage": RefType.WEBPAGE,
    "software": RefType.WEBPAGE,
    "dataset": RefType.WEBPAGE,
}
_MODEL_FIELDS = {
    "title", "authors", "organization", "container", "publisher", "location", "volume", "issue", "number",
    "pages", "date", "url", "doi", "isbn", "urldate", "note",
}  # fmt: skip


def reference_fields(parsed: ParsedRef) -> dict[str, Any]:
    """The parsed fields the reference model holds (its type from the kind of work)."""
    fields = {k: v for k, v in parsed.fields.items() if k in _MODEL_FIELDS and v not in (None, "", [])}
    fields["type"] = _KINDS.get(parsed.kind, RefType.WEBPAGE)
    if parsed.kind not in ("article", "news", "book", "report", "webpage"):
        fields["note"] = "; ".join(filter(None, [fields.get("note"), parsed.kind.replace("-", " ")]))
    if parsed.fields.get("arxiv"):
        fields["note"] = "; ".join(filter(None, [fields.get("note"), f"arXiv:{parsed.fields['arxiv']}"]))
    return fields


# -- numbered citations -------------------------------------------------------


def _numbers(body: str) -> list[int]:
    out: list[int] = []
    for part in re.split(r"\s*[,;]\s*", body.strip()):
        span = re.fullmatch(r"(\d+)\s*(?:-{1,2}|[–—⁻])\s*(\d+)", part)
        if span and int(span.group(1)) <= int(span.group(2)) <= int(span.group(1)) + 200:
            out.extend(range(int(span.group(1)), int(span.group(2)) + 1))
        elif part.isdigit():
            out.append(int(part))
    return out


# "[[BAUM14]](#ref_baum14)", "[[REYN18](#ref_reyn18), [LASK18](#ref_lask18)]": the label is the citation
_LINKED_LABEL = re.compile(r"\[\[([^\[\]()]{2,16})\]\]\(#[^)\s]*\)|\[([^\[\]()]{2,16})\]\(#[^)\s]*\)")
_NESTED_LABELS = re.compile(r"\[((?:\[[^\[\]]{2,16}\](?:\s*[,;]\s*)?)+)\]")
_LABELLED_CITE = re.compile(r"[ \t]*\[(?P<body>[^\[\]\n]{2,160})\](?:\(#[^)\s]*\))?(?!\()")
_LOCATOR = re.compile(
    r"(?:pp?\.|S\.|Seite|ch\.|chap\.|Kap\.|sec\.|§|para\.|Abs\.|fig\.|Abb\.|table|Tab\.)\s*\S.{0,25}", re.I
)


def _unlink_labels(text: str, named: dict[str, str]) -> str:
    """Links to a list entry that show its label become the bare label: "[BAUM14]", "[A, B]"."""

    def unlink(match: re.Match[str]) -> str:
        label = match.group(1) or match.group(2)
        return f"[{label}]" if label.casefold() in named else match.group(0)

    def flatten(match: re.Match[str]) -> str:
        inner = re.findall(r"\[([^\[\]]+)\]", match.group(1))
        return f"[{', '.join(inner)}]" if all(i.casefold() in named for i in inner) else match.group(0)

    return _NESTED_LABELS.sub(flatten, _LINKED_LABEL.sub(unlink, text))


def _defines(match: re.Match[str]) -> bool:
    """ "[3]: ..." opening a line defines something (a Markdown link, an entry); in a sentence,
    "are available [3]:" before a list is a citation."""
    before = match.string[: match.start()].rstrip(" \t")
    return match.string.startswith(":", match.end()) and (not before or before.endswith("\n"))


def _indexes(match: re.Match[str]) -> bool:
    """Code set as text: `all_restrain[2]`, `extracts[[1]]` index an array, they do not cite."""
    if match.group("wiki"):
        return False
    at = match.string.index("[", match.start())
    before, after = match.string[:at], match.string[match.end() :]
    token = re.search(r"[\w$.]*$", before)
    doubled = before.endswith("[") and after.startswith("]")  # `[[1]]`; "[[1]; Rew2006; [2]]" cites
    return doubled or bool(token and re.search(r"[_$]", token.group(0)))


def _labelled(match: re.Match[str], named: dict[str, str], cite: Any) -> Optional[str]:
    """A bracket holding alphabetic labels of the list, and perhaps a locator: "[BAUM14, S. 12; LEE19]"."""
    labels, locator = [], None
    for part in re.split(r"\s*[;,]\s*(?![\d–-]+\b(?!\]))", match.group("body").strip()):
        label = named.get(part.strip().casefold())
        if label:
            labels.append(label)
        elif labels and locator is None and _LOCATOR.fullmatch(part.strip()):
            locator = part.strip()
        else:
            return None  # every part must be a label of the list (or the locator after one)
    return cite(labels, locator) if labels else None


# A numbered citation read as a word of its sentence: after a preposition or a signal, possibly
# behind other citations of the same run ("from [1] and [3]", "(for ex. [1], [2])", "in [2]").
_NOUN_LEAD = re.compile(
    r"(?:^|[\s(])(?:in|from|of|by|see|cf\.|e\.g\.,?|i\.e\.,?|ex\.|to|with|on|and|or|also|following|than|like|as|"
    r"siehe|vgl\.|von|nach|dans|voir|selon|según|véase|ver)\s*$",
    re.I,
)
_RUN_BEFORE = re.compile(r"(?:\\?\[\d[^\]]*\\?\]\s*(?:,|;|and|or|&)?\s*)+$")
_ONLY_MARKERS_IN_PARENS = re.compile(rf"[ \t]*\(\s*((?:{SENTINEL.pattern}\s*)+)\)")
_COMMA_BEFORE_MARKER = re.compile(
    rf",[ \t]*((?:</?a\b[^>]*>)*(?:{SENTINEL.pattern})+(?:</?a\b[^>]*>)*)(?=\s*(?:[:.;]|$))"
)
_BETWEEN_MARKERS = re.compile(rf"({SENTINEL.pattern})\s*(?:[,;]|and|&)?\s*(?={SENTINEL.pattern})")


def _mark_numbered(doc: Document) -> None:
    by_label = {d.label: i for i, d in enumerate(doc.bibliography) if d.label}

    def cite(numbers: Sequence[int | str], locator: Optional[str]) -> str:
        drafts = [
            CiteDraft(
                style=CitationStyle.NUMBERED,
                entry=by_label.get(str(n)),
                label=str(n),
                locator=locator if len(numbers) == 1 else None,
            )
            for n in numbers
        ]
        return sentinel(sentinel_label(doc, drafts))

    highest = max((int(label) for label in by_label if label.isdigit()), default=0)

    def bracket(match: re.Match[str]) -> str:
        if _defines(match) or _indexes(match):
            return match.group(0)
        numbers = _numbers(match.group("body") or match.group("wiki") or "")
        # a number the list lacks, just past its end, is a citation of a missing entry (found: false)
        if not numbers or not all(str(n) in by_label or 0 < n <= highest + 10 for n in numbers):
            return match.group(0)
        locator, _ = split_suffix(match.group("loc") or "")
        marker = cite(numbers, locator)
        if _NOUN_LEAD.search(_RUN_BEFORE.sub("", match.string[: match.start()])):
            # "taken from [1] and [3]", "(see [3])": the number is a word of the sentence; it stays
            return match.group(0).replace("[", "\\[").replace("]", "\\]") + marker
        return marker

    def superscript(match: re.Match[str]) -> str:
        if _power(match):
            return match.group(0)
        numbers = _numbers(match.group("body") or "")
        if not numbers or not all(str(n) in by_label for n in numbers):
            return match.group(0)
        return cite(numbers, None)

    def unicode_sup(match: re.Match[str]) -> str:
        numbers = _numbers(match.group(0).translate(_UNICODE_SUP).replace("⁻", "-"))
        if not numbers or not all(str(n) in by_label for n in numbers):
            return match.group(0)
        return cite(numbers, None)

    named = {label.casefold(): label for label in by_label if not label.isdigit()}

    def by_name(match: re.Match[str]) -> str:
        return match.group(0) if _defines(match) else _labelled(match, named, cite) or match.group(0)

    before = len(doc.citations)
    for paragraph in doc.paragraphs:
        text, code = _hide_code(paragraph.markdown)  # `x[2]`, `splits[[1]]` index, they do not cite
        text = _BRACKET_RANGE.sub(r"[\1–\2]", text)  # IEEE's "[4]–[7]" is 4 to 7
        if named:
            text = _unlink_labels(text, named)
            text = _LABELLED_CITE.sub(by_name, text)
        text = _NUMBERED_CITE.sub(bracket, text)
        text = _BETWEEN_MARKERS.sub(r"\1", text)  # "[1], [2]" taken out leaves no ", " behind
        text = _ONLY_MARKERS_IN_PARENS.sub(r"\1", text)  # "group ([MSFT14]) has" leaves no "()"
        text = _COMMA_BEFORE_MARKER.sub(r"\1", text)  # "drei Begriffen, [BAUM14]:" leaves no ", :"
        paragraph.markdown = _show_code(text, code)
    # A text that cites in brackets does not also cite in superscripts: those are its authors'
    # affiliations ("Jiho Lee<sup>1</sup>") and its footnote markers.
    if len(doc.citations) - before < 3:
        for paragraph in doc.paragraphs:
            text = _PANDOC_SUPERSCRIPT.sub(superscript, paragraph.markdown)
            if not doc.footnotes:  # <sup>N</sup> are footnote markers when there are footnotes
                text = _SUPERSCRIPT.sub(superscript, text)
                text = _UNICODE_SUP_RUN.sub(unicode_sup, text)
            paragraph.markdown = text
    _attach_lone_citations(doc)


_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)


def _hide_code(text: str) -> tuple[str, list[str]]:
    """Inline code spans set aside (a placeholder each) while citations are looked for."""
    spans: list[str] = []

    def hide(match: re.Match[str]) -> str:
        spans.append(match.group(0))
        return f"\ue010{len(spans) - 1}\ue011"

    return _CODE_SPAN.sub(hide, text), spans


def _show_code(text: str, spans: list[str]) -> str:
    return re.sub("\ue010(\\d+)\ue011", lambda m: spans[int(m.group(1))], text) if spans else text


def _attach_lone_citations(doc: Document) -> None:
    """A paragraph holding only citations ("[ZHEN17]" on a line of its own under the text it
    supports) cites the paragraph before it: its markers go to that paragraph's end. Paragraphs
    stay where they are (the footnotes, marked as paragraphs for a moment, follow the body)."""
    previous: Optional[Paragraph] = None
    for paragraph in doc.paragraphs[: len(doc.paragraphs) - len(doc.footnotes)]:
        markers = SENTINEL.findall(paragraph.markdown)
        rest = re.sub(r"</?a\b[^>]*>|[\s,;.]", "", SENTINEL.sub("", paragraph.markdown))
        if markers and not rest and previous is not None and previous.section == paragraph.section:
            previous.markdown = previous.markdown.rstrip() + " " + "".join(sentinel(m) for m in markers)
            paragraph.markdown = ""
        elif rest:
            previous = paragraph
