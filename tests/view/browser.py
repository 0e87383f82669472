"""A real headless Chromium for the page tests, driven by Playwright's Python API.

The browser is Debian's ``chromium`` (``.ci/run`` installs it when missing);
Playwright only drives it, no browser is downloaded.  Outside CI a machine
without Chromium skips these tests with a message saying so; in CI (``CI`` set)
a missing browser is a failure, so a green run always means the page was seen.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(os.environ.get("CLAIMTRACK_TEST_ARTIFACTS", REPO / "test-artifacts"))


def chromium_path() -> str:
    found = (
        os.environ.get("CLAIMTRACK_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        found = None
    if not found:
        message = "no Chromium or Playwright here: install Debian's chromium and pip install '.[test]'"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


class Page:
    """A page opened from a file, recording every request and every console error."""

    def __init__(self, browser, path: Path, width: int = 1280) -> None:
        self.page = browser.new_page(viewport={"width": width, "height": 900})
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on(
            "console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None
        )
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.url = path.resolve().as_uri()
        self.page.goto(self.url)

    def network(self) -> list[str]:
        """Requests other than the page itself."""
        return [url for url in self.requests if url != self.url]

    def close(self) -> None:
        self.page.close()
