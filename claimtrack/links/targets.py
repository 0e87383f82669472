"""Which URLs to check, and what each is cited for.

By default every reference of the project that has a URL; also .bib files
(their entries' URLs) and report files (the URLs written in them).  Each
target remembers the references, claims and file lines that cite it, so a
verdict can point at the line to fix and name the claims at stake.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .. import refstore
from ..project import Project
from ..textfile import read_text
from ..urls import find_bare_urls
from .policy import host_key

_URL_FIELD = re.compile(r"^\s*url\s*=", re.I)


@dataclass(frozen=True)
class Place:
    file: str  # relative to the project root where possible
    line: int


@dataclass
class Target:
    url: str
    references: list[str] = field(default_factory=list)
    claims: list[str] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    urldate: Optional[str] = None  # the earliest access date of the citing references

    @property
    def host(self) -> str:
        return host_key(self.url)


class Targets:
    """URL -> Target, in first-seen order."""

    def __init__(self) -> None:
        self.by_url: dict[str, Target] = {}

    def add(self, url: str, place: Place, key: Optional[str] = None, claims: Iterable[str] = (),
            urldate: Optional[str] = None) -> None:  # fmt: skip
        target = self.by_url.setdefault(url, Target(url=url))
        if key and key not in target.references:
            target.references.append(key)
        for claim in claims:
            if claim not in target.claims:
                target.claims.append(claim)
        if place not in target.places:
            target.places.append(place)
        if urldate and (target.urldate is None or urldate < target.urldate):
            target.urldate = urldate

    def __iter__(self):
        return iter(self.by_url.values())

    def __len__(self) -> int:
        return len(self.by_url)


def _url_lines(path: Path) -> list[str]:
    try:
        return read_text(path, allow_empty=True).split("\n")
    except Exception:  # the file was just parsed; a race is not worth a crash
        return []


def url_line(lines: list[str], entry_line: int) -> int:
    """The line of the entry's ``url =`` field (1-based), else the entry's first line."""
    for index in range(entry_line - 1, min(len(lines), entry_line + 80)):
        text = lines[index]
        if index > entry_line - 1 and text.lstrip().startswith("@"):
            break
        if _URL_FIELD.match(text):
            return index + 1
    return entry_line


def _add_bib(targets: Targets, project: Project, path: Path, refs) -> None:
    lines = _url_lines(path)
    shown = project.relative(path)
    for ref in refs:
        if not ref.url:
            continue
        claims = project.claims_citing(ref.key) if ref.key in project.references else []
        targets.add(ref.url, Place(shown, url_line(lines, ref.line or 1)), ref.key, claims, ref.urldate)


def collect(project: Project, paths: Iterable[Path] = ()) -> Targets:
    """The URLs to check: the project's references, or the given .bib and report files."""
    targets = Targets()
    paths = list(paths)
    if not paths:
        by_file: dict[str, list] = {}
        for ref in project.references.values():
            by_file.setdefault(ref.file or "", []).append(ref)
        for file, refs in by_file.items():
            _add_bib(targets, project, project.root / file, refs)
        return targets
    for path in paths:
        path = Path(path)
        if path.suffix.lower() == ".bib":
            _add_bib(targets, project, path, refstore.read(path))
            continue
        text = read_text(path)
        shown = project.relative(path)
        for number, line in enumerate(text.split("\n"), start=1):
            for url in find_bare_urls(line):
                targets.add(url, Place(shown, number))
    return targets


def in_shard(host: str, index: int, total: int) -> bool:
    """Hosts are split by a stable hash, so one host is never in two shards."""
    return zlib.crc32(host.encode("utf-8")) % total == index - 1
