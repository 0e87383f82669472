"""Records older than their reports: a report changed or deleted since it was ingested.

Each record stores the SHA-256 of its report's text at ingest.  Every command
that reads records compares it with the report on disk and says which reports
changed, so nobody audits or cites from records of a text that is gone.  The
digests of the reports are cached in ``.claimtrack/report-hashes.json`` by
size and mtime (as git's index does), so a lookup hashes nothing unless a
report changed; a file modified in the last two seconds is always hashed.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

CACHE_NAME = "report-hashes.json"
_RACY_NS = 2_000_000_000


@dataclass(frozen=True)
class StaleReport:
    report: str  # report id
    source: str  # the report's path, relative to the root
    state: str  # "changed" or "missing"


def report_digest(text: str) -> str:
    """The digest ingest stores: of the text as read (BOM and CRLF normalised)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def stale_reports(root: Path, recorded: Iterable[tuple[str, str, str]]) -> list[StaleReport]:
    """The reports whose text differs from their records'.  ``recorded``: (id, source, sha256)."""
    from .errors import InputError
    from .textfile import read_text

    root = Path(root)
    base = str(root)
    cache_path = root / ".claimtrack" / CACHE_NAME
    cache = _load(cache_path)
    dirty = False
    now = time.time_ns()
    stale: list[StaleReport] = []
    for rid, source, sha in recorded:
        path = os.path.join(base, source)  # plain strings: pathlib costs more than the stat here
        try:
            st = os.stat(path)
        except OSError:
            stale.append(StaleReport(rid, source, "missing"))
            continue
        entry = cache.get(source)
        if entry and entry[0] == st.st_size and entry[1] == st.st_mtime_ns:
            digest = entry[2]
        else:
            digest = _digest_matching(path, sha, read_text, InputError)
            if now - st.st_mtime_ns > _RACY_NS:
                cache[source] = [st.st_size, st.st_mtime_ns, digest]
                dirty = True
        if digest != sha:
            stale.append(StaleReport(rid, source, "changed"))
    if dirty:
        _save(root, cache_path, cache)
    return stale


def _digest_matching(path: str, sha: str, read_text, error) -> str:
    """The report's digest as ingest took it: of its text (Markdown, plain text), or of its bytes
    (DOCX, PDF and other binary formats)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError:
        return ""
    by_bytes = hashlib.sha256(data).hexdigest()
    if by_bytes == sha:
        return by_bytes
    try:
        return report_digest(read_text(Path(path)))
    except error:
        return by_bytes  # not text: its bytes are what ingest hashed


def _load(path: Path) -> dict[str, list]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _save(root: Path, path: Path, cache: dict[str, list]) -> None:
    from .atomic import write_text
    from .derived import derived_dir

    try:
        derived_dir(root)
        write_text(path, json.dumps(cache, sort_keys=True))
    except OSError:
        pass  # a cache: a read-only checkout just hashes again next time


def of_project(project) -> list[StaleReport]:
    """The stale reports of a loaded :class:`~claimtrack.project.Project`."""
    return stale_reports(
        project.root, ((rid, cf.report.source, cf.report.sha256) for rid, cf in project.claim_files.items())
    )


def of_index(conn, root: Path) -> list[StaleReport]:
    """The stale reports of a project's lookup index (no record file is parsed)."""
    rows = conn.execute("SELECT id, source, json_extract(data, '$.sha256') FROM reports ORDER BY id")
    return stale_reports(root, ((rid, source or "", sha or "") for rid, source, sha in rows))


def warning_lines(stale: list[StaleReport], limit: int = 5) -> list[str]:
    """One line per stale report (at most ``limit``), for standard error."""
    lines = []
    for item in stale[:limit]:
        if item.state == "missing":
            lines.append(
                f"claimtrack: warning: {item.source} was deleted; its records remain "
                "(claimtrack ingest --prune retires them)"
            )
        else:
            lines.append(
                f"claimtrack: warning: {item.source} changed since it was ingested; its records are "
                "out of date (run claimtrack ingest)"
            )
    if len(stale) > limit:
        lines.append(
            f"claimtrack: warning: and {len(stale) - limit} more reports out of step with their records"
        )
    return lines
