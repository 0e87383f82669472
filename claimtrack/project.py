"""A claimtrack project on disk: its root, settings, claim files and references."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Optional

from . import claimstore, refstore
from .config import Settings, load_settings
from .errors import InputError
from .model import Claim, ClaimFile, Footnote, Reference
from .rootdir import require_root
from .textfile import read_text


@dataclass
class Project:
    root: Path
    settings: Settings
    claim_files: dict[str, ClaimFile] = field(default_factory=dict)  # by report id
    claim_paths: dict[str, Path] = field(default_factory=dict)
    # The text of each .bib file as loaded: a writer appends to what it read, not to a newer file.
    reference_texts: dict[Path, str] = field(default_factory=dict)
    references: dict[str, Reference] = field(default_factory=dict)  # by key

    # -- locations -------------------------------------------------------
    @property
    def claims_dir(self) -> Path:
        return self.root / self.settings.claims

    @property
    def references_dir(self) -> Path:
        return self.root / self.settings.references

    @property
    def reports_dir(self) -> Path:
        return self.root / self.settings.reports

    def relative(self, path: Path) -> str:
        try:
            return str(Path(path).resolve().relative_to(self.root))
        except ValueError:
            return str(path)

    # -- loading -----------------------------------------------------------
    @classmethod
    def open(cls, root: Optional[Path] = None, *, load: bool = True, create: bool = False) -> Project:
        """The project at ``root`` (or found upward); ``create`` accepts a directory with no records yet."""
        root = require_root(root, create=create)
        project = cls(root=root, settings=load_settings(root))
        if load:
            project.load()
        return project

    def load(self) -> None:
        from .transaction import recover_if_abandoned

        recover_if_abandoned(self.root)  # a writer killed mid-commit: finish its commit first
        self.claim_files.clear()
        self.claim_paths.clear()
        self.references.clear()
        self.reference_texts.clear()
        for path in self.reference_files():
            rel = self.relative(path)
            text = read_text(path, allow_empty=True)
            self.reference_texts[path] = text
            for ref in refstore.parse(text, path):
                ref.file = rel
                if ref.key in self.references:
                    first = self.references[ref.key]
                    raise InputError(
                        f"citekey {ref.key!r} is also defined at {first.file}:{first.line}; "
                        "citekeys must be unique across references/",
                        ref.file,
                        ref.line,
                    )
                self.references[ref.key] = ref
        for path in self.claim_file_paths():
            claim_file = claimstore.read(path)
            report_id = claim_file.report.id
            if report_id in self.claim_files:
                raise InputError(
                    f"report id {report_id!r} is also used by {self.claim_paths[report_id]}", path
                )
            self.claim_files[report_id] = claim_file
            self.claim_paths[report_id] = path
        self.__dict__.pop("_by_reference", None)

    def reference_files(self) -> list[Path]:
        return _data_files(self.references_dir, ".bib")

    def claim_file_paths(self) -> list[Path]:
        return _data_files(self.claims_dir, ".yaml")

    # -- queries -----------------------------------------------------------
    def claims(self, report: Optional[str] = None) -> Iterator[Claim]:
        for report_id, claim_file in self.claim_files.items():
            if report is None or report_id == report:
                yield from claim_file.claims

    def footnotes(self, report: Optional[str] = None) -> Iterator[tuple[str, Footnote]]:
        for report_id, claim_file in self.claim_files.items():
            if report is None or report_id == report:
                for footnote in claim_file.footnotes:
                    yield report_id, footnote

    def resolve_report(self, name: str) -> str:
        """A report id from an id, a unique id prefix, or its source path."""
        if name in self.claim_files:
            return name
        wanted = Path(name).as_posix().removeprefix("./")
        # the path from the root (reports/2020/x.md) or from reports/ (2020/x.md)
        by_path = [
            rid
            for rid, cf in self.claim_files.items()
            if wanted in (cf.report.source, cf.report.source.split("/", 1)[-1])
        ]
        by_name = [
            rid for rid, cf in self.claim_files.items() if Path(cf.report.source).name == Path(name).name
        ]
        for found in (by_path, by_name):
            if len(found) == 1:
                return found[0]
        if not self.claim_files:
            raise InputError(f"unknown report {name!r} (none ingested yet)")
        from .names import resolve

        return resolve(name, self.claim_files, "report")

    @cached_property
    def _by_reference(self) -> tuple[dict[str, list[tuple[str, str]]], dict[str, list[str]]]:
        footnotes: dict[str, list[tuple[str, str]]] = defaultdict(list)
        claims: dict[str, list[str]] = defaultdict(list)
        for report_id, footnote in self.footnotes():
            for key in footnote.references:
                footnotes[key].append((report_id, footnote.label))
        for claim in self.claims():
            for key in claim.references:
                claims[key].append(claim.id)
        return footnotes, claims

    def footnotes_citing(self, key: str) -> list[tuple[str, str]]:
        """(report id, footnote label) of every footnote citing ``key``."""
        return self._by_reference[0].get(key, [])

    def claims_citing(self, key: str) -> list[str]:
        return self._by_reference[1].get(key, [])


def _data_files(folder: Path, suffix: str) -> list[Path]:
    """Record files in ``folder`` and its subfolders (nested reports), hidden ones skipped."""
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.rglob(f"*{suffix}")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )
