"""Scholarly notes: full notes, short notes, "Ibid." and "op. cit.", several sources in one note.

A Chicago, MLA or APA-style note (``Jane Roe, “Title,” *Journal* 5, no. 2
(2019): 12, https://...``) is parsed by :mod:`.refstrings`; a short note
(``Roe, “Title,” 14.``, ``Werbach, 8.``, ``Smith, *Title*, 12.``, ``Roe, op.
cit., 3``) names a source an earlier note gave in full, and is resolved to it
when the notes are read in order (see ``build``); "Ibid." / "Id." repeat the
previous note's source with their own pinpoint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Optional

from .author_date import fold
from .markdown import to_inline
from .refstrings import ParsedRef, parse

IBID = re.compile(
    r"^\s*(?:ibid(?:em)?|id)\s*\.?\s*(?:,|at)?\s*(?P<loc>[^;]{0,40}?|\(\?[^)]*\))\s*\.?\s*$", re.I
)
_GENERIC_LINK = re.compile(r"^(?:link|here|online|pdf|html|web|website|source|available here)$", re.I)
_PINPOINT = re.compile(
    r"(?:,|:)\s*(?P<loc>(?:(?:pp?\.|§§?|para\.|paras\.|ch\.|chap\.|n\.|nn\.|fig\.|at)\s*)?"
    r"(?:\d+[a-z]?|[ivxlc]+)(?:\s*(?:[-–—]+|,\s*)\s*(?:\d+[a-z]?|[ivxlc]+))*(?:\.\d+)*)\s*\.?\s*$",
    re.I,
)
_OP_CIT = re.compile(r",?\s*\b(?:op\.\s*cit\.?|loc\.\s*cit\.?)", re.I)
_SHORT = re.compile(
    r"^(?P<names>[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’.-]*(?:(?:\s+(?:and|&)\s+|\s+|,\s+)[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’.-]*){0,3}"
    r"(?:,?\s+et al\.?)?)(?:,\s*(?P<title>[“\"][^”\"]+[”\"]|\x01[^\x02]+\x02))?\s*,?\s*$"
)


@dataclass
class ShortNote:
    """A short note: the names (and title words) of a source cited in full earlier."""

    names: list[str]
    title: Optional[str]


@dataclass
class NoteSource:
    fields: dict[str, Any]
    locator: Optional[str] = None
    short: Optional[ShortNote] = None


def looks_scholarly(markdown: str) -> bool:
    """A note in an academic style (quoted titles, journal details), not the report style of sources.py."""
    text, _ = plain_with_italics(markdown)
    if re.search(r"\bURL\s*:", text):
        return False  # "Title. URL: <...>": the report style sources.py reads
    return bool(
        re.search(r"[“\"][^”\"]{3,}[,.][”\"]", text)
        or (re.search(r"[“\"][^”\"]{10,}[”\"]\s*[,.(]", text) and re.search(r"\b(?:19|20)\d\d\b", text))
        or re.search(r"\([^()]*:[^()]*,\s*(?:19|20)\d\d\)", text)  # (Place: Publisher, 2018)
        or re.search(
            r"\((?:19|20)\d\d[a-z]?\)|\b(?:vol\.|no\.|pp\.|ed\.|eds\.|trans\.)\s|\bdoi\b|\baccessed\b",
            text,
            re.I,
        )
        or IBID.match(text)
        or all(_short(part) is not None for part in split_sources(text))
    )


def plain_with_italics(markdown: str) -> tuple[str, list[str]]:
    """Plain text with italics marked \\x01...\\x02, generic link texts dropped, and the link targets."""
    inline = to_inline(markdown)
    text = inline.text
    cuts: list[tuple[int, int, str]] = [(a, a, "\x01") for a, _ in inline.emphasis]
    cuts += [(b, b, "\x02") for _, b in inline.emphasis]
    targets = []
    for visible, target in inline.links:
        targets.append(target)
        if _GENERIC_LINK.match(visible.strip()):
            at = text.find(visible)
            if at >= 0:
                cuts.append((at, at + len(visible), ""))
    for start, end, insert in sorted(cuts, key=lambda c: (c[0], c[1]), reverse=True):
        text = text[:start] + insert + text[end:]
    return " ".join(text.split()), [t for t in targets if re.match(r"(?:https?|ftp)://", t)]


def split_sources(text: str) -> list[str]:
    """A note citing several sources: split at top-level ";" between two citations."""
    parts, depth, quote, start = [], 0, False, 0
    for index, char in enumerate(text):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif char in '“”"':
            quote = char == "“" or (char == '"' and not quote)
            if char == "”":
                quote = False
        elif char == ";" and depth == 0 and not quote:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def _short(part: str) -> Optional[tuple[ShortNote, Optional[str]]]:
    """ "Roe, “Title,” 14." / "Werbach, 8." / "Smith, *Title*, 12." / "Roe, op. cit., 3"."""
    text = _OP_CIT.sub("", part).strip()
    locator = None
    pin = _PINPOINT.search(text)
    if pin:
        locator, text = pin.group("loc").strip(), text[: pin.start()]
    text = text.strip().rstrip(".")
    title_only = re.fullmatch(r"\s*([“\"][^”\"]{3,}[”\"]|\x01[^\x02]{3,}\x02)\s*,?", text)
    if title_only and not re.search(r"https?://", part):  # "“Title.”" / "*Title*, 12."
        return ShortNote([], title_only.group(1).strip('“”"\x01\x02 ,.')), locator
    match = _SHORT.match(text)
    if not match or re.search(r"https?://|(?:19|20)\d\d", part):
        return None
    names = [n for n in re.split(r"\s*(?:,|&|\band\b|\bet al\.?)\s*", match.group("names")) if n.strip()]
    if not names or len(names) > 4:
        return None
    title = match.group("title")
    if title is None and pin is None and not _OP_CIT.search(part):
        return None  # a bare name is not a citation
    title = title.strip('“”"\x01\x02 ,') if title else None
    return ShortNote([n.split()[-1] for n in names], title), locator


def parse_note(markdown: str) -> list[NoteSource]:
    """The sources of one scholarly note, in order."""
    text, links = plain_with_italics(markdown)
    sources = []
    for part in split_sources(text):
        short = _short(part)
        if short:
            sources.append(NoteSource({}, short[1], short[0]))
            continue
        part_links = [u for u in links if u in part] or ([] if len(sources) else links)
        locator = None
        pin = _PINPOINT.search(part)
        if pin and not re.search(
            r"\)\s*:\s*[\d–-]+\s*\.?\s*$", part
        ):  # "(2019): 12-19" are the article's pages
            locator = pin.group("loc").strip()
        parsed: ParsedRef = parse(part, part_links)
        if not parsed.fields.get("title") and not parsed.fields.get("url"):
            continue
        if locator and parsed.fields.get("pages") == locator:
            parsed.fields.pop("pages")
        sources.append(NoteSource(_model_fields(parsed), locator))
    return sources


def _model_fields(parsed: ParsedRef) -> dict[str, Any]:
    from .reflists import reference_fields  # one mapping onto the model for lists and notes

    return reference_fields(parsed)


def resolve_short(short: ShortNote, earlier: list[tuple[dict[str, Any], str]]) -> Optional[str]:
    """The key of the latest earlier full source these names (and title words) abbreviate."""
    wanted = fold(short.names[0]) if short.names else ""
    title = fold(short.title or "")
    for fields, key in reversed(earlier if wanted else []):
        families = [fold(a.split(",")[0]) for a in fields.get("authors", []) if a != "others"]
        families += [fold(fields.get("organization") or "")]
        if not any(f and (f == wanted or f.endswith(wanted)) for f in families):
            continue
        if title and not fold(fields.get("title") or "").startswith(title[:40]):
            continue
        return key
    if title:  # "“Title,” 14." with no name: a title match alone
        for fields, key in reversed(earlier):
            if fold(fields.get("title") or "").startswith(title[:40]):
                return key
    return None
