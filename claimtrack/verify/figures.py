"""Figures in a claim and in a source, compared by value, not by notation.

"13.4 percent", "13.4%" and "13.4 per cent" are one figure; "$1.2bn", "1.2
billion dollars" and "US$1,200 million" are one figure; "twenty" is 20.  A
claim may round its source ("about 33%" for 33.2%); it may not change it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

_SMALL = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALE = {
    "hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "mln": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "tr": 1e12,
}  # fmt: skip
_CURRENCY = {
    "$": "USD", "us$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD", "€": "EUR", "eur": "EUR",
    "euro": "EUR", "euros": "EUR", "£": "GBP", "gbp": "GBP", "pound": "GBP", "pounds": "GBP", "¥": "JPY",
    "yen": "JPY", "yuan": "CNY", "rmb": "CNY", "₺": "TRY", "lira": "TRY", "liras": "TRY", "try": "TRY",
    "₽": "RUB", "rub": "RUB", "ruble": "RUB", "rubles": "RUB", "rouble": "RUB", "roubles": "RUB",
}  # fmt: skip
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_WORD_NUMBER = "|".join(sorted([*_SMALL, *_TENS], key=len, reverse=True))

_FIGURE = re.compile(
    rf"""
    (?<![\w.,/-])
    (?P<cur>us\$|[$€£¥₺₽]|usd|eur|gbp)?\s?
    (?:
      (?P<num>\d{{1,3}}(?:[,\u202f\u00a0\u2009]\d{{3}})+(?:\.\d+)?|\d+(?:[.,]\d+)?)
      |(?P<word>(?:{_WORD_NUMBER})(?:[-\s](?:{_WORD_NUMBER}))?)
    )
    (?P<ord>st|nd|rd|th)?
    (?:[\s-]?(?P<scale>hundred|thousand|million|billion|trillion|mln|mn|bn|tn|k|m|b)\b)?
    (?:\s?(?P<pct>%|percent\b|per\s?cent\b|pct\b|percentage\s+points?\b))?
    (?:\s(?P<cur2>dollars|euros|pounds|yen|yuan|lira|liras|rubles|roubles|usd|eur)\b)?
    (?P<times>x|×)?
    (?![\w])
    """,
    re.I | re.X,
)
# A spelled-out small number is a figure in a claim only before a unit ("five hours", not "two countries").
_UNIT_AFTER = re.compile(
    r"^[\s-]*(?:hours?|days?|weeks?|months?|years?|decades?|centuries|times|minutes?|seconds?|miles?"
    r"|kilomet(?:er|re)s?|met(?:er|re)s?|feet|tons?|tonnes?|percent|per\s?cent|points?)\b",
    re.I,
)
_MONTH_NEAR = re.compile(rf"^\s*(?:{_MONTHS})\b|\b(?:{_MONTHS})\s*$", re.I)


@dataclass(frozen=True)
class Figure:
    text: str  # as written
    value: float  # the full value (1.2 billion -> 1.2e9)
    kind: str  # percent, money, year, date, ordinal, number
    currency: Optional[str] = None
    decimals: int = 0  # digits after the decimal point as written
    scale: float = 1.0
    written: bool = False  # spelled out in words
    unit: Optional[str] = (
        None  # the unit written after it: hour, year, tonne... ("five hours" is not "five years")
    )
    start: int = 0
    end: int = 0

    def matches(self, other: Figure) -> bool:
        """Does ``other`` (the source's) say the same as this (the claim's), allowing rounding?"""
        if not compatible(self, other):
            return False
        if self.unit and other.unit and self.unit != other.unit:
            return False
        if self.value == other.value:
            return True
        scaled = other.value / self.scale
        return round(scaled, self.decimals) == round(self.value / self.scale, self.decimals)


def compatible(a: Figure, b: Figure) -> bool:
    if (a.kind == "percent") != (b.kind == "percent"):
        return False
    if a.kind == "date" or b.kind == "date":
        return a.kind == b.kind
    return not (a.currency and b.currency and a.currency != b.currency)


def _word_value(text: str) -> Optional[float]:
    parts = re.split(r"[-\s]+", text.lower())
    total = 0
    for part in parts:
        if part in _TENS:
            total += _TENS[part]
        elif part in _SMALL:
            total += _SMALL[part]
        else:
            return None
    return float(total)


def _number(text: str) -> tuple[float, int]:
    text = re.sub(r"[\u202f\u00a0\u2009]", ",", text)
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", text):
        text = text.replace(",", "")
    elif re.fullmatch(r"\d+,\d{1,2}", text):  # 13,4: a decimal comma
        text = text.replace(",", ".")
    elif "," in text:
        text = text.replace(",", "")
    decimals = len(text.split(".", 1)[1]) if "." in text else 0
    return float(text), decimals


def find(text: str, *, spelled_small: bool = True) -> list[Figure]:
    """Every figure in ``text``.  ``spelled_small=False`` drops spelled-out numbers under ten
    with no scale or percent ("two countries"): in a claim they are rarely the point."""
    out: list[Figure] = []
    for match in _FIGURE.finditer(text):
        g = match.groupdict()
        if not (g["num"] or g["word"]):
            continue
        scale_word = (g["scale"] or "").lower()
        pct = bool(g["pct"])
        currency = _CURRENCY.get((g["cur"] or g["cur2"] or "").lower())
        if g["word"]:
            value = _word_value(g["word"])
            if value is None:
                continue
            decimals, written = 0, True
            small = value < 10 and not scale_word and not pct
            if small and not spelled_small and not _UNIT_AFTER.match(text[match.end() : match.end() + 20]):
                continue
        else:
            value, decimals = _number(g["num"])
            written = False
        # A bare "m", "b" or "k" is a scale only after money ("$5m"), not in "5 m" (metres).
        if scale_word in ("m", "b", "k") and not currency:
            scale_word = ""
        scale = _SCALE.get(scale_word, 1.0)
        if g["times"]:
            kind = "multiple"
        elif g["ord"]:
            kind = "ordinal"
        elif pct:
            kind = "percent"
        elif currency:
            kind = "money"
        elif (
            not written
            and decimals == 0
            and "," not in (g["num"] or "")
            and 1800 <= value <= 2100
            and scale == 1
        ):
            kind = "year"
        else:
            kind = "number"
        before, after = text[max(0, match.start() - 12) : match.start()], text[match.end() : match.end() + 12]
        if (
            kind in ("number", "ordinal")
            and value <= 31
            and (_MONTH_NEAR.search(before) or _MONTH_NEAR.search(after))
        ):
            kind = "date"
        end = (
            match.end()
            if (g["scale"] and scale_word) or pct or g["cur2"] or g["times"]
            else match.end("ord")
            if g["ord"]
            else match.end("num" if g["num"] else "word")
        )
        unit_match = None if pct else _UNIT_AFTER.match(text[end : end + 20])
        unit = unit_match.group(0).strip(" -").lower().rstrip("s") if unit_match else None
        out.append(
            Figure(
                text=text[match.start() : end].strip(),
                value=value * scale,
                kind=kind,
                currency=currency,
                decimals=decimals,
                scale=scale,
                written=written,
                unit=unit,
                start=match.start(),
                end=end,
            )
        )
    return out
