"""Terminal rendering of command results (rich)."""
