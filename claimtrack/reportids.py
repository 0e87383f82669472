"""Which report a record belongs to: report ids from paths under ``reports/``.

A report is identified by where it lives: its path relative to the project
root, stored in its record as ``report.source``.  Its id (the claims file's
name, the ``--report`` argument) is the path relative to ``reports/`` without
the suffix, so ``reports/2020/report.md`` is ``2020/report`` and its records
are ``claims/2020/report.yaml``.  An id, once given, stays: a report already
recorded keeps its id (ids made before nested folders were supported, such as
``004_7e88fde1e0fb7812``, included).  Two reports never share an id: when the
plain id is taken (``report.txt`` beside ``report.md``, or a case-insensitive
file system), the suffix is kept (``report.md``), then a number is added.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .errors import InputError

REPORT_SUFFIXES = {".txt", ".md", ".markdown"}


def find_reports(folder: Path, suffixes: Iterable[str] = REPORT_SUFFIXES) -> list[Path]:
    """Every report file in ``folder`` and its subfolders (hidden ones skipped), sorted."""
    wanted = {s.lower() for s in suffixes}
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        found += [
            Path(dirpath) / name
            for name in filenames
            if not name.startswith(".") and Path(name).suffix.lower() in wanted
        ]
    return sorted(found)


def source_of(root: Path, path: Path) -> str:
    """The path a record stores for its report: relative to the root, with forward slashes."""
    resolved = Path(path).resolve()
    try:
        return resolved.relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return str(path)


class ReportIds:
    """Hands out report ids: the recorded one for a known report, a fresh unique one otherwise."""

    def __init__(self, root: Path, reports_dir: Path, recorded: dict[str, str]) -> None:
        """``recorded``: report id -> source, of every record in the project."""
        self.root = Path(root)
        self.reports_dir = Path(reports_dir).resolve()
        self.by_source = {_norm(source): rid for rid, source in recorded.items()}
        self.taken = {rid.casefold() for rid in recorded}
        self.given: dict[str, str] = {}  # source -> id, this run

    def id_for(self, path: Path) -> str:
        source = source_of(self.root, path)
        key = _norm(source)
        if key in self.given:
            return self.given[key]
        rid = self.by_source.get(key) or self._fresh(Path(path))
        self.given[key] = rid
        self.taken.add(rid.casefold())
        return rid

    def _fresh(self, path: Path) -> str:
        resolved = path.resolve()
        try:
            base = resolved.relative_to(self.reports_dir).with_suffix("").as_posix()
        except ValueError:
            base = resolved.stem  # a report outside reports/: named by its file name
        if not base or base.startswith("."):
            raise InputError("cannot name a report after this path", path)
        for candidate in _candidates(base, path.suffix):
            if candidate.casefold() not in self.taken:
                return candidate
        raise AssertionError("unreachable: the candidates never end")


def _candidates(base: str, suffix: str):
    yield base
    if suffix:
        yield base + suffix
    number = 2
    while True:
        yield f"{base}-{number}"
        number += 1


def _norm(source: str) -> str:
    return Path(source).as_posix()
