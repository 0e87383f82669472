"""Checking URLs over the network, politely: the heart of ``links check``.

One httpx.AsyncClient for the run; a global concurrency limit, and per host a
concurrency limit and a minimum interval between request starts.  Redirects
are followed here, hop by hop, so every hop is recorded, loops are caught and
every connection passes the deny-list (see transport.py).
"""

from __future__ import annotations

import asyncio
import email.utils
import random
import re
import time
from collections import deque
from collections.abc import Callable, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Optional
from urllib.parse import urljoin, urlsplit

import httpx

from ..urls import is_valid
from .classify import PERMANENT_REDIRECTS, TRANSIENT_STATUS, classify
from .denylist import DeniedAddress, DenyList, ResolveError
from .policy import HostPolicy, Policy, host_key
from .transport import GuardedBackend, make_client
from .verdicts import Hop, Outcome, Verdict

REDIRECT_STATUS = {301, 302, 303, 307, 308}
# Files whose body is large and cannot hide a "not found" page: HEAD is enough.
_FILE_PATH = re.compile(
    r"\.(?:pdf|zip|gz|tgz|7z|rar|docx?|xlsx?|pptx?|odt|ods|csv|epub|mp[34]|mov|avi|jpe?g|png|gif|tiff?)$",
    re.I,
)
_PAGE_TYPES = ("text/html", "application/xhtml", "text/plain")
ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@dataclass
class _Answer:
    status: int
    headers: httpx.Headers
    body: str


class _Failure(Exception):
    """A request that produced no usable HTTP answer, with the verdict to give."""

    def __init__(self, verdict: Verdict, detail: str, *, failure: str = "", transient: bool = False) -> None:
        super().__init__(detail)
        self.verdict, self.detail, self.failure, self.transient = verdict, detail, failure, transient


class HostGate:
    """Per-host politeness: at most N requests at once, starts spaced by an interval.

    A redirect to the same host is the rest of a fetch already started: it
    keeps the slot of the request that was redirected and is not paced, as a
    browser follows a redirect at once.
    """

    def __init__(self, policy: HostPolicy) -> None:
        self.policy = policy
        self._free = policy.concurrency
        self._waiting: deque[asyncio.Future[None]] = deque()
        self._next_start = 0.0
        self.pause_until = 0.0  # set by Retry-After: the whole host waits

    async def acquire(self, paced: bool = True) -> None:
        if self._free > 0 and not self._waiting:
            self._free -= 1
        else:
            future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            self._waiting.append(future)
            try:
                await future  # resolved by release(), which hands its slot over
            except asyncio.CancelledError:
                if future.done() and not future.cancelled():
                    self.release()  # the slot was handed over just as we were cancelled
                elif future in self._waiting:
                    self._waiting.remove(future)
                raise
        if paced:
            await self.pace()

    async def pace(self) -> None:
        # Reserve the next start time on the host's schedule, then wait for
        # it: start times stay ``interval`` apart without a late wake-up of
        # one request pushing back all the others.
        now = time.monotonic()
        start = max(now, self._next_start, self.pause_until)
        self._next_start = start + self.policy.interval
        if start > now:
            try:
                await asyncio.sleep(start - now)
            except asyncio.CancelledError:
                self.release()
                raise

    def release(self) -> None:
        while self._waiting:
            future = self._waiting.popleft()
            if not future.done():
                future.set_result(None)
                return
        self._free += 1

    @asynccontextmanager
    async def slot(self, paced: bool = True):
        await self.acquire(paced)
        try:
            yield
        finally:
            self.release()


@dataclass
class _Progress:
    """What one URL's check has done so far."""

    attempts: int = 0
    started: Optional[float] = None  # first request sent: elapsed_ms excludes queueing
    held: Optional[HostGate] = None  # a slot kept for a same-host redirect hop

    def let_go(self) -> None:
        if self.held is not None:
            self.held.release()
            self.held = None


def retry_after(value: Optional[str]) -> Optional[float]:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _same_host_redirect(url: str, answer: _Answer) -> bool:
    location = answer.headers.get("location")
    if answer.status not in REDIRECT_STATUS or not location:
        return False
    return host_key(urljoin(url, location.strip())) == host_key(url)


def _describe(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text.splitlines()[0][:200]


class Checker:
    def __init__(self, policy: Policy, denylist: Optional[DenyList] = None) -> None:
        self.policy = policy
        self.denylist = denylist or DenyList.build(
            private=policy.deny_private, loopback=policy.deny_loopback, extra=policy.deny
        )
        self._gates: dict[str, HostGate] = {}
        self._global: Optional[asyncio.Semaphore] = None
        self._client: Optional[httpx.AsyncClient] = None
        self.backend: Optional[GuardedBackend] = None
        self.requests_sent = 0

    # -- the run -------------------------------------------------------------
    async def run(
        self, urls: Iterable[str], on_done: Optional[Callable[[Outcome], None]] = None
    ) -> dict[str, Outcome]:
        """Check every URL; the run as a whole is bounded by ``policy.run_timeout``."""
        urls = list(dict.fromkeys(urls))
        results: dict[str, Outcome] = {}
        if not urls:
            return results
        self._global = asyncio.Semaphore(self.policy.max_concurrency)
        self._client, self.backend = make_client(
            self.denylist,
            connections_for=lambda host: self.policy.for_host(host.lower()).concurrency,
            timeout=self.policy.timeout,
            connect_timeout=self.policy.connect_timeout,
        )

        async def one(url: str) -> None:
            outcome = await self.check(url)
            results[url] = outcome
            if on_done:
                on_done(outcome)

        async with self._client:
            tasks = [asyncio.ensure_future(one(u)) for u in urls]
            try:
                async with asyncio.timeout(self.policy.run_timeout):
                    await asyncio.gather(*tasks)
            except TimeoutError:
                for task in tasks:
                    task.cancel()
                await asyncio.gather(*tasks, return_exceptions=True)
        for url in urls:
            if url not in results:
                results[url] = Outcome(
                    url=url,
                    verdict=Verdict.ERROR,
                    detail=f"not checked: the run's time limit ({self.policy.run_timeout:g}s) was reached",
                    transient=True,
                )
                if on_done:
                    on_done(results[url])
        return results

    def reached_any_host(self) -> bool:
        return bool(self.backend and self.backend.connected)

    # -- one URL ---------------------------------------------------------------
    async def check(self, url: str) -> Outcome:
        started = time.monotonic()
        problem = is_valid(url)
        if problem:
            return Outcome(url=url, verdict=Verdict.INVALID, detail=problem)
        state = _Progress()
        try:
            outcome = await self._follow(url, state)
        except _Failure as fail:
            outcome = Outcome(
                url=url,
                verdict=fail.verdict,
                detail=fail.detail,
                failure=fail.failure,
                transient=fail.transient,
            )
        finally:
            state.let_go()
        outcome.attempts = state.attempts
        outcome.elapsed_ms = int((time.monotonic() - (state.started or started)) * 1000)
        outcome.checked_at = time.time()
        return outcome

    def _first_method(self, url: str) -> str:
        if self.policy.method != "auto":
            return self.policy.method.upper()
        return "HEAD" if _FILE_PATH.search(urlsplit(url).path) else "GET"

    async def _follow(self, url: str, state: _Progress) -> Outcome:
        method = self._first_method(url)
        chain: list[Hop] = []
        seen = {url}
        current = url
        for _ in range(self.policy.max_redirects + 1):
            answer = await self._request(current, method, state)
            location = answer.headers.get("location")
            if answer.status in REDIRECT_STATUS and location:
                target = urljoin(current, location.strip())
                chain.append(Hop(url=current, status=answer.status))
                if is_valid(target):
                    raise _Failure(Verdict.ERROR, f"redirects to an unusable URL {target!r}")
                if target in seen:
                    loop = " -> ".join([h.url for h in chain] + [target])
                    raise _Failure(Verdict.ERROR, f"redirect loop: {loop}")
                seen.add(target)
                current = target
                if answer.status == 303:
                    method = "GET"
                continue
            return self._judge(url, current, answer, chain)
        raise _Failure(Verdict.ERROR, f"more than {self.policy.max_redirects} redirects")

    def _judge(self, url: str, final: str, answer: _Answer, chain: list[Hop]) -> Outcome:
        # The citation should move to where the leading run of permanent hops ends.
        update_to = None
        for index, hop in enumerate(chain):
            if hop.status not in PERMANENT_REDIRECTS:
                break
            update_to = chain[index + 1].url if index + 1 < len(chain) else final
        verdict, detail = classify(
            url=url,
            status=answer.status,
            headers=answer.headers,
            body=answer.body,
            final_url=final,
            permanent=update_to is not None,
            redirected=bool(chain),
        )
        if verdict is Verdict.REDIRECTED and update_to and update_to != final:
            detail = f"moved permanently: cite {update_to}"
        return Outcome(
            url=url,
            verdict=verdict,
            http_status=answer.status,
            final_url=final,
            update_to=update_to if verdict is Verdict.REDIRECTED else None,
            detail=detail,
            redirects=chain,
            transient=answer.status == 429 or answer.status in TRANSIENT_STATUS,
        )

    # -- one request, with retries -------------------------------------------------
    def _gate(self, url: str) -> HostGate:
        host = host_key(url)
        gate = self._gates.get(host)
        if gate is None:
            gate = self._gates[host] = HostGate(self.policy.for_host(host))
        return gate

    async def _request(self, url: str, method: str, state: _Progress) -> _Answer:
        gate = self._gate(url)
        attempt = 0
        while True:
            state.attempts += 1
            try:
                answer = await self._send(url, method, gate, state)
            except _Failure as fail:
                if not fail.transient or attempt >= self.policy.max_retries:
                    raise
                await self._backoff(attempt, None, gate)
                attempt += 1
                continue
            if method == "HEAD" and answer.status >= 400 and answer.status != 429:
                # Many servers refuse or mishandle HEAD (405, 501, 403, even 404):
                # only a GET answer is believed.
                method = "GET"
                continue
            if answer.status in TRANSIENT_STATUS and attempt < self.policy.max_retries:
                wait = retry_after(answer.headers.get("retry-after"))
                if wait is not None and wait > self.policy.retry_after_cap:
                    return answer  # told to come back much later: report, don't wait
                await self._backoff(attempt, wait, gate)
                attempt += 1
                continue
            return answer

    async def _backoff(self, attempt: int, wait: Optional[float], gate: HostGate) -> None:
        """Exponential backoff with jitter; a server's Retry-After wins when longer."""
        delay = self.policy.retry_wait * (2**attempt) * random.uniform(0.5, 1.5)
        if wait is not None:
            delay = max(wait, min(delay, self.policy.retry_after_cap))
            gate.pause_until = max(gate.pause_until, time.monotonic() + wait)
        await asyncio.sleep(min(delay, self.policy.retry_after_cap))

    async def _send(self, url: str, method: str, gate: HostGate, state: _Progress) -> _Answer:
        assert self._client is not None and self._global is not None
        headers = {
            "User-Agent": gate.policy.user_agent,
            "Accept": ACCEPT,
            "Accept-Language": "en;q=0.9,*;q=0.5",
        }
        timeout = gate.policy.timeout
        if state.held is gate:
            state.held = None  # the redirected request's slot: no queue, no pacing
        else:
            state.let_go()
            await gate.acquire()
        keep = False
        try:
            async with self._global, asyncio.timeout(timeout):
                if state.started is None:
                    state.started = time.monotonic()
                self.requests_sent += 1
                request = self._client.build_request(method, url, headers=headers)
                response = await self._client.send(request, stream=True)
                try:
                    body = await self._read_body(response) if method == "GET" else ""
                finally:
                    await response.aclose()
                answer = _Answer(response.status_code, response.headers, body)
                keep = _same_host_redirect(url, answer)
                return answer
        except TimeoutError:
            raise _Failure(Verdict.ERROR, f"timed out after {timeout:g}s", transient=True) from None
        except httpx.TimeoutException as exc:
            connect = isinstance(exc, httpx.ConnectTimeout)
            raise _Failure(
                Verdict.ERROR,
                f"{'connect ' if connect else ''}timeout after {timeout:g}s",
                failure="connect" if connect else "",
                transient=True,
            ) from None
        except ResolveError as exc:
            self.requests_sent -= 1  # nothing was sent
            verdict = Verdict.DEAD if exc.missing else Verdict.ERROR
            detail = f"{exc}" + ("" if exc.missing else " (could not look the name up)")
            raise _Failure(verdict, detail, failure="dns") from None
        except DeniedAddress as exc:
            self.requests_sent -= 1
            raise _Failure(Verdict.SKIPPED, f"refused: {exc}") from None
        except httpx.ConnectError as exc:
            text = _describe(exc)
            if "ssl" in text.lower() or "certificate" in text.lower():
                raise _Failure(Verdict.ERROR, f"TLS error: {text}") from None
            raise _Failure(
                Verdict.ERROR, f"could not connect: {text}", failure="connect", transient=True
            ) from None
        except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as exc:
            raise _Failure(
                Verdict.ERROR, f"connection reset or closed: {_describe(exc)}", transient=True
            ) from None
        except httpx.HTTPError as exc:
            raise _Failure(Verdict.ERROR, f"{type(exc).__name__}: {_describe(exc)}") from None
        finally:
            if keep:
                state.held = gate
            else:
                gate.release()

    async def _read_body(self, response: httpx.Response) -> str:
        """At most ``max_body`` bytes of a page, only when the verdict needs them."""
        kind = response.headers.get("content-type", "text/html").lower()
        if not any(kind.startswith(t) for t in _PAGE_TYPES):
            return ""
        cap = self.policy.max_body
        # A page that answers 2xx is judged by its title and first heading:
        # once the heading has ended, the rest of the page is not needed.
        enough = 200 <= response.status_code < 300
        chunks: list[bytes] = []
        size = 0
        tail = b""
        async for chunk in response.aiter_bytes():
            chunks.append(chunk)
            size += len(chunk)
            if size >= cap or (enough and b"</h1" in (tail + chunk).lower()):
                break
            tail = chunk[-8:]
        raw = b"".join(chunks)[:cap]
        return raw.decode(response.charset_encoding or "utf-8", errors="replace")
