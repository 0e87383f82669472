"""Registry answers kept in ``.claimtrack/registry-cache.json``, each for its own lifetime.

Derived data (gitignored): deleting it only costs requests.  A found work is
asked again after ``recheck-days`` (30 by default), because a retraction can
appear after a work was verified; "no such record" after ``absent-days`` (a
DOI may be registered late); a retraction is kept a year.  Failures (an
unreachable registry) are never cached.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any, Optional

from .. import atomic
from ..derived import derived_dir

CACHE_FILE = "registry-cache.json"
VERSION = 1
_DAY = 86400.0
RETRACTED_DAYS = 365.0


class RegistryCache:
    def __init__(self, root: Path, *, recheck_days: float, absent_days: float, enabled: bool = True) -> None:
        self.root = Path(root)
        self.recheck = recheck_days * _DAY
        self.absent = absent_days * _DAY
        self.enabled = enabled
        self.entries: dict[str, dict[str, Any]] = {}
        self.hits = 0
        self._dirty = False
        if enabled:
            self._load()

    @property
    def path(self) -> Path:
        return self.root / ".claimtrack" / CACHE_FILE

    def _load(self) -> None:
        try:
            data = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            return  # absent or damaged: it is only a cache
        if (
            isinstance(data, dict)
            and data.get("version") == VERSION
            and isinstance(data.get("entries"), dict)
        ):
            self.entries = data["entries"]

    def _lifetime(self, value: Any) -> float:
        if value is None or value == []:
            return self.absent
        works = value if isinstance(value, list) else [value]
        if any(isinstance(w, dict) and w.get("retraction") for w in works):
            return RETRACTED_DAYS * _DAY
        return self.recheck

    def get(self, key: str, now: Optional[float] = None) -> tuple[bool, Any]:
        """(True, value) for a fresh entry, else (False, None)."""
        if not self.enabled:
            return False, None
        entry = self.entries.get(key)
        if not isinstance(entry, dict) or "at" not in entry:
            return False, None
        age = (now or time.time()) - float(entry["at"])
        if age < 0 or age > self._lifetime(entry.get("value")):
            return False, None
        self.hits += 1
        return True, entry.get("value")

    def put(self, key: str, value: Any, now: Optional[float] = None) -> None:
        self.entries[key] = {"at": now or time.time(), "value": value}
        self._dirty = True

    def save(self) -> None:
        if not self.enabled or not self._dirty:
            return
        derived_dir(self.root)
        now = time.time()
        keep = {k: v for k, v in self.entries.items() if now - float(v.get("at", 0)) <= RETRACTED_DAYS * _DAY}
        text = json.dumps({"version": VERSION, "entries": keep}, ensure_ascii=False, sort_keys=True)
        atomic.write_text(self.path, text + "\n")
