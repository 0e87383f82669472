"""The derived lookup index: SQLite with FTS5 under ``<root>/.claimtrack/``.

The index is a cache of ``claims/*.yaml`` and ``references/*.bib``: never
committed, rebuilt incrementally whenever those files change (see
:mod:`.build`), and read by the lookup commands (see :mod:`.query`) so they
stay interactive at hundreds of thousands of claims.
"""
