"""The last link check's verdicts, read from the link checker's cache.

The link checker writes ``<root>/.claimtrack/link-verdicts.json``: an object
mapping each URL to ``{"verdict", "http_status", "checked_at", "archive_url"}``.
That file is the whole agreement between the two sides.  It may be absent
(no check run yet) or unreadable (a check interrupted): lookups then show no
verdicts rather than fail, because the verdicts are a cache, not user data.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, NamedTuple, Optional

VERDICTS_FILE = "link-verdicts.json"


class Verdict(NamedTuple):
    verdict: str
    http_status: Optional[int] = None
    checked_at: Optional[str] = None
    archive_url: Optional[str] = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "http_status": self.http_status,
            "checked_at": self.checked_at,
            "archive_url": self.archive_url,
        }


class Verdicts:
    """URL -> Verdict, matching URLs exactly or by their normalised form."""

    def __init__(self, by_url: dict[str, Verdict], present: bool) -> None:
        self.present = present  # False: no link check has written verdicts yet
        self._exact = by_url
        self._normal: dict[str, Verdict] = {}
        if by_url:  # urls (and urllib.parse) only when there is something to match
            from ..urls import normalize

            self._normal = {normalize(url): v for url, v in by_url.items()}

    def get(self, url: Optional[str]) -> Optional[Verdict]:
        if not url:
            return None
        found = self._exact.get(url)
        if found is None:
            from ..urls import normalize

            found = self._normal.get(normalize(url))
        return found

    def kinds(self) -> list[str]:
        return sorted({v.verdict for v in self._exact.values()})

    def normalized_urls_with(self, verdict: str) -> list[str]:
        return [url for url, v in self._normal.items() if v.verdict.lower() == verdict.lower()]


def _verdict(entry: Any) -> Optional[Verdict]:
    if not isinstance(entry, dict) or not isinstance(entry.get("verdict"), str):
        return None
    status = entry.get("http_status")
    return Verdict(
        verdict=entry["verdict"],
        http_status=status if isinstance(status, int) else None,
        checked_at=entry.get("checked_at") if isinstance(entry.get("checked_at"), str) else None,
        archive_url=entry.get("archive_url") if isinstance(entry.get("archive_url"), str) else None,
    )


def load(root: Path) -> Verdicts:
    path = Path(root) / ".claimtrack" / VERDICTS_FILE
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):  # absent, unreadable or half-written: no verdicts
        return Verdicts({}, present=path.exists())
    if not isinstance(data, dict):
        return Verdicts({}, present=True)
    by_url = {url: v for url, entry in data.items() if isinstance(url, str) and (v := _verdict(entry))}
    return Verdicts(by_url, present=True)
