"""Moved to ``claimtrack.bib.store``; this name stays while other branches still import it."""

from .bib.store import dumps, from_entry, parse, read, to_entry, write  # noqa: F401
