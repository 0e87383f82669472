"""Fetching cited pages whole, through the link checker.

The link checker already is the polite client this needs: per-host
concurrency and pacing, the deny-list checked before every connection,
retries with backoff, Retry-After, redirects followed hop by hop, its user
agent and its verdicts (a bot wall is ``blocked``).  ``CapturingChecker``
changes only what is kept of a GET answer (``read_body``, the one method
it overrides): the whole body (up to ``max_bytes``) with the request and
response headers, for the WARC record.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Optional

from ..links.checker import Checker
from ..links.policy import Policy
from ..links.transport import Answer
from ..links.verdicts import Outcome

_TEXT_TYPES = ("text/", "application/xhtml", "application/xml", "application/json")


@dataclass
class Exchange:
    """One HTTP request and its answer, as sent and received."""

    url: str
    method: str
    request_headers: list[tuple[str, str]]
    status: int
    reason: str
    http_version: str
    headers: list[tuple[str, str]]
    body: bytes
    truncated: bool
    at: datetime

    @property
    def content_type(self) -> str:
        for name, value in self.headers:
            if name.lower() == "content-type":
                return value.split(";", 1)[0].strip().lower()
        return ""


@dataclass
class Fetched:
    """A URL's fetch: the link checker's outcome and the final answer, if any."""

    url: str
    outcome: Outcome
    exchange: Optional[Exchange] = None  # the final answer
    redirects: list[Exchange] = field(default_factory=list)  # the hops before it, in order


class CapturingChecker(Checker):
    """A ``Checker`` that keeps each GET answer whole, for the capture."""

    def __init__(self, policy: Policy, max_bytes: int) -> None:
        super().__init__(policy.with_overrides(method="get"))
        self.max_bytes = max_bytes
        self.exchanges: dict[str, Exchange] = {}

    async def read_body(self, response: Answer, method: str, whole: bool) -> tuple[str, bool]:
        if method == "HEAD":
            return "", False
        chunks: list[bytes] = []
        size = 0
        truncated = False
        async for chunk in response.chunks:
            chunks.append(chunk)
            size += len(chunk)
            if size > self.max_bytes:
                truncated = True
                break
        body = b"".join(chunks)[: self.max_bytes]
        self.exchanges[str(response.response.url)] = _exchange(response, body, truncated)
        kind = response.headers.get("content-type", "text/html").lower()
        if not kind.startswith(_TEXT_TYPES):
            return "", not truncated
        # The verdict (soft 404, bot wall) is judged on the page's beginning, as in links check.
        charset = response.response.charset or "utf-8"
        try:
            return body[: self.policy.max_body].decode(charset, errors="replace"), not truncated
        except LookupError:  # an unknown charset name
            return body[: self.policy.max_body].decode("utf-8", errors="replace"), not truncated


def _exchange(response: Answer, body: bytes, truncated: bool) -> Exchange:
    """The request as sent and the answer as received, from aiohttp's response."""
    raw = response.response
    request = raw.request_info
    version = f"HTTP/{raw.version.major}.{raw.version.minor}" if raw.version else "HTTP/1.1"
    return Exchange(
        url=str(request.real_url),
        method=request.method,
        request_headers=list(request.headers.items()),
        status=raw.status,
        reason=raw.reason or "",
        http_version=version,
        # aiohttp hands the body decoded: the headers that described the wire
        # encoding no longer apply to what is stored.
        headers=[
            (k.decode("latin-1"), v.decode("latin-1"))
            for k, v in raw.raw_headers
            if k.lower() not in (b"content-encoding", b"transfer-encoding", b"content-length")
        ],
        body=body,
        truncated=truncated,
        at=datetime.now(UTC),
    )


async def _fetch_all(
    urls: list[str], policy: Policy, max_bytes: int, on_done: Optional[Callable[[Outcome], None]]
) -> list[Fetched]:
    checker = CapturingChecker(policy, max_bytes)
    outcomes = await checker.run(urls, on_done=on_done)
    fetched = []
    for url in urls:
        outcome = outcomes[url]
        final = outcome.final_url or url
        hops = [checker.exchanges[h.url] for h in outcome.redirects if h.url in checker.exchanges]
        fetched.append(
            Fetched(url=url, outcome=outcome, exchange=checker.exchanges.get(final), redirects=hops)
        )
    return fetched


def fetch(
    urls: list[str], policy: Policy, max_bytes: int, on_done: Optional[Callable[[Outcome], None]] = None
) -> list[Fetched]:
    """Fetch every URL (in order, duplicates once) with the link checker's politeness."""
    urls = list(dict.fromkeys(urls))
    if not urls:
        return []
    return asyncio.run(_fetch_all(urls, policy, max_bytes, on_done))
