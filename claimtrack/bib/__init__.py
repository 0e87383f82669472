"""References: the bibliographic model's readers, writers, names, dates, types, keys and merging.

``bibtex_read`` (BibTeX and biblatex), ``csl`` (CSL-JSON and CSL-YAML) and
``ris`` read a library into ``Reference`` objects; ``biblatex_write``,
``bibtex_write``, ``csl`` and ``ris`` write them; ``importer`` merges a
library into a project (``refs import``); ``store`` keeps ``references/*.bib``.
"""
