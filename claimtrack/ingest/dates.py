"""Dates written out in words, in English and in Russian site boilerplate."""

from __future__ import annotations

import re
from typing import Optional

MONTHS_EN = "january february march april may june july august september october november december".split()
MONTHS_RU = "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split()

_EN = "|".join(MONTHS_EN)
# "6 November 2020", "November 6, 2020", and the stray comma of "October, 23, 2020".
_EN_DATE = re.compile(rf"\b(?:(\d{{1,2}})\s+({_EN})|({_EN})\.?,?\s+(\d{{1,2}}),?)\s+((?:19|20)\d\d)\b", re.I)
_RU_DATE = re.compile(rf"\b(\d{{1,2}})\s+({'|'.join(MONTHS_RU)})\s+((?:19|20)\d\d)\b", re.I)


def _iso(year: str, month: int, day: str) -> Optional[str]:
    return f"{year}-{month:02d}-{int(day):02d}" if 1 <= int(day) <= 31 else None


def english_date(text: str) -> Optional[str]:
    """The first full English date in ``text``, as YYYY-MM-DD."""
    match = _EN_DATE.search(text)
    if not match:
        return None
    day, month = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
    return _iso(match.group(5), MONTHS_EN.index(month.lower()) + 1, day)


def english_date_span(text: str) -> Optional[tuple[str, str]]:
    """(ISO date, the words it was written as), or None."""
    match = _EN_DATE.search(text)
    date = english_date(text)
    return (date, match.group(0)) if match and date else None


def russian_date(text: str) -> Optional[str]:
    """The first date like "08 ноября 2020" in ``text``, as YYYY-MM-DD."""
    match = _RU_DATE.search(text)
    if not match:
        return None
    return _iso(match.group(3), MONTHS_RU.index(match.group(2).lower()) + 1, match.group(1))


def is_month(word: str) -> bool:
    return word.lower() in MONTHS_EN
