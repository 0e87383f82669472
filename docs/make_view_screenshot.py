"""Regenerate docs/images/view.png, the README's picture of `claimtrack view`.

Run from the repository root with the test extras installed and Debian's chromium:
    python docs/make_view_screenshot.py
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        page_file = Path(tmp) / "view.html"
        subprocess.run(["claimtrack", "view", "004", "-o", str(page_file), "--root", str(REPO)], check=True)
        with sync_playwright() as play:
            browser = play.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.goto(page_file.as_uri())
            page.locator("main .text .claim.s-uncited").nth(1).click()
            page.evaluate("window.scrollBy(0, -120)")
            page.screenshot(path=str(REPO / "docs" / "images" / "view.png"))
            browser.close()


if __name__ == "__main__":
    main()
