"""Importing the HTTP client while the project is read, when a run will need the network.

aiohttp's import builds its TLS contexts (loading the system's CA certificates)
and takes a good part of the time before the first request.  Most of that
work runs in C without the GIL, so a thread can do it while the main thread
parses the references: the import then costs little of the wall time.  Only
when the run will surely check URLs over the network (no cache yet, or
``--no-cache``): a warm run that answers from the cache should not pay for
an HTTP client at all.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path

from .cache import CACHE_FILE


def _import() -> None:
    # A failed import shows up again, with its message, where the main thread needs the module.
    with contextlib.suppress(ImportError):
        from . import checker  # noqa: F401  (aiohttp and the checker's own modules)
    with contextlib.suppress(ImportError):
        import uvloop  # noqa: F401  (optional: the fast extra)


def start(root: Path | None, use_cache: bool) -> None:
    """Begin importing the checker in the background if this run will go to the network."""
    if use_cache and root is not None and (root / CACHE_FILE).is_file():
        return
    threading.Thread(target=_import, name="claimtrack-preload", daemon=True).start()
