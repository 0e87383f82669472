"""Archived copies of dead pages: the Wayback Machine availability API.

``lookup`` asks for the snapshot closest to the citation's access date (the
API takes a timestamp); ``record`` writes ``archiveurl`` into the reference's
entry in its .bib file by editing just that entry's text, so every other
field, entry, comment and the file's formatting stay exactly as they were.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Optional
from urllib.parse import urlencode

from pydantic import BaseModel, ValidationError

from .. import atomic, refstore
from ..errors import InputError
from ..textfile import read_text
from .checker import HostGate
from .denylist import DeniedAddress, DenyList, ResolveError
from .policy import Policy, host_key
from .transport import HTTP_ERRORS, Client

_FIELD = "archiveurl"  # refstore's biblatex name for Reference.archive_url


class Snapshot(BaseModel):
    url: str
    timestamp: str
    status: Optional[str] = None
    available: bool = False


class _Snapshots(BaseModel):
    closest: Optional[Snapshot] = None


class _Availability(BaseModel):
    archived_snapshots: _Snapshots = _Snapshots()


def wayback_timestamp(date: Optional[str]) -> Optional[str]:
    """``2020-10-07`` -> ``20201007`` (the API takes a partial timestamp too)."""
    if not date or not re.match(r"^\d{4}(-\d{2}(-\d{2})?)?$", date):
        return None
    return date.replace("-", "")


class LookupResult(BaseModel):
    url: str
    snapshot: Optional[Snapshot] = None
    error: Optional[str] = None


async def _lookup_all(requests: list[tuple[str, Optional[str]]], policy: Policy) -> list[LookupResult]:
    denylist = DenyList.build(private=policy.deny_private, loopback=policy.deny_loopback, extra=policy.deny)
    client = Client(denylist, connect_timeout=policy.connect_timeout, paced=False)
    gate = HostGate(policy.for_host(host_key(policy.archive_api)))
    agent = {"User-Agent": policy.user_agent}

    async def one(url: str, timestamp: Optional[str]) -> LookupResult:
        params = {"url": url}
        if timestamp:
            params["timestamp"] = timestamp
        address = policy.archive_api + ("&" if "?" in policy.archive_api else "?") + urlencode(params)
        try:
            async with (
                gate.slot(),
                asyncio.timeout(policy.timeout),
                client.open("GET", address, agent, host_key(address)) as response,
            ):
                status = response.status
                body = b"".join([chunk async for chunk in response.chunks])
            if status != 200:
                return LookupResult(url=url, error=f"archive API answered HTTP {status}")
            data = _Availability.model_validate(json.loads(body))
        except (*HTTP_ERRORS, TimeoutError, DeniedAddress, ResolveError) as exc:
            return LookupResult(url=url, error=f"archive API unreachable: {exc or type(exc).__name__}")
        except (ValueError, ValidationError):
            return LookupResult(url=url, error="archive API answered something that is not its JSON")
        closest = data.archived_snapshots.closest
        if closest and closest.available and closest.url:
            return LookupResult(url=url, snapshot=closest)
        return LookupResult(url=url)

    try:
        return list(await asyncio.gather(*(one(u, t) for u, t in requests)))
    finally:
        await client.aclose()


def lookup(requests: Iterable[tuple[str, Optional[str]]], policy: Policy) -> dict[str, LookupResult]:
    """(url, access date) pairs -> the closest snapshot of each, if any."""
    pairs = [(u, wayback_timestamp(d)) for u, d in requests]
    if not pairs:
        return {}
    return {r.url: r for r in asyncio.run(_lookup_all(pairs, policy))}


# -- writing -----------------------------------------------------------------


def _entry_end(lines: list[str], start: int) -> int:
    """Index of the line holding the entry's closing brace."""
    depth = 0
    opened = False
    for index in range(start, len(lines)):
        for char in lines[index]:
            if char == "{":
                depth += 1
                opened = True
            elif char == "}":
                depth -= 1
                if opened and depth == 0:
                    return index
    raise ValueError("entry has no closing brace")


def _set_field(text: str, entry_line: int, value: str, name: str = _FIELD) -> str:
    lines = text.split("\n")
    start = entry_line - 1
    end = _entry_end(lines, start)
    field_re = re.compile(rf"^(\s*){name}\s*=", re.I)
    indent = "  "
    for index in range(start + 1, end + 1):
        match = field_re.match(lines[index])
        if match:
            if lines[index].count("{") != lines[index].count("}") or index == end:
                raise ValueError(f"the existing {name} field spans lines")
            comma = "," if lines[index].rstrip().endswith(",") else ""
            lines[index] = f"{match.group(1)}{name} = {{{value}}}{comma}"
            return "\n".join(lines)
        lead = re.match(r"^(\s+)\w+\s*=", lines[index])
        if lead:
            indent = lead.group(1)
    if end == start:
        raise ValueError("one-line entries are not edited")
    field = f"{indent}{name} = {{{value}}},"
    closing = lines[end]
    cut = closing.rfind("}")
    before, after = closing[:cut].rstrip(), closing[cut:]
    if before.strip():
        # "  note = {x}}": the last field shares the closing brace's line
        lines[end : end + 1] = [before if before.endswith(",") else before + ",", field, after]
    else:
        last = end - 1
        while last > start and not lines[last].strip():
            last -= 1
        if last > start and not lines[last].rstrip().endswith(","):
            lines[last] = lines[last].rstrip() + ","
        lines[end:end] = [field]
    return "\n".join(lines)


def set_field(text: str, entry_line: int, name: str, value: str) -> str:
    """``text`` with field ``name`` of the entry starting at ``entry_line`` set to ``value``.

    Only that field's line changes (or one line is added); raises ValueError
    when the entry cannot be edited safely.  Shared with ``refs check --write``.
    """
    return _set_field(text, entry_line, value, name)


def record(path: Path, key: str, archive_url: str) -> bool:
    """Set ``archiveurl`` of entry ``key`` in ``path``; True if the file changed.

    The edited text is parsed back and compared with the original entry by
    entry: if anything but this one field would change, nothing is written.
    """
    text = read_text(path, allow_empty=True)
    before = refstore.parse(text, path)
    target = next((r for r in before if r.key == key), None)
    if target is None:
        raise InputError(f"no entry {key!r}", path)
    if target.archive_url == archive_url:
        return False
    try:
        edited = _set_field(text, target.line or 1, archive_url)
    except ValueError as exc:
        raise InputError(f"entry {key}: cannot add {_FIELD} safely: {exc}", path, target.line) from None
    after = refstore.parse(edited, path)
    expected = [r.model_copy(update={"archive_url": archive_url}) if r.key == key else r for r in before]
    if [r.model_dump() for r in after] != [r.model_dump() for r in expected]:
        raise InputError(
            f"entry {key}: adding {_FIELD} would change other data; not written", path, target.line
        )
    return atomic.write_text(path, edited)


def _dead_with_snapshots(report: Any, targets: Any, policy: Policy) -> list[tuple[Any, LookupResult]]:
    dead = [r for r in report.results if r.verdict.value == "dead"]
    found = lookup([(r.url, targets.by_url[r.url].urldate) for r in dead], policy)
    return [(r, found[r.url]) for r in dead]


def attach_archives(report: Any, targets: Any, policy: Policy) -> None:
    """Give each dead result of ``report`` the snapshot closest to its citation's access date."""
    from .run import ArchiveOut

    for result, found in _dead_with_snapshots(report, targets, policy):
        if found.snapshot:
            result.archive = ArchiveOut(url=found.snapshot.url, timestamp=found.snapshot.timestamp)


def archive_dead(
    project: Any, report: Any, targets: Any, policy: Policy, *, write: bool
) -> list[dict[str, Any]]:
    """A snapshot for each dead URL of ``report``, closest to its citation's access date.

    With ``write``, each snapshot is recorded as archiveurl in the references
    citing the URL; an archive URL someone already chose is never overwritten.
    """
    rows = []
    for result, found in _dead_with_snapshots(report, targets, policy):
        snapshot = found.snapshot
        row: dict[str, Any] = {
            "url": result.url,
            "references": result.references,
            "archive_url": snapshot.url if snapshot else None,
            "timestamp": snapshot.timestamp if snapshot else None,
            "error": found.error,
            "written": [],
        }
        if write and snapshot:
            for key in result.references:
                ref = project.references.get(key)
                if ref is None or ref.archive_url or not ref.file:
                    continue
                if record(project.root / ref.file, key, snapshot.url):
                    row["written"].append(key)
        rows.append(row)
    return rows
