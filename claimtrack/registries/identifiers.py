"""Scholarly identifiers checked offline: DOI, ISBN, ISSN, arXiv, PMID and PMCID.

Each ``*_problem`` function returns None for a well-formed identifier, else a
short reason a person can act on ("check digit is 7, not 3").  ``normalize_doi``
accepts the forms people paste (``doi:``, ``https://doi.org/``,
``http://dx.doi.org/``, URL-encoded) and returns the bare DOI.
"""

from __future__ import annotations

import re
from typing import Optional
from urllib.parse import unquote

# -- DOI -----------------------------------------------------------------------

_DOI_PREFIXES = re.compile(
    r"^(?:doi\s*:\s*|(?:https?://)?(?:dx\.|www\.)?doi\.org/|info:doi/)",
    re.I,
)


def strip_doi(text: str) -> str:
    """``text`` without a resolver or ``doi:`` prefix, URL-decoded, trimmed."""
    value = text.strip()
    previous = None
    while previous != value:  # "https://doi.org/doi:10..." happens
        previous = value
        value = _DOI_PREFIXES.sub("", value).strip()
    if "%" in value:
        value = unquote(value)
    # A DOI copied from running text often takes the sentence's full stop with it.
    return value.rstrip(".,;")


def doi_problem(text: str) -> Optional[str]:
    """None for a well-formed DOI (in any accepted form), else why it is not one."""
    value = strip_doi(text)
    if not value:
        return "empty DOI"
    if any(ch.isspace() for ch in value):
        return "a DOI has no white space"
    if not value.startswith("10."):
        return "a DOI starts with 10."
    if "/" not in value:
        return "a DOI has a / between its prefix and suffix"
    prefix, suffix = value.split("/", 1)
    if not re.fullmatch(r"10\.\d{4,9}(?:\.\d+)*", prefix):
        return f"prefix {prefix!r} is not 10. followed by a registrant number"
    if not suffix:
        return "nothing after the /"
    return None


def normalize_doi(text: Optional[str]) -> Optional[str]:
    """The bare DOI in lower case (DOIs are case-insensitive), or None if malformed."""
    if not text or doi_problem(text):
        return None
    return strip_doi(text).lower()


# -- ISBN and ISSN ---------------------------------------------------------------


def _compact(text: str) -> str:
    return re.sub(r"[\s\-‐‑–]", "", text.strip()).upper().removeprefix("ISBN").removeprefix(":")


def isbn_problem(text: str) -> Optional[str]:
    """None for a valid ISBN-10 or ISBN-13 (hyphens and spaces allowed)."""
    value = _compact(text)
    if len(value) == 10:
        if not re.fullmatch(r"\d{9}[\dX]", value):
            return "an ISBN-10 is nine digits and a check digit (0-9 or X)"
        total = sum((10 - i) * int(d) for i, d in enumerate(value[:9]))
        check = (11 - total % 11) % 11
        expected = "X" if check == 10 else str(check)
        if value[9] != expected:
            return f"ISBN-10 check digit is {expected}, not {value[9]}"
        return None
    if len(value) == 13:
        if not value.isdigit():
            return "an ISBN-13 is thirteen digits"
        if not value.startswith(("978", "979")):
            return "an ISBN-13 starts with 978 or 979"
        total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(value[:12]))
        expected = str((10 - total % 10) % 10)
        if value[12] != expected:
            return f"ISBN-13 check digit is {expected}, not {value[12]}"
        return None
    return f"an ISBN has 10 or 13 digits, not {len(value)}"


def isbn13(text: str) -> Optional[str]:
    """The ISBN as 13 digits (an ISBN-10 converted), or None if invalid."""
    if isbn_problem(text):
        return None
    value = _compact(text)
    if len(value) == 13:
        return value
    core = "978" + value[:9]
    total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(core))
    return core + str((10 - total % 10) % 10)


def issn_problem(text: str) -> Optional[str]:
    """None for a valid ISSN (NNNN-NNNC)."""
    value = _compact(text).removeprefix("ISSN")
    if not re.fullmatch(r"\d{7}[\dX]", value):
        return "an ISSN is seven digits and a check digit (0-9 or X)"
    total = sum((8 - i) * int(d) for i, d in enumerate(value[:7]))
    check = (11 - total % 11) % 11
    expected = "X" if check == 10 else str(check)
    if value[7] != expected:
        return f"ISSN check digit is {expected}, not {value[7]}"
    return None


# -- arXiv -------------------------------------------------------------------------

# New style (2007 on): YYMM.NNNN (to 1412) or YYMM.NNNNN (from 1501), optional version.
_ARXIV_NEW = re.compile(r"^(\d{2})(\d{2})\.(\d{4,5})(v\d+)?$")
# Old style: archive(.SUBJECT-CLASS)/YYMMNNN, e.g. hep-th/9901001, math.GT/0309136.
_ARXIV_OLD = re.compile(r"^([a-z]+(?:-[a-z]+)*)(\.[A-Z]{2})?/(\d{2})(\d{2})(\d{3})(v\d+)?$")
_ARXIV_IN_TEXT = re.compile(
    r"(?:arxiv(?:\.org/(?:abs|pdf)/|\s*:\s*|\s+preprint\s+(?:arxiv\s*:\s*)?|\s+)|10\.48550/arxiv\.)"
    r"([a-z\-]+(?:\.[A-Z]{2})?/\d{7}|\d{4}\.\d{4,5})(v\d+)?",
    re.I,
)


def arxiv_problem(text: str) -> Optional[str]:
    """None for a well-formed arXiv identifier, old or new style."""
    value = text.strip().removeprefix("arXiv:").removeprefix("arxiv:").strip()
    new = _ARXIV_NEW.match(value)
    if new:
        year, month, number = int(new.group(1)), int(new.group(2)), new.group(3)
        if not 1 <= month <= 12:
            return f"month {month:02d} of an arXiv id is not 01-12"
        if (year, month) < (7, 4):
            return "new-style arXiv ids begin in April 2007 (0704)"
        if len(number) == 5 and year < 15:
            return "five-digit arXiv numbers begin in 2015 (1501)"
        if len(number) == 4 and year >= 15:
            return "arXiv ids from 2015 on have five digits after the dot"
        return None
    old = _ARXIV_OLD.match(value)
    if old:
        month = int(old.group(4))
        if not 1 <= month <= 12:
            return f"month {month:02d} of an arXiv id is not 01-12"
        return None
    return "not an arXiv id (YYMM.NNNNN or archive/YYMMNNN)"


def arxiv_in(text: Optional[str]) -> Optional[str]:
    """The arXiv id (without version) written in a URL, note or DOI, if any."""
    if not text:
        return None
    match = _ARXIV_IN_TEXT.search(text)
    return match.group(1) if match else None


def arxiv_base(identifier: str) -> str:
    """The id without a version suffix (2103.00020v2 -> 2103.00020)."""
    return re.sub(r"v\d+$", "", identifier.strip().removeprefix("arXiv:").removeprefix("arxiv:"))


# -- PubMed ------------------------------------------------------------------------

_PMID_IN_TEXT = re.compile(
    r"(?:\bPMID\s*:?\s*|pubmed\.ncbi\.nlm\.nih\.gov/|/pubmed/)(\S+?)(?=[\s/.,;)]|$)", re.I
)
_PMCID_IN_TEXT = re.compile(
    r"(?:\bPMCID\s*:?\s*|/pmc/articles/|pmc\.ncbi\.nlm\.nih\.gov/articles/)(\S+?)(?=[\s/.,;)]|$)", re.I
)


def pmid_problem(text: str) -> Optional[str]:
    value = text.strip()
    if not re.fullmatch(r"[1-9]\d{0,8}", value):
        return "a PMID is a number of up to nine digits"
    return None


def pmcid_problem(text: str) -> Optional[str]:
    if not re.fullmatch(r"PMC[1-9]\d{0,8}", text.strip(), re.I):
        return "a PMCID is PMC followed by digits"
    return None


def pmid_in(text: Optional[str]) -> Optional[str]:
    match = _PMID_IN_TEXT.search(text or "")
    return match.group(1) if match else None


def pmcid_in(text: Optional[str]) -> Optional[str]:
    match = _PMCID_IN_TEXT.search(text or "")
    return match.group(1) if match else None
