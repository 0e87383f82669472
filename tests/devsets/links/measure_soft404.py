#!/usr/bin/env python3
"""Soft-404 rules against real pages nobody here wrote: a confusion table.

The dev set (outside git; see SOURCES.md) holds ``alive/*.html``, real
articles and pages saved by others, and ``dead/*.html``, real error pages
(templates of sites' own "not found" pages).  Each page is judged as if it
had answered 200 at a made-up deep URL, read exactly as ``links check``
reads it (the first heading and a little more, at most ``max_body``).

    python tests/devsets/links/measure_soft404.py [DEVSET_DIR]

DEVSET_DIR defaults to $CLAIMTRACK_DEVSETS/links, then ../shared/devsets/links.
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO))

from claimtrack.links.checker import Checker  # noqa: E402
from claimtrack.links.classify import classify  # noqa: E402
from claimtrack.links.policy import Policy  # noqa: E402


def devset_dir(argv: list[str]) -> Path | None:
    candidates = [Path(argv[1])] if len(argv) > 1 else []
    if os.environ.get("CLAIMTRACK_DEVSETS"):
        candidates.append(Path(os.environ["CLAIMTRACK_DEVSETS"]) / "links")
    candidates.append(REPO.parent / "shared" / "devsets" / "links")
    return next((c for c in candidates if (c / "alive").is_dir() and (c / "dead").is_dir()), None)


class _Page:
    """A saved page, served as the checker would receive it: 200, HTML, in 64 KiB chunks.

    It stands for both sides of ``transport.Answer``: the answer (status,
    headers, chunks) and aiohttp's response (``response.content.at_eof()``).
    """

    def __init__(self, data: bytes) -> None:
        self.status = 200
        self.headers = {"content-type": "text/html; charset=utf-8", "content-length": str(len(data))}
        self._data, self._sent = data, 0
        self.response = self.content = self
        self.chunks = self._chunks()

    def at_eof(self) -> bool:
        return self._sent >= len(self._data)

    async def _chunks(self):
        while self._sent < len(self._data):
            chunk = self._data[self._sent : self._sent + 65536]
            self._sent += len(chunk)
            yield chunk


def judge(path: Path) -> tuple[str, str]:
    url = f"https://www.example.org/news/2020/10/07/{path.stem.replace('.', '-')}"
    checker = Checker(Policy())
    body, complete = asyncio.run(checker.read_body(_Page(path.read_bytes()), "GET", False))
    verdict, detail = classify(
        url=url,
        status=200,
        headers={"content-type": "text/html"},
        body=body,
        final_url=url,
        permanent=False,
        redirected=False,
        complete=complete,
    )
    return verdict.value, detail


def measure(root: Path) -> dict[str, dict[str, list[tuple[str, str]]]]:
    """expected ("alive"/"dead") -> verdict -> [(file, detail)]."""
    table: dict[str, dict[str, list[tuple[str, str]]]] = {}
    for expected in ("alive", "dead"):
        for path in sorted((root / expected).glob("*.html")):
            verdict, detail = judge(path)
            table.setdefault(expected, {}).setdefault(verdict, []).append((path.name, detail))
    return table


def main() -> None:
    root = devset_dir(sys.argv)
    if root is None:
        raise SystemExit("no dev set: pass DEVSET_DIR or set CLAIMTRACK_DEVSETS (see SOURCES.md)")
    table = measure(root)
    print(f"dev set: {root}\n")
    print(f"{'real page':10}{'pages':>7}{'judged alive':>14}{'judged dead':>13}")
    for expected, verdicts in table.items():
        total = sum(len(v) for v in verdicts.values())
        alive, dead = len(verdicts.get("alive", [])), len(verdicts.get("dead", []))
        print(f"{expected:10}{total:7}{alive:14}{dead:13}")
    wrong = [(e, v, f, d) for e, vs in table.items() for v, items in vs.items() for f, d in items if v != e]
    for expected, verdict, name, detail in wrong:
        print(f"  {expected} page judged {verdict}: {name}: {detail}")


if __name__ == "__main__":
    main()
