"""Fixtures of the link-checker tests: loopback sites and a fast policy."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from links.helpers import Site

from claimtrack.links.policy import Policy


@pytest.fixture
def sites() -> Iterator[Callable[[str], Site]]:
    """Start sites on given loopback addresses: ``site = sites("127.0.0.2")``."""
    started: list[Site] = []

    def start(host: str = "127.0.0.1") -> Site:
        site = Site(host)
        started.append(site)
        return site

    yield start
    for site in started:
        site.close()


@pytest.fixture
def fast() -> Policy:
    """A policy for tests: short timeouts and waits, no politeness delay."""
    return Policy(
        host_request_interval=0.0,
        host_concurrency=4,
        timeout=2.0,
        connect_timeout=1.0,
        run_timeout=20.0,
        max_retries=2,
        retry_wait=0.05,
        retry_after_cap=3.0,
    )
