"""One reference string (a list entry or one source of a note) into reference fields.

Whatever the style (APA, Chicago notes/bibliography and author-date, MLA,
Harvard, IEEE, Vancouver, "Title. URL: <...>"), the same steps: take out
what has an unmistakable shape (URLs with their "Available at:", DOIs, ISBNs,
arXiv ids, the access date with its "accessed"/"Retrieved"), find the date
of publication where the style puts it, the title (quoted, italic, or the
sentence after the authors), the authors before it, and read the rest:
container, volume(issue), pages, place: publisher, thesis and report words.

Why our own rules and not a library: the Python reference-string parsers on
PyPI either target one domain (refextract: physics papers, journals from its
knowledge base, no titles) or need a trained model and a service (GROBID,
CRF parsers without a shipped model).  The styles are regular enough that
rules, measured on AnyStyle's labelled corpus, do the job offline.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any, Optional

from ..urls import date_from_path
from .dates import MONTHS_EN, english_date
from .names import Names, looks_like_org, parse_names

_EM_OPEN, _EM_CLOSE = "\x01", "\x02"
# "[12]", "[Smi19]", "12.", "12)", "(12)", a list's bullet; a bare "12 " before a name ("12 Smith, J.")
_LABEL = re.compile(
    r"^\s*(?:\((?!(?:1[5-9]|20)\d\d\))\d{1,4}\)\s|\d{1,3}\s+(?=[A-ZÀ-ÖØ-Þ][\w'’-]+(?:,|\s+[A-Z]{1,3}\b))|\[\s*\d+[a-z]?\s*\]|\[[A-Za-z][\w:+.-]{0,30}\d[\w:+.-]{0,30}\](?=\s)|\d{1,4}[.)]\s|\^(?:\s+[a-z](?=\s))*|[-*•·]\s)\s*"
)
_LEAD = (
    r"(?:\[\s*online\s*\]\.?\s*)?(?:(?:is\s+)?available\s+(?:at|from|online)(?:\s+at)?\s*:?|retrieved\s+from|"
    r"retrieved\s+\S+\s+\S+\s+\S+\s+from|accessed\s+via|online\s*:|url\s*:|link\s*:|from|at)?\s*"
)
_URL = re.compile(
    r"(?:https?://|ftp://|www\.|(?<![@\w./])(?:[a-z0-9-]+\.)+(?:com|org|net|edu|gov|int|info|io|ca|uk|de|fr|au|eu|it|nl|es|ch|jp)/)"
    r"[^\s<>\"\x01\x02]+",
    re.I,
)
_DOI = re.compile(r"\b(?:doi\s*[:=]?\s*|https?://(?:dx\.)?doi\.org/)(10\.\d{4,9}/[^\s\"<>\x01\x02]+)", re.I)
_ISBN = re.compile(r"\bISBN(?:-1[03])?\s*:?\s*((?:97[89][\s-]?)?(?:\d[\s-]?){9}[\dXx])")
_ARXIV = re.compile(
    r"\barXiv\s*(?:preprint\s*)?[:\s]\s*(?:arXiv:)?(\d{4}\.\d{4,5}(?:v\d+)?|[a-z-]+/\d{7})", re.I
)
_MON = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_WORDS = (
    rf"(?:\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}|\d{{1,2}}\s+{_MON}\s*,?\s*\d{{4}}"
    rf"|{_MON}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|{_MON}\s+\d{{4}}|\d{{4}}\s+{_MON}\s+\d{{1,2}}|\d{{4}})"
)
_ACCESSED = re.compile(
    rf"[\[(]?\s*(?:last\s+)?(?:accessed|retrieved|viewed|consulted|cited|visited|zugegriffen(?:\s+am)?|"
    rf"abgerufen(?:\s+am)?|consulté\s+le|accessed\s+on)\s*(?:on\s*)?:?\s*(?P<date>{_DATE_WORDS})\s*[\])]?"
    rf"(?:,?\s*from\b)?",
    re.I,
)
_YEAR = r"(?:1[5-9]|20)\d\d"
_PAREN_DATE = re.compile(
    rf"\((?P<date>(?:c\.\s*)?(?:{_MON}\s+(?:\d{{1,2}},?\s+)?|\d{{1,2}}\s+{_MON}\s+)?{_YEAR}[a-z]?(?:\s*[,/–-]\s*[^()]{{0,30}})?|n\.\s?d\.(?:-?[a-z])?|no date|in press|forthcoming)\)",
    re.I,
)
# Chicago author-date "Smith, John. 2019. Title" and Harvard without brackets "Smith, J., 2019, Title",
# "Smith, J 2019, Title", "Smith, John and Mary Lee 2013 Title"
_AD_DATE = re.compile(
    rf"^(?P<who>[^“\"\x01\d]{{2,300}}?)(?:[.,]\s+|\s+)(?P<date>{_YEAR}[a-z]?|\[?n\.\s?d\.\]?)"
    rf"(?:[.,:]\s+|\s+(?=[A-Z“\"‘«\x01]))(?=\S)"
)
_QUOTED = re.compile(r"[“\"«„](?P<title>[^”\"»“]{2,}?)[”\"»“]|(?<![\w])‘(?P<title2>[^’]{4,}?)’(?!\w)")
_VOL_ISSUE = re.compile(
    r"(?:\bvol(?:ume)?\.?\s*(?P<vol>\w+))?(?:,?\s*\b(?:no|nr|num|issue|iss|h)\.?\s*(?P<no>[\w/–-]+))?"
)
_VIP = re.compile(  # 12(3), 45–67 | 12 (3): 45-67 | 12:45-67 | 2019;12(3):45-67
    r"(?<![\w.])(?P<vol>\d{1,4})\s*(?:\((?P<issue>[\w/–-]{1,12})\))?\s*(?P<sep>[,:])\s*"
    r"(?:pp?\.\s*)?(?P<pages>[A-Za-z]?\d+(?:\s*[-–—]+\s*[A-Za-z]?\d+)?)\b"
)
_CHICAGO_VOLUME = re.compile(
    rf"^(?P<vol>\d{{1,4}})(?:,\s*no\.\s*(?P<no>[\w/–-]+))?\s*\([^()]*\b{_YEAR}\b[^()]*\)(?:\s*:\s*(?P<pages>[A-Za-z]?\d+(?:\s*[-–—]+\s*[A-Za-z]?\d+)?))?"
)
# (GOST, the Russian standard, writes "С. 209–240" / "P. 209–240", "Т. 57" / "Vol. 57", "№ 3")
_PAGES = re.compile(
    r"(?:\b(?:pp?|pages?|S)\.?|\b(?:P|С|с)\.)\s*(?P<pages>[A-Za-z]?\d+(?:\s*[-–—]+\s*[A-Za-z]?\d+)?)"
)
_VOLUME = re.compile(r"\b(?:vol(?:ume)?s?\.?|т\.|том)\s*(?P<vol>[\dIVXLC]+)\b", re.I)
_ISSUE = re.compile(r"(?:\b(?:no|nr|num|issue|iss)\.?|№|\bвып\.)\s*(?P<no>\d[\w/–-]*)", re.I)
# GOST 7.1: "Authors Title / Statement // Container. – Year. – Vol., No. – Pages."
_GOST = re.compile(r"\s//\s")
_GOST_NAMES = re.compile(
    r"^(?:[\w'’-]+(?:\s[\w'’-]+)?\s(?:[A-ZА-ЯЁ][a-zа-яё]?\.\s?-?){1,3},?\s*)+(?:(?:и\sдр|et\sal)\.,?\s*)?"
)
_GOST_CONTAINER_END = re.compile(
    rf"\.\s+(?=(?:–\s+)?(?:{_YEAR}\b|[TТ]\.|Vol\.|№|Вып\.|[A-ZА-ЯЁ][\w.-]*(?:\s[\w.-]+)?\s?:\s))"
)
_PLACE_PUBLISHER = re.compile(
    r"(?:^|[.,]\s+)(?P<place>[A-Z][\w.' -]{1,40}(?:,\s*[A-Z]{2,}\.?)?(?:,\s*[A-Z][a-z]+)?)\s*:\s*"
    r"(?P<publisher>[A-Z][^,.:;]{1,80}?)(?=\s*(?:[,.;]|$))"
)
_VANCOUVER_TAIL = re.compile(
    rf"(?<=[.?!])\s+(?=[^.;]{{2,120}}?\.?\s+(?:{_YEAR})(?:\s+[A-Z][a-z]{{2}}(?:\s+\d{{1,2}})?)?;\s*\d)"
)
_EDITED = re.compile(
    r"(?:,\s*)?(?:(?:[A-Z]\.\s*)+[\w'’-]+(?:,?\s*(?:and|&)\s*(?:[A-Z]\.\s*)+[\w'’-]+)*,\s*Eds?\.|"
    r"(?:ed\.|eds\.|edited)\s+by\s+[^,.]+)",
)
_THESIS = re.compile(
    r"\b(?:ph\.?\s?d\.?|doctoral|master'?s|m\.?a\.?|msc|bachelor'?s)?\s*(?:thesis|dissertation|diss\.)", re.I
)
_REPORT = re.compile(
    r"\b(?:technical report|tech\.\s*rep\.|report no\.|working paper|white paper|policy brief|discussion paper|occasional paper|briefing|report)\b",
    re.I,
)
# ("Proc." has no word boundary after its full stop; the big conferences are cited by acronym alone)
_CONFERENCE = re.compile(
    r"\b(?:proceedings|conference|symposium|workshop|congress|meeting|colloquium)\b|\bproc\."
    r"|(?-i:\b(?:ICML|NeurIPS|NIPS|ICLR|CVPR|ICCV|ECCV|ACL|EMNLP|NAACL|COLING|AAAI|IJCAI|KDD|SIGIR|SIGMOD"
    r"|VLDB|CHI|UIST|ICSE|FSE|OSDI|SOSP|NSDI|USENIX|INFOCOM|ICASSP|INTERSPEECH|ICRA|IROS|MICCAI|WWW)\b)",
    re.I,
)
_IN = re.compile(r"^\s*in(?:\s*[:,])?\s+", re.I)
_ED_BY = re.compile(
    r",?\s*(?:ed\.|edited|eds\.|translated|trans\.)\s+by\s+[^,.]+(?:,\s*[^,.]+)*?(?=[,.]|$)", re.I
)
_NEWS = re.compile(
    r"\b(?:news|times|post|herald|guardian|tribune|journal|gazette|daily|telegraph|reuters|bbc|cnn|economist|independent|observer|chronicle|mail|monitor|wire|press)\b",
    re.I,
)
_SOFTWARE = re.compile(r"\b(?:software|computer program|version \d|\[software\]|github|zenodo)\b", re.I)
_DATASET = re.compile(r"\b(?:data ?set|\[data\]|data file|database)\b", re.I)
_LEGAL = re.compile(
    r"\b(?:U\.S\.C\.|C\.F\.R\.|Fed\. Reg\.|Stat\.|Act\b|v\.\s+[A-Z]|Regulation \(|Directive \d|Bill\b|H\.R\.|S\. \d|Pub\. L\.)"
)


@dataclass
class ParsedRef:
    """What a reference string says, as model fields, and what kind of work it is."""

    fields: dict[str, Any] = field(default_factory=dict)
    kind: str = "webpage"  # article, news, webpage, book, chapter, report, thesis, paper-conference, ...
    author_text: Optional[str] = None  # the authors as written
    urls: list[str] = field(default_factory=list)
    text: str = ""


def _strip(text: str) -> str:
    return " ".join(text.replace(_EM_OPEN, "").replace(_EM_CLOSE, "").split()).strip(" ,;:.")


def _title(text: str) -> str:
    text = " ".join(text.replace(_EM_OPEN, "").replace(_EM_CLOSE, "").split()).strip(" ,;:")
    if text.endswith(".") and not re.search(r"\b[A-Z]\.$|\.\.\.$|\b(?:etc|al|Inc|Co|Ltd)\.$", text):
        text = text[:-1]
    return text.strip()


def _iso(words: str) -> Optional[str]:
    """A written date as YYYY, YYYY-MM or YYYY-MM-DD."""
    words = words.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", words):
        return words
    full = english_date(words.replace(".", ""))
    if full:
        return full
    short = re.search(rf"\b({_MON})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+({_YEAR})", words, re.I)
    month = _month(short.group(1)) if short else None
    if short and month:
        return f"{short.group(3)}-{month:02d}-{int(short.group(2)):02d}"
    dmy = re.search(rf"\b(\d{{1,2}})\s+({_MON})\s*,?\s*({_YEAR})", words, re.I)
    month = _month(dmy.group(2)) if dmy else None
    if dmy and month:
        return f"{dmy.group(3)}-{month:02d}-{int(dmy.group(1)):02d}"
    ymd = re.search(rf"\b({_YEAR})\s+({_MON})\s+(\d{{1,2}})\b", words, re.I)
    month = _month(ymd.group(2)) if ymd else None
    if ymd and month:
        return f"{ymd.group(1)}-{month:02d}-{int(ymd.group(3)):02d}"
    numeric = re.fullmatch(r"(\d{1,2})[./](\d{1,2})[./](\d{4})", words)
    if numeric:  # day first unless that cannot be (05/31/2020)
        a, b = int(numeric.group(1)), int(numeric.group(2))
        day, mon = (a, b) if b <= 12 else (b, a)
        if 1 <= mon <= 12 and 1 <= day <= 31:
            return f"{numeric.group(3)}-{mon:02d}-{day:02d}"
    my = re.search(rf"\b({_MON})\s+({_YEAR})\b", words, re.I)
    month = _month(my.group(1)) if my else None
    if my and month:
        return f"{my.group(2)}-{month:02d}"
    year = re.search(rf"\b({_YEAR})\b", words)
    return year.group(1) if year else None


def _month(word: str) -> Optional[int]:
    prefix = word.lower().rstrip(".")[:3]
    names = [m[:3] for m in MONTHS_EN]
    return names.index(prefix) + 1 if prefix in names else None


def valid_date(value: Optional[str]) -> Optional[str]:
    if not value:
        return None
    parts = value.split("-")
    try:
        if len(parts) >= 2 and not 1 <= int(parts[1]) <= 12:
            return parts[0]
        if len(parts) == 3 and not 1 <= int(parts[2]) <= 31:
            return "-".join(parts[:2])
    except ValueError:
        return None
    return value


# -- identifiers ------------------------------------------------------------


def _clean_url(url: str) -> str:
    url = url.rstrip(".,;:)]>'\"”’")
    if url.count("(") > url.count(")") and not url.endswith(")"):
        url = url.rstrip("(")
    return url if "://" in url else "http://" + url


def take_identifiers(text: str, ref: ParsedRef) -> str:
    """Remove URLs, DOIs, ISBN, arXiv id and access date from ``text`` into ``ref``."""
    fields = ref.fields

    def access(match: re.Match[str]) -> str:
        fields.setdefault("urldate", valid_date(_iso(match.group("date"))))
        return " "

    text = _ACCESSED.sub(access, text)
    for match in _DOI.finditer(text):
        fields.setdefault("doi", match.group(1).rstrip(".,;)]"))
    for match in _URL.finditer(text):
        url = _clean_url(match.group(0))
        if url not in ref.urls:
            ref.urls.append(url)
    text = re.sub(rf"{_LEAD}<?(?:{_URL.pattern})>?", " ", text, flags=re.I)
    text = _DOI.sub(" ", text)
    text = re.sub(r"\b(?:doi|DOI)\s*:?\s*(?=[\s.,]|$)", " ", text)
    isbn = _ISBN.search(text)
    if isbn:
        fields["isbn"] = re.sub(r"[\s]", "", isbn.group(1))
        text = text[: isbn.start()] + " " + text[isbn.end() :]
    arxiv = _ARXIV.search(text)
    if arxiv:
        fields["arxiv"] = arxiv.group(1)
        text = text[: arxiv.start()] + " " + text[arxiv.end() :]
    text = re.sub(r"\[\s*online\s*\]\.?|\(online\)|\bonline\s*(?=[.,]?\s*$)", " ", text, flags=re.I)
    text = re.sub(r"[\[(]\s*[\])]", " ", text)
    return re.sub(r"\s+([.,;:])", r"\1", " ".join(text.split())).strip(" ,;")


# -- the whole string -------------------------------------------------------


def parse(text: str, links: Optional[list[str]] = None) -> ParsedRef:
    """Parse one reference string (plain text; italics may be marked with \\x01...\\x02)."""
    text = text.replace("``", "“").replace("''", "”")
    ref = ParsedRef(text=text)
    ref.urls.extend(links or [])
    body = _LABEL.sub("", text, count=1).strip()
    body = re.sub(r"\x01(\s*et\s+al\.?\s*)\x02", r"\1", body)  # Harvard's *et al.* is part of the names
    body = take_identifiers(body, ref)
    body = re.sub(
        r"(?<=[a-zà-ÿ]),(?=(?:[A-Z][a-z]?\.){1,3}[,\s])", ", ", body
    )  # "Keil,K." / "Shadenkov,Ye.M."
    fields = ref.fields
    names: Optional[Names] = None
    rest = body
    title: Optional[str] = None
    paren = _PAREN_DATE.search(body)
    quoted = _QUOTED.search(body)
    ad = _AD_DATE.match(body)
    gost = _GOST.search(body)
    gost_container: Optional[str] = None
    title_quoted = False  # a quoted title keeps its brackets: “Frequency conversion [Invited]”
    untitled = _UNTITLED_ARTICLE.match(body)
    if untitled and _nameish(untitled.group("who")):
        # chemistry and physics cite papers without their titles: "S. Han, G. Chen, Nano Lett. 2010, 10, 1012."
        ref.author_text, rest = untitled.group("who").strip(" ,"), ""
        fields.update(container=untitled.group("journal").strip(" ,"), date=untitled.group("year"))
        fields.update(volume=untitled.group("vol"), pages=_pages(untitled.group("pages")))
    elif (
        paren
        and 0 < paren.start() < 320
        and (quoted is None or paren.start() < quoted.start())
        and (_nameish(body[: paren.start()]) or _org_author(body[: paren.start()]))
    ):
        # APA / Harvard: Authors (2019). Title. Rest
        ref.author_text = body[: paren.start()].strip(" ,")
        fields["date"] = _paren_date(paren.group("date"))
        rest = body[paren.end() :].strip(" .:")
        title, rest = _comma_layout(rest[1:]) if rest.startswith(",") else (None, rest)
        if title is None:
            title, rest = _lead_title(rest)
    elif (
        ad
        and (quoted is None or ad.end() <= quoted.start() + 1)
        and (_nameish(ad.group("who")) or _org_author(ad.group("who")))
    ):
        # Chicago author-date: Authors. 2019. Title. Rest
        ref.author_text = ad.group("who").strip()
        fields["date"] = _paren_date(ad.group("date"))
        rest = body[ad.end() :]
        title, rest = _comma_layout(rest) if body[: ad.end()].rstrip().endswith(",") else (None, rest)
        if title is None:
            title, rest = _lead_title(rest)
    elif gost and gost.start() > 10 and (quoted is None or quoted.start() > gost.start()):
        ref.author_text, title, rest, gost_container = _gost(body, gost)
    elif quoted and (
        not body[: quoted.start()].strip(" ,.:")
        or _nameish(body[: quoted.start()])
        or _org_author(body[: quoted.start()])
        or not _title_before_quote(body[: quoted.start()])
    ):
        # Chicago notes/bibliography, MLA, IEEE: Authors, "Title," Rest
        before = body[: quoted.start()].strip(" ,.:")
        ref.author_text = before or None
        title = quoted.group("title") or quoted.group("title2")
        rest = body[quoted.end() :]
        title_quoted = True
    else:
        gost_names = _GOST_NAMES.match(body)  # "Ландау Л.Д., Лифшиц Е.М. Title": family, then initials
        after = body[gost_names.end() :] if gost_names else ""
        # Cyrillic names only (Latin ones are the rules below); and not "Joseph A. Schumpeter, Title"
        if (
            gost_names
            and re.search("[А-яЁё]", gost_names.group(0))
            and re.match(r"[A-ZА-ЯЁ«\"“]", after)
            and not re.match(r"[\w'’-]+(?:,|\s+and\b)", after)
        ):
            ref.author_text, rest = gost_names.group(0).strip(" ,"), after
        else:
            ref.author_text, rest = _one_author_sentence(body) or _split_authors(body)
            lead_date = re.match(rf"\(?({_YEAR})[a-z]?\)?[.,]\s+", rest) if ref.author_text else None
            if lead_date:  # "———. 1836. Title"
                fields["date"], rest = lead_date.group(1), rest[lead_date.end() :]
        tail = _VANCOUVER_TAIL.search(rest)
        if tail and ref.author_text:  # Title. Container. 2019;12(3):45-67 / Container 2019;12:45
            title, rest = rest[: tail.start()], rest[tail.start() :]
        else:
            commas = bool(ref.author_text) and _ends_with_comma(body, rest)
            title, rest = _comma_layout(rest) if commas else (None, rest)
            if title is None:
                title, rest = _lead_title(rest, commas=commas)
    if ref.author_text:
        ref.author_text = ref.author_text.replace(_EM_OPEN, "").replace(_EM_CLOSE, "")
        ref.author_text, title, rest = _author_title_fixups(ref.author_text, title, rest)
        names = parse_names(ref.author_text)
        if not names.people and not names.organization or _REPEATED_AUTHOR.match(ref.author_text + " "):
            names = None
    if names:
        if names.people:
            fields["authors"] = names.people
        if names.organization:
            fields["organization"] = names.organization
        if names.editors:
            fields["editors"] = True
    if title and not title_quoted and re.search(r"[.?!]\s*$", title):
        more = _TITLE_SENTENCE.match(rest)
        if more and (more.group("place") is None or _is_place(more.group("place"))):
            # "The authentic heart. An eightfold path. New York: Wiley": what stands between a title and
            # "In ..." or the imprint is the title's own second sentence
            title, rest = title.rstrip() + " " + more.group(1), rest[more.end() :]
    if title and not title_quoted:
        stop = next(
            (
                m
                for m in _TITLE_STOP.finditer(title)
                if title[: m.start()].count("(") == title[: m.start()].count(")")
            ),
            None,
        )
        if stop:  # "Mein Kampf, trans. J. Murphy", "Robot Vision, MIT Press": the details after the title
            title, rest = title[: stop.start()], title[stop.end() :] + " " + rest
    if title:
        note = _TITLE_NOTE.search(_strip(title))
        if note and note.start() > 0 and not title_quoted:
            title = _strip(title)[: note.start()]
        fields["title"] = _title(title)
        year_end = re.search(rf"\s({_YEAR})$", fields["title"])
        if year_end and not fields.get("date") and not rest.strip(" .,"):  # "Conventions v1.11 2023."
            fields["title"] = fields["title"][: year_end.start()]
            fields["date"] = year_end.group(1)
    _read_rest(rest, ref)
    if gost_container:
        fields["container"] = gost_container
        if ref.kind == "webpage" and (fields.get("volume") or fields.get("issue") or fields.get("pages")):
            ref.kind = "article"
    if not fields.get("date"):  # a year written where no rule looked: "Title, (1994, March). ..."
        outside = body.replace(title or "\x00", " ")
        year = re.search(rf"(?<![\d–/-]){_YEAR}(?=[a-z]?\b)(?![–/-]\d)", outside)
        from_url = next((date_from_path(u) for u in ref.urls if date_from_path(u)), None)
        fields["date"] = from_url or (
            _paren_date(paren.group("date")) if paren else year.group(0) if year else None
        )
    _identify(ref)
    return ref


def _gost(body: str, mark: re.Match[str]) -> tuple[Optional[str], str, str, Optional[str]]:
    """(authors, title, rest, container) of a GOST 7.1 reference, whose container follows "//"."""
    left, right = body[: mark.start()].strip(), body[mark.end() :].strip()
    right = re.sub(r"\.?\s+[–—-]\s+", ". ", right)  # the areas' ". – " separators
    authors: Optional[str] = None
    if " / " in left:  # "Title / I. I. Family, ..." : the statement of responsibility
        left, authors = (part.strip(" .;") for part in left.split(" / ", 1))
    names = _GOST_NAMES.match(left)
    if names and names.end() < len(left):
        authors = authors or names.group(0).strip(" ,")
        left = left[names.end() :]
    end = _GOST_CONTAINER_END.search(right)
    container = right[: end.start()].strip(" .") if end else None
    rest = right[end.end() :] if end else right
    return authors, left.strip(" ."), rest, container or None


def _paren_date(value: str) -> Optional[str]:
    value = value.strip(" []")  # ACM's "[n.d.]"
    if re.match(r"n\.\s?d|no date|in press|forthcoming", value, re.I):
        return None
    value = re.sub(rf"\b({_YEAR})[a-z]\b", r"\1", value)  # "1991a": a disambiguation letter
    return valid_date(_iso(value))


def _sentence_end(text: str, start: int = 0) -> int:
    """Index just past the first sentence end in ``text`` (". ", "? ", "! "), ignoring initials."""
    depth = 0
    for index in range(start, len(text)):
        char = text[index]
        if char in "([":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif char in ".?!" and depth == 0:
            after = text[index + 1 : index + 2]
            if after and not after.isspace() and after not in "\x02":
                continue
            if char == "." and re.match(r"\s+[IVX]{1,4}\.\s", text[index + 1 :]):
                continue  # "Solver. II. Gray Radiation": a numbered part of the title
            word = re.search(r"(\S+)$", text[start:index])
            token = word.group(1) if word else ""
            if (
                char == "."
                and re.fullmatch(r"[IVX]{1,4}", token)
                and re.search(r"[a-z]\.\s+[IVX]{1,4}$", text[start:index])
                and re.match(r"\s+[A-Z][\w.]*(?:\s+[\w.]+){0,5},\s*\d", text[index + 1 :])
            ):
                return (
                    index + 1
                )  # "Fourier integral operators. II. Acta Math.": the part number ends the title
            if (
                char == "."
                and re.search(r"\b[a-z]+\s+[A-Z]$", text[start:index])
                and not re.match(r"\s+[a-z]", text[index + 1 :])
            ):
                return index + 1  # "computing with R." ends the title (not "in C. elegans")
            if char == "." and re.fullmatch(
                r"(?:[A-Z]|[A-Z][a-z]|[IVX]{1,4}|vs|vol|no|pp|Dr|Mr|Mrs|Ms|St|Inc|e\.g|i\.e|cf|etc|U\.S|U\.K|Jr|Sr)",
                token,
            ):
                continue
            return index + 1
    return len(text)


def _org_author(text: str) -> bool:
    """An organisation as author: a short name, not a title and details."""
    text = text.strip(" ,.")
    lower = [w for w in re.findall(r"\b[a-z]\w*", text) if w not in _ORG_LOWER]
    acronym = re.search(r"\([A-Z]{2,}\)$", text)  # "Ministère de l’environnement et de la faune (MEF)"
    return (
        looks_like_org(text)
        and len(text.split()) <= 8
        and not re.search(r"[.:;]\s|\d", text)
        and (not lower or bool(acronym))
    )


_ORG_LOWER = {"of", "and", "for", "the", "on", "in", "at", "de", "du", "des", "la", "le", "für", "und", "der", "y", "et", "del", "di"}  # fmt: skip


_CONTAINER_WORDS = re.compile(
    r"\b(?:Proc|Proceedings|Conf|Conference|Symposium|Workshop|Congress|Journal|J|Transactions|Trans|Review|Rev|"
    r"Letters|Lett|Bulletin|Bull|Annals|Quarterly|Magazine|Lecture Notes|Zeitschrift|Revue|Rivista)\b"
)
_NUMBERS = re.compile(
    rf"^(?:(?:vols?|v|no|nos|n|nr|pp?|pages?|issue|iss|art)\.?\s*)?[\dIVXLC]+[\w()/–-]*$|^\d+\s*\(|^{_MON}\s+\d",
    re.I,
)


def _title_before_quote(before: str) -> bool:
    """ "Tavo, Felise. Woman, Mother and Bride: ... the “Ecclesial” Notions": the quote is inside the title."""
    authors, rest = _split_authors(before)
    lower = [w for w in re.findall(r"\b[a-z]{3,}\b", rest) if w not in ("and", "und")]
    return bool(authors) and len(rest.split()) >= 4 and (len(lower) >= 2 or ":" in rest)


def _comma_pieces(text: str) -> list[str]:
    """``text`` cut at the commas outside brackets and quotes."""
    pieces, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char in "([“«\x01":
            depth += 1
        elif char in ")]”»\x02":
            depth = max(0, depth - 1)
        elif char == "," and depth == 0:
            pieces.append(text[start:index])
            start = index + 1
    pieces.append(text[start:])
    return [p.strip() for p in pieces]


def _comma_layout(rest: str) -> tuple[Optional[str], str]:
    """ "Title, with commas, Container, 66, 1991, 27-42": the title is all before the piece
    that precedes the first volume, issue or page number (a year alone proves nothing:
    "Title, Publisher, Place, 1994" is a book). (None, rest) when the numbers are not there.
    """
    if rest.lstrip(" ,.;").startswith((_EM_OPEN, "“", '"', "«", "‘")):
        return None, rest  # a quoted or italic title says where it ends
    pieces = _comma_pieces(rest.strip(" ,.;"))
    for index, piece in enumerate(pieces[1:], 1):
        if re.match(r"in\b|In\s", piece):  # "Title, in Editors (eds.), Book, ...": a chapter
            return ", ".join(pieces[:index]), ", ".join(pieces[index:])
    if _PUBLICATION_FACTS.search(rest):  # "Title, with Commas (Place: Publisher, 1964), 12": a book
        return None, rest
    for index, piece in enumerate(pieces):
        plain = _strip(piece)
        if index < 2 or not _NUMBERS.match(plain) or re.fullmatch(rf"{_YEAR}[a-z]?", plain):
            continue
        container = index - 1
        while container > 1 and re.fullmatch(rf"\(?{_YEAR}\)?", _strip(pieces[container])):
            container -= 1
        named = [i for i in range(1, container) if _CONTAINER_WORDS.search(pieces[i])]
        container = named[0] if named else container  # "Proc. ... Conf., Santa Clara, CA, April 8-11"
        if not _is_container(_strip(pieces[container])) or re.search(
            r"\b(?:Press|Verlag|Publishers?|Publishing)\b", pieces[container]
        ):
            return None, rest
        title = ", ".join(pieces[:container])
        if _sentence_end(title) < len(title) or _sentence_end(pieces[container]) < len(pieces[container]):
            return None, rest  # "Title. Publisher, Place, v. 10": the full stop ends the title
        return title, ", ".join(pieces[container:])
    return None, rest


def _ends_with_comma(body: str, rest: str) -> bool:
    return body[: len(body) - len(rest)].rstrip().endswith(",")


_TITLE_CONTAINER_TAIL = re.compile(
    rf",\s+(?=[A-Z][\w.&' -]{{1,80}}?\s+\d{{1,4}}\s*(?:\([\w/–-]+\))?\s*[:,]\s*[A-Za-z]?\d+(?:\s*[-–]\s*\d+)?"
    rf"(?:,\s*\(?{_YEAR}\)?)?\.?$)"
)


_TITLE_SENTENCE = re.compile(
    r"\s*((?!(?:In|Edited|Translated|Trans|Tr|Retrieved|Available|Reprinted|Review|Ed|Eds|Vol|Vols|Unpublished"
    r"|Doctoral|Master|PhD|Thesis|Dissertation|Technical|Working|Paper|Presented|Accessed|Online)\b)"
    r"(?![^.?!]*\b(?i:editio|edition|revised|reprint|proceedings|conference|symposium|workshop|reports?|dvd|video)\b)"
    r"[A-ZÀ-ÖØ-Þ][^.?!()]{2,150}?(?<!\d)[.?!])\s+"
    r"(?=In\s|In:|(?P<place>[A-Z][\w' -]{1,40}?(?:,\s*[A-Z][A-Za-z.]{1,5})?)\s*:\s*[A-Z])"
)
# what a comma after a title introduces that is never the title's own
_TITLE_STOP = re.compile(
    r",\s+(?=(?:trans\.|tr\.|eds?\.|rev(?:ised)?\.?\s*(?:ed\b|$)|edited\s+by|translated\s+by|\d+(?:st|nd|rd|th)\s+(?:ed|edn|edition)\b"
    r"|(?:volume|vol\.|pages?|pp?\.)\s*\d|to appear|in press|forthcoming|paper (?:submitted|presented)"
    r"|(?:masters?|master's|ph\.?\s?d\.?|doctoral)\s+(?:thesis|dissertation)|working paper|tech(?:nical)?\.? report"
    r"|(?-i:[A-Z][\w&.' -]{0,40}\b(?:Press|Publishers|Publishing|Verlag)\b)))",
    re.I,
)
# Chicago's "(Place: Publisher, Year)" or "(Publisher, Year)" right after a title
_PUBLICATION_FACTS = re.compile(
    rf"\s+\((?=[^()]*[A-Za-z]{{3}}[^()]*(?:\b(?:Press|Publishers?|Verlag)\b|,\s*{_YEAR})[^()]*\)(?:\s*[,.;]|\s*$))"
)
# APA's descriptions after a title: "(2nd ed.)", "(Report No. 4)", "[Motion picture]", "(J. Lee, Trans.)"
_TITLE_NOTE = re.compile(
    r"\s*(?:(?-i:\[[A-Z][\w-]*(?:\s[\w-]+){0,2}\])|\((?=[^()]*\b(?:ed|edn|edition|eds|trans|translated|tr|dissertation|"
    r"thesis|report|brief|paper)\b)[^()]{2,80}\))\s*$",
    re.I,
)


def _lead_title(rest: str, commas: bool = False) -> tuple[Optional[str], str]:
    """The title at the start of ``rest``: italic, quoted, or the first sentence.

    ``commas``: the style separates parts with commas ("A. Smith, Title, Journal, 1990"),
    so the title ends at the first comma before a capital, a digit or "in".
    """
    rest = rest.strip(" .,:")
    if not rest:
        return None, ""
    if rest.startswith(_EM_OPEN) and _EM_CLOSE in rest:
        end = rest.index(_EM_CLOSE)
        return rest[1:end], rest[end + 1 :]
    nested = re.match(r"[“\"](?P<title>[\"“‘].+?)[,.]?[”\"](?=\s|$)", rest)  # “"Why ...?": Explaining ...,”
    if nested:
        return nested.group("title"), rest[nested.end() :]
    quoted = _QUOTED.match(rest)
    if quoted and re.match(r"\s*:\s*\w", rest[quoted.end() :]):  # “Why Should I Trust You?”: Explaining ...
        end = _sentence_end(rest, quoted.end())
        return rest[:end], rest[end:]
    if quoted:
        return quoted.group("title") or quoted.group("title2"), rest[quoted.end() :]
    end = _sentence_end(rest)
    facts = _PUBLICATION_FACTS.search(rest[:end])
    if facts:  # "Sexual Consent, Again (Boulder: Westview Press, 1998), 20": the facts follow the title
        role = re.search(r",\s+(?=[^()]*\((?:eds?|trans|tr|comp|ed\. and trans)\.\))", rest[: facts.start()])
        cut = role.start() if role else facts.start()  # "Title, Ann Lee (ed.) (Place: ...)"
        return rest[:cut], rest[cut:]
    tail = _TITLE_CONTAINER_TAIL.search(rest[:end])
    if tail:  # "Title, J Endod 14: 508, 1988.": the container and its numbers after a comma
        return rest[: tail.start()], rest[tail.start() :]
    # "..., Ontario, Canada. Geology, v. 24, pp. 851-854": the whole sentence before a journal is the title
    journal_next = re.match(r"\s*[A-Z][\w.&' -]{1,80}?,\s*(?:v\.|vols?\.|no\.|pp?\.|\d)", rest[end:])
    abbreviated = re.search(r"(?:^|[\s,])(?:[A-Z][a-z]{0,4}|v|vol|no)\.$", rest[:end].rstrip())  # "Math."
    if commas and not (journal_next and not abbreviated):
        comma = re.search(r",\s+(?=[A-Z0-9(]|in\b|In\b|pp?\.|vol)", rest)
        if comma and comma.start() < end:
            return rest[: comma.start()], rest[comma.end() :]
    return rest[:end], rest[end:]


_PARTICLE_WORDS = {"van", "von", "de", "der", "den", "da", "di", "du", "la", "le", "del", "della", "dos", "ten", "ter", "y", "auf", "bin", "al", "el"}  # fmt: skip
_ROLE = r"(?:eds?|editors?|hrsg|comps?|compilers?|trans|translators?|producers?|directors?|dir|writer(?:/director)?|executive producers?|illustrators?|narrators?|performers?)"
_EDITOR_WORD = re.compile(rf"^(?:\((?i:{_ROLE})\.?\)|{_ROLE}\.?|ed\. by)[.,;:]?$")  # "(Eds.)", "eds."
_CONNECTORS = {"and", "&", "und", "et", "y"}
_NAME_TOKEN = re.compile(r"^[A-ZÀ-ÖØ-Þ\u0100-\u017f][\w'’\-.]*$|^(?:[A-Z]\.?-?)+$")


def author_end(body: str) -> int:
    """How many characters at the start of ``body`` are an author list (0: none).

    Walks the words while they can be names (capitalised words, initials,
    particles, "and", "et al."); the list ends at a word that cannot be
    (lower case, a digit, a quote, italics) or at a full stop after a whole
    word ("Vrchoticky."), and is cut back to the last "," or "." before it.
    """
    boundary = 0
    units = 0
    previous = previous_token = ""
    vancouver = bool(
        re.match(
            r"^\s*[A-ZÀ-ÖØ-Þ][\w'’-]+(?:\s[\w'’-]+)?\s(?:[A-Z]{1,3}|[A-Z]-[A-Z])"
            r"(?:,|\.(?=\s+[\w'’-]+\s)(?!\s+(?:[a-z]+\s+)?[A-Z][\w'’-]+(?:,|\.|\s+(?:and|&)\s)))",
            body,
        )
    )
    for match in re.finditer(r"\S+", body):
        token, previous = match.group(0), previous_token
        previous_token = token
        word = token.rstrip(",.;:")
        if _EDITOR_WORD.match(token) and units:
            boundary = match.end()
            continue
        if token.startswith((_EM_OPEN, "“", '"', "«", "‘", "(", "[", "`")):
            break
        lowered = word.lower()
        if token.endswith(":") and not token.endswith("::"):
            # "White J, Beck M, Meyers W: Title", "Reinermann, H.: Title": a colon after initials
            # closes the list (after a word it is the title's: "Deep Learning: A Review")
            if units and re.fullmatch(r"(?:[A-Z]\.?-?){1,3}", word):
                boundary = match.start() + len(token.rstrip(":"))
            break
        if lowered in ("et", "al") or lowered.startswith("al."):
            if token.endswith((".", ",")):
                boundary = match.end()
                break  # "et al." is always last
            continue
        if word == lowered and (lowered in _CONNECTORS or lowered in _PARTICLE_WORDS):
            if token.endswith((",", ".")):
                boundary = match.end()  # "Turnhout, M.C. van,"
            continue
        if not word or not _NAME_TOKEN.match(word):
            break
        units += 1
        if (
            vancouver
            and re.fullmatch(r"(?:[A-Z]{1,3}|[A-Z]-[A-Z])\.", token)
            and re.fullmatch(r"[A-Z][a-z][\w'’-]*", previous)
        ):
            boundary = match.end()  # Vancouver "Simoncelli S." ends the list
            break
        if token.endswith(";") or token.endswith(","):
            boundary = match.end()
        elif token.endswith("."):
            boundary = match.end()
            bare = word.rstrip(".")
            whole = len(re.sub(r"[^\w]", "", bare)) >= 2 and not re.fullmatch(
                r"(?:[A-Z]\.?-?){1,3}|Jr|Sr|St|Th|Ch|Ph|Wm|Chr|Fr", bare
            )
            if whole and "." not in bare:
                break
        if units > 200:
            return 0
    return boundary if units else 0


_UNTITLED_ARTICLE = re.compile(
    rf"^(?P<who>[^\d“\"\x01]+?),\s+(?P<journal>(?:[A-Z][\w&'’-]*\.?\s+){{0,5}}[A-Z][\w&'’-]*\.?,?\s+)(?P<year>{_YEAR}),\s*"
    rf"(?P<vol>\d+)(?:\s*\(\d+\))?,\s*(?P<pages>[A-Za-z]?\d+(?:\s*[-–]\s*[A-Za-z]?\d+)?)\.?$"
)
_REPEATED_AUTHOR = re.compile(r"^(?:[-—–_]\s?){2,}\.?,?\s+")  # "———. Title": the author of the entry before
_ONE_NAME = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]{2,}|[A-ZÀ-ÖØ-Þ]{3,})\.\s+(?=[A-ZÀ-ÖØ-Þ“\"‘«\x01])")
_ORG_SENTENCE = re.compile(
    r"^(?:U\.\s?S\.|U\.\s?K\.|[A-Z][\w&'’-]*)(?:\s+(?:[A-Z][\w&'’-]*|of|and|for|the|on|de|du|des|la|le|für|und)){1,8}"
    r"\.\s+(?=[A-Z“\"‘«\x01])"
)


def _one_author_sentence(body: str) -> Optional[tuple[str, str]]:
    """ "Homer. The Iliad", "———. Title", "U.S. Department of Labor. Title": an author
    the name rules cannot see (one name, a repeated author's dashes, an organisation)."""
    for pattern in (_REPEATED_AUTHOR, _ONE_NAME, _ORG_SENTENCE):
        match = pattern.match(body)
        if not match:
            continue
        after = body[match.end() :]
        if pattern is _ORG_SENTENCE and not looks_like_org(match.group(0)):
            continue
        if pattern is not _REPEATED_AUTHOR and _sentence_end(after) >= len(after.rstrip()):
            continue  # "Coronavirus. https://...": a title alone
        return match.group(0).strip(" ,"), after
    return None


def _split_authors(body: str) -> tuple[Optional[str], str]:
    """Authors at the start of a string with no date or quotes to lean on."""
    end = author_end(body)
    if not end:
        return None, body
    end = list_end(body[:end])
    role = re.match(rf"(?:\s*\((?i:{_ROLE})\.?\)|,?\s*{_ROLE}\.?)(?=[\s,.;:]|$)", body[end:])
    end += role.end() if role else 0  # "Leach, Neil, ed." / "Soderbergh, Steven, director."
    end += len(re.match(r"[\s,.;:]*", body[end:]).group(0))
    candidate = body[:end].strip(" ,.;:")
    if not candidate or (" " not in candidate and not looks_like_org(candidate) and "," not in body[:end]):
        return None, body
    return candidate, body[end:]


_SEGMENT_SEP = re.compile(r"\s*(?:;|,\s*(?:(?:and|And|&|et|e|y|und)\s+)?|\s+(?:and|And|&|et|e|y|und)\s+)\s*")
_TITLE_WORDS = {"the", "an", "of", "on", "in", "for", "to", "from", "with", "about", "towards", "toward", "how", "what", "why", "when", "is", "are", "der", "die", "das", "ein", "eine", "les", "une", "un", "il", "lo", "gli", "los", "las"}  # fmt: skip
_INITIAL = r"(?:[A-Z][a-z]?\.|[A-Z](?=\s|$)|[A-Z]\.?-[A-Z]\.?)"
_INITIALS_ONLY = re.compile(rf"^(?:{_INITIAL}\s*)+$|^[A-Z]{{1,3}}$")
_CAP_WORD = r"[A-ZÀ-ÖØ-Þ\u0100-\u017f][\w'’-]*"
_CAP_PARTICLE = r"(?:Van|Von|De|Da|Di|Du|La|Le|Del|Della|Dos|El|Al|Ten|Ter|Mac|Mc|St\.?)"
_PARTICLE = r"(?:van|von|de|der|den|da|di|du|la|le|del|della|dos|ten|ter|bin|al|el|y|zu|vom)"


def _segment_kind(segment: str) -> str:
    """What one comma-separated piece of an author list is."""
    words = segment.split()
    if not words or len(words) > 5 or re.search(r"\d", segment):
        return "bad"
    if any(w.lower().strip(".,") in _TITLE_WORDS and w[:1].isupper() for w in words[:1]) and len(words) > 1:
        return "bad"
    if any(w[:1].islower() and not re.fullmatch(_PARTICLE + r"\.?", w) for w in words):
        return "bad"
    if _INITIALS_ONLY.match(segment):
        return "initials"
    family = rf"(?:(?:{_PARTICLE}|{_CAP_PARTICLE})\s+)*{_CAP_WORD}(?:(?:\s+{_PARTICLE})+\s+{_CAP_WORD})?"
    if re.fullmatch(rf"{family}(?:\s+(?:Jr|Sr)\.?)?", segment):
        return "word"  # a family name: "Smith", "Van Mulken", "Buarque de Holanda", "Baes Jr."
    if re.fullmatch(
        rf"{family}(?:\s+{_CAP_WORD})?\s+(?:[A-Z]{{1,3}}|[A-Z]-[A-Z]|(?:[A-Z]\.\s?)*[A-Z]\.?)", segment
    ):
        return "vancouver"  # "Smith JA", "de la Macorra JC", "Heidegger M.", "Lipeck U. W."
    if re.fullmatch(
        r"[A-Z][A-Z'’-]+(?:\s+[A-Z][A-Z'’-]+)?\s+[A-Z][a-z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?", segment
    ):
        return "vancouver"  # family first in capitals: "ACKET Claude"
    if re.fullmatch(
        rf"(?:(?:{_INITIAL}\s*)+|[A-Z]{{2,3}}\s)(?:(?:{_CAP_WORD}|{_PARTICLE})\s+){{0,3}}{_CAP_WORD}", segment
    ):
        return "initials-first"  # "J. A. Smith", "C.-M. Hsu", "S. L. Peyton Jones", "U. Nunes da Rocha"
    if re.fullmatch(rf"{_CAP_WORD}(?:\s+(?:{_CAP_WORD}|{_INITIAL}|{_PARTICLE}))*\s+{_CAP_WORD}", segment):
        return "natural"  # "Henry James", "Janet L. Nelson", "Thomas von Eicken"
    if re.fullmatch(rf"(?:{_CAP_WORD}|{_INITIAL})(?:\s+(?:{_CAP_WORD}|{_INITIAL}|{_PARTICLE}))*", segment):
        return "given"
    return "bad"


def list_end(candidate: str) -> int:
    """Where the author list in ``candidate`` (the words that may be names) really ends.

    The list keeps one shape: inverted pairs ("Smith, J. A., Lee, B."; the
    later names may be in natural order, "Smith, J., M. Ito, and B. Lee"),
    initials first ("J. A. Smith, B. Lee"), Vancouver ("Smith JA, Lee B"),
    or full names in natural order, which name a second author only with
    "and" ("Henry James and Mary Lee", not "Henry James, The Europeans").
    A piece that fits none of them ("The Godel Programming Language",
    "Nano Lett") starts the title.
    """
    pieces: list[tuple[int, int, str]] = []  # start, end, separator before
    position, separator = 0, ""
    for match in _SEGMENT_SEP.finditer(candidate):
        if match.start() > position:
            pieces.append((position, match.start(), separator))
        separator, position = match.group(0), match.end()
    if position < len(candidate):
        pieces.append((position, len(candidate), separator))
    texts = [candidate[a:b].strip(" .") for a, b, _ in pieces]
    kinds = ["etal" if re.fullmatch(r"et\.?\s*al|al|others", t, re.I) else _segment_kind(t) for t in texts]
    if len(pieces) < 2:
        return len(candidate)
    first = kinds[0]
    end = pieces[0][1]
    closed = bool(re.search(r"\b[A-ZÀ-Þ][\w'’-]*[a-zà-ÿ]\.$", candidate.rstrip()))  # it ended at "Van Andel."
    if (
        closed
        and first != "word"
        and all(k in ("natural", "initials-first", "vancouver", "etal") for k in kinds)
        and kinds[-1] in kinds[:-1]  # not "S. E. Hart, G. Chow, Nano Lett."
    ):
        return len(candidate)  # AMA with full names: "Ann S. Almgren, John B. Bell, Mike J. Lijewski."
    if first == "word" and (
        kinds[1] in ("initials", "given", "word") or _given_cut(candidate[pieces[1][0] : pieces[1][1]])
    ):
        return _inverted_end(candidate, pieces, kinds)
    if (
        first == "natural"
        and len(texts[0].split()) == 2
        and (kinds[1] == "initials" or kinds[1] in ("word", "given") and len(pieces) == 2)
    ):
        return _inverted_end(candidate, pieces, kinds)  # "Vargas Llosa, Mario", "AL RUBAEE, M."
    if first in ("initials-first", "vancouver"):
        for (_, stop, sep), kind in zip(pieces[1:], kinds[1:], strict=True):
            if kind == "etal":
                return stop
            if kind in ("natural", "word") and _connected(sep) and first == "initials-first":
                end = stop  # "D. Lomet and Mark R. Tuttle"
                continue
            if kind != first and not (first == "vancouver" and kind == "initials"):
                break
            end = stop
        return end
    if first == "natural":
        names = list(itertools.takewhile(lambda k: k in ("natural", "initials-first", "etal"), kinds[1:]))
        if len(names) >= 2 and "initials-first" in names:  # "Ling Tony Chen, R. Drach, M. Keating"
            return pieces[len(names)][1]
        for index in range(1, len(pieces)):
            if kinds[index] not in ("natural", "initials-first", "etal"):
                return end
            if _connected(pieces[index][2]) or kinds[index] == "etal":
                return pieces[index][1]  # "Henry James, Mary Lee, and Tom Kim"
        return end
    return len(candidate)


_GIVEN_KINDS = ("initials", "given", "word", "initials-first", "natural")


def _connected(separator: str) -> bool:
    return bool(re.search(r"\b(?:and|And|et|e|y|und)\b|&|;", separator))


def _given_cut(given: str, initials_seen: bool = False) -> int:
    """In "E. M. Howards End" or "Stanley J. Vassouras": where the given names stop (0: all of it)."""
    match = re.match(
        rf"^(?:{_CAP_WORD}\s+)*(?:{_INITIAL}\s*)+(?=\s*(?!(?:Jr|Sr)\b)[A-ZÀ-ÖØ-Þ][\w'’-]+)", given
    )
    if not match or not match.group(0).rstrip().endswith(".") or match.end() >= len(given):
        return 0
    if len(given[match.end() :].split()) < 2 and not initials_seen:
        return 0  # "Mason, R. Hal and John C. McKelvey": a given name after the initial
    return len(match.group(0).rstrip())


def _inverted_end(candidate: str, pieces: list[tuple[int, int, str]], kinds: list[str]) -> int:
    """The end of an inverted list: "Smith, John A., and Mary Lee", "Smith, J., Lee, B., & Kim, C."."""
    end = pieces[0][1]
    index = 1
    initials_seen = False
    while index < len(pieces):
        start, stop, _ = pieces[index]
        given = candidate[start:stop]
        cut = _given_cut(given, initials_seen)  # "& Seibert, S. Numba.": after initials, the title
        if cut:
            return start + cut
        if kinds[index] not in _GIVEN_KINDS or kinds[index] == "natural" and len(given.split()) > 3:
            return end
        initials = kinds[index] == "initials" or bool(
            re.search(rf"{_INITIAL}\s*$", given.strip())
            or re.fullmatch(rf"(?:{_INITIAL}\s*)+(?:\s*{_PARTICLE})+\.?", given.strip())  # "M. C. van"
        )
        initials_seen = initials_seen or initials
        end = stop
        index += 1
        if index >= len(pieces):
            return end
        kind, separator = kinds[index], pieces[index][2]
        if kind == "etal":
            return pieces[index][1]
        following = kinds[index + 1] if index + 1 < len(kinds) else None
        if kind in ("natural", "initials-first"):
            # later names in natural order: "Smith, John, and Mary Lee", "Eccles, J.C., M. Ito"
            if not (_connected(separator) or initials or following in ("natural", "initials-first", "etal")):
                return end
            while index < len(pieces) and kinds[index] in ("natural", "initials-first", "etal"):
                end = pieces[index][1]
                if kinds[index] == "etal":
                    break
                index += 1
            return end
        following_cut = index + 1 < len(pieces) and _given_cut(
            candidate[pieces[index + 1][0] : pieces[index + 1][1]], initials_seen
        )
        if (
            kind == "word"
            and (following in _GIVEN_KINDS or following_cut)
            and (initials or _connected(separator))
        ):
            end = pieces[index][1]
            index += 1
            continue
        return end
    return end


def _nameish(text: str) -> bool:
    """Is the whole of ``text`` an author list?"""
    text = text.strip(" ,.;:")
    return bool(text) and author_end(text + ".") >= len(text)


def _author_title_fixups(authors: str, title: Optional[str], rest: str) -> tuple[str, Optional[str], str]:
    # the full stop after "Smith, John." goes; the one of an initial ("Smith, J.") stays
    authors = authors.strip(" ,:")
    if authors.endswith(".") and not re.search(r"(?:\b[A-Z]|\bal)\.$", authors):
        authors = authors[:-1]
    return authors, title, rest


def _read_rest(rest: str, ref: ParsedRef) -> None:
    """Container, volume, issue, pages, place: publisher, date, type words."""
    fields = ref.fields
    rest = rest.strip(" ,.;:")
    if not rest:
        return
    rest = re.sub(
        rf"^(?:eds?|trans|tr|comp)\.\s*(?={_EM_OPEN})", "", rest
    )  # "..., eds. *Book*": the role of names before
    # Chicago's publication facts in parentheses: "(Cambridge, MA: MIT Press, 2018), 8"
    rest = re.sub(r"^\(([^()]*:[^()]*)\)", r"\1", rest)
    plain = _strip(rest)
    if _THESIS.search(plain):
        ref.kind = "thesis"
    in_book = _IN.match(rest)
    container: Optional[str] = None
    if in_book:
        rest = rest[in_book.end() :]
        ref.kind = "paper-conference" if _CONFERENCE.search(rest[:120]) else "chapter"
        rest = re.sub(r"^[^()\x01]{1,200}?\((?:eds?|editors?|hrsg)\.?\)\s*,?\s*", "", rest, flags=re.I)
        rest = re.sub(r"^(?:ed\.|eds\.|edited by)\s+[^,]+,\s*", "", rest, flags=re.I)
        # AMA's "In, eds. J. Cowan, G. Tesauro. Advances in ...": the editors up to their full stop
        rest = re.sub(r"^,?\s*(?:eds?\.|editors?:?)\s*.*?(?<!\b[A-Z])\.\s+", "", rest, count=1, flags=re.I)
        rest = re.sub(
            r"^[^.()]{0,300}?,?\s*\b(?:editors|editor|eds?)\.?\s*[.,]\s*", "", rest, count=1, flags=re.I
        )
        editors = author_end(rest)  # "In C. B. Jones, editor, Proceedings ..."
        if editors and re.search(r"\b(?:editors?|eds?)\b", rest[:editors], re.I):
            rest = rest[editors:]
    em = re.search(f"{_EM_OPEN}([^{_EM_CLOSE}]+){_EM_CLOSE}", rest)
    publisher_first = _PLACE_PUBLISHER.match(_strip(rest))
    if publisher_first and not _is_place(publisher_first.group("place")):
        publisher_first = None
    if publisher_first and any(
        _is_place(later.group("place"))
        for later in _PLACE_PUBLISHER.finditer(_strip(rest), publisher_first.end())
    ):  # "A Quiet Harmony: Essays. New York: Harcourt": the first "X: Y" is a book's title, not its imprint
        publisher_first = None
    thesis = re.match(
        r"^\W*\[?((?:ph\.?\s?d\.?|doctoral|master'?s|bachelor'?s)?\s*(?:thesis|dissertation)[^\].,]*)\]?[.,]\s*",
        _strip(rest) + ".",
        re.I,
    )
    if thesis:  # "PhD thesis. University of Oxford": the institution is the container
        ref.kind = "thesis"
        rest = _strip(rest)[thesis.end() :]
        publisher_first = None
    if publisher_first:
        container, after = None, rest
    elif em and em.start() < 5:
        container = em.group(1)
        after = rest[em.end() :]
    else:
        candidate, after = _container_span(rest)
        if not _is_container(candidate):
            container, after = None, rest
        else:
            container = candidate
    if container:
        container = _ED_BY.sub("", container)
        role = re.search(r"\s*\((?:eds?|editors?)\.?\)\s*$", container, re.I)
        role_end = role.start() if role else len(container)
        if not role and not re.match(r"[\s,]*\((?:eds?|editors?)\.?\)", after, re.I):
            role_end = 0
        commas = [m.start() for m in re.finditer(",", container[:role_end])]
        cut = next((c for c in commas if _nameish(container[c + 1 : role_end])), None)
        if cut:  # ACM: "Proceedings of ... ('20), Ann Orr and Tom Lund (Eds.)": the editors are not the book
            container = container[:cut]
        imprint = next((m for m in _IMPRINT_AFTER.finditer(container) if _is_place(m.group("place"))), None)
        if imprint:  # "Essays Presented to N. R. Ker. London: Scolar Press": the book ends before its imprint
            container, after = container[: imprint.start()], container[imprint.end() :] + after
        abbreviated = bool(
            _ABBREV.search(container.rstrip(" ,;:")) and container.rstrip(" ,;:").endswith(".")
        )
        container = re.sub(r"^(?:in|in:)\s+", "", _strip(container), flags=re.I)
        container += "." if abbreviated and not container.endswith(".") else ""  # "IEEE Trans. Power Syst."
        fields["container"] = container
    plain_after = _strip(_EDITED.sub("", after))
    chicago = _CHICAGO_VOLUME.match(plain_after)
    vip = None if _VOLUME.search(plain_after) or chicago else _VIP.search(plain_after)
    if chicago:  # *Journal* 133, no. 4 (2020): 1201–45
        fields["volume"] = chicago.group("vol")
        if chicago.group("no"):
            fields["issue"] = chicago.group("no")
        if chicago.group("pages"):
            fields["pages"] = _pages(chicago.group("pages"))
    elif vip and not re.fullmatch(_YEAR, vip.group("vol")):
        fields["volume"] = vip.group("vol")
        if vip.group("issue"):
            fields["issue"] = vip.group("issue")
        fields["pages"] = _pages(vip.group("pages"))
    else:
        volume = _VOLUME.search(plain_after)
        if volume:
            fields["volume"] = volume.group("vol")
        issue = _ISSUE.search(plain_after)
        if issue:
            fields["issue"] = issue.group("no")
        pages = _PAGES.search(plain_after)
        if pages:
            fields["pages"] = _pages(pages.group("pages"))
        vancouver = re.search(
            rf"({_YEAR})[^;]{{0,12}};\s*(\d+)\s*(?:\(([^)]+)\))?\s*:\s*([\w]+(?:[-–]\w+)?)", plain_after
        )
        if vancouver:
            fields.setdefault("date", vancouver.group(1))
            fields.setdefault("volume", vancouver.group(2))
            if vancouver.group(3):
                fields.setdefault("issue", vancouver.group(3))
            fields.setdefault("pages", _pages(vancouver.group(4)))
    place = _PLACE_PUBLISHER.search(plain_after if container else plain)
    if place and not _is_date_like(place.group("place")) and not re.search(r"\d", place.group("place")):
        fields["location"] = place.group("place").strip()
        fields["publisher"] = place.group("publisher").strip()
    if not fields.get("date"):
        fields["date"] = _rest_date(plain_after if container else plain)
    if not fields.get("publisher") and ref.kind in ("thesis",):
        uni = re.search(
            r"([A-Z][\w ]*(?:University|College|Institute|School)[\w ,]*|University of [A-Z][\w ]+)", plain
        )
        if uni:
            fields["publisher"] = uni.group(1).strip(" ,")
    if not fields.get("publisher") and not container:
        publisher = re.match(
            r"^([A-Z][^,.;:]{2,60}?(?:Press|Publishers?|Publishing|Verlag|Books|Editions?|University|Inc|Ltd))\b",
            plain_after,
        )
        if publisher:
            fields["publisher"] = publisher.group(1)


_IMPRINT_AFTER = re.compile(
    r"\.\s+(?=(?P<place>[A-Z][\w' -]{1,40}?(?:,\s*[A-Z][A-Za-z.]{1,5})?)\s*:\s*[A-Z])"
)
_ABBREV = re.compile(r"(?:^|\s)(?:[A-Z][a-z]{0,6}|[A-Z]{1,3}|[a-z]{1,3}|Int'l|St|Dr|No|Vol)\.$")
_CONTAINER_STOP = re.compile(
    rf"\s*\((?=\s*(?:\d|pp?\.|vols?\b|Vol|eds?\b|Eds?\b|{_MON}|n\.d))|;|"
    rf"\s*\((?![A-Z][A-Z0-9'&/ -]*\)|[\w'&/-]+\))|"  # "(Osaka", "(Suppl 1)", "(New York: Norton": not an acronym
    rf",\s+(?=\d|vol\b|vols?\.|volume|no\.|nos?\b|pp?\.|pages?\b|{_MON}\s*\d|In\b|in\b|Vol|to appear|in press|forthcoming"
    rf"|v\.|v\b|n°|nr\b|translated|trans\.|ed\.|edited)"
    rf"|,\s+(?=[A-Z])(?![^,.;()]{{1,40}},?\s+(?:and|&)\s)|\s+(?=\d+(?![\w])(?!\s+[A-Z]))|,\s*$"
    rf"|\s+(?=[A-Z]{{1,2}}\d+\b|[IVXLC]+:\d|{_MON}\s*\(|pp?\.?\s*\d|n°)",  # " B39", " XIV:4", " May(26)"
)


def _container_span(rest: str) -> tuple[str, str]:
    """The container at the start of what follows a title, and what follows it."""
    text = rest.lstrip(" ,.;:")
    offset = len(rest) - len(text)
    position = 0
    while position < len(text):
        stop = _CONTAINER_STOP.search(text, max(0, position - 1))
        period = re.compile(r"\.\s+|\.$").search(text, position)
        if period and (stop is None or period.start() < stop.start()):
            if _ABBREV.search(text[: period.start() + 1]) and period.end() < len(text):
                position = period.end()
                continue
            return text[: period.start() + 1].strip(" ,;:"), rest[offset + period.end() :]
        if stop is None:
            return _strip(text), ""
        if stop.start() == 0:
            return "", rest
        return text[: stop.start()].strip(" ,;:"), rest[offset + stop.start() :]  # "Am." keeps its full stop
    return _strip(text), ""


def _is_place(text: str) -> bool:
    """ "New York", "Berlin, Heidelberg", "Cambridge, MA" -- not "Journal of Physics"."""
    return not re.search(r"\d", text) and not re.search(r"\b[a-z]{2,}\b", text) and len(text.split()) <= 5


def _pages(value: str) -> str:
    return re.sub(r"\s*[-–—]+\s*", "–", value.strip())


def _is_date_like(text: str) -> bool:
    return bool(re.fullmatch(rf"(?:{_MON}\s*)?(?:\d{{1,2}},?\s*)?{_YEAR}|{_MON}|\d+", text.strip(), re.I))


def _is_container(text: str) -> bool:
    if not text or len(text) > 200:
        return False
    if _is_date_like(text) or re.match(
        r"^(?:vol|no|pp?|pages?|ed|edn|edition|accessed|retrieved|v\.)\b\.?", text, re.I
    ):
        return False
    if re.fullmatch(r"[\d\W]+", text):
        return False
    if re.match(
        r"\d{4}\s+[A-Z]|\d{1,3}(?:st|nd|rd|th)\s+[A-Z]", text
    ):  # "2019 IEEE/ACM ...", "13th Annual ..."
        return True
    return text[:1].isupper() or text[:1].isdigit() is False and text[:1].isalpha()


def _rest_date(text: str) -> Optional[str]:
    """The date of publication written among the details (never an access date: those are gone)."""
    for pattern in (
        rf"\b{_MON}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{_YEAR}\b",
        rf"\b\d{{1,2}}\s+{_MON}\s*,?\s*{_YEAR}\b",
        rf"\b{_YEAR}\s+{_MON}\s+\d{{1,2}}\b",
        r"\b\d{4}-\d{2}-\d{2}\b",
        rf"\b{_MON}\s+{_YEAR}\b",
    ):
        match = re.search(pattern, text, re.I)
        if match:
            return valid_date(_iso(match.group(0)))
    years = [m for m in re.finditer(rf"(?<![\d–-]){_YEAR}[a-z]?(?![\d–-])", text)]
    return years[-1].group(0)[:4] if years else None


# -- what kind of work ------------------------------------------------------


def _identify(ref: ParsedRef) -> None:
    fields = ref.fields
    if ref.urls:
        url = next((u for u in ref.urls if "doi.org/" not in u), ref.urls[0])
        fields["url"] = url
    if fields.get("arxiv") and not fields.get("url"):
        fields["url"] = f"https://arxiv.org/abs/{fields['arxiv']}"
    if not fields.get("date") and fields.get("url"):
        fields["date"] = date_from_path(fields["url"])
    title = fields.get("title") or ""
    container = fields.get("container") or ""
    text = _strip(ref.text)
    if ref.kind in ("thesis", "chapter", "paper-conference"):
        pass
    elif _LEGAL.search(title + " " + container):
        ref.kind = "legal"
    elif _SOFTWARE.search(text) and not fields.get("volume"):
        ref.kind = "software"
    elif _DATASET.search(text) and not fields.get("volume"):
        ref.kind = "dataset"
    elif _CONFERENCE.search(container):
        ref.kind = "paper-conference"
    elif fields.get("volume") or fields.get("issue") or (fields.get("pages") and container):
        ref.kind = "article"
    elif _REPORT.search(title + " " + text[-200:]):
        ref.kind = "report"
    elif container and _NEWS.search(container) and (fields.get("date") or "").count("-") == 2:
        ref.kind = "news"
    elif fields.get("publisher") or fields.get("isbn"):
        ref.kind = "book"
    elif fields.get("url"):
        ref.kind = "webpage"
    elif container:
        ref.kind = "article"
    else:
        ref.kind = "book" if fields.get("title") else "webpage"
