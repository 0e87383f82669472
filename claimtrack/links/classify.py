"""Turning an HTTP answer into a verdict: soft 404s, bot walls, moved pages.

Kept apart from the network code so each rule can be read (and tested) alone.
Bot walls are recognised before anything else: a challenge page must never be
taken for a dead one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Optional
from urllib.parse import urlsplit

from .verdicts import Verdict

DEAD_STATUS = {404, 410}
# Access refused rather than page missing; 999 is LinkedIn's "no robots".
BLOCKED_STATUS = {401, 403, 407, 429, 451, 999}
TRANSIENT_STATUS = {408, 425, 429, 500, 502, 503, 504, 520, 521, 522, 523, 524}
PERMANENT_REDIRECTS = {301, 308}

# Challenge pages of the common bot-protection services, and generic wording.
_BOT_HEADERS = ("cf-mitigated", "x-datadome", "x-amzn-waf-action", "x-sucuri-block")
_BOT_BODY = re.compile(
    r"just a moment\.\.\.|attention required! \| cloudflare|cf-browser-verification|challenge-platform"
    r"|_incapsula_resource|px-captcha|captcha-delivery\.com|datadome|g-recaptcha|h-captcha|hcaptcha"
    r"|are you a (?:human|robot)|verify (?:that )?you are (?:a )?human|unusual traffic from your"
    r"|access denied.{0,200}reference #|request unsuccessful\. incapsula"
    r"|enable javascript and cookies to continue|checking your browser before accessing",
    re.I | re.S,
)
# A page that answers 200 but says it is not there (a "soft 404").  English,
# Russian and Turkish (the languages of the bundled reports), German, French, Spanish.
_NOT_FOUND = re.compile(
    r"^\W*404\b|\b404\W+(?:error|not found|page|seite|страница)|(?:error|page|fehler|ошибка|hata)\W+404\b"
    r"|not found|page (?:cannot|can't|could not) be found|no longer (?:available|exists)"
    r"|page (?:does not|doesn't) exist|has been (?:removed|deleted)|content (?:is )?unavailable"
    r"|страница не найдена|не найден|sayfa bulunamad|bulunamadı|seite nicht gefunden"
    r"|page introuvable|página no encontrada",
    re.I,
)
_CHALLENGE_TITLE = re.compile(
    r"just a moment|attention required|captcha|are you a (?:human|robot)|security check|bot verification"
    r"|checking your browser|access denied|verify you are human",
    re.I,
)
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.I | re.S)
_TAG = re.compile(r"<[^>]+>")
_ERROR_PATH = re.compile(r"/(?:404|error|errors|not-?found|page-?not-?found)(?:[/.?]|$)", re.I)


def _text(fragment: str) -> str:
    return " ".join(_TAG.sub(" ", fragment).split())


def is_bot_wall(status: int, headers: Mapping[str, str], body: str) -> bool:
    if any(h in headers for h in _BOT_HEADERS):
        return True
    if status in (403, 429, 503):
        return bool(_BOT_BODY.search(body[:20000]))
    if status in (200, 202):
        # A challenge served as 200 names itself in the title; reading every
        # page's body for markers would cost more than the rest of the check.
        title = _TITLE.search(body[:4096])
        return bool(title and _CHALLENGE_TITLE.search(title.group(1)))
    return False


def soft_404(body: str) -> Optional[str]:
    """Why a 200 page is really a "not found" page, or None.

    Only the title and the first heading are read: an article *about* a 404
    error mentions it in its text, not usually in its title.
    """
    for pattern, where in ((_TITLE, "title"), (_H1, "heading")):
        match = pattern.search(body)
        if match:
            text = _text(match.group(1))[:200]
            if text and _NOT_FOUND.search(text):
                return f"the page answers 200 but its {where} says {text!r}"
    return None


def _is_home(path: str) -> bool:
    return path.strip("/") in ("", "index.html", "index.php", "home", "en", "ru", "tr")


def redirected_home(original: str, final: str) -> bool:
    """A deep link sent to the site's home page: the page is most likely gone."""
    try:
        before, after = urlsplit(original), urlsplit(final)
    except ValueError:
        return False
    deep = not _is_home(before.path) or bool(before.query)
    return deep and _is_home(after.path) and not after.query


def redirected_to_error(final: str) -> bool:
    try:
        return bool(_ERROR_PATH.search(urlsplit(final).path))
    except ValueError:
        return False


def classify(
    *,
    url: str,
    status: int,
    headers: Mapping[str, str],
    body: str,
    final_url: str,
    permanent: bool,
    redirected: bool,
) -> tuple[Verdict, str]:
    """The verdict and a short reason for a final (non-redirect) answer."""
    if is_bot_wall(status, headers, body):
        return Verdict.BLOCKED, f"HTTP {status}: a bot wall answered instead of the page"
    if status in DEAD_STATUS:
        return Verdict.DEAD, f"HTTP {status}" + (f" at {final_url}" if redirected else "")
    if status == 429:
        return Verdict.BLOCKED, "HTTP 429: rate limited"
    if status in BLOCKED_STATUS:
        return Verdict.BLOCKED, f"HTTP {status}: access refused (the page may well exist)"
    if status >= 500:
        return Verdict.ERROR, f"HTTP {status}: server error"
    if status >= 400:
        return Verdict.ERROR, f"HTTP {status}"
    if 200 <= status < 300:
        why = soft_404(body)
        if why:
            return Verdict.DEAD, why
        if redirected and redirected_home(url, final_url):
            return Verdict.DEAD, f"the deep link now redirects to the home page {final_url}"
        if redirected and redirected_to_error(final_url):
            return Verdict.DEAD, f"redirects to an error page {final_url}"
        if redirected and permanent:
            return Verdict.REDIRECTED, f"moved permanently: cite {final_url}"
        return Verdict.ALIVE, f"HTTP {status}" + (" after redirects" if redirected else "")
    return Verdict.ERROR, f"HTTP {status}: unexpected answer"
