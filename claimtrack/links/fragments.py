"""``--include-fragments``: does the page still hold the ``#fragment`` a citation points at?

Two kinds (as browsers resolve them): an element id or an ``<a name>``, and
a text fragment ``#:~:text=[prefix-,]start[,end][,-suffix]`` that must still
occur in the page's visible text.  ``#`` alone and ``#top`` always resolve.
"""

from __future__ import annotations

import html
import re
from typing import Optional
from urllib.parse import unquote

from .page import visible_text

_ID = re.compile(r"""<[a-z][^>]*?\sid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)
_NAME = re.compile(r"""<a\s[^>]*?\bname\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)
DIRECTIVE = ":~:"


def anchors(body: str) -> set[str]:
    """Every element id and ``<a name>`` of the page."""
    found = set()
    for pattern in (_ID, _NAME):
        for m in pattern.finditer(body):
            found.add(html.unescape(m.group(1) or m.group(2) or m.group(3) or ""))
    return found


def split(fragment: str) -> tuple[str, list[str]]:
    """(element id, text directives) of a fragment such as ``sec-2:~:text=a&text=b``."""
    element, _, directive = fragment.partition(DIRECTIVE)
    texts = [part[5:] for part in directive.split("&") if part.startswith("text=")]
    return element, texts


def _text_found(directive: str, text: str) -> bool:
    terms = [unquote(t).strip() for t in directive.split(",")]
    terms = [t for t in terms if t and not t.endswith("-") and not t.startswith("-")]  # drop prefix/suffix
    if not terms:
        return True
    at = text.find(" ".join(terms[0].casefold().split()))
    if at < 0:
        return False
    return len(terms) < 2 or text.find(" ".join(terms[-1].casefold().split()), at) >= 0


def missing(fragment: str, body: str) -> Optional[str]:
    """Why ``fragment`` does not resolve on this page, or None when it does."""
    element, texts = split(fragment)
    element = unquote(element)
    if element and element.lower() != "top" and element not in anchors(body):
        return f"the page has no element #{element}"
    if texts:
        words = visible_text(body).casefold()
        for directive in texts:
            if not _text_found(directive, words):
                return f"the page no longer contains the quoted text {unquote(directive)!r}"
    return None
