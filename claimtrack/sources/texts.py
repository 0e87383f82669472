"""The text of a capture, extracted once and kept in ``.claimtrack/source-text/``.

Extraction (trafilatura, pdfminer) costs tens of milliseconds a page; verify
reads the same captures again and again, so the result is cached, keyed by
the capture file.  The cache is derived data: deleting it loses nothing.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Optional

from .. import atomic
from ..derived import derived_dir
from .extract import SourceText, extract
from .warc import read_response

CACHE_DIR = "source-text"
CACHE_VERSION = 2  # raised whenever extraction changes, so cached texts are made again


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _cache_path(root: Path, capture_file: str) -> Path:
    name = hashlib.sha1(capture_file.encode("utf-8")).hexdigest()
    return derived_dir(root) / CACHE_DIR / f"{name}.json"


def load(root: Path, captures: Path, capture_file: str) -> Optional[SourceText]:
    """The text of ``captures/capture_file`` (None if the file holds no answer)."""
    cache = _cache_path(root, capture_file)
    try:
        data = json.loads(cache.read_text("utf-8"))
        if data.get("version") == CACHE_VERSION and data.get("file") == capture_file:
            return SourceText.from_dict(data["text"])
    except (OSError, ValueError, KeyError, TypeError):
        pass  # no cache, or a stale or damaged one: extract again
    response = read_response(Path(captures) / capture_file)
    if response is None:
        return None
    text = extract(response)
    payload = {"version": CACHE_VERSION, "file": capture_file, "text": text.as_dict()}
    atomic.write_text(cache, json.dumps(payload, ensure_ascii=False))
    return text
