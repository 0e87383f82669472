"""Author-date citations (APA, Chicago author-date, Harvard) linked to reference list entries.

Parenthetical ``(Smith, 2020; Jones & Lee, 2019a, p. 5)``, ``(Smith 2020, 45)``,
``(see World Health Organization [WHO], 2020)``; narrative ``Smith (2020)``,
``Smith and Lee's (2019a)``, ``Smith et al. (2018, p. 4)``.  An entry is
found by its first author's family name (or organisation) and its year with
the disambiguation letter.  The text is left as written: a marker is put
after the citation, so the claim keeps its words.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Optional

from ..model import CitationMode, CitationStyle
from .citekeys import sentinel_label, split_suffix
from .document import BibDraft, CiteDraft, Document, sentinel
from .refstrings import ParsedRef

_YEAR = r"(?:1[5-9]|20)\d\d"
_NO_DATE = r"n\.\s?d\.(?:-?[a-z])?|no date|s\.\s?d\.|o\.\s?J\."
_YEARS = rf"(?:{_YEAR}[a-z]?|{_NO_DATE}|in press|forthcoming)(?:\s*,\s*(?:{_YEAR}[a-z]?|{_NO_DATE}))*"
ENTRY_START = re.compile(rf"^\s*[A-ZÀ-Ý][\w'’-]+(?:,| [A-Z]\.|\s+\(|.{{0,200}}\(?{_YEAR})")
_PAREN = re.compile(r"\((?P<body>[^()]*?(?:\b" + _YEAR + r"[a-z]?\b|n\.\s?d\.)[^()]*)\)")
_ITEM = re.compile(
    rf"^\s*(?P<prefix>(?:see(?: also)?|e\.\s?g\.,?|cf\.|for example,?|i\.\s?e\.,?|as cited in|quoted in|also)\s+)?"
    rf"(?P<names>[^;()]+?)(?:,\s*|\s+)(?P<years>{_YEARS})(?P<rest>(?:\s*[,:]\s*.+)?)$",
    re.I,
)
_UPPER = "A-ZÀ-ÖØ-ÞĀ-ſ"
_NAME = rf"[{_UPPER}][\w'’-]+"
_ANY_PAREN = re.compile(r"\((?P<body>[^()\ue000]{2,200})\)(?!\ue000)")
_MLA_ITEM = re.compile(
    rf"^\s*(?:(?:see(?: also)?|cf\.|e\.\s?g\.,?)\s+)?(?P<names>(?:(?:van|von|de|der)\s+)*[{_UPPER}](?:[\w'’-]+|\.)"
    rf"(?:(?:,?\s+(?:and|\\?&)\s+|,\s+|\s+)(?:(?:van|von|de|der)\s+)*[{_UPPER}](?:[\w'’-]+|\.))*"
    rf"(?:,?\s+(?:\*|_)?et al\.(?:\*|_)?)?)"
    rf"(?P<rest>(?:,?\s+(?:pp?\.\s*)?\d[\d–-]*)?)\s*$"
)
_TITLE_CITE = re.compile(
    r"^\s*(?:\*|_|[“\"])(?P<title>[^*_“”\"]{12,120})(?:\*|_|[”\"])\s*$"
)  # (*Title*), ("Title")
_ET_AL = r"(?:\*|_)?et\s+al\.?(?:\*|_)?"
_NARRATIVE = re.compile(
    rf"(?P<names>(?:(?:van|von|de|der|den|da|di|du|la|le|del)\s+)*{_NAME}"
    rf"(?:,?\s+(?:and|\\?&)\s+(?:(?:van|von|de|der)\s+)*{_NAME}|,\s+(?:(?:van|von|de|der)\s+)*{_NAME}|\s+{_ET_AL}|\s+{_NAME}){{0,5}})(?:['’]s?)?"
    rf"\s+\((?P<years>{_YEARS})(?P<rest>(?:\s*,\s*[^()]{{1,40}})?)\)"
)


def fold(name: str) -> str:
    """A family name compared across styles: accents, case and punctuation folded."""
    text = unicodedata.normalize("NFKD", name)
    return re.sub(r"[^a-z]", "", "".join(c for c in text if not unicodedata.combining(c)).casefold())


def families_of(parsed: ParsedRef) -> list[str]:
    families = [p.split(",", 1)[0] for p in parsed.fields.get("authors", []) if p != "others"]
    if not families and parsed.fields.get("organization"):
        families = [parsed.fields["organization"]]
    return families


def year_of(text: str, parsed: ParsedRef) -> Optional[str]:
    """The year as the text cites it, with its letter: "2019a"; "n.d."."""
    match = re.search(rf"\b({_YEAR}[a-z]?)\b|\b({_NO_DATE})", text)
    if match:
        return match.group(1) or _no_date(match.group(2))
    date = parsed.fields.get("date")
    return date[:4] if date else None


class _Index:
    def __init__(self, entries: list[BibDraft]) -> None:
        self.entries = []
        self.openings = [fold(e.text[:200]) for e in entries]  # a work without author opens with its title
        self.givens = [
            (e.fields.get("authors") or [""])[0].partition(",")[2] for e in entries
        ]  # the first author's given names
        for index, entry in enumerate(entries):
            families = entry.families or entry.surnames
            if not families:
                families = [a.split(",", 1)[0] for a in entry.fields.get("authors", [])]
            if not families and entry.fields.get("organization"):
                families = [entry.fields["organization"]]
            if not families:  # "UMBS ebiquity. (2007, April). ...": the name before the year is the author
                lead = re.match(rf"^\s*([^()\d]{{2,80}}?)\.?\s*\((?:{_YEAR}|n\.\s?d\.)", entry.text)
                families = [lead.group(1).strip()] if lead else []
            year = entry.year or (entry.fields.get("date") or "")[:4]
            self.entries.append((index, [fold(f) for f in families if f], families, year))

    def find_without_year(self, names: str) -> Optional[int]:
        """MLA's (Smith et al.), (Menzel, Axer, et al.), (Ann S. Almgren et al.): the one entry these fit."""
        chunks = [
            c for c in re.split(r"\s*(?:,|&|\band\b|\bet al\.?)\s*", re.sub(r"[*_]", "", names)) if fold(c)
        ]
        if not chunks:
            return None
        given, _, family = chunks[0].strip().rpartition(" ")
        cited = [fold(family)] + [fold(c.split()[-1]) for c in chunks[1:]]
        matches = [
            (i, f) for i, f, _, _ in self.entries if f and (f[0] == cited[0] or f[0].endswith(cited[0]))
        ]
        for position, name in enumerate(cited[1:], start=1):
            if len(matches) <= 1:
                break
            matches = [(i, f) for i, f in matches if len(f) > position and f[position].endswith(name)]
        if len(matches) > 1 and given:  # two Almgrens: the given name the text writes out
            matches = [(i, f) for i, f in matches if fold(self.givens[i]).startswith(fold(given))] or matches
        return matches[0][0] if len(matches) == 1 else None

    def find_by_title(self, title: str) -> Optional[int]:
        """MLA's "(*Zarr Storage Specification*)": a work without author, cited by its title."""
        wanted = fold(title)
        if len(wanted) < 12:
            return None
        matches = [i for i, opening in enumerate(self.openings) if opening.startswith(wanted)]
        return matches[0] if len(matches) == 1 else None

    def find(self, names: str, year: str) -> Optional[int]:
        names = re.sub(r"\[[^\]]*\]|[*_]", "", names)  # "World Health Organization [WHO]", "*et al.*"
        cited = [fold(n) for n in re.split(r"\s*(?:,|&|\band\b|\bet al\.?)\s*", names) if fold(n)]
        if not cited:
            return None
        year = re.sub(r"\s", "", year.lower())
        if not re.match(r"\d", year):
            year = _no_date(year)
        matches = []
        for index, families, raw, entry_year in self.entries:
            if not families or not _same_year(year, entry_year):
                continue
            first = families[0]
            whole = fold(names)
            acronym = "".join(w[0] for w in re.findall(r"[A-Z][\w]*", raw[0])).lower() if raw else ""
            if (
                cited[0] == first
                or first.endswith(cited[0])
                or cited[0].endswith(first)
                or whole == first
                or (
                    len(cited[0]) >= 10 and first.startswith(cited[0])
                )  # "Ministry of Education" (… Sri Lanka)
                or (len(cited[0]) >= 2 and cited[0] == acronym)
            ):
                matches.append((index, families))
        if len(matches) > 1 and len(cited) > 1:  # "Smith & Lee" against "Smith & Kim"
            narrowed = [m for m in matches if len(m[1]) > 1 and m[1][1].endswith(cited[1])]
            matches = narrowed or matches
        if len(matches) > 1:
            exact = [m for m in matches if self.entries[m[0]][3] == year]
            matches = exact or matches
        if len(matches) > 1:  # "Lee (2019)" is Lee alone, not Lee and Park
            many = bool(re.search(r"et al", names))
            fits = [m for m in matches if (len(m[1]) >= 3 if many else len(m[1]) == len(cited))]
            matches = fits or matches
        return matches[0][0] if matches else None


def _no_date(text: str) -> str:
    """Every way of writing "no date" as one: "n.d.", with its letter ("n.d.-b")."""
    letter = re.search(r"-?([a-z])$", text.strip()) if re.match(r"n\.", text) else None
    return "n.d." + (letter.group(1) if letter else "")


def _same_year(cited: str, entry: str) -> bool:
    if not entry:
        return False
    entry = entry.lower()
    if cited == entry:
        return True
    return cited[:4] == entry[:4] and (len(cited) == 4 or len(entry) == 4)


def _years(text: str) -> list[str]:
    return [y.strip() for y in re.split(r"\s*,\s*", text) if y.strip()]


def mark(doc: Document) -> None:
    """Put a citation marker after each author-date citation that names a list entry."""
    if not doc.bibliography:
        return
    index = _Index(doc.bibliography)

    def drafts_for(
        names: str, years: str, rest: str, mode: CitationMode, prefix: Optional[str]
    ) -> list[CiteDraft]:
        locator, suffix = split_suffix(rest)
        out = []
        for year in _years(years):
            entry = index.find(names, year)
            if entry is None:
                continue
            label = re.sub(r"\\(.)", r"\1", f"{' '.join(names.split())} {year}")  # Markdown's "\&" is "&"
            out.append(CiteDraft(CitationStyle.AUTHOR_DATE, entry=entry, mode=mode, locator=locator,
                                 prefix=prefix, suffix=suffix, label=label))  # fmt: skip
        return out

    def without_year(match: re.Match[str]) -> str:
        drafts: list[CiteDraft] = []
        for part in match.group("body").split(";"):
            item = _MLA_ITEM.match(part)
            entry = index.find_without_year(item.group("names")) if item else None
            titled = _TITLE_CITE.match(part) if entry is None else None
            if titled and (entry := index.find_by_title(titled.group("title"))) is not None:
                drafts.append(CiteDraft(CitationStyle.AUTHOR_DATE, entry=entry, label=titled.group("title")))
                continue
            if entry is None or item is None:
                return match.group(0)  # every item must be a citation, or this is not one
            locator, suffix = split_suffix(item.group("rest") or "")
            drafts.append(CiteDraft(CitationStyle.AUTHOR_DATE, entry=entry, locator=locator, suffix=suffix,
                                    label=re.sub(r"\\(.)", r"\1", " ".join(item.group("names").split()))))  # fmt: skip
        return match.group(0) + sentinel(sentinel_label(doc, drafts))

    def parenthetical(match: re.Match[str]) -> str:
        drafts: list[CiteDraft] = []
        for part in match.group("body").split(";"):
            item = _ITEM.match(part)
            if item:
                prefix = (item.group("prefix") or "").strip() or None
                drafts.extend(drafts_for(item.group("names"), item.group("years"), item.group("rest"),
                                         CitationMode.NORMAL, prefix))  # fmt: skip
        if not drafts:
            return match.group(0)
        return match.group(0) + sentinel(sentinel_label(doc, drafts))

    def narrative(match: re.Match[str]) -> str:
        # "(MCCV, Xu and Liang (2001))": the names may start after a word that is not one
        names = match.group("names")
        drafts: list[CiteDraft] = []
        while names and not drafts:
            drafts = drafts_for(
                names, match.group("years"), match.group("rest"), CitationMode.AUTHOR_IN_TEXT, None
            )
            cut = re.search(r",\s+|\s+(?=[A-Z])", names)
            names = names[cut.end() :] if cut and not drafts else ""
        if not drafts:
            return match.group(0)
        return match.group(0) + sentinel(sentinel_label(doc, drafts))

    for paragraph in doc.paragraphs:
        text = _NARRATIVE.sub(narrative, paragraph.markdown)
        text = _PAREN.sub(parenthetical, text)
        paragraph.markdown = _ANY_PAREN.sub(without_year, text)
