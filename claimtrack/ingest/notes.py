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

from . import note_refs
from .author_date import fold
from .markdown import to_inline
from .refstrings import ParsedRef, parse, take_identifiers

IBID = re.compile(
    r"^\s*(?:ibid(?:em)?|id)\s*\.?\s*(?:,|at)?\s*(?P<loc>[^;]{0,40}?|\(\?[^)]*\))\s*\.?\s*$", re.I
)
_GENERIC_LINK = re.compile(r"^(?:link|here|online|pdf|html|web|website|source|available here)$", re.I)
_PINPOINT = re.compile(
    r"(?:,|:)\s*(?P<loc>(?:(?:pp?\.|§§?|para\.|paras\.|ch\.|chap\.|n\.|nn\.|fig\.|at)\s*)?"
    r"(?:\d+[a-z]?|[ivxlc]+)(?:\s*(?:[-–—]+|,\s*)\s*(?:\d+[a-z]?|[ivxlc]+))*(?:\.\d+)*)\s*\.?\s*$",
    re.I,
)
_OP_CIT = re.compile(r",?\s*\b(?:op\.\s*cit\.?|loc\.\s*cit\.?|supra(?:\s+note\s+\d+)?)", re.I)
_ITALIC_SIGNAL = re.compile(
    r"\x01\s*((?:see(?:\s+also|\s+generally)?|cf\.|e\.g\.,?|accord|but\s+see|contra|id\.?|ibid\.?|supra|infra|"
    r"op\.\s*cit\.?|passim)[.,]?)\s*\x02",
    re.I,
)
_SUPRA = re.compile(r"\bsupra\s+note\s+(\d+)", re.I)  # Bluebook: "Roe, supra note 3, at 12"
_SHORT = re.compile(
    r"^(?P<names>[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’.-]*(?:(?:\s+(?:and|&)\s+|\s+|,\s+)[A-ZÀ-ÖØ-ÞĀ-ſ][\w'’.-]*){0,3}"
    r"(?:,?\s+et al\.?)?)(?:,\s*(?P<title>[“\"][^”\"]+[”\"]|\x01[^\x02]+\x02))?\s*,?\s*$"
)


@dataclass
class ShortNote:
    """A short note: the names (and title words) of a source cited in full earlier.

    ``ibid``: "Id." / "Ibid." inside a note citing more: the previous note's last source.
    """

    names: list[str]
    title: Optional[str]
    ibid: bool = False
    note: Optional[str] = None  # "supra note 3": the label of the note that cites the work in full


@dataclass
class NoteSource:
    fields: dict[str, Any]
    locator: Optional[str] = None
    short: Optional[ShortNote] = None


def ibid_locator(text: str) -> Optional[tuple[Optional[str]]]:
    """ "Ibid.", "Id. at 5", "See id.", "Id. Emphasis supplied.": (the pinpoint,); None if not an ibid."""
    text = note_refs.AFTERWORDS.sub("", text).strip()
    match = IBID.match(re.sub(r"^\s*(?:see(?:\s+also)?|cf\.)\s+", "", text, flags=re.I))
    if not match:
        return None
    loc = match.group("loc").strip(" .,") or None
    return (loc,)


def looks_scholarly(markdown: str) -> bool:
    """A note in an academic or legal style (quoted titles, journal details, cases), not the report style of sources.py."""
    text, _ = plain_with_italics(markdown)
    if re.search(r"\bURL\s*:", text):
        return False  # "Title. URL: <...>": the report style sources.py reads
    without_urls = note_refs.straight_quotes(_ANY_URL.sub(" ", text))
    return bool(
        re.search(r"[“\"][^”\"]{3,}[,.][”\"]", text)
        or (re.search(r"[“\"][^”\"]{10,}[”\"]\s*[,.(]", text) and re.search(r"\b(?:19|20)\d\d\b", text))
        or re.search(r"\([^()]*:[^()]*,\s*(?:19|20)\d\d\)", text)  # (Place: Publisher, 2018)
        or re.search(
            r"\((?:19|20)\d\d[a-z]?\)|\b(?:vol\.|no\.|pp\.|ed\.|eds\.|trans\.)\s|\bdoi\b|\baccessed\b|\bretrieved\b",
            text,
            re.I,
        )
        or IBID.match(text)
        or (note_refs.has_citation(without_urls) and not _REPORT_STYLE.match(text))
        or note_refs.is_legal(without_urls)
        or all(_short(part) is not None for part in split_sources(text))
    )


# The report style sources.py reads: "*Title*, *Site*, October, 23, 2020." / "Haas R. *Title*. ..."
# (a title in italics first, or names without a comma and a full stop before it)
_REPORT_STYLE = re.compile(
    r"^\s*(?:\x01|(?:[A-Z][\w'’-]+\s+){0,3}(?:[A-Z][\w'’-]+\.|[A-Z]\.(?:\s*[A-Z]\.)*)\s+\x01)"
    r"(?![^()]*\([^()]*\b(?:1[5-9]|20)\d\d[^()]*\))"  # "*Title* (Place: Publisher, 2020)" is a Chicago note
)
_ANY_URL = re.compile(r"(?:https?|ftp)://\S+|\bwww\.\S+", re.I)
_ARCHIVES = re.compile(
    r"^https?://(?:www\.)?(?:perma\.cc|web\.archive\.org|archive\.(?:today|ph|is|org/web)|webcitation\.org)/",
    re.I,
)
_WRAPPER = re.compile(r"^https?://(?:www\.)?google\.[a-z.]+/(?:search|url)\?(?:.*&)?q=([^&]+)", re.I)


def unwrap(url: str) -> str:
    """The URL a search engine's redirect ("google.com/search?q=https://...") stands for; others unchanged."""
    wrapped = _WRAPPER.match(url)
    if not wrapped:
        return url
    from urllib.parse import unquote

    return unquote(wrapped.group(1))


@dataclass
class NoteLink:
    """A link of a note: what the reader sees, where it goes, and the URL it cites."""

    visible: str
    target: str

    @property
    def url(self) -> str:
        """The URL cited: the one shown when the text is a URL (the target may be an archived copy or a redirect)."""
        from urllib.parse import unquote

        if _WRAPPER.match(self.target):
            return unwrap(self.target)
        shown = self.visible.strip(" <>")
        same = unquote(shown).rstrip("/") == unquote(self.target).rstrip("/")
        if re.match(r"(?:https?|ftp)://\S+$", shown) and not same:
            return shown.rstrip(".,;:")
        return (
            self.target.rstrip(".,;:")
            if self.target.rstrip(".,;:") != self.target and "(" not in self.target
            else self.target
        )

    @property
    def archive(self) -> Optional[str]:
        return self.target if _ARCHIVES.match(self.target) and self.url != self.target else None


def plain_with_italics(markdown: str) -> tuple[str, list[str]]:
    """Plain text with italics marked \\x01...\\x02, generic link texts dropped, and the link targets."""
    text, links = _plain_and_links(markdown)
    return text, [link.target for link in links]


def _plain_and_links(markdown: str) -> tuple[str, list[NoteLink]]:
    inline = to_inline(markdown)
    text = inline.text
    cuts: list[tuple[int, int, str]] = [(a, a, "\x01") for a, _ in inline.emphasis]
    cuts += [(b, b, "\x02") for _, b in inline.emphasis]
    links = []
    for visible, target in inline.links:
        if not re.match(r"(?:https?|ftp)://", target):
            continue
        links.append(NoteLink(visible, target))
        if _GENERIC_LINK.match(visible.strip()):
            at = text.find(visible)
            if at >= 0:
                cuts.append((at, at + len(visible), ""))
    for start, end, insert in sorted(cuts, key=lambda c: (c[0], c[1]), reverse=True):
        text = text[:start] + insert + text[end:]
    text = _ITALIC_SIGNAL.sub(r"\1", text)  # law notes italicise their signals: "*See*", "*supra*", "*Id.*"
    return " ".join(text.split()), links


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
    out: list[str] = []
    for part in (p.strip() for p in parts if p.strip()):
        if out and _NAME_ONLY.fullmatch(out[-1]):  # "Allen, Michael; Swain, Scott R. (2015). *Title*"
            out[-1] = f"{out[-1]}; {part}"
        else:
            out.append(part)
    return out


# A piece that is nothing but a person's name, "Family, Given" or "Given Family": the first of
# authors a note joins with ";" (Wikipedia's "Eich, Brendan; David Hyatt (April 2, 2003)."),
# never a citation of its own.
_NAME_ONLY = re.compile(
    r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2},\s+[A-Z][\w'’-]*\.?(?:\s+[A-Z][\w'’-]*\.?){0,2}"
    r"|[A-Z][\w'’-]+\.?(?:\s+[A-Z]\.)?\s+[A-Z][\w'’-]+"
)


def _short(part: str) -> Optional[tuple[ShortNote, Optional[str]]]:
    """ "Roe, “Title,” 14." / "Werbach, 8." / "Smith, *Title*, 12." / "Roe, op. cit., 3" / "Id. at 5"."""
    ibid = ibid_locator(part)
    if ibid is not None:
        return ShortNote([], None, ibid=True), ibid[0]
    part = _ANY_URL.sub(" ", part).strip(
        " :,"
    )  # "Kuhn and Johnson, *Title*: <url of a section>" is still short
    text = _OP_CIT.sub("", part).strip()
    locator = None
    body, pin = note_refs.pinpoint(text)
    if pin:
        locator, text = pin, body
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
    if title is None and pin is None and not _OP_CIT.search(part) and "et al" not in match.group("names"):
        return None  # a bare name is not a citation; "Briottet et al." is
    title = title.strip('“”"\x01\x02 ,') if title else None
    supra = _SUPRA.search(part)
    return ShortNote([n.split()[-1] for n in names], title, note=supra.group(1) if supra else None), locator


def parse_note(markdown: str) -> list[NoteSource]:
    """The sources of one scholarly note, in order (prose, signals and pinpoints taken off)."""
    text, links = _plain_and_links(markdown)
    sources: list[NoteSource] = []
    unclaimed = list(links)
    pieces = [piece for part in split_sources(text) for piece in note_refs.citations(part)]
    for written in pieces:
        piece, lead = note_refs.lead_pinpoint(written)
        mine = [link for link in unclaimed if _shown(link) in piece or link.target in piece]
        unclaimed = [link for link in unclaimed if link not in mine]
        short = _short(piece)
        body, locator = note_refs.pinpoint(piece)
        article = None if short else note_refs.bluebook_article(_ANY_URL.sub(" ", body))
        locator = locator or (article[1] if article else None)
        full = _fields(_titled(body, mine), mine) if not short or mine or _ANY_URL.search(piece) else {}
        if short:  # "Kuhn and Johnson, *Title*: <url>": its full fields count only if no earlier note matches
            sources.append(NoteSource(full if full.get("title") else {}, short[1] or lead, short[0]))
        elif full.get("title") or full.get("url"):
            sources.append(NoteSource(full, locator or lead))
    for link in unclaimed:  # a link in the comment of a note is a source too ("examples are here: <url>")
        if (
            sources
            and not sources[0].short
            and not sources[0].fields.get("url")
            and _GENERIC_LINK.match(_shown(link))
        ):
            sources[0].fields["url"] = link.url  # "[here](url)" after the citation: its URL
        elif link.url not in {s.fields.get("url") for s in sources}:
            shown = _shown(link)
            title = None if _ANY_URL.match(shown) or _GENERIC_LINK.match(shown) or not shown else shown
            sources.append(NoteSource(_model_fields(ParsedRef(fields={"url": link.url, "title": title}))))
    return sources


def _shown(link: NoteLink) -> str:
    return " ".join(link.visible.split())


def _titled(body: str, links: list[NoteLink]) -> str:
    """A title written as a link ("Cox, eds., [A Journal About Data](url), *APRJA* 4") is quoted like one."""
    if re.search(r"[“\"]|\x01", body.split(",")[0]) or re.search(r"[“\"][^”\"]{3,}[”\"]", body):
        return body
    for link in links:
        shown = _shown(link)
        if (
            len(shown.split()) >= 2
            and not _ANY_URL.match(shown)
            and not _GENERIC_LINK.match(shown)
            and shown in body
        ):
            return body.replace(shown, f"“{shown},”", 1).replace(",”,", ",”")
    return body


def _cited_urls(links: list[NoteLink]) -> list[str]:
    """The URLs a citation's links cite: an archived copy's original when the text shows it.

    "[<https://site/a%20b.pdf>](https://perma.cc/X)" reads as two links, the shown URL (its own
    autolink) and the archive: the original is cited, the archive is kept as ``archive_url``.
    """
    out: list[str] = []
    for link in links:
        url = link.url
        if _ARCHIVES.match(link.target):
            twins = [
                o.target
                for o in links
                if o is not link and _shown(o) == _shown(link) and not _ARCHIVES.match(o.target)
            ]
            url = twins[0] if twins else (url if url != link.target else "")
        if url and url not in out:
            out.append(url)
    return out or [link.target for link in links[:1]]


def _fields(body: str, links: list[NoteLink]) -> dict[str, Any]:
    """The reference fields of one full citation of a note."""
    urls = _cited_urls(links)
    if note_refs.is_legal(body):
        found = ParsedRef(text=body)
        take_identifiers(body, found)
        found.fields = {
            **note_refs.legal_fields(_ANY_URL.sub(" ", body)),
            "urldate": found.fields.get("urldate"),
        }
        found.kind = "legal"
        fields = _model_fields(found)
        url = (urls + found.urls)[:1]
        if url:
            fields["url"] = url[0]
    elif note_refs.bluebook_article(_ANY_URL.sub(" ", body)):
        article = note_refs.bluebook_article(_ANY_URL.sub(" ", body))
        found = ParsedRef(text=body, kind="article")
        take_identifiers(body, found)
        found.fields = {**article[0], "urldate": found.fields.get("urldate")} if article else {}
        fields = _model_fields(found)
        if urls or found.urls:
            fields["url"] = (urls + found.urls)[0]
    else:
        authors, rest = note_refs.note_authors(body)
        parsed: ParsedRef = parse(rest if authors else body, urls)
        if authors:
            parsed.fields["authors"] = authors
            parsed.fields.pop("organization", None)
        note_refs.complete(parsed, body)
        fields = _model_fields(parsed)
        if urls:
            fields["url"] = urls[0]
    archive = next(
        (link.target for link in links if _ARCHIVES.match(link.target) and link.target not in urls), None
    )
    if archive:
        fields["archive_url"] = archive
    return fields


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
