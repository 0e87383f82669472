"""The citations inside one footnote, as people write them in notes.

A note is not a reference-list entry: it mixes prose with citations ("This
is a description of the actor-network. See Bruno Latour, *Reassembling the
Social* (Oxford: OUP, 2005)."), cites a page ("(2019): 7", "2020), 118.",
"Id. at 5"), quotes a passage before its source, chains sources with "; see
also" or ". See also", and writes legal authorities in their own order
("Fact-Finding Report, 09 June 2021, at 1, In re: X, NPC Case No. 21-006
(NPC 2022)", "Sun Microsystems, Inc. v. Microsoft Corp., 188 F.3d 1115,
1121 (9th Cir. 1999)").  This module cuts a note's plain text (italics
marked \\x01...\\x02, as :func:`.notes.plain_with_italics` gives it) into
citation strings with their pinpoints, and reads the legal forms; the
ordinary bibliographic string is left to :mod:`.refstrings`.
"""

from __future__ import annotations

import re
from typing import Any, Optional

from .dates import english_date
from .names import ORG_WORDS, looks_like_org

_URL = re.compile(r"(?:https?|ftp)://[^\s<>\"\x01\x02]+|\bwww\.[^\s<>\"\x01\x02]+", re.I)
# Words that introduce a citation ("See", "see also", "cf.", "For more ..., see:").
_SIGNAL = re.compile(
    r"(?:^|(?<=[.;:!?”\"’)\]]\s)|(?<=,\s)|(?<=\())(?:(?:for\s+example|e\.g\.|i\.e\.|also),?\s+)?"
    r"(?:see(?:\s+also|,?\s+e\.g\.)?|cf\.|compare|also|accord|contra|but\s+see)\s*[:,]?\s+",
    re.I,
)
_POSSESSIVE_LEAD = re.compile(r"^(?:(?:his|her|their|its|the|this|that)\s+)(?:\w+\s+){0,2}?"
                              r"(?:book|article|essay|chapter|paper|report|study|interview|piece|post)s?\s*,?\s*", re.I)  # fmt: skip
_PIN_WORDS = r"(?:pp?\.|§§?|paras?\.|¶+|ch\.|chap\.|chapters?|n\.|nn\.|fig\.|figs\.|loc\.|col\.|sec\.|s\.|art\.|comment)"
_PIN_VALUE = r"(?:[\dIVXLCivxlc]+[a-z]?(?:\s*[-–—]+\s*[\dIVXLCivxlc]+[a-z]?)?(?:\s*(?:,|&|and)\s*\d+(?:\s*[-–—]+\s*\d+)?)*(?:\([a-z0-9]{1,4}\))*|[a-z])"
# A pinpoint at the end of a citation: ", 118." "): 7" ". 55-56." ", p. 40." ". Chapter 3."
_TRAILING_PIN = re.compile(
    rf"(?:(?<=\))\s*[:,]?|(?<=[,:][”\"’])|[,:]|\.(?=\s+{_PIN_WORDS}))\s*(?P<loc>(?:{_PIN_WORDS}\s*)?{_PIN_VALUE})\s*\.?\s*$",
    re.I,
)
_AUTHOR_DATE_PIN = re.compile(rf"\.\s+(?P<loc>(?:{_PIN_WORDS}\s*)?\d+(?:\s*[-–—]+\s*\d+)?)\s*\.?\s*$", re.I)
_BLUEBOOK_AT = re.compile(
    rf",?\s*\bat\s+(?P<loc>(?:{_PIN_WORDS}\s*)?[\dIVXLCivxlc*]+[\w–-]*(?:\s*(?:&|,)\s*[\dn.]+[\w–-]*)*)(?=\s*[,.;(]|\s*$)"
)
AFTERWORDS = re.compile(r"\s*\b(?:emphasis|italics|brackets|alterations?|footnotes?|citations?|internal quotation marks)\s+(?:supplied|added|removed|omitted|in original)\b\.?", re.I)  # fmt: skip
_CASE = re.compile(r"\b(?:In\s+re\b|[A-Z][\w.,'&-]*(?:\s+[\w.,'&()-]+){0,8}?\s+v\.\s+[A-Z])")
_REPORTER = re.compile(  # ", 188 F.3d 1115" -- not ", 09 June 2020"
    r",\s*\d{1,4}\s+(?!(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s)(?:[A-Z][\w.]*\s*){1,4}(?:\d[a-z]{1,2}\s*)?\d{1,5}\b",
    re.I,
)
_STATUTE = re.compile(
    r"§|\b(?:U\.?\s?S\.?\s?C\.?|C\.F\.R\.|Stat\.|Restat(?:ement)?|R\.?S\.?C\.?|Republic Act|Pub\.\s?L\.)\b"
)
_FULL_DATE = re.compile(
    r"\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4}\b|"
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},\s+\d{4}\b",
    re.I,
)
_YEAR = re.compile(r"\b(1[5-9]|20)\d\d\b")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_GIVEN_FIRST = r"(?:[A-Z][\w'’.-]*\s+){1,3}[A-Z][\w'’-]+"
# Comment before the first author of a note-form citation: "..., the author recommends Jane Roe, “Title,”"
_PROSE_LEAD = re.compile(
    rf"^(?:[^\x01“\"]{{8,}}?\b(?!(?:and|or|et|al|van|von|de|der|den|da|di|du|la|le|del|y)\b)[a-z][\w'’-]*[,:]?\s+)(?=(?:{_GIVEN_FIRST})(?:(?:,\s+|,?\s+(?:and|&)\s+){_GIVEN_FIRST})*(?:,?\s+et al\.)?,\s+[“\"\x01])"
)


def straight_quotes(text: str) -> str:
    """British 'Title' in straight single quotes becomes “Title” (apostrophes inside words stay).

    Single quotes inside a double-quoted title ("Edison Coined the Term 'Bug'") are left alone.
    """
    parts = re.split(r"(“[^”]*”|\"[^\"]*\")", text)
    return "".join(
        part if i % 2 else re.sub(r"(?<![\w'])'((?:[^'\n]|(?<=\w)'(?=\w)){3,}?)'(?![\w'])", r"“\1”", part)
        for i, part in enumerate(parts)
    )


def has_citation(text: str) -> bool:
    """Does this stretch of a note cite something (a title, a year, a URL, a legal authority)?"""
    outside = re.sub(
        r"\x01[^\x02]*\x02|[“\"][^”\"]*[”\"]", " ", text
    )  # a year inside a title ("*Coal 2019*") is not a date
    return bool(
        _URL.search(text)
        or re.search(r"\x01[^\x02]{2,}\x02|[“\"][^”\"]{3,}[”\"]", text)
        and (_YEAR.search(outside) or re.search(r"\b(?:ed\.|eds\.|trans\.|vol\.|no\.|pp?\.)", outside))
        or _CASE.search(text)
        and (_REPORTER.search(text) or _YEAR.search(text))
        or _STATUTE.search(text)
        or _BLUEBOOK_TAIL.search(
            text.replace("\x01", "").replace("\x02", "")
        )  # ", 60 B.C. L. Rev. 2255 (2019)"
        or re.search(r"\([^()]*:[^()]*\d{4}\)", text)  # (Place: Publisher, 2019)
        or re.search(
            r"\b[A-Z][\w.' -]{1,30}(?:,\s*[A-Z]{2})?:\s*[A-Z][^,:;]{1,60},\s*(?:1[5-9]|20)\d\d\b", text
        )  # Place: Publisher, 2019
        or re.match(
            r"^[A-Z][\w'’-]+,\s+[A-Z][\w.'’ -]+[.,]\s+(?:\(?\d{4}|\x01|[“\"])", text
        )  # Smith, John. 2019
    )


def _sentences(text: str) -> list[str]:
    """Split at ". X" outside quotes, parentheses and italics, keeping initials ("J. Smith") together."""
    out, start, depth, quote, em = [], 0, 0, False, False
    for index, char in enumerate(text):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif char == "\x01":
            em = True
        elif char == "\x02":
            em = False
        elif char in '“”"':
            quote = char == "“" or (char == '"' and not quote)
        elif char in ".?!" and not depth and not em and text[index + 1 : index + 2] == " ":
            before = text[start:index]
            if re.search(
                r"(?:\b[A-Z]|\b(?:[A-Z][a-z]{0,3}|[a-z]{1,4}|al|ed|eds|trans|vol|no|pp?|ch|op|cit|ibid|id|Inc|Co|Corp|Ltd|St|Mr|Mrs|Dr|Jr|Sr|U\.S|Cir|Sept?|Nov|Dec|Jan|Feb|Aug|Oct))$",
                before,
            ):
                continue
            after = text[index + 2 : index + 3]
            if quote or not after or not (after.isupper() or after in '“"\x01(['):
                continue
            out.append(text[start : index + 1])
            start = index + 2
    out.append(text[start:])
    return [s.strip() for s in out if s.strip()]


_PROSE_CLAUSE = re.compile(
    r",\s+(?:is|are|was|were|makes?|shows?|gives?|documents?|describes?|provides?|offers?|discusses?|argues?|"
    r"explains?|notes?|has|have|contains?|presents?|remains?|includes?)\b[^.;]*$"
)


# Comment after a citation: "(CRC Press, 2020) for a discussion:", "*Title* for a longer description of *V*:"
_TRAILING_PROSE = re.compile(
    r"(?<=[\x02”\")\d])\s+(?=[a-z])(?!(?:and|in|pp?|vol|no|ed|eds|trans|accessed|retrieved|available|at|from|see|cited|quoted|n\.d)\b)"
    r"(?:[^\s\x01\x02“\"\d.]+\s+){1,}?(?:[^\s\x01\x02“\"\d.]+|\x01[^\x02]*\x02)\s*:?(?=\s*(?:(?:https?|ftp)://|www\.|<|$))"
)
_LEAD_PINPOINT = re.compile(
    r"^(?P<loc>(?:section|sections|chapter|chapters|ch\.|part|pp?\.|pages?|figure|fig\.|table|appendix|§+)\s*[\w.–-]+)\s+(?:of|in)\s+",
    re.I,
)


def lead_pinpoint(text: str) -> tuple[str, Optional[str]]:
    """ "Section 1.2.5 of M. Kuhn and K. Johnson, *Title*": the citation, and its pinpoint written first."""
    match = _LEAD_PINPOINT.match(text)
    if not match or not text[match.end() :][:1].isupper():
        return text, None
    return text[match.end() :], match.group("loc")


def _cites_here(sentence: str) -> bool:
    """A sentence that carries part of a citation: a year, a URL, a quoted or italic title, a pinpoint."""
    return bool(
        _YEAR.search(sentence)
        or _URL.search(sentence)
        or has_citation(sentence)
        or re.search(r"\x01|[“\"]", sentence)
    )


def is_prose(sentence: str) -> bool:
    """A sentence of comment, not of citation: mostly lower-case words, nothing a citation has."""
    if has_citation(sentence):
        return False
    words = re.findall(r"[^\W\d_][\w'’-]*", sentence.replace("\x01", " ").replace("\x02", " "))
    lower = [w for w in words if w[0].islower()]
    return len(words) >= 5 and len(lower) >= len(words) / 2


def citations(text: str) -> list[str]:
    """The citation strings of a note's plain text, prose, signals and epigraphs taken off, in order.

    A note is cut only where it says so: at a signal ("See", "see also", "cf.") whose
    remainder cites, and around whole sentences of comment; a citation written in
    sentences (MLA's "Roe, Jane. “Title.” *Journal*, 2019.") stays whole.
    """
    text = straight_quotes(text)
    text = re.sub(
        rf"\b({_MONTH})\s+(\d{{1,2}})\s*\((\d{{4}})\)", r"\1 \2, \3", text, flags=re.I
    )  # "October 30 (2013)"
    text = re.sub(r"\(\s*(?:ibid|id)\.?[^()]*\)", " ", text, flags=re.I)  # "(Ibid., 31)" inside prose
    text = re.sub(
        r"^[“\"](?:[^”\"\s]+\s+){7,}[^”\"]*[.!?][”\"]\s+(?=\S)", "", text.strip()
    )  # an epigraph before its source
    pieces: list[str] = []
    rest = text
    while rest:
        cut = _signal_cut(rest)
        if cut is None:
            pieces.append(rest)
            break
        before, after = cut
        if (has_citation(before) or _short_like(before)) and not _commentary(before):
            pieces.append(before)
        rest = after
    out = []
    for piece in pieces:
        sentences = _sentences(piece)
        citing = [i for i, sentence in enumerate(sentences) if _cites_here(sentence)]
        if citing:  # comment before the first sentence that cites, or after the last one, goes
            head = next((i for i in range(citing[0]) if not is_prose(sentences[i])), citing[0])
            tail = [i for i in range(citing[-1] + 1, len(sentences)) if not is_prose(sentences[i])]
            sentences = sentences[head : (tail[-1] if tail else citing[-1]) + 1]
        piece = " ".join(sentences)
        piece = _PROSE_CLAUSE.sub("", piece.rstrip(" ."))  # "..., 1985), makes this point most eloquently."
        piece = _TRAILING_PROSE.sub("", piece)  # "*Title* (CRC Press, 2020) for a discussion: <url>"
        piece = re.sub(
            r"((?:https?|ftp)://\S+)\s+[a-z][^\x01“\"]*$", r"\1", piece
        )  # "<url> gives an overview"
        piece = _POSSESSIVE_LEAD.sub("", piece.strip(), count=1)
        piece = _PROSE_LEAD.sub(
            "", piece, count=1
        )  # "For English speakers, the author recommends Eugene O'Loughlin, 'Title'"
        if piece.strip(" .,;"):
            out.append(piece.strip())
    return out


def _commentary(text: str) -> bool:
    """A stretch of comment that merely quotes a word or names a year ("The term “bug” was coined in 1873 ...")."""
    if re.match(r"^\s*(?:[“\"\x01]|[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3},)", text) or _URL.search(text):
        return False
    words = re.findall(r"[^\W\d_][\w'’-]*", text.replace("\x01", " ").replace("\x02", " "))
    return len(words) >= 12 and sum(w[0].islower() for w in words) >= 0.6 * len(words)


def _short_like(text: str) -> bool:
    """ "Abbott, “The Metropolitan Region,” 82-83." before a "See also": a short form."""
    return (
        len(text) < 150
        and not is_prose(text)
        and bool(re.match(r"^[A-Z][\w'’-]+(?:\s+(?:and|&)\s+[A-Z][\w'’-]+)?,\s", text.strip()))
    )


def _signal_cut(text: str) -> Optional[tuple[str, str]]:
    """(what comes before, what follows) the first signal whose remainder cites; None if none."""
    for match in _SIGNAL.finditer(text):
        after = text[match.end() :]
        if not (has_citation(after) or _short_like(after)):
            continue
        before = text[: match.start()].rstrip(" ,;:")
        if before and re.search(r"\b(?:in|and|or|of|the|a|to)$", before):
            continue  # "... as seen in" is part of a sentence, not a signal
        return before, after
    return None


def pinpoint(text: str) -> tuple[str, Optional[str]]:
    """The citation without its pinpoint, and the pinpoint ("7", "pp. 14–19", "at 5" as "5")."""
    text = AFTERWORDS.sub("", text).strip()
    bare = _URL.sub(" ", text)
    bare = re.sub(
        r"\b(?:available\s+(?:at|from)|retrieved\s+from|accessed|online)\s*:?\s*[.,]?\s*$",
        "",
        bare.strip(" .,;"),
        flags=re.I,
    )
    bare = re.sub(
        r"\(\s*(?:last\s+)?(?:accessed|visited|viewed)[^()]*\)\s*\.?$", "", bare.strip(), flags=re.I
    )
    bare = re.sub(r"[\s\[\]<>]+$", "", bare).strip(" .,;")
    while bare.endswith(")") and bare.count(")") > bare.count("("):
        bare = bare[:-1].strip(" .,;")  # what a link's parenthesis left
    at = _BLUEBOOK_AT.search(bare)
    if at:
        return _cut(text, at.group(0)), at.group("loc").strip()
    match = _TRAILING_PIN.search(bare) or _AUTHOR_DATE_PIN.search(bare)
    dated = re.match(r"(?:1[5-9]|20)\d\d\s*,\s*(?=\S)", match.group("loc")) if match else None
    if match and dated:  # "*The New York Times*, January 28, 1922, 11.": the year, then the page
        loc = match.group("loc")[dated.end() :].strip()
        return _cut(text, ", " + loc) if (", " + loc) in text else text, loc
    if match and _is_pinpoint(match.group("loc").strip(), bare[: match.start()], bare[: match.start() + 1]):
        return _cut(text, bare[match.start() : match.end()]), match.group("loc").strip()
    quoted = re.search(r"\s*\((pp?\.\s*\d+[a-z]?(?:\s*[-–—]\s*\d+[a-z]?)?)\)", bare)
    if quoted:  # APA quoting a book: "Grudem, W. (2009). *Title* (p. 24). Zondervan."
        return _cut(text, quoted.group(0)), quoted.group(1)
    page = re.search(r",\s*(p\.\s*\d+[a-z]?)(?=\s*,)", bare)  # "Foreign Affairs, p.14, 2008": one page cited
    if page:
        return _cut(text, page.group(0)), re.sub(r"p\.\s*", "p. ", page.group(1))
    return text, None


def _is_pinpoint(loc: str, before: str, through: str) -> bool:
    """Is this number at the end of a citation the page cited (not its year, volume or issue)?"""
    if (_YEAR.fullmatch(loc) and not before.rstrip(" :,").endswith(")")) or re.search(
        r",\s*(?:1[5-9]|20)\d\d$", loc
    ):
        return False  # "Jossey-Bass, 2016." is the year
    if re.search(r"\b(?:vol\.?|no\.?|volume|issue|nos?\.)\s*$", before, re.I) or re.search(
        r"(?<![\d])(?!(?:1[5-9]|20)\d\d$)\d{1,4}$", before
    ):
        return False  # "*APRJA* 4, no. 1" is the issue
    if re.fullmatch(r"[ivxlc]+|[IVXLC]+", loc) and not re.search(r"[,)]\s*$", through):
        return False
    if re.search(r"[-–—]", loc) and re.search(
        r"\b\d{1,4}(?:,\s*no\.\s*[\w/–-]+)?\s*\([^()]*\)\s*:?\s*$", before
    ):
        return False  # "*Journal* 133, no. 4 (2020): 1201–45": the article's pages
    return not re.search(r"\b(?:vol|no|issue|nos)\.?\s*$", loc, re.I)


def _cut(text: str, piece: str) -> str:
    """``text`` without the last occurrence of ``piece`` (the pinpoint as matched)."""
    at = text.rfind(piece.rstrip(" ."))
    if at < 0:
        return text
    return (text[:at] + text[at + len(piece.rstrip(" .")) :]).strip()


def is_legal(text: str) -> bool:
    """A case, filing or statute: it has its own order (name, reporter or docket, court and year)."""
    return bool(
        _CASE.search(text)
        and (_REPORTER.search(text) or re.search(r"\bIn\s+re\b|\bCase\s+No\b|\(\w[^()]*\d{4}\)", text))
        or _STATUTE.search(text)
    )


def legal_fields(text: str) -> dict[str, Any]:
    """Title, court case (as container), organisation, date and URL of a legal authority."""
    plain = text.replace("\x01", "").replace("\x02", "")
    fields: dict[str, Any] = {}
    parts = _top_level_commas(plain)
    case_at = next(
        (i for i, p in enumerate(parts) if _CASE.match(p.strip()) or re.match(r"^In\s+re\b", p.strip())), None
    )
    if (
        parts
        and looks_like_org(parts[0])
        and not _CASE.search(parts[0])
        and len(parts) > 1
        and not _STATUTE.search(parts[0])
    ):
        fields["organization"] = parts[0].strip()
        parts = parts[1:]
        case_at = None if case_at is None else case_at - 1
    if case_at == 0:
        case = parts[0]
        # "Sun Microsystems, Inc. v. Microsoft Corp., 188 F.3d": the name runs up to the reporter
        reporter = _REPORTER.search(plain)
        if reporter and " v. " in plain[: reporter.start()]:
            case = plain[: reporter.start()]
            if fields.get("organization"):
                case = case[len(fields["organization"]) :].lstrip(" ,")
        fields["title"] = _no_stop(case)
    elif parts:
        fields["title"] = _no_stop(re.split(r"\s*§", parts[0])[0])
        if case_at is not None and case_at > 0:
            case = parts[case_at]
            end = case_at + 1
            while end < len(parts) and not re.search(
                r"\b(?:No\.?|Case|G\.R\.)\s*\d|\(\w[^()]*\d{4}\)|\d{4}", parts[end]
            ):
                case += "," + parts[end]  # "In re: X and its Responsible Officers" may hold commas
                end += 1
            fields["container"] = case.strip(" ,.")
    date = _FULL_DATE.search(plain)
    if date:
        fields["date"] = english_date(date.group(0).replace(".", "").replace(",", ""))
    if not fields.get("date"):
        years = re.findall(r"\(([^()]*\b(?:1[5-9]|20)\d\d)\)", plain)
        if years:
            fields["date"] = _YEAR.search(years[-1]).group(0)  # type: ignore[union-attr]
    return {k: v for k, v in fields.items() if v}


def _no_stop(text: str) -> str:
    """A name without the full stop after it, unless the stop ends an abbreviation ("Corp.")."""
    text = text.strip(" ,")
    if text.endswith(".") and not re.search(r"\b(?:[A-Z][a-z]{0,4}|[A-Z]{1,4})\.$", text):
        text = text[:-1]
    return text.strip(" ,")


def _top_level_commas(text: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif (
            char == ","
            and not depth
            and not re.match(r",\s*(?:Inc|Ltd|Co|Corp|LLC|L\.L\.C|Jr|Sr)\b\.?", text[index:])
        ):
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


_INITIALS_NAME = r"(?:[A-Z]\.\s*(?:-?[A-Z]\.\s*)*)[A-Z][\w'’-]+"
_IEEE_AUTHORS = re.compile(
    rf"^(?P<names>{_INITIALS_NAME}(?:(?:,\s+|,?\s+(?:and|&)\s+){_INITIALS_NAME})*(?:,?\s+et al\.)?),\s+"
    r"(?![“\"\x01])(?P<title>[^.“\"\x01]{3,}?)\.\s+(?=[A-Z][^:.]{1,40}:\s*[A-Z])"
)
_FAMILIES = re.compile(
    r"^(?P<names>[A-Z][\w'’-]+(?:(?:,\s+|,?\s+(?:and|&)\s+)[A-Z][\w'’-]+)+),\s+(?=[“\"\x01])"
)


def note_authors(body: str) -> tuple[list[str], str]:
    """Authors a note writes in a way the reference-list parser misreads, and the rest of the citation.

    "B. Boehm, Software Engineering Economics. Englewood Cliffs, NJ: Prentice-Hall, 1981" (initials
    first, a bare title) and "Marx and Engels, *The Communist Manifesto* (1848)" (family names only).
    The title of the first is marked as italic, as a book title is.
    """
    ieee = _IEEE_AUTHORS.match(body)
    if ieee:
        rest = f"\x01{ieee.group('title')}\x02. " + body[ieee.end() :]
        return [_family_first(n) for n in _names(ieee.group("names"))], rest
    families = _FAMILIES.match(body)
    if families:
        return _names(families.group("names")), body[families.end() :]
    return [], body


def _names(text: str) -> list[str]:
    others = bool(re.search(r"\bet al\.?$", text))
    text = re.sub(r",?\s+et al\.?$", "", text)
    names = [n.strip() for n in re.split(r"\s*,\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+", text) if n.strip()]
    return names + (["others"] if others else [])


def _family_first(name: str) -> str:
    if name == "others":
        return name
    parts = name.split()
    return f"{parts[-1]}, {' '.join(parts[:-1])}" if len(parts) > 1 else name


_EDITION = re.compile(r"^(?:\w+\s+)?(?:edition|ed\.?|edn\.?)$|^\d+(?:st|nd|rd|th)\s+ed", re.I)
_PUBLISHER = re.compile(r"\b(?:Press|Publishers?|Publishing|Books|Verlag|Editions)\b")


def complete(parsed: Any, body: str) -> None:
    """Fill what a note shows by typography and the reference-list parser left: italics after the title."""
    fields = parsed.fields
    person = fields.get("organization") or ""
    if (
        person
        and not fields.get("authors")
        and not ORG_WORDS.search(person)
        and re.fullmatch(r"(?:[A-Z][\w'’-]+\s+){1,4}[A-Z][\w'’-]+", person)
        and re.match(rf"{re.escape(person)},\s+[“\"\x01]", body)
    ):  # "Wendy Hui Kyong Chun, *Title*": in a note, a name before the title is a person's
        words = person.split()
        fields["authors"] = [f"{words[-1]}, {' '.join(words[:-1])}"]
        fields.pop("organization")
    spans = [m.group(1).strip(" ,.") for m in re.finditer(r"\x01([^\x02]+)\x02", body)]
    title = fields.get("title") or ""
    around = next((sp for sp in spans if title and title in sp and len(sp) > len(title) + 3), None)
    if around and re.search(
        r"[“\"”]", around
    ):  # *"It's Your Misfortune": A New History* -- the whole italic title
        fields["title"] = title = around.replace("“", '"').replace("”", '"')
        if fields.get("container") and fields["container"] in around:
            fields.pop("container")
    year = re.search(r"\s*\(((?:1[5-9]|20)\d\d)\)$", title)
    if year:  # "Facebook, Form S-1 registration statement (2012)."
        fields["title"] = title = title[: year.start()]
        fields.setdefault("date", year.group(1))
        fields["date"] = fields["date"] or year.group(1)
    container = fields.get("container") or ""
    if container and _EDITION.match(container):
        fields.pop("container")
    elif container and _PUBLISHER.search(container) and not fields.get("volume") and title in spans:
        fields.setdefault("publisher", fields.pop("container"))
    if not fields.get("container") and title:
        after = body.find(title)
        later = [sp for sp in spans if sp != title and title not in sp and body.find(sp) > after >= 0]
        if later and not _PUBLISHER.search(later[0]) and not _EDITION.match(later[0]):
            fields["container"] = later[0]


# Bluebook periodical: "Uri Ben & Shmuel Becker, The Duty to Read, 60 B.C. L. Rev. 2255, 2260 (2019)"
_BLUEBOOK_TAIL = re.compile(
    r",\s+(?P<vol>\d{1,4})\s+(?P<journal>[A-Z][\w.&'’]*(?:\s+(?:[A-Z][\w.&'’]*|&|of|on|the|and|in))*?)\s+"
    r"(?P<page>\d{1,5})(?:,\s*(?P<pin>\d[\d–-]*(?:\s*n\.\s*\d+)?))?\s*"
    r"\((?P<year>(?:[^()]*?\s)?(?:1[6-9]|20)\d\d)\)\s*\.?\s*$"
)
_PERSON = re.compile(r"(?:[A-Z][\w'’.-]*\s+){1,3}[A-Z][\w'’-]+")


def bluebook_article(body: str) -> Optional[tuple[dict[str, Any], Optional[str]]]:
    """The fields of a law-review article cited in Bluebook form, and its pinpoint; None if not one."""
    flat = body.replace("\x01", "").replace("\x02", "").strip()  # the journal may be in small caps or bold
    tail = _BLUEBOOK_TAIL.search(flat)
    if not tail:
        return None
    head = flat[: tail.start()]
    italic = re.search(r"\x01([^\x02]+)\x02", body)
    if italic and italic.group(1) in head:
        authors, title = head[: head.index(italic.group(1))].strip(" ,"), italic.group(1)
    else:
        parts = [p.strip() for p in head.split(",")]
        count = 0
        while count < len(parts) - 1 and all(
            _PERSON.fullmatch(n.strip()) for n in re.split(r"\s*&\s*|\s+and\s+", parts[count]) if n.strip()
        ):
            count += 1
        authors, title = ", ".join(parts[:count]), ", ".join(parts[count:])
    if not title.strip() or not authors:
        return None
    people = [n.strip() for n in re.split(r"\s*,\s*|\s*&\s*|\s+and\s+", authors) if n.strip()]
    if not all(_PERSON.fullmatch(n) for n in people):
        return None
    year = re.search(r"(?:1[6-9]|20)\d\d", tail.group("year"))
    fields = {
        "authors": [_family_first(n) for n in people],
        "title": title.strip(" ,"),
        "container": tail.group("journal"),
        "volume": tail.group("vol"),
        "pages": tail.group("page"),
        "date": year.group(0) if year else None,
    }
    return fields, tail.group("pin")
