"""URL helpers shared by ingest, audit and the link checker."""

from __future__ import annotations

import datetime
import re
from typing import Optional
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that only track the visitor; they never change the page.
TRACKING_PARAMS = re.compile(r"^(utm_\w+|fbclid|gclid|yclid|mc_cid|mc_eid|ref_src|igshid|_ga)$", re.I)

_BARE_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'“”«»]+", re.I)
_TRAILING = ".,;:!?)]}’'\""


def find_bare_urls(text: str) -> list[str]:
    """URLs written out in plain text (not Markdown links), trailing punctuation removed."""
    found = []
    for match in _BARE_URL.finditer(text):
        url = match.group(0)
        while url and url[-1] in _TRAILING:
            # keep a closing bracket that has its opening one inside the URL
            if url[-1] == ")" and url.count("(") >= url.count(")"):
                break
            url = url[:-1]
        if url.lower().startswith("www."):
            url = "http://" + url
        found.append(url)
    return found


def host(url: str) -> str:
    """The host name, lower case, without ``www.``."""
    try:
        name = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
    return name[4:] if name.startswith("www.") else name


def is_valid(url: str) -> Optional[str]:
    """None if ``url`` is a well-formed http(s) URL, else the reason it is not."""
    if not url or any(c.isspace() for c in url):
        return "contains white space" if url else "empty"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (raises on a bad port)
    except ValueError as exc:
        return str(exc)
    if parts.scheme.lower() not in ("http", "https"):
        return f"scheme {parts.scheme or '(none)'!r} is not http or https"
    name = parts.hostname or ""
    if not name:
        return "no host name"
    if "." not in name and name != "localhost":
        return f"host {name!r} has no domain"
    if any(not label or len(label) > 63 for label in name.split(".")):
        return f"host {name!r} is not a valid name"
    return None


def normalize(url: str) -> str:
    """A canonical form for comparing URLs that name the same page.

    Scheme, ``www.``, default ports, trailing slash, fragment, tracking
    parameters and a ``.htm``/``.html`` difference are folded away.
    """
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    name = (parts.hostname or "").lower()
    if name.startswith("www."):
        name = name[4:]
    port = parts.port if parts.port not in (None, 80, 443) else None
    netloc = f"{name}:{port}" if port else name
    path = re.sub(r"/+$", "", parts.path) or ""
    path = re.sub(r"\.html?$", ".html", path, flags=re.I)
    query = urlencode(
        sorted(
            (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING_PARAMS.match(k)
        )
    )
    return urlunsplit(("", netloc, path, query, "")).lstrip("/")


_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1
    )
}


def date_from_path(url: str) -> Optional[str]:
    """A publication date written in the URL's path (/2020/10/07/, /20201028/, 2020-10-01)."""
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    patterns = [
        r"/((?:19|20)\d\d)/(\d{1,2})/(\d{1,2})(?:/|$)",
        r"/((?:19|20)\d\d)/(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/(\d{1,2})(?:/|$)",
        r"(?:^|/)((?:19|20)\d\d)-(\d\d)-(\d\d)(?:[/-]|$)",
        r"/((?:19|20)\d\d)-(\d\d)/(\d\d)/",
        r"/((?:19|20)\d\d)(\d\d)(\d\d)(?:[/-]|$)",
    ]
    for pattern in patterns:
        match = re.search(pattern, path, re.I)
        if not match:
            continue
        year, month, day = match.groups()
        month_num = _MONTHS[month.lower()] if month.isalpha() else int(month)
        try:
            return datetime.date(int(year), month_num, int(day)).isoformat()
        except ValueError:  # /2020/02/31/ is an id, not a date
            continue
    return None
