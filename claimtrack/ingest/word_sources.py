"""Word's own citations (References → Insert Citation): its source list as CSL items.

Word keeps the document's sources in a custom XML part (``customXml/item*.xml``,
``<b:Sources>`` in the Office bibliography namespace), each with a ``b:Tag``
that its ``CITATION Tag \\p 45 \\l 1033`` fields name.  The list is read here;
:mod:`.docx_citations` turns the fields into citekeys.
"""

from __future__ import annotations

import re
from typing import Any, Optional

from lxml import etree

_B = "{http://schemas.openxmlformats.org/officeDocument/2006/bibliography}"
# Word source types -> CSL types
_TYPES = {
    "JournalArticle": "article-journal", "ArticleInAPeriodical": "article-magazine", "Book": "book",
    "BookSection": "chapter", "ConferenceProceedings": "paper-conference", "Report": "report",
    "InternetSite": "webpage", "DocumentFromInternetSite": "webpage", "ElectronicSource": "document",
    "Case": "legal_case", "Patent": "patent", "Film": "motion_picture", "Interview": "interview",
    "Performance": "performance", "Art": "graphic", "SoundRecording": "song", "Misc": "document",
}  # fmt: skip
_FIELDS = {
    "title": "Title", "volume": "Volume", "issue": "Issue", "page": "Pages", "publisher": "Publisher",
    "publisher-place": "City", "URL": "URL", "DOI": "DOI", "edition": "Edition", "number": "StandardNumber",
}  # fmt: skip
_CONTAINERS = ("JournalName", "PeriodicalTitle", "BookTitle", "ConferenceName", "InternetSiteTitle",
               "ProductionCompany", "Institution")  # fmt: skip


def sources(parts: dict[str, bytes]) -> dict[str, dict[str, Any]]:
    """Tag -> CSL item (without ``id``), from every custom XML part holding ``b:Sources``."""
    found: dict[str, dict[str, Any]] = {}
    for name, data in parts.items():
        if not re.match(r"customXml/item\d*\.xml$", name) or b"Sources" not in data:
            continue
        try:
            root = etree.fromstring(data)
        except etree.XMLSyntaxError:
            continue
        for source in root.iter(f"{_B}Source"):
            tag = _text(source, "Tag")
            if tag and tag not in found:
                found[tag] = _item(source)
    return found


def _text(el: Any, name: str) -> Optional[str]:
    found = el.find(f"{_B}{name}")
    if found is None:
        return None
    value = " ".join("".join(found.itertext()).split())
    return value or None


def _item(source: Any) -> dict[str, Any]:
    item: dict[str, Any] = {"type": _TYPES.get(_text(source, "SourceType") or "", "document")}
    for csl_name, word_name in _FIELDS.items():
        value = _text(source, word_name)
        if value:
            item[csl_name] = value
    container = next((_text(source, c) for c in _CONTAINERS if _text(source, c)), None)
    if container:
        item["container-title"] = container
    for role, word_role in (("author", "Author"), ("editor", "Editor"), ("translator", "Translator")):
        names = _names(source, word_role)
        if names:
            item[role] = names
    for csl_name, prefix, suffix in (("issued", "", ""), ("accessed", "", "Accessed")):
        date = _date(source, prefix, suffix)
        if date:
            item[csl_name] = date
    return item


def _date(source: Any, prefix: str, suffix: str) -> Optional[dict[str, Any]]:
    """``Year``/``Month``/``Day`` (or ``YearAccessed``...) as CSL date parts."""
    year = _text(source, f"{prefix}Year{suffix}")
    if not year or not re.fullmatch(r"\d{4}", year):
        return None
    parts = [int(year)]
    month = _month(_text(source, f"{prefix}Month{suffix}"))
    day = _text(source, f"{prefix}Day{suffix}")
    if month:
        parts.append(month)
        if day and day.isdigit() and 1 <= int(day) <= 31:
            parts.append(int(day))
    return {"date-parts": [parts]}


def _names(source: Any, role: str) -> list[dict[str, str]]:
    holder = source.find(f"{_B}Author/{_B}{role}")
    if holder is None:
        return []
    corporate = _text(holder, "Corporate")
    if corporate:
        return [{"literal": corporate}]
    names = []
    for person in holder.iter(f"{_B}Person"):
        family = _text(person, "Last")
        given = " ".join(filter(None, [_text(person, "First"), _text(person, "Middle")]))
        if family:
            names.append({"family": family, "given": given} if given else {"family": family})
    return names


_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def _month(value: Optional[str]) -> Optional[int]:
    if not value:
        return None
    if value.isdigit():
        return int(value) if 1 <= int(value) <= 12 else None
    word = value[:3].casefold()
    return _MONTHS.index(word) + 1 if word in _MONTHS else None
