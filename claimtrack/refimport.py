"""Moved to ``claimtrack.bib.importer``; this name stays while other branches still import it."""

from .bib.importer import ImportResult, Merged, Skipped, import_library, read_library  # noqa: F401
