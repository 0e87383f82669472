"""Comparing titles, slugs and claims by their words, across scripts' transliterations.

Titles are compared loosely on purpose: the URL and title rules must only
fire when two texts share (almost) nothing, so anything that could be the
same word (russia/russian, turkey/turkish, nagorno/nagornyy) counts as shared.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote, urlsplit

STOPWORDS = frozenset(
    re.split(
        r"\s+",
        "a an the of in on at to for from by with and or but as is are was were be been its it this that "
        "these those their his her our your not no than then so over into about after before between up "
        "down out via per vs how why what who when where which will would can could may might has have had "
        "do does did he she they we you i us",
    )
)
# Path segments that name a section of a site, not an article.
_PATH_WORDS = frozenset(
    re.split(
        r"\s+",
        "news article articles world en ru tr fr de amp content detail details node highlights doc docs "
        "html htm php aspx index page pages story stories politics post posts item items id a",
    )
)
_PREFIX = 4  # letters compared: russia~russian, turkey~turkish, azerbaijan~azerbaijani


def fold(text: str) -> str:
    """Lower case ASCII: accents stripped, Turkish dotless i folded, apostrophes dropped."""
    text = text.replace("ı", "i").replace("İ", "I")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"['’‘`]", "", text)  # türkiye'nin -> turkiyenin, as slugs write it
    return text.casefold()


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", fold(text))


def stems(text: str) -> set[str]:
    """Content words of ``text``, cut to their first letters."""
    return {w[:_PREFIX] for w in words(text) if len(w) >= 3 and w not in STOPWORDS and not w.isdigit()}


def overlap(a: set[str], b: set[str]) -> float:
    """Share of the smaller set found in the other (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def slug_words(url: str) -> list[str]:
    """The words of the URL path segment that reads like a headline, or [] if none does.

    A headline slug has at least three words joined by hyphens or underscores
    (``/2020/09/28/syrian-rebel-fighters-prepare...``); ids and section names
    (``/news/84074208/``, ``/doc/4519763``) are not slugs.
    """
    try:
        path = unquote(urlsplit(url).path)
    except ValueError:
        return []
    best: list[str] = []
    for segment in path.split("/"):
        segment = re.sub(r"\.(?:s?html?|php|aspx?|pdf)$", "", segment, flags=re.I)
        parts = [w for w in re.split(r"[-_,.+]+", fold(segment)) if w]
        alpha = [w for w in parts if w.isalpha()]
        if len(alpha) == 1 and alpha[0] in _PATH_WORDS:
            continue
        if len(alpha) >= 3 and len(alpha) > len(best):
            best = alpha
    return best


def normalized_title(title: str) -> str:
    """A title reduced to its content words, for "same title" comparisons."""
    return " ".join(w for w in words(title) if w not in STOPWORDS)
