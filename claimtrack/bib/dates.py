"""Dates as biblatex reads them: ISO 8601-2 (EDTF level 1) partial dates and ranges.

``2020``, ``2020-10``, ``2020-10-05``, with a time (``T10:00:00Z``), uncertain
(``2020?``), approximate (``2020~``) or both (``2020%``), unspecified digits
(``19XX``), seasons (``2020-21``), BCE years (``-0044``), and ranges with
open ends (``2019/2020``, ``2020/..``, ``../2020``, ``2020/``).  BibTeX's
``year``/``month``/``day`` become the same form.  ``start`` gives the
``YYYY[-MM[-DD]]`` a ``Reference.date`` holds.
"""

from __future__ import annotations

import re
from datetime import date as _date
from typing import Optional

_POINT = re.compile(
    r"^(?P<year>-?\d{4}|\d{2}XX|\d{3}X)(?:-(?P<month>\d{2}|XX)(?:-(?P<day>\d{2}|XX))?)?"
    r"(?:T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?[?~%]?$"
)
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def _point_ok(value: str) -> bool:
    match = _POINT.match(value)
    if not match:
        return False
    month, day = match.group("month"), match.group("day")
    if month and month != "XX":
        number = int(month)
        if not (1 <= number <= 12 or (21 <= number <= 24 and not day)):
            return False
        if day and day != "XX" and number <= 12 and match.group("year").isdigit():
            try:
                _date(int(match.group("year")), number, int(day))
            except ValueError:
                return False
    return True


def is_valid(value: str) -> bool:
    """An EDTF date or range biblatex accepts."""
    value = value.strip()
    if "/" not in value:
        return _point_ok(value)
    first, _, last = value.partition("/")
    if "/" in last:
        return False
    ends = [part for part in (first, last) if part not in ("", "..")]
    return bool(ends) and all(_point_ok(part) for part in ends)


def start(value: Optional[str]) -> Optional[str]:
    """The ``YYYY[-MM[-DD]]`` a date begins with, if it has one; None for ``../2020`` or ``19XX``."""
    if not value:
        return None
    first = value.split("/")[0]
    match = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T|[?~%]|$)", first)
    if not match:
        return None
    year, month, day = match.groups()
    if month and int(month) > 12:  # a season
        return year
    return "-".join(part for part in (year, month, day) if part)


def end(value: Optional[str]) -> Optional[str]:
    if not value or "/" not in value:
        return None
    return start(value.split("/", 1)[1])


def month_number(value: str) -> Optional[int]:
    """BibTeX's ``month``: ``oct``, ``October``, ``10``; None if it is none of these."""
    value = value.strip().lower().rstrip(".")
    if value.isdigit():
        number = int(value)
        return number if 1 <= number <= 12 else None
    return MONTHS.index(value[:3]) + 1 if value[:3] in MONTHS and len(value) >= 3 else None


def from_parts(year: str, month: Optional[str] = None, day: Optional[str] = None) -> Optional[str]:
    """``year``/``month``/``day`` as one date; None if the year is not a year.

    A month or day that is not one is left out (the caller warns about it).
    """
    year = year.strip()
    if not re.fullmatch(r"-?\d{1,4}", year):
        return None
    year = f"-{int(year[1:]):04d}" if year.startswith("-") else f"{int(year):04d}"
    number = month_number(month) if month else None
    if number is None:
        return year
    out = f"{year}-{number:02d}"
    if day and day.strip().isdigit():
        candidate = f"{out}-{int(day):02d}"
        if is_valid(candidate):
            return candidate
    return out
