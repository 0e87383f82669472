"""Registry text to plain text: markup in titles (JATS, HTML, LaTeX braces) removed."""

from __future__ import annotations

import html
import re
from typing import Any, Optional

_TAG = re.compile(r"<[^>]{1,200}>")


def plain(value: Any) -> str:
    """A title or name as plain text: tags dropped, entities decoded, spaces collapsed."""
    if value is None:
        return ""
    text = html.unescape(_TAG.sub("", str(value)))
    return " ".join(text.split())


def first(values: Any) -> Optional[str]:
    """The first non-empty string of a list (Crossref puts titles in lists), or the string itself."""
    if isinstance(values, str):
        return plain(values) or None
    for value in values or []:
        text = plain(value)
        if text:
            return text
    return None


def year_of(value: Any) -> Optional[int]:
    """A four-digit year from an int, "2019", "2019-04-03" or "April 3, 2019"."""
    if isinstance(value, int):
        return value if 1000 <= value <= 2999 else None
    match = re.search(r"\b(1[5-9]\d\d|2[01]\d\d)\b", str(value or ""))
    return int(match.group(1)) if match else None
