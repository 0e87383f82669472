"""CSL-JSON export: the input format of CSL processors (pandoc, citeproc-js, Zotero).

Valid against the official CSL-JSON schema: types ``webpage``,
``article-newspaper``, ``article-journal``, ``book``, ``report``;
``container-title`` for the site or paper; ``issued``/``accessed`` as
date-parts; ``language`` as a BCP-47 tag; what CSL has no variable for
(the stored citekey's file, an archived copy, the bare title and its
translation) under ``custom``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from ..model import Reference, RefType
from .biblatex import issuer
from .latex import curly_quotes

_IN_CONTAINER = (RefType.WEBPAGE, RefType.NEWS, RefType.ARTICLE)


def date_parts(value: str) -> dict[str, list[list[int]]]:
    """ "2020-10" -> {"date-parts": [[2020, 10]]}: only as precise as known."""
    return {"date-parts": [[int(part) for part in value.split("-")]]}


def title(ref: Reference) -> str | None:
    """The title as a reader sees it: a translation follows in brackets, as biblatex's titleaddon prints."""
    if ref.title and ref.title_translation:
        return curly_quotes(f"{ref.title}. [{ref.title_translation}]")
    return curly_quotes(ref.title) if ref.title else None


def names(ref: Reference) -> list[dict[str, str]]:
    """Authors; an unsigned newspaper article is credited to the paper, as in the biblatex export."""
    people = []
    for author in ref.authors:
        family, _, given = (part.strip() for part in author.partition(","))
        people.append({"family": family, "given": given} if given else {"literal": family})
    if people:
        return people
    corporate = ref.organization or (ref.container if ref.type is RefType.NEWS else None)
    return [{"literal": corporate}] if corporate else []


def item(ref: Reference) -> dict[str, Any]:
    if ref.entry_type:  # imported: every field, mapped as citeproc maps biblatex
        from ..bib import csl

        return csl.item(ref)
    data: dict[str, Any] = {"id": ref.key, "type": ref.type.value}
    author = names(ref)
    if author:
        data["author"] = author
    plain = {
        "title": title(ref),
        "container-title": ref.container if ref.type in _IN_CONTAINER else None,
        "collection-title": ref.container if ref.type is RefType.BOOK else None,
        "publisher": ref.publisher,
        "publisher-place": ref.location,
        "volume": ref.volume,
        "issue": ref.issue,
        "number": ref.number,
        "page": ref.pages,
        "URL": ref.url,
        "DOI": ref.doi,
        "ISBN": ref.isbn,
        "language": ref.language,
        "note": ref.note,
    }
    if ref.type is RefType.REPORT:
        plain["genre"] = "Report"
        # the issuing institution publishes a report
        plain["publisher"] = issuer(ref)
    data.update({name: value for name, value in plain.items() if value})
    if ref.date:
        data["issued"] = date_parts(ref.date)
    if ref.urldate:
        data["accessed"] = date_parts(ref.urldate)
    custom = {
        "citekey": ref.key,
        "original-title": curly_quotes(ref.title) if ref.title and ref.title_translation else None,
        "title-translation": curly_quotes(ref.title_translation) if ref.title_translation else None,
        "archive-url": ref.archive_url,
    }
    custom = {name: value for name, value in custom.items() if value}
    if ref.archive_url:
        # readers see it as biblatex's addendum prints it
        data["note"] = "; ".join(filter(None, [ref.note, f"Archived at {ref.archive_url}"]))
    data["custom"] = custom
    return data


def dumps(refs: Iterable[Reference]) -> str:
    return json.dumps([item(ref) for ref in refs], ensure_ascii=False, indent=2) + "\n"
