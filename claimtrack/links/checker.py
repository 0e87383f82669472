"""Checking URLs over the network, politely: the heart of ``links check``.

One HTTP client for the run (transport.py); a global concurrency
limit, and per host a concurrency limit and a minimum interval between
requests.  Redirects (HTTP and ``<meta http-equiv=refresh>``) are followed
here, hop by hop, so every hop is recorded, loops are caught and every
connection passes the deny-list.
"""

from __future__ import annotations

import asyncio
import random
import re
import secrets
import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Optional
from urllib.parse import urljoin, urlsplit, urlunsplit

import aiohttp

from ..retryafter import retry_after
from ..urls import is_valid
from . import fragments, page
from .classify import PERMANENT_REDIRECTS, TRANSIENT_STATUS, classify, not_found_hint
from .denylist import DeniedAddress, DenyList, ResolveError
from .policy import HostPolicy, Policy, host_key
from .transport import HTTP_ERRORS, Answer, Client
from .verdicts import Hop, Outcome, Verdict

REDIRECT_STATUS = {301, 302, 303, 307, 308}
# Files whose body is large and cannot hide a "not found" page: HEAD is enough.
_FILE_PATH = re.compile(
    r"\.(?:pdf|zip|gz|tgz|7z|rar|docx?|xlsx?|pptx?|odt|ods|csv|epub|mp[34]|mov|avi|jpe?g|png|gif|tiff?)$",
    re.I,
)
_PAGE_TYPES = ("text/html", "application/xhtml", "text/plain")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
# Bodies read past the first heading: enough for a short error page's text.
AFTER_HEADING = 4096
# A page checked for a #fragment is read further than a page judged by its
# title: anchors sit anywhere in it.
FRAGMENT_MAX_BODY = 8 * 1024 * 1024
# Answers whose body can change the verdict (a bot wall's challenge page).
_BODY_STATUS = {403, 429, 503}
# When no more than this is left of a page, it is read to the end so that its
# connection can serve the host's next request: a new connection (and TLS
# handshake) costs more than a few dozen kilobytes.
DRAIN_LIMIT = 128 * 1024


@dataclass
class _Answer:
    status: int
    headers: Mapping[str, str]
    body: str
    complete: bool  # the whole body was read (or there was none to read)


class _Failure(Exception):
    """A request that produced no usable HTTP answer, with the verdict to give."""

    def __init__(
        self, verdict: Verdict, detail: str, *, failure: str = "", transient: bool = False, sent: int = 1
    ) -> None:
        super().__init__(detail)
        self.verdict, self.detail, self.failure, self.transient = verdict, detail, failure, transient
        self.sent = sent  # requests the server saw for this one attempt


class HostGate:
    """Per-host politeness: at most N requests at once, starts spaced by an interval.

    Two layers keep the interval.  A request reserves its start on the host's
    schedule before it is sent, so requests queue outside their timeout.  And
    on the wire: the bytes of a request are written only ``interval`` after
    the previous request to the host was written (aiohttp's tracing hooks call
    :meth:`wire_start` once the connection is ready and :meth:`wire_end` once
    the request is written), so a slow first connection or a late wake-up can
    never bring two requests closer together than the interval, as the server
    sees them.

    A redirect to the same host is the rest of a fetch already started: it
    keeps the slot of the request that was redirected and skips the queue.
    """

    def __init__(self, policy: HostPolicy) -> None:
        self.policy = policy
        self.headers = {
            "User-Agent": policy.user_agent,
            "Accept": ACCEPT,
            "Accept-Language": "en;q=0.9,*;q=0.5",
        }
        self._free = policy.concurrency
        self._waiting: deque[asyncio.Future[None]] = deque()
        self._next_start = 0.0
        self.pause_until = 0.0  # set by Retry-After: the whole host waits
        self._wire = asyncio.Lock() if policy.interval > 0 else None
        # A hair over the interval, so that a server whose clock runs faster
        # than ours (an NTP slew is at most 0.05%) still sees the full interval.
        self._wire_gap = policy.interval * 1.001 + 0.0005
        self._wire_owner: object = None
        self._last_sent = float("-inf")
        self.probe: Optional[asyncio.Future[Optional[tuple[str, str]]]] = (
            None  # see Checker._same_page_anywhere
        )

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

    @property
    def paced(self) -> bool:
        return self._wire is not None

    async def wire_start(self, owner: object) -> None:
        """A connection is ready for ``owner``'s request: wait until it may be written."""
        if self._wire is None:
            return
        await self._wire.acquire()
        self._wire_owner = owner
        try:
            # A loop: a timer may fire a little early (uvloop's run on a
            # millisecond clock cached at the start of each loop iteration).
            while (wait := self._last_sent + self._wire_gap - time.monotonic()) > 0:
                await asyncio.sleep(wait)
        except BaseException:
            self.wire_end(owner)
            raise

    def wire_end(self, owner: object) -> None:
        """``owner``'s request was written (or failed): the next one waits from now."""
        if self._wire is not None and self._wire_owner is owner and owner is not None:
            self._wire_owner = None
            self._last_sent = time.monotonic()
            self._wire.release()


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


def _same_host_redirect(url: str, answer: Answer) -> bool:
    location = answer.headers.get("location")
    if answer.status not in REDIRECT_STATUS or not location:
        return False
    return host_key(urljoin(url, location.strip())) == host_key(url)


def _describe(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text.splitlines()[0][:200]


def _without_fragment(url: str) -> str:
    return url.split("#", 1)[0]


def sibling(url: str) -> str:
    """A made-up address next to ``url`` on the same site (``/news/x`` -> ``/news/ct-<random>``)."""
    parts = urlsplit(url)
    parent = parts.path.rstrip("/").rsplit("/", 1)[0]
    return urlunsplit((parts.scheme, parts.netloc, f"{parent}/ct-{secrets.token_hex(8)}", "", ""))


class Checker:
    def __init__(self, policy: Policy, denylist: Optional[DenyList] = None) -> None:
        self.policy = policy
        self.denylist = denylist or DenyList.build(
            private=policy.deny_private, loopback=policy.deny_loopback, extra=policy.deny
        )
        self._gates: dict[str, HostGate] = {}
        self._global: Optional[asyncio.Semaphore] = None
        self._client: Optional[Client] = None
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
        paced = self.policy.host_request_interval > 0 or any(
            h.host_request_interval for h in self.policy.hosts.values()
        )
        self._client = Client(self.denylist, connect_timeout=self.policy.connect_timeout, paced=paced)

        # URLs that differ only in their #fragment are one page: fetched once.
        pages: dict[str, list[str]] = {}
        for url in urls:
            pages.setdefault(_without_fragment(url), []).append(url)

        async def one(page_url: str, cited: list[str]) -> None:
            for outcome in await self.check_page(page_url, cited):
                results[outcome.url] = outcome
                if on_done:
                    on_done(outcome)

        try:
            tasks = [asyncio.ensure_future(one(p, cited)) for p, cited in pages.items()]
            try:
                async with asyncio.timeout(self.policy.run_timeout):
                    await asyncio.gather(*tasks)
            except TimeoutError:
                for task in tasks:
                    task.cancel()
                await asyncio.gather(*tasks, return_exceptions=True)
        finally:
            await self._client.aclose()
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
        return bool(self._client and self._client.connected)

    # -- one URL ---------------------------------------------------------------
    async def check(self, url: str) -> Outcome:
        """One URL's outcome (its #fragment checked with ``include_fragments``)."""
        return (await self.check_page(_without_fragment(url), [url]))[0]

    async def check_page(self, page_url: str, cited: list[str]) -> list[Outcome]:
        """The outcome of each of ``cited``, URLs of one page that differ only in their #fragment."""
        outcomes: dict[str, Outcome] = {}
        valid = []
        for url in cited:
            problem = is_valid(url)
            if problem:
                outcomes[url] = Outcome(url=url, verdict=Verdict.INVALID, detail=problem)
            else:
                valid.append(url)
        if valid:
            whole = any(self._fragment(url) for url in valid)
            outcome, answer = await self._fetch(page_url, whole)
            for url in valid:
                outcomes[url] = self._with_fragment(outcome, answer, url)
        return [outcomes[url] for url in cited]

    async def _fetch(self, url: str, whole: bool) -> tuple[Outcome, Optional[_Answer]]:
        """The page's outcome, and its final answer when one came."""
        started = time.monotonic()
        state = _Progress()
        answer = None
        try:
            outcome, answer = await self._follow(url, state, whole)
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
        return outcome, answer

    def _with_fragment(self, outcome: Outcome, answer: Optional[_Answer], url: str) -> Outcome:
        """The page's outcome for the cited ``url``, with its #fragment checked on the page."""
        if url != outcome.url:
            outcome = outcome.model_copy(update={"url": url}, deep=True)
        fragment = self._fragment(url)
        if not fragment or answer is None or not answer.body:
            return outcome
        if outcome.verdict not in (Verdict.ALIVE, Verdict.REDIRECTED):
            return outcome
        why = fragments.missing(fragment, answer.body)
        if why and answer.complete:
            outcome.verdict, outcome.update_to = Verdict.DEAD, None
            outcome.detail = f"#{fragment}: {why} (the page itself answers)"
        elif why:
            outcome.detail += f"; #{fragment} not checked: the page is over {FRAGMENT_MAX_BODY // 2**20} MiB"
        return outcome

    def _first_method(self, url: str) -> str:
        if self.policy.method != "auto":
            return self.policy.method.upper()
        return "HEAD" if _FILE_PATH.search(urlsplit(url).path) else "GET"

    def _fragment(self, url: str) -> str:
        if not self.policy.include_fragments:
            return ""
        return urlsplit(url).fragment

    async def _follow(self, url: str, state: _Progress, whole: bool) -> tuple[Outcome, _Answer]:
        method = self._first_method(url)
        chain: list[Hop] = []
        seen = {_without_fragment(url)}
        current = url
        for _ in range(self.policy.max_redirects + 1):
            answer = await self._request(current, method, state, whole=whole)
            target, via = None, None
            location = answer.headers.get("location")
            if answer.status in REDIRECT_STATUS and location:
                target = urljoin(current, location.strip())
            elif 200 <= answer.status < 300 and answer.body:
                # A refresh to the page itself (a news front page reloading) is no hop.
                refresh = page.meta_refresh(answer.body, current)
                if refresh and _without_fragment(refresh) != _without_fragment(current):
                    target, via = refresh, "meta refresh"
            if target is None:
                return await self._judge(url, current, answer, chain), answer
            chain.append(Hop(url=current, status=answer.status, via=via))
            if is_valid(target):
                raise _Failure(Verdict.ERROR, f"redirects to an unusable URL {target!r}")
            if _without_fragment(target) in seen:
                loop = " -> ".join([h.url for h in chain] + [target])
                raise _Failure(Verdict.ERROR, f"redirect loop: {loop}")
            seen.add(_without_fragment(target))
            current = target
            if answer.status == 303 or via:
                method = "GET"
        raise _Failure(Verdict.ERROR, f"more than {self.policy.max_redirects} redirects")

    async def _judge(self, url: str, final: str, answer: _Answer, chain: list[Hop]) -> Outcome:
        # The citation should move to where the leading run of permanent hops ends.
        update_to = None
        for index, hop in enumerate(chain):
            if hop.status not in PERMANENT_REDIRECTS or hop.via:
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
            complete=answer.complete,
        )
        if verdict in (Verdict.ALIVE, Verdict.REDIRECTED) and answer.status == 200:
            hint = not_found_hint(answer.body)
            if hint and await self._same_page_anywhere(
                final, (page.title(answer.body), page.heading(answer.body))
            ):
                verdict = Verdict.DEAD
                detail = f"the page says {hint!r}, and the site serves that same page at a made-up address"
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

    async def _same_page_anywhere(self, url: str, texts: tuple[str, str]) -> bool:
        """Does the site answer a made-up sibling path with this same page?

        One probe per host and run, only for pages whose title or heading
        mentions "not found": the site's answer to a path that cannot exist is
        compared by title and first heading (both: a site may give every page
        the same title).  A site that serves its error page everywhere shows
        the same page; a news site answers 404 for the made-up path.
        """
        gate = self._gate(url)
        if gate.probe is None:
            gate.probe = asyncio.ensure_future(self._probe_texts(sibling(url)))
        return await asyncio.shield(gate.probe) == texts

    async def _probe_texts(self, url: str) -> Optional[tuple[str, str]]:
        state = _Progress()
        try:
            answer = await self._request(url, "GET", state, whole=False)
        except _Failure:
            return None
        finally:
            state.let_go()
        return (page.title(answer.body), page.heading(answer.body)) if answer.status == 200 else None

    # -- one request, with retries -------------------------------------------------
    def _gate(self, url: str) -> HostGate:
        host = host_key(url)
        gate = self._gates.get(host)
        if gate is None:
            gate = self._gates[host] = HostGate(self.policy.for_host(host))
        return gate

    async def _request(self, url: str, method: str, state: _Progress, *, whole: bool) -> _Answer:
        gate = self._gate(url)
        attempt = 0
        while True:
            state.attempts += 1
            try:
                answer = await self._send(url, method, gate, state, whole)
            except _Failure as fail:
                # The server never sees more than max_retries + 1 requests for
                # one URL, counting aiohttp's own second try (see _failure).
                state.attempts += fail.sent - 1
                attempt += fail.sent - 1
                if not fail.transient or attempt + fail.sent > self.policy.max_retries:
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

    async def _send(self, url: str, method: str, gate: HostGate, state: _Progress, whole: bool) -> _Answer:
        assert self._client is not None and self._global is not None
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
                async with self._client.open(
                    method, url, gate.headers, host_key(url), gate if gate.paced else None, state
                ) as response:
                    body, complete = await self.read_body(response, method, whole)
                    keep = _same_host_redirect(url, response)
                    return _Answer(response.status, response.headers, body, complete)
        except TimeoutError:
            raise _Failure(Verdict.ERROR, f"timed out after {timeout:g}s", transient=True) from None
        except ResolveError as exc:
            self.requests_sent -= 1  # nothing was sent
            if exc.missing:  # the name does not exist: a verdict about this host, not the network
                raise _Failure(Verdict.DEAD, f"{exc}") from None
            raise _Failure(Verdict.ERROR, f"{exc} (could not look the name up)", failure="dns") from None
        except DeniedAddress as exc:
            self.requests_sent -= 1
            raise _Failure(Verdict.SKIPPED, f"refused: {exc}") from None
        except HTTP_ERRORS as exc:
            raise _failure(exc, timeout) from None
        except (UnicodeError, ValueError) as exc:
            raise _Failure(Verdict.ERROR, f"cannot request this URL: {_describe(exc)}") from None
        finally:
            gate.wire_end(state)  # a request that failed before aiohttp said so
            if keep:
                state.held = gate
            else:
                gate.release()

    async def read_body(self, response: Answer, method: str, whole: bool) -> tuple[str, bool]:
        """The part of the body the verdict needs, and whether that was all of it.

        The one extension point of the checker: ``sources.fetcher.CapturingChecker``
        overrides it to keep whole pages for their captures.
        """
        status = response.status
        kind = response.headers.get("content-type", "text/html").lower()
        if method == "HEAD" or not kind.startswith(_PAGE_TYPES):
            return "", False
        if 200 <= status < 300:
            cap = FRAGMENT_MAX_BODY if whole else self.policy.max_body
        elif status in _BODY_STATUS:
            cap = min(self.policy.max_body, 20000)
        else:
            return "", False  # a 404 is dead whatever its page says
        # A 2xx page is judged by its head, its first heading and, on a short
        # page, the text after it: past that, the rest of the page is not needed.
        chunks: list[bytes] = []
        size, heading_end, complete = 0, -1, True
        async for chunk in response.chunks:
            chunks.append(chunk)
            size += len(chunk)
            if size >= cap:
                complete = False
                break
            if whole or status >= 300:
                continue
            if heading_end < 0 and b"</h1" in chunk.lower():  # a tag split over chunks: read on
                heading_end = size
            if heading_end >= 0 and size - heading_end >= AFTER_HEADING:
                complete = False
                break
        raw = b"".join(chunks)[:cap]
        if not complete:
            complete = await _drain(response, size) and size <= cap
        match = _CHARSET.search(kind)
        try:
            return raw.decode(match.group(1) if match else "utf-8", errors="replace"), complete
        except LookupError:  # an unknown charset name
            return raw.decode("utf-8", errors="replace"), complete


async def _drain(response: Answer, read: int) -> bool:
    """Read the small rest of a body (its length announced) to keep the connection.

    True when nothing was left to read: what was read is the whole body.  A
    compressed body's announced length is not comparable with the bytes read
    (they are decompressed): its connection is given up instead.
    """
    if response.response.content.at_eof():
        return True
    if response.headers.get("content-encoding", "identity").strip().lower() not in ("", "identity"):
        return False
    try:
        left = int(response.headers.get("content-length", "")) - read
    except ValueError:
        return False
    if left <= DRAIN_LIMIT:
        async for _chunk in response.chunks:  # to the end of the message, even when 0 bytes are left
            pass
    return left <= 0


def _failure(exc: BaseException, timeout: float) -> _Failure:
    """The verdict for a request that ended in an aiohttp exception."""
    text = _describe(exc)
    if isinstance(exc, aiohttp.ConnectionTimeoutError):
        return _Failure(Verdict.ERROR, f"connect timeout: {text}", failure="connect", transient=True)
    if isinstance(exc, aiohttp.ClientConnectorCertificateError | aiohttp.ClientConnectorSSLError):
        return _Failure(Verdict.ERROR, f"TLS error: {text}")
    if isinstance(exc, aiohttp.ClientConnectorError):
        why = exc.os_error.strerror or str(exc.os_error) if exc.os_error else text
        return _Failure(Verdict.ERROR, f"could not connect: {why}", failure="connect", transient=True)
    if isinstance(exc, aiohttp.ServerTimeoutError):
        return _Failure(Verdict.ERROR, f"timeout after {timeout:g}s", transient=True)
    if isinstance(exc, aiohttp.ClientResponseError):
        # Garbage instead of HTTP (a bad status line, a broken header) is what
        # this server sends: asking again gets the same garbage.
        return _Failure(Verdict.ERROR, f"malformed HTTP response: {_describe_message(exc)}")
    # On a dropped connection aiohttp sends a GET or HEAD once more at once
    # (RFC 9112, 9.3.1): the server saw two requests.
    if isinstance(exc, aiohttp.ServerDisconnectedError):
        return _Failure(Verdict.ERROR, "connection closed without an answer", transient=True, sent=2)
    if isinstance(exc, aiohttp.ClientOSError):
        return _Failure(Verdict.ERROR, f"connection reset or closed: {text}", transient=True, sent=2)
    if isinstance(exc, aiohttp.ClientPayloadError):
        return _Failure(Verdict.ERROR, f"connection reset or closed: {text}", transient=True)
    if isinstance(exc, aiohttp.InvalidURL):
        return _Failure(Verdict.ERROR, f"cannot request this URL: {text}")
    return _Failure(Verdict.ERROR, f"{type(exc).__name__}: {text}")


def _describe_message(exc: aiohttp.ClientResponseError) -> str:
    return " ".join(str(exc.message).split())[:200]
