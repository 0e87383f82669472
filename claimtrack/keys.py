"""Moved to ``claimtrack.bib.keys``; this name stays while other branches still import it."""

from .bib.keys import ascii_fold, make_key  # noqa: F401
