"""``refs check``: references checked against the scholarly registries.

identifiers (offline syntax and check digits) and refids (a reference's
identifiers); settings, transport (polite HTTP) and cache; one client module
per registry (crossref, datacite, arxiv, openlibrary, openalex) returning
``records.Work``; match (ours against theirs); check (the verdicts); results
(``.claimtrack/refcheck.json``); render (the output formats); fix (``--write``).
"""
