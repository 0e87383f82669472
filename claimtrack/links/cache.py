"""The on-disk cache of verdicts: ``<root>/.claimtrack/links-cache.json``.

Derived data (gitignored): deleting it only costs a slower run.  Each verdict
has its own lifetime; transient failures (errors, rate limits, offline runs)
are never cached, so a bad moment of a server is not remembered.  The file
also keeps, per URL, how many consecutive runs found it failing, for
``--fail-after``.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any, Optional

from pydantic import ValidationError

from .. import atomic
from ..derived import derived_dir
from .verdicts import Outcome, Verdict

CACHE_FILE = Path(".claimtrack") / "links-cache.json"
VERSION = 1


class Cache:
    def __init__(self, path: Path, max_age: dict[str, float]) -> None:
        self.path = path
        self.max_age = max_age
        self.entries: dict[str, dict] = {}
        self.streaks: dict[str, int] = {}
        self.changed = False  # nothing new: a warm run does not rewrite the file

    @classmethod
    def load(cls, root: Path, max_age: dict[str, float]) -> Cache:
        cache = cls(root / CACHE_FILE, max_age)
        try:
            data = json.loads(cache.path.read_text("utf-8"))
        except (OSError, ValueError):
            return cache  # missing or damaged: it is only a cache
        if isinstance(data, dict) and data.get("version") == VERSION:
            cache.entries = dict(data.get("entries") or {})
            cache.streaks = {k: int(v) for k, v in (data.get("streaks") or {}).items()}
        return cache

    def get(self, url: str, now: Optional[float] = None) -> Optional[Outcome]:
        """A cached outcome still within its verdict's lifetime, or None."""
        raw = self.entries.get(url)
        if not raw:
            return None
        try:
            outcome = Outcome.model_validate(raw)
        except ValidationError:
            return None
        age = (now or time.time()) - (outcome.checked_at or 0)
        if age < 0 or age > self.max_age.get(outcome.verdict.value, 0):
            return None
        outcome.cached = True
        return outcome

    @staticmethod
    def cacheable(outcome: Outcome) -> bool:
        return (
            not outcome.transient
            and outcome.verdict not in (Verdict.ERROR, Verdict.SKIPPED)
            and outcome.checked_at is not None
        )

    def put(self, outcome: Outcome) -> None:
        if outcome.cached:
            return
        self.changed = True
        if self.cacheable(outcome):
            data = outcome.model_dump(mode="json", exclude={"cached"})
            self.entries[outcome.url] = data
        else:
            self.entries.pop(outcome.url, None)

    def record_run(self, url: str, failed: bool) -> int:
        """Count one more run for ``url``; return its consecutive failures."""
        streak = self.streaks.get(url, 0) + 1 if failed else 0
        if streak:
            self.streaks[url] = streak
            self.changed = True
        elif self.streaks.pop(url, None) is not None:
            self.changed = True
        return streak

    def save(self) -> None:
        if not self.changed and self.path.exists():
            return
        derived_dir(self.path.parent.parent)
        data = {"version": VERSION, "entries": self.entries, "streaks": self.streaks}
        atomic.write_text(self.path, json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n")


def write_last_verdicts(root: Path, results: list[Any]) -> None:
    """Record each URL's verdict from this run for the lookups (``claims show``, ``--verdict``).

    ``.claimtrack/link-verdicts.json`` maps url -> {verdict, http_status, checked_at,
    archive_url}; entries of URLs this run did not check (other shards) are kept.
    """
    from ..index.verdicts import VERDICTS_FILE

    path = derived_dir(root) / VERDICTS_FILE
    try:
        data = json.loads(path.read_text("utf-8"))
        if not isinstance(data, dict):
            data = {}
    except (OSError, ValueError):
        data = {}  # absent or broken: it is derived data, start again
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    changed = not path.exists()
    for result in results:
        entry = {
            "verdict": result.verdict.value,
            "http_status": result.http_status,
            "checked_at": now,
            "archive_url": result.archive.url if result.archive else None,
        }
        old = data.get(result.url)
        if result.cached and isinstance(old, dict) and {**old, "checked_at": now} == entry:
            continue  # a cached verdict, as recorded: it keeps the time it was checked
        data[result.url] = entry
        changed = True
    if changed:  # a warm run with nothing new leaves the file alone
        atomic.write_text(
            path, json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n"
        )  # C encoder: no indent
