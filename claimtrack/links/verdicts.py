"""What a check found about one URL: a verdict a person can act on."""

from __future__ import annotations

from enum import StrEnum
from typing import Optional

from pydantic import BaseModel, ConfigDict, Field


class Verdict(StrEnum):
    ALIVE = "alive"
    REDIRECTED = "redirected"  # permanently moved: update the citation to ``update_to``
    DEAD = "dead"  # 404/410, name does not exist, soft 404, deep link sent to the home page
    BLOCKED = "blocked"  # a bot wall or rate limit answered: NOT proof the page is dead
    ERROR = "error"  # connection, TLS, timeout, 5xx: we could not tell
    INVALID = "invalid"  # not a well-formed http(s) URL
    SKIPPED = "skipped"  # excluded by pattern or refused by the deny-list


class Hop(BaseModel):
    url: str
    status: int
    via: Optional[str] = None  # "meta refresh" for an HTML refresh; None for an HTTP redirect


class Outcome(BaseModel):
    """The result of checking one URL, before it is tied to references and claims."""

    model_config = ConfigDict(extra="ignore")

    url: str
    verdict: Verdict
    http_status: Optional[int] = None
    final_url: Optional[str] = None
    update_to: Optional[str] = None  # for permanent redirects
    detail: str = ""
    redirects: list[Hop] = Field(default_factory=list)
    attempts: int = 0
    elapsed_ms: int = 0
    checked_at: Optional[float] = None  # epoch seconds of the network check
    cached: bool = False
    # Why an error verdict happened, for the run-level offline decision:
    # "dns" (the name could not be looked up), "connect" (no TCP connection), or "".
    # A name that does not exist is a verdict (dead), not a failure.
    failure: str = ""
    transient: bool = False  # rate limits and the like: never cached
