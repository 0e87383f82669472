"""One ``links check`` run: targets -> cache -> network -> offline test -> report.

The JSON contract of ``--format json`` is ``LinkReport``: add fields, never
rename them.
"""

from __future__ import annotations

import asyncio
import gc
import re
import time
from collections.abc import Callable
from contextlib import contextmanager
from typing import Optional

from pydantic import BaseModel, Field

from ..project import Project
from .cache import Cache
from .impact import orphaned_claims
from .policy import Policy, host_key
from .targets import Place, Target, Targets, in_shard
from .verdicts import Hop, Outcome, Verdict

EXIT_OK, EXIT_DEAD, EXIT_NOT_CHECKED = 0, 1, 2
NOT_CHECKED = "not checked: network unreachable"


class PlaceOut(BaseModel):
    file: str
    line: int


class ArchiveOut(BaseModel):
    url: str
    timestamp: str


class LinkResult(BaseModel):
    url: str
    verdict: Verdict
    http_status: Optional[int] = None
    final_url: Optional[str] = None
    update_to: Optional[str] = None
    detail: str = ""
    elapsed_ms: int = 0
    attempts: int = 0
    cached: bool = False
    redirects: list[Hop] = Field(default_factory=list)
    references: list[str] = Field(default_factory=list)
    claims: list[str] = Field(default_factory=list)
    claims_without_live_source: list[str] = Field(default_factory=list)
    places: list[PlaceOut] = Field(default_factory=list)
    failing: bool = False  # counts against the build (verdict and --fail-on)
    failing_runs: int = 0  # consecutive runs it failed, this one included
    tolerated: bool = False  # failing, but fewer than --fail-after runs in a row
    archive: Optional[ArchiveOut] = None


class LinkReport(BaseModel):
    version: int = 1
    network: str = "online"  # "offline": nothing could be reached, nothing was judged dead
    network_detail: str = ""
    shard: Optional[str] = None
    # One definition for every format: "checked" is a URL a request answered this run (or whose
    # name needed none to be judged); "not_checked" one the network never let us ask about.
    checked: int = 0  # URLs checked over the network this run
    not_checked: int = 0  # URLs the unreachable network left unjudged (JUnit's errors)
    from_cache: int = 0
    requests: int = 0
    elapsed_ms: int = 0
    summary: dict[str, int] = Field(default_factory=dict)
    results: list[LinkResult] = Field(default_factory=list)

    @property
    def exit_code(self) -> int:
        if self.network == "offline":
            return EXIT_NOT_CHECKED
        return EXIT_DEAD if any(r.failing and not r.tolerated for r in self.results) else EXIT_OK


def _excluded(url: str, patterns: list[re.Pattern[str]]) -> bool:
    return any(p.search(url) for p in patterns)


def compile_excludes(patterns: tuple[str, ...]) -> list[re.Pattern[str]]:
    compiled = []
    for text in patterns:
        try:
            compiled.append(re.compile(text))
        except re.error as exc:
            raise ValueError(f"--exclude {text!r} is not a regular expression: {exc}") from None
    return compiled


def _offline(outcomes: dict[str, Outcome], reached_any_host: bool) -> Optional[str]:
    """Why the network looks unreachable, or None.

    Offline means that nothing could be reached, judged over the hosts this
    run tried over the network: no host answered, and at least two hosts were
    tried and every attempt failed before any HTTP exchange (the name could
    not be looked up, or no TCP connection could be made).  Then no failure
    says anything about the pages, so none may be called dead.

    Not evidence of being offline: cached verdicts (nothing was tried),
    names answered without a lookup (``.invalid``, which never exists), a
    name the DNS says does not exist (an answer), and a single unreachable
    host: that is a verdict about that host, reported on its own URLs.
    """
    if reached_any_host:
        return None
    fresh = [o for o in outcomes.values() if not o.cached]
    if any(o.http_status for o in fresh):
        return None
    failed = [o for o in fresh if o.failure in ("dns", "connect")]
    hosts = {host_key(o.url) for o in failed}
    if len(hosts) < 2:
        return None
    dns = sum(1 for o in failed if o.failure == "dns")
    how = "no host name could be looked up" if dns == len(failed) else "no host could be reached"
    return f"{how} ({len(hosts)} hosts tried): this machine looks offline"


def _run_loop(coro):
    """Run the checks on uvloop when it is installed (the ``fast`` extra): less CPU per request."""
    with _quiet_gc():
        try:
            import uvloop
        except ImportError:
            return asyncio.run(coro)
        return uvloop.run(coro)


@contextmanager
def _quiet_gc():
    """Fewer garbage-collector passes while the requests run.

    Each request leaves a few hundred short-lived objects; with the default
    threshold the collector ran every few requests and rescanned everything
    loaded before (the project's references and claims).  Freezing those and
    collecting the young objects less often took 15-20% off the CPU of a run
    of 2,000 requests.  Restored afterwards.
    """
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(100_000, threshold[1], threshold[2])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def _failing(verdict: Verdict, policy: Policy) -> bool:
    return verdict in (Verdict.DEAD, Verdict.INVALID) or verdict.value in policy.fail_on


def check(
    project: Project,
    targets: Targets,
    policy: Policy,
    *,
    shard: Optional[tuple[int, int]] = None,
    use_cache: bool = True,
    on_total: Optional[Callable[[int], None]] = None,
    on_done: Optional[Callable[[Outcome], None]] = None,
) -> LinkReport:
    started = time.monotonic()
    chosen: list[Target] = [t for t in targets if not shard or in_shard(t.host, *shard)]
    excludes = compile_excludes(policy.exclude)
    cache = Cache.load(project.root, policy.cache_max_age)
    outcomes: dict[str, Outcome] = {}
    to_check: list[str] = []
    for target in chosen:
        if _excluded(target.url, excludes):
            outcomes[target.url] = Outcome(
                url=target.url, verdict=Verdict.SKIPPED, detail="excluded by pattern"
            )
            continue
        hit = cache.get(target.url) if use_cache and policy.cache else None
        if hit and (policy.fail_after <= 1 or not _failing(hit.verdict, policy)):
            outcomes[target.url] = hit
            continue
        to_check.append(target.url)
    if on_total:
        on_total(len(to_check))
    requests, reached = 0, False
    if to_check:
        from .checker import Checker  # httpcore is imported only when there is something to check

        checker = Checker(policy)
        outcomes.update(_run_loop(checker.run(to_check, on_done=on_done)))
        requests, reached = checker.requests_sent, checker.reached_any_host()

    report = LinkReport(shard=f"{shard[0]}/{shard[1]}" if shard else None)
    offline = _offline(outcomes, reached)
    if offline:
        report.network, report.network_detail = "offline", offline
        for outcome in outcomes.values():
            if outcome.failure and not outcome.cached:
                outcome.verdict = Verdict.ERROR
                outcome.transient = True
                outcome.detail = f"{NOT_CHECKED} ({outcome.detail})"

    dead = {url for url, o in outcomes.items() if o.verdict is Verdict.DEAD}
    orphans = orphaned_claims(project, dead) if dead else {}
    for target in chosen:
        outcome = outcomes[target.url]
        failing = _failing(outcome.verdict, policy)
        streak = 0
        if not offline:
            cache.put(outcome)
            streak = cache.record_run(target.url, failing)
        # Built without validation: every value comes from a validated Outcome
        # or from the targets (thousands of results, a third of a warm run).
        result = LinkResult.model_construct(
            url=outcome.url,
            verdict=outcome.verdict,
            http_status=outcome.http_status,
            final_url=outcome.final_url,
            update_to=outcome.update_to,
            detail=outcome.detail,
            elapsed_ms=outcome.elapsed_ms,
            attempts=outcome.attempts,
            cached=outcome.cached,
            redirects=outcome.redirects,
            references=target.references,
            claims=target.claims,
            claims_without_live_source=orphans.get(target.url, []),
            places=[PlaceOut.model_construct(file=p.file, line=p.line) for p in target.places],
            failing=failing,
            failing_runs=streak,
            tolerated=failing and 0 < streak < policy.fail_after,
            archive=None,
        )
        report.results.append(result)
    if not offline:
        cache.save()
    report.not_checked = sum(1 for r in report.results if r.detail.startswith(NOT_CHECKED))
    report.checked = len(to_check) - report.not_checked
    report.from_cache = sum(1 for o in outcomes.values() if o.cached)
    report.requests = requests
    report.elapsed_ms = int((time.monotonic() - started) * 1000)
    for result in report.results:
        report.summary[result.verdict.value] = report.summary.get(result.verdict.value, 0) + 1
    return report


__all__ = ["LinkReport", "LinkResult", "Place", "check"]
