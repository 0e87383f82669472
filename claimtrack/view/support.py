"""The last ``claimtrack verify`` results, as the view needs them.

``verify`` writes ``.claimtrack/verify.json`` following its JSON contract
(``{"results": [{"claim", "reference", "url", "verdict", "reason", "passage",
"quotes", "figures"}]}``).  The file is derived and may be absent (verify never
ran) or unreadable (a run interrupted): the view then says "not checked" rather
than fail.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

RESULTS_FILE = "verify.json"


def load(root: Path) -> dict[tuple[str, str], dict[str, Any]]:
    """(claim id, citekey) -> that source's verify result for that claim."""
    path = Path(root) / ".claimtrack" / RESULTS_FILE
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    results = data.get("results") if isinstance(data, dict) else None
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for item in results if isinstance(results, list) else []:
        if isinstance(item, dict) and all(
            isinstance(item.get(k), str) for k in ("claim", "reference", "verdict")
        ):
            found[(item["claim"], item["reference"])] = item
    return found
