"""The last ``refs check`` verdicts for the lookups, read without pydantic (they must start fast).

Returns, per citekey, ``{"verdict", "reason", "registry", "identifier",
"checked_at"}`` from ``.claimtrack/refcheck.json``; {} when there is none.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

_FIELDS = ("verdict", "reason", "registry", "identifier", "checked_at")


def load(root: Path) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads((Path(root) / ".claimtrack" / "refcheck.json").read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    found: dict[str, dict[str, Any]] = {}
    for item in data.get("results") or [] if isinstance(data, dict) else []:
        if (
            isinstance(item, dict)
            and isinstance(item.get("reference"), str)
            and isinstance(item.get("verdict"), str)
        ):
            found[item["reference"]] = {k: item.get(k) for k in _FIELDS}
    return found
