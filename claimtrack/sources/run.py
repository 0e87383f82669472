"""``claimtrack sources fetch``: capture each cited source as a WARC file.

The network part runs without the project lock (it can take minutes); the
captures and the index are then written under the lock, the index re-read
inside it, so a concurrent writer's entries are kept.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Optional

from ..links.policy import Policy, host_key
from ..lock import project_lock
from . import store, texts, warc
from .fetcher import Fetched, fetch
from .settings import SourceSettings


@dataclass
class Row:
    """What happened to one reference in this run."""

    key: str
    url: str
    action: str  # captured, failed, skipped (already captured)
    verdict: str = ""
    status: Optional[int] = None
    detail: str = ""
    file: Optional[str] = None
    changed: Optional[bool] = None  # text differs from the previous capture

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def sources_of(project: Any, report: Optional[str], keys: Optional[list[str]]) -> dict[str, str]:
    """citekey -> URL of the references to capture: cited by ``report``'s claims, or ``keys``."""
    from ..errors import InputError

    wanted: Optional[set[str]] = None
    if report:
        report_id = project.resolve_report(report)
        wanted = {k for c in project.claims(report_id) for k in c.references}
        wanted |= {k for _, f in project.footnotes(report_id) for k in f.references}
    if keys:
        unknown = [k for k in keys if k not in project.references]
        if unknown:
            raise InputError(f"unknown citekey(s): {', '.join(unknown)}")
        wanted = set(keys) if wanted is None else wanted & set(keys)
    return {
        key: ref.url
        for key, ref in project.references.items()
        if ref.url and (wanted is None or key in wanted)
    }


def capture_name(url: str, at: datetime) -> str:
    """``host/20201007T101500Z-1a2b3c4d5e.warc.gz``: by host, then date, then URL."""
    host = host_key(url).replace(":", "_") or "unknown-host"
    digest = hashlib.sha1(url.encode("utf-8")).hexdigest()[:10]
    return f"{host}/{at.strftime('%Y%m%dT%H%M%S')}Z-{digest}.warc.gz"


def _write_capture(captures: Path, item: Fetched) -> Optional[str]:
    exchange = item.exchange
    if exchange is None:
        return None
    name = capture_name(item.url, exchange.at)
    for suffix in range(100):
        candidate = name if suffix == 0 else name.replace(".warc.gz", f"-{suffix}.warc.gz")
        try:
            warc.write(captures / candidate, exchange, item.redirects)
            return candidate
        except FileExistsError:
            continue  # two fetches in one second: never overwrite, take the next name
    raise FileExistsError(captures / name)


def _record(root: Path, captures: Path, item: Fetched) -> store.Capture:
    outcome = item.outcome
    file = _write_capture(captures, item)
    capture = store.Capture(
        url=item.url,
        final_url=outcome.final_url if outcome.final_url and outcome.final_url != item.url else None,
        fetched_at=(item.exchange.at if item.exchange else datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        status=outcome.http_status,
        verdict=str(outcome.verdict),
        detail=outcome.detail,
        content_type=item.exchange.content_type if item.exchange else None,
        file=file,
        bytes=len(item.exchange.body) if item.exchange else 0,
        truncated=bool(item.exchange and item.exchange.truncated),
    )
    if file and capture.readable:
        text = texts.load(root, captures, file)
        if text is not None:
            capture.text_sha256 = texts.digest(text.main)
            capture.text_chars = len(text.main)
    return capture


def due(index: store.CaptureIndex, key: str, url: str, refresh: bool) -> bool:
    """Is ``key`` to be fetched? Yes if never captured readably (or the URL changed), or ``refresh``."""
    last = index.latest(key, readable=True)
    return refresh or last is None or last.url != url


def fetch_sources(
    project: Any,
    policy: Policy,
    settings: SourceSettings,
    *,
    report: Optional[str] = None,
    keys: Optional[list[str]] = None,
    refresh: bool = False,
    on_total: Optional[Callable[[int], None]] = None,
    on_done: Optional[Callable[[Any], None]] = None,
) -> list[Row]:
    """Capture the sources of ``project`` (or of a report, or some keys); one row per reference."""
    if not project.references:
        from ..errors import InputError

        raise InputError(
            "no references to capture: no references/*.bib; run `claimtrack ingest` first", project.root
        )
    root = Path(project.root)
    captures = root / settings.captures
    wanted = sources_of(project, report, keys)
    index = store.load(captures)
    todo = {k: u for k, u in wanted.items() if due(index, k, u, refresh)}
    rows = [
        Row(key=k, url=u, action="skipped", detail="already captured")
        for k, u in wanted.items()
        if k not in todo
    ]
    urls = list(dict.fromkeys(todo.values()))
    if on_total:
        on_total(len(urls))
    fetched = {
        f.url: f
        for f in fetch(
            urls, policy.with_overrides(timeout=settings.timeout), settings.max_bytes, on_done=on_done
        )
    }
    if offline(list(fetched.values())):
        from ..errors import InputError

        # Recorded, these failures would read as dead pages: record nothing.
        raise InputError("no host could be reached: is this machine offline? (nothing was captured)")
    with project_lock(root):
        index = store.load(captures)  # again, inside the lock
        made: dict[str, store.Capture] = {}  # one file per URL, shared by the references citing it
        for key, url in todo.items():
            capture = made.get(url)
            if capture is None:
                capture = made[url] = _record(root, captures, fetched[url])
            previous = index.latest(key, readable=True)
            index.add(key, capture)
            changed = None
            if previous and previous.text_sha256 and capture.text_sha256:
                changed = previous.text_sha256 != capture.text_sha256
            rows.append(
                Row(
                    key=key,
                    url=url,
                    action="captured" if capture.readable else "failed",
                    verdict=capture.verdict,
                    status=capture.status,
                    detail=capture.detail,
                    file=capture.file,
                    changed=changed,
                )
            )
        store.save(captures, index)
    order = list(wanted)
    rows.sort(key=lambda r: order.index(r.key))
    return rows


def offline(fetched: list[Fetched]) -> bool:
    """No host reached, over several hosts: the machine is offline, not the web dead."""
    hosts = {host_key(f.url) for f in fetched}
    return len(hosts) >= 2 and all(
        f.exchange is None and f.outcome.failure in ("dns", "connect") for f in fetched
    )
