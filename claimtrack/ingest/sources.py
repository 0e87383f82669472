"""Reading the sources out of a footnote's text.

A footnote in a policy report is free text: "Author. *Title (English title)*.
URL: <...>", several such sources joined by ";" or by a paragraph break, an
explanation with "For more details read:" before its source, "*Ibid*", or an
explanation that cites nothing.  This module turns that text into reference
drafts (fields of :class:`~claimtrack.model.Reference` without a key) and
says which kind of footnote it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Optional

from ..model import FootnoteKind, RefType
from ..sites import SITES, site_for
from ..urls import date_from_path
from . import citekeys, note_refs, notes
from .dates import english_date_span, is_month
from .markdown import plain, to_inline
from .notes import ShortNote

# A URL as written in Markdown: [visible](target), <autolink>, or bare.
# (a target may hold balanced parentheses: https://en.wikipedia.org/wiki/Empire_(magazine))
_MD_LINK = re.compile(r"\[((?:[^\]\\]|\\.)*)\]\(((?:[^\s()]|\([^\s()]*\))+?)\)")
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^>\s]+)>")
_BARE = re.compile(r"(?<![<\[])\b(?:https?://|www\.)[^\s<>()\]]+[^\s<>()\].,;:'\"”’)]")
_URL_LABEL = re.compile(r"\s*\bURL\s*:?\s*$", re.I)
_IBID = re.compile(r"^\s*ibid(?:em)?\.?\s*(?:,?\s*((?:pp?\.)\s*[\d\u2013-]+))?\s*\.?\s*$", re.I)
_LEADS = re.compile(
    r"(?:for (?:more|further) (?:details|information)(?:,)? (?:read|see)|see also|see|cited in|"
    r"available at)\s*:\s*",
    re.I,
)
_LOCATOR = re.compile(r"^(pp?\.)\s*([\dIVXLivxl][\w\u2013-]*)$")
_NUMBER = re.compile(r"^(?:Document\s+)?N[o°º]\.?\s*(\d[\w-]*)$", re.I)
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_ORG_WORDS = re.compile(
    r"^(?:the\s+)?(?:ministry|office|government|agency|authority|institute|center|centre|committee|"
    r"council|organi[sz]ation|foundation|commission|department|group|club|report by)\b",
    re.I,
)
_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w'’\-]*[a-z][\w'’\-]*|(?:[A-Z]\.)+|[A-Z]{1,}|&|and)$")
_TURKISH = re.compile(r"[şŞğĞıİçÇöÖüÜ]")


@dataclass
class SourceDraft:
    """A source read from a footnote: reference fields, and where it is cited."""

    fields: dict[str, Any]
    locator: Optional[str] = None
    short: Optional[ShortNote] = None  # a short note: resolved to an earlier note's source


@dataclass
class ParsedFootnote:
    kind: FootnoteKind
    sources: list[SourceDraft] = field(default_factory=list)
    locator: Optional[str] = None


def _urls_in(markdown: str) -> list[tuple[int, int, str]]:
    """(start, end, target) of each URL written in ``markdown``, in order."""
    found: list[tuple[int, int, str]] = []
    for pattern, group in ((_MD_LINK, 2), (_AUTOLINK, 1)):
        for m in pattern.finditer(markdown):
            target = m.group(group).strip("<>")
            if pattern is _AUTOLINK:  # "<https://site/page.asp,>": the comma is the sentence's
                target = target.rstrip(".,;:")
            found.append((m.start(), m.end(), notes.unwrap(target)))
    for m in _BARE.finditer(markdown):
        if not any(s <= m.start() < e for s, e, _ in found):
            url = m.group(0)
            found.append((m.start(), m.end(), url if "://" in url else "http://" + url))
    return sorted(found)


def parse_footnote(markdown: str) -> ParsedFootnote:
    """Read the sources of one footnote definition (continuation paragraphs included)."""
    # "[@king2003penguin, p. 41]." cites through its key (the note's citations); only what the
    # note says besides it can cite more.
    markdown = citekeys.without_citations(markdown)
    if not re.search(r"\w", markdown):
        return ParsedFootnote(FootnoteKind.NOTE)
    text = plain(markdown)
    ibid = _IBID.match(text)
    if ibid:
        return ParsedFootnote(FootnoteKind.IBID, locator=_clean_locator(ibid.group(1)))
    again = notes.ibid_locator(text)  # "Ibid., §3.5", "Id. at 5", "See id.", "ibid. (?t=6m15s)"
    if again is not None:
        return ParsedFootnote(FootnoteKind.IBID, locator=_clean_locator(again[0]) or None)
    if notes.looks_scholarly(markdown):
        found = [SourceDraft(s.fields, s.locator, s.short) for s in notes.parse_note(markdown)]
        if found:
            locator = found[0].locator if len(found) == 1 else None
            return ParsedFootnote(FootnoteKind.SOURCE, found, locator)
    sources: list[SourceDraft] = []
    for segment, url, trailing in _segments(markdown):
        draft = _parse_segment(segment, url, trailing)
        if draft:
            sources.append(draft)
    if not sources:
        return ParsedFootnote(FootnoteKind.NOTE)
    locator = sources[0].locator if len(sources) == 1 else None
    return ParsedFootnote(FootnoteKind.SOURCE, sources, locator)


def _segments(markdown: str) -> list[tuple[str, Optional[str], str]]:
    """Split a footnote into (citation text, url, text after the url) per source."""
    urls = _urls_in(markdown)
    if not urls:
        return [(part, None, "") for part in re.split(r"\n\s*\n", markdown) if part.strip()]
    segments: list[tuple[str, Optional[str], str]] = []
    pos = 0
    for index, (start, end, url) in enumerate(urls):
        citation = markdown[pos:start]
        shown = _MD_LINK.match(markdown, start)
        if (
            not citation.strip(" .,;:")
            and shown
            and not re.match(r"\s*(?:<?https?://|www\.)", shown.group(1))
        ):
            citation = (
                shown.group(1).strip().strip('"“”')
            )  # '["About the Corporation"](url). Site.': the link's text is the title
        next_start = urls[index + 1][0] if index + 1 < len(urls) else len(markdown)
        after = markdown[end:next_start]
        # What follows a URL up to the next ';' or paragraph belongs to it ("... 2020").
        cut = re.search(r";|\n\s*\n", after)
        trailing = after[: cut.start()] if cut else after
        if index + 1 == len(urls):
            trailing = after
        segments.append((citation, url, trailing))
        pos = end + (cut.end() if cut and index + 1 < len(urls) else len(trailing))
    return segments


def _parse_segment(markdown: str, url: Optional[str], trailing: str) -> Optional[SourceDraft]:
    markdown = _URL_LABEL.sub("", markdown.strip().lstrip(";").strip())
    # "Title. Document No10 // quoted from *Book* by Someone": the part after // is a note.
    note = None
    if "//" in markdown and not re.search(r"https?://", markdown):
        markdown, note_md = markdown.split("//", 1)
        note = re.sub(r"(?<![A-Z])\.$", "", plain(note_md).strip())  # keep "V.N."
        note = note[:1].upper() + note[1:] if note else None
    lead = None
    for match in _LEADS.finditer(markdown):
        lead = match
    if lead:
        markdown = markdown[lead.end() :]
    inline = to_inline(markdown)
    text = inline.text
    italics = [(a, b) for a, b in inline.emphasis if text[a:b].strip()]
    if url is None and not italics:
        return None  # an explanation, not a citation
    if url is None and note_refs.is_prose(text[: italics[0][0]]):
        return None  # "system() runs any program with the current *privileges*": emphasis, not a title
    fields: dict[str, Any] = {"url": url}
    if italics:
        start, end = italics[0]
        prefix = _author_prefix(text[:start])
        fields["authors"], organization = _names(prefix)
        if organization:
            fields["organization"] = organization
        title = text[start:end].strip()
        rest = text[end:]
        paren = re.match(r"^\s*\(([^()]*(?:\([^()]*\)[^()]*)*)\)", rest)
        if paren and len(paren.group(1).split()) >= 2:
            fields["title_translation"] = _strip_title(paren.group(1))
            rest = rest[paren.end() :]
        rest_italics = [(a - end, b - end) for a, b in italics[1:]]
    else:
        first = re.match(r"^(.+?[^A-Z\s.]\.)\s+(\S.*)$", text.strip())
        title, rest = (first.group(1), first.group(2)) if first else (text, "")
        rest_italics = []
    title = _strip_title(title)
    if "title_translation" not in fields:
        title, translation = _split_translation(title)
        if translation:
            fields["title_translation"] = translation
    fields["title"] = title
    locator = _read_rest(rest, rest_italics, fields)
    year = re.search(r"\b((?:19|20)\d\d)\b", plain(trailing))
    if year and not fields.get("date"):
        fields["date"] = year.group(1)
    if note:
        fields["note"] = note
    _complete(fields)
    return SourceDraft(fields, locator)


def _author_prefix(before: str) -> str:
    """The names written just before the title, if what is there looks like names."""
    tail = re.split(r"(?<=[.!?”\"])\s+(?=\S)|:\s+", before.strip())[-1] if before.strip() else ""
    candidate = tail.strip().rstrip(",").strip()
    if re.search(r"[a-z]{2}\.$", candidate):  # "Vitaly Naumkin." but not "Haas R."
        candidate = candidate[:-1]
    if not candidate:
        return ""
    tokens = candidate.replace(",", " ").split()
    if not 1 <= len(tokens) <= 7 or not all(_NAME_TOKEN.match(t) for t in tokens):
        return ""
    return candidate


def _names(prefix: str) -> tuple[list[str], Optional[str]]:
    """ "Vitaly Naumkin", "Haas R.", "Sara Khojayan & Tony Halpin" -> ["Family, Given", ...]."""
    if not prefix:
        return [], None
    if _ORG_WORDS.match(prefix):
        return [], prefix
    people = []
    for name in re.split(r"\s*(?:&|\band\b|;)\s*", prefix):
        parts = name.replace(",", " ").split()
        if not parts:
            continue
        initials = [p for p in parts if re.fullmatch(r"(?:[A-Z]\.)+", p)]
        words = [p for p in parts if p not in initials]
        if initials and words:  # "Haas R.", "Kazimirov V.N."
            given = " ".join(re.sub(r"\.(?=[A-Z])", ". ", i) for i in initials)
            people.append(f"{' '.join(words)}, {given}")
        elif len(words) >= 2:
            people.append(f"{words[-1]}, {' '.join(words[:-1])}")
        else:
            people.append(words[0] if words else name)
    return people, None


def _strip_title(title: str) -> str:
    title = " ".join(title.split()).strip()
    title = re.sub(r"^[,;:.\s]+|[,;:(\s]+$", "", title)
    # A trailing period closes the sentence around the title, not the title itself,
    # unless it ends an abbreviation ("U.S.").
    if title.endswith(".") and not re.search(r"\b[A-Z]\.$", title):
        title = title[:-1]
    return title.strip()


def _split_translation(title: str) -> tuple[str, Optional[str]]:
    """ "Original (English translation)" -> both, when the parentheses hold a title."""
    match = re.match(r"^(.*\S)\s+\(([^()]*(?:\([^()]*\)[^()]*)*)\)$", title)
    if not match or len(match.group(2).split()) < 2:
        return title, None
    return match.group(1).strip(), _strip_title(match.group(2))


def _clean_locator(value: Optional[str]) -> Optional[str]:
    if not value:
        return None
    match = re.match(r"^(pp?\.)\s*(.+)$", value.strip())
    return f"{match.group(1)} {match.group(2)}" if match else value.strip()


def _read_rest(rest: str, italics: list[tuple[int, int]], fields: dict[str, Any]) -> Optional[str]:
    """Container, organisation, number, date and locator from the text after the title."""
    locator = None
    container = None
    if italics:
        a, b = italics[0]
        container = rest[a:b].strip(" ,.")
    full = english_date_span(rest)
    if full:
        fields["date"] = full[0]
    leftovers = []
    for chunk in re.split(r",\s*|(?<!\bp)(?<!\bpp)(?<!\bNo)\.\s+|\.$", rest):
        chunk = chunk.strip(" .;:")
        if not chunk:
            continue
        report_by = re.match(r"^(?:a\s+)?report by (?:the\s+)?(.+)$", chunk, re.I)
        if report_by:
            fields["organization"] = report_by.group(1).strip()
            fields["type"] = RefType.REPORT
        elif _LOCATOR.match(chunk):
            locator = _clean_locator(chunk)
        elif _NUMBER.match(chunk):
            fields["number"] = _NUMBER.match(chunk).group(1)  # type: ignore[union-attr]
        elif _YEAR.match(chunk):
            fields.setdefault("date", chunk)
        elif (
            full
            and (chunk in full[1] or chunk.isdigit() or is_month(chunk))
            or container is not None
            and chunk == container
        ):
            continue
        elif _ORG_WORDS.match(chunk) and not fields.get("organization") and not fields.get("authors"):
            fields["organization"] = chunk
        elif container is None and not fields.get("url") and chunk[:1].isupper():
            container = chunk
        else:
            leftovers.append(chunk)
    if container:
        fields["container"] = container
    if leftovers and fields.get("type") == RefType.REPORT:
        fields["note"] = ", ".join(leftovers)
    return locator


def _complete(fields: dict[str, Any]) -> None:
    """Type, container, language and date from what the URL and names tell."""
    url = fields.get("url")
    site = site_for(url)
    if site is None and fields.get("container"):
        site = next((s for s in SITES.values() if s.name.lower() == fields["container"].lower()), None)
    title = fields.get("title") or ""
    if site:
        fields.setdefault("type", site.type)
        fields.setdefault("container", site.name)
        # "Title, Iran Daily": a site name glued to the title.
        suffix = f", {site.name}"
        if title.endswith(suffix):
            fields["title"] = title[: -len(suffix)]
    elif url and url.lower().split("?")[0].endswith(".pdf"):
        fields.setdefault("type", RefType.REPORT)
    elif not url and fields.get("container"):
        news = re.search(r"\b(?:news|times|daily|post|herald|agency)\b", fields["container"], re.I)
        fields.setdefault("type", RefType.NEWS if news else RefType.ARTICLE)
    fields.setdefault("type", RefType.WEBPAGE)
    if not fields.get("date") and url:
        fields["date"] = date_from_path(url)
    fields["language"] = _language(fields, site.language if site else None)


def _language(fields: dict[str, Any], site_language: Optional[str]) -> Optional[str]:
    """English unless the title is foreign: a translation follows it, or it has Turkish letters."""
    title = fields.get("title") or ""
    url = (fields.get("url") or "").lower()
    if not fields.get("title_translation"):
        return "en" if title.isascii() or site_language == "en" else site_language
    if _TURKISH.search(title) or re.search(r"\.tr(?:/|$)|/tr/", url):
        return "tr"
    if site_language and site_language != "en":
        return site_language
    return "ru"  # transliterated titles in these reports are Russian unless shown otherwise
