"""Citekeys: generated once from a source's fields, stored, never regenerated.

A key reads like ``naumkin2020fire``: who (first author's family name, else
the corporate author, else the site or paper, else the URL's host), the year,
and the first significant word of the title; ASCII, lower case.  Claims point
at keys, so a key is only ever made for a new reference; a clash with a key
already taken gets a letter suffix (``a``, ``b``, ... ``z``, ``aa``, ...).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Optional

from ..urls import host

# Letters NFKD does not decompose to ASCII, and Cyrillic (many of our sources
# are Russian), transliterated roughly as the Library of Congress would.
_TRANSLIT = {
    "ı": "i", "ł": "l", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "đ": "d", "ð": "d",
    "þ": "th", "ħ": "h", "ŀ": "l", "ŋ": "ng", "ə": "e",
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
    "і": "i", "ї": "i", "є": "ie", "ґ": "g",
}  # fmt: skip

# Words that never make a key's title part (English articles, prepositions,
# conjunctions, and a few words that only frame a title).
_STOPWORD_TEXT = """a an the of in on at to for from by with without into onto over under about after
    before between among through during against and or but nor as is are was were be been
    its it this that these those his her their our your how why what when where who which
    vs via per"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
# Words of a site or organisation name that say nothing about it.
_NAME_STOPWORDS = _STOPWORDS | {"www"}


def ascii_fold(text: str) -> str:
    """``text`` in lower-case ASCII: accents dropped, a few letters transliterated."""
    text = text.lower()
    text = "".join(_TRANSLIT.get(char, char) for char in text)
    text = unicodedata.normalize("NFKD", text)
    return text.encode("ascii", "ignore").decode("ascii")


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", ascii_fold(text))


def _first_word(text: Optional[str], stop: frozenset[str]) -> str:
    words = _words(text or "")
    for word in words:
        if word not in stop and not word.isdigit():
            return word
    return words[0] if words else ""


def _family(author: str) -> str:
    """The family name of "Family, Given" (or of "Given Family" as a fallback)."""
    author = author.strip().strip("{}")
    family = author.split(",", 1)[0] if "," in author else (author.split() or [""])[-1]
    return "".join(_words(family))


def _who(
    authors: list[str], organization: Optional[str], container: Optional[str], url: Optional[str]
) -> str:
    for author in authors[:1]:
        family = _family(author)
        if family:
            return family
    for name in (organization, container):
        word = _first_word(name, _NAME_STOPWORDS)
        if word:
            return word
    if url:
        labels = [label for label in host(url).split(".") if label]
        # "bbc.co.uk" -> "bbc", "kommersant.ru" -> "kommersant"
        generic = {"com", "org", "net", "gov", "edu", "co", "ac", "info"}
        while len(labels) > 1 and (labels[-1] in generic or len(labels[-1]) == 2):
            labels.pop()
        if labels:
            return "".join(_words(labels[-1]))
    return ""


def _suffix(n: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa: bijective base 26."""
    letters = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        letters = chr(ord("a") + rem) + letters
    return letters


def make_key(
    *,
    authors: list[str],
    organization: str | None,
    container: str | None,
    url: str | None,
    date: str | None,
    title: str | None,
    taken: set[str],
) -> str:
    """A new citekey for a source, unique among ``taken`` (compared case-insensitively).

    The caller adds the result to ``taken`` and stores it; keys are never remade.
    """
    who = _who(authors, organization, container, url)
    year = date[:4] if date and re.match(r"^\d{4}", date) else ""
    what = _first_word(title, _STOPWORDS)
    base = f"{who}{year}{what}" or "ref"
    if base[0].isdigit():
        base = "ref" + base  # a key starting with a digit confuses some BibTeX styles
    lowered = {key.lower() for key in taken}
    key, n = base, 0
    while key in lowered:
        n += 1
        key = base + _suffix(n)
    return key


# What biber's and pandoc's parsers both accept in a citekey, and pandoc's Markdown citations too:
# a letter, digit or underscore, then also ``: . - + /``.  (``'``, ``&``, ``?``, ``!`` and
# the like are read by one of them and not the other.)
_VALID_KEY = re.compile(r"^\w[\w:.\-+/]*$")


def key_problem(key: str) -> Optional[str]:
    """Why biber or pandoc cannot read ``key`` as a citekey; None if both can."""
    if not key:
        return "an entry with no citekey"
    if not _VALID_KEY.match(key):
        bad = sorted({c for c in key if not re.match(r"[\w:.\-+/]", c)}) or [key[0]]
        shown = " ".join(repr(c) for c in bad)
        return f"citekey {key!r} has characters biber or pandoc cannot parse ({shown})"
    return None


def case_clashes(keys: list[str]) -> list[list[str]]:
    """Keys that differ only in case: one key to biber on a case-insensitive file system."""
    groups: dict[str, list[str]] = {}
    for key in keys:
        groups.setdefault(key.casefold(), [])
        if key not in groups[key.casefold()]:
            groups[key.casefold()].append(key)
    return [group for group in groups.values() if len(group) > 1]
