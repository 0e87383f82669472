"""Captures of cited sources: ``claimtrack sources fetch`` and ``refs enrich``.

fetcher (through the link checker's politeness, deny-list and retries)
-> warc (one WARC file per source and fetch) -> store (the captures index)
-> extract/metadata (main text and page metadata, cached in .claimtrack/)
-> enrich (fill a reference's empty fields) and drift (a page that changed).
"""
