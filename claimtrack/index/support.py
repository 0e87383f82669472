"""The last ``claimtrack verify`` verdicts, for lookups (``claims show``, ``search --verdict``, ``xref``).

Reads ``.claimtrack/verify.json`` as plain JSON: lookups answer in about
150 ms and do not import the verify package (or pydantic) to do it.  The file
format and its typed reader are ``claimtrack.verify.results``.  Absent or
unreadable, it reads as no verdicts.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

RESULTS_FILE = "verify.json"
VERDICTS = ("supported", "partly", "altered", "not-found", "unchecked")


class Support:
    """(claim id, citekey) -> the verify result, as a dict."""

    def __init__(self, results: list[dict[str, Any]], present: bool) -> None:
        self.present = present
        self._pairs = {(r["claim"], r["reference"]): r for r in results}

    def get(self, claim: str, key: str) -> dict[str, Any] | None:
        return self._pairs.get((claim, key))

    def claims_with(self, verdict: str) -> list[str]:
        return list(dict.fromkeys(c for (c, _), r in self._pairs.items() if r.get("verdict") == verdict))


def load(root: Path) -> Support:
    path = Path(root) / ".claimtrack" / RESULTS_FILE
    try:
        data = json.loads(path.read_text("utf-8"))
        results = [
            r
            for r in data["results"]
            if isinstance(r, dict) and isinstance(r.get("claim"), str) and isinstance(r.get("reference"), str)
        ]
    except (OSError, ValueError, KeyError, TypeError):
        return Support([], present=False)
    return Support(results, present=True)
