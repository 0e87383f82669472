"""Turning an HTTP answer into a verdict: soft 404s, bot walls, moved pages.

Kept apart from the network code so each rule can be read (and tested) alone.
Bot walls are recognised before anything else: a challenge page must never be
taken for a dead one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Optional
from urllib.parse import unquote, urlsplit

from . import page
from .verdicts import Verdict

DEAD_STATUS = {404, 410}
# Access refused rather than page missing: 402 is a paywall, 999 LinkedIn's "no robots".
BLOCKED_STATUS = {401, 402, 403, 407, 429, 451, 999}
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
# Words that hint a page says it is not there.  English, Russian and Turkish
# (the languages of the bundled reports), German, French, Spanish.  A hint is
# not a verdict: news headlines say "not found" too (see soft_404).
_NOT_FOUND = re.compile(
    r"^\W*404\b|\b404\W+(?:error|not found|page|seite|страница)|(?:error|page|fehler|ошибка|hata)\W+404\b"
    r"|not found|page (?:cannot|can't|could not) be found|no longer (?:available|exists)"
    r"|page (?:does not|doesn't) exist|has been (?:removed|deleted)|content (?:is )?unavailable"
    r"|страница не найдена|не найден|sayfa bulunamad|bulunamadı|seite nicht gefunden"
    r"|page introuvable|página no encontrada",
    re.I,
)
# The words of a generic error-page title.  A title segment made only of these
# ("Page not found", "Oops! That page can't be found", "Страница не найдена",
# "Hata 404 - Sayfa bulunamadı") is an error page; a headline always has
# other words ("Missing hiker not found after three-day search").
_ERROR_WORDS = frozenset(
    """oops sorry error http the a an this that these page pages file document article story post content
    resource url link address item you we your requested request are were is was looking for could couldn't
    can't cannot can not be been found find does doesn't do exist exists no longer available has have removed
    deleted unavailable nothing here there 404 410 страница страницы не найдена найден найдено ошибка
    запрашиваемая запрашиваемой существует sayfa sayfası bulunamadı bulunamadi hata aradığınız seite nicht
    gefunden fehler leider introuvable erreur désolé la página no encontrada lo sentimos""".split()
)
_SEGMENTS = re.compile(r"\s+[|–—·»:]+\s+|\s+-+\s+|\s*::\s*")
_WORDS = re.compile(r"[\w']+")
# A short page's text that says the page is missing (not that something in
# the news was not found): it names the page, or pairs 404 with an error word.
_BODY_NOT_FOUND = re.compile(
    r"\b(?:page|url|address|document|article|страниц\w*|sayfa\w*|seite)\b[^.!?]{0,60}?"
    r"(?:not (?:be )?found|cannot be found|can't be found|couldn't be found|does not exist|doesn't exist"
    r"|no longer exists|не найден\w*|не существует|bulunamad\w*|mevcut değil|nicht gefunden|existiert nicht"
    r"|introuvable|no encontrad\w*)"
    r"|(?:couldn't|could not|can't|cannot) find (?:the|that|this|what) (?:page|article|url)"
    r"|\b404\W{0,3}(?:not found|error|ошибка|hata|fehler)|(?:error|ошибка|hata|fehler)\W{0,3}404\b",
    re.I,
)
SHORT_PAGE_WORDS = 150  # visible words of a page short enough for its text to be its message
_CHALLENGE_TITLE = re.compile(
    r"just a moment|attention required|captcha|are you a (?:human|robot)|security check|bot verification"
    r"|checking your browser|access denied|verify you are human",
    re.I,
)
_ERROR_PATH = re.compile(r"/(?:404|error|errors|not-?found|page-?not-?found)(?:[/.?]|$)", re.I)
_LOGIN_PATH = re.compile(
    r"/(?:log-?in|sign-?in|sign_in|signon|logon|auth|authenticate|authorize|sso|session/new|sessions/new"
    r"|wp-login\.php|users/sign_in|idp|saml2?|oauth2?/authorize)(?:[/.?;]|$)",
    re.I,
)
_LOGIN_HOST = re.compile(r"^(?:login|signin|sso|auth|accounts?|idp)\.", re.I)


def is_bot_wall(status: int, headers: Mapping[str, str], body: str) -> bool:
    if any(h in headers for h in _BOT_HEADERS):
        return True
    if status in (403, 429, 503):
        return bool(_BOT_BODY.search(body[:20000]))
    if status in (200, 202):
        # A challenge served as 200 names itself in the title; reading every
        # page's body for markers would cost more than the rest of the check.
        found = page.title(body[:4096])
        return bool(found and _CHALLENGE_TITLE.search(found))
    return False


def generic_error_text(text: str) -> bool:
    """A title or heading that is nothing but an error message ("Page not found | Site")."""
    for segment in _SEGMENTS.split(text.replace("’", "'")):
        if not _NOT_FOUND.search(segment):
            continue
        words = _WORDS.findall(segment.casefold())
        if words and all(w in _ERROR_WORDS for w in words):
            return True
    return False


def not_found_hint(body: str, texts: Optional[tuple[str, str]] = None) -> Optional[str]:
    """The title or heading text that mentions "not found" (a hint, not yet evidence).

    ``texts``: the page's (title, heading) when already read.
    """
    for text in texts or (page.title(body), page.heading(body)):
        if text and _NOT_FOUND.search(text.replace("’", "'")):
            return text
    return None


def _path(url: str) -> str:
    try:
        return unquote(urlsplit(url).path).rstrip("/").casefold()
    except ValueError:
        return ""


def soft_404(body: str, url: str = "", final_url: str = "", *, complete: bool = False) -> Optional[str]:
    """Why a 200 page is really a "not found" page, or None: strong evidence only.

    - its title or first heading is a generic error message, short, with no
      other words (a headline that contains "not found" is not);
    - it mentions "not found" and names another address as its own
      (``<link rel=canonical>``, ``og:url``), as error pages served at any
      path do;
    - it is short (read to the end, few words) and its text says the page is
      missing.
    The checker adds a fourth: the same page served at a made-up sibling path.
    """
    texts = (page.title(body), page.heading(body))
    for where, text in zip(("title", "heading"), texts, strict=True):
        if text and generic_error_text(text):
            return f"the page answers 200 but its {where} says {text!r}"
    hint = not_found_hint(body, texts)
    if hint and (url or final_url):
        own = {_path(u) for u in (url, final_url) if u}
        for canonical in page.canonical_urls(body, final_url or url):
            if _path(canonical) not in own:
                return f"the page says {hint!r} and gives its address as {canonical}"
    if complete:
        text = page.visible_text(body)
        if len(text.split()) <= SHORT_PAGE_WORDS:
            match = _BODY_NOT_FOUND.search(text)
            if match:
                return f"the page answers 200 but says {match.group(0)!r}"
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


def redirected_to_login(original: str, final: str) -> bool:
    """A link sent to a sign-in page: the page may well exist, behind an account."""
    try:
        before, after = urlsplit(original), urlsplit(final)
    except ValueError:
        return False

    def login(parts) -> bool:
        return bool(_LOGIN_PATH.search(parts.path) or _LOGIN_HOST.match(parts.hostname or ""))

    return login(after) and not login(before)


def classify(
    *,
    url: str,
    status: int,
    headers: Mapping[str, str],
    body: str,
    final_url: str,
    permanent: bool,
    redirected: bool,
    complete: bool = False,
) -> tuple[Verdict, str]:
    """The verdict and a short reason for a final (non-redirect) answer.

    ``complete``: the whole body was read (a short page can be judged by its text).
    """
    if is_bot_wall(status, headers, body):
        return Verdict.BLOCKED, f"HTTP {status}: a bot wall answered instead of the page"
    if status in DEAD_STATUS:
        return Verdict.DEAD, f"HTTP {status}" + (f" at {final_url}" if redirected else "")
    if status == 429:
        return Verdict.BLOCKED, "HTTP 429: rate limited"
    if status == 402:
        return Verdict.BLOCKED, "HTTP 402: payment required (a paywall; the page may well exist)"
    if status in BLOCKED_STATUS:
        return Verdict.BLOCKED, f"HTTP {status}: access refused (the page may well exist)"
    if status >= 500:
        return Verdict.ERROR, f"HTTP {status}: server error"
    if status >= 400:
        return Verdict.ERROR, f"HTTP {status}"
    if 200 <= status < 300:
        if redirected and redirected_to_login(url, final_url):
            return Verdict.BLOCKED, f"redirects to a login page {final_url} (the page may exist behind it)"
        why = soft_404(body, url, final_url, complete=complete)
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
