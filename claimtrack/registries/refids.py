"""The identifiers a reference carries, and those that are malformed.

Read from the model's fields (``doi``, ``isbn``, ``url``, ``note``,
``container``) and from fields a richer model may add (``eprint``, ``issn``,
``pmid``, ``pmcid``), so the same code works before and after they exist.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Optional

from ..model import Reference
from . import identifiers as ids


@dataclass(frozen=True)
class Problem:
    field: str  # the reference field holding the bad value
    value: str
    reason: str

    def __str__(self) -> str:
        return f"{self.field} {self.value!r}: {self.reason}"


@dataclass
class RefIds:
    doi: Optional[str] = None  # normalized, lower case
    arxiv: Optional[str] = None
    isbns: list[str] = field(default_factory=list)  # as ISBN-13
    pmid: Optional[str] = None
    pmcid: Optional[str] = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def primary(self) -> Optional[str]:
        """The identifier shown for the reference: doi:, arxiv:, isbn:, pmid: or pmcid:."""
        if self.doi:
            return f"doi:{self.doi}"
        if self.arxiv:
            return f"arxiv:{self.arxiv}"
        if self.isbns:
            return f"isbn:{self.isbns[0]}"
        if self.pmid:
            return f"pmid:{self.pmid}"
        if self.pmcid:
            return f"pmcid:{self.pmcid}"
        return None


def _extra(ref: Reference, name: str, raw: Optional[Mapping[str, str]] = None) -> Optional[str]:
    """A field the model may not have yet (or may hold as a list); else as the .bib file has it."""
    value = getattr(ref, name, None) or (raw or {}).get(name)
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v) for v in value if v)
    return str(value).strip() if value else None


def _split(value: str) -> list[str]:
    return [v for v in re.split(r"[,;]\s*|\s{2,}|\s+(?=97[89])", value) if v.strip()]


def of(ref: Reference, raw: Optional[Mapping[str, str]] = None) -> RefIds:
    """The identifiers of ``ref``; ``raw`` holds fields the model lacks, from rawfields.scan."""
    found = RefIds()
    problems = found.problems
    # DOI: the doi field, else a doi.org URL
    doi_text = ref.doi or (ref.url if ref.url and re.search(r"//(dx\.)?doi\.org/", ref.url, re.I) else None)
    if doi_text:
        reason = ids.doi_problem(doi_text)
        if reason:
            problems.append(Problem("doi" if ref.doi else "url", doi_text, reason))
        else:
            found.doi = ids.normalize_doi(doi_text)
    # arXiv: an eprint field, or an id written in the URL, note, journal field or DOI
    eprint = _extra(ref, "eprint", raw)
    archive_prefix = (_extra(ref, "archiveprefix", raw) or _extra(ref, "eprinttype", raw) or "arxiv").lower()
    if eprint and archive_prefix == "arxiv":
        reason = ids.arxiv_problem(eprint)
        if reason:
            problems.append(Problem("eprint", eprint, reason))
        else:
            found.arxiv = ids.arxiv_base(eprint)
    if not found.arxiv:
        for name in ("url", "note", "container", "doi"):
            candidate = ids.arxiv_in(getattr(ref, name, None))
            if candidate:
                reason = ids.arxiv_problem(candidate)
                if reason:
                    problems.append(Problem(name, candidate, reason))
                else:
                    found.arxiv = candidate
                break
    # ISBN: one or several in the isbn field
    for value in _split(ref.isbn or ""):
        reason = ids.isbn_problem(value)
        if reason:
            problems.append(Problem("isbn", value.strip(), reason))
        else:
            found.isbns.append(ids.isbn13(value) or value)
    issn = _extra(ref, "issn", raw)
    for value in _split(issn or ""):
        reason = ids.issn_problem(value)
        if reason:
            problems.append(Problem("issn", value.strip(), reason))
    # PubMed ids: their own fields, or written in the URL or note
    pmid = _extra(ref, "pmid", raw) or ids.pmid_in(ref.url) or ids.pmid_in(ref.note)
    if pmid:
        reason = ids.pmid_problem(pmid)
        if reason:
            problems.append(Problem("pmid", pmid, reason))
        else:
            found.pmid = pmid
    pmcid = _extra(ref, "pmcid", raw) or ids.pmcid_in(ref.url) or ids.pmcid_in(ref.note)
    if pmcid:
        reason = ids.pmcid_problem(pmcid)
        if reason:
            problems.append(Problem("pmcid", pmcid, reason))
        else:
            found.pmcid = pmcid.upper()
    return found
