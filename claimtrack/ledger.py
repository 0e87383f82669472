"""The ingest ledger: skipping the reports whose records are already what ingest would write.

Ingest is a function of: the report's text, the claims file it finds (the
curated reviews and ids it keeps), every reference in ``references/`` (footnote
sources are matched against them), the settings, and the code that reads and
writes (claimtrack and the libraries whose output it stores, pandoc included).  After each
write we record, in ``.claimtrack/ingested.json`` (derived, never committed):
the SHA-256 of the report's text, of the claims file as written, and a
fingerprint of everything else.  When all three still match, ingesting the
report again would rebuild the very same claims file and add no reference, so
it is skipped without being parsed.  Any edit (the report, a review in the
claims file, any .bib file, a setting, an upgrade) misses and the report is
read again; so does an edit to a bibliography the report names (``bibliography:``,
``\\bibliography{}``) or was given with ``--bibliography``, or a different set of
``--bibliography`` files, each recorded with the report it served.

Free of pydantic and of the readers: ``claimtrack ingest`` on an unchanged
corpus asks :func:`all_unchanged` first and imports nothing else.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple, Optional

from .rootdir import find_root, tool_table

STATE = (".claimtrack", "ingested.json")
# Libraries whose output ends up in the records: a new version may split or parse differently.
LIBRARIES = (
    "pysbd", "markdown_it", "yaml", "pydantic", "pydantic_core", "bibtexparser",
    "pypandoc", "lxml", "pdfplumber", "pdfminer",  # the readers of ingest/formats.py (pandoc inside pypandoc)
)  # fmt: skip


class Where(NamedTuple):
    root: Path
    reports_dir: Path
    references_dir: Path
    settings: str  # the raw [tool.claimtrack] table, as JSON


def where(root: Optional[Path]) -> Optional[Where]:
    """The project's folders from its raw settings; None when they need validating (the slow path does)."""
    root = Path(root).resolve() if root else find_root()
    table = tool_table(root) if root.is_dir() else None
    if table is None or any(not isinstance(table.get(k, ""), str) for k in ("reports", "references")):
        return None
    return Where(
        root,
        root / table.get("reports", "reports"),
        root / table.get("references", "references"),
        json.dumps(table, sort_keys=True, default=str),
    )


def sha256_file(path: Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()


def report_digest(path: Path) -> Optional[str]:
    """The report's SHA-256, or None when it cannot be read (reading it later gives the one-line error).

    A LaTeX report is more than its file: the files it inputs (``\\input{...}``) and the ``.bbl``
    and ``.bib`` files beside it (its references, see ``ingest/latexbib.py``) are part of its digest.
    """
    try:
        digest = sha256_file(path)
        if path.suffix.lower() in _LATEX_SUFFIXES:
            digest = _with_latex_files(path, digest)
        return digest
    except OSError:
        return None


_LATEX_SUFFIXES = (".tex", ".latex", ".ltx")
_LATEX_INPUT = re.compile(rb"\\(?:input|include|subfile)(?![A-Za-z@])\s*\{([^{}]+)\}")


def _with_latex_files(path: Path, digest: str) -> str:
    folder = path.parent
    files = {p for pattern in ("*.bbl", "*.bib") for p in folder.glob(pattern)}
    todo, seen = [path], {path}
    while todo and len(seen) < 200:  # the files it inputs, and theirs
        for name in _LATEX_INPUT.findall(todo.pop().read_bytes()):
            name = name.decode("utf-8", "replace").strip()
            for found in (folder / name, folder / f"{name}.tex"):
                if found.is_file() and found not in seen:
                    seen.add(found)
                    todo.append(found)
                    break
    files |= seen - {path}
    combined = hashlib.sha256(digest.encode())
    for other in sorted(files):
        combined.update(f"{other.relative_to(folder)}\0{sha256_file(other)}\n".encode())
    return combined.hexdigest()


def _code_digest() -> str:
    """Our version and sources (a checkout changes without a version bump), and the libraries' installed files."""
    from importlib.util import find_spec

    from . import __version__

    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode() + b"\0" + path.read_bytes())
    for name in LIBRARIES:
        # an upgrade rewrites the package's files: their size and mtime change (no import needed)
        spec = find_spec(name)
        origin = spec.origin if spec and spec.origin else ""
        stat = os.stat(origin) if origin and os.path.exists(origin) else None
        digest.update(
            f"{name}={origin}:{stat.st_size if stat else 0}:{stat.st_mtime_ns if stat else 0}".encode()
        )
    return digest.hexdigest()


def _relative(root: Path, path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(root))
    except ValueError:
        return str(path)


class Ledger:
    """What the last ingest wrote, by report path relative to the root."""

    def __init__(self, place: Where) -> None:
        self.place = place
        self.path = place.root.joinpath(*STATE)
        try:
            data = json.loads(self.path.read_text("utf-8"))
            self.entries: dict[str, dict[str, str]] = data["reports"]
            self.suffixes: list[str] = data.get("suffixes", [])
        except (OSError, ValueError, KeyError, TypeError):
            self.entries, self.suffixes = {}, []
        self._fingerprint: Optional[str] = None

    @property
    def fingerprint(self) -> str:
        """Everything but the report and its claims file that the records depend on."""
        if self._fingerprint is None:
            digest = hashlib.sha256(_code_digest().encode())
            digest.update(self.place.settings.encode())
            folder = self.place.references_dir
            for path in sorted(folder.glob("*.bib")) if folder.is_dir() else []:
                digest.update(f"{_relative(self.place.root, path)}\0{sha256_file(path)}\n".encode())
            self._fingerprint = digest.hexdigest()
        return self._fingerprint

    def unchanged(
        self, report: Path, text_sha: Optional[str], extra: Sequence[Path] = ()
    ) -> Optional[dict[str, str]]:
        """The entry of ``report`` if re-ingesting it would change nothing, else None.

        ``extra``: the ``--bibliography`` files of this run; they must be the ones it was built with.
        """
        entry = self.entries.get(_relative(self.place.root, report))
        if not entry or not text_sha or entry.get("report") != text_sha:
            return None
        if entry.get("extra", "") != self._paths(extra):
            return None
        # The bibliographies it named (or was given): an edit to one of them changes its citations.
        named = [n for n in entry.get("bibliographies", "").split("\n") if n]
        if entry.get("bibliographies_sha", "") != self._bibs_digest(named):
            return None
        try:
            same_claims = entry.get("claims") == sha256_file(self.place.root / entry.get("claims_path", ""))
        except OSError:
            return None
        return entry if same_claims and entry.get("fingerprint") == self.fingerprint else None

    def _paths(self, paths: Sequence[Path]) -> str:
        return "\n".join(sorted({_relative(self.place.root, p) for p in paths}))

    def _bibs_digest(self, names: list[str]) -> str:
        """The bibliography files a report read, by name and content ("missing" for one not there yet)."""
        if not names:
            return ""
        digest = hashlib.sha256()
        for name in sorted(names):
            try:
                content = sha256_file(self.place.root / name)
            except OSError:
                content = "missing"
            digest.update(f"{name}\0{content}\n".encode())
        return digest.hexdigest()

    def record(
        self,
        written: list[tuple[Path, Optional[str], Path, str, int]],
        suffixes: set[str],
        bibliographies: Optional[dict[Path, list[Path]]] = None,
        extra: Sequence[Path] = (),
    ) -> None:
        """After a write: (report, its text's sha, claims file, report id, claim count) of each report;
        ``bibliographies``: the bibliography files each report read (named in it, or ``extra``)."""
        self._fingerprint = None  # the .bib files may have grown
        root = self.place.root
        for report, text_sha, claims, report_id, n_claims in written:
            names = self._paths((bibliographies or {}).get(report, []))
            self.entries[_relative(root, report)] = {
                "report": text_sha or "",
                "claims_path": _relative(root, claims),
                "claims": sha256_file(claims),
                "fingerprint": self.fingerprint,
                "id": report_id,
                "n_claims": str(n_claims),
                "bibliographies": names,
                "bibliographies_sha": self._bibs_digest([n for n in names.split("\n") if n]),
                "extra": self._paths(extra),
            }
        from .atomic import write_text
        from .derived import derived_dir

        derived_dir(root)
        state = {"reports": self.entries, "suffixes": sorted(suffixes)}
        write_text(self.path, json.dumps(state, indent=1, sort_keys=True) + "\n")


def enabled() -> bool:
    return not os.environ.get("CLAIMTRACK_INGEST_NO_SKIP")


def all_unchanged(root: Optional[Path], paths: list[Path]) -> Optional[list[tuple[str, dict[str, str]]]]:
    """(report path, ledger entry) of every report ``paths`` name, if every one is unchanged; else None.

    Directories are expanded with the report suffixes the ledger recorded: the
    code that chose them is part of the fingerprint every entry must match.
    """
    try:
        place = where(root) if enabled() else None
    except Exception:  # no project here, an unreadable setting: the full path says so properly
        return None
    if place is None:
        return None
    ledger = Ledger(place)
    if not ledger.entries or not ledger.suffixes:
        return None
    reports: list[Path] = []
    for path in paths or [place.reports_dir]:
        if not path.is_dir():
            return None
        from .reportids import find_reports

        reports += find_reports(path, ledger.suffixes)  # subfolders too, as ingest reads them
    found = []
    for report in reports:
        entry = ledger.unchanged(report, report_digest(report))
        if entry is None:
            return None
        found.append((_relative(place.root, report), entry))
    return found or None


def unchanged_line(source: str, n_claims: Any) -> str:
    return f"{source}: unchanged ({n_claims} claims)"
