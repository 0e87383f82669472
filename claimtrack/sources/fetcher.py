"""Fetching cited pages whole, through the link checker.

The link checker already is the polite client this needs: per-host
concurrency and pacing, the deny-list checked before every connection,
retries with backoff, Retry-After, redirects followed hop by hop, its user
agent and its verdicts (a bot wall is ``blocked``).  ``CapturingChecker``
changes only what is kept of a GET answer: the whole body (up to
``max_bytes``) with the request and response headers, for the WARC record.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Optional

import httpx

from ..links.checker import Checker
from ..links.policy import Policy
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

    async def _read_body(self, response: httpx.Response) -> str:
        chunks: list[bytes] = []
        size = 0
        truncated = False
        async for chunk in response.aiter_bytes():
            chunks.append(chunk)
            size += len(chunk)
            if size > self.max_bytes:
                truncated = True
                break
        body = b"".join(chunks)[: self.max_bytes]
        request = response.request
        self.exchanges[str(response.url)] = Exchange(
            url=str(request.url),
            method=request.method,
            request_headers=[(k.decode("latin-1"), v.decode("latin-1")) for k, v in request.headers.raw],
            status=response.status_code,
            reason=response.reason_phrase or "",
            http_version=response.http_version or "HTTP/1.1",
            # httpx hands the body decoded: the headers that described the
            # wire encoding no longer apply to what is stored.
            headers=[
                (k.decode("latin-1"), v.decode("latin-1"))
                for k, v in response.headers.raw
                if k.lower() not in (b"content-encoding", b"transfer-encoding", b"content-length")
            ],
            body=body,
            truncated=truncated,
            at=datetime.now(UTC),
        )
        kind = response.headers.get("content-type", "text/html").lower()
        if not kind.startswith(_TEXT_TYPES):
            return ""
        # The verdict (soft 404, bot wall) is judged on the page's beginning, as in links check.
        return body[: self.policy.max_body].decode(response.charset_encoding or "utf-8", errors="replace")


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
