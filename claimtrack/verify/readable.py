"""Is a captured text one we can judge a claim by?  Too little text, or a paywall, says no.

A paywalled article shows its first paragraphs and a call to subscribe; its
silence about a claim proves nothing, so the pair is ``unchecked`` unless what
is readable already supports the claim.
"""

from __future__ import annotations

import re
from typing import Optional

MIN_WORDS = 40  # less than this is not a page (a script-built page, an empty file, a stub)
PAYWALL_MAX_WORDS = 300  # a longer article text is not cut short by a paywall
_PAYWALL = re.compile(
    r"subscribe (?:now )?to (?:continue|read|keep reading|unlock)|to continue reading"
    r"|already (?:a subscriber|have an account)\?|this (?:article|content|story) is (?:only )?(?:available )?"
    r"(?:for|to) (?:subscribers|members)|subscribers only|sign in to (?:read|continue)"
    r"|become a (?:subscriber|member) to read|you have reached (?:your|the) (?:limit|maximum) of free articles",
    re.I,
)


def too_little(main: str) -> Optional[str]:
    words = len(main.split())
    if words < MIN_WORDS:
        return f"no readable text ({words} words): a paywall, a script-built page or an empty file?"
    return None


def paywall(main: str, full: str) -> Optional[str]:
    """The paywall's words when the article text is short and the page asks to subscribe."""
    if len(main.split()) > PAYWALL_MAX_WORDS:
        return None
    found = _PAYWALL.search(full) or _PAYWALL.search(main)
    return found.group(0) if found else None
