"""The captures index: ``<captures>/index.json``, one list of fetches per reference.

Each entry records the URL asked for, the final URL after redirects, the
fetch date, the HTTP status, the link verdict, the content type, the
SHA-256 of the extracted text and the WARC file (relative to the captures
folder).  A failed fetch is recorded too (no file), so ``verify`` can say why
a source is unchecked.  Entries are only ever appended.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .. import atomic
from ..errors import InputError

INDEX_NAME = "index.json"


class Capture(BaseModel):
    model_config = ConfigDict(extra="allow")

    url: str
    final_url: Optional[str] = None
    fetched_at: str  # ISO 8601, UTC
    status: Optional[int] = None
    verdict: str  # the link checker's: alive, redirected, dead, blocked, error...
    detail: str = ""
    content_type: Optional[str] = None
    text_sha256: Optional[str] = None
    text_chars: int = 0
    file: Optional[str] = None  # the WARC file, relative to the captures folder
    bytes: int = 0
    truncated: bool = False

    @property
    def readable(self) -> bool:
        return self.file is not None and self.verdict in ("alive", "redirected")


class CaptureIndex(BaseModel):
    model_config = ConfigDict(extra="allow")

    version: int = 1
    references: dict[str, list[Capture]] = Field(default_factory=dict)

    def latest(self, key: str, *, readable: bool = False) -> Optional[Capture]:
        entries = [c for c in self.references.get(key, []) if c.readable or not readable]
        return entries[-1] if entries else None

    def first(self, key: str) -> Optional[Capture]:
        entries = [c for c in self.references.get(key, []) if c.readable]
        return entries[0] if entries else None

    def add(self, key: str, capture: Capture) -> None:
        self.references.setdefault(key, []).append(capture)


def index_path(captures: Path) -> Path:
    return Path(captures) / INDEX_NAME


def load(captures: Path) -> CaptureIndex:
    """The index (empty if there is none yet); a damaged one is an InputError naming it."""
    path = index_path(captures)
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        return CaptureIndex()
    try:
        return CaptureIndex.model_validate(json.loads(text))
    except (ValueError, ValidationError) as exc:
        line = getattr(exc, "lineno", None)
        raise InputError(f"not a valid captures index: {str(exc).splitlines()[0]}", path, line) from None


def save(captures: Path, index: CaptureIndex) -> bool:
    text = json.dumps(index.model_dump(mode="json", exclude_none=True), indent=1, ensure_ascii=False)
    return atomic.write_text(index_path(captures), text + "\n")
