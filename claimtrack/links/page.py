"""What a fetched HTML page says about itself: title, heading, canonical URL,
meta refresh and visible text.

Regular expressions over the first part of the page, not a full HTML parser:
the checker reads at most ``max_body`` bytes of a page, and these few facts
sit in its head or near its top.  Each reader here is used by a verdict rule
(classify.py) or by the fragment check (fragments.py).
"""

from __future__ import annotations

import html
import re
from typing import Optional
from urllib.parse import urljoin

_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.I | re.S)
_TAG = re.compile(r"<[^>]+>")
_META = re.compile(r"<meta\b[^>]*>", re.I)
_LINK = re.compile(r"<link\b[^>]*>", re.I)
_ATTR = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_INVISIBLE = re.compile(r"<(script|style|noscript|template|svg)\b.*?</\1\s*>|<!--.*?-->", re.I | re.S)
_HEAD_END = re.compile(r"<body\b|</head\s*>", re.I)
_NOSCRIPT = re.compile(r"<noscript\b.*?</noscript\s*>", re.I | re.S)
_REFRESH_URL = re.compile(r"""^\s*(\d+(?:\.\d*)?)?\s*[;,]?\s*(?:url\s*=\s*)?['"]?\s*([^'"]*)""", re.I)


def text_of(fragment: str) -> str:
    """Visible text of an HTML fragment, entities decoded, whitespace collapsed."""
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


def title(body: str) -> str:
    match = _TITLE.search(body)
    return text_of(match.group(1))[:300] if match else ""


def heading(body: str) -> str:
    match = _H1.search(body)
    return text_of(match.group(1))[:300] if match else ""


def _attrs(tag: str) -> dict[str, str]:
    return {
        m.group(1).lower(): html.unescape(m.group(2) or m.group(3) or m.group(4) or "")
        for m in _ATTR.finditer(tag)
    }


def _head(body: str) -> str:
    match = _HEAD_END.search(body)
    return body[: match.start()] if match else body[:16384]


def canonical_urls(body: str, base: str) -> list[str]:
    """The page's own idea of its address: ``<link rel=canonical>`` and ``og:url``."""
    head = _head(body)
    found = []
    for tag in _LINK.findall(head):
        attrs = _attrs(tag)
        if "canonical" in attrs.get("rel", "").lower().split() and attrs.get("href"):
            found.append(urljoin(base, attrs["href"].strip()))
    for tag in _META.findall(head):
        attrs = _attrs(tag)
        if attrs.get("property", attrs.get("name", "")).lower() == "og:url" and attrs.get("content"):
            found.append(urljoin(base, attrs["content"].strip()))
    return found


def meta_refresh(body: str, base: str) -> Optional[str]:
    """The URL a ``<meta http-equiv="refresh" content="0; url=...">`` sends the reader to.

    Not one inside ``<noscript>``: that one is for browsers without JavaScript
    (often a "please enable JavaScript" page), not where readers go.
    """
    for tag in _META.findall(_NOSCRIPT.sub(" ", _head(body))):
        attrs = _attrs(tag)
        if attrs.get("http-equiv", "").lower() != "refresh":
            continue
        match = _REFRESH_URL.match(attrs.get("content", ""))
        target = match.group(2).strip() if match else ""
        if target:
            return urljoin(base, target)
    return None


def visible_text(body: str) -> str:
    """The words a reader sees: scripts, styles and comments dropped."""
    start = _HEAD_END.search(body)
    return text_of(_INVISIBLE.sub(" ", body[start.start() if start else 0 :]))
