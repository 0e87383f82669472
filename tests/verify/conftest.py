"""Fixtures of the verify tests: loopback sites serving the pages, and a project citing them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from links.helpers import Site, reply
from verify import pages

from claimtrack.claimstore import write as write_claims
from claimtrack.model import Claim, ClaimFile, Location, Reference, Report
from claimtrack.refstore import write as write_bib

# Fast and still polite enough for loopback: no pause between requests, short timeouts.
PYPROJECT = """[tool.claimtrack.links]
host_request_interval = "0s"
timeout = 5
connect_timeout = 2
max_retries = 1
retry_wait = "10ms"
"""


@pytest.fixture
def sites() -> Iterator[Callable[[str], Site]]:
    started: list[Site] = []

    def start(host: str) -> Site:
        site = Site(host)
        started.append(site)
        return site

    yield start
    for site in started:
        site.close()


@pytest.fixture
def news(sites) -> Site:
    """A news site (127.0.0.21) with the article, a PDF report, a German page and a bot wall."""
    site = sites("127.0.0.21")
    site.version = 1  # type: ignore[attr-defined]
    site.routes["/energy/gas-imports"] = lambda req: reply(
        req,
        200,
        pages.article() if site.version == 1 else pages.changed_article(),  # type: ignore[attr-defined]
    )
    site.routes["/reports/outlook-2020.pdf"] = lambda req: reply(
        req, 200, pages.pdf(), **{"Content-Type": "application/pdf"}
    )
    site.routes["/de/gasimporte"] = lambda req: reply(req, 200, pages.GERMAN_PAGE)
    site.routes["/old/gas-imports"] = lambda req: reply(req, 301, "", Location="/energy/gas-imports")
    site.routes["/paywalled"] = lambda req: reply(req, 200, pages.PAYWALLED)
    site.routes["/walled"] = lambda req: reply(req, 403, pages.BOT_WALL, cf_mitigated="challenge")
    return site


def make_project(root: Path, refs: dict[str, str | None], claims: dict[str, tuple[str, list[str]]]) -> Path:
    """A project: references (key -> URL) and claims (id -> (text, citekeys)) of one English report."""
    (root / "references").mkdir(parents=True, exist_ok=True)
    (root / "claims").mkdir(exist_ok=True)
    (root / "pyproject.toml").write_text("[tool.claimtrack]\n" + PYPROJECT, encoding="utf-8")
    write_bib(
        root / "references" / "sources.bib",
        [
            Reference(key=k, url=u, title=None if k.startswith("untitled") else f"Source {k}")
            for k, u in refs.items()
        ],
    )
    report = Report(id="r1", title="R", source="reports/r1.md", sha256="0" * 64, format="markdown-footnotes")
    records = [
        Claim(
            id=cid,
            report="r1",
            text=text,
            references=keys,
            location=Location(line=i + 1, end_line=i + 1, paragraph=i),
        )
        for i, (cid, (text, keys)) in enumerate(claims.items())
    ]
    write_claims(root / "claims" / "r1.yaml", ClaimFile(report=report, claims=records))
    return root
