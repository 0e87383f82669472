"""claimtrack: every factual claim in a report, linked to its sources."""

__version__ = "0.1.0"
